"""`mkdocs serve`, after making sure its address is free.

MkDocs answers a port that is already taken (often by a preview still running in
another terminal) with a 30-line traceback; this says it in one line, with what to
do. Usage: python -m microcourse.cli.preview [MKDOCS SERVE OPTIONS]
"""

from __future__ import annotations

import os
import socket
import sys

DEFAULT_ADDRESS = "127.0.0.1:8000"


def address(argv: list[str]) -> str:
    """The -a/--dev-addr the preview will serve on."""
    for index, arg in enumerate(argv):
        if arg in ("-a", "--dev-addr") and index + 1 < len(argv):
            return argv[index + 1]
        for prefix in ("--dev-addr=", "-a"):
            if arg.startswith(prefix) and len(arg) > len(prefix):
                return arg[len(prefix) :].lstrip("=")
    return DEFAULT_ADDRESS


def busy(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host.strip("[]"), port))
        except OSError:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    where = address(argv)
    host, _, port = where.rpartition(":")
    if port.isdigit() and busy(host or "127.0.0.1", int(port)):
        print(
            f"preview: {where} is already in use (is another preview still running?); stop "
            f"it with Ctrl+C, or preview on another port: .ci/nox -s serve -- -a "
            f"{host}:{int(port) + 1}",
            file=sys.stderr,
        )
        return 1
    os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", *argv])


if __name__ == "__main__":
    sys.exit(main())
