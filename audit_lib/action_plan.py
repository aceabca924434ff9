"""The action plan: management's answer to each finding, carried from one period to the next.

Every period writes `action_plan.xlsx` (one row per finding, `audit_lib.export_xlsx`); the people
responsible fill it in (owner, response, action, due date, status, or a risk consciously
accepted), and the next period names it in `actions:`. This module reads it back (typed like any
register), joins it to the period's findings by `finding_id`, and says which acceptances are
valid. The follow-up audit (`audit_lib.rules.followup`, FUP-001..006) judges it.
"""

from __future__ import annotations

import pandas as pd

from .findings import PLAN_COLUMNS

#: the plan's columns after the finding's, in action_plan.xlsx (spec README, Outputs)
ANSWER_COLUMNS = [
    "owner",
    "response",
    "action",
    "due_date",
    "action_status",
    "accepted_by",
    "accepted_until",
    "updated_at",
]
DATE_COLUMNS = ("due_date", "accepted_until", "updated_at")
REGISTER = "actions"


def read_plan(params) -> pd.DataFrame | None:
    """The typed plan of `actions:` (rows whose finding_id is repeated: the first), or None when
    none is given or it cannot be read. Data-quality problems are the follow-up audit's to report;
    here the plan only annotates findings."""
    if getattr(params, "actions", None) is None:
        return None
    from .errors import AuditError
    from .loaders import read_register
    from .schemas import check_register, expected_columns, required_columns

    try:
        raw, info = read_register(
            REGISTER,
            params.actions,
            required=required_columns(REGISTER),
            expected=expected_columns(REGISTER),
            empty_values=params.empty_values,
            separator=params.separator,
            encoding=params.encoding,
        )
    except AuditError:
        return None
    typed, _ = check_register(raw, REGISTER, params.date_format, info.header_row)
    return typed.drop_duplicates("finding_id", keep="first").reset_index(drop=True)


def status_of(plan: pd.DataFrame) -> pd.Series:
    """`action_status`, an empty one read as `open` (an answer not yet given)."""
    if "action_status" not in plan.columns:
        return pd.Series("open", index=plan.index, dtype="str")
    return plan["action_status"].astype("str").where(plan["action_status"].notna(), "open")


def _column(plan: pd.DataFrame, name: str) -> pd.Series:
    if name in plan.columns:
        return plan[name]
    return pd.Series(None, index=plan.index, dtype=object)


def valid_acceptances(plan: pd.DataFrame | None, audit_date: pd.Timestamp) -> pd.DataFrame:
    """Rows of a risk accepted and documented, still in force on the audit date: `accepted`,
    `accepted_by` set and `accepted_until` >= audit_date (rules.md, FUP). Indexed by finding_id,
    columns accepted_by, accepted_until."""
    if plan is None or plan.empty:
        return pd.DataFrame(columns=["accepted_by", "accepted_until"])
    by = _column(plan, "accepted_by")
    until = pd.to_datetime(_column(plan, "accepted_until"), errors="coerce")
    valid = status_of(plan).eq("accepted") & by.notna() & (until >= audit_date).fillna(False)
    rows = plan.loc[valid.to_numpy(dtype=bool)]
    return pd.DataFrame(
        {"accepted_by": by[rows.index].astype("str"), "accepted_until": until[rows.index]}
    ).set_axis(rows["finding_id"].astype("str"))


def acceptance_text(accepted_by: str, accepted_until: pd.Timestamp) -> str:
    return f"accepted by {accepted_by} until {accepted_until.date().isoformat()}"


def _iso(value: object) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    try:
        return pd.Timestamp(value).date().isoformat()
    except (ValueError, TypeError):
        return ""


def plan_values(findings: pd.DataFrame, plan: pd.DataFrame | None) -> pd.DataFrame:
    """`owner`, `due_date` (ISO), `action_status` of each finding from the plan (empty strings
    without a row), indexed like `findings`: the three columns findings.csv adds."""
    empty = pd.DataFrame("", index=findings.index, columns=PLAN_COLUMNS, dtype="str")
    if plan is None or plan.empty or findings.empty:
        return empty
    by_id = plan.set_index(plan["finding_id"].astype("str"))
    ids = findings["finding_id"].astype("str")
    present = ids.isin(by_id.index)
    if not present.any():
        return empty
    rows = by_id.reindex(ids[present])
    empty.loc[present, "owner"] = _column(rows, "owner").fillna("").astype("str").to_numpy()
    empty.loc[present, "due_date"] = [_iso(v) for v in _column(rows, "due_date")]
    empty.loc[present, "action_status"] = status_of(rows).to_numpy()
    return empty


def carried_answers(findings: pd.DataFrame, plan: pd.DataFrame | None) -> pd.DataFrame:
    """The answer columns of `action_plan.xlsx` for each finding, carried over from last
    period's plan by finding_id (new findings blank). Dates stay dates (None when empty)."""
    out = pd.DataFrame(index=findings.index, columns=ANSWER_COLUMNS, dtype=object)
    if plan is None or plan.empty or findings.empty:
        return out
    by_id = plan.set_index(plan["finding_id"].astype("str"))
    ids = findings["finding_id"].astype("str")
    present = ids.isin(by_id.index).to_numpy()
    rows = by_id.reindex(ids[present])
    for column in ANSWER_COLUMNS:
        values = _column(rows, column)
        if column in DATE_COLUMNS:
            values = [
                None if pd.isna(v) else pd.Timestamp(v).date()
                for v in pd.to_datetime(values, errors="coerce")
            ]
        else:
            values = [None if pd.isna(v) else str(v) for v in values]
        out.loc[present, column] = pd.Series(values, index=out.index[present], dtype=object)
    return out
