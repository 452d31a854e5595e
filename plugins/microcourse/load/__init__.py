"""Text in, model and located problems out: settings, lessons, quizzes, videos and captions."""
