"""Folding for search and matching: case- and accent-insensitive."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ptlog.domain.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Núñez", "nunez"),
        ("NÚÑEZ", "nunez"),
        ("Øster", "oster"),
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Łódź", "lodz"),
        (" Ærø ", "aero"),
        ("Œuvre", "oeuvre"),
        ("Þór", "thor"),
        ("Đorđević", "dordevic"),
        ("Zoë-Françoise", "zoe-francoise"),
        ("ﬁnn", "finn"),  # compatibility ligature
        ("𝘼lba", "alba"),  # styled letters decompose to upper case: fold after NFKD
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@given(st.text(max_size=30))
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)
