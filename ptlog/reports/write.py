"""Write a finished PDF so that a reader never sees half a file (temporary file, fsync, rename)."""

from __future__ import annotations

import os
from pathlib import Path

from ptlog.atomic_files import folder_problem, write_atomic


class ReportWriteError(OSError):
    """The PDF could not be written; the message names the file and the reason."""


def write_pdf_atomic(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` beside ``path`` first, then rename over it; mode 0600 (clinical data)."""
    target = Path(path)
    problem = folder_problem(target)
    if problem is not None:
        raise ReportWriteError(problem)
    try:
        return write_atomic(target, data)
    except OSError as exc:
        raise ReportWriteError(f"cannot write {target}: {exc.strerror or exc}") from exc
