"""Files and folders with personal data are the owner's alone: folders 0700, files 0600.

Another local user read a label and a birth date from a records database created 0644 in a 0755
folder. The records database, its -wal/-shm/-journal files (SQLite gives them the database file's
mode), the food store, reports and exports are created private, and an older world-readable file
is made private when b12 opens it. The `b12` command also runs with umask 077 (b12.cli.main.run).
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FOLDER_MODE = 0o700
FILE_MODE = 0o600
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) owner-only; an existing one is left as it is."""
    if not folder.is_dir():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        folder.chmod(FOLDER_MODE)  # mkdir's mode is filtered by the umask


def private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only if missing; remove group and other access if not."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE))
    except OSError:
        return  # a read-only folder: opening the file reports the problem
    _owner_only(path)


def private_sqlite(path: Path) -> None:
    """A SQLite database file and its companion files, owner-only."""
    private_file(path)
    for suffix in SQLITE_COMPANIONS:
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            _owner_only(companion)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as an owner-only file (created 0600, never briefly readable)."""
    handle = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, FILE_MODE)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    _owner_only(path)


def _owner_only(path: Path) -> None:
    with contextlib.suppress(OSError):  # not ours, or a read-only file system: leave it
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(current & 0o700)
