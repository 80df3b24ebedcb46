"""Text folding shared by search and matching: case- and accent-insensitive ("Núñez" ~ "nunez")."""

from __future__ import annotations

import re
import unicodedata

from ptlog.domain.limits import NAME
from ptlog.domain.parse import is_plain_number

_SPECIAL = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "þ": "th"})


def composed(text: str) -> str:
    """``text`` in Unicode's composed form (NFC), as ptlog stores what people write: "é" may
    also come as "e" + a combining accent (macOS file names and text copied from some PDFs or
    spreadsheets), which looks the same but would compare, sort and line up as another name,
    so one patient imported twice was refused as having "different" demographics."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text
    return unicodedata.normalize("NFC", text)


def shown_width(text: str) -> int:
    """How many columns a terminal gives ``text``: a combining accent none (a name an older
    ptlog stored decomposed), a wide East Asian character two, any other one."""
    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf")
               else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def padded(text: str, width: int) -> str:
    """``text`` with spaces after it to fill ``width`` terminal columns (``shown_width``)."""
    return text + " " * (width - shown_width(text))


def fold(text: str) -> str:
    if text.isascii():  # most names and every chart: the steps below change only the case
        return text.lower().strip()
    # decompose before casefolding too: "𝘼" only becomes a plain "A" under NFKD
    lowered = unicodedata.normalize("NFKD", text).casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def search_key(name: str) -> str:
    """A name's folded form as stored for search, cut to the column's size: folding may
    lengthen a text ("ß" -> "ss", a ligature -> its letters), and a prefix search needs no more."""
    return fold(name)[:NAME]


# bidirectional overrides and isolates can make a terminal show text in another order
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINE_LIKE = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def for_terminal(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` safe to print on a terminal: escape sequences and other control characters
    (ESC, CSI, backspace, ...) and bidirectional overrides removed, line and tab characters
    turned into a space (kept as line breaks with ``keep_newlines``, for messages)."""
    if text.isprintable():
        return text
    out: list[str] = []
    for ch in text:
        if ch.isprintable() or ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in _LINE_LIKE:
            out.append(" ")
        elif ch in _BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs"):
            continue
        else:
            out.append(ch)  # other invisible marks (joiners) are part of the writing
    return "".join(out)


# what a spreadsheet may run as a formula when a cell starts with it (OWASP "CSV injection"),
# and the quote that marks a protected cell
_FORMULA_STARTS = frozenset("=+-@\t\r'")


def spreadsheet_safe(cell: str) -> str:
    """A CSV cell a spreadsheet will not run: one that starts like a formula gets a leading
    apostrophe (OWASP's advice), as does one that starts with an apostrophe already, so that
    ``from_spreadsheet_safe`` gives back exactly the text. A plain number (``-5``) stays as it is:
    it is no formula."""
    if cell and cell[0] in _FORMULA_STARTS and not is_plain_number(cell):
        return "'" + cell
    return cell


def from_spreadsheet_safe(cell: str) -> str:
    """The text ``spreadsheet_safe`` protected: one leading apostrophe removed."""
    return cell[1:] if cell.startswith("'") else cell


_WORD = re.compile(r"[^\W_]+")
_CHART_PART = re.compile(r"[a-z]+|[0-9]+")


def search_words(chart: str, family_name: str, given_name: str) -> set[str]:
    """Where a typed word may start besides the start of the chart or of a name, folded.

    "nunez" finds Ørsted-Núñez and "berg" van den Berg (every part of a hyphenated or
    multi-word name), "010001" finds DEMO-010001 and "42" C0000042 (a chart's digits, also
    without their leading zeros). The starts of the whole chart and names have indexed columns
    of their own, so they are not repeated here.
    """
    words: set[str] = set()
    for name in (family_name, given_name):
        folded = fold(name)
        if folded.isalnum():  # one word (most names): it starts only where the name does
            continue
        words.update(folded[match.start():] for match in _WORD.finditer(folded)
                     if match.start() > 0)
    chart_key = fold(chart)
    for match in _CHART_PART.finditer(chart_key):
        if match.start() > 0:
            words.add(chart_key[match.start():])
        if match.group().isdigit():
            significant = match.start() + len(match.group()) - len(match.group().lstrip("0"))
            if 0 < significant < match.end():
                words.add(chart_key[significant:])
    return {word[:NAME] for word in words}


def word_key(word: str) -> str:
    """A typed word as ``search_words`` keeps the starts inside charts and names: folded, and
    without the marks before it ("#1" of chart "X #1" starts at its digit, as kept); a word of
    marks only stays as typed."""
    key = fold(word)
    return _LEADING_MARKS.sub("", key) or key


_LEADING_MARKS = re.compile(r"^[\W_]+")


def query_words(text: str) -> list[str]:
    """The words of a search as typed: "Ørsted-Núñez, Ingrid" (the list's own form) is two."""
    return [word for word in re.split(r"[\s,;]+", text) if word]
