"""Files the clinic relies on (PDFs, CSV, FHIR, JSON) are written whole or not at all.

A temporary file beside the target is written, flushed to disk, then renamed over the target in
one step; it is created readable by the owner only (clinical data). Every layer writes through
here, so the rule lives in one place.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def folder_problem(path: str | os.PathLike[str]) -> str | None:
    """Why ``path`` cannot be written (its folder is missing or read-only), or None."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return f"cannot write {target}: folder {folder} does not exist"
    if not os.access(folder, os.W_OK):
        return f"cannot write {target}: folder {folder} is not writable"
    return None


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w",
                  **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Yield a handle on a temporary file; on success it replaces ``path``, on error it goes.

    Raises OSError (e.g. FileNotFoundError for a missing folder) before anything is written.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, mode, **open_kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module docstring)."""
    with atomic_writer(path, "wb") as handle:
        handle.write(data)
    return Path(path)
