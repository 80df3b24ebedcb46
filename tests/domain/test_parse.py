"""The one parser for numbers and dates (issue 14 item 7): what it takes, what it refuses."""

from __future__ import annotations

import datetime as dt
import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptlog.domain.catalog import catalog
from ptlog.domain.checks import Plausibility, check_plausible, unflagged_range
from ptlog.domain.limits import MAX_COST, MAX_SESSIONS, InputError
from ptlog.domain.parse import (
    degrees_or_none,
    format_number,
    is_plain_number,
    parse_count,
    parse_date,
    parse_decimal,
    parse_degrees,
    parse_money,
    parse_visit_time,
)
from ptlog.domain.text import for_terminal, from_spreadsheet_safe, spreadsheet_safe


@pytest.mark.parametrize(("text", "value"), [
    ("30", 30.0), ("-5", -5.0), ("+5", 5.0), ("22.5", 22.5), ("22,5", 22.5), (" 7 ", 7.0),
    (",5", 0.5), ("5.", 5.0), ("-0", 0.0), ("0.125", 0.125), ("1.200", 1.2),
])
def test_plain_decimals_are_numbers(text: str, value: float) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", [
    "٣٠", "３０", "3_0", "1e2", "1E2", "nan", "NaN", "inf", "-inf", "Infinity", "0x1e", "1.5.2",
    "1,5,2", "--5", "+-5", "5-", ".", ",", "-", "3 0", "30 deg", "½", "²", "1" + "0" * 400,
    "\x00", "30\x00",
])
def test_anything_else_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="is not a"):
        parse_decimal(text)


def test_a_comma_before_three_digits_is_ambiguous_not_guessed() -> None:
    # the hint says which is which: a European following "write 1200 or 1.200" typed 1.200
    # for twelve hundred and had 1.2 stored
    with pytest.raises(InputError, match=r"ambiguous.*write 1200 for the whole number, or "
                                         r"1\.200 with a decimal point"):
        parse_decimal("1,200")


def test_empty_is_named() -> None:
    with pytest.raises(InputError, match="no number of degrees given"):
        parse_degrees("  °")
    assert degrees_or_none(" ° ") is None
    assert degrees_or_none("35°") == 35.0


def test_the_field_is_carried() -> None:
    with pytest.raises(InputError) as caught:
        parse_degrees("x", field="degrees")
    assert caught.value.field == "degrees"


@given(st.text(max_size=12))
def test_whatever_the_text_a_number_is_finite_and_made_of_ascii(text: str) -> None:
    """No text reads as NaN or infinity, and only ASCII digits make a number."""
    try:
        value = parse_decimal(text)
    except InputError:
        return
    assert math.isfinite(value)
    assert re.fullmatch(r"[+-]?[0-9]*[.,]?[0-9]*", text.strip(), re.ASCII)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_written_numbers_read_back_the_same(value: float) -> None:
    """What the CSV export writes, the importer reads back to the same float."""
    text = format_number(value)
    assert "e" not in text.lower()
    assert parse_decimal(text) == value + 0.0


def test_format_number_refuses_what_json_and_csv_cannot_hold() -> None:
    for value in (math.nan, math.inf):
        with pytest.raises(ValueError, match="no number"):
            format_number(value)
    assert (format_number(35.0), format_number(1e-5), format_number(None)) == ("35", "0.00001", "")


def test_money_has_a_sane_limit() -> None:
    assert parse_money("$1200.50") == 1200.5
    assert parse_money("0") == 0.0
    assert parse_money(f"{MAX_COST:.0f}") == MAX_COST
    for text, words in (("1.7e308", "not an amount"), ("-3", "negative"),
                        (f"{MAX_COST + 1:.0f}", "more than 10,000,000"),
                        ("1 200", "not an amount"), ("$1,200", "ambiguous")):
        with pytest.raises(InputError, match=words):
            parse_money(text)


def test_counts_are_whole_and_bounded() -> None:
    assert parse_count("12") == 12
    assert parse_count(str(MAX_SESSIONS)) == MAX_SESSIONS
    for text in ("-1", "1.5", "1e2", "٣", "", "9" * 5000, str(MAX_SESSIONS + 1)):
        with pytest.raises(InputError, match="sessions"):
            parse_count(text)


@pytest.mark.parametrize("text", [
    "2026-W05-5", "20260130", "2026-01-30T08:00", "2026-1-30", "2026-02-30", "30.01.2026",
    "٢٠٢٦-٠١-٣٠", "2026-01-30 ", "",
])
def test_a_date_is_yyyy_mm_dd_and_nothing_else(text: str) -> None:
    if text == "2026-01-30 ":  # blanks around are fine
        assert parse_date(text) == dt.date(2026, 1, 30)
        return
    with pytest.raises(InputError, match="expected YYYY-MM-DD"):
        parse_date(text)


def test_dates_in_range() -> None:
    with pytest.raises(InputError, match="in the future"):
        parse_date("2026-02-01", latest=dt.date(2026, 1, 31))
    with pytest.raises(InputError, match="before 1880"):
        parse_date("1879-12-31")


@pytest.mark.parametrize(("text", "value"), [
    ("2026-01-30", dt.datetime(2026, 1, 30)),
    ("2026-01-30T08:05", dt.datetime(2026, 1, 30, 8, 5)),
    ("2026-01-30T08:05:09", dt.datetime(2026, 1, 30, 8, 5, 9)),  # ptlog writes seconds it has
])
def test_visit_times(text: str, value: dt.datetime) -> None:
    assert parse_visit_time(text) == value


@pytest.mark.parametrize("text", [
    "2026-01-30 08:05", "2026-01-30T08:05+02:00", "2026-01-30T08:05Z", "2026-01-30T8:05",
    "2026-01-30T24:00", "2026-W05-5T08:00", "20260130T0805", "2026-01-30T08:05:09.5",
])
def test_visit_times_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a visit date"):
        parse_visit_time(text)


@pytest.mark.parametrize("key", list(catalog()), ids=str)
def test_the_import_shortcut_passes_exactly_what_check_plausible_passes(key: object) -> None:
    """The CSV import tests a value against ``unflagged_range`` and asks check_plausible only
    outside it: both must agree on every value."""
    spec = catalog()[key]  # type: ignore[index]
    low, high = unflagged_range(spec)
    for tenth in range(-3600, 3601):
        degrees = tenth / 10
        quiet = check_plausible(degrees, spec).verdict is Plausibility.OK
        assert quiet == (low <= degrees <= high), degrees


@pytest.mark.parametrize(("cell", "written"), [
    ("=cmd|'/c calc'!A1", "'=cmd|'/c calc'!A1"), ("+SUM(A1)", "'+SUM(A1)"), ("@x", "'@x"),
    ("-x", "'-x"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("'x", "''x"), ("-5", "-5"),
    ("+2.5", "+2.5"), ("-2+3", "'-2+3"), ("-1e3", "'-1e3"), ("x=1", "x=1"), ("", ""),
])
def test_cells_a_spreadsheet_would_run_are_protected(cell: str, written: str) -> None:
    assert spreadsheet_safe(cell) == written
    assert from_spreadsheet_safe(written) == cell


@given(st.text(max_size=20))
def test_protecting_a_cell_is_undone_exactly(cell: str) -> None:
    protected = spreadsheet_safe(cell)
    assert from_spreadsheet_safe(protected) == cell
    assert not protected or protected[0] not in "=+-@\t\r" or is_plain_number(protected)


@pytest.mark.parametrize(("text", "shown"), [
    ("Ann\x1b[31mRed\x1b[0m", "Ann[31mRed[0m"), ("a\x00b\x07c\x08", "abc"),
    ("evil\u202etxt.exe", "eviltxt.exe"), ("two\nlines\ttab", "two lines tab"),
    ("Ørsted-Núñez", "Ørsted-Núñez"), ("csi\x9b2J", "csi2J"),
])
def test_terminal_output_loses_control_characters(text: str, shown: str) -> None:
    assert for_terminal(text) == shown
    assert for_terminal("a\nb", keep_newlines=True) == "a\nb"
