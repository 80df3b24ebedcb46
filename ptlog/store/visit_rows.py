"""A visit's save in fixed SQL: its look-up and inserts written once, not built per save.

peewee builds a query's SQL anew each time (0.3-0.5 ms of CPU; a save built five), and on a
clinic server sixteen workstations share the CPU with the server: every millisecond of a save's
own work is one the others wait for (``tests/benchmarks/README.md``, session 9). The same
statements serve SQLite and PostgreSQL (``placeholders``); psycopg prepares a statement on the
server once it has run it five times.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from peewee import Field, ForeignKeyField, Model, PostgresqlDatabase

from ptlog.store import models as m
from ptlog.store.drivers import driver_errors, placeholders

#: the patient's uuid, the clinician's id by name, the patient's visit at that time: one
#: statement for what a save looked up with three
_LOOK_UP = ('SELECT p."uuid", (SELECT c."id" FROM "clinician" c WHERE c."name" = %s), '
            '(SELECT v."id" FROM "visit" v WHERE v."patient_id" = p."id" '
            'AND v."visit_at" = %s) FROM "patient" p WHERE p."id" = %s')


@dataclass(frozen=True, slots=True)
class Found:
    """What a save needs to know before it writes (ids None where there is no such row)."""

    patient_uuid: str
    clinician_id: int | None
    visit_id: int | None


def look_up(patient_id: int, clinician: str, visit_at: dt.datetime) -> Found | None:
    """The patient (None if there is none), the clinician named ``clinician`` ("" for none)
    and the patient's visit at ``visit_at``, in one statement."""
    db = m.database_proxy.obj
    row = db.execute_sql(placeholders(db, _LOOK_UP), (
        clinician or None, m.Visit.visit_at.db_value(visit_at), patient_id)).fetchone()
    if row is None:
        return None
    return Found(str(row[0]), None if row[1] is None else int(row[1]),
                 None if row[2] is None else int(row[2]))


_INSERTS: dict[tuple[type[Model], bool, str], str] = {}


def _insert_sql(model: type[Model], postgres: bool, after_parent: str = "") -> str:
    """``INSERT`` of every column but the id, returning the id (made once per model).
    ``after_parent`` (PostgreSQL): the foreign key column whose value is the id of the row
    this connection inserted last into the table it refers to (``currval`` of its sequence),
    not a parameter."""
    sql = _INSERTS.get((model, postgres, after_parent))
    if sql is None:
        fields = [f for f in model._meta.sorted_fields if f is not model._meta.primary_key]
        values = [_parent_id(f) if f.column_name == after_parent else "%s" for f in fields]
        sql = (f'INSERT INTO "{model._meta.table_name}" ('
               + ", ".join(f'"{f.column_name}"' for f in fields) + ") VALUES ("
               + ", ".join(values) + ') RETURNING "id"')
        sql = _INSERTS[(model, postgres, after_parent)] = \
            sql if postgres else sql.replace("%s", "?")
    return sql


def _parent_id(field: Field) -> str:
    """The id this connection's last insert into ``field``'s table was given (PostgreSQL)."""
    table = field.rel_model._meta.table_name  # type: ignore[attr-defined]
    return f"currval(pg_get_serial_sequence('\"{table}\"', 'id'))"


def _values(rows: Sequence[m.BaseModel], skip: str = "") -> list[list[object]]:
    """Each row's column values for ``_insert_sql`` (each field's ``db_value``; ``skip``: the
    column the statement fills itself)."""
    model = type(rows[0])
    fields = [f for f in model._meta.sorted_fields
              if f is not model._meta.primary_key and f.column_name != skip]
    return [[f.db_value(row.__data__.get(f.name)) for f in fields] for row in rows]


def insert(rows: Sequence[m.BaseModel],
           then: tuple[str, Sequence[object]] | None = None) -> None:
    """Insert new rows of one model in this order and set their ids, as ``Model.create`` and
    ``insert_many`` would store them (each field's ``db_value``, NULL where a field has no
    value), then run the statement ``then`` (SQL and parameters) if one is given. On a server
    the rows and ``then`` go in one round trip (a psycopg pipeline)."""
    if not rows:
        if then is not None:
            m.database_proxy.obj.execute_sql(*then)
        return
    model = type(rows[0])
    db = m.database_proxy.obj
    postgres = isinstance(db, PostgresqlDatabase)
    sql = _insert_sql(model, postgres)
    values = _values(rows)
    ids: list[int] = []
    with driver_errors():  # driver errors as peewee's: a lost race is retried, others named
        cursor = db.cursor()
        if postgres and (len(values) > 1 or then is not None):
            conn = db.connection()
            with conn.pipeline():
                cursor.executemany(sql, values, returning=True)
                if then is not None:
                    conn.execute(*then)
            while True:
                ids.append(int(cursor.fetchone()[0]))
                if not cursor.nextset():
                    break
        else:
            for one in values:
                cursor.execute(sql, one)
                ids.append(int(cursor.fetchall()[0][0]))
            if then is not None:
                db.execute_sql(*then)
    for row, new_id in zip(rows, ids, strict=True):
        row.id = new_id


def insert_with_children(parent: m.BaseModel, children: Sequence[m.BaseModel],
                         key: ForeignKeyField,
                         then: tuple[str, Sequence[object]] | None = None) -> None:
    """Insert a new row and new rows that refer to it through ``key`` (a new visit and its
    readings), then run ``then``; every id set, and each child's ``key`` set to the parent.
    On a server all of it is one round trip: the children take the parent's id from its
    sequence on the server (the visit's insert had been a round trip of its own, one of the
    nine a save made, while sixteen workstations shared two cores with the server)."""
    db = m.database_proxy.obj
    if not children or not isinstance(db, PostgresqlDatabase):
        insert([parent])
        for child in children:
            setattr(child, key.name, parent)
        insert(children, then=then)
        return
    parent_sql = _insert_sql(type(parent), True)
    child_sql = _insert_sql(type(children[0]), True, after_parent=key.column_name)
    with driver_errors():
        conn = db.connection()
        parent_cursor = db.cursor()
        child_cursor = db.cursor()
        with conn.pipeline():
            parent_cursor.execute(parent_sql, _values([parent])[0])
            child_cursor.executemany(child_sql, _values(children, skip=key.column_name),
                                     returning=True)
            if then is not None:
                conn.execute(*then)
        parent.id = int(parent_cursor.fetchone()[0])
        child_ids: list[int] = []
        while True:
            child_ids.append(int(child_cursor.fetchone()[0]))
            if not child_cursor.nextset():
                break
    for child, child_id in zip(children, child_ids, strict=True):
        setattr(child, key.name, parent)
        child.id = child_id
