"""A test hook: die on the spot at a named point of a save, as a power cut would.

The crash tests (``tests/crash/``) run a real save in a subprocess with
``DVTUI_CRASH_AT=<point>`` and check that the data repo survives. The points, in the order a
save passes them:

``before_write``   the journal is written, the record file not yet
``before_rename``  the new bytes are in the temp file (fsynced), not yet renamed over the record
``after_rename``   the record file holds the new version, git knows nothing yet
``after_add``      ``git add`` staged the new version, no commit yet
``after_commit``   ``git commit`` made the commit, the save has not yet cleared its journal

Outside the tests the variable is unset and :func:`crash_point` costs one dict lookup.
SIGKILL (not an exception, not ``sys.exit``) so that no ``finally`` or ``atexit`` runs.
"""

from __future__ import annotations

import os
import signal

ENV = "DVTUI_CRASH_AT"
POINTS = ("before_write", "before_rename", "after_rename", "after_add", "after_commit")


def crash_point(name: str) -> None:
    """Kill this process with SIGKILL when ``DVTUI_CRASH_AT`` names this point."""
    if os.environ.get(ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
