"""Witnesses of the audit chain kept outside the database, so a shortened chain is noticed.

A chain that hashes each event with the one before catches an event removed from the middle,
but not the last events removed: what is left is still a valid chain. So every workstation
keeps, in its own data folder, the chain head it last saw for each database (the last event's
id and hash and how many events led up to it), and every backup written to the backup folder
records the head it was taken at. ``ptlog check`` compares the chain with all of them.

A witness only moves forward: a head that does not extend the one witnessed is not written
over it (``check`` reports it instead), unless a restore recorded in the chain explains it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peewee import Database, PostgresqlDatabase

from ptlog.atomic_files import make_private_folders
from ptlog.store import models as m

log = logging.getLogger(__name__)

HISTORY = 30  # earlier heads kept per database, so check can say where a rewrite began
#: while a process keeps saving on one connection, its witness is written at most this often
#: (seconds); the head is witnessed in any case when the connection is let go (a window's
#: save job ends, a command ends, the window closes): ``note_head_if_due``
WITNESS_EVERY = 1.0


@dataclass(frozen=True, slots=True)
class Head:
    """The chain as someone saw it: the last event's id and hash, the number of events."""

    event_id: int
    count: int
    hash: str
    event_at: str  # the last event's time (UTC, ISO)
    seen_at: str = ""  # when it was witnessed (UTC, ISO)
    source: str = ""  # "this workstation" or the backup's file name

    @property
    def short(self) -> str:
        return short_head(self.hash)


def short_head(hash_text: str) -> str:
    """The form printed on reports and in messages: the first 12 hex digits."""
    return hash_text[:12]


def witness_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ptlog", appauthor=False)) / "witnesses"


def database_identity(db: Database | None = None) -> str:
    """Which database a witness is about: the SQLite file's real path, or the server's address."""
    db = db or m.database_proxy.obj
    if isinstance(db, PostgresqlDatabase):
        params = db.connect_params
        return (f"postgresql://{params.get('host', 'localhost')}:{params.get('port', 5432)}/"
                f"{db.database}")
    return str(Path(str(db.database)).resolve())


_files: dict[tuple[str, str, str], Path] = {}


def _witness_file(identity: str) -> Path:
    """The database's witness file (remembered: a save writes it every time; the data folder
    follows ``XDG_DATA_HOME`` and ``HOME``, which tests change)."""
    where = (identity, os.environ.get("XDG_DATA_HOME", ""), os.environ.get("HOME", ""))
    path = _files.get(where)
    if path is None:
        name = hashlib.sha256(identity.encode("utf-8")).hexdigest()[:20]
        path = _files[where] = witness_dir() / f"{name}.json"
    return path


def forget(identity: str) -> None:
    """Drop this workstation's witness of a database that was deliberately deleted (the demo
    database): a new database at the same place starts a chain of its own."""
    path = _witness_file(identity)
    path.unlink(missing_ok=True)
    _due.discard(path)
    _brought_up_to_date.pop(path, None)
    _diverged.pop(path, None)


def current_head() -> Head | None:
    """The chain's head as stored now (None for an empty chain)."""
    row = (m.AuditEvent.select(m.AuditEvent.id, m.AuditEvent.hash, m.AuditEvent.at)
           .order_by(m.AuditEvent.id.desc()).limit(1).first())
    if row is None:
        return None
    count = m.AuditEvent.select().count()
    return Head(row.id, count, row.hash, _iso(row.at))


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


#: the witness files this process last read or wrote, by path: (mtime_ns, size, heads); a
#: save re-reads its witness only when another process changed the file (a stat, not a parse)
_known: dict[Path, tuple[int, int, list[Head]]] = {}


def read_witness(identity: str | None = None) -> list[Head]:
    """This workstation's witnessed heads for the database, oldest first ([] if none)."""
    path = _witness_file(identity or database_identity())
    try:
        stat = path.stat()
        known = _known.get(path)
        if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
            return list(known[2])
        data = json.loads(path.read_text(encoding="utf-8"))
        heads = [Head(**{**h, "source": "this workstation"}) for h in data["heads"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    _known[path] = (stat.st_mtime_ns, stat.st_size, heads)
    return list(heads)


def write_json_atomic(path: Path, data: Any) -> None:
    """Owner-only file written to a temporary name and renamed over the old one."""
    make_private_folders(path.parent)  # the data folder too, if this makes it: 0700
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(data))  # one write (json.dump writes piece by piece)
        os.chmod(name, 0o600)
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _grown_from(db: Database, last: Head) -> Head | None:
    """The chain's head now, counted on from ``last``, if the chain still holds ``last``
    (it only grew); None if it does not. One statement: this runs after every save."""
    table = m.AuditEvent._meta.table_name
    param = db.param
    # the count bounded on both sides: PostgreSQL plans a statement it has prepared without
    # its parameter's value, and "id > $1" alone is a third of the table to it: a sequential
    # scan of every event for a count of a few (16 workstations: 5M rows read in 15 s)
    rows = db.execute_sql(
        f"SELECT e.id, e.hash, e.at, (SELECT COUNT(*) FROM {table} WHERE id > {param} "
        f"AND id <= (SELECT MAX(id) FROM {table})) "
        f"FROM {table} e WHERE e.id = {param} OR e.id = (SELECT MAX(id) FROM {table}) "
        "ORDER BY e.id", (last.event_id, last.event_id)).fetchall()
    if not rows or rows[0][0] != last.event_id or rows[0][1] != last.hash:
        return None
    newest = rows[-1]
    at = newest[2]  # SQLite gives the stored text: written as peewee's model read would give it
    with contextlib.suppress(ValueError):
        at = dt.datetime.fromisoformat(at) if isinstance(at, str) else at
    return Head(int(newest[0]), last.count + int(newest[3]), str(newest[1]), _iso(at))


def _stored(head: Head) -> dict[str, Any]:
    """A head as its witness file keeps it: every field but ``source``, in field order (what
    ``asdict`` gave, at a tenth of its cost: thirty heads are written after every save)."""
    return {"event_id": head.event_id, "count": head.count, "hash": head.hash,
            "event_at": head.event_at, "seen_at": head.seen_at}


def _restored_since(head: Head) -> bool:
    """A restore recorded after the witness explains a chain that no longer contains it."""
    query = m.AuditEvent.select(m.AuditEvent.id).where(
        (m.AuditEvent.action == "restore") & (m.AuditEvent.entity == "database"))
    if head.seen_at:
        query = query.where(m.AuditEvent.at >= dt.datetime.fromisoformat(head.seen_at)
                            .replace(microsecond=0))
    return query.exists()


#: when this process last brought each witness file up to date (``time.monotonic``), and the
#: files a save left behind the chain (written at the next save a second on, or when the
#: connection is let go)
_brought_up_to_date: dict[Path, float] = {}
_due: set[Path] = set()
#: a witnessed head the chain no longer holds (by witness file): the head's id and hash and
#: when that was found. Until ``RECHECK_DIVERGED`` later a save does not look again: finding
#: it counts the chain from the witnessed event on and searches it for a restore, and a chain
#: cut short by someone editing the database would make every save of this workstation pay
#: that (``check`` reports the cut; nothing here may write over the evidence)
_diverged: dict[Path, tuple[int, str, float]] = {}
RECHECK_DIVERGED = 60.0


def note_head_after_save() -> None:
    """Witness the head after a save, unless this process did so less than ``WITNESS_EVERY``
    ago: then it is due, and written by the next save after that or by ``note_head_if_due``.

    Sixteen workstations of a clinic server each saving as fast as it could spent a third of
    the server's and their own time writing witnesses (a query and a file a save); a person
    saves seconds apart, and each save job of the window lets go of its connection, so the
    window still witnesses every save."""
    db = m.database_proxy.obj
    if db is None:
        return
    path = _witness_file(database_identity(db))
    last = _brought_up_to_date.get(path)
    if last is not None and time.monotonic() - last < WITNESS_EVERY:
        _due.add(path)
        return
    note_head()


def note_head_if_due() -> None:
    """Witness the head now if a save left the witness behind (before a connection is let go)."""
    db = m.database_proxy.obj
    if db is None or not _due:
        return
    if _witness_file(database_identity(db)) in _due:
        note_head()


def _known_diverged(path: Path, last: Head) -> bool:
    """Was ``last`` found missing from the chain less than ``RECHECK_DIVERGED`` ago?"""
    known = _diverged.get(path)
    return known is not None and known[:2] == (last.event_id, last.hash) \
        and time.monotonic() - known[2] < RECHECK_DIVERGED


def note_head(*, reset: bool = False) -> Head | None:
    """Witness the chain's current head for this database, if it extends the last one witnessed.

    ``reset`` starts the witness anew (a restore this workstation just made). Never raises for
    a file problem: a witness that cannot be written is logged, not a reason to fail a save.
    """
    db = m.database_proxy.obj
    if db is None:
        return None
    try:
        identity = database_identity(db)
        heads = [] if reset else read_witness(identity)
        last = heads[-1] if heads else None
        path = _witness_file(identity)
        _due.discard(path)
        if last is not None and _known_diverged(path, last):
            return None
        grown = _grown_from(db, last) if last is not None else None
        if last is not None and grown is None and not _restored_since(last):
            # the chain lost what was witnessed: leave the evidence for check
            _diverged[path] = (last.event_id, last.hash, time.monotonic())
            return None
        _diverged.pop(path, None)
        if grown is not None and last is not None:
            if grown.event_id == last.event_id:
                _brought_up_to_date[path] = time.monotonic()
                return last
            head: Head | None = grown
        else:
            heads = []
            head = current_head()
        if head is None:
            return None
        head = Head(head.event_id, head.count, head.hash, head.event_at,
                    m.utc_now().isoformat(), "")
        heads = [*heads, head][-HISTORY:]
        write_json_atomic(path, {
            "database": identity,
            "heads": [_stored(h) for h in heads],
        })
        stat = path.stat()
        # the heads before the new one came from ``read_witness``: named this workstation's
        _known[path] = (stat.st_mtime_ns, stat.st_size,
                        [*heads[:-1], dataclasses.replace(head, source="this workstation")])
        _brought_up_to_date[path] = time.monotonic()
        return head
    except OSError as exc:
        log.warning("could not write the audit chain witness: %s", exc)
        return None
