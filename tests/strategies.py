"""Hypothesis strategies for registers that their data contract accepts, column by column.

Every register is described by its pandera model (`audit_lib.schemas.SCHEMAS`): the kind of each
column (id, str, date, datetime, datetime_utc, bool, enum, enum_list, list, country, country_list,
path, int), whether it is required, and its allowed values. These strategies draw *rows of text,
as a CSV holds them*, which the suite's own typing step (`check_register`) then types: that is
what the rules see in a real run.

pandera's own strategies (`DataFrameModel.strategy()` / `example()`) are not used for the frames:
they draw typed values straight from the dtypes, so list cells come out as plain strings (never
the tuples the typing step makes), the registered `unique_identifier` and item checks fall back to
filtering, and nothing passes through the typing from text that real inputs go through.

Values are drawn from small shared pools (categories, systems, users, rule and processor ids),
so that the registers of one audit join on each other and the rules' joins are exercised, mixed
with the edges of the contract: empty cells, 1900-01-01 and 2099-12-31, the audit date and the
days around it, 29 February, long and odd Unicode text, text that looks like a formula or HTML.
A register may have 0 or 1 row, optional columns absent or all empty, and every row twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
from hypothesis import strategies as st

from audit_lib.schemas import SCHEMAS, column_specs

AUDIT_DATE = dt.date(2026, 9, 30)

ODD_TEXT = (
    "N/A",
    "  padded  ",
    "=1+1",
    "@SUM(A1)",
    "-2",
    "<script>alert(1)</script>",
    "Ünïcödé ñame",
    "日本語のテキスト",
    "emoji 😀🚀",
    "right\u202eto left",
    "zero\u200bwidth",
    "tab\tinside",
    "line\nbreak",
    "x" * 600,
    "a;b|c",
    "none",
    "0042",
)

#: shared values per column name, so that registers join (ids of one register named in another)
POOLS: dict[str, tuple[str, ...]] = {
    "data_category": ("customer", "prospect", "employee", "Customer"),
    "system": ("CRM", "HR", "Mail", "crm"),
    "systems": ("CRM", "HR", "Mail"),
    "user_id": ("U1", "U2", "U3", "svc-backup"),
    "requester_id": ("U1", "U2", "M1"),
    "approver_id": ("U1", "M1", "M2", "M1;M2", "M1 | U1"),
    "reviewer_id": ("M1", "M2"),
    "rule_id": ("R1", "R2", "R3"),
    "retention_rule_id": ("R1", "R2", "R9"),
    "processor_id": ("P1", "P2", "P3"),
    "processor_ids": ("P1", "P2", "P9"),
    "subprocessors": ("P1", "Acme Inc", "Other GmbH"),
    "activity_id": ("A1", "A2", "A3"),
    "duration": ("P1Y", "P6M", "P30D", "P1Y6M", "P0D", "P", "PT5H", "3 years", "P99999Y", "P1W"),
    "contract_document": ("contracts/missing.md", "../outside.md", "/etc/passwd", "dpa.pdf"),
    "subprocessor_list": (
        "lists/missing.md",
        "../outside.html",
        "/etc/passwd",
        "C:\\lists\\vendors.docx",
        "subprocessors.rst",
    ),
    "subject_ref": ("alice@example.com", "bob@example.com", "C-0042"),
    "ticket_id": ("T-1", "T-2"),
    "legal_hold_reference": ("CASE-1",),
    # the action plan answers findings by their id (16 hex digits)
    "finding_id": ("0123456789abcdef", "fedcba9876543210", "00000000000000aa", "N/A"),
}

DATE_EDGES = (
    dt.date(1900, 1, 1),
    dt.date(2099, 12, 31),
    AUDIT_DATE,
    AUDIT_DATE - dt.timedelta(days=1),
    AUDIT_DATE + dt.timedelta(days=1),
    dt.date(2024, 2, 29),
    dt.date(2026, 1, 31),
)
BOOL_WORDS = ("yes", "no", "true", "false", "1", "0", "oui", "non", "Y", "N", "TRUE")


def text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ODD_TEXT),
        st.text(max_size=20),
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=8),
    )


def dates() -> st.SearchStrategy[dt.date]:
    return st.one_of(
        st.sampled_from(DATE_EDGES),
        st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
        st.dates(min_value=AUDIT_DATE - dt.timedelta(days=800), max_value=AUDIT_DATE),
    )


def datetimes() -> st.SearchStrategy[str]:
    times = st.one_of(
        st.just(""),
        st.sampled_from(("T00:00:00", " 23:59:59", "T06:59", "T20:00:00", "T12:00:00+02:00")),
        st.times().map(lambda t: "T" + t.replace(microsecond=0).isoformat()),
    )
    return st.tuples(dates(), times).map(lambda pair: pair[0].isoformat() + pair[1])


def utc_datetimes() -> st.SearchStrategy[str]:
    """The breach register's datetimes: `T` or a space, minutes with or without seconds, a UTC
    offset or `Z` on some, date-only values (`datetime_utc` kind)."""
    times = st.one_of(
        st.just(""),
        st.sampled_from(
            ("T00:00", " 23:59:59", "T10:00Z", " 10:00+02:00", "T23:30-05:30", "T00:30+14:00")
        ),
        st.tuples(
            st.sampled_from(("T", " ")),
            st.times().map(lambda t: t.replace(microsecond=0).isoformat()),
            st.sampled_from(("", "Z", "+01:00", "-03:00", "+0530")),
        ).map("".join),
    )
    return st.tuples(dates(), times).map(lambda pair: pair[0].isoformat() + pair[1])


def _joined(items: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.tuples(
        st.lists(items, min_size=1, max_size=3), st.sampled_from(("; ", "|", ";", " | "))
    ).map(lambda pair: pair[1].join(pair[0]))


def value(column: str, kind: str, allowed: tuple[str, ...] | None) -> st.SearchStrategy[str]:
    """One cell as text, valid for its kind (the edges included); empty cells are drawn apart."""
    pool = POOLS.get(column)
    if kind in ("id", "str", "path", "list") and pool:
        base: st.SearchStrategy[str] = st.one_of(st.sampled_from(pool), st.sampled_from(pool))
        base = st.one_of(base, text()) if kind != "id" else base
        return _joined(st.sampled_from(pool)) if kind == "list" else base
    if kind == "id":
        return st.one_of(st.from_regex(r"[A-Z]{1,2}-[0-9]{1,3}", fullmatch=True), text())
    if kind in ("str", "path"):
        return text()
    if kind == "list":
        return _joined(st.one_of(st.sampled_from(("a", "b", "none", "Clients")), text()))
    if kind == "date":
        return dates().map(dt.date.isoformat)
    if kind == "datetime":
        return datetimes()
    if kind == "datetime_utc":
        return utc_datetimes()
    if kind == "bool":
        return st.sampled_from(BOOL_WORDS)
    if kind == "int":
        return st.integers(min_value=0, max_value=10**9).map(str)
    if kind == "enum":
        choices = st.sampled_from(allowed or ("x",))
        return st.one_of(
            choices, choices.map(str.upper), choices.map(lambda v: v.replace("_", " "))
        )
    if kind == "enum_list":
        return _joined(st.sampled_from(allowed or ("x",)))
    if kind == "country":
        return st.sampled_from(("FR", "DE", "US", "GB", "CH", "IN", "CN", "BR", "el", "gr", "JP"))
    if kind == "country_list":
        return _joined(st.sampled_from(("FR", "US", "IN", "el", "GB", "BR", "CN")))
    raise ValueError(f"no strategy for column kind {kind!r}")


@st.composite
def register_rows(draw, register: str, max_rows: int = 5) -> pd.DataFrame:
    """A register as the loader returns it: text cells, canonical headers, any row count."""
    specs = column_specs(register)
    columns = [
        name
        for name, spec in specs.items()
        if spec.required or draw(st.booleans())  # optional columns absent or present
    ]
    all_empty = {name for name in columns if not specs[name].required and draw(st.booleans())}
    rows_count = draw(st.integers(min_value=0, max_value=max_rows))
    rows = []
    for _ in range(rows_count):
        row = {}
        for name in columns:
            spec = specs[name]
            empty = name in all_empty or draw(st.integers(0, 5)) == 0
            row[name] = "" if empty else draw(value(name, spec.kind, spec.allowed))
        rows.append(row)
    if rows and draw(st.integers(0, 3)) == 0:  # every row twice
        rows = rows + rows
    frame = pd.DataFrame(rows, columns=columns, dtype="str")
    return frame.fillna("")


def registers_of(audit_spec: Any) -> st.SearchStrategy[dict[str, pd.DataFrame]]:
    """The registers an audit reads: every required one, each optional one present or not."""

    @st.composite
    def build(draw) -> dict[str, pd.DataFrame]:
        out = {name: draw(register_rows(name)) for name in audit_spec.registers}
        for name in audit_spec.optional:
            if name in SCHEMAS and draw(st.booleans()):
                out[name] = draw(register_rows(name))
        return out

    return build()
