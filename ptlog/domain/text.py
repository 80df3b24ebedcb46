"""Text folding shared by search and matching: case- and accent-insensitive ("Núñez" ~ "nunez")."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"})


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()
