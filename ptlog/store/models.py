"""peewee models of DESIGN §3. Every row has an integer id and a stable UUID; times are UTC.

The schema itself is created by the numbered migrations, never by ``create_tables`` here.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DatabaseProxy,
    DateField,
    DateTimeField,
    DoubleField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from ptlog.domain import limits

database_proxy = DatabaseProxy()
_Row = TypeVar("_Row", bound=Model)


_UUID7_COUNTER_BITS = 42  # 12 bits of rand_a and the top 30 of rand_b (RFC 9562 §6.2, method 1)
_uuid7_lock = threading.Lock()
_uuid7_last = [0, 0]  # unix ms and counter of the last UUID made in this process


def _uuid7_take(count: int) -> tuple[int, int]:
    """Reserve ``count`` consecutive counter values: (unix ms, first counter value).

    A new millisecond starts the counter at a random value below 2**41 (room to count on); in
    the same millisecond, or if the clock went back, it goes on from the last value, moving to
    the next millisecond when it would overflow. So UUIDs from this process strictly increase.
    """
    now = time.time_ns() // 1_000_000
    with _uuid7_lock:
        last_ms, last_counter = _uuid7_last
        if now > last_ms:
            ms, first = now, secrets.randbits(_UUID7_COUNTER_BITS - 1)
        else:
            ms, first = last_ms, last_counter + 1
        if first + count > 1 << _UUID7_COUNTER_BITS:
            ms, first = ms + 1, 0
        _uuid7_last[:] = [ms, first + count - 1]
    return ms, first


def new_uuids(count: int) -> list[str]:
    """``count`` time-ordered UUIDs (version 7) as text, strictly increasing.

    Version 7 (48-bit Unix milliseconds, then a counter, then random bits) instead of random
    version 4: a new row's UUID sorts after the ones before it, so the UNIQUE index on ``uuid``
    grows at its right edge instead of touching a random page of a large B-tree for each row
    (a million-reading import spent most of its time there). Still unique across databases: the
    counter starts at a random value and 32 bits of each UUID are random.
    """
    if count <= 0:
        return []
    ms, first = _uuid7_take(count)
    head = f"{ms:012x}"
    head = f"{head[:8]}-{head[8:]}-7"
    # 32 random bits a UUID, as 8 hex digits each (bytes.hex groups them in C)
    tails = secrets.token_bytes(4 * count).hex(" ", 4).split(" ")
    out: list[str] = []
    counter, end = first, first + count
    while counter < end:
        # the counter's bits 41..30 follow the version digit; the variant (10), bits 29..16 make
        # the fourth group; bits 15..0 start the last one: made 65,536 at a time from a table
        upper = counter >> 16
        block_end = min(end, (upper + 1) << 16)
        prefix = f"{head}{upper >> 14:03x}-{0x8000 | (upper & 0x3FFF):04x}-"
        lows = _hex4()[counter & 0xFFFF:((block_end - 1) & 0xFFFF) + 1]
        out += [f"{prefix}{low}{tail}"
                for low, tail in zip(lows, tails[counter - first:block_end - first], strict=True)]
        counter = block_end
    return out


@functools.cache
def _hex4() -> list[str]:
    return [f"{i:04x}" for i in range(1 << 16)]


def new_uuid() -> str:
    """A new row's UUID: time-ordered (version 7), see ``new_uuids``; the same layout written
    out for one (every new row asks for one: a third of the time ``new_uuids(1)`` took)."""
    ms, counter = _uuid7_take(1)
    return (f"{ms >> 16:08x}-{ms & 0xFFFF:04x}-7{counter >> 30:03x}-"
            f"{0x8000 | ((counter >> 16) & 0x3FFF):04x}-{counter & 0xFFFF:04x}"
            f"{secrets.randbits(32):08x}")


def utc_now() -> dt.datetime:
    """Naive UTC, the form every timestamp is stored in."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_rows(model: type[_Row], rows: Sequence[dict[str, Any]]) -> list[_Row]:
    """``model(**values)`` for each of ``rows``, the fields' defaults made once for all: the
    UUIDs in one batch, one moment for every ``utc_now`` default, the other defaults as peewee
    makes them (a save's six readings: half the time ``model(**values)`` each took)."""
    meta: Any = model._meta  # peewee's defaults, as ``Model.__init__`` reads them
    uuids = iter(new_uuids(len(rows) * sum(1 for _name, default in meta._default_callable_list
                                           if default is new_uuid)))
    now = utc_now()
    out: list[_Row] = []
    for values in rows:
        defaults = meta._default_by_name.copy()
        for name, default in meta._default_callable_list:
            defaults[name] = next(uuids) if default is new_uuid else now \
                if default is utc_now else default()
        row: Any = model(__no_default__=True, **values)
        row.__data__ = {**defaults, **row.__data__}
        row._dirty.update(defaults)
        out.append(row)
    return out


class BaseModel(Model):
    id = AutoField()  # what peewee adds by itself; spelled out so type checkers see it
    uuid = CharField(max_length=36, unique=True, default=new_uuid)

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Patient(BaseModel):
    chart = CharField(max_length=limits.CHART, unique=True)
    family_name = CharField(max_length=limits.NAME)
    given_name = CharField(max_length=limits.NAME)
    # casefolded, accent-free copies for indexed prefix search ("nunez" finds "Núñez")
    family_key = CharField(max_length=limits.NAME, index=True)
    given_key = CharField(max_length=limits.NAME, index=True)
    birth_date = DateField(index=True)
    sex = CharField(max_length=1)
    dominant_side = CharField(max_length=1, null=True)
    diagnosis = TextField(default="")
    referring_physician = CharField(max_length=limits.REFERRING_PHYSICIAN, default="")
    contact = TextField(default="")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    updated_by = CharField(max_length=limits.CLINICIAN, default="")
    activities = TextField(default="")  # functional target keys, comma-separated (migration 4)
    language = CharField(max_length=16, default="")  # handout language, "" = clinic's (mig. 9)


class PatientWord(Model):
    """Where a search may match inside a name or chart ("nunez" in Ørsted-Núñez; migration 8).

    Derived from the patient's chart and names, rewritten with every change to them.
    """

    id = AutoField()
    patient = ForeignKeyField(Patient, backref="search_words", on_delete="CASCADE", index=False)
    word = CharField(max_length=120)
    if TYPE_CHECKING:
        patient_id: IntegerField[int]

    class Meta:
        database = database_proxy
        legacy_table_names = False
        table_name = "patient_word"


class Clinician(BaseModel):
    name = CharField(max_length=limits.CLINICIAN, unique=True)
    credentials = CharField(max_length=limits.CREDENTIALS, default="")
    active = BooleanField(default=True)


class Visit(BaseModel):
    patient = ForeignKeyField(Patient, backref="visits", on_delete="RESTRICT")
    # the clinic's wall clock (naive), its offset from UTC in minutes (migration 7)
    visit_at = DateTimeField()
    clinician = ForeignKeyField(Clinician, null=True, backref="visits", on_delete="SET NULL")
    kind = CharField(max_length=30, default="follow_up")
    pain = IntegerField(null=True)
    notes = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utc_now)
    created_by = CharField(max_length=limits.CLINICIAN, default="")
    updated_at = DateTimeField(default=utc_now)
    updated_by = CharField(max_length=limits.CLINICIAN, default="")
    # uuid of the import's audit event when the row came from a CSV import (its digest covers it)
    import_batch = CharField(max_length=36, null=True, index=True)
    utc_offset = IntegerField(null=True)
    late_entry = BooleanField(default=False)
    if TYPE_CHECKING:  # peewee's ``<fk>_id`` accessors, declared for type checkers only
        patient_id: IntegerField[int]
        clinician_id: IntegerField[int | None]

    class Meta:
        indexes = ((("patient", "visit_at"), True),)


class Reading(BaseModel):
    """Append-only. An amendment or a void is a new row whose ``supersedes`` names the original."""

    visit = ForeignKeyField(Visit, backref="readings", on_delete="RESTRICT")
    joint = CharField(max_length=30)
    motion = CharField(max_length=40)
    side = CharField(max_length=1)
    mode = CharField(max_length=10)
    position = CharField(max_length=10)
    degrees = DoubleField()
    instrument = CharField(max_length=30, default="universal_goniometer")
    note = TextField(default="")
    created_at = DateTimeField(default=utc_now)
    created_by = CharField(max_length=limits.CLINICIAN, default="")
    supersedes = ForeignKeyField(
        "self", null=True, unique=True, backref="superseded_by", on_delete="RESTRICT"
    )
    reason = TextField(default="")
    is_void = BooleanField(default=False)
    # uuid of the import's audit event when the row came from a CSV import (its digest covers it)
    import_batch = CharField(max_length=36, null=True, index=False)  # migration 3: no index
    if TYPE_CHECKING:
        visit_id: IntegerField[int]
        supersedes_id: IntegerField[int | None]


class Treatment(BaseModel):
    patient = ForeignKeyField(Patient, backref="treatments", on_delete="RESTRICT")
    kind = CharField(max_length=30)
    start_date = DateField()
    end_date = DateField(null=True)
    side = CharField(max_length=1, default="B")
    sessions_planned = IntegerField(null=True)
    sessions_attended = IntegerField(null=True)
    cost = DoubleField(null=True)
    details = TextField(default="")
    notes = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    updated_by = CharField(max_length=limits.CLINICIAN, default="")
    if TYPE_CHECKING:
        patient_id: IntegerField[int]

    class Meta:
        indexes = ((("patient", "kind", "start_date", "side"), True),)


class Goal(BaseModel):
    patient = ForeignKeyField(Patient, backref="goals", on_delete="RESTRICT")
    joint = CharField(max_length=30)
    motion = CharField(max_length=40)
    side = CharField(max_length=1, default="B")
    target_degrees = DoubleField()
    label = CharField(max_length=limits.GOAL_LABEL, default="")
    if TYPE_CHECKING:
        patient_id: IntegerField[int]


class AuditEvent(Model):
    """Insert-only. ``hash`` = SHA-256 over the previous hash and this event's canonical JSON."""

    id = AutoField()
    at = DateTimeField(default=utc_now, index=True)
    os_user = CharField(max_length=limits.CLINICIAN, default="")
    clinician = CharField(max_length=limits.CLINICIAN, default="")
    action = CharField(max_length=30)
    entity = CharField(max_length=30)
    entity_uuid = CharField(max_length=36, index=True, default="")
    patient_uuid = CharField(max_length=36, index=True, default="")
    before = TextField(null=True)
    after = TextField(null=True)
    prev_hash = CharField(max_length=64)
    hash = CharField(max_length=64, unique=True)

    class Meta:
        database = database_proxy
        legacy_table_names = False


class AuditPending(Model):
    """An audit event written with its change but not yet in the chain (clinic server only).

    ``mac`` is the event's own HMAC under the clinic secret (``audit.event_mac``); right after
    the change commits, ``audit.seal_waiting`` moves it into ``AuditEvent`` at the chain's end.
    """

    id = AutoField()
    at = DateTimeField(default=utc_now)
    os_user = CharField(max_length=limits.CLINICIAN, default="")
    clinician = CharField(max_length=limits.CLINICIAN, default="")
    action = CharField(max_length=30)
    entity = CharField(max_length=30)
    entity_uuid = CharField(max_length=36, default="")
    patient_uuid = CharField(max_length=36, default="")
    before = TextField(null=True)
    after = TextField(null=True)
    mac = CharField(max_length=64)

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Setting(Model):
    id = AutoField()
    key = CharField(max_length=80, unique=True)
    value = TextField()  # JSON

    class Meta:
        database = database_proxy
        legacy_table_names = False


ALL_MODELS: tuple[type[Model], ...] = (
    Patient,
    PatientWord,
    Clinician,
    Visit,
    Reading,
    Treatment,
    Goal,
    AuditEvent,
    AuditPending,
    Setting,
)
