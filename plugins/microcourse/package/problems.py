"""What stops a package from being made, said plainly and where."""

from __future__ import annotations


class PackageError(Exception):
    """A problem with the input, located: `where: error: message` (no traceback)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: error: {message}")
        self.where = where
        self.message = message
