// Pipeline target.
