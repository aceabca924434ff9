"""Tests for audit_lib.periods: Reg 1182/71 month counting for RET limits and DSR deadlines."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas.errors import OutOfBoundsDatetime

from audit_lib.periods import (
    add_duration,
    add_months,
    dsr_deadlines,
    months_before,
    next_working_day,
    parse_iso_durations,
    working_days_holidays,
)


def _dates(*values: str | dt.date | None, unit: str = "us") -> pd.Series:
    """A datetime64 Series from ISO strings / dates, None = NaT."""
    return pd.Series(pd.to_datetime(list(values))).astype(f"datetime64[{unit}]")


def _days(series: pd.Series) -> list[dt.date | None]:
    return [None if pd.isna(value) else value.date() for value in series]


def _d(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


# --- add_months ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2024-01-31", 1, "2024-02-29"),  # leap year: last day of February
        ("2023-01-31", 1, "2023-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2025-03-31", 1, "2025-04-30"),
        ("2024-02-29", 1, "2024-03-29"),  # same day number, not "end of month"
        ("2024-12-31", 2, "2025-02-28"),  # across a year end
        ("1900-01-31", 1, "1900-02-28"),  # 1900 is not a leap year
        ("2000-01-31", 1, "2000-02-29"),  # 2000 is
        ("1969-12-31", 2, "1970-02-28"),  # before the epoch
        ("2024-03-31", -1, "2024-02-29"),
        ("2024-12-31", -10, "2024-02-29"),
        ("2025-01-15", -13, "2023-12-15"),
        ("2024-05-15", 0, "2024-05-15"),
    ],
)
def test_add_months_clamps_to_month_end(start: str, months: int, expected: str) -> None:
    assert _days(add_months(_dates(start), months)) == [_d(expected)]


def test_add_months_nat_in_nat_out() -> None:
    result = add_months(_dates("2024-01-31", None, "2025-03-31"), 1)
    assert _days(result) == [_d("2024-02-29"), None, _d("2025-04-30")]


def test_add_months_per_row_series_with_na() -> None:
    dates = _dates("2024-01-31", "2024-01-31", "2024-01-31", "2024-01-31")
    months = pd.Series([1, -2, pd.NA, 13], dtype="Int64")
    assert _days(add_months(dates, months)) == [
        _d("2024-02-29"),
        _d("2023-11-30"),
        None,
        _d("2025-02-28"),
    ]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_add_months_keeps_unit_index_and_name(unit: str) -> None:
    dates = _dates("2024-01-31", "2025-03-31", unit=unit)
    dates.index = pd.Index([10, 20])
    dates.name = "collected_at"
    result = add_months(dates, 1)
    assert result.dtype == np.dtype(f"datetime64[{unit}]")
    assert result.index.tolist() == [10, 20]
    assert result.name == "collected_at"


def test_add_months_floors_time_of_day_to_midnight() -> None:
    dates = pd.Series(pd.to_datetime(["2024-01-31 23:59:59", "1969-12-31 13:00:00"]))
    result = add_months(dates, 1)
    assert result.tolist() == [pd.Timestamp("2024-02-29"), pd.Timestamp("1970-01-31")]


def test_add_months_duplicate_index_is_fine() -> None:
    dates = _dates("2024-01-31", "2024-03-31")
    dates.index = pd.Index([0, 0])
    assert _days(add_months(dates, 1)) == [_d("2024-02-29"), _d("2024-04-30")]


def test_add_months_rejects_text_and_timezones() -> None:
    with pytest.raises(TypeError, match="datetime64"):
        add_months(pd.Series(["2024-01-31"]), 1)
    with pytest.raises(TypeError, match="datetime64"):
        add_months(_dates("2024-01-31").dt.tz_localize("UTC"), 1)
    with pytest.raises(TypeError, match="integer"):
        add_months(_dates("2024-01-31"), 1.5)


def test_add_months_rejects_misaligned_series() -> None:
    months = pd.Series([1], index=[5])
    with pytest.raises(ValueError, match="indexed like the dates"):
        add_months(_dates("2024-01-31"), months)


def test_add_months_out_of_range_raises_instead_of_wrapping() -> None:
    with pytest.raises(OutOfBoundsDatetime):
        add_months(_dates("2262-03-01", unit="ns"), 2)
    # the same date in microseconds is fine
    assert _days(add_months(_dates("2262-03-01", unit="us"), 2)) == [_d("2262-05-01")]


# --- parse_iso_durations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years", "months", "days"),
    [
        ("P3Y", 3, 0, 0),
        ("P6M", 0, 6, 0),
        ("P30D", 0, 0, 30),
        ("P10Y", 10, 0, 0),
        ("P1Y6M", 1, 6, 0),
        ("P2W", 0, 0, 14),
        ("P1Y2M3D", 1, 2, 3),
        ("P1W3D", 0, 0, 10),
        ("p3y", 3, 0, 0),  # case-insensitive
        ("p1Y6m", 1, 6, 0),
        ("  P6M\t", 0, 6, 0),  # surrounding blanks stripped
    ],
)
def test_parse_iso_durations_valid(text: str, years: int, months: int, days: int) -> None:
    row = parse_iso_durations(pd.Series([text])).iloc[0]
    assert (row["years"], row["months"], row["days"]) == (years, months, days)
    assert bool(row["valid"]) is True
    assert bool(row["is_zero"]) is False


@pytest.mark.parametrize(
    "value",
    ["", "   ", "P", "p", "3 years", "PT5H", "P1YT5H", "P1.5Y", "P1,5Y", "-P1Y", "P-1Y", "1Y",
     "P6M1Y", "P 3Y", "garbage", "P1234567890Y", None, np.nan, 5],
)  # fmt: skip
def test_parse_iso_durations_invalid(value: object) -> None:
    row = parse_iso_durations(pd.Series([value], dtype=object)).iloc[0]
    assert bool(row["valid"]) is False
    assert bool(row["is_zero"]) is False
    assert pd.isna(row["years"]) and pd.isna(row["months"]) and pd.isna(row["days"])


@pytest.mark.parametrize("text", ["P0D", "P0Y0M", "p0w", " P0Y0M0D "])
def test_parse_iso_durations_zero(text: str) -> None:
    row = parse_iso_durations(pd.Series([text])).iloc[0]
    assert bool(row["valid"]) is True
    assert bool(row["is_zero"]) is True


def test_parse_iso_durations_frame_shape_dtypes_and_index() -> None:
    values = pd.Series(["P3Y", "bad", None, "P3Y", "P0D"], index=[7, 7, 8, 9, 10], dtype="string")
    result = parse_iso_durations(values)
    assert list(result.columns) == ["years", "months", "days", "valid", "is_zero"]
    assert result.index.tolist() == [7, 7, 8, 9, 10]
    assert [str(t) for t in result.dtypes] == ["Int64", "Int64", "Int64", "bool", "bool"]
    assert result["valid"].tolist() == [True, False, False, True, True]
    assert result["is_zero"].tolist() == [False, False, False, False, True]
    assert result["years"].tolist() == [3, pd.NA, pd.NA, 3, 0]


def test_parse_iso_durations_empty() -> None:
    result = parse_iso_durations(pd.Series([], dtype=object))
    assert result.empty
    assert list(result.columns) == ["years", "months", "days", "valid", "is_zero"]


# --- add_duration ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        ("2024-02-29", "P1Y", "2025-02-28"),  # rules.md RET example
        ("2024-02-29", "P4Y", "2028-02-29"),
        ("2024-08-31", "P1Y6M", "2026-02-28"),
        ("2023-08-31", "P1Y6M", "2025-02-28"),
        ("2022-08-31", "P1Y6M", "2024-02-29"),
        ("2024-02-20", "P2W", "2024-03-05"),  # 14 days across a leap day
        ("2024-01-31", "P1M1D", "2024-03-01"),  # months first, then days
        ("2024-12-15", "P30D", "2025-01-14"),
        ("2025-03-31", "P6M", "2025-09-30"),
        ("2020-05-17", "P10Y", "2030-05-17"),
        ("2024-05-17", "P0D", "2024-05-17"),
    ],
)
def test_add_duration_from_iso_text(start: str, duration: str, expected: str) -> None:
    parts = parse_iso_durations(pd.Series([duration]))
    result = add_duration(_dates(start), parts["years"], parts["months"], parts["days"])
    assert _days(result) == [_d(expected)]


def test_add_duration_scalars() -> None:
    assert _days(add_duration(_dates("2024-02-29"), 1, 0, 0)) == [_d("2025-02-28")]
    assert _days(add_duration(_dates("2024-03-31"), 0, -1, 1)) == [_d("2024-03-01")]


def test_add_duration_na_part_or_nat_gives_nat() -> None:
    parts = parse_iso_durations(pd.Series(["P1Y", "nonsense", "P6M"]))
    dates = _dates("2024-02-29", "2024-02-29", None)
    result = add_duration(dates, parts["years"], parts["months"], parts["days"])
    assert _days(result) == [_d("2025-02-28"), None, None]
    assert _days(add_duration(_dates("2024-01-01"), None, 1, 0)) == [None]


# --- months_before ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "n", "expected"),
    [
        ("2026-09-30", 12, "2025-09-30"),
        ("2024-03-31", 1, "2024-02-29"),
        ("2025-02-28", 12, "2024-02-28"),
        ("2026-09-30", 36, "2023-09-30"),
        ("2024-01-31", -1, "2024-02-29"),
        ("2024-05-31 15:30", 3, "2024-02-29"),  # time of day dropped
    ],
)
def test_months_before(date: str, n: int, expected: str) -> None:
    assert months_before(pd.Timestamp(date), n) == pd.Timestamp(expected)


def test_months_before_accepts_date_and_text() -> None:
    assert months_before(dt.date(2026, 9, 30), 12) == pd.Timestamp("2025-09-30")
    assert months_before("2026-09-30", 24) == pd.Timestamp("2024-09-30")


# --- working days ----------------------------------------------------------------------------


def test_next_working_day_weekends_and_holidays() -> None:
    dates = _dates(
        "2026-12-24",  # Thursday: unchanged
        "2026-12-25",  # Friday, holiday -> Monday 28th, itself a holiday -> Tuesday 29th
        "2026-12-26",  # Saturday
        "2026-12-27",  # Sunday
        "2025-04-05",  # Saturday, no holiday -> Monday
        None,
    )
    result = next_working_day(dates, ["2026-12-25", "2026-12-28"])
    assert _days(result) == [
        _d("2026-12-24"),
        _d("2026-12-29"),
        _d("2026-12-29"),
        _d("2026-12-29"),
        _d("2025-04-07"),
        None,
    ]


def test_working_days_holidays_accepts_yaml_values() -> None:
    values = [
        "2026-12-25",
        dt.date(2026, 1, 1),
        dt.datetime(2026, 5, 1),
        pd.Timestamp("2026-05-08"),
        np.datetime64("2026-12-25"),
    ]
    result = working_days_holidays(values)
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.tolist() == [
        dt.date(2026, 1, 1),
        dt.date(2026, 5, 1),
        dt.date(2026, 5, 8),
        dt.date(2026, 12, 25),
    ]
    assert working_days_holidays([]).size == 0
    assert working_days_holidays(None).size == 0


@pytest.mark.parametrize(
    "bad",
    ["2026-13-01", "2026-02-30", "25/12/2026", "", "2026-12-25T10:00", None, 20261225,
     dt.datetime(2026, 12, 25, 10, 0)],
)  # fmt: skip
def test_working_days_holidays_names_the_bad_value(bad: object) -> None:
    with pytest.raises(ValueError, match="holiday") as excinfo:
        working_days_holidays(["2026-12-24", bad])
    assert repr(bad) in str(excinfo.value)


def test_working_days_holidays_rejects_a_single_value() -> None:
    with pytest.raises(ValueError, match="list"):
        working_days_holidays("2026-12-25")


# --- dsr_deadlines ---------------------------------------------------------------------------

XMAS = ("2026-12-25",)

DSR_CASES = [
    # id, received, extended, notified, holidays, base_deadline, extension_valid, deadline
    ("31jan-leap", "2024-01-31", False, None, (), "2024-02-29", False, "2024-02-29"),
    ("31jan-nonleap", "2023-01-31", False, None, (), "2023-02-28", False, "2023-02-28"),
    ("29feb-leap", "2024-02-29", False, None, (), "2024-03-29", False, "2024-03-29"),
    ("31mar-30apr", "2025-03-31", False, None, (), "2025-04-30", False, "2025-04-30"),
    ("edpb-ex32-5mar", "2024-03-05", False, None, (), "2024-04-05", False, "2024-04-05"),
    ("edpb-ex33-31aug", "2024-08-31", False, None, (), "2024-09-30", False, "2024-09-30"),
    ("base-saturday", "2025-03-05", False, None, (), "2025-04-05", False, "2025-04-07"),
    ("base-sunday", "2025-03-06", False, None, (), "2025-04-06", False, "2025-04-07"),
    ("holiday-then-weekend", "2026-11-25", False, None, XMAS, "2026-12-25", False, "2026-12-28"),
    ("holiday-weekend-holiday", "2026-11-25", False, None, ("2026-12-25", "2026-12-28"),
     "2026-12-25", False, "2026-12-29"),
    ("holiday-not-listed", "2026-11-25", False, None, (), "2026-12-25", False, "2026-12-25"),
    ("ext-on-base-day", "2024-01-31", True, "2024-02-29", (), "2024-02-29", True, "2024-04-30"),
    ("ext-day-after", "2024-01-31", True, "2024-03-01", (), "2024-02-29", False, "2024-02-29"),
    ("ext-early", "2024-01-31", True, "2024-02-01", (), "2024-02-29", True, "2024-04-30"),
    ("ext-lands-sunday", "2024-03-31", True, "2024-04-15", (), "2024-04-30", True, "2024-07-01"),
    ("ext-no-notification", "2024-01-31", True, None, (), "2024-02-29", False, "2024-02-29"),
    ("ext-na", "2024-01-31", pd.NA, "2024-02-10", (), "2024-02-29", False, "2024-02-29"),
    ("ext-false-notified", "2024-01-31", False, "2024-02-10", (), "2024-02-29", False,
     "2024-02-29"),
    ("ext-after-rolled-base", "2025-03-05", True, "2025-04-07", (), "2025-04-05", False,
     "2025-04-07"),
    ("received-missing", None, True, "2024-02-10", (), None, False, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("received", "extended", "notified", "holidays", "base", "valid", "deadline"),
    [case[1:] for case in DSR_CASES],
    ids=[case[0] for case in DSR_CASES],
)
def test_dsr_deadlines_table(
    received: str | None,
    extended: object,
    notified: str | None,
    holidays: tuple[str, ...],
    base: str | None,
    valid: bool,
    deadline: str | None,
) -> None:
    result = dsr_deadlines(
        _dates(received),
        pd.Series([extended], dtype="boolean"),
        _dates(notified),
        holidays,
    )
    assert _days(result["base_deadline"]) == [_d(base)]
    assert result["extension_valid"].tolist() == [valid]
    assert _days(result["deadline"]) == [_d(deadline)]


def test_dsr_deadlines_whole_table_at_once() -> None:
    """The cases that share a holiday list (25 Dec 2026), mixed in one call, agree row by row."""
    cases = [
        case for case in DSR_CASES if case[4] in ((), XMAS) and case[0] != "holiday-not-listed"
    ]
    index = pd.Index([f"DSR-{i}" for i in range(len(cases))])
    received = _dates(*[case[1] for case in cases])
    received.index = index
    notified = _dates(*[case[3] for case in cases], unit="s")
    notified.index = index
    extended = pd.Series([case[2] for case in cases], index=index, dtype="boolean")
    result = dsr_deadlines(received, extended, notified, holidays=list(XMAS))
    assert result.index.equals(index)
    assert result["base_deadline"].dtype == np.dtype("datetime64[us]")
    assert result["extension_valid"].dtype == np.dtype(bool)
    assert _days(result["base_deadline"]) == [_d(case[5]) for case in cases]
    assert result["extension_valid"].tolist() == [case[6] for case in cases]
    assert _days(result["deadline"]) == [_d(case[7]) for case in cases]


def test_dsr_deadlines_accepts_plain_bool_and_object_flags() -> None:
    received = _dates("2024-01-31", "2024-01-31")
    notified = _dates("2024-02-20", "2024-02-20")
    for extended in (pd.Series([True, False]), pd.Series([True, None], dtype=object)):
        result = dsr_deadlines(received, extended, notified)
        assert result["extension_valid"].tolist() == [True, False]


def test_dsr_deadlines_rejects_misaligned_inputs() -> None:
    received = _dates("2024-01-31")
    notified = _dates("2024-02-20")
    with pytest.raises(ValueError, match="extended"):
        dsr_deadlines(received, pd.Series([True], index=[3]), notified)


# --- property-based: agreement with a slow, obviously-correct reference ----------------------


def _reference_add_duration(start: dt.date, years: int, months: int, days: int) -> dt.date:
    return start + relativedelta(years=years, months=months) + dt.timedelta(days=days)


def _reference_dsr(
    received: dt.date, extended: bool | None, notified: dt.date | None, holidays: set[dt.date]
) -> tuple[dt.date, bool, dt.date]:
    base = received + relativedelta(months=1)
    valid = extended is True and notified is not None and notified <= base
    deadline = received + relativedelta(months=3) if valid else base
    while deadline.weekday() >= 5 or deadline in holidays:
        deadline += dt.timedelta(days=1)
    return base, valid, deadline


DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))
# Month ends and the end of February are where clamping happens: make them frequent.
MONTH_ENDS = st.builds(
    lambda year, month: dt.date(year, month, 1) + relativedelta(day=31),
    st.integers(1990, 2100),
    st.integers(1, 12),
)
EDGE_DATES = st.sampled_from(
    [dt.date(2024, 2, 29), dt.date(2000, 1, 31), dt.date(2100, 1, 31), dt.date(2099, 11, 30)]
)  # 2000 is a leap year, 2100 is not
SOME_DATES = st.one_of(DATES, MONTH_ENDS, EDGE_DATES)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            SOME_DATES,
            st.integers(0, 100),
            st.integers(-24, 24),
            st.integers(0, 1000),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_add_duration_matches_relativedelta(rows: list[tuple[dt.date, int, int, int]]) -> None:
    starts, years, months, days = zip(*rows, strict=True)
    result = add_duration(
        _dates(*starts),
        pd.Series(years, dtype="Int64"),
        pd.Series(months, dtype="Int64"),
        pd.Series(days, dtype="Int64"),
    )
    assert _days(result) == [_reference_add_duration(*row) for row in rows]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            SOME_DATES,
            st.integers(0, 60),
            st.integers(0, 30),
            st.integers(0, 9),
            st.integers(0, 400),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_add_duration_of_iso_text_matches_relativedelta(
    rows: list[tuple[dt.date, int, int, int, int]],
) -> None:
    texts = [f"P{y}Y{m}M{w}W{d}D" for _, y, m, w, d in rows]
    parts = parse_iso_durations(pd.Series(texts))
    result = add_duration(
        _dates(*[row[0] for row in rows]), parts["years"], parts["months"], parts["days"]
    )
    expected = [_reference_add_duration(s, y, m, 7 * w + d) for s, y, m, w, d in rows]
    assert _days(result) == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(SOME_DATES, st.integers(-1300, 1300)), min_size=1, max_size=40),
)
def test_add_months_matches_relativedelta(rows: list[tuple[dt.date, int]]) -> None:
    starts, months = zip(*rows, strict=True)
    result = add_months(_dates(*starts), pd.Series(months))
    assert _days(result) == [start + relativedelta(months=n) for start, n in rows]


@st.composite
def dsr_batches(draw: st.DrawFn) -> tuple[list, list[dt.date]]:
    """Requests received near one anchor date, with holidays near their deadlines."""
    anchor = draw(SOME_DATES)
    near = st.builds(lambda k: anchor + dt.timedelta(days=k), st.integers(0, 120))
    rows = draw(
        st.lists(
            st.tuples(
                st.one_of(near, SOME_DATES),
                st.sampled_from([True, False, None]),
                # notification, in days after receipt; 27..32 is around the base deadline
                st.one_of(st.none(), st.integers(-5, 40), st.integers(27, 32)),
            ),
            min_size=1,
            max_size=30,
        )
    )
    holiday = st.builds(lambda k: anchor + dt.timedelta(days=k), st.integers(20, 220))
    holidays = draw(st.lists(holiday, max_size=40))
    return rows, holidays


@settings(max_examples=300, deadline=None)
@given(dsr_batches())
def test_dsr_deadlines_match_reference(batch: tuple[list, list[dt.date]]) -> None:
    rows, holidays = batch
    received = [row[0] for row in rows]
    notified = [None if k is None else r + dt.timedelta(days=k) for r, _, k in rows]
    result = dsr_deadlines(
        _dates(*received),
        pd.Series([row[1] for row in rows], dtype="boolean"),
        _dates(*notified),
        [day.isoformat() for day in holidays],
    )
    expected = [
        _reference_dsr(r, ext, n, set(holidays))
        for r, ext, n in zip(received, [row[1] for row in rows], notified, strict=True)
    ]
    assert _days(result["base_deadline"]) == [e[0] for e in expected]
    assert result["extension_valid"].tolist() == [e[1] for e in expected]
    assert _days(result["deadline"]) == [e[2] for e in expected]
