"""Markdown for short quiz texts: the site's extensions, with raw HTML shown as text.

Prompts, options, feedback and explanations are written by authors but are
not meant to carry HTML. Raw HTML is escaped rather than dropped, so an author
sees exactly what they wrote; links and attributes that could run script
(`javascript:` addresses, `on*` handlers from attr_list) are made inert.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "xlink:href", "cite")
_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|tel:|[^:]*$|[^:]*[/?#])", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")


# Extensions that act on Markdown syntax only, never on plain words.
_MARKUP_ONLY_EXTENSIONS = {
    "admonition",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "fenced_code",
    "codehilite",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.inlinehilite",
    "pymdownx.tabbed",
    "pymdownx.tasklist",
    "pymdownx.snippets",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
}
# One line with nothing Markdown (or HTML) could act on, not starting like a list or heading.
_PLAIN_TEXT = re.compile(r"(?![-+*>#=\s]|\d+[.)]\s)[^\n*_`\[\]<>&\\!~=^|{}]*")


def _extension_name(extension: object) -> str:
    if isinstance(extension, str):
        return extension.removeprefix("markdown.extensions.")
    return type(extension).__module__.removeprefix("markdown.extensions.")


def is_safe_url(url: str) -> bool:
    """Relative addresses and http(s), mailto and tel links; nothing that runs code.

    Checked as the browser will read it: character references decoded
    (`&#106;avascript:`) and the whitespace it ignores removed (`java&#9;script:`).
    """
    return bool(_SAFE_SCHEME.match(_IGNORED_IN_URL.sub("", html.unescape(url))))


LinkResolver = Callable[[str], str]
"""Rewrites an author's link (like `../policy/the-donts.md#x`) to the page's URL for it."""


class _InertLinks(Treeprocessor):
    resolve: LinkResolver | None = None

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            href = element.get("href")
            if self.resolve is not None and element.tag == "a" and href:
                element.set("href", self.resolve(href))
            for name in list(element.attrib):
                lowered = name.lower()
                if (
                    lowered.startswith("on")
                    or lowered == "style"
                    or (lowered in _URL_ATTRIBUTES and not is_safe_url(element.attrib[name]))
                ):
                    del element.attrib[name]


class SafeMarkdown:
    """Renders short Markdown texts with the site's settings and no live HTML."""

    def __init__(
        self,
        extensions: Sequence[Any] = (),
        extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._md = markdown.Markdown(
            extensions=list(extensions), extension_configs=dict(extension_configs or {})
        )
        self._plain_ok = all(
            _extension_name(extension) in _MARKUP_ONLY_EXTENSIONS for extension in extensions
        )
        self._converted: dict[str, str] = {}
        self._md.preprocessors.deregister("html_block")
        self._md.inlinePatterns.deregister("html")
        # After every other treeprocessor, so attributes added by extensions are checked too.
        self._links = _InertLinks(self._md)
        self._md.treeprocessors.register(self._links, "course_inert_links", 0)

    @contextmanager
    def resolving_links(self, resolve: LinkResolver) -> Iterator[None]:
        """Within this block, links to Markdown pages point at their built pages."""
        self._links.resolve = resolve
        try:
            yield
        finally:
            self._links.resolve = None

    def block(self, text: str) -> Markup:
        if self._is_plain(text):
            return Markup(f"<p>{html.escape(text.rstrip(), quote=False)}</p>")
        return Markup(self._convert(text))

    def inline(self, text: str) -> Markup:
        """For one-line texts (options, legends): a lone paragraph loses its <p>."""
        if self._is_plain(text):
            return Markup(html.escape(text.rstrip(), quote=False))
        html_text = self._convert(text)
        if (
            html_text.startswith("<p>")
            and html_text.endswith("</p>")
            and html_text.count("<p>") == 1
        ):
            html_text = html_text[3:-4]
        return Markup(html_text)

    def _convert(self, text: str) -> str:
        # The same short texts recur ("Correct.", shared feedback); a text without a
        # link converts the same on every page, so it is converted once.
        if "[" in text:
            return self._md.reset().convert(text)
        if text not in self._converted:
            self._converted[text] = self._md.reset().convert(text)
        return self._converted[text]

    def _is_plain(self, text: str) -> bool:
        """Text that Markdown would only wrap and escape: most options and feedback.

        Converting thousands of short texts is most of a quiz's build time, so
        these skip the converter, unless the site uses an extension that changes
        plain words too (smart quotes, emoji, abbreviations...).
        """
        return self._plain_ok and bool(_PLAIN_TEXT.fullmatch(text.rstrip()))
