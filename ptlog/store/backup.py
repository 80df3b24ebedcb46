"""Verified backups and restores of the open database.

SQLite: the online backup API (a consistent copy even while others write; a file copy of a WAL
database is not), checked with ``quick_check`` before it is renamed into place. PostgreSQL:
``pg_dump -Fc`` / ``pg_restore`` when the client tools are installed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from peewee import Database, PeeweeException, PostgresqlDatabase, SqliteDatabase

from ptlog.atomic_files import (
    TempFile,
    fsync_folder,
    make_private_folders,
    remove_stale_temp_files,
    write_atomic,
)
from ptlog.domain.backup_policy import backups_to_keep
from ptlog.input_files import not_a_file_message
from ptlog.store import audit, backup_crypto, errors, witness
from ptlog.store import models as m
from ptlog.store.chain import COLUMNS as AUDIT_COLUMNS
from ptlog.store.chain import Problem, verify_rows
from ptlog.store.migrations import SCHEMA_VERSION
from ptlog.store.sqlite_files import read_only_uri, sqlite_uri
from ptlog.store.witness import Head

AUTO_INTERVAL = dt.timedelta(minutes=30)
BACKUP_HEADS = 200  # chain heads of backups remembered in the backup folder
BEFORE_RESTORE = "before-restore"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+?)-(?P<kind>before-restore-)?(?P<stamp>\d{8}-\d{6})(?:-\d+)?"
                   r"\.(?:db|dump)(?:\.enc)?$")
PG_TOOLS_HINT = (
    "install the PostgreSQL client tools on this computer (e.g. 'apt install postgresql-client', "
    "or the PostgreSQL installer on Windows/macOS) so ptlog can run {tool}, or ask the server's "
    "administrator to back up the database with 'pg_dump -Fc'"
)


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # UTC, naive (from the file name)
    size: int
    before_restore: bool  # the copy kept when a restore replaced the database

    @property
    def encrypted(self) -> bool:
        return self.path.name.endswith(backup_crypto.SUFFIX)


def _db() -> Database:
    db: Database | None = m.database_proxy.obj
    if db is None:
        raise errors.DatabaseUnavailableError("no database is open")
    return db


def _sqlite_file(db: Database) -> Path:
    from ptlog.store.database import database_file

    path = database_file(db)
    if path is None or str(path) in ("", ":memory:"):
        raise errors.ValidationError("an in-memory database cannot be backed up", field="db")
    return path


def _stem(db: Database) -> str:
    if isinstance(db, SqliteDatabase):
        return _sqlite_file(db).stem
    return str(db.database or "ptlog")


def _suffix(db: Database) -> str:
    return ".dump" if isinstance(db, PostgresqlDatabase) else ".db"


def default_backup_dir() -> Path:
    """Beside a SQLite database (``backups/``); in the user's data folder for a server."""
    db = _db()
    if isinstance(db, SqliteDatabase):
        return _sqlite_file(db).parent / "backups"
    from platformdirs import user_data_dir

    return Path(user_data_dir("ptlog", appauthor=False)) / "backups"


def _ensure_dir(folder: Path) -> Path:
    make_private_folders(folder)
    return folder


def _new_name(folder: Path, now: dt.datetime, kind: str = "") -> Path:
    db = _db()
    base = f"{_stem(db)}-{kind + '-' if kind else ''}{now:{_STAMP}}"
    path = folder / f"{base}{_suffix(db)}"
    n = 2
    while path.exists():
        path = folder / f"{base}-{n}{_suffix(db)}"
        n += 1
    return path


def _temp_beside(target: Path) -> TempFile:
    """A locked owner-only temporary file: a killed backup leaves one that the next start
    recognises as stale (``atomic_files.remove_stale_temp_files``)."""
    return TempFile(target)


def _finish(tmp: TempFile, target: Path) -> None:
    """fsync, atomic rename into place (the temporary file was created 0600)."""
    fd = os.open(tmp.path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp.path, target)
    fsync_folder(target.parent)
    tmp.close()


def _sqlite_copy(source: sqlite3.Connection, tmp: TempFile) -> None:
    """Online backup into ``tmp``, made a self-contained file and verified."""
    dest = sqlite3.connect(sqlite_uri(tmp.path), uri=True)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside a backup
        result = dest.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise errors.CorruptDatabaseError(
                f"the backup failed its check after writing: {result}")
    finally:
        dest.close()


def _copy_file(source: Path, tmp: TempFile, *, at_rest: bool = False) -> None:
    """``_sqlite_copy`` of a database file opened read-only (the file is never written;
    ``at_rest``: a backup, opened immutable, so nothing appears beside it)."""
    conn = sqlite3.connect(read_only_uri(source, at_rest=at_rest), uri=True)
    try:
        _sqlite_copy(conn, tmp)
    finally:
        conn.close()


def _state_file(folder: Path) -> Path:
    return folder / f".{_stem(_db())}-last-backup.json"


def _write_state(folder: Path, last_hash: str, at: dt.datetime) -> None:
    write_atomic(_state_file(folder), json.dumps(
        {"last_hash": last_hash, "at": at.isoformat()}, allow_nan=False).encode("utf-8"))


def _heads_file(folder: Path) -> Path:
    return folder / f".{_stem(_db())}-backup-heads.json"


def _sqlite_head(path: Path, source: str) -> Head | None:
    """The chain head stored in a backup file (None for an empty chain)."""
    conn = sqlite3.connect(read_only_uri(path, at_rest=True), uri=True)
    try:
        row = conn.execute('SELECT "id", "hash", "at" FROM "audit_event" ORDER BY "id" DESC '
                           "LIMIT 1").fetchone()
        if row is None:
            return None
        count = conn.execute('SELECT COUNT(*) FROM "audit_event"').fetchone()[0]
        return Head(int(row[0]), int(count), str(row[1]), str(row[2]).replace(" ", "T"),
                    m.utc_now().isoformat(), source)
    finally:
        conn.close()


def _record_head(folder: Path, head: Head) -> None:
    """Add a backup's chain head to the backup folder's list of witnessed heads."""
    heads = [h for h in backup_heads(folder) if h.source != head.source][-(BACKUP_HEADS - 1):]
    witness.write_json_atomic(_heads_file(folder), {"heads": [
        {"file": h.source, **{k: v for k, v in asdict(h).items() if k != "source"}}
        for h in [*heads, head]]})


def backup_heads(folder: Path | None = None) -> list[Head]:
    """The chain heads that backups in ``folder`` were taken at, oldest first."""
    try:
        data = json.loads(_heads_file(folder or default_backup_dir()).read_text(
            encoding="utf-8"))
        return [Head(h["event_id"], h["count"], h["hash"], h["event_at"], h.get("seen_at", ""),
                     f"backup {h['file']}") for h in data["heads"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def last_backup_state(folder: Path | None = None) -> tuple[str, dt.datetime] | None:
    """The audit hash and time of the newest backup written into ``folder``, if any."""
    try:
        data = json.loads(_state_file(folder or default_backup_dir()).read_text(encoding="utf-8"))
        return str(data["last_hash"]), dt.datetime.fromisoformat(data["at"])
    except (OSError, ValueError, KeyError):
        return None


def backup_to(path: str | os.PathLike[str] | None = None, *, now: dt.datetime | None = None,
              force: bool = False, passphrase: str | None = None) -> Path:
    """Write a verified backup of the open database; returns its path (mode 0600).

    A file the user names goes through ``output_target.check_output`` (never the database,
    the backups folder or another SQLite file; an existing file only with ``force``). With
    ``passphrase`` the file is encrypted (``backup_crypto``; ``.enc`` added to the name in the
    backup folder): the verified copy is sealed, then the plain one removed.
    """
    now = now or m.utc_now()
    if passphrase is not None:
        problem = backup_crypto.passphrase_problem(passphrase)
        if problem:
            raise errors.ValidationError(problem, field="passphrase")
    if path is None:
        target = _new_name(_ensure_dir(default_backup_dir()), now)
        if passphrase is not None:
            target = target.with_name(target.name + backup_crypto.SUFFIX)
    else:
        from ptlog.store.output_target import check_output

        target = check_output(path, force=force)
    _write_backup(target, now, passphrase)
    return target


def _write_backup(target: Path, now: dt.datetime, passphrase: str | None = None) -> None:
    """The backup itself, to a temporary file renamed to ``target`` once verified."""
    db = _db()
    hash_then = audit.last_hash()
    if passphrase is None:
        head = _write_plain_backup(db, target, target.name)
    else:
        plain = _temp_beside(target)
        try:
            head = _write_plain_backup(db, plain.path, target.name)
            sealed = _temp_beside(target)
            try:
                backup_crypto.encrypt_file(plain.path, sealed.path, passphrase)
                _finish(sealed, target)
            except OSError as exc:
                raise errors.translate_os_error(exc, target) from exc
            finally:
                sealed.discard()
        finally:
            plain.discard()
    if target.parent == default_backup_dir():
        _write_state(target.parent, hash_then, now)
    if head is not None:
        with contextlib.suppress(OSError):  # the backup itself is written; its note is extra
            _record_head(default_backup_dir(),
                         Head(head.event_id, head.count, head.hash, head.event_at,
                              m.utc_now().isoformat(), target.name))


def _write_plain_backup(db: Database, target: Path, name: str) -> Head | None:
    """The verified copy itself (pg_dump, or SQLite's online backup); returns its chain head."""
    if isinstance(db, PostgresqlDatabase):
        head = witness.current_head()  # the dump holds at least this much of the chain
        _pg_dump(db, target)
        return head
    tmp = _temp_beside(target)
    try:
        db.connect(reuse_if_open=True)
        _sqlite_copy(db.connection(), tmp)
        head = _sqlite_head(tmp.path, name)
        _finish(tmp, target)
        return head
    except sqlite3.Error as exc:
        translated = errors.translate(exc, str(target))
        raise (translated or errors.StoreError(f"backup failed: {exc}")) from exc
    except OSError as exc:
        raise errors.translate_os_error(exc, target) from exc
    finally:
        tmp.discard()


# --- PostgreSQL ----------------------------------------------------------------------------

def _conninfo(db: PostgresqlDatabase) -> tuple[str, dict[str, str]]:
    """libpq connection string without any password (that goes through the environment)."""
    from psycopg.conninfo import make_conninfo

    params = {k: str(v) for k, v in db.connect_params.items() if k != "password"}
    env = dict(os.environ)
    if "password" in db.connect_params:
        env["PGPASSWORD"] = str(db.connect_params["password"])
    return make_conninfo(dbname=db.database, **params), env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise errors.StoreError(f"{name} was not found: " + PG_TOOLS_HINT.format(tool=name))
    return found


def _run_tool(args: list[str], env: dict[str, str], doing: str) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["(no message)"])[0]
        raise errors.StoreError(f"{doing} failed: {first}")


def _pg_dump(db: PostgresqlDatabase, target: Path) -> None:
    conninfo, env = _conninfo(db)
    tmp = _temp_beside(target)
    try:
        _run_tool([_tool("pg_dump"), "--format=custom", f"--file={tmp.path}",
                   f"--dbname={conninfo}"], env, "pg_dump")
        _run_tool([_tool("pg_restore"), "--list", str(tmp.path)], env, "checking the dump")
        _finish(tmp, target)
    finally:
        tmp.discard()


# --- listing and thinning --------------------------------------------------------------------

def list_backups(folder: Path | None = None) -> list[BackupInfo]:
    """This database's backups in ``folder`` (default: its backup folder), newest first."""
    folder = folder or default_backup_dir()
    if not folder.is_dir():
        return []
    stem = _stem(_db())
    out = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if not match or match["stem"] != stem or not path.is_file():
            continue
        out.append(BackupInfo(
            path, dt.datetime.strptime(match["stamp"], _STAMP), path.stat().st_size,
            bool(match["kind"]),
        ))
    return sorted(out, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def thin_backups(now: dt.datetime, folder: Path | None = None) -> list[Path]:
    """Delete the backups the 12-daily/10-weekly/9-monthly rule lets go; returns them.

    Copies kept before a restore are never thinned: they may be the only copy of lost work.
    """
    regular = [b for b in list_backups(folder) if not b.before_restore]
    keep = backups_to_keep([b.taken_at for b in regular], now)
    # several files in the same second share a time: keep the newest name only
    kept_times: set[dt.datetime] = set()
    removed = []
    for b in regular:
        if b.taken_at in keep and b.taken_at not in kept_times:
            kept_times.add(b.taken_at)
            continue
        b.path.unlink(missing_ok=True)
        removed.append(b.path)
    return removed


# --- restore -------------------------------------------------------------------------------

class BrokenAuditError(errors.CorruptDatabaseError):
    """A backup whose audit chain fails verification: restored only when accepted."""


def verify_backup(path: Path, *, accept_broken_audit: bool = False,
                  server: bool | None = None) -> list[str]:
    """Refuse a file that is damaged, not a ptlog database, from a newer ptlog, or whose audit
    chain fails verification; returns the chain's problems when ``accept_broken_audit``.

    ``server``: whether it must be a PostgreSQL dump (default: as the open database);
    ``False`` checks a SQLite backup before any database is opened or created.
    """
    if (refused := not_a_file_message(path)) is not None:
        raise errors.ValidationError(refused, field="file")
    if server if server is not None else isinstance(_db(), PostgresqlDatabase):
        conninfo, env = _conninfo(_db())  # type: ignore[arg-type]
        try:
            _run_tool([_tool("pg_restore"), "--list", str(path)], env, f"reading {path.name}")
        except errors.StoreError as exc:
            raise errors.CorruptDatabaseError(
                f"{path} is not a usable ptlog dump ({exc}); nothing was changed") from None
        _check_dump_schema(path, env)
        problems = verify_rows(_dump_audit_rows(path, env))
        return _judge_audit(path, problems, accept_broken_audit)
    try:
        conn = sqlite3.connect(read_only_uri(path, at_rest=True), uri=True)
    except sqlite3.Error as exc:
        raise errors.CorruptDatabaseError(f"{path} cannot be opened ({exc}); nothing was changed"
                                          ) from None
    try:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if rows != ["ok"]:
            raise errors.CorruptDatabaseError(
                f"{path} is damaged ({rows[0]}); nothing was changed: choose another backup")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not {"ptlog_schema", "audit_event", "reading"} <= tables:
            raise errors.ValidationError(f"{path} is not a ptlog database; nothing was changed",
                                         field="file")
        version = conn.execute('SELECT MAX("version") FROM "ptlog_schema"').fetchone()[0] or 0
        if int(version) > SCHEMA_VERSION:
            raise errors.SchemaTooNewError(
                f"{path} was written by a newer ptlog (schema {version}); update ptlog first")
        columns = ", ".join(f'"{c}"' for c in AUDIT_COLUMNS)
        problems = verify_rows(conn.execute(
            f'SELECT {columns} FROM "audit_event" ORDER BY "id"'))
    except sqlite3.DatabaseError as exc:
        raise errors.CorruptDatabaseError(
            f"{path} is damaged or not a database ({exc}); nothing was changed") from None
    finally:
        conn.close()
    return _judge_audit(path, problems, accept_broken_audit)


def _judge_audit(path: Path, problems: list[Problem], accept: bool) -> list[str]:
    """Refuse a backup with a broken audit chain unless the person restoring accepts it."""
    texts = [f"event {p.event_id}: {p.message}" if p.event_id else p.message for p in problems]
    if texts and not accept:
        more = f" (and {len(texts) - 1} more)" if len(texts) > 1 else ""
        raise BrokenAuditError(
            f"{path.name}: its audit trail fails verification ({texts[0]}{more}); nothing was "
            "changed. To restore it anyway, use --accept-broken-audit (recorded in the audit "
            "trail)")
    return texts


def _dump_audit_rows(path: Path, env: dict[str, str]) -> list[tuple[Any, ...]]:
    """The audit events in a ``pg_dump -Fc`` file, as raw rows (its COPY data, unescaped)."""
    done = subprocess.run([_tool("pg_restore"), "--data-only", "--table=audit_event",
                           "--file=-", str(path)], env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["(no message)"])[0]
        raise errors.CorruptDatabaseError(f"{path} cannot be read ({first}); nothing was changed")
    rows: list[tuple[Any, ...]] = []
    columns: list[str] = []
    copying = False
    for line in done.stdout.splitlines():
        if not copying:
            match = re.match(r'COPY (?:\w+\.)?"?audit_event"? \((.*)\) FROM stdin;', line)
            if match:
                columns = [c.strip().strip('"') for c in match.group(1).split(",")]
                copying = True
            continue
        if line == "\\.":
            break
        values = dict(zip(columns, [_copy_value(v) for v in line.split("\t")], strict=True))
        rows.append(tuple(values[c] for c in AUDIT_COLUMNS))
    return sorted(rows, key=lambda r: int(r[0]))


_COPY_ESCAPES = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                 "\\": "\\"}


def _copy_value(text: str) -> str | None:
    """One field of PostgreSQL's COPY text format: ``\\N`` is NULL, backslash escapes."""
    if text == "\\N":
        return None
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda m: _COPY_ESCAPES.get(m.group(1), m.group(1)), text)


def _dump_schema_version(path: Path, env: dict[str, str]) -> int | None:
    """The newest migration recorded in a ``pg_dump -Fc`` file (None: no ptlog_schema)."""
    done = subprocess.run(
        [_tool("pg_restore"), "--data-only", "--table=ptlog_schema", "--file=-", str(path)],
        env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["(no message)"])[0]
        raise errors.CorruptDatabaseError(
            f"{path} is not a usable ptlog dump ({first}); nothing was changed")
    versions: list[int] = []
    rows = False
    for line in done.stdout.splitlines():
        if line.startswith("COPY ") and "ptlog_schema" in line:
            rows = True
            continue
        if rows:
            if line == "\\.":
                break
            head = line.split("\t", 1)[0]
            if head.isdigit():
                versions.append(int(head))
    if not rows:
        return None
    return max(versions, default=0)


def _check_dump_schema(path: Path, env: dict[str, str]) -> None:
    """Refuse, before anything is touched, a dump that is no ptlog's or a newer ptlog's."""
    version = _dump_schema_version(path, env)
    if version is None:
        raise errors.ValidationError(f"{path} is not a ptlog dump (no schema table); nothing "
                                     "was changed", field="file")
    if version > SCHEMA_VERSION:
        raise errors.SchemaTooNewError(
            f"{path} was written by a newer ptlog (schema {version}; this ptlog knows up to "
            f"{SCHEMA_VERSION}): update ptlog first; nothing was changed")


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    kept_copy: Path | None  # the database as it was just before; None: there was none


def _keep_current_sqlite(current: Path, keep: Path) -> None:
    """A copy of the database being replaced; a salvage byte copy if it is too damaged."""
    tmp = _temp_beside(keep)
    try:
        _copy_file(current, tmp)
        _finish(tmp, keep)
    except (sqlite3.Error, errors.CorruptDatabaseError):
        shutil.copyfile(current, tmp.path)  # damaged: keep its bytes for a specialist
        _finish(tmp, keep)
    finally:
        tmp.discard()


@dataclass
class CheckedBackup:
    """A backup that passed ``check_backup``: the plain file to copy in (an encrypted
    backup's decrypted private copy), the file the person chose, and the chain problems they
    accepted. ``discard()`` removes the decrypted copy."""

    source: Path
    named: Path
    broken: list[str]
    _plain: TempFile | None = None

    def discard(self) -> None:
        if self._plain is not None:
            self._plain.discard()
            self._plain = None


def check_backup(path: str | os.PathLike[str], *, accept_broken_audit: bool = False,
                 passphrase: str | None = None) -> CheckedBackup:
    """The slow, read-only half of a restore: decrypt, integrity, schema, audit chain.

    Touches neither the open database nor its connection, so the window runs it off the GUI
    thread; ``restore_checked`` then does the quick swap. Raises what ``restore_from`` raises
    for a backup it refuses (``BrokenAuditError`` unless ``accept_broken_audit``)."""
    named = Path(path).expanduser()
    _refuse_read_only()
    if not backup_crypto.is_encrypted(named):
        return CheckedBackup(named, named, verify_backup(
            named, accept_broken_audit=accept_broken_audit))
    if not passphrase:
        raise errors.ValidationError(f"{named.name} is encrypted: give its passphrase",
                                     field="passphrase")
    plain = _temp_beside(_ensure_dir(default_backup_dir()) / named.name)
    try:
        backup_crypto.decrypt_file(named, plain.path, passphrase)
        broken = verify_backup(plain.path, accept_broken_audit=accept_broken_audit)
    except BaseException:
        plain.discard()
        raise
    return CheckedBackup(plain.path, named, broken, plain)


def restore_checked(checked: CheckedBackup, *, reopen: Callable[[], Database] | None = None,
                    now: dt.datetime | None = None) -> RestoreResult:
    """The quick half of a restore: keep a copy of the current database, put the checked
    backup in its place and open it again; the restore joins the new audit trail."""
    _refuse_read_only()
    return _restore(checked.source, checked.named, reopen, now, checked.broken)


def restore_from(
    path: str | os.PathLike[str],
    *,
    reopen: Callable[[], Database] | None = None,
    now: dt.datetime | None = None,
    accept_broken_audit: bool = False,
    passphrase: str | None = None,
) -> RestoreResult:
    """Replace the open database with a backup; the current one is kept in the backup folder.

    The backup is checked first (``check_backup``); the copy goes to a temporary file beside
    the database and is renamed over it in one step, then the database is opened again
    (``reopen``, by default ``open_database`` on the same file). An encrypted backup is
    decrypted to a private temporary file first (``passphrase``); a wrong one or a changed
    file changes nothing.
    """
    checked = check_backup(path, accept_broken_audit=accept_broken_audit,
                           passphrase=passphrase)
    try:
        return restore_checked(checked, reopen=reopen, now=now)
    finally:
        checked.discard()


def _refuse_read_only() -> None:
    from ptlog.store.database import is_read_only

    if is_read_only(_db()):
        raise errors.DatabaseReadOnlyError(
            "the database is read-only (its file permissions): a restore would replace it; "
            "nothing was changed")


def _restore(source: Path, named: Path, reopen: Callable[[], Database] | None,
             now: dt.datetime | None, broken: list[str]) -> RestoreResult:
    """``restore_checked`` of the plain, checked file ``source`` (``named``: the file the
    person chose; ``broken``: the chain problems they accepted)."""
    from ptlog.store.database import sqlite_database_exists

    db = _db()
    now = now or m.utc_now()
    if isinstance(db, SqliteDatabase) and not sqlite_database_exists(_sqlite_file(db)):
        return _restore_into_new(source, named, _sqlite_file(db), reopen, broken)
    replaced = _head_if_readable()
    keep = _new_name(_ensure_dir(default_backup_dir()), now, BEFORE_RESTORE)
    if isinstance(db, PostgresqlDatabase):
        _pg_dump(db, keep)
        conninfo, env = _conninfo(db)
        db.close()
        try:
            _run_tool([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
                       "--single-transaction", "--exit-on-error", f"--dbname={conninfo}",
                       str(source)], env, "pg_restore")
        finally:
            db.connect(reuse_if_open=True)
        _audit_restore(named, keep, replaced, broken)
        return RestoreResult(named, keep)

    target = _sqlite_file(db)
    if source.resolve() == target.resolve():
        raise errors.ValidationError("that file is the open database itself", field="file")
    db.close()
    if not _only_connection(target):
        _reopen(reopen, target)
        raise errors.DatabaseLockedError(
            f"{target} is still open in another ptlog window or program: close it, then "
            "restore again (nothing was changed)")
    _keep_current_sqlite(target, keep)
    tmp = _temp_beside(target)
    try:
        _copy_file(source, tmp, at_rest=True)
        wal = target.with_name(target.name + "-wal")
        shm = target.with_name(target.name + "-shm")
        if wal.exists() and wal.stat().st_size > 0:
            raise errors.DatabaseLockedError(
                f"{target} is still open in another ptlog window or program: close it, then "
                "restore again (nothing was changed)")
        # a leftover log of the old file would be replayed into the restored one
        wal.unlink(missing_ok=True)
        shm.unlink(missing_ok=True)
        _finish(tmp, target)
    finally:
        tmp.discard()
        _reopen(reopen, target)
    _audit_restore(named, keep, replaced, broken)
    return RestoreResult(named, keep)


def _only_connection(target: Path) -> bool:
    """Whether no other connection has the SQLite file at ``target`` open: not another
    window, command or program, idle or writing. A restore replaces the file, and a process
    that still had it open would go on saving into the old one, deleted, and be told its save
    was done (a log of 0 bytes, all that was checked before, is what an idle window leaves).
    A database in WAL mode leaves it only when no other connection is open; it is put back
    at once."""
    conn = sqlite3.connect(sqlite_uri(target, mode="rw"), uri=True, timeout=0,
                           isolation_level=None)
    try:
        if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            conn.execute("BEGIN EXCLUSIVE")  # a rollback journal: no writer or reader now
            conn.execute("COMMIT")
            return True
        if str(conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]).lower() != "delete":
            return False
        conn.execute("PRAGMA journal_mode=WAL")
        return True
    except sqlite3.OperationalError:
        return False  # locked: another connection has it open
    except sqlite3.DatabaseError:
        return True  # damaged past reading: nothing can be working in it (the restore's case)
    finally:
        conn.close()


def _head_if_readable() -> Head | None:
    """The head of the chain a restore replaces; None when the database is too damaged."""
    try:
        return witness.current_head()
    except (PeeweeException, sqlite3.Error):
        return None


def _restore_into_new(source: Path, named: Path, target: Path,
                      reopen: Callable[[], Database] | None,
                      broken: list[str]) -> RestoreResult:
    """No database here yet: the backup becomes it (nothing to keep a copy of). ``source`` is
    the plain file (an encrypted backup's decrypted copy), ``named`` the file the person chose."""
    _db().close()
    tmp = _temp_beside(target)
    try:
        _copy_file(source, tmp, at_rest=True)
        _finish(tmp, target)
    finally:
        tmp.discard()
    _reopen(reopen, target)
    _audit_restore(named, None, None, broken)
    return RestoreResult(named, None)


def _reopen(reopen: Callable[[], Database] | None, target: Path) -> None:
    """Open the restored SQLite file again (``reopen``, by default ``open_database`` on it)."""
    if reopen is not None:
        reopen()
        return
    from ptlog.store.database import open_database, sqlite_url_for

    open_database(sqlite_url_for(target))


def _audit_restore(source: Path, keep: Path | None, replaced: Head | None,
                   broken: list[str]) -> None:
    """The restore in the new trail, with the head it replaced and, when the person restoring
    accepted a backup whose chain fails verification, that and why; the witness starts anew."""
    after: dict[str, object] = {"file": source.name,
                                "kept_copy": keep.name if keep is not None else None}
    if replaced is not None:
        after.update(replaced_head=replaced.hash, replaced_events=replaced.count)
    if broken:
        after.update(accepted_broken_audit=True, audit_problems=broken[:5])
    with m.database_proxy.atomic():
        audit.record("restore", "database", "", after=after)
    witness.note_head(reset=True)


# --- leftovers of killed backups and restores ----------------------------------------------

def remove_leftovers() -> list[str]:
    """Remove the temporary files a killed backup or restore left (beside the database and
    in its backups folder; a copy still being written is locked and kept). Returns one
    sentence per file that could not be removed, for ``ptlog check`` to mention."""
    db = m.database_proxy.obj
    if db is None:
        return []
    places: list[tuple[Path, tuple[str, ...]]] = []
    if isinstance(db, SqliteDatabase):
        current = _sqlite_file(db)
        # beside the database only what ptlog names after it (a restore's copy)
        places.append((current.parent, (f"{current.name}.",)))
    with contextlib.suppress(errors.StoreError):
        places.append((default_backup_dir(), ()))
    problems = []
    for folder, prefixes in places:
        for path, why in remove_stale_temp_files(folder, prefixes):
            problems.append(f"could not remove the temporary file {path} left by an "
                            f"interrupted backup or restore: {why}")
    return problems


# --- automatic backups ---------------------------------------------------------------------

class AutoBackup:
    """Decides when an automatic backup is due: on close, and every 30 minutes, if changed.

    "Changed" means the audit chain's last hash differs from the one at the last backup, so a
    session that only looked at patients writes no backup.
    """

    def __init__(
        self,
        folder: Path | None = None,
        *,
        interval: dt.timedelta = AUTO_INTERVAL,
        clock: Callable[[], dt.datetime] = m.utc_now,
    ) -> None:
        self.folder = folder
        self.interval = interval
        self.clock = clock
        state = last_backup_state(self._folder())
        self.last_hash: str | None = state[0] if state else None
        self.last_at: dt.datetime | None = state[1] if state else None

    def _folder(self) -> Path:
        return self.folder or default_backup_dir()

    def changed(self) -> bool:
        current = audit.last_hash()
        if self.last_hash is None:  # a new database holds only its seal: nothing to keep yet
            return m.AuditEvent.select().where(m.AuditEvent.action != audit.SEAL).exists()
        return current != self.last_hash

    def due(self, now: dt.datetime | None = None) -> bool:
        now = now or self.clock()
        if not self.changed():
            return False
        return self.last_at is None or now - self.last_at >= self.interval

    def tick(self, now: dt.datetime | None = None) -> Path | None:
        """Call from a timer: backs up when due; returns the new backup or None."""
        now = now or self.clock()
        return self.backup_now(now) if self.due(now) else None

    def on_close(self, now: dt.datetime | None = None) -> Path | None:
        """Call when the window closes: backs up if anything changed since the last backup."""
        now = now or self.clock()
        return self.backup_now(now) if self.changed() else None

    def backup_now(self, now: dt.datetime | None = None) -> Path:
        now = now or self.clock()
        folder = _ensure_dir(self._folder())
        self.last_hash = audit.last_hash()
        path = _new_name(folder, now)
        _write_backup(path, now)
        _write_state(folder, self.last_hash, now)
        self.last_at = now
        thin_backups(now, folder)
        return path


def backup_on_worker(passphrase: str | None = None) -> Path:
    """``backup_to()`` for a worker thread: closes that thread's own connection afterwards."""
    try:
        return backup_to(passphrase=passphrase)
    finally:
        if m.database_proxy.obj is not None:
            m.database_proxy.obj.close()


def on_close_on_worker(auto: AutoBackup) -> Path | None:
    """``auto.on_close()`` for a worker thread (the window waits for it without freezing):
    closes that thread's own connection afterwards."""
    try:
        return auto.on_close()
    finally:
        if m.database_proxy.obj is not None:
            m.database_proxy.obj.close()


def tick_on_worker(auto: AutoBackup) -> Path | None:
    """``auto.tick()`` for a worker thread: closes that thread's own connection afterwards."""
    try:
        return auto.tick()
    finally:
        if m.database_proxy.obj is not None:
            m.database_proxy.obj.close()
