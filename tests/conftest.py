"""Shared fixtures: a fresh database on SQLite and on PostgreSQL, Qt offscreen by default."""

from __future__ import annotations

import os
import sys
import uuid
import weakref
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


@pytest.fixture(scope="session")
def password_server() -> Iterator[object]:
    """A PostgreSQL cluster of its own that checks passwords (``tests/pg_cluster.py``): the
    shared server trusts 127.0.0.1, so sign-in and unlock need this one. Skipped with the
    reason where none can be started, a failure in CI (``PTLOG_REQUIRE_PG=1``)."""
    from tests.pg_cluster import ClusterUnavailable, password_cluster

    try:
        cluster = password_cluster()
        started = cluster.__enter__()
    except ClusterUnavailable as exc:
        message = f"no password-checking PostgreSQL cluster: {exc}"
        if pg_required():
            pytest.fail(message + " (CI requires one)")
        pytest.skip(message)
    try:
        yield started
    finally:
        cluster.__exit__(None, None, None)


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


@pytest.fixture(scope="session", autouse=True)
def _isolate_session_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep module- and session-scoped fixtures away from the user's folders too: they are set
    up before the per-test isolation below, and a witness they write would name a throwaway
    database in the real data folder."""
    home = tmp_path_factory.mktemp("session-home")
    names = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "PTLOG_SECRET_STORE")
    saved = {name: os.environ.get(name) for name in names}
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    os.environ["PTLOG_SECRET_STORE"] = "file"  # no keyring daemon in tests or CI
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep tests away from the user's data folder and settings."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.delenv("PTLOG_DB", raising=False)
    # messages and documents follow the system locale: tests read English unless they ask
    monkeypatch.setenv("LANG", "C.UTF-8")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    # no keyring daemon in tests or CI: the clinic secret goes to its file in XDG_CONFIG_HOME
    monkeypatch.setenv("PTLOG_SECRET_STORE", "file")
    monkeypatch.delenv("PTLOG_SECRETS_DIR", raising=False)
    from ptlog.store import audit

    audit.set_clinician("")


@pytest.fixture(autouse=True)
def _no_leaked_qt_objects(request: pytest.FixtureRequest,
                          monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail a test that leaves a window, a running thread or an active timer behind (napari).

    Runs after pytest-qt has closed the widgets a test registered: their deferred deletion is
    carried out, then whatever the test started and left running is named. Tests that never
    touch Qt pay nothing.
    """
    if "PySide6.QtWidgets" not in sys.modules:
        yield
        return
    import shiboken6
    from PySide6.QtCore import QCoreApplication, QEvent, QThread, QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        yield
        return
    before = {id(w) for w in QApplication.topLevelWidgets()}
    threads: list[weakref.ref[QThread]] = []
    timers: list[weakref.ref[QTimer]] = []
    thread_start, timer_start = QThread.start, QTimer.start

    def start_thread(self: QThread, *args: object) -> None:
        threads.append(weakref.ref(self))
        thread_start(self, *args)

    def start_timer(self: QTimer, *args: object) -> None:
        timers.append(weakref.ref(self))
        timer_start(self, *args)

    monkeypatch.setattr(QThread, "start", start_thread)
    monkeypatch.setattr(QTimer, "start", start_timer)
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    problems = [f"window left open: {type(w).__name__} {w.windowTitle()!r}"
                for w in QApplication.topLevelWidgets()
                if id(w) not in before and shiboken6.isValid(w) and w.isVisible()]
    if not QThreadPool.globalInstance().waitForDone(5000):
        problems.append("background work still running 5 s after the test")
    problems += [f"thread still running: {type(t).__name__}" for t in
                 (ref() for ref in threads) if t is not None and shiboken6.isValid(t)
                 and t.isRunning()]
    problems += [f"timer still active: {t.objectName() or t.interval()} ms" for t in
                 (ref() for ref in timers) if t is not None and shiboken6.isValid(t)
                 and t.isActive()]
    if problems:
        pytest.fail("leaked Qt objects:\n" + "\n".join(problems), pytrace=False)


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile ptlog to bytecode once, as installing it does: the CLI tests start
    ``python -m ptlog`` hundreds of times, and where ``PYTHONDONTWRITEBYTECODE`` is set (CI's
    machines set it) each start compiled the ~60 modules it imports again (~13 % of the CLI
    tests' CPU time). A read-only checkout just stays uncompiled."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("ptlog")
    if spec is not None and spec.origin is not None:
        compileall.compile_dir(os.path.dirname(spec.origin), quiet=2)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every PostgreSQL test is also ``slow``: each resets a schema on a real server, and the
    fast loop (``-m "not slow"``) runs the same tests on SQLite."""
    for item in items:
        if item.get_closest_marker("postgres") is not None:
            item.add_marker(pytest.mark.slow)
