"""Write a finished PDF so that a reader never sees half a file (temporary file, fsync, rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class ReportWriteError(OSError):
    """The PDF could not be written; the message names the file and the reason."""


def write_pdf_atomic(data: bytes, path: str | os.PathLike[str]) -> Path:
    """Write ``data`` beside ``path`` first, then rename over it; mode 0600 (clinical data)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ReportWriteError(f"cannot write {target}: folder {folder} does not exist")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ReportWriteError(f"cannot write {target}: {exc.strerror or exc}") from exc
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise ReportWriteError(f"cannot write {target}: {exc.strerror or exc}") from exc
        raise
    return target
