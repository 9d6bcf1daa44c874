"""`flask backup`: a consistent copy of a SQLite database taken while the app runs."""
