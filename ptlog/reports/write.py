"""Write a finished PDF so that a reader never sees half a file (temporary file, fsync, rename)."""

from __future__ import annotations

import os
from pathlib import Path

from ptlog.atomic_files import write_atomic


class ReportWriteError(OSError):
    """The PDF could not be written; the message names the file and the reason."""


def write_pdf_atomic(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` beside ``path`` first, then rename over it; mode 0600 (clinical data)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"cannot write {target}: folder {folder} does not exist")
    try:
        return write_atomic(target, data)
    except OSError as exc:
        raise ReportWriteError(f"cannot write {target}: {exc.strerror or exc}") from exc
