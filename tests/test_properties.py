"""Property-based tests of reading and validating a register (hypothesis).

Whatever bytes a CSV holds, `read_register` + `check_register` give a typed frame with data-quality
findings, or one clear `InputError` -- never another exception. (Retention limits and DSR deadlines
have their own properties in tests/test_periods.py.)
"""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit_lib.errors import InputError
from audit_lib.loaders import read_register
from audit_lib.schemas import check_register, expected_columns, required_columns

REGISTER = "retention_schedule"
COLUMNS = list(expected_columns(REGISTER))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# any text a spreadsheet cell may hold (no NUL: a NUL byte marks a binary file, see below)
cell = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)
# enumeration-like values, so that some rows pass and some fail validation
enum_like = st.sampled_from(["collected", "Last contact", "delete", "ANONYMISE", "", " ", "x"])
value = st.one_of(cell, enum_like, st.sampled_from(["2026-02-30", "0042", "=1+2", "<b>", '"']))


def read_and_check(data: bytes, suffix: str = ".csv"):
    """read_register + check_register on `data` written to a file; returns (typed, dq) or the InputError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"register{suffix}"
        path.write_bytes(data)
        try:
            frame, info = read_register(
                REGISTER,
                path,
                shown_as="register.csv",
                required=required_columns(REGISTER),
                expected=expected_columns(REGISTER),
            )
            typed, dq = check_register(
                frame, REGISTER, header_row=info.header_row, source="register.csv"
            )
        except InputError as error:
            text = str(error)
            assert text.startswith("register.csv") and error.problem and "\n" not in text, text
            return error
        finally:
            assert path.read_bytes() == data  # inputs are never modified
    assert list(dq.columns) == ["rule_id", "record_key", "message"]
    assert dq["rule_id"].str.fullmatch(r"DQ-00[1-4]").all()
    assert dq["message"].str.startswith("register.csv row ").all()
    assert (dq["record_key"].str.len() > 0).all()
    assert len(typed) == info.rows
    return typed, dq


@SETTINGS
@given(st.binary(max_size=600))
@example(b"")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe")
@example(b'"')
@example(b"rule_id\n\x00")
def test_any_bytes_give_a_frame_or_an_input_error(data):
    read_and_check(data)


@SETTINGS
@given(st.text(max_size=400), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_any_text_in_any_accepted_encoding_gives_a_frame_or_an_input_error(text, encoding):
    read_and_check(text.encode(encoding, errors="replace"))


@st.composite
def csv_files(draw):
    """A CSV written by a spreadsheet: some of the register's columns (maybe renamed, maybe an
    extra one), arbitrary cells, any separator, quoting and line ending."""
    columns = draw(
        st.lists(st.sampled_from(COLUMNS + ["Rule ID", "notes"]), min_size=1, unique=True)
    )
    rows = draw(st.lists(st.lists(value, min_size=len(columns), max_size=len(columns)), max_size=6))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    if newline == "\n":  # a bare CR would end the line for any CSV reader: LF files have none
        rows = [[cell.replace("\r", "") for cell in row] for row in rows]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, quoting=quoting, lineterminator=newline)
    writer.writerow(columns)
    writer.writerows(rows)
    return columns, rows, buffer.getvalue()


@SETTINGS
@given(csv_files())
def test_any_csv_of_arbitrary_strings_gives_a_frame_or_an_input_error(case):
    columns, rows, text = case
    outcome = read_and_check(text.encode("utf-8"))
    canonical = {"Rule ID": "rule_id"}
    names = [canonical.get(c, c) for c in columns]
    if isinstance(outcome, InputError):
        # the reasons a well-formed CSV is refused: a missing required column, two headers for
        # one column, or (one column: no separator to detect in the header) a row that splits
        assert (
            outcome.column in required_columns(REGISTER)
            or len(set(names)) < len(names)
            or len(names) == 1
        ), outcome
        return
    typed, _ = outcome
    assert set(required_columns(REGISTER)) <= set(typed.columns)
    assert len(typed) == len(rows)  # every row is read (the csv writer quotes a lone empty cell)


@SETTINGS
@given(st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=6))
def test_cells_are_read_back_exactly(rows):
    """What a CSV writer writes, the loader reads back as the same text (nothing typed, stripped
    or lost: `0042` stays `0042`, a formula stays text)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["rule_id", "data_category", "legal_reference"])
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "register.csv"
        path.write_bytes(buffer.getvalue().encode("utf-8"))
        frame, _ = read_register(REGISTER, path, separator=",")
    assert frame.astype(object).values.tolist() == rows
    assert all(pd.api.types.is_string_dtype(dtype) for dtype in frame.dtypes)
