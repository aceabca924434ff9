"""The retention audit (Art. 5(1)(e)): key figures, charts and the deletion worklist.

Every figure reads the limits computed once per run by
:func:`audit_lib.rules.retention.retention_limits`, so the tiles, the charts, the findings and
`retention_actions.csv` always agree. The figures are aggregates (:class:`RetentionFigures`)
computed per partition of the inventory by :func:`partition_figures` and merged by
:func:`merge_figures`: the pandas engine computes them on the whole inventory at once, the Dask
engine in its workers, where the inventory stays.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..charts import PALETTE, SEVERITY_COLOURS, histogram, stacked_bars
from ..rules.retention import (
    INVENTORY,
    days_late,
    due_within,
    overdue,
    retention_limits,
)
from . import AuditSpec, Chart, Figures, register_audit
from . import figures as audit_figures

WORKLIST = "retention_actions.csv"
WORKLIST_COLUMNS = ["record_id", "system", "data_category", "limit", "days_overdue", "action"]
ACTION_COLOURS = {
    "delete": PALETTE[3],
    "anonymise": PALETTE[1],
    "archive": PALETTE[0],
    "(no action)": PALETTE[5],
}
DELETION_COLOURS = {
    "on time": PALETTE[2],
    "within the tolerance": SEVERITY_COLOURS["medium"],
    "late (RET-005)": SEVERITY_COLOURS["high"],
}


def _share(part: int, whole: int) -> str:
    if not whole:
        return "-"
    share = part / whole
    # never round a non-compliant share up to 100 %, nor a non-zero one down to 0 %
    if part < whole and share > 0.999:
        return ">99.9%"
    if part and share < 0.001:
        return "<0.1%"
    return f"{share:.1%}" if 0.99 < share < 1 else f"{share:.0%}"


# --------------------------------------------------------------------------- figures
@dataclass
class RetentionFigures:
    """What the key figures, charts and worklist show, as mergeable aggregates of the inventory.

    Counts of records; the records held past their limit (the worklist: one row per RET-001
    finding, so no larger than the findings); the limits due in each of the next 12 months and
    the deletions of the last 12 months, by action and by timeliness.
    """

    records: int
    held: int
    within: int  # held and within retention (or on legal hold)
    unknown: int  # held, not on hold, no computable limit
    on_hold: int  # held and on legal hold
    no_reference: int  # ... without a legal_hold_reference
    due_soon: int  # RET-006's selection
    deleted: int
    deleted_late: int  # deleted more than the tolerance after the limit
    deleted_known: int  # deleted, with a computable limit
    #: the most overdue record: (days past the limit, row, limit, system), the first row of a tie
    oldest: tuple | None
    overdue: pd.DataFrame  # WORKLIST_COLUMNS with `limit` a date, indexed by inventory row
    forecast: pd.Series  # (month ordinal, action) -> held records reaching their limit
    deletions: pd.Series | None  # (month ordinal, timeliness) -> deletions; None: no deleted_at


def _overdue_records(ctx) -> pd.DataFrame:
    """The RET-001 records with what the worklist and the charts show about them."""
    limits = retention_limits(ctx)
    mask = overdue(ctx)
    inventory = ctx.frames[INVENTORY]
    records = limits.records[mask]
    return pd.DataFrame(
        {
            "record_id": inventory.loc[mask, "record_id"].astype("str"),
            "system": inventory.loc[mask, "system"].astype("str"),
            "data_category": inventory.loc[mask, "data_category"].astype("str"),
            "limit": records["limit"],
            "days_overdue": records["days_past"].astype("int64"),
            "action": limits.rule_value("action", mask).fillna("(no action)").astype("str"),
        }
    )


def _forecast_counts(ctx) -> pd.Series:
    """Held records, not on legal hold, whose limit falls in each of the next 12 months."""
    limits = retention_limits(ctx)
    records = limits.records
    months = _next_months(ctx)
    ahead = records["days_past"].lt(0).fillna(False).to_numpy(dtype=bool)
    in_window = (
        records["limit"].dt.to_period("M").between(months[0], months[-1]).to_numpy(dtype=bool)
    )
    mask = records["held"].to_numpy() & ~records["on_hold"].to_numpy() & ahead & in_window
    action = limits.rule_value("action", mask).fillna("(no action)").astype("str")
    month = records.loc[mask, "limit"].dt.to_period("M")
    return pd.DataFrame(
        {"month": month.array.asi8, "action": action.to_numpy(dtype=object)}
    ).value_counts(sort=False)


def _deletion_counts(ctx) -> pd.Series | None:
    """Deletions of the last 12 months with a known limit: on time, within the tolerance, late."""
    deleted_at = ctx.frames[INVENTORY].get("deleted_at")
    if deleted_at is None:
        return None
    tolerance = int(ctx.threshold("RET-005", "days"))
    late = days_late(ctx)
    months = _last_months(ctx)
    when = deleted_at.dt.to_period("M")
    mask = late.notna() & when.between(months[0], months[-1]).fillna(False)
    values = late[mask].astype("int64")
    kind = np.where(
        values <= 0,
        "on time",
        np.where(values <= tolerance, "within the tolerance", "late (RET-005)"),
    )
    return pd.DataFrame({"month": when[mask].array.asi8, "kind": kind}).value_counts(sort=False)


def partition_figures(ctx, findings: pd.DataFrame, shared: frozenset = frozenset()):
    """The figures of one partition of the inventory (any rows), after the rules ran."""
    records = retention_limits(ctx).records
    held = records["held"]
    on_hold = held & records["on_hold"]
    known = records["limit"].notna()
    within = held & (records["on_hold"] | (known & records["days_past"].le(0).fillna(False)))
    unknown = held & ~records["on_hold"] & ~known
    over = overdue(ctx)
    horizon = int(ctx.threshold("RET-006", "days"))
    tolerance = int(ctx.threshold("RET-005", "days"))
    late = days_late(ctx)
    inventory = ctx.frames[INVENTORY]
    if "legal_hold_reference" in inventory.columns:
        reference = inventory["legal_hold_reference"]
        no_reference = int(
            (on_hold & (reference.isna() | reference.astype("str").str.strip().eq(""))).sum()
        )
    else:
        no_reference = int(on_hold.sum())
    oldest = None
    if over.any():
        worst = records.loc[over, "days_past"].astype("int64")
        position = worst.idxmax()
        oldest = (
            int(worst.max()),
            position,
            records.at[position, "limit"],
            inventory.at[position, "system"],
        )
    return RetentionFigures(
        records=len(records),
        held=int(held.sum()),
        within=int(within.sum()),
        unknown=int(unknown.sum()),
        on_hold=int(on_hold.sum()),
        no_reference=no_reference,
        due_soon=int(due_within(ctx, horizon).sum()),
        deleted=int((~held).sum()),
        deleted_late=int(late.gt(tolerance).fillna(False).sum()),
        deleted_known=int(late.notna().sum()),
        oldest=oldest,
        overdue=_overdue_records(ctx),
        forecast=_forecast_counts(ctx),
        deletions=_deletion_counts(ctx),
    )


def _sum(pieces: list[pd.Series]) -> pd.Series:
    filled = [p for p in pieces if len(p)]
    if not filled:
        return pieces[0]
    return pd.concat(filled).groupby(level=[0, 1], sort=True).sum()


def merge_figures(pieces: list[RetentionFigures]) -> RetentionFigures:
    """The figures of the whole inventory from those of its partitions (in row order)."""

    def total(name: str) -> int:
        return int(sum(getattr(p, name) for p in pieces))

    worst = [p.oldest for p in pieces if p.oldest is not None]
    tables = [p.overdue for p in pieces if len(p.overdue)]
    deletions = [p.deletions for p in pieces if p.deletions is not None]
    return RetentionFigures(
        records=total("records"),
        held=total("held"),
        within=total("within"),
        unknown=total("unknown"),
        on_hold=total("on_hold"),
        no_reference=total("no_reference"),
        due_soon=total("due_soon"),
        deleted=total("deleted"),
        deleted_late=total("deleted_late"),
        deleted_known=total("deleted_known"),
        # the largest delay; on a tie, the first row, as idxmax finds it
        oldest=min(worst, key=lambda item: (-item[0], item[1])) if worst else None,
        overdue=pd.concat(tables).sort_index(kind="mergesort") if tables else pieces[0].overdue,
        forecast=_sum([p.forecast for p in pieces]),
        deletions=_sum(deletions) if deletions else None,
    )


def _figures(ctx, findings: pd.DataFrame) -> RetentionFigures:
    return audit_figures("retention", ctx, findings)


# --------------------------------------------------------------------------- key figures
def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    """Key figures. "Within retention": held records whose limit is known and not passed, or that
    are on legal hold (the clock is suspended); records with no computable limit are not within."""
    figures = _figures(ctx, findings)
    total = figures.records
    n_held, n_within, n_over, n_unknown = (
        figures.held,
        figures.within,
        len(figures.overdue),
        figures.unknown,
    )
    horizon = int(ctx.threshold("RET-006", "days"))
    n_soon = figures.due_soon
    tolerance = int(ctx.threshold("RET-005", "days"))
    n_late = figures.deleted_late
    n_deleted = figures.deleted
    n_no_reference = figures.no_reference

    oldest: dict = {"key": "oldest_overdue_days", "label": "Oldest overdue (days past the limit)"}
    if n_over:
        days, _, limit, system = figures.oldest
        oldest |= {
            "value": f"{days:,}",
            "note": f"limit {limit.date().isoformat()}, {system}",
            "status": "bad",
        }
    else:
        oldest |= {"value": "-", "note": "no record held past its limit", "status": "good"}
    share = n_within / n_held if n_held else 1.0
    held_tile = {
        "key": "records_held",
        "label": "Records held",
        "value": f"{n_held:,}",
        "note": f"of {total:,} in the inventory; {n_deleted:,} deleted",
    }
    return [
        # the first three keyed figures are the management summary's headline for this audit
        {
            "key": "within_retention",
            "label": "Held records within retention",
            "value": _share(n_within, n_held),
            "note": f"{n_within:,} of {n_held:,} held records"
            + (f"; {n_unknown:,} with no computable limit" if n_unknown else ""),
            "status": "good" if share == 1 else ("warn" if share >= 0.98 else "bad"),
        },
        {
            "key": "records_overdue",
            "label": "Records held past their limit",
            "value": f"{n_over:,}",
            "note": "RET-001; worklist in retention_actions.csv" if n_over else "RET-001",
            "status": "bad" if n_over else "good",
        },
        oldest,
        held_tile,
        {
            "key": "records_on_legal_hold",
            "label": "Held records on legal hold",
            "value": f"{figures.on_hold:,}",
            "note": f"{n_no_reference:,} without a reference (RET-004)"
            if n_no_reference
            else "all with a reference",
            "status": "warn" if n_no_reference else "good",
        },
        {
            "key": "records_due_soon",
            "label": f"Limits due in the next {horizon} days",
            "value": f"{n_soon:,}",
            "note": "deletion forecast (RET-006)",
        },
        {
            "key": "deleted_late",
            "label": "Deletions executed late",
            "value": f"{n_late:,}",
            "note": f"of {figures.deleted_known:,} deletions with a known limit; "
            f"more than {tolerance} days after it (RET-005)",
            "status": "warn" if n_late else "good",
        },
    ]


# --------------------------------------------------------------------------- charts
def _month_labels(periods: pd.PeriodIndex) -> list[str]:
    return [p.strftime("%b %Y") for p in periods]


def _overdue_chart(table: pd.DataFrame) -> Chart:
    by_system = pd.crosstab(table["system"], table["data_category"])
    by_system = by_system.loc[
        by_system.sum(axis=1).sort_values(ascending=False, kind="mergesort").index
    ]
    by_system = by_system[
        by_system.sum(axis=0).sort_values(ascending=False, kind="mergesort").index
    ]
    return Chart(
        "Records held past their limit, by system and data category",
        stacked_bars(by_system, "records held past their limit", horizontal=True),
        alt="Horizontal stacked bar chart of the records held past their retention limit per system, "
        "split by data category",
        caption="Each bar is one system's share of the deletion worklist (RET-001); retention_actions.csv "
        "lists the records with the action the schedule prescribes.",
    )


def _days_past_chart(table: pd.DataFrame) -> Chart:
    days = table["days_overdue"]
    top = max(400, int(days.max()) + 1)
    width = 30 if top <= 1200 else 90 * -(-top // 3600)  # bins of 30 or 90 days: 90 is an edge
    figure = histogram(
        days, "days past the retention limit", bins=list(range(0, top + width, width))
    )
    axis = figure.axes[0]
    highest = max((patch.get_height() for patch in axis.patches), default=1)
    axis.set_ylim(0, highest * 1.35)
    axis.set_xlim(0, None)
    axis.set_ylabel("records")
    for limit, label, colour, offset in (
        (90, "medium > 90 days", "medium", -26),
        (365, "high > 365 days", "high", -12),
    ):
        axis.axvline(limit, color=SEVERITY_COLOURS[colour], linestyle="--", linewidth=1.2)
        axis.annotate(
            label,
            (limit, 1),
            xycoords=("data", "axes fraction"),
            xytext=(4, offset),
            textcoords="offset points",
            color=SEVERITY_COLOURS[colour],
            fontsize=8,
        )
    return Chart(
        "How long past their limit the records are held",
        figure,
        alt="Histogram of the number of days past the retention limit of the records still held",
        caption="Severity of RET-001 grows with the delay: low up to 90 days past the limit, medium up "
        "to 365 days, high beyond.",
    )


def _next_months(ctx) -> pd.PeriodIndex:
    start = (ctx.audit_date + pd.Timedelta(days=1)).to_period("M")
    return pd.period_range(start, periods=12, freq="M")


def _last_months(ctx) -> pd.PeriodIndex:
    end = ctx.audit_date.to_period("M")
    return pd.period_range(end - 11, end, freq="M")


def _monthly(counts: pd.Series, months: pd.PeriodIndex) -> pd.DataFrame:
    """(month ordinal, column) counts as a table: one row per month, one column per value."""
    if len(counts):
        table = counts.unstack(fill_value=0)
    else:
        table = pd.DataFrame(index=pd.Index([], dtype="int64"))
    return table.reindex(months.asi8, fill_value=0)


def _forecast_chart(ctx, figures: RetentionFigures) -> Chart:
    months = _next_months(ctx)
    table = _monthly(figures.forecast, months)
    if table.empty or table.columns.empty:
        table = pd.DataFrame({"delete": 0}, index=months)
    table = table[[c for c in ACTION_COLOURS if c in table.columns]]
    table.index = _month_labels(months)
    horizon = int(ctx.threshold("RET-006", "days"))
    return Chart(
        "Deletion forecast: limits reached in the next 12 months",
        stacked_bars(table, "records reaching their limit", colours=ACTION_COLOURS, rotate=45),
        alt="Stacked bar chart of the held records whose retention limit falls in each of the next "
        "12 months, by the action the schedule prescribes",
        caption=f"Records held, not on legal hold, whose limit falls in each month after the audit date. "
        f"Those due within {horizon} days are listed as RET-006 findings so that the purge runs can "
        "be planned.",
    )


def _deletions_chart(ctx, figures: RetentionFigures) -> Chart | None:
    tolerance = int(ctx.threshold("RET-005", "days"))
    if figures.deletions is None or not figures.deletions.sum():
        return None
    months = _last_months(ctx)
    table = _monthly(figures.deletions, months)
    table = table[[c for c in DELETION_COLOURS if c in table.columns]]
    table.index = _month_labels(months)
    return Chart(
        "Deletions executed in the last 12 months",
        stacked_bars(table, "records deleted", colours=DELETION_COLOURS, rotate=45),
        alt="Stacked bar chart of the records deleted in each of the last 12 months: on time, within the "
        f"{tolerance}-day tolerance, or late",
        caption=f"A record deleted on or before its limit is on time; up to {tolerance} days after it, within "
        f"the tolerance; later, a RET-005 finding (deletion month = month of deleted_at).",
    )


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    figures = _figures(ctx, findings)
    out = []
    table = figures.overdue
    if len(table):
        out += [_overdue_chart(table), _days_past_chart(table)]
    for chart in (_forecast_chart(ctx, figures), _deletions_chart(ctx, figures)):
        if chart is not None:
            out.append(chart)
    return out


# --------------------------------------------------------------------------- worklist
def worklist(ctx, findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per record held past its limit (RET-001), by system, then limit, then record_id."""
    table = _figures(ctx, findings if findings is not None else pd.DataFrame()).overdue.copy()
    table = table.sort_values(["system", "limit", "record_id"], kind="mergesort").reset_index(
        drop=True
    )
    table["limit"] = table["limit"].dt.strftime("%Y-%m-%d")
    return table[WORKLIST_COLUMNS]


def extra_outputs(ctx, findings: pd.DataFrame, results_dir: Path) -> dict[str, str]:
    """`retention_actions.csv`: the deletion worklist (no subject_ref), deterministic bytes."""
    path = Path(results_dir) / WORKLIST
    worklist(ctx, findings).to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
    return {WORKLIST: "deletion worklist per system"}


register_audit(
    AuditSpec(
        order=20,
        name="retention",
        title="Retention (Art. 5(1)(e))",
        description="Checks that every record of the data inventory is kept no longer than the retention "
        "schedule allows: the limit of each record (its trigger date plus the rule's duration) against "
        "the audit date, legal holds and their justification, deletions executed late, the limits falling "
        "due soon, dates that cannot be right, and a schedule that is complete, parseable and linked to "
        "the processing register. The records held past their limit are listed per system in "
        "retention_actions.csv, the deletion worklist.",
        registers=("retention_schedule", "data_inventory"),
        optional=("processing_register",),
        primary=("retention_schedule", "data_inventory"),
        records="data_inventory",
        kpis=kpis,
        charts=charts,
        extra_outputs=extra_outputs,
        figures=Figures(partition_figures, merge_figures),
    )
)
