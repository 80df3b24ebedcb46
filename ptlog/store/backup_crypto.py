"""Encrypted backups: AES-256-GCM under a key derived from a passphrase with scrypt.

For a backup that leaves the clinic (a USB stick, an off-site disk): without the passphrase it
reveals nothing, and any change to it is found. The file is a header (format, scrypt salt and
cost, a nonce prefix and a passphrase check) followed by chunks of 1 MiB, each sealed with its
number and whether it is the last, so chunks cannot be reordered, dropped or cut off unseen.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import struct
from pathlib import Path
from typing import BinaryIO

from ptlog.store.errors import ValidationError

MAGIC = b"PTLOGENC1\n"
SUFFIX = ".enc"
CHUNK = 1 << 20
_N_LOG2, _R, _P = 15, 8, 1  # scrypt: 32 MiB and about 0.1 s per try
_HEADER = struct.Struct(f"!{len(MAGIC)}s16sBBB8s16s")
_LENGTH = struct.Struct("!I")
MIN_PASSPHRASE = 10


class WrongPassphraseError(ValidationError):
    """The passphrase does not open this backup."""


class DamagedBackupError(ValidationError):
    """The encrypted backup was changed or cut short after it was written."""


def passphrase_problem(passphrase: str) -> str | None:
    if len(passphrase) < MIN_PASSPHRASE:
        return f"use a passphrase of at least {MIN_PASSPHRASE} characters"
    return None


def is_encrypted(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, n_log2: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=1 << n_log2, r=r, p=p,
                          maxmem=256 * 1024 * 1024, dklen=32)


def _check(key: bytes) -> bytes:
    return hmac.new(key, b"ptlog passphrase check", hashlib.sha256).digest()[:16]


def _nonce(prefix: bytes, index: int) -> bytes:
    return prefix + struct.pack("!I", index)


def _aad(header: bytes, index: int, last: bool) -> bytes:
    return header + struct.pack("!I?", index, last)


def encrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write ``source`` encrypted to ``target`` (which the caller renames into place)."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    problem = passphrase_problem(passphrase)
    if problem:
        raise ValidationError(problem, field="passphrase")
    salt, prefix = secrets.token_bytes(16), secrets.token_bytes(8)
    key = _key(passphrase, salt, _N_LOG2, _R, _P)
    header = _HEADER.pack(MAGIC, salt, _N_LOG2, _R, _P, prefix, _check(key))
    cipher = AESGCM(key)
    with source.open("rb") as src, target.open("wb") as out:
        out.write(header)
        index, chunk = 0, src.read(CHUNK)
        while True:
            following = src.read(CHUNK)
            last = not following
            sealed = cipher.encrypt(_nonce(prefix, index), chunk, _aad(header, index, last))
            out.write(_LENGTH.pack(len(sealed)) + sealed)
            if last:
                break
            index, chunk = index + 1, following
        out.flush()
        os.fsync(out.fileno())


def decrypt_file(source: Path, target: Path, passphrase: str) -> None:
    """Write the backup in ``source`` decrypted to ``target``; refuse a wrong passphrase or a
    changed file with one line (the caller removes ``target`` then)."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    with source.open("rb") as src:
        header = src.read(_HEADER.size)
        try:
            magic, salt, n_log2, r, p, prefix, check = _HEADER.unpack(header)
        except struct.error:
            raise DamagedBackupError(f"{source.name} is cut short: not a whole encrypted "
                                     "backup; nothing was changed", field="file") from None
        if magic != MAGIC or not (10 <= n_log2 <= 20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise DamagedBackupError(f"{source.name} is not a ptlog encrypted backup or its "
                                     "header was changed; nothing was changed", field="file")
        key = _key(passphrase, salt, n_log2, r, p)
        if not hmac.compare_digest(_check(key), check):
            raise WrongPassphraseError(f"wrong passphrase for {source.name}; nothing was "
                                       "changed", field="passphrase")
        cipher = AESGCM(key)
        with target.open("wb") as out:
            index = 0
            sealed = _read_chunk(src, source)
            while True:
                following = _read_chunk(src, source) if sealed is not None else None
                if sealed is None:
                    raise DamagedBackupError(f"{source.name} is cut short (chunk {index} is "
                                             "missing); nothing was changed", field="file")
                last = following is None
                try:
                    out.write(cipher.decrypt(_nonce(prefix, index), sealed,
                                             _aad(header, index, last)))
                except InvalidTag:
                    raise DamagedBackupError(
                        f"{source.name} was changed or damaged after it was written (chunk "
                        f"{index} fails its check); nothing was changed", field="file"
                    ) from None
                if last:
                    break
                index, sealed = index + 1, following
            out.flush()
            os.fsync(out.fileno())


def _read_chunk(src: BinaryIO, source: Path) -> bytes | None:
    """The next sealed chunk, or None at the end of the file."""
    size = src.read(_LENGTH.size)
    if not size:
        return None
    if len(size) < _LENGTH.size:
        raise DamagedBackupError(f"{source.name} is cut short; nothing was changed",
                                 field="file")
    (length,) = _LENGTH.unpack(size)
    data = src.read(length)
    if len(data) != length or length > CHUNK + 16:
        raise DamagedBackupError(f"{source.name} is cut short or damaged; nothing was changed",
                                 field="file")
    return data
