"""Command-line entry points: course-check and the safe build."""
