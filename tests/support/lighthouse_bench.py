"""Lighthouse (mobile) on the real course against plain Material: performance and layout shift.

The course is built twice from the project's mkdocs.yml: as it is, and without
the `course` plugin (plain Material: lessons as Markdown, no quiz, role bar or
paths). Each build is served on loopback under a sub-path and Lighthouse's
default mobile run (simulated slow 4G, 4x CPU slowdown) is taken `runs` times
per page in Debian's chromium ($CHROME_PATH); the medians are compared. The
paths page has no plain counterpart: it is set against plain Material's home.

Lighthouse comes from $LIGHTHOUSE (the bench session installs 12.8.2, which runs
on Node 18), else from node_modules/.bin.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

from tests.support.serve import serve_site

ROOT = Path(__file__).resolve().parents[2]
PROJECT_CONFIG = ROOT / "mkdocs.yml"
SUB_PATH = "/learn/social/"
# page -> the plain-Material page it is set against
PAGES = {"": "", "twitter/first-post/": "twitter/first-post/", "paths/": ""}
TARGET_POINTS = 3
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def lighthouse_command() -> list[str]:
    found = os.environ.get("LIGHTHOUSE") or str(ROOT / "node_modules" / ".bin" / "lighthouse")
    if not Path(found).exists():
        raise SystemExit(f"Lighthouse not found at {found}: run `nox -s bench` (it installs it)")
    return [found]


def plain_config(directory: Path) -> Path:
    """The project's mkdocs.yml less the course plugin, in `directory` (paths made absolute)."""
    with PROJECT_CONFIG.open("rb") as stream:
        settings = yaml.load(stream, Loader=_ConfigLoader)
    plugins = [
        p
        for p in settings.get("plugins", [])
        if p != "course" and not (isinstance(p, dict) and "course" in p)
    ]
    theme = {**settings.get("theme", {})}
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    config = {
        "INHERIT": str(PROJECT_CONFIG),
        "docs_dir": str(ROOT / settings.get("docs_dir", "docs")),
        "theme": theme,
        "plugins": plugins,
        "strict": False,
    }
    path = directory / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


class _ConfigLoader(yaml.SafeLoader):
    pass


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def build(config: Path, site: Path, site_url: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        check=True,
        env={**ENV, "COURSE_SITE_URL": site_url},
        cwd=config.parent,
    )


def run_lighthouse(url: str, output: Path) -> dict[str, float]:
    subprocess.run(
        [
            *lighthouse_command(),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={output}",
            "--quiet",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH") or _chromium()},
        timeout=300,
    )
    report = json.loads(output.read_text("utf-8"))
    audits = report["audits"]
    return {
        "performance": round(report["categories"]["performance"]["score"] * 100),
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
    }


def _chromium() -> str:
    return shutil.which("chromium") or "/usr/bin/chromium"


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def lighthouse_figures(runs: int = 3) -> dict[str, Any]:
    """Median Lighthouse figures per page, with the course and on plain Material."""
    scratch = Path(tempfile.mkdtemp(prefix="microcourse-lighthouse-"))
    try:
        sites = {"course": scratch / "course", "plain": scratch / "plain"}
        configs = {"course": PROJECT_CONFIG, "plain": plain_config(scratch)}
        measured: dict[str, dict[str, list[dict[str, float]]]] = {"course": {}, "plain": {}}
        with (
            serve_site(sites["course"], SUB_PATH) as course,
            serve_site(sites["plain"], SUB_PATH) as plain,
        ):
            bases = {"course": course, "plain": plain}
            for variant in sites:
                build(configs[variant], sites[variant], bases[variant])
            wanted = {"course": list(PAGES), "plain": sorted(set(PAGES.values()))}
            for run in range(runs):  # interleaved, so drift in machine load hits both alike
                for variant, pages in wanted.items():
                    for page in pages:
                        out = scratch / f"{variant}-{run}-{page.replace('/', '_')}.json"
                        figures = run_lighthouse(bases[variant] + page, out)
                        measured[variant].setdefault(page, []).append(figures)
        result: dict[str, Any] = {"runs": runs, "pages": {}}
        for page, plain_page in PAGES.items():
            with_course = _median(measured["course"][page])
            without = _median(measured["plain"][plain_page])
            result["pages"][f"/{page}"] = {
                "course": with_course,
                "plain": without,
                "plain_page": f"/{plain_page}",
                "points_behind": without["performance"] - with_course["performance"],
            }
        return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def lighthouse_targets(figures: dict[str, Any]) -> list[tuple[str, str, bool]]:
    found = []
    for page, row in figures["pages"].items():
        cls = row["course"]["cls"]
        found.append((f"CLS on {page} is 0.00", f"{cls:.3f}", round(cls, 2) == 0))
        behind = row["points_behind"]
        found.append(
            (
                f"Lighthouse performance on {page} within {TARGET_POINTS} points of plain "
                f"Material ({row['plain_page']})",
                f"{row['course']['performance']:.0f} vs {row['plain']['performance']:.0f}",
                behind <= TARGET_POINTS,
            )
        )
    return found


def print_lighthouse(figures: dict[str, Any]) -> None:
    print(
        f"\nLighthouse 12.8.2, mobile, median of {figures['runs']} runs (course vs plain Material)"
    )
    for page, row in figures["pages"].items():
        c, p = row["course"], row["plain"]
        print(
            f"  {page:<22} performance {c['performance']:.0f} vs {p['performance']:.0f} "
            f"({row['plain_page']}); CLS {c['cls']:.3f} vs {p['cls']:.3f}; "
            f"LCP {c['lcp_ms']:.0f} vs {p['lcp_ms']:.0f} ms; TBT {c['tbt_ms']:.0f} vs "
            f"{p['tbt_ms']:.0f} ms"
        )


if __name__ == "__main__":
    result = lighthouse_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print_lighthouse(result)
    for name, value, ok in lighthouse_targets(result):
        print(f"  {'PASS' if ok else 'MISS'}  {name}: {value}")
