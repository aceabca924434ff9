"""Small builders shared by the rule tests: typed registers and an AuditContext from plain rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from audit_lib.context import AuditContext
from audit_lib.params import Params
from audit_lib.rules import RULES
from audit_lib.schemas import check_register, repeated_columns

#: how `typed` hands a register's columns whose values repeat to the typing step: "text" (as
#: from an XLSX register, or the Dask engine's partitions) or "categorical" (as the loader reads
#: them from CSV and Parquet: categoricals, their categories in order of first appearance).
#: Rule tests may run in both (the `repeated_as` fixture of tests/test_rules_access.py).
REPEATED_AS = {"mode": "text"}


def typed(register: str, rows: list[dict[str, Any]], date_format: str = "iso") -> pd.DataFrame:
    """Rows of text (as in a CSV) -> the typed frame the rules see (DQ findings are dropped)."""
    frame = pd.DataFrame(rows).fillna("").astype("str")
    if REPEATED_AS["mode"] == "categorical":
        for name in repeated_columns(register):
            if name in frame.columns:
                values = frame[name]
                frame[name] = pd.Categorical(values, categories=pd.unique(values))
    result, _ = check_register(frame, register, date_format)
    return result


def make_ctx(
    audit: str,
    registers: dict[str, list[dict[str, Any]]],
    audit_date: str = "2026-09-30",
    **params: Any,
) -> AuditContext:
    """An AuditContext for `audit` holding the given registers (rows as text), parameters as keywords."""
    p = Params(
        path=Path("/nonexistent/params.yaml"),
        organisation="Test Org",
        period="T",
        audit_date=pd.Timestamp(audit_date),
        **params,
    )
    return AuditContext(
        audit=audit, params=p, frames={name: typed(name, rows) for name, rows in registers.items()}
    )


def fire(rule_id: str, ctx: AuditContext) -> pd.DataFrame:
    """Run one rule; return its (record_key, message[, severity]) frame."""
    return RULES[rule_id].func(ctx)


def keys(rule_id: str, ctx: AuditContext) -> list[str]:
    """The record keys a rule fires on, sorted."""
    return sorted(fire(rule_id, ctx)["record_key"].astype(str))
