"""Flesch-Kincaid grade level, small and dependency-free (for the patient-facing wording tests).

grade = 0.39 × words per sentence + 11.8 × syllables per word − 15.59 (Kincaid et al. 1975).
Syllables are counted with the usual vowel-group heuristic (silent final "e", "-es", "-ed"),
which is within about one syllable a word of a dictionary count for plain English.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)")


def syllables(word: str) -> int:
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 0
    if len(word) <= 3:
        return 1
    word = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", word)
    word = re.sub(r"^y", "", word)
    return max(1, len(re.findall(r"[aeiouy]{1,2}", word)))


def sentences(text: str) -> int:
    """Sentence ends; a text without one (a bullet, a heading) is one sentence."""
    return max(1, len(_SENTENCE_END.findall(text.strip() + " ")))


def fk_grade(texts: list[str]) -> float:
    """The grade of ``texts`` read together; each text ends at least one sentence."""
    words = [w for t in texts for w in _WORD.findall(t)]
    count = sum(sentences(t) for t in texts)
    syl = sum(syllables(w) for w in words)
    return 0.39 * len(words) / count + 11.8 * syl / len(words) - 15.59
