"""Ralph, a real Learning Record Store, on loopback with its file backend, for the cmi5 tests.

`RalphLRS(folder).start()` runs Ralph's API (FastAPI under uvicorn) in a child process
on 127.0.0.1, storing statements in `folder/fs_lrs.jsonl`; `stop()` ends it and
`start()` again brings it back on the same port with the same statements, which is
how the tests make "the LRS is restarting".

Ralph 5.1.0's file backend writes every POST with operation type INDEX, which refuses
to write to an existing file: the first POST creates fs_lrs.jsonl and every later
one fails with "fs_lrs.jsonl already exists" (HTTP 500). The child process therefore
makes APPEND the file backend's default before Ralph loads it (`_serve`, PATCH 1).
The same backend also never matches a `verb=` or `activity=` query (PATCH 2, which
the course's "was completed already sent?" query needs). Nothing else of Ralph is
changed; the other backends need a database server (Elasticsearch, MongoDB,
ClickHouse) that does not install from PyPI.

Run as a module, this file is that child: `python -m tests.support.ralph_lrs PORT`,
configured through Ralph's own RALPH_* environment variables (set by `RalphLRS`).
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
USERNAME = "lms"
PASSWORD = "stand-in-lms-secret"
# The LRS account the LMS stand-in forwards statements with (Ralph's basic auth).
AUTHORITY = {"objectType": "Agent", "mbox": "mailto:lms@example.com", "name": "LMS stand-in"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RalphLRS:
    """One Ralph process at a time on a fixed loopback port and folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = folder / "ralph.log"
        folder.mkdir(parents=True, exist_ok=True)
        self._write_auth_file()

    @property
    def authorization(self) -> str:
        token = base64.b64encode(f"{USERNAME}:{PASSWORD}".encode()).decode()
        return f"Basic {token}"

    def _write_auth_file(self) -> None:
        import bcrypt  # installed with ralph-malph[lrs]

        digest = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
        users = [{"agent": AUTHORITY, "scopes": ["all"], "hash": digest, "username": USERNAME}]
        (self.folder / "auth.json").write_text(json.dumps(users), encoding="utf-8")

    def start(self, timeout: float = 60.0) -> None:
        env = {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder),
            "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(self.folder),
            "RALPH_RUNSERVER_HOST": "127.0.0.1",
            "RALPH_RUNSERVER_PORT": str(self.port),
        }
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.support.ralph_lrs", str(self.port)],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited at start:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/__heartbeat__", timeout=2):
                    return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"Ralph did not answer in {timeout}s:\n{self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def statements(self, **params: str) -> list[dict[str, Any]]:
        """Every statement matching `params` (xAPI query), in the order Ralph stored them.

        Ralph's file backend reads fs_lrs.jsonl from the top, so its unsorted answer is
        the order of arrival (its `ascending=true` reverses that: not used here).
        """
        query = "&".join(f"{k}={urllib.request.quote(v)}" for k, v in params.items())
        request = urllib.request.Request(
            f"{self.url}/xAPI/statements/?limit=1000&{query}",
            headers={"Authorization": self.authorization, "X-Experience-API-Version": "1.0.3"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = json.load(response)
        statements: list[dict[str, Any]] = body["statements"]
        return statements


def _serve(port: int) -> None:
    from ralph.backends.data.base import BaseOperationType
    from ralph.backends.lrs.fs import FSLRSBackend

    # PATCH 1 (Ralph 5.1.0): append each POST to fs_lrs.jsonl instead of refusing an existing file.
    FSLRSBackend.default_operation_type = BaseOperationType.APPEND
    # PATCH 2 (Ralph 5.1.0): the file backend compares a statement's verb and object ids
    # (text) with the query's, which arrive parsed as URL objects: never equal, so a
    # `verb=` or `activity=` query found nothing. Compare them as text.
    by_verb, by_activity = FSLRSBackend._add_filter_by_verb, FSLRSBackend._add_filter_by_activity

    def add_filter_by_verb(filters: list[Any], verb_id: Any) -> None:
        by_verb(filters, str(verb_id) if verb_id else verb_id)

    def add_filter_by_activity(filters: list[Any], object_id: Any, related: Any) -> None:
        by_activity(filters, str(object_id) if object_id else object_id, related)

    FSLRSBackend._add_filter_by_verb = staticmethod(add_filter_by_verb)  # type: ignore[method-assign]
    FSLRSBackend._add_filter_by_activity = staticmethod(add_filter_by_activity)  # type: ignore[method-assign]

    import uvicorn

    uvicorn.run("ralph.api:app", host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
