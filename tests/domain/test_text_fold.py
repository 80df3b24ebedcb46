"""Folding for search and matching: case- and accent-insensitive."""

from __future__ import annotations

import unicodedata

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


def _fold_in_full(text: str) -> str:
    """Every step of ``fold``, for texts its ASCII shortcut skips them for."""
    import unicodedata

    from ptlog.domain.text import _SPECIAL

    lowered = unicodedata.normalize("NFKD", text).casefold().translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=30))
def test_the_ascii_shortcut_folds_as_every_step_would(text: str) -> None:
    assert fold(text) == _fold_in_full(text)


def test_the_ascii_shortcut_covers_every_ascii_character() -> None:
    every = "".join(map(chr, range(128)))
    assert fold(every) == _fold_in_full(every)
    assert all(fold(f"a{ch}b") == _fold_in_full(f"a{ch}b") for ch in every)


@given(st.text(min_size=1, max_size=20))
def test_a_name_that_is_one_word_to_search_has_no_inner_word(text: str) -> None:
    """``search_words`` skips the word search of a name that ``isalnum``: it must find a
    single word at the start there, as the regular expression does."""
    from ptlog.domain.text import _WORD

    if text.isalnum():
        assert [match.span() for match in _WORD.finditer(text)] == [(0, len(text))]


@given(st.text(alphabet=st.sampled_from("aZ9_- 'ßØ\u0301\u00b2\u0663"), max_size=12),
       st.text(alphabet=st.sampled_from("aZ9_- 'ßØ\u0301"), max_size=12))
def test_search_words_are_each_word_start_after_the_first(family: str, given_: str) -> None:
    from ptlog.domain.text import _WORD, NAME, search_words

    expected = {folded[match.start():][:NAME] for folded in (fold(family), fold(given_))
                for match in _WORD.finditer(folded) if match.start() > 0}
    assert search_words("X", family, given_) == expected


def test_composed_gives_the_one_character_a_keyboard_writes() -> None:
    from ptlog.domain.text import composed

    decomposed = unicodedata.normalize("NFD", "Núñez-Çelik, Zoë")
    assert len(decomposed) == 20
    assert composed(decomposed) == "Núñez-Çelik, Zoë"
    assert len(composed(decomposed)) == 16
    plain = "Smith"
    assert composed(plain) is plain  # nothing to do: the same object, no copy
    already = "Ørsted"
    assert composed(already) is already
