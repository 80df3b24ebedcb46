"""Files a user names for ptlog to read (a sheet to import, a backup to restore): whether the
path can be read as a file, and what to say when it cannot, the same from the window and the
command line. A folder is told apart from a path that does not exist: "no such file" for a
folder that is plainly there sends the user looking in the wrong place."""

from __future__ import annotations

import enum
from pathlib import Path


class NotAFile(enum.Enum):
    """Why a path named for reading is not a file."""

    MISSING = "{path}: no such file"
    FOLDER = "{path}: this is a folder; name a file in it"


def not_a_file(path: Path) -> NotAFile | None:
    """None when ``path`` is a file ptlog can open for reading; else why it is not."""
    if path.is_file():
        return None
    return NotAFile.FOLDER if path.is_dir() else NotAFile.MISSING


def not_a_file_message(path: Path) -> str | None:
    """``not_a_file`` as the command line and the store say it (English), or None."""
    reason = not_a_file(path)
    return None if reason is None else reason.value.format(path=path)
