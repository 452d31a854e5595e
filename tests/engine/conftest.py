"""Engine tests: the course engine on its own, without MkDocs.

The helpers in engine_support.py are imported by name, whatever pytest's import mode.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = str(Path(__file__).resolve().parent)
if HERE not in sys.path:
    sys.path.insert(0, HERE)
