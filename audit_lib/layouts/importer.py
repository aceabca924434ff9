"""`gdpr-audit import`: a register in a template layout, written once as the canonical register.

An organisation that keeps its Art. 30 register in the ICO or CNIL template can migrate once:
the register is read as the audit reads it (`audit_lib.layouts`), the free text understood
(`audit_lib.freetext`), and written as a UTF-8 CSV with the canonical columns of `registers.md`
(list cells joined with `;`, dates ISO, yes/no as `yes`/`no`), with a short report of the
mapping: which heading went to which column, what could not be placed, what could not be read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..loaders import read_register
from ..params import DEFAULT_EMPTY_VALUES
from ..schemas import check_register, column_specs, expected_columns
from . import STANDS_IN, complete_register

REGISTER = "processing_register"


def _as_text(value: object, kind: str) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, tuple):
        return "; ".join(map(str, value))
    if kind == "bool":
        return "yes" if bool(value) else "no"
    if isinstance(value, pd.Timestamp | dt.datetime):
        if kind == "date" or (value.hour, value.minute, value.second) == (0, 0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    return str(value)


def import_register(
    path: Path,
    layout: str,
    *,
    sheet: str | int | None = None,
    empty_values: tuple[str, ...] = DEFAULT_EMPTY_VALUES,
) -> tuple[pd.DataFrame, list[str]]:
    """(the canonical register as text, lines of the mapping report). Raises InputError."""
    raw, info = read_register(
        REGISTER,
        path,
        expected=expected_columns(REGISTER),
        sheet=sheet,
        layout=layout,
        empty_values=empty_values,
        tolerant=True,
        alternatives=STANDS_IN.get(REGISTER),
    )
    raw, completed = complete_register(REGISTER, raw)
    typed, dq = check_register(raw.copy(), REGISTER, "iso", info.header_row, str(path))
    specs = column_specs(REGISTER)
    columns = [name for name in specs if name in typed.columns]
    out = pd.DataFrame(
        {name: [_as_text(v, specs[name].kind) for v in typed[name]] for name in columns},
        dtype="str",
    )
    report = [f"read {path.name} as the {layout} layout: {len(out)} activities"]
    report += [f"  {heading!r} -> {column}" for heading, column in info.mapping]
    report += [f"  {heading!r} -> (not placed)" for heading in info.unplaced]
    report += [f"note: {note}" for note in (*info.notes, *completed)]
    readings = typed.attrs.get("readings")
    if readings is not None:
        report += [
            f"read: {row['column']} {row['as written']!r} as {row['read as']!r}"
            for _, row in readings.frame.iterrows()
        ]
    absent = [name for name in specs if specs[name].required and name not in out.columns]
    if absent:
        report.append(f"columns left empty (nothing in the template for them): {', '.join(absent)}")
    for message in dq["message"]:
        report.append(f"data quality: {message}")
    return out, report


def write_csv(frame: pd.DataFrame, target: Path, force: bool = False) -> None:
    """Write the canonical register, atomically; an existing file needs `force`."""
    if target.exists() and not force:
        raise InputError(
            str(target), "exists; nothing was written", suggestion="use --force to replace it"
        )
    partial = target.with_name(f".{target.name}.partial")
    frame.to_csv(partial, index=False, encoding="utf-8", lineterminator="\n")
    partial.replace(target)
