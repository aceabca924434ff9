"""Tests for audit_lib.freetext.booleans: yes/no cells in five languages, spreadsheet booleans."""

from __future__ import annotations

import pytest

from audit_lib.freetext import FALSE_WORDS, TRUE_WORDS, yes_no

EXAMPLES = [
    ("true", True),
    ("FALSE", False),
    ("yes", True),
    ("No", False),
    ("y", True),
    ("N", False),
    ("1", True),
    ("0", False),
    ("oui", True),
    ("Non", False),
    ("vrai", True),
    ("faux", False),
    ("t", True),
    ("f", False),
    ("Ja", True),
    ("nein", False),
    ("sí", True),
    ("si", True),
    ("Sì", True),
    ("wahr", True),
    ("falsch", False),
    ("x", True),
    ("X", True),
    ("✓", True),
    (" Yes ", True),
    ("Yes - see DPIA-12", True),
    ("No.", False),
    ("Yes, completed in 2023", True),
    ("Non (pas de risque élevé)", False),
    ("Nein, nicht erforderlich", False),
    ("yes.", True),
    # not a yes or a no
    ("", None),
    ("   ", None),
    ("N/A", None),
    ("Not applicable", None),
    ("Non applicable", None),
    ("Yes/No", None),
    ("Not yet", None),
    ("TBC", None),
    ("2", None),
    ("1 year", None),
    ("Pending", None),
    ("nope", None),
    ("yesterday", None),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_yes_no(text, expected):
    assert yes_no(text) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), (1, True), (0, False), (1.0, True), (0.0, False)],
)
def test_spreadsheet_values(value, expected):
    assert yes_no(value) is expected


@pytest.mark.parametrize("value", [None, 2, -1, 0.5, float("nan"), [True], b"yes"])
def test_other_values_are_unknown(value):
    assert yes_no(value) is None


def test_numpy_booleans():
    import numpy as np

    assert yes_no(np.bool_(True)) is True
    assert yes_no(np.int64(0)) is False


def test_word_sets_cover_the_schema_words():
    assert {"true", "yes", "y", "1", "oui", "vrai", "t"} <= TRUE_WORDS
    assert {"false", "no", "n", "0", "non", "faux", "f"} <= FALSE_WORDS
    assert {"ja", "sí", "si", "sì", "wahr"} <= TRUE_WORDS
    assert {"nein", "falsch"} <= FALSE_WORDS
    assert not TRUE_WORDS & FALSE_WORDS
