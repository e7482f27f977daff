"""Which layout a data repo has: ``format`` in its settings file (``dvtui.toml``).

Read on its own, without the Store, by the Store when it opens a repo and by the quick
command line (``dvtui.cli.quick``), which leaves a repo of another layout to the full one.
"""

from __future__ import annotations

from pathlib import Path

from dvtui.core import codec
from dvtui.storage.regular import read_regular

__all__ = ["DATA_FORMAT", "SETTINGS_FILE", "data_format"]

SETTINGS_FILE = "dvtui.toml"
# The layout of a data repo this dvtui reads and writes (``format`` in dvtui.toml; a repo
# made by dvtui 0.1 has none and is format 1). Older repos are migrated
# (:mod:`dvtui.services.migrate`); a newer one is refused: an old dvtui would misread it.
DATA_FORMAT = 2


def data_format(root: Path) -> int:
    """The layout version of a data repo: ``format`` in dvtui.toml, 1 when it says none (every
    repo dvtui 0.1 made has a dvtui.toml without it). A repo with no dvtui.toml at all was not
    made by dvtui (records copied in by hand): it is taken as it is, of this layout.

    Read on its own, so that a mistake in another setting never hides it.
    """
    try:
        data = read_regular(root / SETTINGS_FILE, limit=codec.MAX_RECORD_BYTES)
    except FileNotFoundError:
        return DATA_FORMAT
    except OSError:  # a FIFO, a symlink …: load_settings names it; nothing to migrate
        return DATA_FORMAT
    table, _problems = codec.parse_table(SETTINGS_FILE, data)
    if table is None:  # not TOML, or over a limit: load_settings names it; its layout is
        return DATA_FORMAT  # unknown, not old (as for a FIFO), so there is nothing to migrate
    found = table.get("format", 1)
    return found if isinstance(found, int) and not isinstance(found, bool) and found > 0 else 1
