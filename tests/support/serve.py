"""A loopback static server that serves a built site under a sub-path, as an intranet might."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

DEFAULT_SUB_PATH = "/intranet/social-media/"


class _SubPathHandler(SimpleHTTPRequestHandler):
    sub_path = DEFAULT_SUB_PATH

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.sub_path):
            return str(Path(self.directory) / ".does-not-exist")
        return super().translate_path("/" + path[len(self.sub_path) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients (linkchecker, browsers) hang up mid-video; that is not our failure


@contextmanager
def serve_site(site_dir: Path, sub_path: str = DEFAULT_SUB_PATH) -> Iterator[str]:
    """Serves `site_dir` at http://127.0.0.1:<port><sub_path>; yields that base URL."""
    handler = functools.partial(
        type("Handler", (_SubPathHandler,), {"sub_path": sub_path}), directory=str(site_dir)
    )
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{sub_path}"
    finally:
        server.shutdown()
        server.server_close()
