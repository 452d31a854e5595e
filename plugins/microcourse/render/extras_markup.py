"""The HTML that course-extras.js reads: a sign-off, a team self-check, the record page.

Like markup.py, written directly and not a theme fragment to override: the script
depends on its structure. Each block carries `data-mc-extras`, which tells
course.js to load course-extras.js on that page. Text from the course is escaped;
Markdown arrives as `Markup`, rendered by `SafeMarkdown`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


def _fill(strings: Mapping[str, str], key: str, **values: object) -> str:
    text = strings[key]
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    return text


@dataclass
class LessonLink:
    id: str
    title: str
    url: str


def signoff_html(
    signoff_id: str,
    statement: str,
    version: str,
    changed: str,
    lessons: Sequence[LessonLink],
    strings: Mapping[str, str],
) -> str:
    """The sign-off form: shown by course-extras.js once the covered lessons are complete."""
    anchor = escape(f"signoff-{signoff_id}")
    covered = "".join(
        f'<li class="mc-signoff__lesson" data-mc-lesson="{escape(lesson.id)}">'
        f'<a href="{escape(lesson.url)}">{escape(lesson.title)}</a></li>'
        for lesson in lessons
    )
    return "\n".join(
        [
            f'<section class="mc-signoff" id="{anchor}" aria-labelledby="{anchor}-title" '
            f'data-search-exclude data-mc-extras data-mc-signoff="{escape(signoff_id)}">',
            f'<h2 class="mc-signoff__title" id="{anchor}-title">'
            f"{escape(strings['signoff_title'])}</h2>",
            f'<p class="mc-signoff__version">'
            f"{escape(_fill(strings, 'signoff_version', version=version, changed=changed))}</p>",
            f'<p class="mc-signoff__covers">{escape(strings["signoff_covers"])}</p>',
            f'<ul class="mc-signoff__lessons">{covered}</ul>',
            f'<p class="mc-signoff__nojs">{escape(strings["signoff_needs_javascript"])}</p>',
            '<p class="mc-signoff__status" role="status"></p>',
            '<form class="mc-signoff__form" hidden>',
            f'<p><label class="mc-signoff__agree"><input type="checkbox" name="agree"> '
            f"<span>{escape(statement)}</span></label></p>",
            f'<p><label for="{anchor}-name">{escape(strings["signoff_name"])}</label> '
            f'<input type="text" id="{anchor}-name" class="mc-signoff__name" name="name" '
            'autocomplete="name" maxlength="200"></p>',
            f'<p><button type="submit" class="md-button md-button--primary">'
            f"{escape(strings['signoff_sign'])}</button></p>",
            "</form>",
            "</section>",
        ]
    )


@dataclass
class RatingView:
    id: str
    label: str
    next_steps: Markup


@dataclass
class SelfCheckPromptView:
    id: str
    text: Markup
    next_steps: Mapping[str, Markup]  # rating id -> this prompt's own step


@dataclass
class SelfCheckView:
    id: str
    title: str
    intro: Markup | None
    scale: Sequence[RatingView]
    prompts: Sequence[SelfCheckPromptView]


def self_check_html(check: SelfCheckView, strings: Mapping[str, str]) -> str:
    """Prompts with the author's rating scale, then the summary course-extras.js fills in."""
    anchor = escape(f"self-check-{check.id}")
    parts = [
        f'<section class="mc-selfcheck" id="{anchor}" aria-labelledby="{anchor}-title" '
        f'data-search-exclude data-mc-extras data-mc-self-check="{escape(check.id)}">',
        f'<h2 class="mc-selfcheck__title" id="{anchor}-title">{escape(check.title)}</h2>',
    ]
    if check.intro:
        parts.append(f'<div class="mc-selfcheck__intro">{check.intro}</div>')
    parts.append(f'<p class="mc-selfcheck__note">{escape(strings["self_check_private"])}</p>')
    parts.append('<form class="mc-selfcheck__form">')
    for number, prompt in enumerate(check.prompts, start=1):
        name = escape(f"{check.id}--{prompt.id}")
        parts.append(
            f'<fieldset class="mc-selfcheck__prompt" data-mc-prompt="{escape(prompt.id)}">'
            f'<legend class="mc-selfcheck__legend">{number}. {prompt.text}</legend>'
            '<div class="mc-selfcheck__ratings">'
        )
        parts.extend(
            f'<label class="mc-selfcheck__rating mc-selfcheck__rating--{escape(rating.id)}">'
            f'<input type="radio" name="{name}" value="{escape(rating.id)}"> '
            f"<span>{escape(rating.label)}</span></label>"
            for rating in check.scale
        )
        parts.append("</div>")
        parts.extend(
            f'<div class="mc-selfcheck__step" data-mc-rating="{escape(rating)}" hidden>{step}</div>'
            for rating, step in prompt.next_steps.items()
        )
        parts.append("</fieldset>")
    parts.append("</form>")
    parts.append(f'<div class="mc-selfcheck__summary" id="{anchor}-summary" hidden>')
    parts.append(
        f'<h3 class="mc-selfcheck__summary-title">{escape(strings["self_check_summary"])}</h3>'
    )
    parts.append('<p class="mc-selfcheck__count" role="status"></p>')
    for rating in check.scale:
        parts.append(
            f'<section class="mc-selfcheck__group" data-mc-rating="{escape(rating.id)}" hidden>'
            f'<h4 class="mc-selfcheck__group-title">{escape(rating.label)}</h4>'
            '<ul class="mc-selfcheck__list"></ul>'
            f'<div class="mc-selfcheck__next">{rating.next_steps}</div></section>'
        )
    parts.append(
        f'<p><button type="button" class="md-button mc-selfcheck__clear">'
        f"{escape(strings['self_check_clear'])}</button></p>"
    )
    parts.append("</div>\n</section>")
    return "\n".join(parts)


def record_html(
    course_name: str,
    build: str,
    built: str,
    lessons: Sequence[LessonLink],
    strings: Mapping[str, str],
) -> str:
    """The record of completion's frame; what the learner did comes from their browser."""
    about = _fill(strings, "record_build", course=course_name, build=build, date=built)
    items = "".join(
        f'<li class="mc-record__lesson" data-mc-lesson="{escape(lesson.id)}" hidden>'
        f'<span class="mc-record__lesson-title">{escape(lesson.title)}</span> '
        '<span class="mc-record__lesson-status"></span></li>'
        for lesson in lessons
    )
    return "\n".join(
        [
            f'<div class="mc-record" data-search-exclude data-mc-extras data-mc-record '
            f'data-mc-course-name="{escape(course_name)}" data-mc-build="{escape(build)}">',
            f'<p class="mc-record__course">{escape(about)}</p>',
            f'<p class="mc-record__nojs">{escape(strings["record_needs_javascript"])}</p>',
            '<div class="mc-record__body" hidden>',
            '<dl class="mc-record__facts"></dl>',
            f'<h2 class="mc-record__heading">{escape(strings["record_lessons"])}</h2>',
            f'<ol class="mc-record__lessons">{items}</ol>',
            f'<h2 class="mc-record__heading">{escape(strings["record_signoffs"])}</h2>',
            '<ul class="mc-record__signoffs"></ul>',
            f'<p class="mc-record__actions"><button type="button" class="md-button '
            f'md-button--primary mc-record__print">{escape(strings["record_print"])}</button></p>',
            "</div>",
            f'<p class="mc-record__honesty">{escape(strings["record_honesty"])}</p>',
            '<div class="mc-record__files">',
            f'<h2 class="mc-record__files-title">{escape(strings["record_files_title"])}</h2>',
            f"<p>{escape(strings['record_files_help'])}</p>",
            f'<p><button type="button" class="md-button mc-record__export">'
            f"{escape(strings['record_export'])}</button> "
            f'<label class="md-button mc-record__import">{escape(strings["record_import"])}'
            '<input type="file" class="mc-visually-hidden" accept=".json,application/json">'
            "</label></p>",
            '<p class="mc-record__file-status" role="status"></p>',
            "</div>",
            "</div>",
        ]
    )
