"""mkdocs.yml read for `course-check`: its mistakes located and worded like a quiz's.

MkDocs reports a setting it cannot use as a log line naming the setting, not the
line it is on ("Config value 'plugins': Plugin 'course' option 'passmark':
Unrecognised configuration name: passmark"), and a file it cannot read as YAML
in the parser's words (or, nested deeply enough, with a RecursionError). Here the
file is first read as YAML by the course's own reader, then MkDocs' messages are
placed on the lines of the settings they name, in plain words.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError

from ..diagnostics import Diagnostics, Location
from ..load.yaml_source import (
    TOO_DEEP,
    describe,
    node_location,
    parse_yaml,
    suggest,
    where_too_deep,
)

_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']+)': (?P<problem>.*)", re.S)
_PLUGIN_OPTION = re.compile(
    r"Plugin '(?P<plugin>[^']+)' option '(?P<option>[^']+)': (?P<problem>.*)", re.S
)
_UNKNOWN_NAME = re.compile(r"Unrecognised configuration name: (?P<name>.*)")
_NOT_INSTALLED = re.compile(r'The "(?P<name>[^"]+)" plugin is not installed')
_WRONG_TYPE = re.compile(
    r"Expected type: <class '(?P<want>\w+)'> but received: <class '(?P<got>\w+)'>"
)
_TYPE_WORDS = {
    "bool": "true or false",
    "str": "text",
    "int": "a whole number",
    "float": "a number",
    "list": "a list",
    "dict": "key: value lines",
}


def load_settings_file(path: str, diagnostics: Diagnostics) -> MkDocsConfig | None:
    """MkDocs' settings from `path`, or None with every problem in `diagnostics`."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            text = stream.read()
    except UnicodeDecodeError:
        diagnostics.error(Location(path), "this file is not UTF-8 text; save it as UTF-8")
        return None
    except OSError as exc:
        diagnostics.error(Location(path), f"this file cannot be read ({exc.strerror})")
        return None
    before = len(diagnostics)
    root = parse_yaml(path, text, diagnostics, document="settings")
    if len(diagnostics) > before:
        return None
    too_deep = where_too_deep(path, text)
    if too_deep is not None:
        diagnostics.error(too_deep, TOO_DEEP)
        return None
    with _mkdocs_messages() as messages:
        try:
            config = load_config(path)
        except (ConfigurationError, Abort) as exc:
            config = None
            if not messages:
                messages.append(str(exc))
        except RecursionError:
            diagnostics.error(Location(path), TOO_DEEP)
            return None
    for message in messages:
        where, plain = _explain(path, root, message)
        if config is None:
            diagnostics.error(where, plain)
        else:
            diagnostics.warning(where, plain)
    return config


@contextmanager
def _mkdocs_messages() -> Iterator[list[str]]:
    """MkDocs' warnings and errors about the settings, kept instead of printed."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                messages.append(record.getMessage())

    logger = logging.getLogger("mkdocs.config")
    handler, propagate = Keep(), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _explain(path: str, root: yaml.Node | None, message: str) -> tuple[Location, str]:
    setting = _CONFIG_VALUE.match(message)
    if setting is None:
        return Location(path), message
    key, problem = setting.group("key"), setting.group("problem").strip()
    key_node, value_node = _entry(root, key)
    where = node_location(path, key_node) if key_node is not None else Location(path)
    option = _PLUGIN_OPTION.match(problem) if key == "plugins" else None
    if option is not None:
        plugin, name = option.group("plugin"), option.group("option")
        settings = _plugin_settings(value_node, plugin)
        name_node, setting_value = _entry(settings, name)
        if name_node is not None:
            where = node_location(path, name_node)
        return where, _plain(
            f"'{name}' of the '{plugin}' plugin",
            option.group("problem"),
            setting_value,
            name,
            plugin,
        )
    missing = _NOT_INSTALLED.search(problem)
    if missing is not None:
        name = missing.group("name")
        entry = _plugin_entry(value_node, name)
        if entry is not None:
            where = node_location(path, entry)
        return where, (
            f"there is no plugin called '{name}'; {suggest(name, ['course', 'search'])}"
            "check its spelling under 'plugins:'"
        )
    if problem.startswith("Required configuration not provided"):
        return where, f"{path} is missing '{key}'; add a '{key}:' line"
    return where, _plain(f"the setting '{key}'", problem, value_node, key, None)


def _plain(what: str, problem: str, value: yaml.Node | None, name: str, plugin: str | None) -> str:
    unknown = _UNKNOWN_NAME.match(problem)
    if unknown is not None:
        if plugin == "course":
            from ..mkdocs_plugin.config import CourseConfig

            known = sorted(key for key, _ in CourseConfig._schema)
            return (
                f"'{name}' is not a setting of the course plugin; {suggest(name, known)}"
                f"the settings are {', '.join(known)}"
            )
        if plugin is None:
            known = sorted(key for key, _ in MkDocsConfig._schema)
            return f"'{name}' is not a MkDocs setting; {suggest(name, known)}check its spelling, or remove it"
        return (
            f"'{name}' is not a setting of the '{plugin}' plugin; check its spelling, or remove it"
        )
    wrong = _WRONG_TYPE.search(problem)
    if wrong is not None:
        want = _TYPE_WORDS.get(wrong.group("want"), wrong.group("want"))
        shown = f", not {describe(value)}" if value is not None else ""
        return f"{what} must be {want}{shown}"
    return f"MkDocs cannot use {what}: {problem}"


def _entry(node: yaml.Node | None, key: str) -> tuple[yaml.Node | None, yaml.Node | None]:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    return None, None


def _plugin_entry(plugins: yaml.Node | None, name: str) -> yaml.Node | None:
    """The node naming plugin `name` in `plugins:`, a list or a mapping."""
    if isinstance(plugins, yaml.MappingNode):
        return _entry(plugins, name)[0]
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        if isinstance(item, yaml.ScalarNode) and item.value == name:
            return item
        found = _entry(item, name)[0]
        if found is not None:
            return found
    return None


def _plugin_settings(plugins: yaml.Node | None, name: str) -> yaml.Node | None:
    if isinstance(plugins, yaml.MappingNode):
        return _entry(plugins, name)[1]
    for item in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
        settings = _entry(item, name)[1]
        if settings is not None:
            return settings
    return None
