"""Findings: one (rule, record) pair each, with a stable id and their own pandera schema."""

from __future__ import annotations

import hashlib

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

SEVERITIES = ("critical", "high", "medium", "low", "info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
#: what an audit's rules and data-quality checks give (findings.csv without the period's columns)
AUDIT_FINDING_COLUMNS = [
    "finding_id",
    "audit",
    "rule_id",
    "severity",
    "record_key",
    "message",
    "reference",
]
#: the action plan's answer to each finding, carried into findings.csv (empty without a plan)
PLAN_COLUMNS = ["owner", "due_date", "action_status"]
#: findings.csv (spec README, Outputs)
FINDING_COLUMNS = [*AUDIT_FINDING_COLUMNS, "status", *PLAN_COLUMNS]
#: the columns of a findings.csv written before the action plan existed (read as `previous`)
CORE_COLUMNS = [*AUDIT_FINDING_COLUMNS, "status"]
STATUSES = ("new", "persisting", "resolved")


class FindingSchema(pa.DataFrameModel):
    """The contract of findings.csv (spec README, Outputs)."""

    finding_id: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{16}$")
    audit: Series[str]
    rule_id: Series[str] = pa.Field(str_matches=r"^[A-Z]+-\d{3}$")
    severity: Series[str] = pa.Field(isin=list(SEVERITIES))
    record_key: Series[str] = pa.Field(str_length={"min_value": 1})
    message: Series[str]
    reference: Series[str]
    status: Series[str] = pa.Field(isin=list(STATUSES))
    owner: Series[str]
    due_date: Series[str] = pa.Field(str_matches=r"^(?:\d{4}-\d{2}-\d{2})?$")
    action_status: Series[str] = pa.Field(isin=["", "open", "in_progress", "done", "accepted"])

    @pa.check("audit", name="audit_in_registry")
    def _known_audit(cls, series: Series[str]) -> Series[bool]:
        return series.isin(list(audit_names()))

    class Config:
        strict = True
        ordered = True


def audit_names() -> tuple[str, ...]:
    """Every audit of the registry, in the order of the reports (`audit_lib.audits.ORDER`)."""
    from .audits import ORDER

    return ORDER


def finding_id(audit: str, rule_id: str, record_key: str, detail: str | None = None) -> str:
    """First 16 hex digits of SHA-256 of `audit|rule_id|record_key`, or of
    `audit|rule_id|record_key|detail` for a rule that reports several findings on one record
    (rules.md, Conventions): stable across periods, unique within a period."""
    key = f"{audit}|{rule_id}|{record_key}" + (f"|{detail}" if detail else "")
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def finding_ids(
    audit: pd.Series, rule_id: pd.Series, record_key: pd.Series, detail: pd.Series | None = None
) -> pd.Series:
    """`finding_id` for each row; a row whose `detail` is empty hashes without it."""
    keys = audit.astype(str) + "|" + rule_id.astype(str) + "|" + record_key.astype(str)
    if detail is not None:
        detail = detail.astype("str").fillna("")
        keys = keys.where(detail.eq("").to_numpy(), keys + "|" + detail)
    return pd.Series(
        [hashlib.sha256(k.encode()).hexdigest()[:16] for k in keys], index=keys.index, dtype="str"
    )


def empty_findings() -> pd.DataFrame:
    return pd.DataFrame({col: pd.Series([], dtype="str") for col in FINDING_COLUMNS})


def sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Stable order: audit, severity (worst first), rule id, record key, message."""
    if findings.empty:
        return findings.reset_index(drop=True)
    names = audit_names()
    order = findings.assign(
        _audit=findings["audit"].map({a: i for i, a in enumerate(names)}).fillna(len(names)),
        _sev=findings["severity"].map(SEVERITY_RANK),
    ).sort_values(["_audit", "_sev", "rule_id", "record_key", "message"], kind="mergesort")
    return order.drop(columns=["_audit", "_sev"]).reset_index(drop=True)


def apply_status(
    current: pd.DataFrame, previous: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Mark current findings `new` or `persisting` against the previous period; return the resolved ones.

    Keyed on finding_id: a finding that changed severity between periods is still `persisting`.
    """
    current = current.copy()
    if previous is None or previous.empty:
        current["status"] = "new"
        return current, empty_findings()
    previous_ids = set(previous["finding_id"].astype(str))
    current["status"] = (
        current["finding_id"].isin(previous_ids).map({True: "persisting", False: "new"})
    )
    resolved = previous[~previous["finding_id"].astype(str).isin(set(current["finding_id"]))].copy()
    resolved = resolved.reindex(columns=FINDING_COLUMNS)
    resolved["status"] = "resolved"
    resolved = resolved.drop_duplicates(subset=["finding_id", "rule_id", "record_key", "message"])
    return current, sort_findings(resolved)


def read_findings_csv(path) -> pd.DataFrame:
    """Read a findings.csv written by this tool (every column as text); one written before the
    action plan existed has no plan columns: they come back empty."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    missing = [c for c in CORE_COLUMNS if c not in frame.columns]
    if missing:
        from .errors import InputError

        raise InputError(str(path), "is not a findings.csv from this tool", column=missing[0])
    return frame.reindex(columns=FINDING_COLUMNS, fill_value="")


def write_findings_csv(findings: pd.DataFrame, path) -> None:
    findings[FINDING_COLUMNS].to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
