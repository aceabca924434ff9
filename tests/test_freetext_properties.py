"""Properties of every free-text reader: total (never raises), canonical output, cheap import."""

from __future__ import annotations

import re
import subprocess
import sys
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from audit_lib.freetext import (
    art9_condition,
    art9_conditions_named,
    countries_in,
    country_code,
    legal_bases_named,
    legal_basis,
    read_retention,
    region,
    safeguards_named,
    transfer_safeguard,
    yes_no,
)
from audit_lib.schemas._fields import ART9_CONDITIONS, LEGAL_BASES, SAFEGUARDS, TRIGGERS

ISO_DURATION = re.compile(r"^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?$")

# register-like words mixed with any Unicode, so the patterns are exercised, not only skipped
WORDS = st.sampled_from(
    [
        "consent", "contract", "6(1)(b)", "9(2)(a)", "Art.", "article 10", "and", ",", ";", "|",
        "(", ")", "/", "no", "not", "sans", "years", "ans", "Jahre", "mois", "P3Y", "P2W", "six",
        "(6)", "1.5", "after", "account deletion", "fin du contrat", "de travail", "last contact",
        "collecte", "Korea, Republic of", "United States", "États-Unis", "UK", "EL", "EU/EEA",
        "SCC", "BCR", "Privacy Shield", "formerly", "DPF", "Yes", "Nein", "x", "✓", "ß", "İ",
        "\u0301", "\u200b", "\n", "  ",
    ]
)  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(WORDS | st.text(max_size=8), max_size=40).map(" ".join),
    st.lists(WORDS, max_size=60).map("".join),
)
VALUES = st.one_of(
    TEXTS,
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.lists(st.text(max_size=5), max_size=3),
)


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_readers_are_total_and_canonical(value):
    basis = legal_basis(value)
    assert basis is None or basis in LEGAL_BASES
    assert set(legal_bases_named(value)) <= set(LEGAL_BASES)
    condition = art9_condition(value)
    assert condition is None or condition in ART9_CONDITIONS
    assert set(art9_conditions_named(value)) <= set(ART9_CONDITIONS)
    safeguard = transfer_safeguard(value)
    assert safeguard is None or safeguard in (*SAFEGUARDS, "privacy_shield")
    assert set(safeguards_named(value)) <= {*SAFEGUARDS, "privacy_shield"}
    code = country_code(value)
    assert code is None or re.fullmatch(r"[A-Z]{2}", code)
    codes, unknown = countries_in(value)
    assert all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    assert len(set(codes)) == len(codes)
    assert all(isinstance(item, str) and item.strip() for item in unknown)
    assert region(value) in (None, "EEA", "WORLDWIDE")
    assert yes_no(value) in (None, True, False)
    reading = read_retention(value)
    assert reading.duration is None or ISO_DURATION.match(reading.duration)
    assert reading.trigger is None or reading.trigger in TRIGGERS
    assert reading.note
    assert reading.text == (value if isinstance(value, str) else "")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_unknown_items_are_written_as_in_the_cell(text):
    _, unknown = countries_in(text)
    assert all(item in text for item in unknown)


def test_long_cells_stay_fast():
    cells = [
        "x" * 100_000,
        "a, " * 5_000,
        "1 year and " * 2_000,
        "(" * 10_000,
        "consent not " * 3_000,
        "9(2)(a) and (b) " * 1_000,
        "United States, " * 1_000,
    ]
    country_code("warm the index up")
    for cell in cells:
        started = time.perf_counter()
        for reader in (
            legal_basis,
            art9_condition,
            transfer_safeguard,
            country_code,
            countries_in,
            region,
            yes_no,
            read_retention,
        ):
            reader(cell)
        assert time.perf_counter() - started < 2.0, cell[:20]


def test_import_is_cheap():
    """Importing the package compiles no pattern table and builds no country index."""
    code = (
        "import sys, audit_lib.freetext as f; "
        "from audit_lib.freetext import countries, retention; "
        "assert 'pycountry' not in sys.modules; "
        "assert countries.name_index.cache_info().currsize == 0; "
        "assert retention._patterns.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
