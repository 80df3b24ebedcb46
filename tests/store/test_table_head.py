"""A look at a CSV file's first rows reads its start only, in whole lines, and says whether that
was all of it; the import still reads (and checks) the whole file."""

from __future__ import annotations

from pathlib import Path

import pytest

from ptlog.store.csv_text import CsvImportError
from ptlog.store.sheets import open_table, open_table_head


def _rows(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [list(cells) for _number, cells in table.body]


def test_only_the_start_is_read_and_a_bad_byte_later_is_left_to_the_import(
        tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    lines = ["chart;note"] + [f"C{n:05d};Grüße {n}" for n in range(40_000)]
    path.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b"C99999;caf\xe9\n")

    table, whole = open_table_head(path, size=4096)
    rows = _rows(table)
    assert not whole
    assert table.header == ["chart", "note"]
    assert table.separator == ";"
    assert rows[0] == ["C00000", "Grüße 0"]
    assert 0 < len(rows) < 4096 // 10  # whole lines out of the first 4 KiB, no more
    assert all(len(row) == 2 and row[1] == f"Grüße {int(row[0][1:])}" for row in rows)

    with pytest.raises(CsvImportError, match="not UTF-8") as refused:
        open_table(path)
    assert refused.value.problems[0].line == len(lines) + 1


def test_a_cut_through_a_letter_or_a_quoted_cell_keeps_whole_lines(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    body = 'chart,note\nA1,"two\nlines"\nA2,é\n'
    path.write_text(body, encoding="utf-8")
    cut_in_letter = len(body.encode("utf-8")) - 2  # inside the two bytes of "é"
    table, whole = open_table_head(path, size=cut_in_letter)
    assert not whole
    assert _rows(table) == [["A1", "two\nlines"]]  # cut after "lines\"\n", before A2
    table, whole = open_table_head(path, size=19)  # inside the quoted cell
    assert not whole
    assert _rows(table) == [["A1", "two\n"]]  # begun, cut short: the caller reads on


def test_a_small_file_or_one_long_line_is_read_whole(tmp_path: Path) -> None:
    small = tmp_path / "small.csv"
    small.write_text("chart,note\nA1,x\n", encoding="utf-8")
    table, whole = open_table_head(small, size=1 << 18)
    assert whole
    assert _rows(table) == [["A1", "x"]]
    long_line = tmp_path / "long.csv"
    long_line.write_text("chart," + "x" * 5000 + "\nA1,y\n", encoding="utf-8")
    table, whole = open_table_head(long_line, size=100)
    assert whole
    assert _rows(table) == [["A1", "y"]]


def test_what_a_preview_refuses_it_refuses_as_the_import_does(tmp_path: Path) -> None:
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\x00\x00" * 10)
    with pytest.raises(CsvImportError, match="binary file"):
        open_table_head(binary)
    old = tmp_path / "old.xls"
    old.write_bytes(b"whatever")
    with pytest.raises(CsvImportError, match="old Excel"):
        open_table_head(old)
    with pytest.raises(CsvImportError, match="--sheet is for"):
        open_table_head(binary, "Sheet1")


def test_excel_unicode_text_is_read_as_utf16_and_a_torn_one_is_named(tmp_path: Path) -> None:
    """Excel's "Unicode Text" is UTF-16 with a byte-order mark, tab-separated: read, in the
    preview (whole: a cut must not split a letter's two bytes) and by the import alike."""
    path = tmp_path / "unicode text.txt"
    lines = ["chart\tnote"] + [f"C{n}\tÜbung {n}" for n in range(500)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-16")
    table, whole = open_table_head(path, size=256)
    assert whole
    assert table.separator == "\t"
    assert _rows(table)[499] == ["C499", "Übung 499"]
    assert [list(c) for _n, c in open_table(path).body][:1] == [["C0", "Übung 0"]]
    torn = tmp_path / "torn.txt"
    torn.write_bytes("chart\tnote\nC1\tx\n".encode("utf-16") + b"\x00\xd8")  # half a letter
    with pytest.raises(CsvImportError, match="not whole UTF-16 text") as refused:
        open_table(torn)
    assert refused.value.problems[0].line == 3
