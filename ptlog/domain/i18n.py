"""One small translation function for everything outside the window: reports, handouts, the CLI.

Catalogs are JSON files, one per language, in ``resources/locale/<code>.json``: the English
text is the message id, messages are whole sentences with named placeholders (``{name}``),
never pieces glued together, and a plural is a message with ``one``/``other`` forms chosen by
the count. Each catalog also holds the language's formats (decimal comma, short date, money),
so adding a language is adding one file (README: "How to add a language"). A text that the
catalog lacks is shown in English rather than not at all; a test keeps the catalogs complete.

Long texts that live in the resource files (the exercise library, the red flags) are
translated in place, keyed by language (``{"en": …, "es": …}``): see ``localized``.

The pseudo-locale ``qps`` (Qt and Windows use the same name) turns every translated text into
accented look-alikes in brackets: a test renders every document in it and fails on any English
word that escaped translation.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ptlog.domain.resources import load_json, resource_path

ENGLISH = "en"
PSEUDO = "qps"
LOCALE_DIR = "locale"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "marked, translated later"
    """Mark ``message`` for the catalogs where it is defined; it is translated where shown."""
    return message


class Figure(float):
    """A number inside a message (``maximum=Figure(10_000_000)``): the translator that fills the
    message in writes it the language's way (``10.000.000`` in German) with ``number``; put in
    an English text it reads ``10,000,000``."""

    __slots__ = ()

    def __str__(self) -> str:
        return english().number(self)

    def __format__(self, spec: str) -> str:
        return float.__format__(self, spec) if spec else str(self)


class UnknownLanguageError(ValueError):
    """A language code ptlog has no catalog for; the message lists the ones it has."""


@cache
def languages() -> dict[str, str]:
    """Every language ptlog speaks: code → its own name ("es" → "Español"), English first."""
    found: dict[str, str] = {}
    for path in sorted(resource_path(LOCALE_DIR).glob("*.json")):
        found[path.stem] = str(load_json(f"{LOCALE_DIR}/{path.name}")["name"])
    return {ENGLISH: found.pop(ENGLISH, "English"), **found}


def language_code(text: str, *, allow_pseudo: bool = False) -> str:
    """``"es"`` from ``"es"``, ``"ES"``, ``"es_MX.UTF-8"`` or ``"de-DE"``; an unknown language is
    an ``UnknownLanguageError`` naming the ones ptlog has."""
    code = re.split(r"[_.@-]", text.strip(), maxsplit=1)[0].lower()
    if code in languages() or (allow_pseudo and code == PSEUDO):
        return code
    raise UnknownLanguageError(
        f"unknown language {text.strip()!r}: use one of {', '.join(languages())}")


def system_language(environ: Mapping[str, str] | None = None) -> str:
    """The language of the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG, as gettext
    reads them), English when it names none ptlog speaks."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        for candidate in value.split(":"):  # LANGUAGE may list several: "de:en"
            if candidate in ("C", "POSIX") or candidate.startswith("C."):
                return ENGLISH
            try:
                return language_code(candidate)
            except UnknownLanguageError:
                continue
        if name != "LANGUAGE":
            return ENGLISH  # the first locale variable set decides, as in gettext
    return ENGLISH


def localized(value: str | Mapping[str, Any], language: str) -> Any:
    """A resource text in ``language``: a plain value is the same in every language; a mapping
    keyed by language gives that language's, else English's (a clinic's own addition)."""
    if isinstance(value, Mapping):
        if language == PSEUDO:
            return pseudo(value.get(ENGLISH, ""))
        return value.get(language, value.get(ENGLISH))
    if language == PSEUDO:
        return pseudo(value)
    return value


# -- the pseudo-locale ------------------------------------------------------------------------

_PSEUDO_LETTERS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "ȧƀċḋḗƒġḥíĵķŀḿńőṗɋŕšŧűṽẁẋẏžȦƁĊḊḖƑĠḤÍĴĶĿḾŃŐṖɊŔŠŦŰṼẀẊẎŽ",
)
# placeholders, markup and entities keep their letters: they are not shown as text
_PROTECTED = re.compile(r"(\{[^}]*\}|<[^>]*>|&[#\w]+;|%L?n|%[-+ 0#]*\d*(?:\.\d+)?[a-zA-Z])")


def pseudo(text: Any) -> Any:
    """``text`` in the pseudo-locale: letters accented, wrapped in ⟦ ⟧ (lists item by item)."""
    if isinstance(text, list | tuple):
        return type(text)(pseudo(item) for item in text)
    if not isinstance(text, str) or not text:
        return text
    parts = _PROTECTED.split(text)
    return "⟦" + "".join(p if i % 2 else p.translate(_PSEUDO_LETTERS)
                         for i, p in enumerate(parts)) + "⟧"


# -- translators --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Formats:
    """How a language writes numbers, dates and money."""

    decimal: str = "."
    group: str = ","
    date: str = "%m/%d/%Y"
    datetime: str = "%m/%d/%Y %H:%M"
    long_date: str = "{month} {day}, {year}"
    weekday_date: str = "{weekday}, {month} {day}, {year}"
    money: str = "{symbol}{amount}"
    percent: str = "{value}%"
    # German writes nouns with a capital in running text: a label keeps its capital there
    nouns_capitalized: bool = False
    months: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December")
    weekdays: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                 "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Translator:
    """Texts and formats of one language. Call it with an English message and its values."""

    language: str
    messages: Mapping[str, Any] = field(default_factory=dict)
    formats: Formats = field(default_factory=Formats)

    def __call__(self, message: str, /, **values: object) -> str:
        """``message`` in this language with its named ``values`` filled in."""
        found = self.messages.get(message)
        text = found if isinstance(found, str) and found else message
        if self.language == PSEUDO:
            text = pseudo(message)
        if not values:
            return text
        return text.format(**{key: self.number(value) if isinstance(value, Figure) else value
                              for key, value in values.items()})

    def plural(self, singular: str, plural: str, n: int, /, **values: object) -> str:
        """The form for ``n`` (``{n}`` in the text is ``n`` written in this language)."""
        found = self.messages.get(singular)
        forms = found if isinstance(found, Mapping) else {"one": singular, "other": plural}
        english = singular if n == 1 else plural
        text = forms.get("one" if n == 1 else "other") or english
        if self.language == PSEUDO:
            text = pseudo(english)
        return text.format(n=self.number(n), **values)

    def error_text(self, error: object) -> str:
        """An input error (or an import problem) in this language when it carries its catalog
        message (``InputError.said``: ``message_id``, ``values``, ``terms``), else its text."""
        message_id = getattr(error, "message_id", "")
        if not message_id:
            return str(error)
        values = dict(getattr(error, "values", {}))
        for key in getattr(error, "terms", ()):
            values[key] = self(str(values[key]))
        return self(message_id, **values)

    def text(self, value: str | Mapping[str, Any]) -> Any:
        """A resource text (plain, or keyed by language) in this language."""
        return localized(value, self.language)

    # -- numbers ------------------------------------------------------------------------------

    def number(self, value: float, decimals: int | None = None, *, sign: bool = False) -> str:
        """``22.5`` as ``22,5`` where the language writes a decimal comma; like ``:g`` (no
        trailing zeros) unless ``decimals`` is given; thousands grouped from 10,000."""
        if decimals is None:
            text = f"{value:+g}" if sign else f"{value:g}"
            if "e" in text:  # :g switches to an exponent from a million: not for people
                text = f"{value:+.0f}" if sign else f"{value:.0f}"
        else:
            text = f"{value:+.{decimals}f}" if sign else f"{value:.{decimals}f}"
        head, _dot, tail = text.partition(".")
        digits = head.lstrip("+-")
        if len(digits) > 4:
            digits = f"{int(digits):,}".replace(",", self.formats.group)
        head = head[:len(head) - len(head.lstrip("+-"))] + digits
        return head + (self.formats.decimal + tail if tail else "")

    def degrees(self, value: float, *, sign: bool = False) -> str:
        return f"{self.number(value, sign=sign)}°"

    def percent(self, fraction: float) -> str:
        """``0.65`` as "65%" or "65 %"."""
        return self.formats.percent.format(value=self.number(round(fraction * 100)))

    def in_text(self, label: str) -> str:
        """A label ("Hip internal rotation", already translated) inside a sentence: "hip
        internal rotation", but German keeps "Innenrotation der Hüfte"."""
        if self.formats.nouns_capitalized or not label:
            return label
        start = 1 if label.startswith("⟦") else 0
        return label[:start] + label[start].lower() + label[start + 1:]

    def money(self, amount: float, symbol: str) -> str:
        """An amount in the clinic's currency (whole units: costs are estimates)."""
        whole = f"{round(amount):,}".replace(",", self.formats.group)
        return self.formats.money.format(symbol=symbol, amount=whole)

    # -- dates ----------------------------------------------------------------------------------

    def date(self, day: dt.date) -> str:
        """The language's short date: 03/12/2026 (en, month first), 12/03/2026, 12.03.2026."""
        return day.strftime(self.formats.date)

    def datetime(self, moment: dt.datetime) -> str:
        return moment.strftime(self.formats.datetime)

    def long_date(self, day: dt.date, *, weekday: bool = False) -> str:
        """"Thursday, December 3, 2026" / "jueves, 3 de diciembre de 2026" for patients."""
        pattern = self.formats.weekday_date if weekday else self.formats.long_date
        return pattern.format(day=day.day, year=day.year,
                              month=self._name(self.formats.months[day.month - 1]),
                              weekday=self._name(self.formats.weekdays[day.weekday()]))

    def month_year(self, day: dt.date) -> str:
        """"Dec 2026" / "dic 2026": an axis tick."""
        return f"{self._name(self.formats.months[day.month - 1][:3])} {day.year}"

    def _name(self, name: str) -> str:
        return pseudo(name) if self.language == PSEUDO else name


def _formats(data: Mapping[str, Any]) -> Formats:
    values = dict(data)
    for key in ("months", "weekdays"):
        if key in values:
            values[key] = tuple(values[key])
    return Formats(**values)


@cache
def translator(language: str = ENGLISH) -> Translator:
    """The translator of ``language`` (a code from ``languages()``, or the pseudo-locale)."""
    code = language_code(language, allow_pseudo=True)
    source = ENGLISH if code == PSEUDO else code
    data = load_json(f"{LOCALE_DIR}/{source}.json")
    return Translator(code, dict(data.get("messages", {})), _formats(data.get("formats", {})))


def english() -> Translator:
    return translator(ENGLISH)


def all_messages(language: str) -> Mapping[str, Any]:
    """The catalog of ``language`` as shipped (for the completeness test and translators)."""
    return dict(load_json(f"{LOCALE_DIR}/{language}.json").get("messages", {}))


def join_words(tr: Translator, items: Sequence[str]) -> str:
    """"a, b and c" in the language (a list is not a sentence piece: the word is translated)."""
    if len(items) <= 1:
        return "".join(items)
    return tr("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])
