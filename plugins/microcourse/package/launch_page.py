"""The package's launch page: the one page the LMS opens.

It holds the LMS session for the whole visit (assets/lms/lms-host.js and the
standard's adapter) and shows the course in a full-size frame, where every page
finds the session as `window.parent.mcCourseHost`. What the host needs is in
data attributes, so the page has no inline script.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .site_folder import CONFIG_SCRIPT, HOME_PAGE, BuiltSite

LAUNCH_PAGE = "launch.html"
HOST_SCRIPT = "assets/lms/lms-host.js"

_STYLE = (
    "html,body{margin:0;height:100%;overflow:hidden}"
    ".mc-lms-frame{display:block;border:0;width:100%;height:100%}"
)


@dataclass(frozen=True)
class LaunchSettings:
    standard: str  # the adapter that holds the session: scorm12, scorm2004, cmi5
    scripts: tuple[str, ...]  # the adapter and what it needs, in load order, relative to the root
    role: str | None = None  # the role whose path a learner with none starts on


def page_url(url: str) -> str:
    """A page's address that needs no folder index: `paths/` -> `paths/index.html`."""
    path, mark, rest = url.partition("#")
    path, query_mark, query = path.partition("?")
    if path == "" or path.endswith("/"):
        path += HOME_PAGE
    return f"{path}{query_mark}{query}{mark}{rest}"


def launch_page(site: BuiltSite, settings: LaunchSettings) -> str:
    attributes = {
        "data-mc-standard": settings.standard,
        "data-mc-home": HOME_PAGE,
        "data-mc-paths": page_url(site.paths_url),
    }
    if settings.role is not None:
        attributes["data-mc-role"] = settings.role
    body = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items())
    scripts = "\n".join(
        f'<script src="{escape(src)}"></script>'
        for src in (CONFIG_SCRIPT, HOST_SCRIPT, *settings.scripts)
    )
    title = escape(site.site_name)
    return f"""<!doctype html>
<html lang="{escape(site.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{_STYLE}</style>
</head>
<body {body}>
<iframe class="mc-lms-frame" title="{title}"></iframe>
<noscript><p><a href="{HOME_PAGE}">{title}</a></p></noscript>
{scripts}
</body>
</html>
"""
