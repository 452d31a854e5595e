"""A stand-in LMS for the browser tests, around real LMS software: scorm-again.

The LMS page (`lms/host.html`) makes scorm-again's SCORM 1.2 `API` or SCORM
2004 `API_1484_11` (loading what an LMS stored from an earlier attempt, if
any), logs every call the content makes with its result and error code, keeps
a copy of the data at every commit, and opens a package's launch page in a frame
or, for the opener route, in a new window. Tests read `lmsCalls`,
`lmsCommits` and `lmsData()` from it. Everything is served from one folder.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

SCORM_AGAIN = Path(__file__).resolve().parents[2] / "node_modules" / "scorm-again" / "dist"

METHODS = {
    "scorm12": ["LMSInitialize", "LMSGetValue", "LMSSetValue", "LMSCommit", "LMSFinish",
                "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"],
    "scorm2004": ["Initialize", "GetValue", "SetValue", "Commit", "Terminate",
                  "GetLastError", "GetErrorString", "GetDiagnostic"],
}  # fmt: skip

HOST_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Stand-in LMS</title>
<script src="scorm-again/scorm12.js"></script>
<script src="scorm-again/scorm2004.js"></script>
<style>html,body{margin:0;height:100%} iframe{border:0;width:100%;height:100%}</style>
</head>
<body>
<script>
(() => {
  const setup = window.lmsSetup;  // { version, launch, stored, window }
  const is12 = setup.version === "scorm12";
  const api = is12 ? new Scorm12API({ logLevel: 5 }) : new Scorm2004API({ logLevel: 5 });
  if (setup.stored) api.loadFromJSON(setup.stored);
  const methods = %METHODS%[setup.version];
  const lastError = is12 ? "LMSGetLastError" : "GetLastError";
  window.lmsCalls = [];
  window.lmsCommits = [];
  window.lmsData = () => JSON.parse(JSON.stringify(api.cmi));
  for (const name of methods) {
    const real = api[name].bind(api);
    const errorOf = api[lastError].bind(api);
    api[name] = (...args) => {
      const result = real(...args);
      const error = String(errorOf());
      window.lmsCalls.push({ name, args: args.map(String), result: String(result), error, at: Date.now() });
      if (name === "LMSCommit" || name === "Commit") window.lmsCommits.push(window.lmsData());
      return result;
    };
  }
  window[is12 ? "API" : "API_1484_11"] = api;
  window.lmsApi = api;
  if (setup.window) {
    const button = document.createElement("button");
    button.textContent = "Open the course";
    button.addEventListener("click", () => { window.courseWindow = window.open(setup.launch, "course"); });
    document.body.append(button);
  } else {
    const frame = document.createElement("iframe");
    frame.title = "Course";
    frame.src = setup.launch;
    document.body.append(frame);
  }
})();
</script>
</body>
</html>
"""


def lay_out_lms(root: Path, packages: dict[str, Path]) -> Path:
    """Writes the LMS into `root`: host.html, scorm-again, and each package unzipped
    under `packages/<name>/`; returns `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "host.html").write_text(
        HOST_PAGE.replace("%METHODS%", json.dumps(METHODS)), encoding="utf-8"
    )
    shutil.copytree(SCORM_AGAIN, root / "scorm-again", dirs_exist_ok=True)
    for name, package in packages.items():
        with zipfile.ZipFile(package) as archive:
            archive.extractall(root / "packages" / name)
    return root
