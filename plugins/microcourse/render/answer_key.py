"""The answer key a quiz carries for the browser, kept out of sight in the page source.

This is obfuscation, not secrecy: a learner who wants the answers can decode
them. It keeps them from anyone glancing at the source, from screen readers
before answering, and from the site's search index.

Keys live in answer files beside the site, a few quizzes to a file (see
`answer_files`), which course.js fetches when a learner checks an answer.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
from collections.abc import Mapping

from ..model import Course, Quiz
from .safe_markdown import SafeMarkdown

QUIZZES_PER_ANSWER_FILE = 12


def answer_files(course: Course, fingerprints: Mapping[str, str]) -> dict[str, str]:
    """The answer file of every quiz, by quiz id (`fingerprints` are by quiz id too).

    A file holds the quizzes of lessons that follow each other in one folder (a
    module, usually), in navigation order, up to a dozen: a learner's browser
    fetches one small file for several lessons, and a build writes a tenth of the
    files it would write with one per quiz. A file is named by its number and a
    digest of its quizzes' answer fingerprints, so a changed answer is a new file
    that no browser has cached.
    """
    groups: list[list[Quiz]] = []
    folder: str | None = None
    placed: set[str] = set()
    for lesson in course.lessons:
        lesson_folder = posixpath.dirname(lesson.src_path)
        for quiz in lesson.quizzes:
            if lesson_folder != folder or len(groups[-1]) == QUIZZES_PER_ANSWER_FILE:
                groups.append([])
                folder = lesson_folder
            groups[-1].append(quiz)
            placed.add(quiz.id)
    unplaced = [quiz for quiz in course.quizzes if quiz.id not in placed]  # not on a lesson
    groups.extend(
        unplaced[i : i + QUIZZES_PER_ANSWER_FILE]
        for i in range(0, len(unplaced), QUIZZES_PER_ANSWER_FILE)
    )
    files = {}
    for number, quizzes in enumerate(groups, start=1):
        answers = ",".join(f"{q.id}={fingerprints[q.id]}" for q in quizzes)
        digest = hashlib.sha256(answers.encode()).hexdigest()[:10]
        files.update({quiz.id: f"{number}-{digest}.json" for quiz in quizzes})
    return files


def answer_key_json(quiz: Quiz, markdown: SafeMarkdown) -> dict[str, dict[str, object]]:
    key: dict[str, dict[str, object]] = {}
    for question in quiz.questions:
        entry: dict[str, object] = {"c": question.correct_indexes()}
        feedback = {
            str(i): str(markdown.block(option.feedback))
            for i, option in enumerate(question.options)
            if option.feedback
        }
        if feedback:
            entry["f"] = feedback
        if question.explanation:
            entry["x"] = str(markdown.block(question.explanation))
        key[question.id] = entry
    return key


def encode(data: object, secret: str) -> str:
    """JSON, XORed with `secret` (repeating), in base64; course.js reverses it."""
    plain = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.b64encode(_xor(plain, secret.encode())).decode()


def decode(encoded: str, secret: str) -> object:
    return json.loads(_xor(base64.b64decode(encoded), secret.encode()))


def _xor(data: bytes, key: bytes) -> bytes:
    """`data` XOR `key` repeated; as one big integer, which is far faster than bytewise."""
    mask = (key * (len(data) // len(key) + 1))[: len(data)]
    mixed = int.from_bytes(data, "big") ^ int.from_bytes(mask, "big")
    return mixed.to_bytes(len(data), "big")
