"""FUP: follow-up of the action plan (rules.md, FUP-001..006).

Run after the audits when the parameters give `actions:` (the filled action plan). The context
holds the plan (`actions`, typed, one row per finding answered), this period's findings as the
audits gave them, with their status (`findings`), and, when `previous:` is given, the previous
period's findings (`previous_findings`). "The finding still occurs" = a finding with that
`finding_id` is in this period's findings. record_key = the `finding_id` answered.

An empty `action_status` is read as `open`: a row with an owner and no status is an action
promised and not started. A plan row repeated (DQ-003) is judged once, on its first row.
"""

from __future__ import annotations

import pandas as pd

from ..action_plan import status_of
from . import audit_prefix, rule

audit_prefix("FUP", "followup")
PLAN = "actions"
FINDINGS = "findings"
PREVIOUS = "previous_findings"
_COLUMNS = ["record_key", "message"]


def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=_COLUMNS)


def _plan(ctx) -> pd.DataFrame:
    plan = ctx.frames[PLAN]
    plan = plan[plan["finding_id"].notna()] if "finding_id" in plan.columns else plan.iloc[:0]
    return plan.drop_duplicates("finding_id", keep="first")


def _get(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series(None, index=frame.index, dtype=object)


def _day(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values, errors="coerce").dt.strftime("%Y-%m-%d").fillna("")


def _current(ctx) -> pd.DataFrame:
    """This period's findings, one row per finding_id."""
    findings = ctx.frames[FINDINGS]
    return findings.drop_duplicates("finding_id").set_index("finding_id")


def _what(plan: pd.DataFrame, current: pd.DataFrame) -> pd.Series:
    """`ROPA-001 on PA-059` for each plan row whose finding occurs this period."""
    ids = plan["finding_id"].astype("str")
    rule_id = ids.map(current["rule_id"]).astype("str")
    key = ids.map(current["record_key"]).astype("str")
    return rule_id + " on " + key


def _still_occurs(ctx, plan: pd.DataFrame) -> pd.Series:
    return plan["finding_id"].astype("str").isin(set(ctx.frames[FINDINGS]["finding_id"]))


def _owner(plan: pd.DataFrame) -> pd.Series:
    owner = _get(plan, "owner")
    return owner.astype("str").where(owner.notna(), "no owner")


@rule(
    "FUP-001",
    severity="graded",
    severity_note="high / medium by the finding's severity",
    reference="Art. 5(2), Art. 24(1)",
    title="Action overdue and the finding still occurs",
    remediation="Complete the action or agree a new date with its owner, and record why it slipped; "
    "escalate to management when a high-risk action is late.",
    needs=(PLAN, FINDINGS),
)
def fup_001_overdue(ctx) -> pd.DataFrame:
    """`action_status` open or in_progress (an empty status is open), `due_date` before the
    audit date, and the finding still occurs: high when that finding is critical or high."""
    plan = _plan(ctx)
    due = pd.to_datetime(_get(plan, "due_date"), errors="coerce")
    status = status_of(plan)
    mask = status.isin(["open", "in_progress"]) & (due < ctx.audit_date).fillna(False)
    mask &= _still_occurs(ctx, plan)
    rows = plan[mask.to_numpy(dtype=bool)]
    if rows.empty:
        return _none()
    current = _current(ctx)
    severity = rows["finding_id"].astype("str").map(current["severity"])
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].astype("str").to_numpy(),
            "message": (
                "action "
                + status[rows.index].str.replace("_", " ")
                + " by "
                + _owner(rows)
                + ", due "
                + _day(due[rows.index])
                + ": the finding still occurs ("
                + _what(rows, current)
                + ")"
            ).to_numpy(),
            "severity": severity.isin(["critical", "high"])
            .map({True: "high", False: "medium"})
            .to_numpy(),
        }
    )


@rule(
    "FUP-002",
    severity="high",
    reference="Art. 5(2), Art. 24(1)",
    title="Action marked done but the finding still occurs",
    remediation="Reopen the action: the fix did not remove the finding. Check what was done against "
    "the rule's remedy, and verify before marking an action done.",
    needs=(PLAN, FINDINGS),
)
def fup_002_done_not_effective(ctx) -> pd.DataFrame:
    plan = _plan(ctx)
    rows = plan[(status_of(plan).eq("done") & _still_occurs(ctx, plan)).to_numpy(dtype=bool)]
    if rows.empty:
        return _none()
    current = _current(ctx)
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].astype("str").to_numpy(),
            "message": (
                "action marked done by "
                + _owner(rows)
                + " but the finding still occurs ("
                + _what(rows, current)
                + "): closure not effective"
            ).to_numpy(),
        }
    )


@rule(
    "FUP-003",
    severity="medium",
    reference="Art. 5(2), Art. 24(1)",
    title="Risk acceptance expired and the finding still occurs",
    remediation="Have management decide again: renew the acceptance with a new end date, or put an "
    "action in place.",
    needs=(PLAN, FINDINGS),
)
def fup_003_acceptance_expired(ctx) -> pd.DataFrame:
    plan = _plan(ctx)
    until = pd.to_datetime(_get(plan, "accepted_until"), errors="coerce")
    mask = status_of(plan).eq("accepted") & (until < ctx.audit_date).fillna(False)
    rows = plan[(mask & _still_occurs(ctx, plan)).to_numpy(dtype=bool)]
    if rows.empty:
        return _none()
    current = _current(ctx)
    by = _get(rows, "accepted_by")
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].astype("str").to_numpy(),
            "message": (
                "risk accepted by "
                + by.astype("str").where(by.notna(), "(nobody)")
                + " until "
                + _day(until[rows.index])
                + ", expired: the finding still occurs ("
                + _what(rows, current)
                + ")"
            ).to_numpy(),
        }
    )


@rule(
    "FUP-004",
    severity="medium",
    reference="Art. 5(2), Art. 24(1)",
    title="Risk accepted without who accepted it or until when",
    remediation="Record who in management accepted the risk and until when; an acceptance that "
    "names nobody or never ends is not a decision.",
    needs=(PLAN,),
)
def fup_004_acceptance_undocumented(ctx) -> pd.DataFrame:
    plan = _plan(ctx)
    by, until = _get(plan, "accepted_by"), _get(plan, "accepted_until")
    mask = status_of(plan).eq("accepted") & (by.isna() | until.isna())
    rows = plan[mask.to_numpy(dtype=bool)]
    if rows.empty:
        return _none()
    missing = [
        ", ".join(name for name, empty in (("accepted_by", b), ("accepted_until", u)) if empty)
        for b, u in zip(by[rows.index].isna(), until[rows.index].isna(), strict=True)
    ]
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].astype("str").to_numpy(),
            "message": [f"risk accepted with {m} empty" for m in missing],
        }
    )


@rule(
    "FUP-005",
    severity="medium",
    reference="Art. 5(2), Art. 24(1)",
    title="Persisting high finding without an owner in the plan",
    remediation="Give the finding an owner and an action with a due date in the action plan.",
    needs=(PLAN, FINDINGS, PREVIOUS),
)
def fup_005_unanswered(ctx) -> pd.DataFrame:
    """A critical or high finding with status persisting (needs `previous`) that has no row in
    the plan, or a row with `owner` empty."""
    findings = ctx.frames[FINDINGS].drop_duplicates("finding_id")
    serious = findings[
        findings["severity"].isin(["critical", "high"]) & findings["status"].eq("persisting")
    ]
    if serious.empty:
        return _none()
    plan = _plan(ctx)
    owners = _get(plan, "owner")
    answered = set(plan.loc[owners.notna().to_numpy(dtype=bool), "finding_id"].astype("str"))
    listed = set(plan["finding_id"].astype("str"))
    rows = serious[~serious["finding_id"].isin(answered)]
    if rows.empty:
        return _none()
    why = (
        rows["finding_id"]
        .isin(listed)
        .map(
            {
                True: "its row in the action plan names no owner",
                False: "it has no row in the action plan",
            }
        )
    )
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].to_numpy(),
            "message": (
                rows["severity"]
                + " finding persisting since last period ("
                + rows["rule_id"]
                + " on "
                + rows["record_key"]
                + "): "
                + why.astype("str")
            ).to_numpy(),
        }
    )


@rule(
    "FUP-006",
    severity="low",
    reference="Art. 5(2)",
    title="Action plan row for a finding that does not exist",
    remediation="Check the finding_id of the row (copied from another file? edited by hand?) and "
    "correct or remove it.",
    needs=(PLAN, FINDINGS, PREVIOUS),
)
def fup_006_unknown_finding(ctx) -> pd.DataFrame:
    """A row whose finding_id is neither in this period's findings nor in `previous`."""
    plan = _plan(ctx)
    known = set(ctx.frames[FINDINGS]["finding_id"]) | set(ctx.frames[PREVIOUS]["finding_id"])
    rows = plan[~plan["finding_id"].astype("str").isin(known)]
    if rows.empty:
        return _none()
    return pd.DataFrame(
        {
            "record_key": rows["finding_id"].astype("str").to_numpy(),
            "message": "the action plan answers a finding that is neither in this period's "
            "findings nor in the previous period's",
        }
    )
