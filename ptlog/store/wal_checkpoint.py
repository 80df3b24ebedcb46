"""A big write's copy from the WAL into the database file, after its commit, off its path.

SQLite in WAL mode makes a transaction durable when its pages are in the ``-wal`` file and that
file is synced (``synchronous=FULL``); copying them into the database file (a checkpoint) is
housekeeping that SQLite runs by itself once the log passes 1,000 pages, in the committing
call. For a million-reading import that copy is ~470 MB written and synced again: 1.3-1.9 s
that the person waited for after their readings were already safe. SQLite's documentation
(wal.html, "Automatic Checkpoint") names the alternative used here: the automatic checkpoint
off for the big transaction, the checkpoint run in a thread of its own once it committed.

The thread has a connection of its own and runs a PASSIVE checkpoint: it never takes the write
lock, so saves and reads go on meanwhile. Readers read the pages from the log until it is done.
``wait_for_checkpoints`` (also at exit) lets a command finish the copy before it ends.
"""

from __future__ import annotations

import atexit
import contextlib
import sqlite3
import threading
from pathlib import Path

from ptlog.store.sqlite_files import sqlite_uri

_running: set[threading.Thread] = set()
_lock = threading.Lock()


def checkpoint_in_background(path: Path) -> threading.Thread:
    """Start copying the WAL of the SQLite database at ``path`` into its file; the thread."""
    thread = threading.Thread(target=_checkpoint, args=(path,), name="ptlog-wal-checkpoint",
                              daemon=True)
    with _lock:
        _running.add(thread)
    thread.start()
    return thread


def _checkpoint(path: Path) -> None:
    try:
        # a failed copy loses nothing (the log keeps the pages and the next commit or open
        # copies them): it is not worth a message
        with contextlib.suppress(sqlite3.Error):
            # mode=rw: a database moved or removed meanwhile is not made again, empty
            conn = sqlite3.connect(sqlite_uri(path, mode="rw"), uri=True, timeout=10,
                                   isolation_level=None, check_same_thread=False)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            finally:
                conn.close()
    finally:
        with _lock:
            _running.discard(threading.current_thread())


def wait_for_checkpoints(timeout: float | None = None) -> bool:
    """Wait for the copies still running; False if one still runs after ``timeout``."""
    with _lock:
        threads = list(_running)
    for thread in threads:
        thread.join(timeout)
    with _lock:
        return not _running


atexit.register(wait_for_checkpoints)
