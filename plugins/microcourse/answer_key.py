"""The answer key a quiz carries for the browser, kept out of sight in the page source.

This is obfuscation, not secrecy: a learner who wants the answers can decode
them. It keeps them from anyone glancing at the source, from screen readers
before answering, and from the site's search index.
"""

from __future__ import annotations

import base64
import json

from .model import Quiz
from .safe_markdown import SafeMarkdown


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
