"""The clinic secret that keys the audit chain: carry it between workstations, rotate it."""

from __future__ import annotations

from pathlib import Path

from ptlog.store import audit
from ptlog.store import secret as _secret
from ptlog.store.transactions import in_transaction

SecretMissingError = _secret.SecretMissingError


def active_key_id() -> str:
    """The id of the secret the open database's chain is keyed with now."""
    return audit.active_key_id()


def export_secret(target: Path) -> tuple[str, Path]:
    """The open database's current secret written to ``target`` (0600, must not exist)."""
    kid = audit.active_key_id()
    return kid, _secret.export_secret(kid, target)


def import_secret(source: Path) -> str:
    """Keep the secret in ``source`` on this workstation; returns its id."""
    return _secret.import_secret(source)


def rotate() -> tuple[str, str]:
    """A new secret keys every event from now on; the old one still verifies the past.

    Returns (old id, new id)."""
    old = audit.active_key_id()
    kid = _secret.new_secret()
    in_transaction(lambda: audit.seal(kid), where="the audit trail")
    return old, kid
