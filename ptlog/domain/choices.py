"""Reading an enumeration from text: its code (``L``) or the label the window shows (``Left``).

Spreadsheets hold what people typed, so case, spaces, hyphens and underscores are not
significant (``Universal goniometer`` = ``universal_goniometer``); anything else is refused.
The labels are the enumerations' own ``label`` — the ones the window shows — never a copy.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


@cache
def _codes(kind: type[StrEnum]) -> dict[str, str]:
    codes: dict[str, str] = {}
    for member in kind:
        codes[_key(member.value)] = member.value
        codes[_key(getattr(member, "label", member.value))] = member.value
    return codes


def code_of(kind: type[StrEnum], text: str) -> str | None:
    """The code of ``kind`` that ``text`` names (as code or label), or None."""
    if text in kind._value2member_map_:
        return text
    return _codes(kind).get(_key(text))


def accepted(kind: type[StrEnum]) -> str:
    """What ``code_of`` accepts, for a message: ``L (Left), R (Right)``."""
    return ", ".join(
        f"{m.value} ({label})" if (label := getattr(m, "label", m.value)) != m.value else m.value
        for m in kind
    )


def catalog_name(text: str) -> str:
    """A joint or motion as the catalog writes it: ``Internal rotation`` → ``internal_rotation``."""
    return "_".join(text.replace("-", " ").casefold().split())
