"""A wrong clinic-server URL is one readable line, never a traceback."""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

import pytest

from ptlog.cli import main


@pytest.mark.postgres
def test_missing_database_is_explained(pg_server_url: str, capsys) -> None:
    parts = urlsplit(pg_server_url)
    url = urlunsplit(parts._replace(path="/ptlog_no_such_database_here"))
    assert main(["--db", url, "patients"]) == 2  # a wrong name in the URL: bad input
    err = capsys.readouterr().err
    assert "no such database" in err
    assert "createdb" in err
    assert "Traceback" not in err


def test_unreachable_server_is_explained(capsys) -> None:
    # the environment (exit 3), not a bug (1) nor the user's input (2)
    assert main(["--db", "postgresql://nobody@127.0.0.1:1/ptlog", "patients"]) == 3
    err = capsys.readouterr().err
    assert "Cannot reach the clinic server" in err
    assert "Traceback" not in err
    assert "bug" not in err


@pytest.mark.slow
@pytest.mark.postgres
def test_fresh_process_loads_the_driver_on_first_connection(pg_server_url: str) -> None:
    """ptlog imports peewee without psycopg (start-up); the first server connection adds it."""
    import subprocess
    import sys

    from tests.conftest import reset_pg_schema

    reset_pg_schema(pg_server_url)  # an empty server database, whatever ran before
    code = ("import sys; from ptlog.cli import main; import ptlog.store.database; "
            "assert 'psycopg' not in sys.modules; "
            f"raise SystemExit(main(['--db', {pg_server_url!r}, 'demo', '--patients', '2']))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "2 patient(s) created" in done.stdout
