"""The quiz review: a loaded course in, located warnings about unfair items out."""
