"""Clinic server roles: people sign in as themselves, and PostgreSQL enforces who may do what.

``init_server`` (run once by the database administrator) gives the schema to an owner role and
creates three group roles: clinicians read, add and amend (never UPDATE or DELETE a reading or
an audit event), administrators also change settings and clinicians, read-only users read and
export. ``add_user`` creates a login role in one of them. ptlog never stores a password: the
administrator types it (sent to the server as a SCRAM verifier, as psql's ``\\password`` does)
or the person sets it later; workstations find it in libpq's pgpass or are asked for it.

Once initialised, the server refuses an audit event whose clinician is not the database's
``session_user``: the name on every event is the signed-in person's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import Database, PostgresqlDatabase

from ptlog.store import errors
from ptlog.store import models as m

ROLES = ("clinician", "admin", "readonly")
DEFAULT_PREFIX = "ptlog_"
SETTING = "server_roles"  # the clinic setting that names the roles' prefix
_NAME = re.compile(r"^[a-z_][a-z0-9_.@-]{0,62}$")

# what each group may do on each table (beyond SELECT, which all have)
_TABLES = ("patient", "patient_word", "clinician", "visit", "reading", "treatment", "goal",
           "audit_event", "audit_pending", "setting", "ptlog_schema", "cohort_series",
           "cohort_series_state")
_CLINICIAN = {
    # patient_word: where a search may match inside names, rewritten with each patient edit
    "patient": "INSERT, UPDATE", "patient_word": "INSERT, DELETE",
    "visit": "INSERT, UPDATE", "reading": "INSERT",
    "treatment": "INSERT, UPDATE, DELETE", "goal": "INSERT, UPDATE, DELETE",
    "audit_event": "INSERT", "audit_pending": "INSERT", "clinician": "INSERT",
}
_ADMIN = {**_CLINICIAN, "clinician": "INSERT, UPDATE", "setting": "INSERT, UPDATE"}
# columns nobody changes after a row is made: its identity, who made it, where it came from
_FIXED_COLUMNS = frozenset({"id", "uuid", "created_at", "created_by", "import_batch",
                            "patient_id"})
# rows changed through ptlog's functions only: every UPDATE or DELETE must come with the audit
# event of the signed-in person naming the row, in the same transaction (table, its key column)
_AUDITED_CHANGES = (("patient", "uuid"), ("visit", "uuid"), ("treatment", "uuid"),
                    ("goal", "uuid"), ("clinician", "uuid"), ("setting", "key"))
# the clinic comparison's kept series (derived rows): every comparison brings them up to date
_DERIVED = {"cohort_series": "INSERT, DELETE, TRUNCATE",
            "cohort_series_state": "INSERT, DELETE"}
_READONLY = {"audit_event": "INSERT", "audit_pending": "INSERT"}  # exports are audited too
GRANTS = {"clinician": {**_CLINICIAN, **_DERIVED}, "admin": {**_ADMIN, **_DERIVED},
          "readonly": {**_READONLY, **_DERIVED}}

# Was row version ``x`` (a row's xmin) written by this very transaction, savepoints included?
# A visible row whose transaction is still in progress can only be this one's. xmin has 32
# bits: this transaction's ids (its own, then its savepoints') are at or after its first one,
# so an id behind it is not ours, and one ahead is placed in the right epoch from there.
_WRITTEN_HERE = (
    "CREATE OR REPLACE FUNCTION ptlog_written_here(x xid) RETURNS boolean LANGUAGE plpgsql "
    "VOLATILE AS $$ DECLARE top bigint := pg_current_xact_id()::text::bigint; ahead bigint; "
    "BEGIN ahead := (x::text::bigint - (top & 4294967295) + 4294967296) %% 4294967296; "
    "IF ahead >= 2147483648 THEN RETURN false; END IF; "
    "RETURN pg_xact_status((top + ahead)::text::xid8) = 'in progress'; "
    "EXCEPTION WHEN others THEN RETURN false; END $$"
)
# At commit: each changed or removed row has its audit event by the signed-in person (the
# schema's owner and superusers, who run init, restore and upgrades, are not held to it)
_AUDITED_CHANGE = (
    "CREATE OR REPLACE FUNCTION ptlog_audited_change() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "DECLARE key text := to_jsonb(OLD) ->> TG_ARGV[0]; "
    "BEGIN IF pg_has_role(session_user, TG_ARGV[1], 'MEMBER') THEN RETURN NULL; END IF; "
    "IF NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.entity = TG_TABLE_NAME "
    "AND a.entity_uuid = key AND a.clinician = session_user::text "
    "AND ptlog_written_here(a.xmin)) "
    # the event may wait in audit_pending: chained after this commit (``audit_seal``)
    "AND NOT EXISTS (SELECT 1 FROM audit_pending a WHERE a.entity = TG_TABLE_NAME "
    "AND a.entity_uuid = key AND a.clinician = session_user::text "
    "AND ptlog_written_here(a.xmin)) THEN "
    "RAISE EXCEPTION USING MESSAGE = 'ptlog: ' || TG_OP || ' of ' || TG_TABLE_NAME || ' ' || "
    "coalesce(key, '?') || ' without its audit event: change records through ptlog', "
    "ERRCODE = 'insufficient_privilege'; END IF; RETURN NULL; END $$"
)

def _signed_in_trigger(owner: str) -> tuple[str, ...]:
    """Every audit event, waiting or chained, carries the signed-in person's name. Only
    ``ptlog_seal_events``, which runs as the schema's ``owner`` and copies waiting events
    verbatim into the chain, writes one in another person's name."""
    quoted = owner.replace("'", "''")
    return (
        "CREATE OR REPLACE FUNCTION ptlog_signed_in() RETURNS trigger LANGUAGE plpgsql AS $$ "
        "BEGIN IF NEW.clinician IS DISTINCT FROM session_user::text "
        f"AND current_user::text <> '{quoted}' THEN "
        "RAISE EXCEPTION USING MESSAGE = 'ptlog: an audit event must carry the signed-in user ' "
        "|| session_user || ', not ' || coalesce(NEW.clinician, '(none)'), "
        "ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$",
        *(sql for table in ("audit_event", "audit_pending") for sql in (
            f'DROP TRIGGER IF EXISTS "{table}_signed_in" ON "{table}"',
            f'CREATE TRIGGER "{table}_signed_in" BEFORE INSERT ON "{table}" FOR EACH ROW '
            "EXECUTE FUNCTION ptlog_signed_in()")),
    )


_SEAL_FUNCTION = "ptlog_seal_events(integer[], text[], text[])"
_WAIT_FUNCTION = "ptlog_wait_for_own(integer, integer, integer[])"  # migration 13


@dataclass(frozen=True, slots=True)
class ServerRoles:
    prefix: str

    def group(self, role: str) -> str:
        return f"{self.prefix}{role}"

    @property
    def owner(self) -> str:
        return f"{self.prefix}owner"


def _q(name: str) -> str:
    """A role or table name quoted for SQL (names are checked before they get here)."""
    return '"' + name.replace('"', '""') + '"'


def check_name(name: str, what: str = "user name") -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise errors.ValidationError(
            f"{what} {name!r}: use 1-63 lower-case letters, digits, '_', '.', '@' or '-', "
            "starting with a letter or '_'", field="name")
    return name


def _db() -> PostgresqlDatabase:
    db = m.database_proxy.obj
    if not isinstance(db, PostgresqlDatabase):
        raise errors.ValidationError("clinic server roles need a PostgreSQL database "
                                     "(--db postgresql://…)", field="db")
    return db


def _role_exists(db: PostgresqlDatabase, name: str) -> bool:
    return bool(db.execute_sql("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone())


def init_server(prefix: str = DEFAULT_PREFIX) -> ServerRoles:
    """Owner and group roles, privileges, and the signed-in rule on the open (migrated) database.

    Run as the administrator who may create roles; running it again repairs the grants."""
    db = _db()
    roles = ServerRoles(check_name(prefix, "role prefix"))
    try:
        with db.atomic():
            for name in (roles.owner, *(roles.group(r) for r in ROLES)):
                if not _role_exists(db, name):
                    db.execute_sql(f"CREATE ROLE {_q(name)} NOLOGIN")
            _grant(db, roles)
            from ptlog.store import audit, clinic

            admin = current_user()
            audit.set_signed_in(admin)
            clinic.set_setting(SETTING, {"prefix": roles.prefix})
            _require_audited_changes(db, roles)
            if "audit_pending" in db.get_tables():  # (a schema before migration 12: tests)
                _guard_audit_pending(db, roles)
            if db.execute_sql("SELECT to_regprocedure(%s)", (_WAIT_FUNCTION,)).fetchone()[0]:
                _hand_over_wait_function(db, roles)  # (before migration 13: tests)
    except errors.StoreError:
        raise
    except Exception as exc:
        raise _translated(exc) from exc
    return roles


def grant_new_table(db: Database, table: str) -> bool:
    """Give a table a migration just made to the clinic's roles, as ``init_server`` would have.

    Without it a server set up before the table existed refuses every clinician's write to it
    (``permission denied``) until ``server init`` is run again. Nothing on SQLite or on a
    server without roles; returns whether grants were made. The migration runs as the
    administrator (only the schema's owner may change its tables).
    """
    if not isinstance(db, PostgresqlDatabase) or table not in _TABLES:
        return False
    roles = _roles_of(db)
    if roles is None:
        return False
    db.execute_sql(f"ALTER TABLE {_q(table)} OWNER TO {_q(roles.owner)}")
    db.execute_sql(f"REVOKE ALL ON {_q(table)} FROM PUBLIC")
    for role in ROLES:
        group = _q(roles.group(role))
        db.execute_sql(f"GRANT SELECT ON {_q(table)} TO {group}")
        extra = GRANTS[role].get(table)
        if extra:
            db.execute_sql(f"GRANT {extra} ON {_q(table)} TO {group}")
            db.execute_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group}")
    return True


def install_audit_pending(db: Database) -> bool:
    """On a server set up before ``audit_pending`` (migration 12): its grants, the sign-in
    rule on it, the audited-change rule that accepts a waiting event, and the sealing function
    run as the owner. Nothing elsewhere; returns whether it was done."""
    if not grant_new_table(db, "audit_pending"):
        return False
    roles = _roles_of(db)
    assert isinstance(db, PostgresqlDatabase)
    assert roles is not None
    _require_audited_changes(db, roles)
    _guard_audit_pending(db, roles)
    return True


def _roles_of(db: Database) -> ServerRoles | None:
    """The roles ``init_server`` made, from the clinic setting (None: no signed-in server)."""
    row = db.execute_sql('SELECT "value" FROM "setting" WHERE "key" = %s', (SETTING,)).fetchone()
    stored = json.loads(row[0]) if row else None
    if not isinstance(stored, dict) or not stored.get("prefix"):
        return None
    return ServerRoles(check_name(str(stored["prefix"]), "role prefix"))


def install_wait_function(db: Database) -> bool:
    """On a server with sign-in roles, the saver's wait for the chain (migration 13) handed to
    the schema's owner and to the groups alone, as ``init_server`` leaves every ptlog function.
    Nothing elsewhere; returns whether it was done."""
    return _hand_over_where_signed_in(db, _hand_over_wait_function)


def _hand_over_where_signed_in(
        db: Database, hand_over: Callable[[PostgresqlDatabase, ServerRoles], None]) -> bool:
    """``hand_over(db, roles)`` on a server with sign-in roles; whether there was one."""
    roles = _roles_of(db) if isinstance(db, PostgresqlDatabase) else None
    if roles is None:
        return False
    assert isinstance(db, PostgresqlDatabase)
    hand_over(db, roles)
    return True


def _hand_over_wait_function(db: PostgresqlDatabase, roles: ServerRoles) -> None:
    db.execute_sql(f"ALTER FUNCTION {_WAIT_FUNCTION} OWNER TO {_q(roles.owner)}")
    db.execute_sql(f"REVOKE ALL ON FUNCTION {_WAIT_FUNCTION} FROM PUBLIC")
    for role in ROLES:
        db.execute_sql(f"GRANT EXECUTE ON FUNCTION {_WAIT_FUNCTION} TO {_q(roles.group(role))}")


def _guard_audit_pending(db: PostgresqlDatabase, roles: ServerRoles) -> None:
    """The sign-in rule on both audit tables; ``ptlog_seal_events`` runs as the owner (so it
    alone removes waiting events and chains them in their authors' names), for the groups."""
    owner = _q(roles.owner)
    for sql in _signed_in_trigger(roles.owner):
        db.execute_sql(sql)
    db.execute_sql(f"ALTER FUNCTION ptlog_signed_in() OWNER TO {owner}")
    _hand_over_seal_function(db, roles)


def _hand_over_seal_function(db: PostgresqlDatabase, roles: ServerRoles) -> None:
    """``ptlog_seal_events`` run as the schema's owner, executable by the groups alone."""
    db.execute_sql(f"ALTER FUNCTION {_SEAL_FUNCTION} SECURITY DEFINER")
    db.execute_sql(f"ALTER FUNCTION {_SEAL_FUNCTION} OWNER TO {_q(roles.owner)}")
    db.execute_sql(f"REVOKE ALL ON FUNCTION {_SEAL_FUNCTION} FROM PUBLIC")
    for role in ROLES:
        db.execute_sql(f"GRANT EXECUTE ON FUNCTION {_SEAL_FUNCTION} TO {_q(roles.group(role))}")


def install_seal_function(db: Database) -> bool:
    """On a server with sign-in roles, the sealing function made anew (migration 14) run as
    the schema's owner again and handed to the groups alone. Nothing elsewhere; returns
    whether it was done."""
    return _hand_over_where_signed_in(db, _hand_over_seal_function)


def _grant(db: PostgresqlDatabase, roles: ServerRoles) -> None:
    owner = _q(roles.owner)
    db.execute_sql(f"GRANT {owner} TO CURRENT_USER")  # so the administrator may hand it over
    tables = [t for t in _TABLES if t in set(db.get_tables())]  # (an older schema: tests)
    for table in tables:
        db.execute_sql(f"ALTER TABLE {_q(table)} OWNER TO {owner}")
        db.execute_sql(f"REVOKE ALL ON {_q(table)} FROM PUBLIC")
    db.execute_sql(f"ALTER FUNCTION ptlog_append_only() OWNER TO {owner}")
    for role in ROLES:
        group = _q(roles.group(role))
        db.execute_sql(f"GRANT USAGE ON SCHEMA public TO {group}")
        for table in tables:
            db.execute_sql(f"REVOKE ALL ON {_q(table)} FROM {group}")
            db.execute_sql(f"GRANT SELECT ON {_q(table)} TO {group}")
            extra = GRANTS[role].get(table)
            if extra:
                db.execute_sql(f"GRANT {_privileges(db, table, extra)} ON {_q(table)} "
                               f"TO {group}")
        if GRANTS[role]:
            db.execute_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {group}")


def _require_audited_changes(db: PostgresqlDatabase, roles: ServerRoles) -> None:
    """UPDATE and DELETE of editable rows only together with their audit event (deferred to
    the commit, when ptlog has written both)."""
    db.execute_sql(_WRITTEN_HERE)
    db.execute_sql(_AUDITED_CHANGE)
    for function in ("ptlog_written_here(xid)", "ptlog_audited_change()"):
        db.execute_sql(f"ALTER FUNCTION {function} OWNER TO {_q(roles.owner)}")
    owner = roles.owner.replace("'", "''")
    for table, key in _AUDITED_CHANGES:
        trigger = _q(f"{table}_audited_change")
        db.execute_sql(f"DROP TRIGGER IF EXISTS {trigger} ON {_q(table)}")
        db.execute_sql(
            f"CREATE CONSTRAINT TRIGGER {trigger} AFTER UPDATE OR DELETE ON {_q(table)} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
            f"EXECUTE FUNCTION ptlog_audited_change('{key}', '{owner}')")


def _columns(db: PostgresqlDatabase, table: str) -> list[str]:
    return [str(r[0]) for r in db.execute_sql(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND table_name = %s ORDER BY ordinal_position", (table,)).fetchall()]


def _privileges(db: PostgresqlDatabase, table: str, extra: str) -> str:
    """``extra`` with UPDATE narrowed to the columns that may change (never a row's id, uuid,
    creation stamp, import batch or patient)."""
    parts = [p.strip() for p in extra.split(",")]
    if "UPDATE" in parts:
        columns = [c for c in _columns(db, table) if c not in _FIXED_COLUMNS]
        parts[parts.index("UPDATE")] = "UPDATE (" + ", ".join(_q(c) for c in columns) + ")"
    return ", ".join(parts)


def server_roles() -> ServerRoles | None:
    """The roles ``init_server`` made for the open database (None: not a signed-in server)."""
    from ptlog.store import clinic

    stored = clinic.get_setting(SETTING)
    if not isinstance(stored, dict) or not stored.get("prefix"):
        return None
    return ServerRoles(str(stored["prefix"]))


def current_user() -> str:
    """The database's ``session_user``: who signed in."""
    row = _db().execute_sql("SELECT session_user").fetchone()
    return str(row[0])


def add_user(name: str, role: str, *, password: str | None = None) -> str:
    """A login role ``name`` in the group ``role``; its password (if given) goes to the server
    as a SCRAM verifier and nowhere else. Clinicians and administrators also get a row in the
    clinician list under their name, which is what their events and visits show."""
    if role not in ROLES:
        raise errors.ValidationError(f"unknown role {role!r}: use {', '.join(ROLES)}",
                                     field="role")
    db = _db()
    roles = server_roles()
    if roles is None:
        raise errors.ValidationError("this database has no clinic server roles yet: run "
                                     "'ptlog server init' first", field="db")
    name = check_name(name)
    try:
        with db.atomic():
            if _role_exists(db, name):
                raise errors.ValidationError(f"a database role named {name} exists already",
                                             field="name")
            db.execute_sql(f"CREATE ROLE {_q(name)} LOGIN IN ROLE {_q(roles.group(role))}")
            if password:
                verifier = _scram(db, name, password)
                db.execute_sql(f"ALTER ROLE {_q(name)} PASSWORD '{verifier}'")
            if role != "readonly":
                from ptlog.domain import records as d
                from ptlog.store import clinic

                clinic.save_clinician(d.Clinician(name=name))
    except errors.StoreError:
        raise
    except Exception as exc:
        raise _translated(exc) from exc
    return name


def _scram(db: PostgresqlDatabase, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier libpq computes (the password never crosses the wire)."""
    conn: Any = db.connection()
    verifier = conn.pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"),
                                            b"scram-sha-256")
    text = verifier.decode("ascii")
    if "'" in text:  # never: the verifier is base64 and '$'/':' separated
        raise errors.StoreError("unexpected password verifier")
    return str(text)


def drop_roles(roles: ServerRoles, users: list[str]) -> None:
    """Remove users and the group roles (tests, and an administrator undoing ``init``)."""
    db = _db()
    for name in [*users, *(roles.group(r) for r in ROLES), roles.owner]:
        if _role_exists(db, name):
            db.execute_sql(f"DROP ROLE {_q(name)}")


def _translated(exc: Exception) -> errors.StoreError:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "permission denied" in text or "must be" in text or "insufficient" in text:
        return errors.DatabaseUnavailableError(
            f"the database refused: {text} (run this as the server's administrator)")
    return errors.StoreError(f"the database refused: {text}")
