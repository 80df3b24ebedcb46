"""Clinic server where people sign in (issue 17 item 5), against the local PostgreSQL.

Roles are cluster-wide: every run uses its own role prefix and database, and drops both. The
local server trusts 127.0.0.1, so passwords are not checked here: what is tested is what each
role may do, and whose name the audit trail carries.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ptlog.store.csv_format import READINGS_COLUMNS
from ptlog.store.migrations import SCHEMA_VERSION
from tests.conftest import PG_URL, _with_dbname

pytestmark = pytest.mark.postgres


@dataclass
class Clinic:
    admin_url: str
    prefix: str
    dbname: str
    tmp: Path

    def url(self, user: str) -> str:
        head, _, rest = self.admin_url.partition("://")
        host = rest.split("@", 1)[-1]
        return f"{head}://{self.prefix}{user}@{host}"

    def user(self, name: str) -> str:
        return f"{self.prefix}{name}"


SECRETS: dict[str, str] = {}  # PTLOG_SECRETS_DIR of the module's clinic


def ptlog(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ptlog", "--db", url, *args],
                          capture_output=True, text=True, timeout=120, check=False,
                          stdin=subprocess.DEVNULL, env={**os.environ, **SECRETS})


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    """One server set-up for the module (each person's login costs a process start)."""
    tmp_path = tmp_path_factory.mktemp("clinic")
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=3)
    except Exception as exc:  # noqa: BLE001 - no server: the postgres marker's usual skip
        from tests.conftest import pg_required

        if pg_required():
            pytest.fail(f"no PostgreSQL server at {PG_URL}: {exc}")
        pytest.skip(f"no PostgreSQL server at {PG_URL}: {exc}")
    SECRETS["PTLOG_SECRETS_DIR"] = str(tmp_path / "secrets")  # every workstation of the test
    tag = uuid.uuid4().hex[:8]
    prefix, dbname = f"t{os.getpid()}{tag}_", f"ptlog_roles_{os.getpid()}_{tag}"
    admin.execute(f'CREATE DATABASE "{dbname}"')
    clinic = Clinic(_with_dbname(PG_URL, dbname), prefix, dbname, tmp_path)
    try:
        done = ptlog(clinic.admin_url, "server", "init", "--role-prefix", prefix,
                     "--secret-file", str(tmp_path / "secret.key"))
        assert done.returncode == 0, done.stderr
        for name, role in (("ann", "clinician"), ("bob", "clinician"), ("rita", "readonly"),
                           ("adam", "admin")):
            done = ptlog(clinic.admin_url, "server", "add-user", clinic.user(name), "--role",
                         role, "--no-password")
            assert done.returncode == 0, done.stderr
        yield clinic
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        names = [r[0] for r in admin.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (prefix.replace("_", r"\_")
                                                                   + "%",))]
        groups = {prefix + g for g in ("owner", "clinician", "admin", "readonly")}
        for name in [*(n for n in names if n not in groups), *(n for n in names if n in groups)]:
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')  # the people, then their groups
        admin.close()


def csv_file(folder: Path, chart: str) -> Path:
    path = folder / f"{chart}.csv"
    path.write_text(",".join(READINGS_COLUMNS) + "\n" + f"{chart},Quist,Ada,1970-03-04,F,"
                    "2026-01-05,,hip,internal_rotation,L,active,seated,28,,\n", encoding="utf-8")
    return path


def rows(url: str, sql: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        return list(conn.execute(sql).fetchall())


def test_each_persons_events_carry_their_own_name(clinic: Clinic) -> None:
    ann, bob = clinic.url("ann"), clinic.url("bob")
    done = ptlog(ann, "--clinician", "Somebody Else", "import", str(csv_file(clinic.tmp, "A1")))
    assert done.returncode == 0, done.stderr
    assert ptlog(bob, "import", str(csv_file(clinic.tmp, "B2"))).returncode == 0
    names = {r[0] for r in rows(clinic.admin_url,
                                "SELECT clinician FROM audit_event WHERE action = 'import'")}
    assert {clinic.user("ann"), clinic.user("bob")} <= names
    assert "Somebody Else" not in names
    assert ptlog(ann, "check").returncode == 0


def test_a_clinician_may_not_delete_readings_or_write_as_someone_else(clinic: Clinic) -> None:
    import psycopg

    ann = clinic.url("ann")
    assert ptlog(ann, "import", str(csv_file(clinic.tmp, "A2"))).returncode == 0
    before = rows(clinic.admin_url, "SELECT COUNT(*) FROM reading")
    with psycopg.connect(ann, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("DELETE FROM reading")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("UPDATE audit_event SET clinician = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner"):
            conn.execute("DROP TRIGGER reading_append_only_delete ON reading")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="signed-in user"):
            conn.execute("INSERT INTO audit_event (at, os_user, clinician, action, entity, "
                         "entity_uuid, patient_uuid, prev_hash, hash) VALUES (now(), 'x', "
                         "'someone else', 'note', 'x', '', '', 'x', 'y')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute("INSERT INTO setting (key, value) VALUES ('clinic', '{}')")
        # events waiting to be chained (group sealing): only the sealing function removes them
        # and writes them into the chain in their author's name
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="signed-in user"):
            conn.execute("INSERT INTO audit_pending (at, os_user, clinician, action, entity, "
                         "entity_uuid, patient_uuid, mac) VALUES (now(), 'x', 'someone else', "
                         "'note', 'x', '', '', 'y')")
        for sql in ("DELETE FROM audit_pending", "UPDATE audit_pending SET mac = 'x'",
                    "TRUNCATE audit_pending"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(sql)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="must be owner"):
            conn.execute("ALTER FUNCTION ptlog_seal_events(integer[], text[], text[]) "
                         "SECURITY INVOKER")
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM reading") == before
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM audit_pending") == [(0,)]


def test_a_readonly_user_reads_and_exports_but_cannot_save(clinic: Clinic) -> None:
    rita = clinic.url("rita")
    assert ptlog(clinic.url("ann"), "import", str(csv_file(clinic.tmp, "A3"))).returncode == 0
    before = rows(clinic.admin_url, "SELECT COUNT(*) FROM reading")
    done = ptlog(rita, "import", str(csv_file(clinic.tmp, "R9")))
    assert done.returncode == 3
    assert "permission denied" in done.stderr
    assert done.stderr.count("\n") == 1
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM reading") == before
    assert ptlog(rita, "patients").returncode == 0
    out = clinic.tmp / "export.csv"
    done = ptlog(rita, "export", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert rows(clinic.admin_url, "SELECT clinician FROM audit_event WHERE action = 'export'"
                ) == [(clinic.user("rita"),)]


def test_only_an_administrator_changes_settings(clinic: Clinic) -> None:
    code = ("import dataclasses\nfrom ptlog.store.database import open_database\n"
            "from ptlog.store import clinic\nimport sys\nopen_database(sys.argv[1])\n"
            "s = clinic.clinic_settings()\n"
            "clinic.save_clinic_settings(dataclasses.replace(s, clinic_name='Renamed'))\n")
    env = {**os.environ, **SECRETS}
    refused = subprocess.run([sys.executable, "-c", code, clinic.url("ann")], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
    assert refused.returncode != 0
    assert "permission denied" in refused.stderr
    done = subprocess.run([sys.executable, "-c", code, clinic.url("adam")], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert ptlog(clinic.url("ann"), "check").returncode == 0


def test_add_user_refuses_bad_names_and_unknown_databases(clinic: Clinic) -> None:
    done = ptlog(clinic.admin_url, "server", "add-user", "Robert'); DROP", "--role",
                 "clinician", "--no-password")
    assert done.returncode == 2
    assert "user name" in done.stderr
    done = ptlog(clinic.admin_url, "server", "add-user", clinic.user("ann"), "--role",
                 "clinician", "--no-password")
    assert done.returncode == 2
    assert "exists already" in done.stderr


_CHANGE_THROUGH_PTLOG = (
    "import dataclasses, sys, datetime as dt\n"
    "from ptlog.store.database import open_database\n"
    "from ptlog.domain import records as d\n"
    "from ptlog.store import patients, treatments\n"
    "open_database(sys.argv[1])\n"
    "p = patients.get_by_chart(sys.argv[2])\n"
    "patients.update_patient(dataclasses.replace(p, diagnosis='changed through ptlog'))\n"
    "t = treatments.add_treatment(d.Treatment(p.id, d.TreatmentKind.PHYSICAL_THERAPY,\n"
    "    dt.date(2026, 1, 6), dt.date(2026, 2, 6)))\n"
    "treatments.remove_treatment(t)\n"
    "from ptlog.store import readings\n"
    "v = readings.visits_for_patient(p.id)[0]\n"
    "readings.set_visit_notes(v.id, 'note through ptlog', expected_version=v.version)\n"
)


def test_a_clinician_changes_records_only_through_ptlog(clinic: Clinic) -> None:
    """Identity columns never change; editable ones only with their audit event (issue 17)."""
    import psycopg

    ann = clinic.url("ann")
    assert ptlog(ann, "import", str(csv_file(clinic.tmp, "A5"))).returncode == 0
    before = rows(clinic.admin_url, "SELECT * FROM patient ORDER BY id")
    with psycopg.connect(ann, autocommit=True) as conn:
        for sql in ("UPDATE patient SET uuid = uuid WHERE chart = 'A5'",
                    "UPDATE visit SET created_by = 'someone'",
                    "UPDATE visit SET patient_id = patient_id",
                    "DELETE FROM patient WHERE chart = 'A5'",
                    "DELETE FROM visit",
                    "TRUNCATE reading",
                    "UPDATE reading SET degrees = 90"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
                conn.execute(sql)
        # a field the window may change, changed behind ptlog's back: refused at the commit
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="without its audit event"):
            conn.execute("UPDATE patient SET diagnosis = 'edited in psql' WHERE chart = 'A5'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="without its audit event"):
            conn.execute("UPDATE patient SET version = version + 1")
    assert rows(clinic.admin_url, "SELECT * FROM patient ORDER BY id") == before
    # the same change through ptlog (its audit event in the same transaction) is fine
    done = subprocess.run([sys.executable, "-c", _CHANGE_THROUGH_PTLOG, ann, "A5"],
                          env={**os.environ, **SECRETS}, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert rows(clinic.admin_url, "SELECT diagnosis FROM patient WHERE chart = 'A5'") == [
        ("changed through ptlog",)]
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM treatment") == [(0,)]
    assert rows(clinic.admin_url, "SELECT v.notes FROM visit v JOIN patient p ON p.id = "
                "v.patient_id WHERE p.chart = 'A5'") == [("note through ptlog",)]
    checked = ptlog(ann, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _clinic_comparison(url: str) -> subprocess.CompletedProcess[str]:
    """The panel's clinic comparison as that person's workstation runs it."""
    code = ("import sys; from ptlog.store.database import open_database; "
            "from ptlog.services.comparison import clinic_cohort; open_database(sys.argv[1]); "
            "print(sum(row.patients for row in clinic_cohort()))")
    return subprocess.run([sys.executable, "-c", code, url], capture_output=True, text=True,
                          timeout=120, check=False, env={**os.environ, **SECRETS})


def test_every_role_keeps_the_clinic_comparisons_series(clinic: Clinic) -> None:
    """The kept series (migration 11) are built by a read-only user's first comparison,
    refreshed by a clinician's after new readings, rebuilt by ``compare --rebuild``, and sound
    for ``check``."""
    rita, ann = clinic.url("rita"), clinic.url("ann")
    done = _clinic_comparison(rita)
    assert done.returncode == 0, done.stderr
    assert ptlog(ann, "import", str(csv_file(clinic.tmp, "K7"))).returncode == 0
    for url in (ann, rita):
        done = _clinic_comparison(url)
        assert done.returncode == 0, done.stderr
    done = ptlog(rita, "compare", "--rebuild", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM cohort_series_state") == [(1,)]
    done = ptlog(ann, "check")
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_clinicians_changes_wait_for_a_busy_chain_in_their_own_name(clinic: Clinic) -> None:
    """Group sealing on a server with roles: while another workstation holds the audit chain,
    a clinician's changes commit with their events waiting (the deferred rule finds them
    there, the sign-in rule stamps her name), then ``ptlog_seal_events``, run as the owner,
    chains them in her name; nothing is left waiting and ``check`` is sound."""
    import time

    import psycopg

    from ptlog.store.audit_seal import CHAIN_LOCK

    ann = clinic.url("ann")
    assert ptlog(ann, "import", str(csv_file(clinic.tmp, "A6"))).returncode == 0
    with psycopg.connect(clinic.admin_url) as holder:
        holder.execute("SELECT pg_advisory_xact_lock(%s)", (CHAIN_LOCK,))
        change = subprocess.Popen([sys.executable, "-c", _CHANGE_THROUGH_PTLOG, ann, "A6"],
                                  env={**os.environ, **SECRETS}, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        waited = []
        for _ in range(300):
            waited = rows(clinic.admin_url, "SELECT clinician, entity FROM audit_pending")
            if waited:
                break
            time.sleep(0.05)
        assert (clinic.user("ann"), "patient") in waited  # committed, waiting for the chain
        assert change.poll() is None  # and the change is not reported done yet
        holder.rollback()
    _out, err = change.communicate(timeout=60)
    assert change.returncode == 0, err
    assert rows(clinic.admin_url, "SELECT COUNT(*) FROM audit_pending") == [(0,)]
    names = {r[0] for r in rows(clinic.admin_url, "SELECT clinician FROM audit_event WHERE "
                                "entity IN ('patient', 'treatment', 'visit') AND action <> "
                                "'create'")}
    assert names == {clinic.user("ann")}
    checked = ptlog(ann, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_an_upgrade_a_clinician_may_not_make_is_named_and_left_to_the_administrator(
        clinic: Clinic) -> None:
    """A server set up by the release before migration 13 (its function and its record taken
    back here): a clinician whose ptlog is newer is told the administrator must open the
    database once, and nothing changes; the administrator's open makes the function, owned
    by the schema's owner and executable by the groups alone; then the clinician saves."""
    wait = "ptlog_wait_for_own(integer, integer, integer[])"
    import psycopg

    with psycopg.connect(clinic.admin_url, autocommit=True) as admin:
        admin.execute(f"DROP FUNCTION {wait}")
        admin.execute('DELETE FROM "ptlog_schema" WHERE "version" = 13')
    before = rows(clinic.admin_url, 'SELECT COUNT(*), MAX("version") FROM "ptlog_schema"')
    ann = clinic.url("ann")
    refused = ptlog(ann, "check")
    assert refused.returncode != 0
    assert f"needs an upgrade to schema {SCHEMA_VERSION}" in refused.stderr
    assert "administrator" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert rows(clinic.admin_url, 'SELECT COUNT(*), MAX("version") FROM "ptlog_schema"') == before
    assert rows(clinic.admin_url, f"SELECT to_regprocedure('{wait}') IS NULL") == [(True,)]
    upgraded = ptlog(clinic.admin_url, "check")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    (owner, acl), = rows(clinic.admin_url, "SELECT pg_get_userbyid(proowner), proacl::text "
                         "FROM pg_proc WHERE proname = 'ptlog_wait_for_own'")
    assert owner == f"{clinic.prefix}owner"
    grantees = {entry.split("=", 1)[0] for entry in str(acl).strip("{}").split(",")}
    assert "" not in grantees  # not PUBLIC's
    assert {f"{clinic.prefix}clinician", f"{clinic.prefix}readonly"} <= grantees
    assert ptlog(ann, "import", str(csv_file(clinic.tmp, "A9"))).returncode == 0
    assert ptlog(ann, "check").returncode == 0



def test_the_one_statement_seal_reaches_a_server_and_still_runs_as_its_owner(
        clinic: Clinic) -> None:
    """A server set up before migration 14 (its record taken back, the function made as
    migration 12 made it, run as its invoker): a clinician's newer ptlog leaves the upgrade to
    the administrator; the administrator's open replaces the function, which runs as the
    schema's owner for the groups alone again; then a clinician's change made while the chain
    is busy is chained by it in her name."""
    import psycopg

    seal = "ptlog_seal_events(integer[], text[], text[])"
    with psycopg.connect(clinic.admin_url, autocommit=True) as admin:
        admin.execute(f"ALTER FUNCTION {seal} SECURITY INVOKER")
        admin.execute('DELETE FROM "ptlog_schema" WHERE "version" = 14')
    refused = ptlog(clinic.url("ann"), "check")
    assert refused.returncode != 0
    assert "administrator" in refused.stderr
    assert rows(clinic.admin_url, 'SELECT COUNT(*) FROM "ptlog_schema" WHERE "version" = 14') \
        == [(0,)]
    upgraded = ptlog(clinic.admin_url, "check")
    assert upgraded.returncode == 0, upgraded.stdout + upgraded.stderr
    (definer, owner, body, acl), = rows(
        clinic.admin_url, "SELECT prosecdef, pg_get_userbyid(proowner), prosrc, proacl::text "
        "FROM pg_proc WHERE proname = 'ptlog_seal_events'")
    assert (definer, owner) == (True, f"{clinic.prefix}owner")
    assert "WITH ORDINALITY" in body
    grantees = {entry.split("=", 1)[0] for entry in str(acl).strip("{}").split(",")}
    assert "" not in grantees  # not PUBLIC's
    assert {f"{clinic.prefix}clinician", f"{clinic.prefix}readonly"} <= grantees
    test_a_clinicians_changes_wait_for_a_busy_chain_in_their_own_name(clinic)
