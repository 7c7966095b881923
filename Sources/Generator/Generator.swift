// Generator target.
