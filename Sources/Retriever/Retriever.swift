// Retriever target.
