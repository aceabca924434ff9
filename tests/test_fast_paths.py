"""The fast paths of typing and validation give what the general paths give."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_lib import schemas
from audit_lib.schemas import _fields, check_register, parse_dates


def _dates_by_pandas(values: list[str | None]) -> pd.Series:
    return schemas._text_dates(pd.Series(values, dtype="str"), "iso").astype("datetime64[us]")


@pytest.mark.parametrize(
    "value",
    [
        "2026-01-05T10:00:00",
        "2026-01-05 10:00:00",
        "2026-01-05",
        "2026-01-05T10:00",
        "2026-01-05T10:00:00.123456",
        "2026-01-05T10:00:00.1234567",
        "2026-01-05T10:00:00Z",
        "2026-01-05T10:00:00+02:00",
        "2026-02-29",
        "2024-02-29",
        "2026-06-31",
        "2026-1-5",
        "2026.01.05",
        "2026-01-05T24:00:00",
        "03/04/2026",
        "not a date",
        None,
    ],
)
def test_arrow_dates_agree_with_pandas(value):
    # the value among valid ones, so that its block is the one refused by the cast (or not)
    values = ["2026-03-01"] * 5 + [value] + ["2026-03-02"] * 5
    fast = parse_dates(pd.Series(values, dtype="str"), "iso", keep_time=True)
    slow = _dates_by_pandas(values)
    pd.testing.assert_series_equal(fast, slow, check_names=False)


def test_a_refused_block_does_not_spoil_the_others(monkeypatch):
    monkeypatch.setattr(schemas, "_DATE_BLOCK", 4)
    values = [f"2026-01-{day:02d}" for day in range(1, 11)]
    values[5] = "2026-02-30"  # second block: parsed by pandas, NaT there only
    parsed = parse_dates(pd.Series(values, dtype="str"), "iso", keep_time=False)
    assert parsed.isna().tolist() == [i == 5 for i in range(10)]
    assert parsed.iloc[9] == pd.Timestamp("2026-01-10")
    assert parsed.dtype == "datetime64[us]"


def test_blank_cells_become_null_and_values_are_trimmed():
    series = pd.Series([" a ", "", "   ", None, "b\u00a0", "\tc"], dtype="str")
    typed = schemas._blank_to_na(series)
    assert typed.tolist()[:1] == ["a"]
    assert typed.isna().tolist() == [False, True, True, True, False, False]
    assert typed.tolist()[4:] == ["b", "c"]
    assert typed.dtype == series.dtype


def _trimmed_in_full(series: pd.Series) -> list:
    """What `_blank_to_na` gives when it trims every value (its general Arrow path)."""
    arrow = pa.chunked_array(series.array.__arrow_array__())
    trimmed = pc.utf8_trim_whitespace(arrow).to_pylist()
    return [None if value in (None, "") else value for value in trimmed]


def _text_series(chunks: list[list[str | None]], string_type, skip: int) -> pd.Series:
    """A str column over several Arrow chunks, the first one sliced (a chunk offset, as a
    register read in blocks has)."""
    arrays = [pa.array(chunk, type=string_type) for chunk in chunks]
    arrays[0] = arrays[0].slice(min(skip, len(arrays[0])))
    values = pa.chunked_array(arrays, type=string_type)
    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    return pd.Series(pd.arrays.ArrowStringArray(values, dtype=dtype))


TEXT = st.one_of(
    st.none(),
    st.sampled_from(
        ["", " ", "a", " a", "a ", "\u00a0a", "a\u2003", "\u00e9t\u00e9", "x\ty", "\n"]
    ),
    st.text(max_size=6),
)


@settings(max_examples=300, deadline=None)
@given(
    chunks=st.lists(st.lists(TEXT, max_size=8), min_size=1, max_size=4),
    string_type=st.sampled_from([pa.string(), pa.large_string()]),
    skip=st.integers(0, 3),
)
def test_blank_to_na_skips_trimming_only_where_trimming_changes_nothing(chunks, string_type, skip):
    series = _text_series(chunks, string_type, skip)
    typed = schemas._blank_to_na(series)
    assert [None if pd.isna(v) else v for v in typed.tolist()] == _trimmed_in_full(series)
    assert typed.dtype == series.dtype


def test_text_edges_flag_spaces_at_either_end_and_empty_values():
    def edges(values):
        return schemas._text_edges(pa.array(values, type=pa.large_string()))

    assert edges(["a", "bc", None]) == (False, False)
    assert edges(["a", "", None]) == (False, True)
    assert edges(["a", "b "]) == (True, False)
    assert edges([" a", "b"]) == (True, False)
    assert edges(["a\u00a0"]) == (True, False)  # non-ASCII at an end: trimmed to be sure
    assert edges([None, None]) == (False, False)
    assert schemas._text_edges(pa.array(["a"], type=pa.string_view())) is None
    # an offsets buffer longer than its offsets, by bytes that make no whole offset
    offsets = pa.py_buffer(np.array([0, 1, 3], dtype=np.int64).tobytes() + b"\0")
    odd = pa.Array.from_buffers(pa.large_string(), 2, [None, offsets, pa.py_buffer(b"ab ")])
    assert schemas._text_edges(odd) == (True, False)


def test_bools_by_distinct_value():
    series = pd.Series(["Yes", "no", "OUI", "faux", "maybe", None, "1"], dtype="str")
    assert schemas.parse_bools(series).tolist() == [True, False, True, False, pd.NA, pd.NA, True]


@pytest.mark.parametrize(
    ("ids", "duplicated"),
    [
        (["A-1", "A-2", "A-3"], []),  # increasing: one comparison per row
        (["A-3", "A-1", "A-2"], []),  # not in order: hashed
        (["A-1", "A-2", "A-2", "A-3"], [1, 2]),  # in order but repeated
        (["A-2", "A-1", "A-2"], [0, 2]),
        (["A-1", None, "A-2", None], []),  # empty ids are DQ-004's, not duplicates
    ],
)
def test_unique_identifier(ids, duplicated):
    series = pd.Series(ids, dtype="str")
    result = _fields.unique_identifier(series)
    if result is True:
        failing = []
    else:
        failing = [i for i, ok in enumerate(result.tolist()) if not ok and ids[i] is not None]
    assert failing == duplicated


def test_duplicate_ids_in_order_are_reported_as_dq003():
    frame = pd.DataFrame(
        {
            "event_id": ["EV-1", "EV-2", "EV-2"],
            "timestamp": ["2026-01-05T10:00:00"] * 3,
            "user_id": ["U1"] * 3,
            "system": ["CRM"] * 3,
            "action": ["login"] * 3,
        },
        dtype="str",
    )
    _, dq = check_register(frame, "access_log")
    assert dq["rule_id"].tolist() == ["DQ-003", "DQ-003"]
    assert dq["record_key"].tolist() == ["row 3", "row 4"]


def test_large_id_column_takes_the_fast_path():
    ids = pd.Series([f"EV-{i:08d}" for i in range(100_000)], dtype="str")
    assert _fields._strictly_increasing(ids)
    assert not _fields._strictly_increasing(ids.iloc[::-1].reset_index(drop=True))
    assert np.all(_fields.unique_identifier(ids.iloc[::-1]))


def test_windows_1252_after_a_long_ascii_head_is_still_read(tmp_path):
    """UTF-8 is checked by Arrow while it parses: a cp1252 byte far down the file is still found."""
    from audit_lib.loaders import read_register

    rows = [f"S-{i:05d},Badge Access,yes,owner" for i in range(5000)]  # > 64 KB of ASCII
    rows.append("S-99999,Caf\xe9 CRM,yes,owner")
    path = tmp_path / "systems.csv"
    path.write_bytes(
        ("system_id,system,holds_personal_data,owner\n" + "\n".join(rows) + "\n").encode("cp1252")
    )
    frame, info = read_register("systems", path, required=("system",))
    assert info.encoding == "cp1252"
    assert frame["system"].iloc[-1] == "Café CRM"
    assert len(frame) == 5001


def test_utf8_file_is_read_as_utf8(tmp_path):
    from audit_lib.loaders import read_register

    path = tmp_path / "systems.csv"
    path.write_text("system,holds_personal_data,owner\nCafé CRM,yes,Zoë\n", encoding="utf-8")
    frame, info = read_register("systems", path, required=("system",))
    assert info.encoding == "utf-8"
    assert frame.loc[0, "owner"] == "Zoë"


def test_enumerations_already_canonical_are_kept_and_others_normalised():
    clean = pd.Series(["grant", None, "login", "grant"], dtype="str")
    assert schemas.normalise_enum(clean) is clean
    mixed = pd.Series(["Grant", None, "login", "LOG IN"], dtype="str")
    assert schemas.normalise_enum(mixed).tolist()[:1] == ["grant"]
    assert schemas.normalise_enum(mixed).tolist()[2:] == ["login", "log_in"]


def test_ragged_row_in_windows_1252_after_a_utf8_head_names_its_line(tmp_path, capfd):
    from audit_lib.errors import InputError
    from audit_lib.loaders import read_register

    path = tmp_path / "systems.csv"
    body = b"system,owner\n" + b"CRM-00001,abcdefghij\n" * 3500 + b"Caf\xe9,x,y\nHR,a\n"
    path.write_bytes(body)
    with pytest.raises(InputError) as error:
        read_register("systems", path, required=("system",))
    assert "row 3502" in str(error.value)
    assert "has 3 fields where the header has 2" in str(error.value)
    assert "Traceback" not in capfd.readouterr().err  # pyarrow's undecodable row is not printed


def test_a_file_of_unicode_spaces_is_empty(tmp_path):
    from audit_lib.errors import InputError
    from audit_lib.loaders import read_register

    path = tmp_path / "systems.csv"
    path.write_text("\u00a0\u3000\n", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        read_register("systems", path, required=("system",))


def test_an_unstripped_time_zone_spoils_no_other_value():
    """pandas refuses a column mixing `10+02:00` with naive times: each value is then parsed alone,
    wherever it sits (it once turned a whole column, or a whole block of one, to NaT)."""
    values = ["2026-01-05"] * 20
    values[3] = "2026-03-01T08:00:00"
    values[15] = "2026-01-05T10+02:00"
    parsed = parse_dates(pd.Series(values, dtype="str"), "iso", keep_time=True)
    assert parsed.notna().all()
    assert parsed.iloc[3] == pd.Timestamp("2026-03-01 08:00")
    assert parsed.iloc[15] == pd.Timestamp("2026-01-05 10:00")  # wall-clock time kept


def _blanked_by_comparing_every_value(values: list[str], empty: tuple[str, ...]) -> list[str]:
    """What blank_empty_values did before it filtered the values to compare: every value of a
    column compared once one value is short enough."""
    wanted = {v.strip().lower() for v in empty if v.strip()}
    longest = max(len(v.encode()) for v in wanted) + 4
    if min(len(v.encode()) for v in values) > longest:
        return values
    arrow = pa.array(values, type=pa.large_string())
    trimmed = pc.utf8_lower(pc.utf8_trim_whitespace(arrow)).to_pylist()
    return ["" if t in wanted else v for v, t in zip(values, trimmed, strict=True)]


_EMPTY_LIKE = ["N/A", "n/a", " n/a", "N/A ", "\tTBD\n", "tbd", "-", "--", " - ", "?", "\u00a0?",
               "\u212a", "ｎ/ａ", "NA", "N/A!", "x-", "", " ", "value", "2026-01-05",
               "        N/A        ", "U12", "ÉTÉ", "n/\u0131"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    chunks=st.lists(st.lists(st.sampled_from(_EMPTY_LIKE), min_size=1, max_size=6), min_size=1),
    empty=st.sampled_from([("N/A", "n/a", "-", "--", "TBD", "?"), ("k",), ("été", "-")]),
)
def test_empty_values_blanked_as_when_every_value_was_compared(chunks, empty):
    from audit_lib.loaders import blank_empty_values

    values = [v for chunk in chunks for v in chunk]
    arrow = pa.chunked_array([pa.array(c, type=pa.large_string()) for c in chunks])
    frame = pd.DataFrame({"column": pd.Series(pd.array(pd.arrays.ArrowStringArray(arrow)))})
    frame = frame.astype("str")
    blank_empty_values(frame, empty)
    assert frame["column"].tolist() == _blanked_by_comparing_every_value(values, empty)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=40), block=st.integers(min_value=1, max_value=5))
def test_the_scan_counts_lines_as_the_whole_file_does(tmp_path_factory, data, block):
    import hashlib

    from audit_lib import loaders

    path = tmp_path_factory.mktemp("scan") / "file.csv"
    path.write_bytes(data.replace(b"x", b"\r").replace(b"y", b"\n").replace(b"z", b'"'))
    raw = path.read_bytes()
    original = loaders._SCAN_BYTES
    loaders._SCAN_BYTES = block
    try:
        quoted, lines, digest = loaders._scan(path)
    finally:
        loaders._SCAN_BYTES = original
    assert (quoted, lines, digest) == (
        b'"' in raw,
        loaders._physical_lines(raw),
        hashlib.sha256(raw).hexdigest(),
    )
