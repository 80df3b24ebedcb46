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

from ptlog.store import json_rows, server_statements
from ptlog.store import models as m
from ptlog.store.drivers import driver_errors, placeholders
from ptlog.store.server_database import ServerDatabase

#: the patient's uuid, the clinician's id by name, the patient's visit at that time: one
#: statement for what a save looked up with three
_LOOK_UP = ('SELECT p."uuid" AS "patient_uuid", '
            '(SELECT c."id" FROM "clinician" c WHERE c."name" = %s) AS "clinician_id", '
            '(SELECT v."id" FROM "visit" v WHERE v."patient_id" = p."id" '
            'AND v."visit_at" = %s) AS "visit_id" FROM "patient" p WHERE p."id" = %s')


@dataclass(frozen=True, slots=True)
class Found:
    """What a save needs to know before it writes (ids None where there is no such row);
    ``inserted``: the new visit and its readings ``look_up_or_insert`` was given are in."""

    patient_uuid: str
    clinician_id: int | None
    visit_id: int | None
    inserted: bool = False


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


def look_up_or_insert(patient_id: int, clinician: str, visit: m.Visit,
                      readings: Sequence[m.Reading], then: tuple[str, Sequence[object]] | None
                      ) -> Found | None:
    """``look_up``, and on a clinic server in the same statement the new ``visit`` (at its
    ``visit_at``) with its ``readings`` and ``then`` (``insert_with_children``), if the patient
    is there, has no visit at that time, and the clinician named ``clinician`` ("" for none)
    is known: a save's usual case in one round trip, not two. The visit's clinician is the one
    found. ``Found.inserted`` says whether they went in (their ids set, the visit's
    ``clinician_id`` too); if not, nothing was written. The statement goes straight through
    libpq with the transaction's BEGIN (``ServerDatabase.first_row``: psycopg's pipeline of
    the two cost the workstation a fifth of its save). SQLite: ``look_up`` alone."""
    db = m.database_proxy.obj
    if not readings or not isinstance(db, ServerDatabase):
        return look_up(patient_id, clinician, visit.visit_at)
    key = m.Reading.visit
    sql = _look_up_or_insert_sql(then[0] if then else "")
    visit_values = [value for field, value in zip(_fields(m.Visit), _values([visit])[0],
                                                  strict=True)
                    if field is not m.Visit.clinician]
    params = [clinician or None, m.Visit.visit_at.db_value(visit.visit_at), patient_id,
              *visit_values, clinician or None,
              json_rows.recordset(_values(readings, skip=key.column_name)),
              *(then[1] if then else ())]
    # straight through libpq, the transaction's BEGIN in the same round trip
    row = db.first_row("ptlog_look_up_or_insert", sql, params)
    assert row is not None  # the statement always gives its one row
    patient_uuid, clinician_id, visit_id, new_id, ids, uuids = row[:6]
    if patient_uuid is None:
        return None
    found = Found(patient_uuid, None if clinician_id is None else int(clinician_id),
                  None if visit_id is None else int(visit_id), inserted=new_id is not None)
    if found.inserted:
        visit.clinician_id = found.clinician_id
        _took_ids(visit, int(new_id or 0), readings, key, server_statements.integers(ids),
                  server_statements.words(uuids))
    return found


_LOOK_UP_OR_INSERT: dict[str, str] = {}


def _look_up_or_insert_sql(then: str) -> str:
    """``look_up_or_insert``'s one statement: ``_LOOK_UP`` materialized, the visit inserted
    from it (its clinician the one found) only where it allows, its readings from one JSON
    parameter, ``then`` only if the visit went in."""
    sql = _LOOK_UP_OR_INSERT.get(then)
    if sql is not None:
        return sql
    types = m.database_proxy.obj._field_types
    visit_columns = _fields(m.Visit)
    # typed: the statement is prepared with its parameters' types left to the server
    values = ", ".join('f."clinician_id"' if field is m.Visit.clinician else
                       f"%s::{types[field.field_type]}" for field in visit_columns)
    sql = _LOOK_UP_OR_INSERT[then] = (
        f"WITH f AS MATERIALIZED ({_LOOK_UP}), "
        f'p AS (INSERT INTO "visit" ('
        + ", ".join(f'"{field.column_name}"' for field in visit_columns)
        + f") SELECT {values} FROM f "
        'WHERE f."visit_id" IS NULL AND (f."clinician_id" IS NOT NULL OR %s::text IS NULL) '
        f'RETURNING "id"), {_children_cte(m.Reading, m.Reading.visit)} '
        'SELECT f."patient_uuid", f."clinician_id", f."visit_id", (SELECT "id" FROM p), '
        'ARRAY(SELECT "id" FROM c), ARRAY(SELECT "uuid" FROM c)'
        + (f", CASE WHEN EXISTS (SELECT 1 FROM p) THEN ({then}) END" if then else "")
        + " FROM (SELECT 1) AS one LEFT JOIN f ON true")
    return sql


_INSERTS: dict[tuple[type[Model], bool], str] = {}


def _insert_sql(model: type[Model], postgres: bool) -> str:
    """``INSERT`` of every column but the id, returning the id (made once per model)."""
    sql = _INSERTS.get((model, postgres))
    if sql is None:
        fields = _fields(model)
        sql = (f'INSERT INTO "{model._meta.table_name}" ('
               + ", ".join(f'"{f.column_name}"' for f in fields) + ") VALUES ("
               + ", ".join(["%s"] * len(fields)) + ') RETURNING "id"')
        sql = _INSERTS[(model, postgres)] = sql if postgres else sql.replace("%s", "?")
    return sql


def _fields(model: type[Model], skip: str = "") -> list[Field]:
    """The columns an insert gives values for: every one but the id (and ``skip``)."""
    return [f for f in model._meta.sorted_fields
            if f is not model._meta.primary_key and f.column_name != skip]


def _values(rows: Sequence[m.BaseModel], skip: str = "") -> list[list[object]]:
    """Each row's column values for ``_insert_sql`` (each field's ``db_value``; ``skip``: the
    column the statement fills itself)."""
    fields = _fields(type(rows[0]), skip)
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
    readings), then run ``then`` (a ``SELECT``: the change feed's NOTIFY); every id set, and
    each child's ``key`` set to the parent.

    On a server all of it is one statement: the parent inserted in a CTE, the children from
    one JSON parameter (``json_rows``) with the parent's id, ``then`` in its select list. The
    visit's insert had been a round trip of its own and its readings a pipeline of seven
    statements (a workstation saving alone: 0.37 ms of its CPU a save, 0.25 ms as one
    statement, and the server's CPU a save 8% less)."""
    db = m.database_proxy.obj
    if not children or not isinstance(db, PostgresqlDatabase):
        insert([parent])
        for child in children:
            setattr(child, key.name, parent)
        insert(children, then=then)
        return
    sql = _with_children_sql(type(parent), type(children[0]), key, then[0] if then else "")
    params = [*_values([parent])[0], json_rows.recordset(_values(children, skip=key.column_name)),
              *(then[1] if then else ())]
    with driver_errors():
        parent_id, child_ids, child_uuids = db.execute_sql(sql, params).fetchone()[:3]
    _took_ids(parent, int(parent_id), children, key, child_ids, child_uuids)


def _took_ids(parent: m.BaseModel, parent_id: int, children: Sequence[m.BaseModel],
              key: ForeignKeyField, child_ids: Sequence[int], child_uuids: Sequence[str]
              ) -> None:
    """Rows inserted with a statement of ``_children_cte``: the parent's id set, and each
    child's own id (found by its uuid) and its ``key`` to the parent."""
    parent.id = parent_id
    ids_by_uuid = dict(zip(child_uuids, child_ids, strict=True))
    for child in children:
        setattr(child, key.name, parent)
        child.id = int(ids_by_uuid[child.uuid])


_WITH_CHILDREN: dict[tuple[type[Model], type[Model], str, str], str] = {}


def _with_children_sql(parent: type[Model], child: type[Model], key: ForeignKeyField,
                       then: str) -> str:
    """``insert_with_children``'s one statement on PostgreSQL (made once per shape)."""
    cache_key = (parent, child, key.column_name, then)
    sql = _WITH_CHILDREN.get(cache_key)
    if sql is not None:
        return sql
    sql = _WITH_CHILDREN[cache_key] = (
        f"WITH p AS ({_insert_sql(parent, True)}), {_children_cte(child, key)} "
        'SELECT (SELECT "id" FROM p), ARRAY(SELECT "id" FROM c), ARRAY(SELECT "uuid" FROM c)'
        + (f", ({then})" if then else ""))
    return sql


def _children_cte(child: type[Model], key: ForeignKeyField) -> str:
    """The CTE ``c``: rows of ``child`` from one JSON parameter (``json_rows``), each with
    ``key`` set to the id the CTE ``p`` inserted (none if it inserted none); their ids and
    uuids returned."""
    types = m.database_proxy.obj._field_types
    child_fields = _fields(child, key.column_name)
    names = ", ".join(f'"{f.column_name}"' for f in child_fields)
    return (f'c AS (INSERT INTO "{child._meta.table_name}" ("{key.column_name}", {names}) '
            f'SELECT p."id", v.* FROM p, '
            f'{json_rows.recordset_sql([types[f.field_type] for f in child_fields])} '
            'RETURNING "id", "uuid")')
