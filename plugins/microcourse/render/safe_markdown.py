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
# One line with nothing Markdown (or HTML) could act on, not starting like a list or heading,
# with no space around it.
_PLAIN_TEXT = re.compile(
    r"(?![-+*>#=?/\s]|\d+[.)](?:\s|$))[^\n\r\t\x02\x03*_`\[\]<>&\\!~=^|{}]+(?<!\s)"
)
# The same, with **strong** words in it and nothing else: common in prompts ("Which is
# **not** allowed?"), and the full converter spends its whole inline machinery on them.
_PLAIN_CHARACTER = r"[^\n\r\t\x02\x03*_`\[\]<>&\\!~=^|{}]"
_STRONG_ONLY_TEXT = re.compile(
    rf"(?![-+>#=?/\s]|\*(?!\*\S)|\d+[.)](?:\s|$))"
    rf"(?:{_PLAIN_CHARACTER}|\*\*(?=[^\s*]){_PLAIN_CHARACTER}+?(?<=[^\s*])\*\*)+(?<!\s)"
)
_STRONG_SPAN = re.compile(r"\*\*([^*]+?)\*\*")
# Extensions whose syntax needs a second line, or a line that starts with a mark
# (`#`, `!!!`, `???`, `===`, `///`, indentation, a list item) that `_ONE_LINE` rules out.
_MULTILINE_EXTENSIONS = {
    "toc",
    "tables",
    "fenced_code",
    "codehilite",
    "admonition",
    "def_list",
    "pymdownx.details",
    "pymdownx.superfences",
    "pymdownx.highlight",
    "pymdownx.tabbed",
    "pymdownx.blocks.admonition",
    "pymdownx.blocks.details",
    "pymdownx.blocks.tab",
}
_ONE_LINE = re.compile(r"(?![*+-](?:\s|$)|\d+[.)](?:\s|$))[\w*_\[(\"'`][^\n]*")


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


def _converter(
    extensions: Sequence[Any], configs: Mapping[str, Mapping[str, Any]]
) -> tuple[markdown.Markdown, _InertLinks]:
    names = {_extension_name(extension) for extension in extensions}
    md = markdown.Markdown(
        extensions=list(extensions),
        extension_configs={k: v for k, v in configs.items() if _extension_name(k) in names},
    )
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    # After every other treeprocessor, so attributes added by extensions are checked too.
    links = _InertLinks(md)
    md.treeprocessors.register(links, "course_inert_links", 0)
    return md, links


class SafeMarkdown:
    """Renders short Markdown texts with the site's settings and no live HTML."""

    def __init__(
        self,
        extensions: Sequence[Any] = (),
        extension_configs: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        fast_paths: bool = True,
    ) -> None:
        """`fast_paths=False` converts every text the long way (tests compare the two)."""
        configs = dict(extension_configs or {})
        self._md, self._links = _converter(extensions, configs)
        # Converting one line skips the extensions that need more; it is a third faster.
        self._one_line_md, self._one_line_links = _converter(
            [e for e in extensions if _extension_name(e) not in _MULTILINE_EXTENSIONS], configs
        )
        self._plain_ok = fast_paths and all(
            _extension_name(extension) in _MARKUP_ONLY_EXTENSIONS for extension in extensions
        )
        # An extension given as an object cannot safely serve two converters.
        self._one_line_ok = fast_paths and all(isinstance(e, str) for e in extensions)
        self._toc_marker = str(configs.get("toc", {}).get("marker", "[TOC]"))
        self._converted: dict[str, str] = {}

    @contextmanager
    def resolving_links(self, resolve: LinkResolver) -> Iterator[None]:
        """Within this block, links to Markdown pages point at their built pages."""
        self._links.resolve = self._one_line_links.resolve = resolve
        try:
            yield
        finally:
            self._links.resolve = self._one_line_links.resolve = None

    def block(self, text: str) -> Markup:
        if self._is_plain(text):
            return Markup(f"<p>{html.escape(text, quote=False)}</p>")
        return Markup(self._convert(text))

    def inline(self, text: str) -> Markup:
        """For one-line texts (options, legends): a lone paragraph loses its <p>."""
        if self._is_plain(text):
            return Markup(html.escape(text, quote=False))
        html_text = self._convert(text)
        if (
            html_text.startswith("<p>")
            and html_text.endswith("</p>")
            and html_text.count("<p>") == 1
        ):
            html_text = html_text[3:-4]
        return Markup(html_text)

    def _convert(self, text: str) -> str:
        if self._plain_ok and _STRONG_ONLY_TEXT.fullmatch(text):
            strong = _STRONG_SPAN.sub(r"<strong>\1</strong>", html.escape(text, quote=False))
            return f"<p>{strong}</p>"
        # The same short texts recur ("Correct.", shared feedback); a text without a
        # link converts the same on every page, so it is converted once.
        if "[" in text:
            return self._converter_for(text).reset().convert(text)
        if text not in self._converted:
            self._converted[text] = self._converter_for(text).reset().convert(text)
        return self._converted[text]

    def _converter_for(self, text: str) -> markdown.Markdown:
        one_line = (
            self._one_line_ok
            and _ONE_LINE.fullmatch(text.rstrip()) is not None
            and self._toc_marker not in text
        )
        return self._one_line_md if one_line else self._md

    def _is_plain(self, text: str) -> bool:
        """Text that Markdown would only wrap and escape: most options and feedback.

        Converting thousands of short texts is most of a quiz's build time, so
        these skip the converter, unless the site uses an extension that changes
        plain words too (smart quotes, emoji, abbreviations...).
        """
        return self._plain_ok and bool(_PLAIN_TEXT.fullmatch(text))
