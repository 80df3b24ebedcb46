"""The limits of what a person or a file may enter, defined once for every way in.

The window's forms, the CSV import, the demo data and the store all check against these, so
SQLite (which never enforces a column size) and PostgreSQL (which does) accept the same records.
The short texts match the ``VARCHAR`` sizes of the schema (``store/models.py`` takes them from
here); long texts have a size a clinic never needs, so a pasted file or a runaway script is
refused with a message instead of filling the database.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass


class InputError(ValueError):
    """One value a person typed or a file brought is wrong: ``str(error)`` says what was
    expected, ``field`` names the input (a column or form field) when it is known."""

    def __init__(self, message: str, field: str = "", *, message_id: str = "",
                 values: Mapping[str, object] | None = None, terms: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.field = field
        # the message as the catalogs know it, so the window can say it in its language
        # (``Translator.error_text``); ``terms`` name the values that are words to translate
        self.message_id = message_id
        self.values = dict(values or {})
        self.terms = terms

    @classmethod
    def said(cls, message_id: str, field: str = "", *, terms: tuple[str, ...] = (),
             **values: object) -> InputError:
        """The error of a catalog message (marked ``N_``) with its named ``values``."""
        return cls(message_id.format(**values), field, message_id=message_id, values=values,
                   terms=terms)


@dataclass(frozen=True, slots=True)
class TextLimit:
    """How long a text may be (characters, as PostgreSQL counts them) and whether it may hold
    line breaks and tabs (notes written in a box) or is one line (a name, a chart number)."""

    label: str
    length: int
    multiline: bool = False


# short texts: the schema's VARCHAR sizes (migration 1); a change here needs a migration
CHART = 40
NAME = 120  # family and given name; also their search keys
CLINICIAN = 120  # a clinician's name, the audit trail's user and clinician
CREDENTIALS = 60
REFERRING_PHYSICIAN = 200
GOAL_LABEL = 120
# long texts (TEXT columns): sizes no clinic reaches by typing
NOTES = 10_000
DIAGNOSIS = 2_000
CONTACT = 2_000
DETAILS = 2_000
REASON = 2_000

TEXTS: dict[str, TextLimit] = {
    "chart": TextLimit("chart number", CHART),
    "family_name": TextLimit("family name", NAME),
    "given_name": TextLimit("given name", NAME),
    "clinician": TextLimit("clinician", CLINICIAN),
    "credentials": TextLimit("credentials", CREDENTIALS),
    "referring_physician": TextLimit("referring physician", REFERRING_PHYSICIAN),
    "label": TextLimit("goal label", GOAL_LABEL),
    "diagnosis": TextLimit("diagnosis", DIAGNOSIS, multiline=True),
    "contact": TextLimit("contact", CONTACT, multiline=True),
    "notes": TextLimit("notes", NOTES, multiline=True),
    "note": TextLimit("note", NOTES, multiline=True),
    "details": TextLimit("details", DETAILS, multiline=True),
    "reason": TextLimit("reason", REASON, multiline=True),
}

# numbers
MAX_SESSIONS = 500  # sessions planned or attended in one treatment course
MAX_COST = 10_000_000.0  # for one treatment, in the clinic's currency
MAX_PAIN = 10  # the 0-10 numeric pain rating scale
EARLIEST_DATE = dt.date(1880, 1, 1)  # no living patient was born before it

_LINE_BREAKS = frozenset("\n\r\t")


def forbidden_character(text: str, multiline: bool = False) -> str | None:
    """The first character that must not be stored, or None: control characters (NUL, escape
    sequences, ...) and lone surrogates; a note may hold line breaks and tabs."""
    if text.isprintable():  # in C: nearly every text ends here
        return None
    for ch in text:
        if ch.isprintable() or ch == " ":
            continue
        if multiline and ch in _LINE_BREAKS:
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs"):
            return ch
        # other non-printable characters (format marks like a zero-width joiner, separators
        # like U+2028) are part of written names and notes; terminals are protected on output
    return None


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def check_text(value: str, field: str) -> None:
    """Refuse a text ``field`` (a key of ``TEXTS``) cannot hold, naming the field."""
    limit = TEXTS[field]
    if len(value) > limit.length:
        raise InputError(f"the {limit.label} is {len(value):,} characters long; at most "
                         f"{limit.length:,} are allowed", field)
    bad = forbidden_character(value, limit.multiline)
    if bad is not None:
        where = value.index(bad) + 1
        raise InputError(f"the {limit.label} holds a control character ({_describe(bad)}) at "
                         f"character {where}", field)


def check_texts(**values: str) -> None:
    """``check_text`` for each field given by name, in the order given."""
    for field, value in values.items():
        check_text(value, field)
