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
from typing import Any, NamedTuple

import pandas as pd

from ..findings import AUDIT_FINDING_COLUMNS, SEVERITIES, finding_ids

#: rule-id prefix -> audit, filled by each rule module (`audit_prefix`); DQ rules belong to all
PREFIX_AUDIT: dict[str, str] = {}


def audit_prefix(prefix: str, audit: str) -> None:
    """Declare, in a rule module, that rule ids `<prefix>-nnn` belong to `audit`."""
    if PREFIX_AUDIT.get(prefix, audit) != audit:
        raise ValueError(f"rule prefix {prefix} given to two audits")
    PREFIX_AUDIT[prefix] = audit


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


class RuleResults(NamedTuple):
    """What running an audit's rules gives."""

    findings: pd.DataFrame  # without status
    evaluated: list[str]  # rule ids judged (their findings, if any, are in `findings`)
    not_evaluated: dict[str, str]  # rule id -> reason: an input missing, or the rule failed
    failed: dict[str, str]  # the rules among `not_evaluated` that raised: rule id -> exception


def failure_reason(exc: BaseException) -> str:
    """`TypeError: operation 'add' not supported ...`: the exception's type and first line."""
    first = (str(exc).strip().splitlines() or [""])[0]
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def judge(audit: str, r: Rule, ctx: Any) -> tuple[pd.DataFrame | None, str | None]:
    """Run one rule: (its findings or None when nothing fires, None) or (None, the reason it
    raised). A rule that raises loses only its own findings (spec README, quality bars)."""
    try:
        result = r.func(ctx)
        if result is None or len(result) == 0:
            return None, None
        return to_findings(audit, r, result), None
    except Exception as exc:  # any exception: the audit's other rules must still be reported
        return None, failure_reason(exc)


def run_rules(audit: str, ctx: Any, done: frozenset[str] | set[str] = frozenset()) -> RuleResults:
    """Run every rule of an audit whose inputs are present.

    Rules in `done` were judged elsewhere (the Dask engine's workers): they count as evaluated
    but are not run again. A rule that raises is reported under `failed` (and `not_evaluated`)
    with the exception, and the others go on.
    """
    frames: list[pd.DataFrame] = []
    evaluated: list[str] = []
    skipped: dict[str, str] = {}
    failed: dict[str, str] = {}
    for r in rules_for(audit):
        if r.func is None:
            continue
        missing = [name for name in r.needs if name not in ctx.frames]
        if missing:
            skipped[r.id] = f"input not given or not usable: {', '.join(missing)}"
            continue
        if r.id in done:
            evaluated.append(r.id)
            continue
        findings, reason = judge(audit, r, ctx)
        if reason is not None:
            failed[r.id] = reason
            skipped[r.id] = f"could not be evaluated: {reason}"
            continue
        evaluated.append(r.id)
        if findings is not None:
            frames.append(findings)
    findings = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=AUDIT_FINDING_COLUMNS)
    )
    return RuleResults(findings, evaluated, skipped, failed)


def to_findings(audit: str, r: Rule, result: pd.DataFrame) -> pd.DataFrame:
    """Add audit, rule id, severity, reference and finding_id to a check's frame.

    The frame has `record_key`, `message`, and optionally `severity` (graded rules) and `detail`
    (rules that report several findings on one record: the clause letter, a sub-processor's
    name, ...), which `finding_id` then hashes too. Rows that still share a finding id -- a
    register that repeats an identifier -- are one finding: the first row's, its message saying
    how many rows it stands for.
    """
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
    detail = text(result["detail"]).fillna("") if "detail" in result.columns else None
    ids = finding_ids(out["audit"], out["rule_id"], out["record_key"], detail)
    findings = pd.DataFrame({"finding_id": ids, **out})
    repeated = findings["finding_id"].duplicated(keep=False)
    if repeated.any():
        counts = findings.groupby("finding_id", sort=False)["finding_id"].transform("size")
        findings = findings.loc[~findings["finding_id"].duplicated(keep="first")].copy()
        more = counts.loc[findings.index] - 1
        several = more.gt(0)
        findings.loc[several, "message"] = (
            findings.loc[several, "message"]
            + " (and "
            + more[several].astype("str")
            + " more row(s) with the same identifier)"
        )
        findings = findings.reset_index(drop=True)
    return findings


def load_all() -> None:
    """Import every rule module of this package so that its rules register themselves."""
    for module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")


load_all()
