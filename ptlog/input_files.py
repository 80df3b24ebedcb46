"""Files a user names for ptlog to read (a sheet to import, a backup to restore): whether the
path can be read as a file, and what to say when it cannot, the same from the window and the
command line. A folder is told apart from a path that does not exist: "no such file" for a
folder that is plainly there sends the user looking in the wrong place."""

from __future__ import annotations

import enum
from pathlib import Path

from ptlog.domain.i18n import N_, Translator, english


class NotAFile(enum.Enum):
    """Why a path named for reading is not a file."""

    MISSING = N_("{path}: no such file")
    FOLDER = N_("{path}: this is a folder; name a file in it")


def not_a_file(path: Path) -> NotAFile | None:
    """None when ``path`` is a file ptlog can open for reading; else why it is not."""
    if path.is_file():
        return None
    return NotAFile.FOLDER if path.is_dir() else NotAFile.MISSING


def not_a_file_message(path: Path, tr: Translator | None = None) -> str | None:
    """``not_a_file`` as the command line (in its language, ``tr``) and the store say it, or
    None."""
    reason = not_a_file(path)
    return None if reason is None else (tr or english())(reason.value, path=path)
