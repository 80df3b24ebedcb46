"""``models.new_rows``: the rows ``model(**values)`` makes, their defaults made once for all."""

from __future__ import annotations

import datetime as dt
import uuid

from ptlog.store import models as m


def test_new_rows_are_the_rows_peewee_makes_with_one_batch_of_uuids_and_one_moment() -> None:
    visit = m.Visit(id=5, patient=3, visit_at=dt.datetime(2020, 1, 1, 8))
    values = [{"visit": visit, "joint": "hip", "motion": "flexion", "side": side,
               "mode": "active", "position": "seated", "degrees": 30.0 + n,
               "created_by": "u"} for n, side in enumerate("LRL")]
    made = m.new_rows(m.Reading, values)
    peewee = [m.Reading(**one) for one in values]
    for fast, slow in zip(made, peewee, strict=True):
        ours, theirs = dict(fast.__data__), dict(slow.__data__)
        assert sorted(ours) == sorted(theirs)  # every default set, note and reason too
        for made_once in ("uuid", "created_at"):
            ours.pop(made_once)
            theirs.pop(made_once)
        assert ours == theirs
        assert fast._dirty == slow._dirty
        assert fast.visit is visit
    uuids = [row.uuid for row in made]
    assert uuids == sorted(uuids)
    assert len(set(uuids)) == len(uuids)
    assert all(uuid.UUID(u).version == 7 for u in uuids)
    assert len({row.created_at for row in made}) == 1
    assert abs(made[0].created_at - m.utc_now()) < dt.timedelta(seconds=5)
    assert m.new_rows(m.Reading, []) == []
