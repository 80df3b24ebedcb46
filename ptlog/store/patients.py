"""Patient records: create, edit with optimistic locking, look up and search."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any, cast

from peewee import (
    SQL,
    ColumnBase,
    EnclosedNodeList,
    Expression,
    IntegrityError,
    ModelSelect,
    NodeList,
    SqliteDatabase,
    fn,
)

from ptlog.domain import records as d
from ptlog.domain.i18n import N_, UnknownLanguageError, language_code
from ptlog.domain.limits import EARLIEST_DATE
from ptlog.domain.targets import functional_targets
from ptlog.domain.text import (
    composed,
    fold,
    query_words,
    search_key,
    search_words,
    word_key,
)
from ptlog.store import audit, convert
from ptlog.store import models as m
from ptlog.store.errors import ConflictError, NotFoundError, ValidationError, check_texts

EDITABLE_FIELDS = (
    "chart", "family_name", "given_name", "birth_date", "sex", "dominant_side", "diagnosis",
    "referring_physician", "contact", "notes", "archived", "activities", "language",
)


def validate(patient: d.Patient, today: dt.date | None = None) -> None:
    """Refuse a record a clinic could not use; ``ValidationError.field`` names the input."""
    today = today or dt.date.today()
    if not patient.chart.strip():
        raise ValidationError.said(N_("the chart number is required"), field="chart")
    check_texts(chart=patient.chart.strip(), family_name=patient.family_name.strip(),
                given_name=patient.given_name.strip(), diagnosis=patient.diagnosis,
                referring_physician=patient.referring_physician, contact=patient.contact,
                notes=patient.notes)
    if not patient.family_name.strip():
        raise ValidationError.said(N_("the family name is required"), field="family_name")
    if not patient.given_name.strip():
        raise ValidationError.said(N_("the given name is required"), field="given_name")
    if patient.birth_date > today:
        raise ValidationError.said(N_("the birth date is in the future"), field="birth_date")
    if patient.birth_date < EARLIEST_DATE:
        raise ValidationError.said(N_("the birth date is before {year}"), field="birth_date",
                                   year=EARLIEST_DATE.year)
    if patient.language:
        try:
            language_code(patient.language)
        except UnknownLanguageError as exc:
            raise ValidationError(str(exc), field="language") from None
    known = {t.key for t in functional_targets()}
    for key in patient.activities:
        if key not in known:
            raise ValidationError(f"{key!r} is not an activity ptlog knows (one of "
                                  f"{', '.join(sorted(known))})", field="activities")


def as_stored(patient: d.Patient) -> d.Patient:
    """``patient`` as it is stored: chart and names without surrounding spaces, every text
    in composed form (``composed``), so a lookup, a check and the row agree."""
    return dataclasses.replace(
        patient, chart=composed(patient.chart.strip()),
        family_name=composed(patient.family_name.strip()),
        given_name=composed(patient.given_name.strip()), diagnosis=composed(patient.diagnosis),
        referring_physician=composed(patient.referring_physician),
        contact=composed(patient.contact), notes=composed(patient.notes))


def _row_values(patient: d.Patient) -> dict[str, object]:
    """The columns of ``patient`` as stored (``as_stored`` made it so already)."""
    return {
        "chart": patient.chart,
        "family_name": patient.family_name,
        "given_name": patient.given_name,
        "family_key": search_key(patient.family_name),
        "given_key": search_key(patient.given_name),
        "birth_date": patient.birth_date,
        "sex": patient.sex.value,
        "dominant_side": patient.dominant_side.value if patient.dominant_side else None,
        "diagnosis": patient.diagnosis,
        "referring_physician": patient.referring_physician,
        "contact": patient.contact,
        "notes": patient.notes,
        "archived": patient.archived,
        "activities": ",".join(patient.activities),
        "language": language_code(patient.language) if patient.language else "",
    }


def set_search_words(patient_id: int, chart: str, family_name: str, given_name: str) -> None:
    """Rewrite where a search may match inside this patient's names and chart."""
    m.PatientWord.delete().where(m.PatientWord.patient == patient_id).execute()
    words = sorted(search_words(chart, family_name, given_name))
    if words:
        m.PatientWord.insert_many([(patient_id, w) for w in words],
                                  fields=[m.PatientWord.patient, m.PatientWord.word]).execute()


def add_patient(patient: d.Patient) -> d.Patient:
    patient = as_stored(patient)
    validate(patient)
    with m.database_proxy.atomic():
        if m.Patient.select().where(m.Patient.chart == patient.chart).exists():
            raise ValidationError(
                f"chart number {patient.chart} is already used by another patient", field="chart"
            )
        row = m.Patient.create(**_row_values(patient), updated_by=audit.os_user())
        set_search_words(row.id, row.chart, row.family_name, row.given_name)
        audit.record("create", "patient", row.uuid, after=audit.snapshot(row),
                     patient_uuid=row.uuid)
    return convert.patient(row)


def update_patient(patient: d.Patient) -> d.Patient:
    """Save an edit made from ``patient.version``; ``ConflictError`` if someone saved first."""
    if patient.id is None:
        raise ValueError("update_patient needs a stored patient")
    patient = as_stored(patient)
    validate(patient)
    with m.database_proxy.atomic():
        before = m.Patient.get_or_none(m.Patient.id == patient.id)
        if before is None:
            raise NotFoundError(f"patient {patient.chart} no longer exists")
        clash = m.Patient.get_or_none(
            (m.Patient.chart == patient.chart) & (m.Patient.id != patient.id)
        )
        if clash is not None:
            raise ValidationError(
                f"chart number {patient.chart} is already used by another patient", field="chart"
            )
        values = _row_values(patient)
        values.update(
            version=m.Patient.version + 1, updated_at=m.utc_now(), updated_by=audit.os_user()
        )
        changed = (
            m.Patient.update(**values)
            .where((m.Patient.id == patient.id) & (m.Patient.version == patient.version))
            .execute()
        )
        if changed != 1:
            raise ConflictError(
                f"{before.family_name}, {before.given_name} was changed by {before.updated_by} at "
                f"{before.updated_at} — reload to see their change, then re-apply yours",
                changed_by=before.updated_by,
                changed_at=str(before.updated_at),
            )
        after = m.Patient.get_by_id(patient.id)
        set_search_words(after.id, after.chart, after.family_name, after.given_name)
        audit.record("update", "patient", after.uuid, before=audit.snapshot(before),
                     after=audit.snapshot(after), patient_uuid=after.uuid)
    return convert.patient(after)


def set_archived(patient: d.Patient, archived: bool) -> d.Patient:
    return update_patient(dataclasses.replace(patient, archived=archived))


def get_patient(patient_id: int) -> d.Patient:
    row = m.Patient.get_or_none(m.Patient.id == patient_id)
    if row is None:
        raise NotFoundError(f"no patient with id {patient_id}")
    return convert.patient(row)


def find_by_chart(chart: str) -> d.Patient | None:
    row = m.Patient.get_or_none(m.Patient.chart == chart.strip())
    return convert.patient(row) if row else None


def get_by_chart(chart: str) -> d.Patient:
    found = find_by_chart(chart)
    if found is None:
        raise no_such_chart(chart, _charts_differing_in_case(chart))
    return found


def no_such_chart(chart: str, near: Sequence[str] = ()) -> NotFoundError:
    """The error for a chart number not stored; ``near``: stored ones it may be a typo of."""
    if near:
        return NotFoundError.of(N_("no patient with chart number {chart}; did you mean "
                                   "{near}?"), chart=repr(chart), near=", ".join(near))
    return NotFoundError.of(N_("no patient with chart number {chart}"), chart=repr(chart))


def _charts_differing_in_case(chart: str) -> list[str]:
    """Chart numbers that are ``chart`` in other letter case (``demo-1`` typed for ``DEMO-1``):
    named to the user, never taken for it — two charts may differ only in case. A scan of the
    patients, on this error's path only."""
    query = (m.Patient.select(m.Patient.chart)
             .where(fn.LOWER(m.Patient.chart) == chart.strip().lower())
             .order_by(m.Patient.chart).limit(3))
    return [row.chart for row in query]


_HIGH = "\U0010ffff"


def _prefix_range(column: ColumnBase, prefix: str) -> Expression:
    """``column`` starts with ``prefix`` as an index range (LIKE would scan the table).

    In byte order: on PostgreSQL compared ``COLLATE "C"`` (migration 10's indexes), whatever
    the server's collation; SQLite compares bytes anyway."""
    if not isinstance(m.database_proxy.obj, SqliteDatabase):
        column = NodeList((column, SQL('COLLATE "C"')))
    return (column >= prefix) & (column < prefix + _HIGH)


def _birth_date_range(word: str) -> tuple[dt.date, dt.date] | None:
    """"1980", "1980-05" or "1980-05-01" as a half-open date range."""
    parts = word.split("-")
    try:
        if len(parts) == 1 and len(word) == 4:
            year = int(word)
            return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
        if len(parts) == 2 and len(parts[0]) == 4 and len(parts[1]) == 2:
            year, month = int(parts[0]), int(parts[1])
            first = dt.date(year, month, 1)
            return first, (dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1))
        if len(parts) == 3 and len(word) == 10:
            day = dt.date.fromisoformat(word)
            return day, day + dt.timedelta(days=1)
    except ValueError:
        return None
    return None


def _no_index(column: ColumnBase) -> ColumnBase:
    """SQLite's unary ``+``: the same value, but the planner will not search by its index."""
    return NodeList((SQL("+"), column), glue="")


def search_condition(text: str, *, scan: bool = False) -> Expression | None:
    """Every word must prefix-match the chart, a name (accent-free), or the birth date.

    ``scan`` (SQLite only) gives the same condition without index searches, for a match so
    large that walking the sort order and filtering beats collecting and sorting every match.
    """
    server = not isinstance(m.database_proxy.obj, SqliteDatabase)
    col = _no_index if scan and not server else (lambda c: c)
    chart, family, given, birth = (col(m.Patient.chart), col(m.Patient.family_key),
                                   col(m.Patient.given_key), col(m.Patient.birth_date))
    condition: Expression | None = None
    for word in query_words(text):
        key = fold(word)
        inside = m.PatientWord.select(m.PatientWord.patient_id).where(
            _prefix_range(m.PatientWord.word, word_key(word)))
        term = (
            _prefix_range(chart, word)
            | _prefix_range(chart, word.upper())
            | _prefix_range(family, key)
            | _prefix_range(given, key)
        )
        dates = _birth_date_range(word)
        if dates is not None:
            term = term | ((birth >= dates[0]) & (birth < dates[1]))
        if server and not scan:
            # PostgreSQL ORs index ranges of one table (a bitmap), but an IN over another
            # table joined by OR is a filter on every row: the page then walked the name index
            # through a million patients for a rare word (7.5 s). The two id sets, made once
            # as an array (an init plan), are each an index search, and the patients are
            # then fetched by id. A match of thousands walks the name order instead (``scan``:
            # the first page is found at once, while gathering every id would take seconds).
            own = m.Patient.select(m.Patient.id).where(term)
            ids = NodeList((SQL("ARRAY"), EnclosedNodeList([own.union(inside)])))
            term = m.Patient.id == fn.ANY(ids)
        else:
            term = term | m.Patient.id.in_(inside)
        condition = term if condition is None else condition & term
    return condition


# A search matching more than this many patients is run as a scan (see search_condition):
# "c" over 100k charts C0000001… took 80 ms through the indexes, 20 ms as a scan.
_MANY = 5000
_probe_cache: dict[tuple[object, ...], int] = {}


def _cache_key(connection: sqlite3.Connection, *parts: object) -> tuple[object, ...]:
    """A key that is only ever valid for this very connection in its present state.

    The connection object itself is in the key (not its ``id``): a closed connection's address
    is reused by the next one, and with the same change counter and data version a count of an
    earlier database, or of this one before another connection's import, came back. Entries of
    closed connections are dropped here, so no connection is kept open by the cache.
    """
    for stale in [k for k in _probe_cache if not _is_open(k[0])]:
        del _probe_cache[stale]
    if len(_probe_cache) > 256:
        _probe_cache.clear()
    (version,) = connection.execute("PRAGMA data_version").fetchone()
    return (connection, connection.total_changes, version, *parts)


def _is_open(connection: object) -> bool:
    try:
        return isinstance(connection, sqlite3.Connection) and connection.total_changes >= 0
    except sqlite3.ProgrammingError:  # closed
        return False


def _probe(text: str, include_archived: bool) -> int | None:
    """How many patients match, counting at most ``_MANY + 1`` (``None``: not probed).

    Remembered for the count and the pages of the same search (a search of a few thousand
    matches is counted once per keystroke, not twice) until the database changes: the key
    holds this connection's change counter and SQLite's data version (other connections).
    """
    database = m.database_proxy.obj
    if not text.strip():
        return None
    if not isinstance(database, SqliteDatabase):
        # a clinic server: bounded too (counting 120,000 matches of "k" among a million
        # patients took most of a keystroke), not remembered (no cheap change counter)
        many = _server_matches_many(text)
        probe = _search_query(text, include_archived, many).select(m.Patient.id) \
            .limit(_MANY + 1)
        return int(probe.count())
    key = _cache_key(database.connection(), "probe", text, include_archived)
    if key not in _probe_cache:
        probe = _search_query(text, include_archived).select(m.Patient.id).limit(_MANY + 1)
        _probe_cache[key] = int(probe.count())
    return _probe_cache[key]


def _server_matches_many(text: str) -> bool:
    """On PostgreSQL: does every typed word start more than ``_MANY`` names, charts or name
    parts? Each word's matches are counted as they stream from its index searches, stopping
    at ``_MANY + 1`` (a patient found twice counts twice: this only chooses the plan)."""
    words = query_words(text)
    for word in words:
        key = fold(word)
        own = m.Patient.select(m.Patient.id).where(
            _prefix_range(m.Patient.chart, word) | _prefix_range(m.Patient.chart, word.upper())
            | _prefix_range(m.Patient.family_key, key) | _prefix_range(m.Patient.given_key, key))
        inside = m.PatientWord.select(m.PatientWord.patient_id).where(
            _prefix_range(m.PatientWord.word, word_key(word)))
        if own.union_all(inside).limit(_MANY + 1).count() <= _MANY:
            return False
    return bool(words)


def _matches_many(text: str, include_archived: bool) -> bool:
    """Whether more than ``_MANY`` patients match: then the pages walk the sort order."""
    if not isinstance(m.database_proxy.obj, SqliteDatabase):
        return _server_matches_many(text)
    found = _probe(text, include_archived)
    return found is not None and found > _MANY


SORT_KEYS = {
    "name": (m.Patient.family_key, m.Patient.given_key, m.Patient.id),
    "chart": (m.Patient.chart,),
    "birth_date": (m.Patient.birth_date, m.Patient.id),
    "diagnosis": (m.Patient.diagnosis, m.Patient.id),
}


def _search_query(text: str, include_archived: bool, scan: bool = False
                  ) -> ModelSelect[m.Patient]:
    query = m.Patient.select()
    condition = search_condition(text, scan=scan)
    if condition is not None:
        query = query.where(condition)
    if not include_archived:
        query = query.where(m.Patient.archived == False)
    return query


def search_patients(
    text: str = "",
    *,
    include_archived: bool = False,
    limit: int | None = None,
    offset: int = 0,
    sort: str = "name",
    descending: bool = False,
) -> list[d.Patient]:
    """Patients matching ``text`` in the order asked (sorted by the database, paged)."""
    columns = SORT_KEYS.get(sort, SORT_KEYS["name"])
    order = [c.desc() if descending else c.asc() for c in columns]
    query = _search_query(text, include_archived, _matches_many(text, include_archived))
    query = query.select(*convert.PATIENT_COLUMNS).order_by(*order)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    rows = cast("Iterable[Sequence[Any]]", query.tuples())
    return [convert.patient_values(row) for row in rows]


def count_matching(text: str = "", *, include_archived: bool = False) -> int:
    scan = _matches_many(text, include_archived)
    return int(_search_query(text, include_archived, scan).count())


def count_matching_bounded(text: str = "", *,
                           include_archived: bool = False) -> tuple[int, bool]:
    """(count, exact): past ``_MANY`` matches only "more than _MANY" is worth a keystroke.

    Counting 12,000 matches of "k" over 100k patients took 16 ms of a 20 ms keystroke; nobody
    reads that number, they type the next letter. Returns (_MANY + 1, False) then.
    """
    found = _probe(text, include_archived)
    if found is None and not isinstance(m.database_proxy.obj, SqliteDatabase):
        # the empty search on a clinic server: counting a million patients took 430 ms of
        # every clear; bounded like any other search there
        probe = _search_query(text, include_archived).select(m.Patient.id).limit(_MANY + 1)
        found = int(probe.count())
    if found is None:
        return _count_remembered(text, include_archived), True
    return found, found <= _MANY


def _count_remembered(text: str, include_archived: bool) -> int:
    """``count_matching``, remembered like the probe (SQLite) until the database changes:
    clearing the search counted all 100k patients again on every clear (12 ms)."""
    database = m.database_proxy.obj
    if not isinstance(database, SqliteDatabase):
        return count_matching(text, include_archived=include_archived)
    key = _cache_key(database.connection(), "count", text, include_archived)
    if key not in _probe_cache:
        _probe_cache[key] = count_matching(text, include_archived=include_archived)
    return _probe_cache[key]


def count_patients(*, include_archived: bool = True) -> int:
    query = m.Patient.select()
    if not include_archived:
        query = query.where(m.Patient.archived == False)
    return int(query.count())


def is_duplicate_chart_error(error: IntegrityError) -> bool:
    return "chart" in str(error).lower()
