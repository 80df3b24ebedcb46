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

from peewee import Model, PostgresqlDatabase

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


_INSERTS: dict[tuple[type[Model], bool], str] = {}


def _insert_sql(model: type[Model], postgres: bool) -> str:
    """``INSERT`` of every column but the id, returning the id (made once per model)."""
    sql = _INSERTS.get((model, postgres))
    if sql is None:
        fields = [f for f in model._meta.sorted_fields if f is not model._meta.primary_key]
        sql = (f'INSERT INTO "{model._meta.table_name}" ('
               + ", ".join(f'"{f.column_name}"' for f in fields) + ") VALUES ("
               + ", ".join(["%s"] * len(fields)) + ') RETURNING "id"')
        sql = _INSERTS[(model, postgres)] = sql if postgres else sql.replace("%s", "?")
    return sql


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
    fields = [f for f in model._meta.sorted_fields if f is not model._meta.primary_key]
    values = [[f.db_value(row.__data__.get(f.name)) for f in fields] for row in rows]
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
