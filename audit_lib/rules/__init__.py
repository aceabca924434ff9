"""The rule registry: every check is registered once, where it is defined, with `@rule(...)`.

The catalog, the report sections, `gdpr-audit rules` and findings.csv all read this one registry.
A check takes an `AuditContext` and returns a frame with `record_key`, `message` and, for rules
graded per record, `severity`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..findings import FINDING_COLUMNS, SEVERITIES, finding_ids

PREFIX_AUDIT = {
    "ROPA": "ropa",
    "RET": "retention",
    "SUB": "processors",
    "DSR": "rights",
    "ACC": "access",
}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # one of SEVERITIES, or "graded" when the check sets it per record
    reference: str
    title: str
    remediation: str
    func: Callable[[Any], pd.DataFrame] | None = None
    needs: tuple[str, ...] = ()
    thresholds: dict[str, Any] = field(default_factory=dict)
    severity_note: str = ""

    @property
    def audit(self) -> str | None:
        return PREFIX_AUDIT.get(self.id.split("-")[0])


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    *,
    severity: str,
    reference: str,
    title: str,
    remediation: str,
    needs: tuple[str, ...] = (),
    thresholds: dict[str, Any] | None = None,
    severity_note: str = "",
) -> Callable:
    """Register a check function under a stable rule id (see the spec's rules.md)."""
    if severity not in SEVERITIES and severity != "graded":
        raise ValueError(f"{rule_id}: unknown severity {severity!r}")

    def register(func: Callable) -> Callable:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(
            rule_id,
            severity,
            reference,
            title,
            remediation,
            func,
            tuple(needs),
            dict(thresholds or {}),
            severity_note,
        )
        return func

    return register


def define(rule_id: str, **kwargs: Any) -> None:
    """Register a rule that has no check function of its own (data-quality rules from pandera)."""
    rule(rule_id, **kwargs)(None)


def rules_for(audit: str) -> list[Rule]:
    return sorted((r for r in RULES.values() if r.audit == audit), key=lambda r: r.id)


def catalog() -> pd.DataFrame:
    """The rule catalog as a frame (id, audit, severity, reference, title, remediation)."""
    rows = [
        {
            "rule_id": r.id,
            "audit": r.audit or "all",
            "severity": r.severity if r.severity != "graded" else (r.severity_note or "graded"),
            "reference": r.reference,
            "title": r.title,
            "remediation": r.remediation,
        }
        for r in sorted(RULES.values(), key=lambda r: (r.id.split("-")[0] != "DQ", r.id))
    ]
    return pd.DataFrame(rows)


def run_rules(
    audit: str, ctx: Any, done: frozenset[str] | set[str] = frozenset()
) -> tuple[pd.DataFrame, list[str], dict[str, str]]:
    """Run every rule of an audit whose inputs are present.

    Rules in `done` were judged elsewhere (the Dask engine's workers): they count as evaluated
    but are not run again. Returns (findings without status, rule ids evaluated, {rule id: reason}
    for rules not evaluated).
    """
    frames: list[pd.DataFrame] = []
    evaluated: list[str] = []
    skipped: dict[str, str] = {}
    for r in rules_for(audit):
        if r.func is None:
            continue
        missing = [name for name in r.needs if name not in ctx.frames]
        if missing:
            skipped[r.id] = f"input not given or not usable: {', '.join(missing)}"
            continue
        evaluated.append(r.id)
        if r.id in done:
            continue
        result = r.func(ctx)
        if result is None or len(result) == 0:
            continue
        frames.append(to_findings(audit, r, result))
    findings = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=FINDING_COLUMNS[:-1])
    )
    return findings, evaluated, skipped


def to_findings(audit: str, r: Rule, result: pd.DataFrame) -> pd.DataFrame:
    """Add audit, rule id, severity, reference and finding_id to a check's (record_key, message) frame."""
    rows = len(result)

    def text(values) -> pd.Series:
        if isinstance(values, str):
            values = [values] * rows
        else:
            values = values.astype("str").to_numpy()
        return pd.Series(values, dtype="str")

    out = {"audit": text(audit), "rule_id": text(r.id)}
    out["severity"] = text(result["severity"] if "severity" in result.columns else r.severity)
    out["record_key"] = text(result["record_key"])
    out["message"] = text(result["message"])
    out["reference"] = text(r.reference)
    ids = finding_ids(out["audit"], out["rule_id"], out["record_key"])
    return pd.DataFrame({"finding_id": ids, **out})


def load_all() -> None:
    """Import every rule module of this package so that its rules register themselves."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")


load_all()
