"""Figures for the cmi5 package: the runtime's weight, and what one learner sends.

    .ci/nox -s bench   (its last lines), or .nox/tests/bin/python -m tests.support.cmi5_bench

Prints the gzipped size of the shipped cmi5 runtime (and, for comparison, of
@xapi/cmi5's browser build from node_modules/), then packages the fixture course
for the sales role, launches it in Debian's chromium behind the LMS stand-in with
Ralph, finishes the sales path (every quiz right), leaves, and counts the
statements and bytes the course sent to the LMS's xAPI endpoint.
"""

from __future__ import annotations

import gzip
import tempfile
import uuid
from pathlib import Path

from playwright.sync_api import sync_playwright

from microcourse.shipped_assets import shipped
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.test_cmi5 import (
    PATH_QUIZZES,
    course_frame,
    package_fixture_course,
    take_quiz,
    verbs,
    wait_for,
)
from tests.support.cmi5_lms import Cmi5LMS, learner
from tests.support.ralph_lrs import RalphLRS

REPO = Path(__file__).resolve().parents[2]
XAPI_CMI5_UMD = REPO / "node_modules/@xapi/cmi5/dist/Cmi5.umd.js"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def main() -> None:
    runtime = shipped("lms/cmi5.js").encode()
    print(
        f"cmi5 runtime (assets/lms/cmi5.js as shipped): {len(runtime)} B, {gzipped(runtime)} B gzipped"
    )
    host = runtime + shipped("lms/lms-host.js").encode()
    print(f"  with the launch page's shared host (lms-host.js): {gzipped(host)} B gzipped")
    if XAPI_CMI5_UMD.is_file():
        umd = XAPI_CMI5_UMD.read_bytes()
        print(
            f"@xapi/cmi5 1.4.0 dist/Cmi5.umd.js, for comparison: {len(umd)} B, {gzipped(umd)} B gzipped"
        )
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        (work / "package").mkdir()
        content = package_fixture_course(work / "package")
        lrs = RalphLRS(work / "ralph")
        lrs.start()
        try:
            with Cmi5LMS(content, lrs) as lms, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context()
                page = context.new_page()
                registration = str(uuid.uuid4())
                page.goto(lms.launch(learner("bench"), registration))
                frame = course_frame(page)
                for lesson in PATH_QUIZZES:
                    take_quiz(frame, f"{lms.origin}/content/", lesson)
                wait_for(
                    lambda: (
                        "passed"
                        in verbs(lrs.statements(registration=registration), lms.activity_id)
                    ),
                    "passed",
                )
                context.close()
                statements = wait_for(
                    lambda: (
                        (s := lrs.statements(registration=registration))
                        and verbs(s)[-1] == "terminated"
                        and s
                    ),
                    "terminated",
                )
                browser.close()
                sent = [s for s in statements if verbs([s])[0] != "launched"]
                posts = lms.requests.statement_posts
                print(
                    f"one learner, sales path of the fixture course ({len(PATH_QUIZZES)} quizzes): "
                    f"{len(sent)} statements in {len(posts)} POSTs, {sum(map(len, posts))} B of JSON"
                )
                counts: dict[str, int] = {}
                for verb in verbs(sent):
                    counts[verb] = counts.get(verb, 0) + 1
                print("  by verb: " + ", ".join(f"{v} {n}" for v, n in counts.items()))
        finally:
            lrs.stop()


if __name__ == "__main__":
    main()
