"""The clinic secret that keys the audit chain, kept outside the database.

Each event's hash is an HMAC under this secret, so someone who edits the database and
re-computes the hashes with ptlog's own code still cannot make them match. The database holds
only the secret's id (in its "seal" events), never the secret.

Where it lives: the operating system's keyring (through the ``keyring`` package) when one is
usable without prompting, else a file readable by the owner only in the user's config folder
(``secrets/<id>.key``). ``PTLOG_SECRETS_DIR`` names another folder for the files (a service
account, the benchmarks); ``PTLOG_SECRET_STORE=file`` keeps the keyring out of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import re
import secrets as token
import tempfile
import threading
from pathlib import Path

from ptlog.store.errors import StoreError, ValidationError

log = logging.getLogger(__name__)

SERVICE = "ptlog audit chain"
_KEYRING_TIMEOUT_S = 3.0  # a keyring that would wait (locked, prompting) is not waited for
_HEADER = "ptlog clinic secret v1"
_ID = re.compile(r"^[0-9a-f]{16}$")

_cache: dict[str, bytes] = {}
_cache_lock = threading.Lock()


class SecretMissingError(StoreError):
    """The database's audit chain is keyed with a secret this workstation does not have."""


def key_id(secret: bytes) -> str:
    """A name for the secret that reveals nothing about it."""
    return hmac.new(secret, b"ptlog key id", hashlib.sha256).hexdigest()[:16]


def secrets_dir() -> Path:
    override = os.environ.get("PTLOG_SECRETS_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("ptlog", appauthor=False)) / "secrets"


def _file(kid: str) -> Path:
    return secrets_dir() / f"{kid}.key"


def _encode(secret: bytes) -> str:
    return f"{_HEADER}\n{secret.hex()}\n"


def _decode(text: str, where: str) -> bytes:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != 2 or lines[0] != _HEADER:
        raise ValidationError(f"{where} is not a ptlog clinic secret file", field="file")
    try:
        secret = bytes.fromhex(lines[1])
    except ValueError:
        raise ValidationError(f"{where} is damaged (not hexadecimal)", field="file") from None
    if len(secret) != 32:
        raise ValidationError(f"{where} is damaged (wrong length)", field="file")
    return secret


def _keyring_call(name: str, *args: str) -> str | None:
    """``keyring.<name>(SERVICE, *args)`` if a usable keyring answers in time; else None.

    Runs in a thread with a deadline, so a keyring daemon that hangs or waits for an unlock
    prompt never blocks ptlog; every failure means "no keyring here"."""
    if os.environ.get("PTLOG_SECRET_STORE", "auto").lower() == "file":
        return None
    result: list[str | None] = [None]
    failed = [True]

    def call() -> None:
        try:
            import keyring
            from keyring.backends import fail

            backend = keyring.get_keyring()
            if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
                return
            result[0] = getattr(keyring, name)(SERVICE, *args)
            failed[0] = False
        except Exception as exc:  # noqa: BLE001 - any keyring failure: use the file instead
            log.debug("keyring %s failed: %s", name, exc)

    worker = threading.Thread(target=call, name="ptlog-keyring", daemon=True)
    worker.start()
    worker.join(_KEYRING_TIMEOUT_S)
    if worker.is_alive() or failed[0]:
        return None
    return result[0] if name == "get_password" else "stored"


def store_secret(secret: bytes) -> str:
    """Keep ``secret`` on this workstation (keyring, else a 0600 file); returns its id."""
    kid = key_id(secret)
    if _keyring_call("set_password", kid, secret.hex()) is None:
        _write_file(_file(kid), _encode(secret))
    with _cache_lock:
        _cache[kid] = secret
    return kid


def _write_file(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def new_secret() -> str:
    """Make and keep a new clinic secret; returns its id."""
    return store_secret(token.token_bytes(32))


def load_secret(kid: str) -> bytes | None:
    """The secret with id ``kid`` if this workstation has it (file first: it never waits)."""
    with _cache_lock:
        if kid in _cache:
            return _cache[kid]
    if not _ID.match(kid):
        return None
    secret: bytes | None = None
    path = _file(kid)
    try:
        secret = _decode(path.read_text(encoding="ascii"), str(path))
    except (OSError, UnicodeDecodeError, ValidationError):
        stored = _keyring_call("get_password", kid)
        if stored:
            with contextlib.suppress(ValueError):
                secret = bytes.fromhex(stored)
    if secret is None or key_id(secret) != kid:
        return None
    with _cache_lock:
        _cache[kid] = secret
    return secret


def require_secret(kid: str) -> bytes:
    secret = load_secret(kid)
    if secret is None:
        raise SecretMissingError(
            f"this workstation does not have the clinic secret {kid} that seals this database's "
            "audit trail: ask the administrator for the secret file and run "
            "'ptlog secret import FILE'")
    return secret


def export_secret(kid: str, target: Path) -> Path:
    """Write the secret to a file (0600) to carry to another workstation of the clinic."""
    from ptlog.store.output_target import check_output

    if target.exists():  # never replaced: a secret file may be the only copy of an old secret
        raise ValidationError(f"{target} exists already; choose a new file name", field="output")
    # what every output is refused for ('-', a missing folder, the database, a backup, ...)
    _write_file(check_output(target, force=True), _encode(require_secret(kid)))
    return target


def import_secret(source: Path) -> str:
    """Keep the secret in ``source`` on this workstation; returns its id."""
    from ptlog.input_files import not_a_file_message

    if (refused := not_a_file_message(source)) is not None:
        raise ValidationError(refused, field="file")
    try:
        text = source.read_text(encoding="ascii")
    except UnicodeDecodeError:  # a secret file is two lines of plain ASCII
        raise ValidationError(f"{source} is not a ptlog clinic secret file", field="file"
                              ) from None
    except OSError as exc:
        raise ValidationError(f"cannot read {source}: {exc.strerror or exc}", field="file"
                              ) from None
    return store_secret(_decode(text, str(source)))


def forget_cache() -> None:
    """Tests: the next ``load_secret`` reads the store again."""
    with _cache_lock:
        _cache.clear()
