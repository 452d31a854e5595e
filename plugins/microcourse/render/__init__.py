"""The model to HTML and words: quizzes, lesson headers, learning paths, answer keys, interface strings."""
