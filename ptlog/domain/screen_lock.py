"""The unattended screen: after how long it locks, and the clinic PIN that unlocks it.

The PIN is kept only as a salted scrypt hash (HIPAA §164.312(a)(2)(iii), automatic logoff):
whoever reads the settings learns nothing quicker than trying every PIN through scrypt.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

DEFAULT_IDLE_MINUTES = 10
MAX_IDLE_MINUTES = 240
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MB and a few tens of ms per try


@dataclass(frozen=True, slots=True)
class ScreenLockSettings:
    idle_minutes: int = DEFAULT_IDLE_MINUTES  # 0: never lock
    pin: dict[str, Any] | None = field(default=None)  # hash_pin's result; None: no PIN

    @classmethod
    def from_stored(cls, stored: Any) -> ScreenLockSettings:
        if not isinstance(stored, dict):
            return cls()
        minutes = stored.get("idle_minutes", DEFAULT_IDLE_MINUTES)
        minutes = minutes if isinstance(minutes, int) and 0 <= minutes <= MAX_IDLE_MINUTES \
            else DEFAULT_IDLE_MINUTES
        pin = stored.get("pin")
        return cls(minutes, pin if isinstance(pin, dict) else None)

    def stored(self) -> dict[str, Any]:
        return {"idle_minutes": self.idle_minutes, "pin": self.pin}


def pin_problem(pin: str) -> str | None:
    """Why ``pin`` cannot be the clinic PIN, or None."""
    if not (pin.isascii() and pin.isdigit()):
        return "The PIN is digits only (0-9)."
    if not 4 <= len(pin) <= 12:
        return "The PIN has 4 to 12 digits."
    return None


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, Any]:
    """A salted scrypt hash of ``pin`` with its parameters, as stored in the settings."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, dklen=32, **_SCRYPT)
    return {"scheme": "scrypt", **_SCRYPT, "salt": salt.hex(), "hash": digest.hex()}


def pin_matches(pin: str, stored: dict[str, Any]) -> bool:
    """Does ``pin`` hash to ``stored`` (compared in constant time)?"""
    try:
        digest = hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(stored["salt"]),
                                dklen=32, n=int(stored["n"]), r=int(stored["r"]),
                                p=int(stored["p"]))
        return hmac.compare_digest(digest.hex(), str(stored["hash"]))
    except (KeyError, ValueError, TypeError):
        return False
