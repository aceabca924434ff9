"""Columns whose values repeat (`field(..., repeats=True)`): read dictionary-encoded, typed as
categoricals -- and judged exactly as the same columns read as text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from audit_lib.audits import AUDITS
from audit_lib.context import load_inputs
from audit_lib.loaders import blank_empty_values, read_register
from audit_lib.params import load_params
from audit_lib.rules import run_rules
from audit_lib.schemas import (
    check_register,
    expected_columns,
    repeated_columns,
    required_columns,
)
from audit_lib.schemas._fields import recode, text_categories

ROOT = Path(__file__).resolve().parent.parent
LOG_HEADER = (
    "event_id,timestamp,user_id,system,action,privilege,ticket_id,requester_id,approver_id,"
    "approved_at\n"
)


def as_read(values: list[str]) -> pd.Series:
    """A column of text as the loader reads a repeated one: a categorical, its categories in
    order of first appearance (not sorted)."""
    return pd.Series(pd.Categorical(values, categories=pd.unique(pd.Series(values).dropna())))


def test_the_access_log_declares_its_repeated_columns():
    assert repeated_columns("access_log") == (
        "user_id",
        "system",
        "action",
        "privilege",
        "ticket_id",
        "requester_id",
        "approver_id",
        "approved_at",
    )


def test_csv_repeated_columns_come_back_as_categoricals_of_the_text(tmp_path):
    path = tmp_path / "access_log.csv"
    path.write_text(
        LOG_HEADER
        + "E1,2026-01-05T10:00:00,U2,CRM,grant,standard,T1,U9,U8,2026-01-05T09:00:00\n"
        + "E2,2026-01-05T11:00:00,U1,CRM,login,,,,,\n"
        + "E3,2026-01-05T12:00:00, U2 ,HR,Login,,,,,\n",
        encoding="utf-8",
    )
    frame, _ = read_register(
        "access_log", path, repeated=repeated_columns("access_log"), empty_values=()
    )
    assert str(frame["event_id"].dtype) == "str"
    assert str(frame["timestamp"].dtype) == "str"
    for name in repeated_columns("access_log"):
        assert text_categories(frame[name]) is not None, name
    assert frame["user_id"].tolist() == ["U2", "U1", " U2 "]
    assert frame["privilege"].tolist() == ["standard", "", ""]


def test_a_header_mapped_to_a_repeated_column_is_read_as_one(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text("Event,When,Who,System,Action\nE1,2026-01-05,U1,CRM,login\n", encoding="utf-8")
    frame, _ = read_register(
        "access_log",
        path,
        mapping={"Event": "event_id", "When": "timestamp", "Who": "user_id"},
        repeated=repeated_columns("access_log"),
    )
    assert text_categories(frame["user_id"]) is not None
    assert text_categories(frame["event_id"]) is None


def test_parquet_repeated_columns_come_back_as_categoricals(tmp_path):
    path = tmp_path / "access_log.parquet"
    table = pa.table(
        {
            "event_id": ["E1", "E2"],
            "timestamp": ["2026-01-05T10:00:00", "2026-01-05T11:00:00"],
            "user_id": ["U2", "U1"],
            "system": ["CRM", "CRM"],
            "action": ["grant", "login"],
            "privilege": [1, 2],  # not text: left as Parquet has it
        }
    )
    pq.write_table(table, path)
    frame, _ = read_register("access_log", path, repeated=repeated_columns("access_log"))
    assert text_categories(frame["system"]) is not None
    assert text_categories(frame["event_id"]) is None
    assert frame["privilege"].tolist() == [1, 2]


def test_empty_values_are_blanked_in_the_categories():
    frame = pd.DataFrame({"user_id": as_read(["U1", " n/a ", "TBD", "U1", "-"])})
    blank_empty_values(frame, ("N/A", "TBD", "-"))
    assert text_categories(frame["user_id"]) is not None
    assert frame["user_id"].tolist() == ["U1", "", "", "U1", ""]


def test_recode_merges_equal_categories_sorts_them_and_keeps_missing_cells():
    column = as_read(["b", " a", "a", None, "", "b"])
    result = recode(column, [v.strip() or None for v in column.cat.categories])
    assert list(result.cat.categories) == ["a", "b"]
    assert result.isna().tolist() == [False, False, False, True, True, False]
    unchanged = recode(result, list(result.cat.categories))
    assert unchanged is result


def _typed(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return check_register(frame.copy(), "access_log")


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.astype({c: "str" for c in frame.columns if text_categories(frame[c]) is not None})


cell = st.sampled_from(
    ["", " ", "U1", " U1", "U1 ", "U2", "grant", " Grant", "LOGIN", "read", "export", "revoke",
     "approve", "standard", "Privileged", "x", "2026-01-05T10:00:00", "2026-02-29", " 2026-01-05",
     "U1;U2", "U1 | U3", "é", "\u00a0U1"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(rows=st.lists(st.tuples(cell, cell, cell, cell, cell, cell), min_size=1, max_size=12))
def test_typing_a_categorical_gives_what_typing_the_text_gives(rows):
    text = pd.DataFrame(
        {
            "event_id": [f"E{i}" for i in range(len(rows))],
            "timestamp": "2026-01-05T10:00:00",
            **{
                name: [row[i] for row in rows]
                for i, name in enumerate(
                    ["user_id", "system", "action", "privilege", "approver_id", "approved_at"]
                )
            },
        },
        dtype="str",
    )
    categorical = text.copy()
    for name in repeated_columns("access_log"):
        if name in categorical.columns:
            categorical[name] = as_read(categorical[name].tolist())
    from_text, dq_text = _typed(text)
    from_categories, dq_categories = _typed(categorical)
    for name in ("user_id", "system", "action", "privilege", "approver_id"):
        categories = text_categories(from_categories[name])
        assert categories is not None and categories.is_monotonic_increasing, name
    pd.testing.assert_frame_equal(_as_text(from_categories), from_text)
    pd.testing.assert_frame_equal(dq_categories, dq_text)


def test_the_sample_access_audit_is_judged_the_same_from_categoricals_and_from_text():
    """The whole access audit on the sample: read as the loader reads it (categoricals) and with
    every column as text, the same findings, data-quality findings and key figures."""
    params = load_params(ROOT / "parameters" / "sample.yaml")
    spec = AUDITS["access"]
    read = load_inputs("access", params, spec.registers, spec.optional)
    assert text_categories(read.frames["access_log"]["user_id"]) is not None
    as_text = load_inputs("access", params, spec.registers, spec.optional)
    for register in list(as_text.frames):
        raw, info = read_register(
            register,
            params.inputs[register],
            required=required_columns(register),
            expected=expected_columns(register),
            empty_values=params.empty_values,
        )
        as_text.frames[register], as_text.dq[register] = check_register(
            raw, register, params.date_format, info.header_row, info.shown_as
        )
    assert text_categories(as_text.frames["access_log"]["user_id"]) is None
    results = [run_rules("access", ctx) for ctx in (read, as_text)]
    assert not results[0].failed and not results[1].failed
    first, second = (r.findings.astype(str).reset_index(drop=True) for r in results)
    pd.testing.assert_frame_equal(first, second)
    for register in read.dq:
        pd.testing.assert_frame_equal(read.dq[register], as_text.dq[register])
    assert spec.kpis(read, results[0].findings) == spec.kpis(as_text, results[1].findings)


@pytest.mark.parametrize("value", ["2026-01-05T10:00:00", "2026-02-29", "", " 2026-01-05 "])
def test_dates_of_a_repeated_column_are_parsed_once_per_distinct_value(value):
    frame = pd.DataFrame(
        {
            "event_id": ["E1", "E2", "E3"],
            "timestamp": ["2026-01-05T10:00:00"] * 3,
            "user_id": ["U1"] * 3,
            "system": ["CRM"] * 3,
            "action": ["grant"] * 3,
            "approved_at": [value, "2026-01-04T10:00:00", value],
        },
        dtype="str",
    )
    categorical = frame.assign(approved_at=as_read(frame["approved_at"].tolist()))
    typed_text, dq_text = _typed(frame)
    typed_categories, dq_categories = _typed(categorical)
    pd.testing.assert_series_equal(typed_categories["approved_at"], typed_text["approved_at"])
    pd.testing.assert_frame_equal(dq_categories, dq_text)
