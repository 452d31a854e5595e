"""YAML read as a tree of located nodes, with typed, author-friendly accessors.

Nothing is converted by YAML's own type rules: every scalar stays the text the
author wrote, and only fields that mean a boolean or a number are read as one,
by the accessors below. That is what keeps an option `no` or `2017-11-07` as
written, and what lets every message name a line and column.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

import yaml

from ..diagnostics import Diagnostics, Location


class _UntypedLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml where PyYAML has it, and no guessing of types (the accessors decide).

    Node tags are never read here, so resolving `280` to an int for every scalar
    is wasted; this loader is several times faster than the pure-Python one.
    """

    def resolve(self, kind: type[yaml.Node], value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}
FAST_LOADER = _UntypedLoader
_HASHTAG_AFTER = re.compile(r"\s*#(\w[\w-]*)")
_SPECIAL_LEAD = re.compile(r"[&!]\S*")
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_WHOLE_NUMBER = re.compile(r"[-+]?[0-9]+")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def node_location(path: str, node: yaml.Node) -> Location:
    mark = node.start_mark
    return Location(path, mark.line + 1, mark.column + 1)


def parse_yaml(
    path: str, text: str, diagnostics: Diagnostics, document: str = "quiz"
) -> yaml.Node | None:
    """Compose one YAML document, or report why it cannot be read."""
    if _odd_spaces_reported(path, text, diagnostics):
        return None
    try:
        documents = list(yaml.compose_all(text, Loader=FAST_LOADER))
    except (yaml.YAMLError, RecursionError):
        pass  # read again below with the pure-Python loader, whose messages we explain
    else:
        if len(documents) <= 1:
            return documents[0] if documents else None
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        where, problem, fix = _explain_syntax_error(exc)
        runaway = _runaway_quote(text, exc)
        if runaway is not None:
            where, problem, fix = runaway
        curly = _curly_quote(text, where)
        if curly is not None:
            where, problem, fix = curly
        diagnostics.error(
            _clamp(path, text, where.line, where.column) if where else Location(path),
            f"this is not valid YAML ({problem}); {fix}",
        )
        return None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        diagnostics.error(
            Location(path, line, column),
            f"this file contains a character YAML does not allow (U+{exc.character:04X}); "
            "delete it (it is often pasted in by accident)",
        )
        return None
    except RecursionError:
        diagnostics.error(_where_too_deep(path, text), TOO_DEEP)
        return None
    if len(documents) > 1:
        starts = [
            e
            for e in yaml.parse(text, Loader=yaml.SafeLoader)
            if isinstance(e, yaml.DocumentStartEvent)
        ]
        mark = starts[1].start_mark
        diagnostics.error(
            _clamp(path, text, mark.line, mark.column) if mark else Location(path),
            f"a {document} file holds one {document}; remove this '---' and everything after "
            f"it, or move the second {document} into a file of its own",
        )
    return documents[0] if documents else None


_MAX_DEPTH = 100
TOO_DEEP = (
    f"this is nested too deeply to read (more than {_MAX_DEPTH} lists or key: value levels "
    "inside each other start here); check the brackets and indentation"
)


def _where_too_deep(path: str, text: str) -> Location:
    return where_too_deep(path, text) or Location(path)


def where_too_deep(path: str, text: str) -> Location | None:
    """Where nesting first goes deeper than anyone writes by hand, if it does (YAML's
    parser, unlike its composer, keeps its own stack, so it can walk any depth)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                mark = event.start_mark
                if depth > _MAX_DEPTH and mark is not None:
                    return _clamp(path, text, mark.line, mark.column)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass
    return None


def _clamp(path: str, text: str, line: int, column: int) -> Location:
    """YAML reports errors at the end of the stream one line past the last; use the last."""
    lines = text.splitlines() or [""]
    if line < len(lines):
        return Location(path, line + 1, column + 1)
    return Location(path, len(lines), len(lines[-1]) + 1)


# PyYAML's wording for the mistakes authors make most, and what it means to them.
_PLAIN_PROBLEMS = [
    (
        r"mapping values are not allowed here",
        "a ': ' here starts a new key",
        "either this line is indented more than the keys above it, or its text holds "
        "': ' and needs quotes, like text: \"Note: this\"",
    ),
    (
        r"could not find expected ':'",
        "a line here is not 'key: value'",
        "add the missing ':' or, if the text goes on over several lines, put it in quotes",
    ),
    (
        r"found character '[@`]' that cannot start any token",
        "text that starts with @ or ` must be quoted",
        'put the text in quotes, like handle: "@sam_at_acme"',
    ),
    (
        r"expected alphabetic or numeric character, but found|found undefined alias",
        "text that starts with * or & has a special meaning in YAML",
        "put the text in quotes",
    ),
    (
        r"expected <block end>, but found|did not find expected '-' indicator"
        r"|did not find expected key",
        "this line does not fit with the lines above it",
        "check its indentation, and put its text in quotes if it starts with [ or { or "
        "holds a quote mark",
    ),
]


def _explain_syntax_error(exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str, str]:
    """Where a YAML syntax error really is, what it is and what to do, in authors' words."""
    problem = exc.problem or exc.context or "unreadable YAML"
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return (
            exc.context_mark,
            "the quoted text that starts here is never closed",
            "add the closing quote at the end of the text",
        )
    if "'\\t'" in problem or "\t" in problem:
        return exc.problem_mark, "a tab is used for indentation", "indent with spaces, not tabs"
    for pattern, plain, fix in _PLAIN_PROBLEMS:
        if re.search(pattern, problem):
            return exc.problem_mark or exc.context_mark, plain, fix
    return (
        exc.problem_mark or exc.context_mark,
        problem,
        "check the indentation and quoting on this line and the one above",
    )


# Spaces that look like spaces but are not one to YAML: a non-breaking space (often
# typed with Option+Space, or pasted from a web page), and the other Unicode spaces.
_ODD_SPACE = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Where YAML needs a real space: in the indentation, after a key's colon, after a
# list's dash. Anywhere else an odd space is a letter of the text.
_ODD_SPACE_IN_SYNTAX = re.compile(
    rf"^[ \t{_ODD_SPACE}]*[{_ODD_SPACE}]"
    rf"|^[ \t]*(?:-[ \t]+)?[^\s:#'\"{{\[][^:#\n]*:[{_ODD_SPACE}]"
    rf"|^[ \t]*-[{_ODD_SPACE}]",
    re.M,
)
_CURLY_QUOTE_VALUE = re.compile(r"(?::|^\s*-)[ \t]+([\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb])")


def _odd_spaces_reported(path: str, text: str, diagnostics: Diagnostics) -> bool:
    """Reports each non-breaking (or other odd) space where YAML needs a real one."""
    found = False
    in_text: list[tuple[int, int]] | None = None
    for match in _ODD_SPACE_IN_SYNTAX.finditer(text):
        at = match.end() - 1
        if in_text is None:
            in_text = _scalar_text_spans(text)
        if any(start <= at < end for start, end in in_text):
            continue  # inside quoted or block text, a non-breaking space is the author's text
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        diagnostics.error(
            Location(path, line, column),
            f"this is not valid YAML (a non-breaking space, U+{ord(text[at]):04X}, is used "
            "where YAML needs an ordinary space); delete it and type an ordinary space",
        )
        found = True
    return found


def _scalar_text_spans(text: str) -> list[tuple[int, int]]:
    """Where the text of scalars lies (character offsets), as far as YAML can read: all
    of quoted and block scalars, and the lines after the first of a plain one."""
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if not isinstance(token, yaml.ScalarToken):
                continue
            start, end = token.start_mark.index, token.end_mark.index
            if token.plain:
                start = text.find("\n", start, end)
                if start < 0:
                    continue
            spans.append((start, end))
    except yaml.YAMLError:
        pass  # what could be read is enough: an odd space after that is reported
    return spans


def _curly_quote(text: str, where: yaml.Mark | None) -> tuple[yaml.Mark, str, str] | None:
    """A text quoted with curly quotes, which YAML reads as letters, on the error's line."""
    if where is None:
        return None
    lines = text.split("\n")
    for line_index in (where.line, where.line - 1):
        if 0 <= line_index < len(lines):
            match = _CURLY_QUOTE_VALUE.search(lines[line_index])
            if match is not None:
                mark = yaml.Mark("", 0, line_index, match.start(1), "", 0)
                return (
                    mark,
                    f"the text starts with a curly quote {match.group(1)}, which YAML does not "
                    "read as a quote",
                    'put the text in straight quotes, like title: "Hello: world" (curly '
                    "quotes inside the straight ones are fine)",
                )
    return None


def _runaway_quote(text: str, exc: yaml.MarkedYAMLError) -> tuple[yaml.Mark, str, str] | None:
    """A quote left open on one line that YAML closed at the next quote, lines further on.

    YAML lets quoted text go on over several lines, so it reports the mistake only
    where the text it read then stops making sense; the quote that opened it, on the
    last line before that, is where the author should look.
    """
    if exc.problem_mark is None or (exc.context or "").startswith("while scanning a quoted"):
        return None
    found: yaml.Token | None = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line >= exc.problem_mark.line:
                break
            if (
                isinstance(token, yaml.ScalarToken)
                and token.style in ('"', "'")
                and token.end_mark.line > token.start_mark.line
            ):
                found = token
    except yaml.YAMLError:
        pass
    if found is None:
        return None
    return (
        found.start_mark,
        f"the quoted text that starts here runs on to line {found.end_mark.line + 1}, so "
        "its closing quote is probably missing",
        "add the closing quote at the end of the text, or, if it holds a quote mark of its "
        "own, write it twice ('') or use the other kind of quotes around the text",
    )


def article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value pairs)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = " ".join(str(node.value).split())
    return f"'{value[:60]}...'" if len(value) > 60 else f"'{value}'"


def suggest(word: str, choices: list[str]) -> str:
    import difflib  # here, not at the top: only a build with a typo needs it

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'? " if close else ""


def is_empty(node: yaml.Node) -> bool:
    """Nothing written after the colon. A `~` or `null` is text the author wrote."""
    return isinstance(node, yaml.ScalarNode) and node.value == "" and not node.style


def _hashtag_read_as_comment(node: yaml.ScalarNode, source: str) -> str | None:
    """`text: Launch day #acme` loses '#acme' to YAML's comment rule; find such a tag."""
    if node.style or not source:
        return None
    start = node.end_mark.index
    end = source.find("\n", start)
    end = len(source) if end < 0 else end
    if source.find("#", start, end) < 0:
        return None
    match = _HASHTAG_AFTER.match(source, start, end)
    return f"#{match.group(1)}" if match else None


def _special_lead(node: yaml.ScalarNode, source: str) -> str | None:
    """`text: &acme rocks` or `text: !wow` loses its first word to YAML's anchor and tag marks."""
    if node.style or not source:
        return None
    if source[node.start_mark.index : node.start_mark.index + 1] not in ("&", "!"):
        return None
    match = _SPECIAL_LEAD.match(source, node.start_mark.index)
    return match.group(0) if match else None


_ONE_OF = {"objectives": "objective", "narration": "sentence"}
# What a mapping that is one item of a list is called in messages ("question 2", "role 1").
_LIST_ITEMS = ("question", "option", "role", "video", "slide")


class MappingReader:
    """Reads one YAML mapping against a known set of keys, reporting every misuse."""

    def __init__(
        self,
        path: str,
        node: yaml.MappingNode,
        diagnostics: Diagnostics,
        what: str,
        source: str = "",
    ) -> None:
        self.source = source  # the file's text, for what YAML itself drops (comments)
        self.path = path
        self.node = node
        self.diagnostics = diagnostics
        self.what = what
        self.keys: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        repeat_from = 0  # the line of the first repeated key
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(
                    key_node, f"a key in {what} must be a plain word, not {describe(key_node)}"
                )
                continue
            key = key_node.value
            if key in self.keys:
                first = self.keys[key][0].start_mark.line + 1
                kind = what.split(" ", 1)[0]
                repeat_from = repeat_from or key_node.start_mark.line + 1
                # Two items run together when the second's '- ' is missing: its keys repeat.
                fix = (
                    f"if a new {kind} starts on line {repeat_from}, put '- ' "
                    "before its first key; otherwise keep one"
                    if kind in _LIST_ITEMS
                    else "keep one"
                )
                self.error(
                    key_node,
                    f"'{key}' appears twice in {what} (first on line {first}); {fix}",
                )
                continue
            self.keys[key] = (key_node, value_node)

    @property
    def location(self) -> Location:
        return node_location(self.path, self.node)

    def error(self, node: yaml.Node, message: str) -> None:
        self.diagnostics.error(node_location(self.path, node), message)

    def check_keys(self, allowed: list[str]) -> None:
        for key, (key_node, _) in self.keys.items():
            if key not in allowed:
                self.error(
                    key_node,
                    f"unknown key '{key}' in {self.what}; {suggest(key, allowed)}"
                    f"allowed keys are {', '.join(allowed)}",
                )

    def has(self, key: str) -> bool:
        return key in self.keys

    def value(self, key: str, *, required: bool = False) -> yaml.Node | None:
        if key not in self.keys:
            if required:
                self.diagnostics.error(
                    self.location,
                    f"{self.what} is missing '{key}'; add {article(key)} '{key}:' line",
                )
            return None
        return self.keys[key][1]

    def key_node(self, key: str) -> yaml.Node:
        return self.keys[key][0]

    def text(self, key: str, *, required: bool = False, fix_if_empty: str = "") -> str | None:
        """A text value; `fix_if_empty` tells the author what to write if it is empty."""
        # The most called accessor by far (every prompt, option and feedback): kept lean.
        entry = self.keys.get(key)
        if entry is None:
            self.value(key, required=required)  # reports it, if required
            return None
        node = entry[1]
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"'{key}' in {self.what} must be text, not {describe(node)}")
            return None
        value: str = node.value
        if not node.style and self.source and not self._whole_text(node, key):
            return None
        if not value.strip():
            fix = fix_if_empty or f"write the {key} after '{key}:'"
            self.error(self.key_node(key), f"'{key}' in {self.what} is empty; {fix}")
            return None
        return value

    def _whole_text(self, node: yaml.ScalarNode, key: str, item: str | None = None) -> bool:
        """False (reported) if YAML silently took part of the author's text away.

        `item` names one text of a list (an objective of 'objectives'), which is
        quoted after its '- ', not after the key.
        """
        whole = item or key
        example = "- " if item else f"{key}: "
        hashtag = _hashtag_read_as_comment(node, self.source)
        if hashtag is not None:
            self.error(
                node,
                f"'{hashtag}' in '{key}' is read as a YAML comment and dropped (a ' #' starts "
                f'a comment); put the whole {whole} in quotes, like {example}"... {hashtag}"',
            )
            return False
        lead = _special_lead(node, self.source)
        if lead is not None:
            self.error(
                node,
                f"the word '{lead}' before the {whole} is read by YAML as a special mark (a "
                f"leading & or !) and dropped; put the whole {whole} in quotes",
            )
            return False
        return True

    def text_list(self, key: str) -> list[str]:
        """A list of one-line texts, like objectives."""
        texts = []
        for item in self.sequence(key) or []:
            if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
                self.error(item, f"each item of '{key}' is one line of text, not {describe(item)}")
            elif self._whole_text(item, key, _ONE_OF.get(key, f"item of '{key}'")):
                texts.append(str(item.value))
        return texts

    def identifier(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and not _ID.fullmatch(value):
            self.error(
                self.keys[key][1],
                f"'{key}' in {self.what} must use lowercase letters, digits and hyphens "
                f"only (like 'tweet-length'), not '{value}'",
            )
            return None
        return value

    def boolean(self, key: str) -> bool | None:
        node = self.value(key)
        if node is None:
            return None
        if isinstance(node, yaml.ScalarNode) and not node.style:
            if node.value in _TRUE:
                return True
            if node.value in _FALSE:
                return False
        shown = describe(node)
        hint = " without quotes" if isinstance(node, yaml.ScalarNode) and node.style else ""
        self.error(node, f"'{key}' must be true or false{hint}, not {shown}")
        return None

    def whole_number(self, key: str) -> int | None:
        node = self.value(key)
        if node is None:
            return None
        if (
            isinstance(node, yaml.ScalarNode)
            and not node.style
            and _WHOLE_NUMBER.fullmatch(node.value)
        ):
            return int(node.value)
        quoted = (
            isinstance(node, yaml.ScalarNode)
            and node.style
            and (_WHOLE_NUMBER.fullmatch(node.value.strip()))
        )
        hint = " without quotes" if quoted else ""
        self.error(node, f"'{key}' must be a whole number{hint}, not {describe(node)}")
        return None

    def sequence(self, key: str, *, required: bool = False) -> list[yaml.Node] | None:
        node = self.value(key, required=required)
        if node is None:
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node,
                f"'{key}' in {self.what} must be a list (one '- ' item per line), "
                f"not {describe(node)}",
            )
            return None
        return list(node.value)

    def identifier_list(self, key: str) -> list[tuple[str, yaml.Node]] | None:
        """A list of ids, written either as `[a, b]` or one `- a` per line."""
        items = self.sequence(key)
        if items is None:
            return None
        result: list[tuple[str, yaml.Node]] = []
        for item in items:
            if is_empty(item):
                self.error(item, f"an item of '{key}' is empty; write a role id after the '-'")
            elif not isinstance(item, yaml.ScalarNode):
                self.error(item, f"each item of '{key}' must be an id, not {describe(item)}")
            elif not _ID.fullmatch(item.value):
                self.error(
                    item,
                    f"'{item.value}' in '{key}' is not an id; use lowercase letters, "
                    "digits and hyphens",
                )
            else:
                result.append((item.value, item))
        return result

    def roles(self, key: str, declared: Collection[str] | None) -> tuple[str, ...]:
        """Role ids, each checked against the roles declared in mkdocs.yml."""
        roles = []
        for role, node in self.identifier_list(key) or []:
            if declared is not None and role not in declared:
                self.error(
                    node,
                    f"role '{role}' is not declared; {suggest(role, sorted(declared))}"
                    "declare it under the course plugin's 'roles' in mkdocs.yml, or use one "
                    f"of: {', '.join(sorted(declared)) or '(none declared)'}",
                )
            roles.append(role)
        return tuple(roles)

    def mapping(self, key: str) -> MappingReader | None:
        node = self.value(key)
        if node is None:
            return None
        if not isinstance(node, yaml.MappingNode):
            self.error(
                node, f"'{key}' in {self.what} must be key: value lines, not {describe(node)}"
            )
            return None
        return MappingReader(self.path, node, self.diagnostics, f"'{key}'", self.source)

    def child(self, node: yaml.Node, what: str) -> MappingReader | None:
        """A mapping inside this one (a question, an option), read the same way."""
        return as_mapping(self.path, node, self.diagnostics, what, self.source)

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys)


def as_mapping(
    path: str, node: yaml.Node, diagnostics: Diagnostics, what: str, source: str = ""
) -> MappingReader | None:
    if isinstance(node, yaml.MappingNode):
        return MappingReader(path, node, diagnostics, what, source)
    diagnostics.error(
        node_location(path, node), f"{what} must be key: value lines, not {describe(node)}"
    )
    return None
