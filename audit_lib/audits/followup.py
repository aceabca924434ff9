"""The follow-up of the action plan: did what management promised last period happen?

Runs after the other audits (`after_audits`), when the parameters give `actions:` (last
period's `action_plan.xlsx`, filled in). It reads this period's findings as the audits gave them
(the runner writes them to the results folder) and the previous period's (`previous:`), and
judges FUP-001..006 (`audit_lib.rules.followup`). The management summary's "Follow-up" section
reads the same figures (`follow_up_figures`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..action_plan import status_of, valid_acceptances
from ..charts import PALETTE, hbar
from ..errors import InputError
from ..findings import read_findings_csv
from . import PERIOD_FINDINGS, AuditSpec, Chart, Table, register_audit


def prepare(ctx, results_dir: Path | None) -> None:
    """This period's findings (from the runner) and the previous period's (`previous:`)."""
    path = results_dir / PERIOD_FINDINGS if results_dir is not None else None
    if path is None or not path.exists():
        ctx.errors.append(
            InputError(
                "this period's findings",
                "are not available: the follow-up judges the action plan against the findings "
                "of the other audits, so it runs after them, in `gdpr-audit run`",
            )
        )
        return
    ctx.frames["findings"] = read_findings_csv(path)
    previous = ctx.params.previous
    if previous is not None:
        try:
            ctx.frames["previous_findings"] = read_findings_csv(previous)
        except (OSError, InputError) as exc:
            ctx.notes.append(f"previous findings left out: {exc}")


def follow_up_figures(
    plan: pd.DataFrame | None, findings: pd.DataFrame, audit_date: pd.Timestamp
) -> dict[str, int]:
    """The follow-up in numbers: plan rows, actions open (in progress included), overdue
    (FUP-001), done and verified (the finding is gone), done but not effective (FUP-002),
    accepted (valid acceptances), unanswered high findings (FUP-005).

    `findings`: this period's findings, the follow-up's own included."""
    fup = findings[findings["audit"] == "followup"] if len(findings) else findings
    counts = fup["rule_id"].value_counts() if len(fup) else pd.Series(dtype=int)
    if plan is None or plan.empty:
        rows = open_ = verified = 0
        accepted = 0
    else:
        plan = plan.drop_duplicates("finding_id")
        status = status_of(plan)
        occurring = plan["finding_id"].astype("str").isin(set(findings["finding_id"]))
        rows = len(plan)
        open_ = int(status.isin(["open", "in_progress"]).sum())
        verified = int((status.eq("done") & ~occurring).sum())
        accepted = len(valid_acceptances(plan, audit_date))
    return {
        "plan rows": rows,
        "actions open": open_,
        "overdue (FUP-001)": int(counts.get("FUP-001", 0)),
        "done and verified": verified,
        "done but not effective (FUP-002)": int(counts.get("FUP-002", 0)),
        "risks accepted": accepted,
        "unanswered high findings (FUP-005)": int(counts.get("FUP-005", 0)),
    }


def _figures(ctx, findings: pd.DataFrame) -> dict[str, int]:
    period = ctx.frames.get("findings")
    all_findings = (
        pd.concat([period, findings], ignore_index=True) if period is not None else findings
    )
    return follow_up_figures(ctx.frames.get("actions"), all_findings, ctx.audit_date)


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    figures = _figures(ctx, findings)
    bad = {
        "overdue (FUP-001)",
        "done but not effective (FUP-002)",
        "unanswered high findings (FUP-005)",
    }
    keys = {
        "overdue (FUP-001)": "fup_overdue",
        "done but not effective (FUP-002)": "fup_not_effective",
        "done and verified": "fup_verified",
    }
    out = []
    for label, value in figures.items():
        kpi = {"label": label[0].upper() + label[1:], "value": f"{value:,}"}
        if label in keys:
            kpi["key"] = keys[label]
        if label in bad:
            kpi["status"] = "bad" if value else "good"
        out.append(kpi)
    return out


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    figures = _figures(ctx, findings)
    shown = {k: v for k, v in figures.items() if k != "plan rows"}
    series = pd.Series(shown)
    colours = [
        PALETTE[3] if "FUP" in label else PALETTE[2] if label == "done and verified" else PALETTE[0]
        for label in series.index
    ]
    return [
        Chart(
            "The action plan, followed up",
            hbar(series, "plan rows and findings", color=colours, sort=False),
            alt="Horizontal bar chart of actions open, overdue, done and verified, done but not "
            "effective, risks accepted and unanswered high findings",
            caption="Overdue, not effective and unanswered are findings of this audit (FUP-001, "
            "FUP-002, FUP-005); done and verified = marked done and the finding is gone.",
        )
    ]


def overdue_actions(plan: pd.DataFrame | None, findings: pd.DataFrame) -> pd.DataFrame:
    """The overdue actions (FUP-001) with their owners, due dates and actions."""
    columns = ["finding", "severity", "owner", "due date", "action", "status"]
    overdue = findings[findings["rule_id"] == "FUP-001"] if len(findings) else findings
    if plan is None or overdue.empty:
        return pd.DataFrame(columns=columns)
    by_id = plan.drop_duplicates("finding_id").set_index("finding_id")
    rows = by_id.reindex(overdue["record_key"])
    due = pd.to_datetime(rows.get("due_date"), errors="coerce")
    return pd.DataFrame(
        {
            "finding": overdue["record_key"].to_numpy(),
            "severity": overdue["severity"].to_numpy(),
            "owner": rows.get("owner", pd.Series(index=rows.index, dtype=object))
            .fillna("")
            .to_numpy(),
            "due date": due.dt.strftime("%Y-%m-%d").fillna("").to_numpy(),
            "action": rows.get("action", pd.Series(index=rows.index, dtype=object))
            .fillna("")
            .to_numpy(),
            "status": overdue["message"]
            .str.extract(r"^action ([a-z ]+) by")[0]
            .fillna("")
            .to_numpy(),
        },
        columns=columns,
    )


def tables(ctx, findings: pd.DataFrame) -> list[Table]:
    table = overdue_actions(ctx.frames.get("actions"), findings)
    if table.empty:
        return []
    return [
        Table(
            "Overdue actions",
            table,
            "followup-overdue",
            caption="Actions still open after their due date while the finding they answer still "
            "occurs (FUP-001), with their owners.",
        )
    ]


register_audit(
    AuditSpec(
        order=900,
        name="followup",
        title="Follow-up of the action plan",
        description="Checks that what management promised last period happened: actions done by "
        "their due date and effective (the finding is gone), risks accepted by someone named and "
        "for a limited time, every persisting high finding answered. Reads last period's action "
        "plan (actions: in the parameters file) against this period's findings.",
        registers=("actions",),
        primary=("actions",),
        records="actions",
        after_audits=True,
        prepare=prepare,
        kpis=kpis,
        charts=charts,
        tables=tables,
    )
)
