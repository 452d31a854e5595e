"""Reads a self-check (a quiz file with `type: self_check`), reporting every mistake with its place.

A self-check is ungraded: prompts a team rates on a scale the author writes
(like green, amber, red), each rating with its next steps, and optionally a
prompt's own next step for a rating.
"""

from __future__ import annotations

from ..model import Rating, SelfCheck, SelfCheckPrompt
from .yaml_source import MappingReader, node_location

SELF_CHECK = "self_check"
SELF_CHECK_KEYS = ["type", "id", "title", "lesson", "intro", "scale", "prompts"]
RATING_KEYS = ["id", "label", "next_steps"]
PROMPT_KEYS = ["id", "text", "next_steps"]
MIN_RATINGS = 2


def load_self_check(check: MappingReader, default_id: str, before: int) -> SelfCheck | None:
    """`before` is the count of problems before this file, to tell whether it had any."""
    check.what = "the self-check"
    check.check_keys(SELF_CHECK_KEYS)
    check_id = check.identifier("id") or default_id
    lesson = check.text(
        "lesson",
        required=True,
        fix_if_empty="write the path of the self-check's lesson under content/ after "
        "'lesson:', like 'readiness/team-self-check.md'",
    )
    title = check.text("title")
    intro = check.text("intro")
    scale = _load_scale(check)
    prompts = _load_prompts(check, {rating.id for rating in scale})
    if len(check.diagnostics) > before or lesson is None:
        return None
    return SelfCheck(
        id=check_id,
        lesson=lesson,
        title=title or "",
        scale=scale,
        prompts=prompts,
        intro=intro,
        source=check.path,
        lesson_location=node_location(check.path, check.keys["lesson"][1]),
        id_location=node_location(check.path, check.keys["id"][1]) if check.has("id") else None,
    )


def _load_scale(check: MappingReader) -> list[Rating]:
    items = check.sequence("scale", required=True)
    if items is None:
        return []
    if len(items) < MIN_RATINGS:
        check.error(
            check.keys["scale"][1],
            f"the self-check's 'scale' has {len(items)} rating(s); it needs at least "
            f"{MIN_RATINGS}, like green, amber and red",
        )
    ratings: list[Rating] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        r = check.child(item, f"rating {number} of the scale")
        if r is None:
            continue
        rating_id = r.identifier("id", required=True)
        if rating_id is not None:
            r.what = f"rating '{rating_id}'"
        r.check_keys(RATING_KEYS)
        label = r.text("label", required=True)
        next_steps = r.text(
            "next_steps",
            required=True,
            fix_if_empty="write what a team should do about a prompt it rates this way",
        )
        if rating_id is None or label is None or next_steps is None:
            continue
        if rating_id in seen:
            r.error(
                r.keys["id"][1],
                f"rating id '{rating_id}' is used twice in the scale (first on line "
                f"{seen[rating_id]}); give each rating its own id",
            )
            continue
        seen[rating_id] = item.start_mark.line + 1
        ratings.append(Rating(rating_id, label, next_steps))
    return ratings


def _load_prompts(check: MappingReader, rating_ids: set[str]) -> list[SelfCheckPrompt]:
    items = check.sequence("prompts", required=True)
    if items is None:
        return []
    if not items:
        check.error(check.keys["prompts"][1], "'prompts' is empty; add at least one")
    prompts: list[SelfCheckPrompt] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(items, start=1):
        p = check.child(item, f"prompt {number}")
        if p is None:
            continue
        prompt_id = p.identifier("id", required=True)
        if prompt_id is not None:
            p.what = f"prompt '{prompt_id}'"
        p.check_keys(PROMPT_KEYS)
        text = p.text("text", required=True)
        steps: dict[str, str] = {}
        own = p.mapping("next_steps")
        if own is not None:
            own.what = f"the 'next_steps' of {p.what}"
            for rating in own:
                key_node = own.keys[rating][0]
                if rating not in rating_ids:
                    known = ", ".join(sorted(rating_ids)) or "(none yet)"
                    own.error(
                        key_node,
                        f"'{rating}' is not a rating of the scale; the 'next_steps' of a "
                        f"prompt are keyed by rating id: {known}",
                    )
                    continue
                step = own.text(rating)
                if step is not None:
                    steps[rating] = step
        if prompt_id is None or text is None:
            continue
        if prompt_id in seen:
            p.error(
                p.keys["id"][1],
                f"prompt id '{prompt_id}' is used twice in the self-check (first on line "
                f"{seen[prompt_id]}); give each prompt its own id",
            )
            continue
        seen[prompt_id] = item.start_mark.line + 1
        prompts.append(SelfCheckPrompt(prompt_id, text, steps))
    return prompts
