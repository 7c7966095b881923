// Understanding target.
