"""The documents in every language: nothing left in English, nothing cut or broken mid-word.

The pseudo-locale ``qps`` turns every translated text into accented look-alikes; a document
rendered in it must hold no plain English word but the record's own data and the citations.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator

import pytest
import reportlab.platypus.paragraph as rl_paragraph
from i18n_messages import problems
from pdftext import pdf_text, reader
from report_records import HIP_IR, START, build_record, pt_course

from ptlog.domain.checks import PERCENT_FORMULA
from ptlog.domain.exercises import exercise_library
from ptlog.domain.i18n import (
    PSEUDO,
    UnknownLanguageError,
    language_code,
    languages,
    system_language,
    translator,
)
from ptlog.domain.records import (
    ClinicSettings,
    Goal,
    Treatment,
    TreatmentKind,
    TreatmentSide,
)
from ptlog.domain.references import references
from ptlog.domain.resources import load_json
from ptlog.reports.handout import build_handout
from ptlog.reports.progress_report import build_progress_report

LANGUAGES = ("en", "es", "de")
SETTINGS = ClinicSettings(clinic_name="Zoe Physio", clinic_address="1 Main St",
                          currency_code="EUR", currency_symbol="€")
WHEN = dt.datetime(2025, 5, 1, 10, 30)


def full_record():  # type: ignore[no-untyped-def]
    """Every section filled: treatments (one confounding another), a goal, an amendment and a
    void, activities, a recent injection and a child's age (all red-flag sections)."""
    injection = Treatment(1, TreatmentKind.STEROID_INJECTION, dt.date(2025, 3, 25), None,
                          TreatmentSide.LEFT, cost=300.0, id=8)
    record = build_record(((0, 20, 30), (30, 24, 31), (60, 28, 31), (95, 33, 32)),
                          treatments=[pt_course(), injection], birth=dt.date(2012, 3, 15),
                          goals=[Goal(1, HIP_IR, 40.0)])
    original = next(r for r in record.readings if r.id == 3)  # day 30, left, 24°
    amended = dataclasses.replace(original, id=99, degrees=25.0, supersedes_id=3,
                                  reason="typo", created_by="Ann Lee",
                                  created_at=START + dt.timedelta(days=31))
    voided = dataclasses.replace(next(r for r in record.readings if r.id == 4), is_current=False)
    void = dataclasses.replace(voided, id=100, supersedes_id=4, is_void=True, reason="typo",
                               created_by="Ann Lee", is_current=False)
    history = (dataclasses.replace(original, is_current=False), voided)
    patient = dataclasses.replace(record.patient, activities=("walking", "pitching"),
                                  diagnosis="", referring_physician="")
    readings = tuple(sorted((*(r for r in record.readings if r.id not in (3, 4)), amended),
                            key=lambda r: r.taken_at))
    record = dataclasses.replace(record, history=(*history, void))
    return dataclasses.replace(record, patient=patient, readings=readings)


def documents(language: str) -> Iterator[tuple[str, bytes]]:
    record = full_record()
    yield "report", build_progress_report(record, SETTINGS, generated_at=WHEN,
                                          language=language, chain_head="abc123")
    yield "handout", build_handout(record, SETTINGS, exercise_library(), generated_at=WHEN,
                                   next_visit=dt.date(2025, 5, 15), language=language)
    yield "empty handout", build_handout(build_record(()), SETTINGS, [], generated_at=WHEN,
                                         language=language)


def allowed_words() -> set[str]:
    """English that is data, not ptlog's words: the record's texts, the citations as
    published, the names of sources, units and abbreviations."""
    record = full_record()
    texts = [SETTINGS.clinic_name, SETTINGS.clinic_address, record.patient.display_name,
             record.patient.chart, "ptlog", "MDC", "MDC95", "UTC", "°", "abc123", "typo",
             "PAILs", "RAILs", "Ann Lee", "EUR", PERCENT_FORMULA]
    texts += [v.clinician for v in record.visits] + [r.clinician for r in record.readings]
    for ref in references():
        texts += [ref.citation, ref.short]
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]+", text)}


@pytest.mark.parametrize(("name", "data"), list(documents(PSEUDO)),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_no_english_escapes_translation(name: str, data: bytes) -> None:
    text = pdf_text(data)
    assert "⟦" in text, "the pseudo-locale did not reach the document"
    allowed = allowed_words()
    escaped = sorted({w for w in re.findall(r"[A-Za-z]{2,}", text) if w.lower() not in allowed})
    assert escaped == [], f"{name}: English words outside the catalogs: {escaped}"


@pytest.mark.parametrize("language", ["es", "de"])
def test_catalog_is_complete(language: str) -> None:
    assert problems(language) == []


def test_resource_texts_have_every_language() -> None:
    """Every patient text in exercises.json and safety.json is given in every language."""
    missing: list[str] = []

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict) and "en" in value:
            missing.extend(f"{where}: {code}" for code in languages() if not value.get(code))
        elif isinstance(value, dict):
            for key, inner in value.items():
                if key not in ("about", "figure", "sources", "targets", "id", "category"):
                    walk(inner, f"{where}.{key}")
            if "figure" in value:
                walk(value["figure"].get("caption"), f"{where}.caption")
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, f"{where}[{i}]")
        elif isinstance(value, str):
            missing.append(f"{where}: a plain text, not keyed by language")

    for name in ("exercises.json", "safety.json"):
        data = {k: v for k, v in load_json(name).items()
                if k not in ("about", "source", "injection_weeks", "child_under_age", "sources")}
        walk(data, name)
    assert missing == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_word_is_broken_and_nothing_runs_off_the_page(
        language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A word too long for its cell would be cut in two without a hyphen (German compounds):
    the catalogs carry soft hyphens and the columns are wide enough for every language."""
    broken: list[str] = []
    split_word, split_frag = rl_paragraph._splitWord, rl_paragraph._splitFragWord

    def record_word(word, *args, **kwargs):  # type: ignore[no-untyped-def]
        broken.append(str(word))
        return split_word(word, *args, **kwargs)

    def record_frag(frags, *args, **kwargs):  # type: ignore[no-untyped-def]
        broken.append(repr(frags)[:80])
        return split_frag(frags, *args, **kwargs)

    monkeypatch.setattr(rl_paragraph, "_splitWord", record_word)
    monkeypatch.setattr(rl_paragraph, "_splitFragWord", record_frag)
    for name, data in documents(language):
        for number, page in enumerate(reader(data).pages, 1):
            width = float(page.mediabox.width)
            outside: list[str] = []

            def visit(text, cm, tm, font, size, outside=outside, width=width):  # type: ignore[no-untyped-def]
                x = tm[4] * cm[0] + cm[4]
                if text.strip() and not -1 <= x <= width - 10:
                    outside.append(text)

            text = page.extract_text(visitor_text=visit)
            assert outside == [], f"{language} {name} page {number}: off the page: {outside}"
            # a soft hyphen drawn as a glyph (in a chart or the page furniture) shows as "-"
            assert "\u00ad" not in text, f"{language} {name} page {number}: a soft hyphen shows"
    assert broken == [], f"{language}: words cut without a hyphen: {broken}"


def test_spanish_and_german_documents_speak_their_language() -> None:
    record = full_record()
    es = pdf_text(build_handout(record, SETTINGS, generated_at=WHEN, language="es"))
    assert "Su programa en casa" in es
    assert "Pare y llámenos, o busque atención urgente" in es
    de = pdf_text(build_progress_report(record, SETTINGS, generated_at=WHEN, language="de"))
    assert "Verlaufsbericht" in de
    assert "01.05.2025 10:30" in de  # German short date
    assert "Kortison" in de
    assert "300 €" in de
    es_report = pdf_text(build_progress_report(record, SETTINGS, generated_at=WHEN,
                                               language="es"))
    assert "Rotación interna de cadera" in es_report
    assert "01/05/2025" in es_report


def test_numbers_dates_and_money_follow_the_language() -> None:
    es, de, en = translator("es"), translator("de"), translator("en")
    assert (en.degrees(22.5), es.degrees(22.5), de.degrees(22.5)) == ("22.5°", "22,5°", "22,5°")
    assert de.degrees(-3, sign=True) == "-3°"
    assert en.degrees(4, sign=True) == "+4°"
    assert (en.date(dt.date(2026, 3, 4)), es.date(dt.date(2026, 3, 4)),
            de.date(dt.date(2026, 3, 4))) == ("03/04/2026", "04/03/2026", "04.03.2026")
    assert en.money(12500, "$") == "$12,500"
    assert de.money(12500, "€") == "12.500 €"
    assert de.long_date(dt.date(2026, 12, 3), weekday=True) == "Donnerstag, 3. Dezember 2026"
    assert es.long_date(dt.date(2026, 12, 3)) == "3 de diciembre de 2026"
    assert de.plural("{first} to {last}, {n} visit day", "{first} to {last}, {n} visit days",
                     1, first="a", last="b").replace("\u00ad", "") == "a bis b, 1 Behandlungstag"
    assert en.plural("{first} to {last}, {n} visit day", "{first} to {last}, {n} visit days",
                     3, first="a", last="b") == "a to b, 3 visit days"


def test_language_codes_and_the_system_locale() -> None:
    assert language_code("de_DE.UTF-8") == "de"
    assert language_code("ES") == "es"
    with pytest.raises(UnknownLanguageError, match="use one of en, de, es"):
        language_code("fr")
    assert system_language({"LANG": "es_MX.UTF-8"}) == "es"
    assert system_language({"LC_ALL": "de_AT.UTF-8", "LANG": "es_ES.UTF-8"}) == "de"
    assert system_language({"LANGUAGE": "fr:de", "LANG": "en_US.UTF-8"}) == "de"
    assert system_language({"LANG": "fr_FR.UTF-8"}) == "en"
    assert system_language({"LANG": "C.UTF-8"}) == "en"
    assert system_language({}) == "en"
