"""peewee models of DESIGN §3. Every row has an integer id and a stable UUID; times are UTC.

The schema itself is created by the numbered migrations, never by ``create_tables`` here.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from typing import TYPE_CHECKING

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

database_proxy = DatabaseProxy()


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def utc_now() -> dt.datetime:
    """Naive UTC, the form every timestamp is stored in."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class BaseModel(Model):
    id = AutoField()  # what peewee adds by itself; spelled out so type checkers see it
    uuid = CharField(max_length=36, unique=True, default=new_uuid)

    class Meta:
        database = database_proxy
        legacy_table_names = False


class Patient(BaseModel):
    chart = CharField(max_length=40, unique=True)
    family_name = CharField(max_length=120)
    given_name = CharField(max_length=120)
    # casefolded, accent-free copies for indexed prefix search ("nunez" finds "Núñez")
    family_key = CharField(max_length=120, index=True)
    given_key = CharField(max_length=120, index=True)
    birth_date = DateField(index=True)
    sex = CharField(max_length=1)
    dominant_side = CharField(max_length=1, null=True)
    diagnosis = TextField(default="")
    referring_physician = CharField(max_length=200, default="")
    contact = TextField(default="")
    notes = TextField(default="")
    archived = BooleanField(default=False)
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utc_now)
    updated_at = DateTimeField(default=utc_now)
    updated_by = CharField(max_length=120, default="")


class Clinician(BaseModel):
    name = CharField(max_length=120, unique=True)
    credentials = CharField(max_length=60, default="")
    active = BooleanField(default=True)


class Visit(BaseModel):
    patient = ForeignKeyField(Patient, backref="visits", on_delete="RESTRICT")
    visit_at = DateTimeField()
    clinician = ForeignKeyField(Clinician, null=True, backref="visits", on_delete="SET NULL")
    kind = CharField(max_length=30, default="follow_up")
    pain = IntegerField(null=True)
    notes = TextField(default="")
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utc_now)
    created_by = CharField(max_length=120, default="")
    updated_at = DateTimeField(default=utc_now)
    updated_by = CharField(max_length=120, default="")
    # uuid of the import's audit event when the row came from a CSV import (its digest covers it)
    import_batch = CharField(max_length=36, null=True, index=True)
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
    created_by = CharField(max_length=120, default="")
    supersedes = ForeignKeyField(
        "self", null=True, unique=True, backref="superseded_by", on_delete="RESTRICT"
    )
    reason = TextField(default="")
    is_void = BooleanField(default=False)
    # uuid of the import's audit event when the row came from a CSV import (its digest covers it)
    import_batch = CharField(max_length=36, null=True, index=True)
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
    updated_by = CharField(max_length=120, default="")
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
    label = CharField(max_length=120, default="")
    if TYPE_CHECKING:
        patient_id: IntegerField[int]


class AuditEvent(Model):
    """Insert-only. ``hash`` = SHA-256 over the previous hash and this event's canonical JSON."""

    id = AutoField()
    at = DateTimeField(default=utc_now, index=True)
    os_user = CharField(max_length=120, default="")
    clinician = CharField(max_length=120, default="")
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


class Setting(Model):
    id = AutoField()
    key = CharField(max_length=80, unique=True)
    value = TextField()  # JSON

    class Meta:
        database = database_proxy
        legacy_table_names = False


ALL_MODELS: tuple[type[Model], ...] = (
    Patient,
    Clinician,
    Visit,
    Reading,
    Treatment,
    Goal,
    AuditEvent,
    Setting,
)
