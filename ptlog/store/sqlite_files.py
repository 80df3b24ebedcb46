"""SQLite files on disk: URIs that name exactly one file, companions, headers, the owner's mode.

Every place that opens a SQLite file by URI goes through ``sqlite_uri``: a ``file:`` URI built
without escaping turns ``back#up.db`` into ``back`` and refuses ``b%41.db`` (issue 14).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from urllib.parse import quote, urlencode

SQLITE_HEADER = b"SQLite format 3\x00"
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
# the first four bytes of a write-ahead log (big- and little-endian checksum variants)
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")


def sqlite_uri(path: str | os.PathLike[str], **params: str) -> str:
    """A ``file:`` URI for exactly ``path``, whatever characters its name holds.

    Every character but the unreserved ones and ``/`` is percent-encoded, so ``#``, ``?``,
    ``%``, ``&``, ``=``, spaces and non-ASCII letters reach SQLite as part of the name.
    """
    absolute = os.path.abspath(os.fspath(path))
    if os.sep != "/":  # Windows: file:///C:/folder/file.db
        absolute = "/" + absolute.replace(os.sep, "/")
    encoded = quote(absolute, safe="/" + (":" if os.sep != "/" else ""))
    query = f"?{urlencode(params)}" if params else ""
    return f"file:{encoded}{query}"


def read_only_uri(path: Path, *, at_rest: bool = False) -> str:
    """How to open ``path`` only to read it. A file its owner made read-only, or one at rest
    (a backup nobody writes), with nothing left in its write-ahead log is opened immutable, so
    SQLite puts no -wal/-shm beside it; else read-only with them, to see a writer's commits."""
    wal = path.with_name(path.name + "-wal")
    try:
        pending = wal.stat().st_size > 0
    except OSError:
        pending = False
    if (at_rest or is_read_only_file(path)) and not pending:
        return sqlite_uri(path, mode="ro", immutable="1")
    return sqlite_uri(path, mode="ro")


def companions(path: Path) -> tuple[Path, ...]:
    """The files SQLite keeps beside ``path``: write-ahead log, shared memory, rollback journal."""
    return tuple(path.with_name(path.name + suffix) for suffix in COMPANION_SUFFIXES)


def _starts_like_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return head == SQLITE_HEADER or head[:4] in _WAL_MAGIC


def is_sqlite_file(path: Path) -> bool:
    """Whether ``path`` is a SQLite database or a log, journal or shared memory beside one
    (also when that companion does not exist yet: writing it would corrupt the database)."""
    if _starts_like_sqlite(path):
        return True
    return any(
        path.name.endswith(suffix) and len(path.name) > len(suffix)
        and _starts_like_sqlite(path.with_name(path.name[: -len(suffix)]))
        for suffix in COMPANION_SUFFIXES
    )


def is_read_only_file(path: Path) -> bool:
    """The owner made ``path`` read-only: no write bit set (checked on the mode itself, since
    ``os.access`` says yes to root whatever the mode)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    return not os.access(path, os.W_OK)


def is_read_only_folder(folder: Path) -> bool:
    """As ``is_read_only_file``, for the folder that would hold new files."""
    return is_read_only_file(folder)
