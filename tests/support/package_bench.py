"""Figures for the SCORM packages: packaging time and zip sizes for the real course
and the 200-lesson synthetic course, the runtime's gzipped weight, and the suspend
data of a learner who has finished the whole real course (with two sign-offs).

Part of `nox -s bench` (tests/support/bench.py); alone:
    .nox/tests/bin/python -m tests.support.package_bench SITE_DIR [SITE_DIR...]
"""

from __future__ import annotations

import gzip
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from microcourse.package.formats import FORMATS, SCORM_RUNTIME
from microcourse.package.package_builder import build_package
from microcourse.shipped_assets import shipped
from tests.support.suspend_data import finished_course_in_node

SCORM_FORMATS = ("scorm12", "scorm2004")
SUSPEND_LIMIT_12 = 4096


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def runtime_weight() -> dict[str, int]:
    """What the SCORM launch page loads besides the course: lms-host.js and the adapter."""
    names = ("lms-host.js", *SCORM_RUNTIME)
    data = b"".join(shipped(f"lms/{name}").encode() for name in names)
    return {"raw": len(data), "gzip": gzipped(data)}


def time_packaging(site: Path, runs: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="microcourse-packages-") as scratch:
        for name in SCORM_FORMATS:
            target = Path(scratch) / f"{name}.zip"
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                result = build_package(site, target, name)
                times.append(time.perf_counter() - start)
            figures[name] = {
                "median_s": statistics.median(times),
                "zip_bytes": result.size,
                "files": result.files,
            }
    return figures


def package_figures(sites: dict[str, Path], runs: int = 3) -> dict[str, Any]:
    """`sites`: label -> a built site folder; "real" (if given) is also measured for suspend data."""
    figures: dict[str, Any] = {
        "runtime": runtime_weight(),
        "packaging": {label: time_packaging(site, runs) for label, site in sites.items()},
    }
    if "real" in sites:
        finished = finished_course_in_node(sites["real"])
        figures["suspend_data"] = {
            "finished_real_course_chars": len(finished["text"]),
            "limit_scorm12": SUSPEND_LIMIT_12,
            "quizzes": len(finished["state"]["quizzes"]),
            "lessons_visited": len(finished["state"]["visited"]),
            "signoffs": sum(len(h) for h in finished["state"]["signoffs"].values()),
        }
    assert set(SCORM_FORMATS) <= set(FORMATS)
    return figures


def print_package_figures(figures: dict[str, Any]) -> None:
    runtime = figures["runtime"]
    print("\nLMS packages (SCORM)")
    print(
        f"  runtime (lms-host.js + state-codec.js + scorm.js, loaded only by packages): "
        f"{runtime['raw']} B, {runtime['gzip']} B gzipped"
    )
    for label, formats in figures["packaging"].items():
        for name, row in formats.items():
            print(
                f"  {label:>9} {name:<9}: packaged in {row['median_s']:.2f} s (median), "
                f"{row['zip_bytes'] / 1e6:.2f} MB zip, {row['files']} files"
            )
    if "suspend_data" in figures:
        data = figures["suspend_data"]
        print(
            f"  suspend_data, whole real course finished ({data['quizzes']} quizzes, "
            f"{data['lessons_visited']} lessons, {data['signoffs']} sign-offs): "
            f"{data['finished_real_course_chars']} of {data['limit_scorm12']} characters (SCORM 1.2)"
        )


def main(argv: list[str]) -> int:
    """The first folder is the real course's built site; any others are measured too."""
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    sites = {"real": Path(argv[0]), **{Path(a).name: Path(a) for a in argv[1:]}}
    print_package_figures(package_figures(sites))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
