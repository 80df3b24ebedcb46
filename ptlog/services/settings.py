"""The clinic's settings and clinicians (shared by every workstation) and the server setup."""

from __future__ import annotations

from ptlog.domain.records import Clinician, ClinicSettings
from ptlog.domain.screen_lock import ScreenLockSettings
from ptlog.services.changes import Changes, Done
from ptlog.store import clinic as _clinic
from ptlog.store import server as _server

clinic_settings = _clinic.clinic_settings
check_clinic_settings = _clinic.check_clinic_settings  # the window checks before it saves
list_clinicians = _clinic.list_clinicians
ConnectionReport = _server.ConnectionReport
build_server_url = _server.build_url
test_server_connection = _server.test_connection

SETTINGS_CHANGED = Changes(settings=True)
screen_lock_settings = _clinic.screen_lock_settings


def save_screen_lock(settings: ScreenLockSettings) -> Done[ScreenLockSettings]:
    """Idle minutes before the window locks, and the clinic PIN's hash (audited)."""
    _clinic.save_screen_lock(settings)
    return Done(settings, SETTINGS_CHANGED)


def unlock_with(secret_text: str) -> bool:
    """Does ``secret_text`` unlock the window? On a clinic server where people sign in: the
    signed-in role's password (the server checks it); elsewhere: the clinic PIN, if one is
    set (without one any answer unlocks: the lock only hides the screen)."""
    from ptlog.domain.screen_lock import pin_matches
    from ptlog.store.audit import signed_in

    if signed_in() is not None:
        return _server.password_accepted(secret_text)
    pin = screen_lock_settings().pin
    return pin is None or pin_matches(secret_text, pin)


def signed_in_clinician() -> str | None:
    """On a clinic server where people sign in: who did (the only name the trail may carry)."""
    from ptlog.store.audit import signed_in

    return signed_in()


def signing_clinicians() -> tuple[list[str], str]:
    """The active clinicians a visit may be signed by, and the one the form starts with.

    In a database with real data the demo's clinicians come last and are never the default
    (an empty clinician, rather than "Ann Lee" signing real visits); in the demo database
    they are the clinic."""
    from ptlog.store.demo_marks import demo_clinicians, is_demo_database

    names = [c.name for c in _clinic.list_clinicians(active_only=True)]
    if is_demo_database():
        return names, names[0] if names else ""
    demo = demo_clinicians()
    real = [n for n in names if n not in demo]
    return real + [n for n in names if n in demo], real[0] if real else ""


def save_clinic_settings(settings: ClinicSettings) -> Done[ClinicSettings]:
    """Store the clinic's settings (name, logo, paper, MDC overrides…) for every workstation."""
    _clinic.save_clinic_settings(settings)
    return Done(settings, SETTINGS_CHANGED)


def save_clinician(clinician: Clinician) -> Done[Clinician]:
    """Add a clinician or change their credentials or active flag."""
    return Done(_clinic.save_clinician(clinician), SETTINGS_CHANGED)
