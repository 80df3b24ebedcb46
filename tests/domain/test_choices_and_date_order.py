"""Codes or the window's labels for enumerations; dates in an order only when the user says."""

from __future__ import annotations

import pytest

from ptlog.domain import records as d
from ptlog.domain.choices import catalog_name, code_of
from ptlog.domain.date_order import DateOrder, DateOrderError, iso_text, parse_order


@pytest.mark.parametrize(("kind", "text", "code"), [
    (d.Side, "L", "L"), (d.Side, "Left", "L"), (d.Side, " right ", "R"),
    (d.Instrument, "Universal goniometer", "universal_goniometer"),
    (d.Instrument, "UNIVERSAL_GONIOMETER", "universal_goniometer"),
    (d.Position, "Seated", "seated"), (d.Mode, "Passive", "passive"),
    (d.Sex, "Female", "F"), (d.Sex, "x", "X"), (d.TreatmentSide, "Both", "B"),
    (d.TreatmentKind, "Steroid injection", "steroid_injection"),
])
def test_codes_and_labels_name_the_same_value(kind: type, text: str, code: str) -> None:
    assert code_of(kind, text) == code


@pytest.mark.parametrize(("kind", "text"), [(d.Side, "B"), (d.Side, "Lft"), (d.Mode, "act"),
                                            (d.Position, ""), (d.Sex, "Frau")])
def test_anything_else_is_refused(kind: type, text: str) -> None:
    assert code_of(kind, text) is None


def test_labels_are_the_ones_the_window_shows() -> None:
    assert [m.label for m in d.Position] == ["Seated", "Prone", "Supine", "Standing"]
    assert d.Instrument.UNIVERSAL_GONIOMETER.label == "Universal goniometer"
    assert [s.label for s in d.Sex] == ["Female", "Male", "Other", "Unknown"]


def test_catalog_names() -> None:
    assert catalog_name("Internal rotation") == "internal_rotation"
    assert catalog_name(" Hip ") == "hip"


@pytest.mark.parametrize(("text", "order", "iso"), [
    ("15/06/2026", DateOrder.DAY_FIRST, "2026-06-15"),
    ("06/15/2026", DateOrder.MONTH_FIRST, "2026-06-15"),
    ("5.1.2026", DateOrder.DAY_FIRST, "2026-01-05"),
    ("05-01-2026 08:30", DateOrder.DAY_FIRST, "2026-01-05T08:30"),
    ("2026-06-15", DateOrder.DAY_FIRST, "2026-06-15"),  # ISO is always ISO
    ("2026-06-15", DateOrder.ISO, "2026-06-15"),
    ("garbage", DateOrder.ISO, "garbage"),  # left for the ISO parser to refuse
])
def test_dates_are_read_in_the_chosen_order(text: str, order: DateOrder, iso: str) -> None:
    assert iso_text(text, order) == iso


def test_without_an_order_a_day_month_date_names_the_option() -> None:
    with pytest.raises(DateOrderError, match="--date-order DMY or MDY"):
        iso_text("04/05/2026")


@pytest.mark.parametrize(("text", "order"), [("06/15/2026", DateOrder.DAY_FIRST),
                                             ("15/06/2026", DateOrder.MONTH_FIRST),
                                             ("31/02/2026", DateOrder.DAY_FIRST),
                                             ("01/02/2026 25:00", DateOrder.DAY_FIRST)])
def test_a_date_that_does_not_fit_the_order_is_refused(text: str, order: DateOrder) -> None:
    with pytest.raises(DateOrderError, match="not a date in|no valid time"):
        iso_text(text, order)


def test_order_names() -> None:
    assert parse_order("dmy") is DateOrder.DAY_FIRST
    assert parse_order("ISO") is DateOrder.ISO
    with pytest.raises(DateOrderError):
        parse_order("DYM")
