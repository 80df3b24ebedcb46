"""Files the clinic relies on (PDFs, CSV, FHIR, JSON, backups) are written whole or not at all.

A temporary file beside the target is written, flushed to disk, then renamed over the target in
one step; it is created readable by the owner only (clinical data). Every layer writes through
here, so the rule lives in one place.

Each temporary file is named ``.<target name>.<random>.tmp`` and held under an exclusive lock
while it is written: a file of that shape that nobody holds was left by a killed process, and
``remove_stale_temp_files`` removes it at the next start.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

try:  # POSIX: flock marks a temporary file as being written
    import fcntl
except ImportError:  # pragma: no cover - Windows: an open file cannot be removed anyway
    fcntl = None  # type: ignore[assignment]

# what mkstemp makes for us: ".<name>.<8 random characters>.tmp", plus SQLite's companions
# of a temporary backup (".x.db.abc123de.tmp-journal")
STALE_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp(?:-journal|-wal|-shm)?$")


def make_private_folders(folder: Path) -> None:
    """Create ``folder`` and any missing parent, each readable by the owner only (clinical
    data), whatever the umask; folders that exist are left as they are."""
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for made in reversed(missing):
        try:
            made.mkdir(mode=0o700)
        except FileExistsError:  # another process made it a moment ago
            continue
        made.chmod(0o700)


class TempFile:
    """A locked, owner-only temporary file beside ``target`` (``path``); ``close`` unlocks."""

    def __init__(self, target: Path) -> None:
        folder = target.parent if str(target.parent) else Path(".")
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        self.path = Path(name)
        self.fd = fd
        try:
            os.fchmod(fd, 0o600)
            if fcntl is not None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        """Remove the temporary file (and any SQLite companion of it) and unlock."""
        for leftover in (self.path, *(Path(f"{self.path}{s}") for s in ("-journal", "-wal",
                                                                          "-shm"))):
            with contextlib.suppress(OSError):
                leftover.unlink()
        self.close()

    def close(self) -> None:
        if self.fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = -1


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a folder be fsynced
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


RenameHook = Callable[[Callable[[], None]], None]


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: str = "w", *,
                  around_rename: RenameHook | None = None,
                  **open_kwargs: Any) -> Iterator[IO[Any]]:
    """Yield a handle on a temporary file; on success it replaces ``path``, on error it goes.

    ``around_rename(rename)`` must call ``rename()`` once (e.g. inside the transaction that
    records the export's audit event); if it raises, the target is put back as it was (the
    old file, or no file) and the temporary file is removed. Raises OSError (e.g.
    FileNotFoundError for a missing folder) before anything is written.
    """
    target = Path(path)
    temp = TempFile(target)
    try:
        with open(temp.path, mode, **open_kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if around_rename is None:
            os.replace(temp.path, target)
        else:
            _rename_undoably(temp.path, target, around_rename)
        fsync_folder(target.parent if str(target.parent) else Path("."))
    except BaseException:
        temp.discard()
        raise
    temp.close()


def _rename_undoably(source: Path, target: Path, around_rename: RenameHook) -> None:
    """Rename inside ``around_rename``; if that fails after the rename, undo it."""
    previous: TempFile | None = None
    renamed = False
    if target.exists():
        previous = TempFile(target)
        try:  # a second name for the old file, so it can be put back
            os.unlink(previous.path)
            os.link(target, previous.path)
        except OSError:  # no hard links here (e.g. FAT): the old file cannot be put back
            previous.discard()
            previous = None

    def rename() -> None:
        nonlocal renamed
        os.replace(source, target)
        renamed = True

    try:
        around_rename(rename)
    except BaseException:
        if renamed:
            with contextlib.suppress(OSError):
                if previous is not None:
                    os.replace(previous.path, target)
                else:
                    os.unlink(target)
        raise
    finally:
        if previous is not None:
            previous.discard()


def write_atomic(path: str | os.PathLike[str], data: bytes, *,
                 around_rename: RenameHook | None = None) -> Path:
    """Write ``data`` to ``path`` whole or not at all (see the module docstring)."""
    with atomic_writer(path, "wb", around_rename=around_rename) as handle:
        handle.write(data)
    return Path(path)


def _held_by_someone(path: Path) -> bool:
    """Whether another process (or this one) is still writing ``path``."""
    if fcntl is None:  # pragma: no cover - Windows refuses to remove an open file instead
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # closing releases the probe's own lock
    return False


def stale_temp_files(folder: Path, prefixes: tuple[str, ...] = ()) -> list[Path]:
    """Temporary files in ``folder`` that a killed ptlog left behind (nobody holds them);
    with ``prefixes``, only those whose target name starts with one of them."""
    try:
        names = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in names:
        if not STALE_TEMP.match(path.name) or not path.is_file():
            continue
        if prefixes and not path.name[1:].startswith(prefixes):
            continue
        owner = Path(re.sub(r"-(?:journal|wal|shm)$", "", str(path)))
        if _held_by_someone(owner if owner.exists() else path):
            continue
        found.append(path)
    return found


def remove_stale_temp_files(folder: Path, prefixes: tuple[str, ...] = ()
                            ) -> list[tuple[Path, str]]:
    """Remove what ``stale_temp_files`` finds; returns those that could not go, with why."""
    failed = []
    for path in stale_temp_files(folder, prefixes):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            failed.append((path, exc.strerror or str(exc)))
    return failed
