"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, Qt offscreen by default."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

# Qt: offscreen unless a test starts its own X server (marker ``xvfb``)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("PTLOG_DB", None)  # never touch a developer's real database

PG_URL = os.environ.get("PTLOG_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def pg_required() -> bool:
    """In CI a PostgreSQL test may not skip: a missing server is a failure."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("PTLOG_REQUIRE_PG") == "1"


def _with_dbname(url: str, dbname: str) -> str:
    head, _, tail = url.rpartition("/")
    query = ""
    if "?" in tail:
        query = "?" + tail.split("?", 1)[1]
    return f"{head}/{dbname}{query}"


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """A database of its own on the test server, dropped at the end of the session."""
    try:
        import psycopg

        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - any failure means "no server here"
        message = f"no PostgreSQL server at {PG_URL}: {exc}"
        if pg_required():
            pytest.fail(message + " (CI requires one)")
        pytest.skip(message)
    name = f"ptlog_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_dbname(PG_URL, name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def reset_pg_schema(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / 'ptlog.db'}"
    url: str = request.getfixturevalue("pg_server_url")
    reset_pg_schema(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'ptlog.db'}"


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """The database for ``db_url``, migrated and bound to the models."""
    from ptlog.store.database import open_database

    database = open_database(db_url)
    try:
        yield database
    finally:
        database.close()


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep tests away from the user's data folder and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("PTLOG_DB", raising=False)
    # no keyring daemon in tests or CI: the clinic secret goes to its file in XDG_CONFIG_HOME
    monkeypatch.setenv("PTLOG_SECRET_STORE", "file")
    monkeypatch.delenv("PTLOG_SECRETS_DIR", raising=False)
    from ptlog.store import audit

    audit.set_clinician("")
