"""A quiz's HTML, written out directly rather than through a template.

Every lesson carries a quiz, so this is the engine's hottest fragment: built as
strings, it costs a fifth of what the Jinja fragment did. course.js reads this
structure (the data attributes, names and values), so it is not a theme
fragment to override; the post mock-up inside a question still is
(`course/post.html`).

Text from the course is escaped here; prompts and options arrive as `Markup`,
already rendered by `SafeMarkdown`, and are inserted as they are.
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
    shuffle: bool
    questions: Sequence[QuestionView]


def quiz_html(quiz: QuizView, strings: Mapping[str, str]) -> str:
    anchor = escape(quiz.anchor)
    opening = (
        f'<section class="mc-quiz" id="{anchor}" aria-labelledby="{anchor}-title" '
        f'data-search-exclude data-mc-quiz="{escape(quiz.id)}" '
        f'data-mc-lesson="{escape(quiz.lesson_id)}"{_roles_attribute(quiz.roles)} '
        f'data-mc-pass-mark="{quiz.pass_mark}" data-mc-fingerprint="{escape(quiz.fingerprint)}"'
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
