"""``Changes``: what a use case changed, as the views read it."""

from __future__ import annotations

from ptlog.services.changes import NOTHING, Changes


def test_nothing_is_false_and_anything_is_true() -> None:
    assert not NOTHING
    assert not Changes.of(readings=[None])  # a reading without a patient id names nobody
    assert Changes.of(readings=[3])
    assert Changes(settings=True)
    assert Changes.all()


def test_touches_only_the_patients_named() -> None:
    saved = Changes.of(readings=[3], visits=[3])
    assert saved.touches(3)
    assert not saved.touches(4)
    assert not saved.touches(None)
    assert not saved.patient_list  # a save does not change who is in the list


def test_everything_and_settings_touch_every_open_patient() -> None:
    for changes in (Changes.all(), Changes(settings=True)):
        assert changes.touches(1)
        assert changes.touches(99)
        assert not changes.touches(None)
    assert Changes.all().patient_list
    assert not Changes(settings=True).patient_list


def test_union_keeps_both_sides() -> None:
    both = Changes.of(patients=[1]) | Changes.of(treatments=[2], settings=True)
    assert both == Changes(frozenset({1}), frozenset(), frozenset(), frozenset({2}), True, False)
    assert (both | Changes.all()).everything
    assert both.patient_list
    assert both.touches(2)
