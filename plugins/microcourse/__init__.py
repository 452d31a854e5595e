"""A microlearning course engine: lessons, role paths, quizzes and videos.

The engine knows nothing of MkDocs; `microcourse.mkdocs_plugin` adapts it.
"""
