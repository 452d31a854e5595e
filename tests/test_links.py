"""linkchecker over the built course, served on loopback under a sub-path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.linkcheck import build, check_links


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("linkcheck") / "site"
    build(site)
    return site


def test_every_internal_link_resolves_under_a_sub_path(built_site: Path) -> None:
    result = check_links(built_site, "/learning/social-media/")
    assert result.returncode == 0, result.stdout
    assert " 0 errors found" in result.stdout
    # Media are linked and checked too: posters, videos and captions.
    assert " video" in result.stdout


def test_linkcheck_catches_a_link_that_escapes_the_sub_path(
    built_site: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(built_site, broken)
    page = broken / "start" / "why-it-matters" / "index.html"
    html = page.read_text()
    page.write_text(html.replace("</article>", '<a href="../../../elsewhere/">x</a></article>', 1))
    result = check_links(broken, "/learning/social-media/")
    assert result.returncode != 0
    assert "elsewhere" in result.stdout
