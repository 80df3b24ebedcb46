"""One database object, opened from a URL: SQLite by default, PostgreSQL for a clinic server.

``sqlite:///path/to/file.db`` or ``postgresql://user@host:port/dbname?sslmode=require``;
``PTLOG_DB`` does the same; without either, a SQLite file in the user's data folder.
Passwords are never stored by ptlog: libpq reads ``~/.pgpass``, service files and
``PGPASSWORD`` itself.
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from peewee import Database, OperationalError, PostgresqlDatabase, SqliteDatabase

from ptlog.store import errors
from ptlog.store.drivers import ensure_driver
from ptlog.store.migrations import migrate
from ptlog.store.models import database_proxy

ENV_VAR = "PTLOG_DB"

SQLITE_PRAGMAS = (
    # 8 KiB pages for a new file (an existing one keeps its own): a million-reading import
    # wrote its table and seven indexes in 1.2 s less than with SQLite's 4 KiB (fewer page
    # splits and cells moved per row); must come before journal_mode, which writes the file
    ("page_size", 8192),
    ("journal_mode", "wal"),
    ("synchronous", 2),  # FULL: clinical data, and the write volume is tiny
    ("foreign_keys", 1),
    ("busy_timeout", 10_000),
)

# filesystems where SQLite locking is unreliable (SQLite's own FAQ): use the server mode instead
_NETWORK_FS = {
    "nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "afs", "ncpfs", "9p", "fuse.sshfs",
    "fuse.rclone", "fuse.gvfsd-fuse", "davfs", "fuse.davfs2", "glusterfs", "ceph", "lustre",
}
_SYNCED_FOLDER_NAMES = ("dropbox", "onedrive", "google drive", "googledrive", "icloud", "nextcloud",
                        "owncloud", "mobile documents", "box sync", "syncthing")

NETWORK_HINT = (
    "SQLite must not live on a network share or a cloud-synced folder (locking is unreliable and "
    "the file can be corrupted). Keep it on this computer, or use the clinic server mode: "
    "--db postgresql://user@server/ptlog"
)


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A parsed database URL; ``display`` is safe to show (any password removed)."""

    scheme: str  # "sqlite" or "postgresql"
    path: Path | None  # SQLite file, None for ":memory:"
    pg_params: dict[str, str]
    display: str

    @property
    def is_sqlite(self) -> bool:
        return self.scheme == "sqlite"


def default_sqlite_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ptlog", appauthor=False)) / "ptlog.db"


def resolve_url(url: str | None = None) -> str:
    """The URL in force: the argument, else ``PTLOG_DB``, else the per-user SQLite file."""
    return url or os.environ.get(ENV_VAR) or f"sqlite:///{default_sqlite_path()}"


def parse_url(url: str) -> DatabaseUrl:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in ("sqlite", "sqlite3"):
        raw = unquote(url.split("://", 1)[1]) if "://" in url else ""
        # sqlite:///relative.db -> "/relative.db"? no: sqlite:////abs and sqlite:///rel (SQLAlchemy)
        if raw in ("", "/", "/:memory:", ":memory:"):
            return DatabaseUrl("sqlite", None, {}, "sqlite:///:memory:")
        path_text = raw[1:] if raw.startswith("/") else raw
        path = Path(path_text)
        if not path.is_absolute():
            # sqlite:///home/x.db is absolute for most users: accept both spellings
            path = Path("/" + path_text) if Path("/" + path_text).parent.exists() else path
        path = path.expanduser()
        return DatabaseUrl("sqlite", path, {}, f"sqlite:///{path}")
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        params: dict[str, str] = {}
        if parts.hostname:
            params["host"] = parts.hostname
        if parts.port:
            params["port"] = str(parts.port)
        if parts.username:
            params["user"] = unquote(parts.username)
        if parts.password:
            params["password"] = unquote(parts.password)
        dbname = unquote(parts.path.lstrip("/"))
        if dbname:
            params["dbname"] = dbname
        params.update(dict(parse_qsl(parts.query)))
        host = parts.hostname or "localhost"
        user = f"{unquote(parts.username)}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return DatabaseUrl("postgresql", None, params, f"postgresql://{user}{host}{port}/{dbname}")
    raise errors.ValidationError(
        f"unsupported database URL {url!r}: use sqlite:///path/to/file.db or "
        "postgresql://user@host:port/dbname",
        field="db",
    )


def _mount_fstype(path: Path) -> str:
    """The filesystem type of the mount holding ``path`` (Linux /proc/mounts), '' if unknown."""
    try:
        mounts = Path("/proc/mounts").read_text(encoding="utf-8").splitlines()
    except OSError:
        return ""
    best, fstype = "", ""
    target = str(path.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        mount_point = fields[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, fstype = mount_point, fields[2]
    return fstype


def check_local_path(path: Path) -> None:
    """Refuse a SQLite file on a network share or in a cloud-synced folder."""
    folder = path.parent
    lowered = str(path).lower()
    if any(name in lowered for name in _SYNCED_FOLDER_NAMES):
        raise errors.NetworkShareError(f"{path} is in a cloud-synced folder. {NETWORK_HINT}")
    if str(path).startswith(("\\\\", "//")):
        raise errors.NetworkShareError(f"{path} is on a network share. {NETWORK_HINT}")
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    fstype = _mount_fstype(probe)
    if fstype in _NETWORK_FS:
        raise errors.NetworkShareError(f"{path} is on a network share ({fstype}). {NETWORK_HINT}")


def _prepare_sqlite_file(path: Path) -> None:
    """Create the folder and file readable by the owner only (clinical data)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    elif path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        with contextlib.suppress(OSError):  # not our file to fix; reading it still works
            path.chmod(0o600)


def connect(url: str | None = None) -> Database:
    """A peewee database for ``url`` with our pragmas, not yet migrated nor bound."""
    parsed = parse_url(resolve_url(url))
    if parsed.is_sqlite:
        if parsed.path is None:
            return SqliteDatabase(":memory:", pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
        check_local_path(parsed.path)
        try:
            _prepare_sqlite_file(parsed.path)
        except PermissionError as exc:
            raise errors.DatabaseReadOnlyError(
                f"Cannot create the database at {parsed.path}: {exc.strerror}"
            ) from None
        except OSError as exc:
            raise errors.DatabaseUnavailableError(
                f"Cannot create the database at {parsed.path}: {exc.strerror}"
            ) from None
        return SqliteDatabase(
            str(parsed.path), pragmas=SQLITE_PRAGMAS, timeout=10, lock_type="IMMEDIATE"
        )
    # libpq keywords go to psycopg as they are; peewee's own keywords are not among them
    ensure_driver()
    params: dict[str, Any] = dict(parsed.pg_params)
    dbname = params.pop("dbname", None)
    params.setdefault("application_name", "ptlog")
    params.setdefault("connect_timeout", "10")
    return PostgresqlDatabase(dbname, prefer_psycopg3=True, **params)


def describe(url: str | None = None) -> str:
    """The URL in force without any password, for status bars and messages."""
    try:
        return parse_url(resolve_url(url)).display
    except errors.StoreError:
        return "(invalid database URL)"


def open_database(url: str | None = None, *, bind: bool = True, verify: bool = True) -> Database:
    """Connect, check, migrate and (by default) bind the models to the database.

    Raises a ``StoreError`` subclass with a readable message for anything the user can fix.
    ``verify=False`` leaves out SQLite's page check (``verify_integrity``), which reads the
    whole file (70 ms at 10k patients, 0.6 s at 100k): the window runs it after it is shown.
    """
    db = connect(url)
    where = describe(url)
    try:
        db.connect(reuse_if_open=True)
        if verify:
            verify_integrity(db, where)
        migrate(db)
    except errors.StoreError:
        db.close()
        raise
    except (OperationalError, Exception) as exc:  # noqa: BLE001 - translated or re-raised
        db.close()
        translated = errors.translate(exc, where)
        if translated is None:
            raise
        raise translated from exc
    if bind:
        previous = database_proxy.obj
        if previous is not None and previous is not db and not previous.is_closed():
            previous.close()  # one database object per process: release the old connection
        database_proxy.initialize(db)
        _sign_in(db)
        _seal_if_new()
        from ptlog.store.witness import note_head

        note_head()  # this workstation saw the chain this far (if it only grew since)
    return db


def _sign_in(db: Database) -> None:
    """On a clinic server with roles (``ptlog server init``) every audit event carries the
    signed-in role's name; elsewhere the clinician chosen in the window or ``--clinician``."""
    from ptlog.store import audit

    name: str | None = None
    if isinstance(db, PostgresqlDatabase):
        row = db.execute_sql(
            "SELECT session_user, EXISTS (SELECT 1 FROM pg_trigger "
            "WHERE tgname = 'audit_event_signed_in')").fetchone()
        if row and row[1]:
            name = str(row[0])
    audit.set_signed_in(name)


def _seal_if_new() -> None:
    """Key the audit chain of a database opened for the first time by a keyed ptlog."""
    from ptlog.store.audit import ensure_sealed

    try:
        ensure_sealed()
    except (errors.DatabaseReadOnlyError, errors.DatabaseLockedError) as exc:
        # a read-only copy is read as it is; `check` says the chain is not sealed
        import logging

        logging.getLogger(__name__).info("audit chain not sealed: %s", exc)


def verify_integrity(db: Database, where: str | None = None) -> None:
    """SQLite ``quick_check`` of every page; ``CorruptDatabaseError`` if it finds damage."""
    if isinstance(db, SqliteDatabase):
        row = db.execute_sql("PRAGMA quick_check").fetchone()
        if row and row[0] != "ok":
            raise errors.CorruptDatabaseError(
                f"{where or 'the database'} failed its integrity check ({row[0]}): restore a "
                "backup with 'ptlog restore FILE'."
            )


def close_thread_connection() -> None:
    """Close this thread's connection (peewee keeps one per thread): worker threads call it
    when their job is done, so no idle connection holds the SQLite file open."""
    from ptlog.store.models import database_proxy

    if database_proxy.obj is not None and not database_proxy.obj.is_closed():
        database_proxy.obj.close()


def close_database(db: Database) -> None:
    if not db.is_closed():
        db.close()
