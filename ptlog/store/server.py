"""Clinic server mode: build a server URL and test a PostgreSQL connection before using it.

How workstations learn of each other's saves lives in ``change_notifications``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from peewee import PostgresqlDatabase

from ptlog.domain.i18n import N_
from ptlog.store import errors
from ptlog.store.database import describe, parse_url
from ptlog.store.models import database_proxy


@dataclass(frozen=True, slots=True)
class ConnectionReport:
    """What a connection test found; ``message_id`` and ``values`` are its catalog message, so
    Settings says it in the window's language (``Translator.error_text``); a driver's own
    error has none and stays as the driver wrote it."""

    ok: bool
    message: str
    message_id: str = ""
    values: Mapping[str, object] = field(default_factory=dict)

    @classmethod
    def said(cls, ok: bool, message_id: str, **values: object) -> ConnectionReport:
        return cls(ok, message_id.format(**values), message_id, values)

    def __str__(self) -> str:
        return self.message


def build_url(host: str, port: int, dbname: str, user: str, sslmode: str = "prefer") -> str:
    """A postgresql:// URL without a password (libpq finds it in ~/.pgpass or PGPASSWORD)."""
    host = host.strip() or "localhost"
    user_part = f"{user.strip()}@" if user.strip() else ""
    query = f"?sslmode={sslmode}" if sslmode and sslmode != "prefer" else ""
    return f"postgresql://{user_part}{host}:{int(port)}/{dbname.strip()}{query}"


# PT028 mistakes this for a pytest test by its name; "test connection" is the dialog's button
def test_connection(url: str, timeout_s: int = 5) -> ConnectionReport:  # noqa: PT028
    """Try to log in and read the server version; never raises."""
    try:
        parsed = parse_url(url)
    except errors.StoreError as exc:
        return ConnectionReport(False, str(exc))
    if parsed.is_sqlite:
        return ConnectionReport.said(False, N_("that is a SQLite URL, not a clinic server"))
    import psycopg

    params: dict[str, Any] = dict(parsed.pg_params)  # libpq keywords, passed through
    params["connect_timeout"] = str(timeout_s)
    try:
        with psycopg.connect(**params) as conn:
            version = conn.execute("SHOW server_version").fetchone()
            tables = conn.execute(
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = 'ptlog_schema'"
            ).fetchone()
    except Exception as exc:  # noqa: BLE001 - every failure becomes a readable report
        translated = errors.translate(exc, describe(url))
        return ConnectionReport(False, str(translated or exc).strip())
    connected = (N_("Connected to PostgreSQL {version} at {server}: a ptlog database")
                 if tables and tables[0] else
                 N_("Connected to PostgreSQL {version} at {server}: empty (ptlog will create "
                    "the tables)"))
    return ConnectionReport.said(True, connected, version=version[0] if version else "?",
                                 server=parsed.display)


def password_accepted(password: str, timeout_s: int = 5) -> bool:
    """Does the clinic server accept ``password`` for the signed-in role (a fresh login)?"""
    db = database_proxy.obj
    if not isinstance(db, PostgresqlDatabase) or not password:
        return False
    import psycopg

    params: dict[str, Any] = {k: v for k, v in db.connect_params.items() if k != "password"}
    params.update(dbname=db.database, password=password, connect_timeout=str(timeout_s))
    try:
        with psycopg.connect(**params):
            return True
    except Exception:  # noqa: BLE001 - a refused or failed login does not unlock
        return False


def login_user(url: str) -> str:
    """The user name ``url`` signs in as ('' when it names none: libpq takes the OS user)."""
    return parse_url(url).pg_params.get("user", "")


def with_login(url: str, user: str, password: str) -> str:
    """``url`` signing in as ``user`` with ``password``: kept in this process's memory only,
    never written to a file, a setting or a log (``describe`` shows it without the password)."""
    parsed = urlsplit(url.strip())
    host = parsed.hostname or ""
    if ":" in host:  # an IPv6 address goes back between brackets
        host = f"[{host}]"
    port = f":{parsed.port}" if parsed.port else ""
    login = f"{quote(user.strip(), safe='')}:{quote(password, safe='')}@" if user.strip() \
        else f":{quote(password, safe='')}@"
    return urlunsplit((parsed.scheme, f"{login}{host}{port}", parsed.path, parsed.query,
                       parsed.fragment))


def try_login(url: str, timeout_s: int = 10) -> None:
    """Log in once and leave: raises the translated error (``SignInRefusedError`` for a
    missing or wrong password, ``DatabaseUnavailableError`` for an unreachable server)."""
    parsed = parse_url(url)
    if parsed.is_sqlite:
        return
    import psycopg

    params: dict[str, Any] = dict(parsed.pg_params)
    params["connect_timeout"] = str(timeout_s)
    try:
        with psycopg.connect(**params):
            return
    except Exception as exc:
        translated = errors.translate(exc, describe(url))
        if translated is None:
            raise
        raise translated from None
