"""Registers as organisations really keep them (real_registers.md): one module per layout.

- `canonical`: our own columns (`registers.md`), read by `audit_lib.loaders`; for the processing
  register, what a hand-kept register lacks is completed here (`complete_processing_register`:
  derived activity ids, a name from the purpose).
- `ico`: the UK ICO's "Documentation template for controllers" (`ico.py`).
- `cnil`: the CNIL's "registre des activités de traitement" model workbook (`cnil.py`).

A template layout reads its workbook into the canonical columns of the processing register, as
text, and says what it did (`LayoutReading`): which heading or label went to which column, what
could not be placed, and notes for the report. Templates are found by their wording, never by
fixed cells.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..loaders import normalise_name


@dataclass
class LayoutReading:
    """What a template layout read, for the report and for `gdpr-audit import`."""

    layout: str
    sheet: str | None = None  # the sheet(s) read
    header_row: int = 1
    mapping: list[tuple[str, str]] = field(default_factory=list)  # (as written, column)
    unplaced: list[str] = field(default_factory=list)  # headings or labels not placed
    notes: list[str] = field(default_factory=list)


def read_layout(
    layout: str, path: Path, *, sheet: str | int | None = None, empty_values: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, LayoutReading]:
    """Read `path` laid out as `layout` (ico, cnil) into the processing register's canonical
    columns (text; list cells joined with "; "). Raises InputError when the file is not in that
    layout (naming the labels looked for) or cannot be read."""
    try:
        module = importlib.import_module(f"{__name__}.{layout}")
    except ModuleNotFoundError:
        raise InputError(str(path), f"no layout named {layout!r}") from None
    return module.read(path, sheet=sheet, empty_values=empty_values)


@functools.cache
def _folded(empty_values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in empty_values)


def is_empty_cell(text: object, empty_values: tuple[str, ...]) -> bool:
    """Blank, or one of the parameters' `empty_values` (trimmed, case-insensitive)."""
    if text is None:
        return True
    value = str(text).strip()
    return not value or value.lower() in _folded(tuple(empty_values))


def derived_id(*parts: object) -> str:
    """`A-` + the first 8 hex digits of SHA-256 of the normalised parts (real_registers.md
    section 2): stable across periods while those values do not change."""
    key = "|".join(normalise_name(part) for part in parts if part is not None)
    return "A-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]


def complete_processing_register(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """What a hand-kept processing register lacks, completed as real_registers.md section 2
    says, in place: no `name` -> the activity's purpose; no `activity_id` column (or an empty id
    in a register that derives them) -> `A-` + SHA-256 of the normalised name. Returns the frame
    and notes for the report."""
    notes = []
    if "name" not in frame.columns and "purposes" in frame.columns:
        frame["name"] = frame["purposes"]
        notes.append("no name column: each activity is named by its purpose")
    if "activity_id" not in frame.columns:
        source = frame["name"] if "name" in frame.columns else None
        if source is not None:
            text = source.astype("str").fillna("")
            ids = [derived_id(value) if value.strip() else "" for value in text]
            frame["activity_id"] = pd.Series(ids, index=frame.index, dtype="str")
            notes.append(
                "no activity_id column: each activity's id is derived from its name "
                "(A- + the first 8 hex digits of SHA-256 of the normalised name; stable while "
                "the name does not change)"
            )
    return frame, notes


#: a required column that another may stand for (rules.md: ROPA-001's retention is met by either)
STANDS_IN = {"processing_register": {"retention_rule_id": "retention_text"}}
#: what a hand-kept register lacks, completed before typing
COMPLETERS = {"processing_register": complete_processing_register}


def complete_register(register: str, frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The register's completer (`COMPLETERS`), if it has one: (frame, notes for the report)."""
    completer = COMPLETERS.get(register)
    return completer(frame) if completer else (frame, [])
