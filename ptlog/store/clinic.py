"""Clinic-wide data: clinicians and settings shared by every workstation."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

from ptlog.domain import records as d
from ptlog.domain.i18n import UnknownLanguageError, language_code
from ptlog.domain.screen_lock import ScreenLockSettings
from ptlog.domain.text import composed
from ptlog.store import audit, convert
from ptlog.store import models as m
from ptlog.store.errors import ValidationError, check_texts
from ptlog.store.transactions import in_transaction


def list_clinicians(*, active_only: bool = False) -> list[d.Clinician]:
    query = m.Clinician.select().order_by(m.Clinician.name)
    if active_only:
        query = query.where(m.Clinician.active == True)  # noqa: E712
    return [convert.clinician(row) for row in query]


def save_clinician(clinician: d.Clinician) -> d.Clinician:
    name, credentials = composed(clinician.name.strip()), composed(clinician.credentials)
    check_texts(clinician=name, credentials=credentials)

    def work() -> d.Clinician:
        row = m.Clinician.get_or_none(m.Clinician.name == name)
        before = audit.snapshot(row) if row else None
        if row is None:
            row = m.Clinician(name=name)
        row.credentials = credentials
        row.active = clinician.active
        if before is None:
            row.save()
        else:  # on a clinic server no role may rewrite a clinician's name or uuid
            row.save(only=[m.Clinician.credentials, m.Clinician.active])
        audit.record("update" if before else "create", "clinician", row.uuid, before=before,
                     after=audit.snapshot(row))
        return convert.clinician(row)

    return in_transaction(work, where="the clinician list")


def get_setting(key: str, default: Any = None) -> Any:
    row = m.Setting.get_or_none(m.Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_setting(key: str, value: Any) -> None:
    def work() -> None:
        row = m.Setting.get_or_none(m.Setting.key == key)
        before = {"key": key, "value": json.loads(row.value)} if row else None
        encoded = json.dumps(value, sort_keys=True, allow_nan=False)
        if row is None:
            m.Setting.create(key=key, value=encoded)
        else:
            m.Setting.update(value=encoded).where(m.Setting.key == key).execute()
        audit.record("update" if before else "create", "setting", key, before=before,
                     after={"key": key, "value": value})

    in_transaction(work, where="the settings")


def clinic_settings() -> d.ClinicSettings:
    stored = get_setting("clinic", {}) or {}
    defaults = d.ClinicSettings()
    return d.ClinicSettings(
        clinic_name=stored.get("clinic_name", defaults.clinic_name),
        clinic_address=stored.get("clinic_address", defaults.clinic_address),
        clinic_logo=stored.get("clinic_logo", defaults.clinic_logo),
        paper_size=stored.get("paper_size", defaults.paper_size),
        default_position=d.Position(stored.get("default_position", defaults.default_position)),
        default_mode=d.Mode(stored.get("default_mode", defaults.default_mode)),
        default_instrument=d.Instrument(
            stored.get("default_instrument", defaults.default_instrument)
        ),
        mdc_overrides={k: float(v) for k, v in (stored.get("mdc_overrides") or {}).items()},
        language=stored.get("language", defaults.language),
        currency_code=stored.get("currency_code", defaults.currency_code),
        currency_symbol=stored.get("currency_symbol", defaults.currency_symbol),
    )


def check_clinic_settings(settings: d.ClinicSettings) -> None:
    """The clinic's language is one ptlog speaks; the currency a three-letter ISO 4217 code
    with a short symbol (what reports print beside every cost)."""
    try:
        language_code(settings.language)
    except UnknownLanguageError as exc:
        raise ValidationError(str(exc), field="language") from None
    if not re.fullmatch(r"[A-Z]{3}", settings.currency_code):
        raise ValidationError(f"currency code {settings.currency_code!r} is not three capital "
                              "letters (ISO 4217: USD, EUR, GBP…)", field="currency_code")
    symbol = settings.currency_symbol
    if not symbol.strip() or len(symbol) > 5 or not symbol.isprintable():
        raise ValidationError(f"currency symbol {symbol!r} must be 1 to 5 printable characters "
                              "($, €, CHF…)", field="currency_symbol")


def save_clinic_settings(settings: d.ClinicSettings) -> None:
    check_clinic_settings(settings)
    values = dataclasses.asdict(settings)
    values["language"] = language_code(settings.language)
    for key in ("default_position", "default_mode", "default_instrument"):
        values[key] = str(values[key].value if hasattr(values[key], "value") else values[key])
    set_setting("clinic", values)


def screen_lock_settings() -> ScreenLockSettings:
    """When the window locks itself and the clinic PIN's hash (a clinic-wide, audited setting)."""
    return ScreenLockSettings.from_stored(get_setting("screen_lock"))


def save_screen_lock(settings: ScreenLockSettings) -> None:
    set_setting("screen_lock", settings.stored())
