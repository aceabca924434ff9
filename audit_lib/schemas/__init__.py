"""pandera schemas for every register, and the typing step that prepares a frame for them.

Each register has a `DataFrameModel` (one module per register) whose Field metadata says how a
column is typed (`kind`). `check_register` types the text read by the loader, validates it lazily
and turns every failure into a data-quality finding naming the row and the column.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
import pyarrow.compute as pc

from ._fields import arrow_text, recode, text_categories
from ._registry import ID_COLUMNS, SCHEMAS, TOLERANT, TOP_LEVEL, register_schema


def _load_all() -> None:
    """Import every schema module of this package so that its model registers itself."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        if not module.startswith("_"):
            importlib.import_module(f"{__name__}.{module}")


_load_all()

from .processors import CLAUSE_COLUMNS  # noqa: E402 (registered above, in name order)

TRUE_WORDS = {"true", "yes", "y", "1", "oui", "vrai", "t"}
FALSE_WORDS = {"false", "no", "n", "0", "non", "faux", "f"}
_LIST_SPLIT = re.compile(r"\s*[;|]\s*")
_DAYFIRST = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(.*)$")
_YEAR_FIRST = re.compile(r"\s*\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:$|[\sT])")
_TZ_SUFFIX = re.compile(
    r"(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)\s*(?:Z|UTC|[+-]\d{2}(?::?\d{2})?)$"
)

__all__ = [
    "SCHEMAS",
    "ID_COLUMNS",
    "register_schema",
    "TOLERANT",
    "TOP_LEVEL",
    "CLAUSE_COLUMNS",
    "ColumnSpec",
    "column_specs",
    "check_register",
]


@dataclass(frozen=True)
class ColumnSpec:
    name: str
    kind: str
    required: bool
    allowed: tuple[str, ...] | None
    judged_by: str | None
    reader: str | None = None
    repeats: bool = False


@functools.cache
def column_specs(register: str) -> dict[str, ColumnSpec]:
    schema = SCHEMAS[register].to_schema()
    return {
        name: ColumnSpec(
            name,
            col.metadata["kind"],
            col.required,
            col.metadata.get("allowed"),
            col.metadata.get("judged_by"),
            col.metadata.get("reader"),
            bool(col.metadata.get("repeats")),
        )
        for name, col in schema.columns.items()
    }


def required_columns(register: str) -> tuple[str, ...]:
    return tuple(name for name, spec in column_specs(register).items() if spec.required)


def expected_columns(register: str) -> tuple[str, ...]:
    return tuple(column_specs(register))


def repeated_columns(register: str) -> tuple[str, ...]:
    """The register's columns whose values repeat (`field(..., repeats=True)`): the loader reads
    them dictionary-encoded (`read_register(..., repeated=...)`)."""
    return tuple(name for name, spec in column_specs(register).items() if spec.repeats)


# --------------------------------------------------------------------------------------- typing
def _from_arrow(values: pyarrow.ChunkedArray, like: pd.Series) -> pd.Series:
    return pd.Series(values.to_pandas().array, index=like.index, name=like.name)


def _one_chunk(series: pd.Series) -> pd.Series:
    """A text column in one Arrow chunk: with the reader's blocks (32 for 250,000 rows), every
    later selection of rows (`take`: findings, worklists, charts) joins them all again first."""
    arrow = arrow_text(series)
    if arrow is None or arrow.num_chunks < 2:
        return series
    try:
        return _from_arrow(pyarrow.chunked_array([arrow.combine_chunks()]), series)
    except pyarrow.ArrowInvalid:  # over 2 GiB of text in 32-bit offsets: kept in blocks
        return series


def _blank_to_na(series: pd.Series) -> pd.Series:
    """Text with surrounding spaces trimmed; an empty cell becomes null. A categorical of text
    stays one: its categories are trimmed (those that become equal merge)."""
    categories = text_categories(series)
    if categories is not None:
        return recode(series, _blank_to_na(pd.Series(categories)))
    arrow = arrow_text(series)
    if arrow is not None:  # Arrow compute: no Python string per value (5M values: 0.1 s a column)
        edges = [_text_edges(chunk) for chunk in arrow.chunks]
        if any(edge is None or edge[0] for edge in edges):
            trimmed = pc.utf8_trim_whitespace(arrow)
            empty = pc.equal(trimmed, "")
            has_empty = pc.any(empty).as_py()
        else:  # no value can begin or end with a space: a copy trimmed would be the same text
            trimmed = arrow
            has_empty = any(edge[1] for edge in edges)
            empty = pc.equal(arrow, "") if has_empty else None
        if has_empty:
            trimmed = pc.if_else(empty, pyarrow.scalar(None, type=trimmed.type), trimmed)
        return _from_arrow(trimmed, series)
    text = series.astype("str").str.strip()
    return text.mask(text == "", None)


_OFFSET_TYPES = {pyarrow.string(): np.int32, pyarrow.large_string(): np.int64}


def _text_edges(chunk: pyarrow.Array) -> tuple[bool, bool] | None:
    """(whether a value may begin or end with a space, whether a value is empty) for one chunk of
    Arrow strings, read from the first and last byte of each value (about a third of the time of
    trimming it); None for a layout other than (large) string.

    A space, a control character or any byte outside ASCII (Unicode's spaces among them) at
    either end counts as a possible space: the column is then trimmed in full."""
    offset_type = _OFFSET_TYPES.get(chunk.type)
    if offset_type is None:
        return None
    if len(chunk) == 0:
        return False, False
    _, offsets_buffer, data_buffer = chunk.buffers()
    # `count`: a buffer may be longer than the offsets it holds, by bytes that make no offset
    offsets = np.frombuffer(offsets_buffer, dtype=offset_type, count=chunk.offset + len(chunk) + 1)
    offsets = offsets[chunk.offset :]
    starts, ends = offsets[:-1], offsets[1:]
    filled = ends > starts
    if chunk.null_count:
        valid = chunk.is_valid().to_numpy(zero_copy_only=False)
        filled &= valid
        has_empty = bool(np.any(valid & (ends == starts)))
    else:
        has_empty = not filled.all()
    if has_empty or chunk.null_count:
        starts, ends = starts[filled], ends[filled]
    if len(starts) == 0:
        return False, has_empty
    data = np.frombuffer(data_buffer, dtype=np.uint8)
    first, last = data[starts], data[ends - 1]
    odd = (first <= 0x20) | (first >= 0x7F) | (last <= 0x20) | (last >= 0x7F)
    return bool(odd.any()), has_empty


def _by_distinct_value(series: pd.Series, transform, dtype: str) -> pd.Series:
    """`transform` applied once per distinct value, then spread by code (nulls stay null). A
    categorical of text made text stays a categorical (its categories transformed)."""
    categories = text_categories(series)
    if categories is not None and dtype == "str":
        return recode(series, [transform(value) for value in categories])
    codes, uniques = pd.factorize(series)
    values = pd.array([transform(value) for value in uniques], dtype=dtype)
    return pd.Series(values.take(codes, allow_fill=True), index=series.index, name=series.name)


def normalise_enum(series: pd.Series) -> pd.Series:
    """`Legitimate interests` -> `legitimate_interests` (case, accents, separators)."""
    from ..loaders import normalise_name

    arrow = arrow_text(series)
    if arrow is not None:
        distinct = pc.unique(arrow).drop_null().to_pylist()
        if all(normalise_name(value) == value for value in distinct):
            return series  # already canonical, as a clean register is: nothing to rewrite
    # normalise each distinct value once (5M rows: 0.3 s instead of 2 s for map)
    return _by_distinct_value(series, normalise_name, "str")


def normalise_country(series: pd.Series) -> pd.Series:
    """ISO 3166-1 alpha-2 from a code (`fr`, `USA`, `EL`, `UK`) or a name in English, French or
    German (`Royaume-Uni`), through `audit_lib.freetext.countries`; a value that is not a country
    stays as written (a DQ-002 finding names it)."""
    return _by_distinct_value(series, _country_reader, "str")


def split_list(series: pd.Series, transform=None) -> pd.Series:
    """`a; b | c` -> ("a", "b", "c"); empty cell -> None."""

    def parse(value):
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return None
        items = tuple(item for item in _LIST_SPLIT.split(str(value).strip()) if item)
        if transform:
            items = tuple(transform(item) for item in items)
        return items or None

    return _cells_by_distinct_value(series, parse)


def _cells_by_distinct_value(series: pd.Series, parse) -> pd.Series:
    uniques = {value: parse(value) for value in series.dropna().unique()}
    return series.map(uniques).astype(object).where(series.notna(), None)


def split_countries(series: pd.Series) -> pd.Series:
    """A list of countries: codes or names separated by `;`, `|` or commas (`CAN, USA, GBR`) ->
    a tuple of alpha-2 codes, the items that are not countries kept as written (DQ-002)."""

    def parse(value):
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return None
        return _countries_reader(str(value)) or None

    return _cells_by_distinct_value(series, parse)


def _without_tz(parsed: pd.Series) -> pd.Series:
    return parsed.dt.tz_localize(None) if getattr(parsed.dt, "tz", None) is not None else parsed


def _iso_datetimes(text: pd.Series, format: str) -> pd.Series:
    try:
        return _without_tz(pd.to_datetime(text, format=format, errors="coerce"))
    except (ValueError, OverflowError):
        # several time zones in one column (pandas refuses to mix them): each value keeps its
        # own wall-clock time, as a column with a single time zone does
        bare = text.str.replace(_TZ_SUFFIX, r"\1", regex=True)
        try:
            return _without_tz(pd.to_datetime(bare, format=format, errors="coerce"))
        except (ValueError, OverflowError):
            return _one_by_one(bare, format)


def _one_by_one(text: pd.Series, format: str) -> pd.Series:
    """Each distinct value parsed alone (wall-clock time kept), NaT where it does not parse: what
    is left when pandas refuses the column as a whole (a time zone the suffix rule does not strip)."""

    def parse(value: object) -> pd.Timestamp:
        try:
            stamp = pd.Timestamp(pd.to_datetime(value, format=format))
        except (ValueError, OverflowError, TypeError):
            return pd.NaT
        return stamp.tz_localize(None) if stamp.tzinfo is not None else stamp

    return _by_distinct_value(text, parse, "datetime64[us]")


def parse_dates(series: pd.Series, date_format: str, keep_time: bool) -> pd.Series:
    """Parse ISO (or day-first `DD/MM/YYYY`) dates; values that do not parse become NaT.

    Only year-first forms are read in ISO mode: `03/04/2026` is ambiguous, so it is a value that
    does not parse (DQ-001), never a guess.
    """
    categories = text_categories(series)
    if categories is not None:  # each distinct text parsed once, then spread by code
        distinct = parse_dates(pd.Series(categories), date_format, keep_time=True)
        values = np.append(distinct.to_numpy(dtype="datetime64[us]"), np.datetime64("NaT", "us"))
        parsed = pd.Series(
            values[series.cat.codes.to_numpy()], index=series.index, name=series.name
        )
    elif pd.api.types.is_datetime64_any_dtype(series):
        parsed = _without_tz(series)
    elif date_format == "iso" and arrow_text(series) is not None:
        parsed = _arrow_iso_dates(series)
    else:
        parsed = _text_dates(series, date_format)
    parsed = parsed.astype("datetime64[us]")
    if keep_time:
        return parsed
    ticks = parsed.to_numpy().view("int64")[parsed.notna().to_numpy()]
    return parsed.dt.normalize() if (ticks % _DAY_US).any() else parsed


_DAY_US = 86_400_000_000


#: rows per block of the Arrow date fast path: a block with a value it refuses is parsed by pandas
_DATE_BLOCK = 1 << 16


def _arrow_iso_dates(series: pd.Series) -> pd.Series:
    """ISO dates by Arrow's strict ISO 8601 cast (5M values: 0.15 s instead of 1.5 s).

    The cast accepts a subset of what pandas reads, with the same result (`2026-02-29` and time
    zones are refused), and fails a whole block at once: such a block -- one holding an impossible
    date, a time zone or another year-first form -- is parsed by `_text_dates`, value by value.
    """
    arrow = arrow_text(series)
    parsed = np.empty(len(series), dtype="datetime64[us]")
    for start in range(0, len(series), _DATE_BLOCK):
        block = arrow.slice(start, _DATE_BLOCK)
        try:
            values = pc.cast(block, pyarrow.timestamp("us")).to_numpy()
        except (pyarrow.ArrowInvalid, pyarrow.ArrowNotImplementedError, OverflowError):
            text = series.iloc[start : start + _DATE_BLOCK]
            values = _text_dates(text, "iso").to_numpy(dtype="datetime64[us]")
        parsed[start : start + len(values)] = values
    return pd.Series(parsed, index=series.index, name=series.name)


def _text_dates(series: pd.Series, date_format: str) -> pd.Series:
    """Dates from text by pandas: ISO 8601, other year-first forms, or day-first when asked."""
    text = series.astype("str")
    if date_format == "dayfirst":
        text = text.str.replace(
            _DAYFIRST, lambda m: f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}{m[4]}", regex=True
        )
    parsed = _iso_datetimes(text, "ISO8601")
    # other year-first forms ("2026.01.05 10h") parse one by one, only where the fast path left gaps
    gaps = parsed.isna() & text.notna()
    if gaps.any():  # matched only where the fast path failed: a Python regex per value is slow
        gaps.loc[gaps] = text[gaps].str.match(_YEAR_FIRST, na=False)
    if gaps.any():
        parsed = parsed.astype("datetime64[us]")
        parsed.loc[gaps] = _iso_datetimes(text[gaps], "mixed").astype("datetime64[us]")
    return parsed


# ------------------------------------------- datetimes converted to UTC, and counts (breaches)
#: the companion column of a `datetime_utc` column: whether each value gave a time of day. A
#: dot never survives header normalisation, so no column of an input can take this name.
TIME_GIVEN_SUFFIX = ".time_given"

_UTC_TIME = (
    r"(?:(?:T|\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d{1,9}))?)?"
    r"\s*(?P<offset>Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_UTC_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _UTC_TIME, re.I)
_UTC_DAYFIRST = re.compile(
    r"^(?P<day>\d{1,2})[./-](?P<month>\d{1,2})[./-](?P<year>\d{4})" + _UTC_TIME, re.I
)
_FIRST_STAMP = np.datetime64("0001-01-01T00:00:00", "us")
_AFTER_LAST_STAMP = np.datetime64("10000-01-01T00:00:00", "us")
_COUNT = re.compile(r"^[+-]?\d+$|^\d{1,3}(?:([,.' \u00a0\u202f])\d{3})(?:\1\d{3})*$")


def time_given_column(column: str) -> str:
    """The name of the boolean column that says, per value of a `datetime_utc` column, whether a
    time of day was given (False: a date-only value, typed as midnight)."""
    return column + TIME_GIVEN_SUFFIX


def parse_utc_datetimes(series: pd.Series, date_format: str = "iso") -> tuple[pd.Series, pd.Series]:
    """(timestamps in UTC without offset, whether a time of day was given) for the `datetime_utc`
    kind (the breach register, registers.md).

    Accepted: `YYYY-MM-DD`, then optionally `T` or blanks, `HH:MM[:SS[.fff]]` and an offset
    (`+02:00`, `+0200`, `+02`, `Z`, `UTC`); day-first `DD/MM/YYYY` (or `.`, `-`) too with
    `date_format: dayfirst`. A value with an offset is converted to UTC; a value without one keeps
    its wall-clock time (local time, as the register states it). A value with no time of day is
    date-only: midnight, and False in the second series. Anything else (an impossible date, hour
    24, another layout) is NaT. A column already typed as timestamps (Parquet) is converted to UTC
    when it has a time zone, and counts as having a time of day.
    """
    if pd.api.types.is_datetime64_any_dtype(series):
        parsed = series
        if getattr(series.dt, "tz", None) is not None:
            parsed = series.dt.tz_convert("UTC").dt.tz_localize(None)
        parsed = parsed.astype("datetime64[us]")
        return parsed, pd.Series(parsed.notna(), index=series.index, dtype="boolean")
    text = series.astype("str").str.strip()
    parts = text.str.extract(_UTC_ISO)
    if date_format == "dayfirst":
        other = text.str.extract(_UTC_DAYFIRST)[parts.columns]
        parts = parts.where(parts["year"].notna(), other)

    def number(name: str) -> pd.Series:
        return pd.to_numeric(parts[name], errors="coerce")

    day = pd.to_datetime(
        pd.DataFrame({"year": number("year"), "month": number("month"), "day": number("day")}),
        errors="coerce",
    ).astype("datetime64[us]")
    hour, minute, second = number("hour"), number("minute"), number("second").fillna(0)
    given = hour.notna()
    in_range = ~given | ((hour <= 23) & (minute <= 59) & (second <= 59))
    fraction = pd.to_numeric(
        parts["fraction"].str.slice(0, 6).str.pad(6, "right", "0"), errors="coerce"
    )
    offset = parts["offset"].str.upper().replace({"Z": "+00", "UTC": "+00", "GMT": "+00"})
    sign = offset.str.slice(0, 1).map({"+": 1, "-": -1})
    digits = offset.str.replace(":", "", regex=False)
    offset_minutes = (
        sign
        * (
            pd.to_numeric(digits.str.slice(1, 3), errors="coerce") * 60
            + pd.to_numeric(digits.str.slice(3, 5), errors="coerce").fillna(0)
        )
    ).fillna(0)
    elapsed = (
        pd.to_timedelta(hour.fillna(0) * 3600 + minute.fillna(0) * 60 + second, unit="s")
        + pd.to_timedelta(fraction.fillna(0), unit="us")
        - pd.to_timedelta(offset_minutes, unit="m")
    )
    parsed = (day + elapsed).where(in_range).astype("datetime64[us]")
    # years 1-9999 only (a conversion to UTC can leave them): what calendar text can show
    parsed = parsed.where((parsed >= _FIRST_STAMP) & (parsed < _AFTER_LAST_STAMP))
    given = pd.Series(given & parsed.notna(), index=series.index, dtype="boolean")
    return parsed, given.where(parsed.notna(), pd.NA)


def parse_counts(series: pd.Series) -> pd.Series:
    """Whole numbers (`int` kind): `1200`, and with thousands grouped by `,` `.` `'` or a blank
    (`1,200`, `12 000`); anything else -- a decimal, a word, beyond 64 bits -- is NA."""
    if pd.api.types.is_integer_dtype(series):
        return series.astype("Int64")

    def count(value: object) -> int | None:
        text = str(value).strip()
        if isinstance(value, float):
            text = str(int(value)) if value.is_integer() else ""
        if not _COUNT.match(text):
            return None
        number = int(re.sub(r"[,.' \u00a0\u202f]", "", text))
        return number if -(2**63) <= number < 2**63 else None

    return _by_distinct_value(series, count, "Int64")


def parse_bools(series: pd.Series) -> pd.Series:
    """Yes/no in the five languages, spreadsheet TRUE/FALSE, 1/0 (`audit_lib.freetext.yes_no`)."""
    if pd.api.types.is_bool_dtype(series):
        return series.astype("boolean")
    return _by_distinct_value(series, _bool_reader, "boolean")


def _enum_reader(allowed: tuple[str, ...], reader: str):
    """value -> the code itself (any case and spacing), else what the `audit_lib.freetext` reader
    understands, else the text as written (for the rule that judges it to quote)."""
    from .. import freetext
    from ..loaders import normalise_name

    understand = getattr(freetext, reader)
    allowed_set = set(allowed)

    def read(value: str) -> str:
        code = normalise_name(value)
        if code in allowed_set:
            return code
        understood = understand(value)
        return understood if understood is not None else value.strip()

    return read


def _country_reader(value: str) -> str:
    from ..freetext import country_code

    return country_code(value) or value


def _countries_reader(value: str) -> tuple[str, ...]:
    from ..freetext import countries_in

    codes, unknown = countries_in(value)
    return tuple(dict.fromkeys((*codes, *unknown)))


def _bool_reader(value: str) -> bool | None:
    from ..freetext import yes_no

    return yes_no(value)


def read_enum(series: pd.Series, allowed: tuple[str, ...], reader: str) -> pd.Series:
    """An enum column of free text: the code itself (any case and spacing), else what the
    `audit_lib.freetext` reader understands ("performance of a contract" -> `contract`), else the
    text as written -- for the rule that judges it to quote (ROPA-002 quotes it)."""
    arrow = arrow_text(series)
    if arrow is not None:
        distinct = pc.unique(arrow).drop_null().to_pylist()
        if all(value in allowed for value in distinct):
            return series  # already canonical, as a clean register is
    return _by_distinct_value(series, _enum_reader(allowed, reader), "str")


class Readings:
    """What the typing step understood in free text: one row per column and distinct value whose
    reading differs from the text (`as written`, `read as`), for the report to show beside it.
    Kept in ``frame.attrs["readings"]``; copied by reference (pandas deep-copies attrs)."""

    __slots__ = ("frame",)

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __deepcopy__(self, memo: dict) -> Readings:
        return self

    def __len__(self) -> int:
        return len(self.frame)


def _shown_reading(value: object) -> str:
    if isinstance(value, tuple):
        return "; ".join(map(str, value))
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return "(not understood)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _readings(column: str, text: pd.Series, read) -> list[tuple[str, str, str]]:
    """(column, as written, read as) for each distinct text whose reading `read(text)` is not the
    text itself (once per distinct value: a large register has few)."""
    from ..loaders import normalise_name

    arrow = arrow_text(text)
    distinct = (
        pc.unique(arrow).drop_null().to_pylist()
        if arrow is not None
        else [v for v in pd.unique(text.dropna()) if isinstance(v, str)]
    )
    rows = []
    for written in distinct:
        shown = _shown_reading(read(written))
        if normalise_name(written) != normalise_name(shown) and written.upper() != shown:
            rows.append((column, str(written), shown))
    return rows


@dataclass(frozen=True)
class Failure:
    """One broken expectation: the row (frame index), the column, the DQ rule and what was expected."""

    index: object
    column: str
    rule_id: str
    detail: str


_SHOW_VALUE_KINDS = {"date", "datetime", "bool", "enum", "enum_list", "country", "country_list"}


def _shown(value: object) -> str:
    text = "; ".join(map(str, value)) if isinstance(value, tuple) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


#: kinds typed from a categorical of text without expanding it (a column that `repeats`)
_CATEGORICAL_KINDS = {"id", "str", "path", "enum", "date", "datetime"}

#: kinds whose text as written is shown beside the typed value in a finding (`_as_written`)
_WRITTEN_KINDS = {"enum", "enum_list", "country", "country_list", "bool"}


def type_frame(
    frame: pd.DataFrame, register: str, date_format: str = "iso", consume: bool = False
) -> tuple[pd.DataFrame, list[Failure]]:
    """Type each known column by its kind; report values that cannot be read (DQ-001).

    consume: drop each text column from `frame` once it is typed (the text of the kinds shown
    as written stays), so that a large register is not held twice in memory.
    """
    specs = column_specs(register)
    typed = frame.copy(deep=False)  # copy-on-write: the columns are replaced, never modified
    failures: list[Failure] = []
    readings: list[tuple[str, str, str]] = []
    for name, spec in specs.items():
        if name not in typed.columns:
            continue
        raw = typed[name]
        if consume and spec.kind not in _WRITTEN_KINDS:
            del frame[name]
        if spec.kind not in _CATEGORICAL_KINDS and text_categories(raw) is not None:
            raw = raw.astype("str")  # a kind typed value by value: from text
        if spec.kind in ("date", "datetime"):
            text = raw if pd.api.types.is_datetime64_any_dtype(raw) else _blank_to_na(raw)
            parsed = parse_dates(text, date_format, keep_time=spec.kind == "datetime")
            bad = text.notna() & parsed.isna()
            expected = "DD/MM/YYYY" if date_format == "dayfirst" else "YYYY-MM-DD"
            if spec.kind == "datetime":
                expected += " hh:mm:ss"
            for index, value in text[bad].items():
                failures.append(
                    Failure(
                        index,
                        name,
                        "DQ-001",
                        f"'{_shown(value)}' is not a date (expected {expected})",
                    )
                )
            typed[name] = parsed
        elif spec.kind == "datetime_utc":
            text = raw if pd.api.types.is_datetime64_any_dtype(raw) else _blank_to_na(raw)
            parsed, given = parse_utc_datetimes(text, date_format)
            bad = text.notna() & parsed.isna()
            layout = "DD/MM/YYYY" if date_format == "dayfirst" else "YYYY-MM-DD"
            for index, value in text[bad].items():
                failures.append(
                    Failure(
                        index,
                        name,
                        "DQ-001",
                        f"'{_shown(value)}' is not a date and time "
                        f"(expected {layout}, or {layout} hh:mm[:ss] with an optional UTC offset)",
                    )
                )
            typed[name] = parsed
            typed[time_given_column(name)] = given
        elif spec.kind == "int":
            text = raw if pd.api.types.is_numeric_dtype(raw) else _blank_to_na(raw)
            parsed = parse_counts(text)
            bad = text.notna() & parsed.isna()
            for index, value in text[bad].items():
                failures.append(
                    Failure(index, name, "DQ-001", f"'{_shown(value)}' is not a whole number")
                )
            typed[name] = parsed
        elif spec.kind == "bool":
            text = raw if pd.api.types.is_bool_dtype(raw) else _blank_to_na(raw)
            parsed = parse_bools(text)
            if not pd.api.types.is_bool_dtype(raw):
                readings += [
                    r
                    for r in _readings(name, text, _bool_reader)
                    if r[1].strip().lower() not in TRUE_WORDS | FALSE_WORDS
                    and r[2] != "(not understood)"
                ]
            bad = text.notna() & parsed.isna()
            for index, value in text[bad].items():
                failures.append(
                    Failure(
                        index,
                        name,
                        "DQ-001",
                        f"'{_shown(value)}' is not yes/no (expected true/false, yes/no, 1/0, oui/non)",
                    )
                )
            typed[name] = parsed
        elif spec.kind == "enum" and spec.reader:
            text = _blank_to_na(raw)
            typed[name] = read_enum(text, spec.allowed or (), spec.reader)
            if typed[name] is not text:
                readings += _readings(name, text, _enum_reader(spec.allowed or (), spec.reader))
        elif spec.kind == "enum":
            typed[name] = normalise_enum(_blank_to_na(raw))
        elif spec.kind == "enum_list":
            from ..loaders import normalise_name

            typed[name] = split_list(_blank_to_na(raw), normalise_name)
        elif spec.kind == "list":
            typed[name] = split_list(_blank_to_na(raw))
        elif spec.kind == "country":
            text = _blank_to_na(raw)
            typed[name] = normalise_country(text)
            readings += _readings(name, text, _country_reader)
        elif spec.kind == "country_list":
            text = _blank_to_na(raw)
            typed[name] = split_countries(text)
            readings += _readings(name, text, _countries_reader)
        else:  # id, str, path
            typed[name] = _blank_to_na(_one_chunk(raw))
    if readings:
        typed.attrs["readings"] = Readings(
            pd.DataFrame(readings, columns=["column", "as written", "read as"])
        )
    return typed, failures


def _check_rule(check: str) -> str:
    if check in ("field_uniqueness", "unique") or "unique" in check:
        return "DQ-003"
    if check == "not_nullable":
        return "DQ-004"
    if check.startswith("dtype(") or check.startswith("coerce_dtype"):
        return "DQ-001"
    return "DQ-002"


def _quoted(value: object, written: object | None) -> str:
    """`'Birthday' (read as 'birthday')`: the value as the file has it, and as typed when different."""
    typed = _shown(value)
    if written is None or _shown(written) == typed:
        return f"'{typed}'"
    return f"'{_shown(written)}' (read as '{typed}')"


def _check_detail(
    check: str, value: object, spec: ColumnSpec | None, written: object | None = None
) -> str:
    rule_id = _check_rule(check)
    if rule_id == "DQ-003":
        return f"{_quoted(value, written)} appears more than once (expected a unique identifier)"
    if rule_id == "DQ-004":
        return "is empty (expected a value)"
    if spec is not None and spec.allowed:
        shown = f"{_quoted(value, written)} " if spec.kind in _SHOW_VALUE_KINDS else ""
        allowed = ", ".join(spec.allowed)
        return f"{shown}is not an allowed value (expected one of: {allowed})"
    if spec is not None and spec.kind in ("country", "country_list"):
        return f"{_quoted(value, written)} is not a country code (expected ISO 3166-1 alpha-2, e.g. FR)"
    return f"fails check {check}"


def _as_written(raw: pd.DataFrame | None, index: object, column: str) -> str | None:
    """The value as the file has it (`Pinky promise` for `pinky_promise`), to show in a finding."""
    if (
        raw is None
        or column not in raw.columns
        or not raw.index.is_unique
        or index not in raw.index
    ):
        return None
    value = raw.at[index, column]
    return value.strip() if isinstance(value, str) else None


def validate_frame(
    typed: pd.DataFrame, register: str, raw: pd.DataFrame | None = None
) -> list[Failure]:
    """pandera lazy validation of a typed frame; one Failure per failing (row, column, check).

    `raw`: the frame before typing, to show values as written in the file.
    """
    specs = column_specs(register)
    try:
        # inplace: the frame is already typed (coerce=False), so pandera need not copy it
        SCHEMAS[register].validate(typed, lazy=True, inplace=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases  # never print exc.data: it holds personal data
        failures = []
        for case in cases.itertuples(index=False):
            column = str(case.column) if case.column is not None else ""
            index = case.index
            if index is None or (isinstance(index, float) and pd.isna(index)):
                continue
            failures.append(
                Failure(
                    index,
                    column,
                    _check_rule(str(case.check)),
                    _check_detail(
                        str(case.check),
                        case.failure_case,
                        specs.get(column),
                        _as_written(raw, index, column),
                    ),
                )
            )
        return failures
    return []


def _source_lines(typed: pd.DataFrame):
    """Where each row starts in the file, when the loader recorded it (rows and file lines differ:
    blank lines, values spanning lines); None otherwise."""
    lines = typed.attrs.get("source_lines")
    return lines if lines is not None and len(lines) == len(typed) else None


def _line_of_row(lines, position: int, header_row: int) -> int:
    """The file line of the row at `position`: recorded, else position + header_row + 1."""
    return int(lines[position]) if lines is not None else position + header_row + 1


def name_rows_without_id(typed: pd.DataFrame, register: str, header_row: int = 1) -> None:
    """A row whose identifier is empty is named `row <n>` (its line in the file), in place.

    DQ-004 reports the empty identifier; the rules then name that row as the data-quality
    findings do, so that every finding has a record key (spec: `row <n>` when the id is missing).
    """
    id_column = ID_COLUMNS.get(register)
    if id_column not in typed.columns:
        return
    missing = typed[id_column].isna()
    if not missing.any():
        return
    lines = _source_lines(typed)
    positions = np.flatnonzero(missing.to_numpy())
    names = [f"row {_line_of_row(lines, int(p), header_row)}" for p in positions]
    column = typed[id_column].astype("str")
    column.iloc[positions] = names
    typed[id_column] = column


def failures_to_findings(
    failures: list[Failure],
    typed: pd.DataFrame,
    register: str,
    header_row: int = 1,
    source: str | None = None,
) -> pd.DataFrame:
    """One finding per (row, DQ rule): record_key is the row's id, or `row <n>` (file line) without one."""
    if not failures:
        return pd.DataFrame(columns=["rule_id", "record_key", "message"])
    id_column = ID_COLUMNS[register]
    positions = {index: pos for pos, index in enumerate(typed.index)}
    lines = _source_lines(typed)
    rows = []
    for failure in failures:
        pos = positions.get(failure.index)
        identifier = (
            typed[id_column].iloc[pos] if pos is not None and id_column in typed.columns else None
        )
        line = _line_of_row(lines, pos if pos is not None else 0, header_row)
        if identifier is None or pd.isna(identifier) or failure.rule_id == "DQ-003":
            key = f"row {line}"
        else:
            key = str(identifier)
        rows.append(
            (
                failure.rule_id,
                key,
                line,
                f"{source or register} row {line}, column '{failure.column}': {failure.detail}",
            )
        )
    frame = pd.DataFrame(rows, columns=["rule_id", "record_key", "line", "message"])
    grouped = (
        frame.sort_values(["line", "message"], kind="mergesort")
        .groupby(["rule_id", "record_key"], sort=False)
        .agg(line=("line", "min"), message=("message", "; ".join))
        .reset_index()
        .sort_values(["line", "rule_id"], kind="mergesort")
    )
    return grouped[["rule_id", "record_key", "message"]].reset_index(drop=True)


def check_register(
    frame: pd.DataFrame,
    register: str,
    date_format: str = "iso",
    header_row: int = 1,
    source: str | None = None,
    consume: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Type and validate one register. Returns (typed frame, DQ findings: rule_id, record_key, message).

    consume: `frame` is the loader's and is not used afterwards -- its columns are dropped as they
    are typed (see `type_frame`).
    """
    typed, failures = type_frame(frame, register, date_format, consume)
    unreadable = {(f.index, f.column) for f in failures}
    # an unreadable value is also empty once typed: report it once, as unreadable
    failures += [
        f
        for f in validate_frame(typed, register, raw=frame)
        if (f.index, f.column) not in unreadable
    ]
    findings = failures_to_findings(failures, typed, register, header_row, source)
    name_rows_without_id(typed, register, header_row)
    return typed, findings
