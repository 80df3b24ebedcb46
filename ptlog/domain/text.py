"""Text folding shared by search and matching: case- and accent-insensitive ("Núñez" ~ "nunez")."""

from __future__ import annotations

import unicodedata

_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"})


def fold(text: str) -> str:
    # decompose before casefolding too: "𝘼" only becomes a plain "A" under NFKD
    lowered = unicodedata.normalize("NFKD", text).casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()
