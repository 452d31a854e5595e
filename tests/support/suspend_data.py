"""The suspend data of a learner who has finished the whole course, measured with the
package's own codec (assets/lms/state-codec.js) and the course's own config.js.

The state is the worst case a learner reaches: every lesson visited, every quiz of
every role passed (with the time it was first passed), a role, and two sign-offs
of the course's policy as course-extras.js keeps them (`signoffs: {id: [oldest,
...]}`): the current one (the course's own statement and digests), and one kept
as history from before a policy lesson changed, each with the statement, the
full digest and every covered lesson's digest, and a name with non-ASCII letters. `FINISHED_COURSE` is a
JavaScript function run where `mcCourseConfig` and `mcStateCodec` are loaded:
in a test page (chromium) or in node (`nox -s bench`).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from microcourse.shipped_assets import shipped

FINISHED_COURSE = r"""() => {
  const config = window.mcCourseConfig;
  const start = Date.UTC(2026, 10, 2, 8, 0, 0);
  const hex = (seed, length) => {
    let out = "", x = seed * 2654435761 % 4294967296;
    while (out.length < length) { x = (x * 1103515245 + 12345) % 2147483648; out += x.toString(16).padStart(8, "0"); }
    return out.slice(0, length);
  };
  const state = { v: 1, role: config.roles.length ? config.roles[0].id : null, quizzes: {}, visited: {} };
  let minute = 0;
  for (const lesson of config.lessons) {
    state.visited[lesson.id] = start + (minute += 3) * 60000 + 417;
    for (const quiz of lesson.quizzes) {
      const passedAt = start + (minute += 4) * 60000 + 912;
      state.quizzes[quiz.id] = { best: 100, passed: true, fingerprint: quiz.fingerprint, updated: passedAt + 61000, passedAt };
    }
  }
  // The course's sign-off as signed now, and the one before it: a policy lesson
  // has changed since, so its digests (but the unchanged lessons') are older.
  const def = (config.signoffs || [])[0] || {
    id: "policy", statement: "I have read and understood the social media policy.", version: hex(9, 8),
    digest: hex(9, 64), changed: "2026-11-01",
    lessons: Object.fromEntries(config.lessons.slice(0, 5).map((l, i) => [l.id, hex(20 + i, 64)])),
  };
  const entry = (lessons, digest, changed) => ({
    id: def.id, statement: def.statement, version: digest.slice(0, 8), digest, changed, lessons,
    name: "Zoë Fernández-Oliveira", time: start + (minute += 5) * 60000,
  });
  const [firstLesson] = Object.keys(def.lessons);
  const older = entry({ ...def.lessons, [firstLesson]: hex(1, 64) }, hex(2, 64), "2026-09-14");
  state.signoffs = { [def.id]: [older, entry({ ...def.lessons }, def.digest, def.changed)] };
  const text = window.mcStateCodec.encode(state, config);
  return { text, state, back: window.mcStateCodec.decode(text, config) };
}"""


def codec_source() -> str:
    return shipped("lms/state-codec.js")


def finished_course_in_node(site_dir: Path) -> dict[str, Any]:
    """Runs FINISHED_COURSE in node against a built site's config.js."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise RuntimeError(
            "node is needed to measure suspend data (Debian: apt-get install nodejs)"
        )
    script = (
        "globalThis.window = globalThis;\n"
        + (site_dir / "assets/course/config.js").read_text(encoding="utf-8")
        + "\n"
        + codec_source()
        + f"\nprocess.stdout.write(JSON.stringify(({FINISHED_COURSE})()));\n"
    )
    result = subprocess.run(
        [node, "-"], input=script, capture_output=True, text=True, check=True, timeout=60
    )
    figures: dict[str, Any] = json.loads(result.stdout)
    return figures
