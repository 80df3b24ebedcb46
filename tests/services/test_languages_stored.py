"""The patient's preferred language and the clinic's language and currency, stored (SQLite and
PostgreSQL), audited, checked, and the languages the documents speak by default."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from ptlog.domain import records as d
from ptlog.services import documents, patients, settings, visits
from ptlog.store import models as m
from ptlog.store.errors import ValidationError

HIP_IR = d.MotionKey("hip", "internal_rotation")
TAKEN = dt.datetime(2026, 1, 5, 9, 0)


def patient_with_readings(language: str = "") -> d.Patient:
    patient = patients.save_patient(d.Patient("L-1", "Núñez", "Eva", dt.date(1970, 3, 4),
                                              d.Sex.FEMALE, language=language)).value
    visits.save_visit(patient.id or 0,
                      [d.Reading(HIP_IR, side, d.Mode.ACTIVE, d.Position.SEATED, deg, TAKEN)
                       for side, deg in ((d.Side.LEFT, 18.0), (d.Side.RIGHT, 30.0))],
                      visit_at=TAKEN, clinician="Ann Lee")
    return patient


def test_the_preferred_language_is_stored_audited_and_listed(db) -> None:
    patient = patient_with_readings("es")
    assert patients.open_record(patient.id or 0).patient.language == "es"
    assert [p.language for p in patients.search_patients("nunez")] == ["es"]
    edited = patients.save_patient(dataclasses.replace(
        patients.open_record(patient.id or 0).patient, language="de")).value
    assert edited.language == "de"
    last = (m.AuditEvent.select().where(m.AuditEvent.entity == "patient")
            .order_by(m.AuditEvent.id.desc()).get())
    assert json.loads(last.before)["language"] == "es"
    assert json.loads(last.after)["language"] == "de"


def test_an_unknown_language_is_refused_and_nothing_is_saved(db) -> None:
    patient = patient_with_readings()
    with pytest.raises(ValidationError, match="unknown language 'xx'") as caught:
        patients.save_patient(dataclasses.replace(patient, language="xx"))
    assert caught.value.field == "language"
    assert patients.open_record(patient.id or 0).patient.language == ""


def test_the_handout_speaks_the_patients_language_the_report_the_clinics(db) -> None:
    patient = patient_with_readings("es")
    settings.save_clinic_settings(dataclasses.replace(settings.clinic_settings(), language="de"))
    record = patients.open_record(patient.id or 0)
    clinic = settings.clinic_settings()
    assert documents.build_document("handout", record, clinic).language == "es"
    assert documents.build_document("report", record, clinic).language == "de"
    assert documents.build_document("handout", record, clinic, language="en").language == "en"
    no_preference = dataclasses.replace(record, patient=dataclasses.replace(record.patient,
                                                                            language=""))
    assert documents.build_document("handout", no_preference, clinic).language == "de"


def test_clinic_language_and_currency_are_checked_and_audited(db) -> None:
    start = settings.clinic_settings()
    assert (start.language, start.currency_code, start.currency_symbol) == ("en", "USD", "$")
    settings.save_clinic_settings(dataclasses.replace(start, language="de", currency_code="EUR",
                                                      currency_symbol="€"))
    saved = settings.clinic_settings()
    assert (saved.language, saved.currency_code, saved.currency_symbol) == ("de", "EUR", "€")
    last = (m.AuditEvent.select().where(m.AuditEvent.entity == "setting")
            .order_by(m.AuditEvent.id.desc()).get())
    assert json.loads(last.after)["value"]["currency_code"] == "EUR"
    for bad, field in ((dict(language="fr"), "language"), (dict(currency_code="euro"),
                                                           "currency_code"),
                       (dict(currency_symbol=""), "currency_symbol")):
        with pytest.raises(ValidationError) as caught:
            settings.save_clinic_settings(dataclasses.replace(saved, **bad))
        assert caught.value.field == field
    assert settings.clinic_settings() == saved
