"""Verifying the audit chain, event by event: the one rule ``check`` and ``restore`` share.

Each event must name the hash of the one before, and its own hash must be what it says: plain
SHA-256 before the chain was first sealed, an HMAC under the secret of the last seal after.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ptlog.store import audit
from ptlog.store.secret import load_secret

#: the columns of a raw ``audit_event`` row, in this order, as ``verify_rows`` takes them
COLUMNS = ("id", "at", "os_user", "clinician", "action", "entity", "entity_uuid",
           "patient_uuid", "before", "after", "prev_hash", "hash")


@dataclass(frozen=True, slots=True)
class Problem:
    event_id: int
    field: str  # "prev_hash" or "hash"
    message: str


class ChainVerifier:
    """Feed the events in id order (``step``), then ``finish``; problems are returned as found."""

    def __init__(self) -> None:
        self.prev = audit.GENESIS_HASH
        self.key: bytes | None = None
        self.sealed = False
        self.count = 0
        self.missing_secrets: list[tuple[int, str, str]] = []  # seal id, time, key id

    def step(self, event_id: int, at: Any, action: str, entity: str, after: str | None,
             payload: dict[str, Any], prev_hash: str, hash_text: str) -> list[Problem]:
        out: list[Problem] = []
        self.count += 1
        if prev_hash != self.prev:
            out.append(Problem(event_id, "prev_hash",
                               f"the audit chain is broken before this event ({at} {action} "
                               f"{entity}): an event was removed or reordered"))
        if action == audit.SEAL:
            kid = audit.seal_key_id(after)
            self.key = load_secret(kid) if kid else None
            self.sealed = True
            if self.key is None:
                self.missing_secrets.append((event_id, str(at), kid))
        # without the secret a keyed hash cannot be re-computed; the links above still are
        if not (self.sealed and self.key is None) and \
                audit.event_hash(prev_hash, payload, self.key) != hash_text:
            out.append(Problem(event_id, "hash",
                               f"this event ({at} {action} {entity}) was altered after it was "
                               "written"))
        self.prev = hash_text
        return out

    def finish(self) -> list[Problem]:
        out = [Problem(seal_id, "hash",
                       f"events from {at} on cannot be verified: this workstation does not have "
                       f"the clinic secret {kid or '(none named)'} that keys them (import it "
                       "with 'ptlog secret import FILE')")
               for seal_id, at, kid in self.missing_secrets]
        if self.count and not self.sealed:
            out.append(Problem(0, "hash",
                               "the audit chain is not keyed with the clinic secret: it was "
                               "re-computed or written without ptlog, or the database was never "
                               "opened for writing by a ptlog that keys it"))
        return out


def _at_text(value: Any) -> str:
    """A stored time as ``event_payload`` has it (ISO, seconds)."""
    if isinstance(value, dt.datetime):
        return str(audit._plain(value))
    text = str(value).replace(" ", "T")
    try:
        return str(audit._plain(dt.datetime.fromisoformat(text)))
    except ValueError:
        return text


def verify_rows(rows: Iterable[tuple[Any, ...]], limit: int = 20) -> list[Problem]:
    """Problems in a chain given as raw rows (``COLUMNS``, id order): a backup's chain."""
    verifier = ChainVerifier()
    out: list[Problem] = []
    for row in rows:
        values = dict(zip(COLUMNS, row, strict=True))
        payload = {name: values[name] for name in COLUMNS if name not in ("id", "hash")}
        payload["at"] = _at_text(values["at"])
        found = verifier.step(int(values["id"]), payload["at"], str(values["action"]),
                              str(values["entity"]), values["after"], payload,
                              str(values["prev_hash"]), str(values["hash"]))
        out.extend(found[:max(0, limit - len(out))])
    return [*out, *verifier.finish()][:limit]
