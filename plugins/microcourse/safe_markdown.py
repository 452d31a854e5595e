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
        return Markup(self._md.reset().convert(text))

    def inline(self, text: str) -> Markup:
        """For one-line texts (options, legends): a lone paragraph loses its <p>."""
        html = self._md.reset().convert(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = html[3:-4]
        return Markup(html)
