"""The HTML that course.js reads: quizzes, lesson headers, learning paths and their chooser.

It is written out directly rather than through Jinja templates: every lesson
has a header and a quiz, so these are the engine's hottest fragments, and as
strings they cost a fifth of what templates did. course.js depends on their
structure (data attributes, names, values), so they are not theme fragments to
override; the presentation-only ones still are (`templates/course/`).

Text from the course is escaped here; Markdown arrives as `Markup`, already
rendered by `SafeMarkdown`, and is inserted as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass
class QuestionView:
    id: str
    anchor: str
    type: str
    roles: Sequence[str]
    prompt: Markup
    prompt_is_block: bool  # paragraphs or lists, which a <legend> may not hold
    input_type: str  # "radio" or "checkbox"
    options: Sequence[Markup]
    post_html: str | None = None


@dataclass
class QuizView:
    id: str
    anchor: str
    lesson_id: str
    title: str
    roles: Sequence[str]
    role_titles: Sequence[str]
    pass_mark: int
    fingerprint: str
    answer_file: str  # under assets/course/answers/, see answer_key.answer_files
    shuffle: bool
    questions: Sequence[QuestionView]


def quiz_html(quiz: QuizView, strings: Mapping[str, str]) -> str:
    anchor = escape(quiz.anchor)
    opening = (
        f'<section class="mc-quiz" id="{anchor}" aria-labelledby="{anchor}-title" '
        f'data-search-exclude data-mc-quiz="{escape(quiz.id)}" '
        f'data-mc-lesson="{escape(quiz.lesson_id)}"{_roles_attribute(quiz.roles)} '
        f'data-mc-pass-mark="{quiz.pass_mark}" data-mc-fingerprint="{escape(quiz.fingerprint)}" '
        f'data-mc-answers="{escape(quiz.answer_file)}"'
        f"{' data-mc-shuffle' if quiz.shuffle else ''}>"
    )
    parts = [opening, f'<h2 class="mc-quiz__title" id="{anchor}-title">{escape(quiz.title)}</h2>']
    if quiz.role_titles:
        audience = strings["quiz_for_roles"].replace("{roles}", ", ".join(quiz.role_titles))
        parts.append(f'<p class="mc-quiz__audience">{escape(audience)}</p>')
    pass_mark = strings["quiz_pass_mark"].replace("{pass_mark}", str(quiz.pass_mark))
    parts.append(f'<p class="mc-quiz__intro">{escape(pass_mark)}</p>')
    parts.append(f'<p class="mc-quiz__nojs">{escape(strings["quiz_needs_javascript"])}</p>')
    parts.append('<form class="mc-quiz__form">')
    question_label = escape(strings["question"])
    parts.extend(_question_html(question, question_label) for question in quiz.questions)
    parts.append("</form>\n</section>")
    return "\n".join(parts)


def _question_html(question: QuestionView, question_label: str) -> str:
    anchor, name = escape(question.anchor), escape(question.id)
    described = f' aria-describedby="{anchor}-prompt"' if question.prompt_is_block else ""
    parts = [
        f'<fieldset class="mc-question" data-mc-question="{name}" '
        f'data-mc-type="{escape(question.type)}"{_roles_attribute(question.roles)}{described}>'
    ]
    if question.prompt_is_block:
        parts.append(f'<legend class="mc-question__legend">{question_label}</legend>')
        parts.append(
            f'<div class="mc-question__prompt" id="{anchor}-prompt">{question.prompt}</div>'
        )
    else:
        parts.append(f'<legend class="mc-question__legend">{question.prompt}</legend>')
    if question.post_html:
        parts.append(question.post_html)
    input_start = (
        '<div class="mc-option"><label class="mc-option__label">'
        f'<input type="{question.input_type}" name="{name}" value="'
    )
    options = "".join(
        f'{input_start}{index}"><span>{option}</span></label></div>'
        for index, option in enumerate(question.options)
    )
    parts.append(f'<div class="mc-question__options">{options}</div>')
    parts.append("</fieldset>")
    return "\n".join(parts)


def _roles_attribute(roles: Sequence[str]) -> str:
    return f' data-mc-roles="{escape(" ".join(roles))}"' if roles else ""


@dataclass
class PathLessonView:
    id: str
    title: str
    summary: str
    minutes: int
    url: str


def lesson_header_html(
    lesson_id: str,
    title: str,
    minutes: int,
    role_titles: Sequence[str],
    objectives: Sequence[Markup],
    strings: Mapping[str, str],
    rolebar: str = "",
) -> str:
    """The lesson's <h1> and, after it, its length, audience, status, role bar and objectives.

    Everything course.js fills in is already here, worded for a new learner (status
    "Not started", the role bar): filling it in never moves the page.
    """
    lesson = escape(lesson_id)
    audience = (
        strings["for_roles"].replace("{roles}", ", ".join(role_titles))
        if role_titles
        else strings["for_everyone"]
    )
    parts = [
        f"<h1>{escape(title)}</h1>",
        f'<div class="mc-lesson" data-mc-lesson="{lesson}">',
        '<p class="mc-lesson__meta">',
        f'<span class="mc-lesson__minutes">{_minutes(minutes, strings)}</span>{_SEPARATOR}',
        f'<span class="mc-lesson__audience">{escape(audience)}</span>{_SEPARATOR}',
        f'<span class="mc-lesson__status" data-mc-lesson-status="{lesson}">'
        f"{escape(strings['lesson_not_started'])}</span>",
        "</p>",
    ]
    if rolebar:
        parts.append(rolebar)
    if objectives:
        parts.append('<div class="mc-lesson__objectives">')
        heading = escape(strings["objectives"])
        parts.append(f'<p class="mc-lesson__objectives-title"><strong>{heading}</strong></p>')
        parts.append("<ul>")
        parts.extend(f"<li>{objective}</li>" for objective in objectives)
        parts.append("</ul>\n</div>")
    parts.append("</div>")
    return "\n".join(parts)


# Seen as a dot, heard as a comma: "5 min, For Sales, Not started".
_SEPARATOR = (
    '<span class="mc-sep"><span aria-hidden="true"> · </span>'
    '<span class="mc-visually-hidden">, </span></span>'
)


@dataclass
class RoleChoiceView:
    id: str
    title: str


def rolebar_html(roles: Sequence[RoleChoiceView], strings: Mapping[str, str]) -> str:
    """The role picker, in the page so nothing moves when course.js sets it up.

    A form: the role applies when the learner presses Apply (arrowing through the
    list applies nothing). Without JavaScript it submits ?role=<id>, which course.js
    understands when it does run.
    """
    if not roles:
        return ""
    options = "".join(
        f'<option value="{escape(role.id)}">{escape(role.title)}</option>' for role in roles
    )
    return (
        '<form class="mc-rolebar" data-search-exclude>'
        f'<label class="mc-rolebar__label" for="mc-role">{escape(strings["role_label"])}</label>'
        '<select class="mc-rolebar__select" id="mc-role" name="role" '
        'aria-describedby="mc-role-hint">'
        f'<option value="everyone">{escape(strings["role_everyone"])}</option>{options}</select>'
        f'<button class="mc-rolebar__apply" type="submit">{escape(strings["role_apply"])}</button>'
        f'<span class="mc-rolebar__hint" id="mc-role-hint">{escape(strings["role_choose"])}</span>'
        '<span class="mc-rolebar__status" role="status"></span>'
        '<span class="mc-notice" role="status"></span>'
        "</form>"
    )


def path_html(
    path_id: str,
    anchor: str,
    title: str,
    description: str | None,
    lessons: Sequence[PathLessonView],
    strings: Mapping[str, str],
    *,
    note: str | None = None,
) -> str:
    """One learning path as a section: heading, size, progress, start button, lessons.

    Search should find a lesson itself, not the paths that list it: the course adds
    paths after search has read the page, and in case another indexer reads them,
    they are marked data-search-exclude and the heading has no id (Material's search
    makes an entry of every heading with one).
    """
    path, name = escape(path_id), escape(title)
    total = _path_total(len(lessons), sum(lesson.minutes for lesson in lessons), strings)
    heading = escape(strings["path_title"].replace("{role}", title))
    parts = [
        f'<section class="mc-path-section" id="{escape(anchor)}" data-search-exclude>',
        f'<h2 class="mc-path-section__title">{heading}</h2>',
    ]
    if description:
        parts.append(f'<p class="mc-path-section__description">{escape(description)}</p>')
    if note:
        parts.append(f'<p class="mc-path-section__note">{escape(note)}</p>')
    parts.append(f'<p class="mc-path__total">{escape(total)}</p>')
    parts.append(_progress_html(path, len(lessons), strings, "p"))
    if lessons:
        parts.append(
            f'<p class="mc-path__start"><a class="md-button md-button--primary" '
            f'href="{escape(lessons[0].url)}" data-mc-continue="{path}">'
            f'<span class="mc-path__start-label">{escape(strings["start_path"])}</span>'
            f'<span class="mc-visually-hidden">: {name}</span></a></p>'
        )
    parts.append(f'<ol class="mc-path" data-mc-path="{path}">')
    parts.extend(_path_item_html(lesson, strings) for lesson in lessons)
    parts.append("</ol>\n</section>")
    return "\n".join(parts)


def _path_item_html(lesson: PathLessonView, strings: Mapping[str, str]) -> str:
    lesson_id = escape(lesson.id)
    return (
        f'<li class="mc-path__item" data-mc-lesson="{lesson_id}">'
        f'<a class="mc-path__link" href="{escape(lesson.url)}">{escape(lesson.title)}</a> '
        f'<span class="mc-path__minutes">{_minutes(lesson.minutes, strings)}</span> '
        f'<span class="mc-path__status" data-mc-lesson-status="{lesson_id}">'
        f"{escape(strings['lesson_not_started'])}</span> "
        f'<span class="mc-path__summary">{escape(lesson.summary)}</span></li>'
    )


@dataclass
class PathChoiceView:
    id: str
    title: str
    description: str | None
    url: str
    lessons: int
    minutes: int
    first_url: str  # the path's first lesson; course.js points it at the first unfinished one


def path_chooser_html(paths: Sequence[PathChoiceView], strings: Mapping[str, str]) -> str:
    """Every learning path with its size; each link selects its role and opens its path."""
    items = []
    for path in paths:
        path_id = escape(path.id)
        total = _path_total(path.lessons, path.minutes, strings)
        description = (
            f'\n<span class="mc-role-choice__description">{escape(path.description)}</span>'
            if path.description
            else ""
        )
        items.append(
            f'<li class="mc-role-choice__item">\n<a class="mc-role-choice__link" '
            f'href="{escape(path.url)}" data-mc-role-link="{path_id}">{escape(path.title)}</a>'
            f'{description}\n<span class="mc-role-choice__size">{escape(total)}</span>\n'
            f"{_progress_html(path_id, path.lessons, strings, 'span')}\n"
            f"{_continue_link(path, strings)}</li>"
        )
    return (
        '<div class="mc-role-choice">\n<ul class="mc-role-choice__list">\n'
        + "\n".join(items)
        + "\n</ul>\n</div>"
    )


def _continue_link(path: PathChoiceView, strings: Mapping[str, str]) -> str:
    """'Start this path' to its first lesson; course.js makes it 'Continue' to the next."""
    if not path.first_url:
        return ""
    return (
        f'<a class="mc-role-choice__continue md-button" href="{escape(path.first_url)}" '
        f'data-mc-continue="{escape(path.id)}"><span class="mc-path__start-label">'
        f"{escape(strings['start_path'])}</span>"
        f'<span class="mc-visually-hidden">: {escape(path.title)}</span></a>\n'
    )


def _progress_html(path_id: str, lessons: int, strings: Mapping[str, str], tag: str) -> str:
    """'0 of 5 lessons done', as a new learner sees it; course.js counts the learner's."""
    text = strings["progress"].replace("{done}", "0").replace("{total}", str(lessons))
    return (
        f'<{tag} class="mc-path__progress" data-mc-path-progress="{path_id}">{escape(text)}</{tag}>'
    )


def _path_total(count: int, minutes: int, strings: Mapping[str, str]) -> str:
    """A path's size, like '17 lessons, 84 minutes in all' (not yet escaped)."""
    wording = strings["path_total_one" if count == 1 else "path_total"]
    return wording.replace("{count}", str(count)).replace("{minutes}", str(minutes))


def _minutes(minutes: int, strings: Mapping[str, str]) -> Markup:
    return escape(strings["minutes"].replace("{minutes}", str(minutes)))
