"""Reads quiz banks (YAML) into `Quiz` objects, reporting every mistake with its place."""

from __future__ import annotations

from collections.abc import Collection

import yaml

from ..diagnostics import Diagnostics, Location
from ..model import PLATFORMS, QUESTION_TYPES, Acceptance, Option, Post, Question, Quiz, SelfCheck
from ..review.rule_names import QUESTION_RULES, QUIZ_RULES
from .self_check_loader import SELF_CHECK, load_self_check
from .yaml_source import (
    MappingReader,
    as_mapping,
    describe,
    is_empty,
    node_location,
    parse_yaml,
    suggest,
)

QUIZ_KEYS = ["id", "title", "lesson", "roles", "pass_mark", "shuffle", "accept", "questions"]
QUESTION_KEYS = [
    "id",
    "type",
    "prompt",
    "options",
    "answer",
    "explanation",
    "post",
    "roles",
    "accept",
]
OPTION_KEYS = ["text", "correct", "feedback"]
POST_KEYS = ["platform", "author", "handle", "text"]


def load_quiz(
    path: str,
    text: str,
    diagnostics: Diagnostics,
    *,
    default_id: str,
    default_pass_mark: int,
    declared_roles: Collection[str] | None = None,
) -> Quiz | SelfCheck | None:
    """One quiz file (a graded quiz, or with `type: self_check` an ungraded self-check);
    `None` if it is too broken to use (the reasons are in `diagnostics`)."""
    before = len(diagnostics)
    root = parse_yaml(path, text, diagnostics)
    if root is None or is_empty(root):
        if len(diagnostics) == before:
            diagnostics.error(
                Location(path),
                "this quiz file is empty; it needs at least 'lesson:' and 'questions:'",
            )
        return None
    quiz_map = as_mapping(path, root, diagnostics, "the quiz", text)
    if quiz_map is None:
        return None
    if quiz_map.has("type"):
        kind = quiz_map.text("type")
        if kind == SELF_CHECK:
            return load_self_check(quiz_map, default_id, before)
        if kind is not None:
            quiz_map.error(
                quiz_map.keys["type"][1],
                f"a quiz file's 'type' is '{SELF_CHECK}' (an ungraded self-check), not "
                f"'{kind}'; leave 'type' out for a graded quiz",
            )
    quiz_map.check_keys([*QUIZ_KEYS, "type"] if quiz_map.has("type") else QUIZ_KEYS)
    quiz_id = quiz_map.identifier("id") or default_id
    lesson = quiz_map.text(
        "lesson",
        required=True,
        fix_if_empty="write the path of the quiz's lesson under content/ after 'lesson:', "
        "like 'twitter/first-post.md'",
    )
    title = quiz_map.text("title")
    shuffle = quiz_map.boolean("shuffle")
    pass_mark = quiz_map.whole_number("pass_mark")
    if pass_mark is not None and not 0 <= pass_mark <= 100:
        quiz_map.error(
            quiz_map.keys["pass_mark"][1],
            f"'pass_mark' is a percentage from 0 to 100, not {pass_mark}",
        )
        pass_mark = None
    roles = quiz_map.roles("roles", declared_roles)
    accepted = _load_accept(
        quiz_map, QUIZ_RULES, "it is about one question: accept it under that question"
    )
    questions = _load_questions(quiz_map, quiz_id, roles, declared_roles)
    if len(diagnostics) > before or lesson is None:
        return None
    return Quiz(
        id=quiz_id,
        lesson=lesson,
        questions=questions,
        pass_mark=default_pass_mark if pass_mark is None else pass_mark,
        title=title,
        roles=roles,
        shuffle=bool(shuffle),
        source=path,
        lesson_location=node_location(path, quiz_map.keys["lesson"][1]),
        id_location=node_location(path, quiz_map.keys["id"][1]) if quiz_map.has("id") else None,
        accepted=accepted,
    )


def _load_accept(reader: MappingReader, rules: list[str], elsewhere: str) -> dict[str, Acceptance]:
    """`accept:` maps the name of a quiz review rule to the author's reason for the exception.

    `rules` are the ones this level may accept; `elsewhere` says where the others go.
    """
    node = reader.value("accept")
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        reader.error(
            node,
            f"'accept' in {reader.what} must be 'rule: reason' lines, like "
            f"'{rules[0]}: why this is deliberate' on the next line, indented; "
            f"not {describe(node)}",
        )
        return {}
    accept = MappingReader(reader.path, node, reader.diagnostics, f"'accept' of {reader.what}")
    accept.source = reader.source
    accepted: dict[str, Acceptance] = {}
    for rule, (key_node, _) in accept.keys.items():
        if rule not in rules:
            others = QUESTION_RULES if rules is QUIZ_RULES else QUIZ_RULES
            fix = (
                elsewhere
                if rule in others
                else f"{suggest(rule, rules)}{reader.what} can accept: {', '.join(rules)}"
            )
            reader.error(key_node, f"'{rule}' cannot be accepted here; {fix}")
            continue
        reason = accept.text(
            rule,
            required=True,
            fix_if_empty=f"say after '{rule}:' why this exception is deliberate",
        )
        if reason is not None:
            accepted[rule] = Acceptance(reason, node_location(reader.path, key_node))
    return accepted


def _load_questions(
    quiz_map: MappingReader,
    quiz_id: str,
    quiz_roles: tuple[str, ...],
    declared_roles: Collection[str] | None,
) -> list[Question]:
    items = quiz_map.sequence("questions", required=True)
    if items is None:
        return []
    if not items:
        quiz_map.error(quiz_map.keys["questions"][1], "'questions' is empty; add at least one")
    questions: list[Question] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        question = _load_question(quiz_map, item, number, quiz_roles, declared_roles)
        if question is None:
            continue
        if question.id in seen:
            quiz_map.error(
                item,
                f"question id '{question.id}' is used twice in quiz '{quiz_id}' "
                f"(first on line {seen[question.id]}); give each question its own id",
            )
            continue
        seen[question.id] = item.start_mark.line + 1
        questions.append(question)
    return questions


def _load_question(
    quiz_map: MappingReader,
    node: yaml.Node,
    number: int,
    quiz_roles: tuple[str, ...],
    declared_roles: Collection[str] | None,
) -> Question | None:
    q = quiz_map.child(node, f"question {number}")
    if q is None:
        return None
    q.check_keys(QUESTION_KEYS)
    question_id = q.identifier("id", required=True)
    name = f"question '{question_id}'" if question_id else f"question {number}"
    q.what = name
    qtype = q.text("type", required=True)
    if qtype is not None and qtype not in QUESTION_TYPES:
        q.error(
            q.keys["type"][1],
            f"{name} has type '{qtype}'; use one of {', '.join(QUESTION_TYPES)}",
        )
        qtype = None
    prompt = q.text("prompt", required=True)
    roles = q.roles("roles", declared_roles)
    outside = [role for role in roles if quiz_roles and role not in quiz_roles]
    if outside:
        q.error(
            q.keys["roles"][1],
            f"{name} is for {', '.join(outside)}, but its quiz is only for "
            f"{', '.join(quiz_roles)}; use roles from the quiz's list, or add them there",
        )
    post = _load_post(q)
    explanation = q.text("explanation")
    accepted = _load_accept(
        q, QUESTION_RULES, "it is about the whole quiz: accept it in the quiz's own 'accept:'"
    )
    options: list[Option] = []
    answer: bool | None = None
    if qtype == "true_false":
        if q.has("options"):
            q.error(
                q.key_node("options"),
                f"{name} is true_false, so it takes 'answer: true' or 'answer: false' "
                "instead of 'options'",
            )
        answer = q.boolean("answer")
        if not q.has("answer"):
            q.error(q.node, f"{name} is true_false and needs 'answer: true' or 'answer: false'")
    elif qtype in ("single", "multiple"):
        if q.has("answer"):
            q.error(
                q.key_node("answer"),
                f"'answer' is only for true_false questions; in a {qtype} question "
                "mark the right option with 'correct: true'",
            )
        options = _load_options(q, name, qtype)
    if question_id is None or qtype is None or prompt is None:
        return None
    return Question(
        id=question_id,
        type=qtype,
        prompt=prompt,
        options=options,
        answer=answer,
        explanation=explanation,
        post=post,
        roles=roles,
        location=q.location,
        prompt_location=node_location(q.path, q.keys["prompt"][1]),
        accepted=accepted,
    )


def _load_options(q: MappingReader, name: str, qtype: str) -> list[Option]:
    items = q.sequence("options", required=True)
    if items is None:
        return []
    options: list[Option] = []
    seen: dict[str, int] = {}
    correct_count = 0
    # The count of correct options is only meaningful if every 'correct' could be read.
    count_known = True
    for number, item in enumerate(items, start=1):
        o = q.child(item, f"option {number} of {name}")
        if o is None:
            count_known = False
            continue
        o.check_keys(OPTION_KEYS)
        text = o.text("text", required=True)
        correct = o.boolean("correct")
        if o.has("correct") and correct is None:
            count_known = False
        correct_count += bool(correct)
        feedback = o.text("feedback")
        if text is None:
            continue
        if text in seen:
            o.error(
                o.keys["text"][1],
                f"option '{text}' appears twice in {name} (first on line {seen[text]}); "
                "each option needs different text",
            )
            continue
        seen[text] = item.start_mark.line + 1
        location = node_location(o.path, o.keys["text"][1])
        options.append(Option(text, bool(correct), feedback, location))
    where = q.keys["options"][1]
    if len(items) < 2:
        q.error(where, f"{name} ({qtype}) has {len(items)} option(s); it needs at least 2")
    if qtype == "single" and correct_count != 1 and count_known:
        q.error(
            where,
            f"{name} (single) has {correct_count} correct options; "
            "a single-choice question needs exactly 1",
        )
    if qtype == "multiple" and correct_count == 0 and count_known:
        q.error(
            where,
            f"{name} (multiple) has no correct option; mark at least one with 'correct: true'",
        )
    return options


def _load_post(q: MappingReader) -> Post | None:
    p = q.mapping("post")
    if p is None:
        return None
    p.what = f"the post of {q.what}"
    p.check_keys(POST_KEYS)
    platform = p.text("platform", required=True)
    if platform is not None and platform not in PLATFORMS:
        p.error(
            p.keys["platform"][1],
            f"platform '{platform}' is not supported; use one of {', '.join(PLATFORMS)}",
        )
        platform = None
    author = p.text("author", required=True)
    text = p.text("text", required=True)
    handle = p.text("handle")
    if platform is None or author is None or text is None:
        return None
    return Post(platform=platform, author=author, text=text, handle=handle)
