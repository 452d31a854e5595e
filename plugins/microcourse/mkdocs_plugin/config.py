"""Settings of the course plugin, under `plugins: - course:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class CourseConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the course off, for a plain documentation build."""

    # roles, pass_mark and strings are checked by the course engine, which reads them
    # from mkdocs.yml's own lines so that its messages can name them; hence `object`.
    roles = c.Type(object, default=[])
    """The roles learners choose from: each an `id`, a `title` and a `description`."""

    pass_mark = c.Type(object, default=80)
    """The percentage a quiz needs when it sets no `pass_mark` of its own."""

    signoffs = c.Type(object, default=[])
    """Statements learners sign after the lessons they cover: `id`, `statement`, `lessons`."""

    everyone_path_note = c.Optional(c.Type(object))
    """Why the path of the lessons for everyone is as it is (a role's is its `path_note`)."""

    quizzes_dir = c.Type(str, default="quizzes")
    """The folder of quiz banks, relative to mkdocs.yml."""

    strings = c.Type(object, default={})
    """Interface wording, by key; overrides the built-in text for `theme.language`."""

    storage_key = c.Type(str, default="microcourse")
    """The browser storage name for progress; change it to start everyone afresh."""
