"""The course plugin's settings in mkdocs.yml: roles, pass mark and interface wording.

They are read from the YAML nodes of mkdocs.yml itself, like quizzes, so each
message names the setting's own line and a `Yes` in `strings:` stays text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import yaml

from ..diagnostics import Diagnostics, Location
from ..model import Role
from ..strings import ENGLISH
from .yaml_source import FAST_LOADER, MappingReader, describe, is_empty, node_location, suggest

PLUGIN_NAME = "course"
ROLE_KEYS = ["id", "title", "description", "path_note"]
SIGNOFF_KEYS = ["id", "statement", "lessons"]
RESERVED_ROLE_IDS = {"everyone"}
DEFAULT_PASS_MARK = 80
_ROLE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass
class SignoffDeclaration:
    """A sign-off as written in mkdocs.yml; signoff_loader checks it against the course."""

    id: str
    statement: str
    lessons: list[tuple[str, Location]]  # docs-relative lesson paths, as written
    location: Location


@dataclass
class CourseSettings:
    roles: dict[str, Role] = field(default_factory=dict)
    pass_mark: int = DEFAULT_PASS_MARK
    strings: dict[str, str] = field(default_factory=dict)  # the site's own wording only
    signoffs: list[SignoffDeclaration] = field(default_factory=list)
    # Role ids the settings mean to declare, including roles written with a mistake, so
    # that lessons using them are not reported too; None when 'roles' cannot be read.
    declared_ids: set[str] | None = field(default_factory=set)
    everyone_path_note: str | None = None


class _AtFileStart(Diagnostics):
    """For settings not written in the file itself (INHERIT, !ENV): name the file only."""

    def __init__(self, target: Diagnostics, path: str) -> None:
        super().__init__()
        self.target, self.path = target, path

    def error(self, location: Location, message: str) -> None:
        self.target.error(Location(self.path), message)


def load_settings(
    config_path: str, config_text: str, raw: Mapping[str, object], diagnostics: Diagnostics
) -> CourseSettings:
    """`raw` is what MkDocs parsed; it is used only where mkdocs.yml does not hold the node."""
    node = plugin_settings_node(config_text)
    if node is None:
        fallback = yaml.compose(yaml.safe_dump(dict(raw)), Loader=yaml.SafeLoader)
        diagnostics = _AtFileStart(diagnostics, config_path)
        node = fallback if isinstance(fallback, yaml.MappingNode) else None
    if node is None:
        return CourseSettings()
    reader = MappingReader(
        config_path, node, diagnostics, "the course plugin's settings", config_text
    )
    pass_mark = reader.whole_number("pass_mark")
    if pass_mark is not None and not 0 <= pass_mark <= 100:
        reader.error(
            reader.keys["pass_mark"][1],
            f"the course 'pass_mark' is a percentage from 0 to 100, not {pass_mark}",
        )
        pass_mark = None
    declared: set[str] | None = set()
    roles = _load_roles(reader, declared)
    if reader.has("roles") and not isinstance(reader.value("roles"), yaml.SequenceNode):
        declared = None
    return CourseSettings(
        roles=roles,
        pass_mark=DEFAULT_PASS_MARK if pass_mark is None else pass_mark,
        strings=_load_strings(reader),
        signoffs=_load_signoffs(reader),
        declared_ids=declared,
        everyone_path_note=_path_note(reader, "everyone_path_note"),
    )


def _path_note(reader: MappingReader, key: str) -> str | None:
    """An optional one-paragraph note on why a path is as it is."""
    if key not in reader.keys:
        return None
    return reader.text(key, fix_if_empty=f"say why the path is as it is, or remove '{key}'")


def plugin_settings_node(config_text: str) -> yaml.MappingNode | None:
    """The mapping under `plugins: - course:` (or `plugins: {course: ...}`), if written there."""
    try:
        root = yaml.compose(config_text, Loader=FAST_LOADER)
    except (yaml.YAMLError, RecursionError):
        return None
    plugins = _value(root, "plugins")
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins]
    for entry in entries:
        if isinstance(entry, yaml.ScalarNode) and entry.value == PLUGIN_NAME:
            return yaml.MappingNode("tag:yaml.org,2002:map", [], entry.start_mark, entry.end_mark)
        settings = _value(entry, PLUGIN_NAME)
        if isinstance(settings, yaml.MappingNode):
            return settings
        if settings is not None:  # `- course:` with nothing under it
            return yaml.MappingNode(
                "tag:yaml.org,2002:map", [], settings.start_mark, settings.end_mark
            )
    return None


def _value(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                found: yaml.Node = value_node
                return found
    return None


def _load_strings(reader: MappingReader) -> dict[str, str]:
    strings = reader.mapping("strings")
    if strings is None:
        return {}
    strings.what = "the course 'strings'"
    known = list(ENGLISH)
    wording: dict[str, str] = {}
    for key, (key_node, _) in strings.keys.items():
        if key not in ENGLISH:
            strings.error(
                key_node,
                f"the course 'strings' has no key '{key}'; {suggest(key, known)}the authoring "
                "guide lists every interface string",
            )
            continue
        text = strings.text(key)
        if text is not None:
            wording[key] = text
    return wording


def _load_roles(reader: MappingReader, declared: set[str] | None) -> dict[str, Role]:
    items = reader.sequence("roles")
    roles: dict[str, Role] = {}
    for number, item in enumerate(items or [], start=1):
        role = reader.child(item, f"role {number}")
        if role is None:
            continue
        role.check_keys(ROLE_KEYS)
        role_id = role.value("id")
        if not (isinstance(role_id, yaml.ScalarNode) and _ROLE_ID.fullmatch(role_id.value)):
            shown = f", not {describe(role_id)}" if role_id is not None else ""
            role.error(
                item,
                f"role {number} needs an 'id' of lowercase letters, digits and hyphens "
                f"(like 'customer-service'){shown}",
            )
            continue
        rid = role_id.value
        if declared is not None:
            declared.add(rid)
        if rid in RESERVED_ROLE_IDS:
            role.error(
                item,
                f"'{rid}' is built in (content without roles is for everyone); remove this role",
            )
            continue
        if rid in roles:
            role.error(item, f"role '{rid}' is declared twice; keep one")
            continue
        texts = {}
        for key in ("title", "description"):
            node = role.value(key)
            if isinstance(node, yaml.ScalarNode) and node.value.strip():
                texts[key] = node.value.strip()
            else:
                role.error(item, f"role '{rid}' needs a '{key}' (one line of text)")
        note = _path_note(role, "path_note")
        if len(texts) == 2:
            roles[rid] = Role(rid, texts["title"], texts["description"], note)
    return roles


def _load_signoffs(reader: MappingReader) -> list[SignoffDeclaration]:
    signoffs: list[SignoffDeclaration] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(reader.sequence("signoffs") or [], start=1):
        entry = reader.child(item, f"sign-off {number}")
        if entry is None:
            continue
        entry.check_keys(SIGNOFF_KEYS)
        signoff_id = entry.identifier("id", required=True)
        if signoff_id is not None:
            entry.what = f"sign-off '{signoff_id}'"
        statement = entry.text(
            "statement",
            required=True,
            fix_if_empty="write what learners confirm, like 'I have read and understood "
            "the social media policy'",
        )
        lessons: list[tuple[str, Location]] = []
        items = entry.sequence("lessons", required=True)
        for lesson in items or []:
            if is_empty(lesson) or not isinstance(lesson, yaml.ScalarNode):
                entry.error(
                    lesson,
                    f"each item of 'lessons' in {entry.what} is a lesson's path under the "
                    f"docs folder, like 'policy/the-donts.md', not {describe(lesson)}",
                )
                continue
            lessons.append((lesson.value.strip(), node_location(entry.path, lesson)))
        if items is not None and not items:
            entry.error(
                entry.keys["lessons"][1],
                f"'lessons' of {entry.what} is empty; list the lessons learners must "
                "complete before they sign",
            )
        if signoff_id is None or statement is None or not lessons:
            continue
        if signoff_id in seen:
            entry.error(
                entry.keys["id"][1],
                f"sign-off id '{signoff_id}' is used twice (first on line {seen[signoff_id]}); "
                "give each sign-off its own id",
            )
            continue
        seen[signoff_id] = item.start_mark.line + 1
        signoffs.append(SignoffDeclaration(signoff_id, statement.strip(), lessons, entry.location))
    return signoffs
