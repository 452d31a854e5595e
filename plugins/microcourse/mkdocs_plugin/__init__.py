"""The MkDocs adapter of the course engine."""
