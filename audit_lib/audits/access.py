"""The access-rights audit: key figures and charts (who could reach personal data, who approved it,
whether leavers were cut off)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..charts import PALETTE, SEVERITY_COLOURS, _figure, hbar, heatmap, histogram, stacked_bars
from ..rules import access as acc
from . import AuditSpec, Chart, register_audit

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
GRANT_OK = "ticket and prior approval"
GRANT_GAP = "ticket or approval missing"


def _flagged(findings: pd.DataFrame, *rule_ids: str) -> set[str]:
    if not len(findings):
        return set()
    return set(findings.loc[findings["rule_id"].isin(rule_ids), "record_key"])


def _count(findings: pd.DataFrame, rule_id: str) -> int:
    return int((findings["rule_id"] == rule_id).sum()) if len(findings) else 0


def _share(part: int, whole: int) -> str:
    """A percentage that never rounds up to 100% (or down to 0%) when it is not exact."""
    if not whole:
        return "-"
    if part in (0, whole):
        return f"{part / whole:.0%}"
    tenths = min(max(int(part * 1000 // whole), 1), 999)
    return f"{tenths / 10:.1f}%"


def _grant_status(ctx, findings: pd.DataFrame) -> pd.Series:
    """Per grant row: True when it has a ticket and an approval given before it."""
    grants = acc.grants(ctx)
    gaps = _flagged(findings, "ACC-001", "ACC-002")
    return ~grants["event_id"].astype("str").isin(gaps)


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    log = ctx.frames["access_log"]
    scoped = acc.access_log_as_of(ctx)
    later = acc.events_after_audit_date(ctx)
    orphans = _count(findings, "ACC-007")
    granted_ok = _grant_status(ctx, findings)
    leavers = acc.leaver_entitlements(ctx)
    with_access = leavers["user_id"].nunique()
    late = leavers.loc[leavers["state"] != "on time", "user_id"].nunique()
    unentitled = len(acc.accesses_without_entitlement(ctx))
    coverage = acc.review_coverage(ctx)
    reviewed = int(coverage["reviewed"].sum())
    months = int(ctx.threshold("ACC-006", "months"))
    dormant = acc.dormant_entitlements(ctx)
    exports = len(acc.exports(ctx))
    out_of_hours = _count(findings, "ACC-010")
    ok, total = int(granted_ok.sum()), len(granted_ok)
    return [
        {
            "key": "events",
            "label": "Events in the access log",
            "value": f"{len(log):,}",
            "note": f"{later:,} after the audit date, not judged"
            if later
            else "up to the audit date",
        },
        {
            "key": "users",
            "label": "Accounts",
            "value": f"{scoped['user_id'].nunique():,}",
            "note": f"{orphans:,} not in the HR roster (ACC-007)"
            if orphans
            else "all in the HR roster or listed service accounts",
        },
        {
            "key": "grants_with_ticket_and_approval",
            "label": "Grants with ticket and prior approval",
            "value": _share(ok, total),
            "note": f"{ok:,} of {total:,} grants",
            "status": "good" if ok == total else ("warn" if ok >= 0.95 * total else "bad"),
        },
        {
            "key": "leavers_revoked_on_time",
            "label": "Leavers revoked on time",
            "value": f"{with_access - late:,} of {with_access:,}",
            "note": f"within {int(ctx.threshold('ACC-004', 'days'))} day(s) of leaving",
            "status": "good" if late == 0 else "bad",
        },
        {
            "key": "accesses_without_entitlement",
            "label": "Accesses without entitlement",
            "value": f"{unentitled:,}",
            "note": f"of {int(acc.access_rows(scoped).sum()):,} logins, reads and exports",
            "status": "bad" if unentitled else "good",
        },
        {
            "key": "systems_reviewed",
            "label": f"Systems reviewed within {months} months",
            "value": f"{reviewed:,} of {len(coverage):,}",
            "note": "systems holding personal data",
            "status": "good" if reviewed == len(coverage) else "warn",
        },
        {
            "key": "dormant_entitlements",
            "label": "Dormant entitlements",
            "value": f"{len(dormant):,}",
            "note": f"held by {dormant['user_id'].nunique():,} account(s), "
            f"unused for {int(ctx.threshold('ACC-009', 'days'))} days",
            "status": "warn" if len(dormant) else "good",
        },
        {
            "key": "exports_out_of_hours",
            "label": "Exports out of hours",
            "value": f"{out_of_hours:,}",
            "note": f"of {exports:,} exports",
            "status": "warn" if out_of_hours else "good",
        },
    ]


# ------------------------------------------------------------------------------------- charts
def _grants_per_month(ctx, findings: pd.DataFrame) -> Chart:
    grants = acc.grants(ctx)
    status = _grant_status(ctx, findings)
    last = ctx.audit_date.to_period("M")
    first = last - 11
    month = grants["timestamp"].dt.to_period("M")
    shown = (month >= first).fillna(False).to_numpy(dtype=bool)
    earlier = int((month < first).fillna(False).sum())
    table = pd.crosstab(month[shown], status[shown].map({True: GRANT_OK, False: GRANT_GAP}))
    table = table.reindex(
        index=pd.period_range(first, last, freq="M"), columns=[GRANT_OK, GRANT_GAP]
    )
    table = table.fillna(0)
    table.index = [str(m) for m in table.index]
    colours = {GRANT_OK: PALETTE[2], GRANT_GAP: SEVERITY_COLOURS["high"]}
    return Chart(
        "Grants per month, with and without ticket and prior approval",
        stacked_bars(table, "grants", colours=colours, rotate=45),
        alt="Stacked bar chart of access grants per month, split by whether each has a ticket and "
        "an approval given before it",
        caption="The 12 months up to the audit date"
        + (f" ({earlier:,} earlier grants not shown)" if earlier else "")
        + ". A grant needs a ticket (ACC-001) and an approver who approved before access was "
        "given (ACC-002); every grant is judged, whatever its month.",
    )


def _leaver_delays(ctx) -> Chart:
    frame = acc.leaver_entitlements(ctx)
    days = int(ctx.threshold("ACC-004", "days"))
    delays = frame.loc[frame["state"] != "open", "delay_days"].dropna().astype(int)
    delays = delays[delays >= 0]
    still_open = int((frame["state"] == "open").sum())
    top = int(delays.max()) if len(delays) else days + 1
    bins = np.arange(-0.5, max(top, days + 1) + 1.5, 1.0) if top <= 60 else 30
    figure = histogram(
        delays,
        "days from the leaving date to the revoke",
        marker=days + 0.5,
        marker_label=f"allowed: {days} day(s)",
        bins=bins,
    )
    figure.axes[0].set_ylabel("entitlements")
    note = (
        f" {still_open:,} leaver entitlement(s) are still open at the audit date and cannot be "
        "shown here."
        if still_open
        else " No leaver's entitlement is still open at the audit date."
    )
    return Chart(
        "Leavers: days from leaving to revocation",
        figure,
        alt="Histogram of the number of days between a leaver's last day and the revocation of "
        "each of their entitlements, with the allowed delay marked",
        caption=f"Entitlements of people who left, revoked on or after their leaving day. Right of "
        f"the dashed line: revoked late (ACC-004).{note}",
    )


def _nothing(text: str):
    """A small figure that says there is nothing to plot (keeps the report's layout)."""
    fig, ax = _figure(7.0, 1.0)
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=10, color=PALETTE[5])
    return fig


def _per_system(values: pd.Series, xlabel: str, colour: str, none: str):
    """Horizontal bars per system (the systems concerned only), or a 'none' figure."""
    counts = values.astype("str").value_counts().sort_index()
    if not len(counts):
        return _nothing(none)
    figure = hbar(counts, xlabel, color=colour)
    figure.axes[0].xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _unentitled(ctx) -> Chart:
    frame = acc.accesses_without_entitlement(ctx)
    figure = _per_system(
        frame["system"],
        "logins, reads and exports without an open entitlement",
        PALETTE[3],
        "No access without an open entitlement.",
    )
    return Chart(
        "Accesses without an entitlement, by system",
        figure,
        alt="Horizontal bar chart of accesses made without an open entitlement, per system",
        caption="Logins, reads and exports by an account that held no open entitlement on the "
        "system at that second: after a revoke, before a grant, or never granted (ACC-005).",
    )


def _exports_heatmap(ctx) -> Chart:
    frame = acc.exports(ctx)
    ts = frame["timestamp"]
    table = pd.crosstab(ts.dt.day_of_week, ts.dt.hour) if len(frame) else pd.DataFrame()
    table = table.reindex(index=range(7), columns=range(24), fill_value=0).fillna(0)
    table.index = WEEKDAYS
    table.columns = [f"{h:02d}" for h in range(24)]
    figure = heatmap(table, "exports")
    ax = figure.axes[0]
    start = acc.seconds_of_day(ctx.threshold("ACC-010", "start")) / 3600 - 0.5
    end = acc.seconds_of_day(ctx.threshold("ACC-010", "end")) / 3600 - 0.5
    ax.plot([start, end, end, start, start], [-0.5, -0.5, 4.5, 4.5, -0.5], color=PALETTE[0], lw=1.5)
    ax.set_xlabel("hour of the day")
    return Chart(
        "Exports by weekday and hour",
        figure,
        alt="Heat map of the number of exports per weekday and hour of the day, with working hours "
        "outlined",
        caption=f"Working hours (outlined): Monday to Friday, {ctx.threshold('ACC-010', 'start')} "
        f"to {ctx.threshold('ACC-010', 'end')}. Exports outside the box are findings (ACC-010).",
    )


def _review_coverage(ctx) -> Chart:
    frame = acc.review_coverage(ctx)
    months = int(ctx.threshold("ACC-006", "months"))
    limit = (ctx.audit_date - (ctx.audit_date - pd.DateOffset(months=months))).days
    never = frame["last_reviewed"].isna()
    frame = frame.assign(_order=np.where(never, np.inf, frame["days_since"].astype(float)))
    frame = frame.sort_values(["_order", "system"], ascending=[False, True], kind="mergesort")
    known = frame["days_since"].dropna()
    longest = max([limit, *[int(v) for v in known]]) * 1.1
    lengths = np.where(frame["last_reviewed"].isna(), longest, frame["days_since"].astype(float))
    colours = [
        SEVERITY_COLOURS["critical"]
        if missing
        else (PALETTE[2] if ok else SEVERITY_COLOURS["medium"])
        for missing, ok in zip(frame["last_reviewed"].isna(), frame["reviewed"], strict=True)
    ]
    fig, ax = _figure(7.0, max(1.6, 0.32 * len(frame) + 0.9))
    labels = frame["system"].astype("str").tolist()
    ax.barh(labels[::-1], lengths[::-1], color=colours[::-1])
    for y, (length, missing) in enumerate(
        zip(lengths[::-1], never.loc[frame.index][::-1], strict=True)
    ):
        text = "never reviewed" if missing else f"{int(length):,} days"
        ax.annotate(
            text, (length, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8
        )
    ax.axvline(limit, color=SEVERITY_COLOURS["high"], linestyle="--", linewidth=1.5)
    ax.annotate(
        f"limit: {months} months",
        (limit, 0),
        xycoords=("data", "axes fraction"),
        xytext=(4, 4),
        textcoords="offset points",
        color=SEVERITY_COLOURS["high"],
        fontsize=8,
    )
    ax.set_xlim(0, longest * 1.2)
    ax.set_xlabel("days since the last access review (at the audit date)")
    fig.tight_layout()
    source = "per the systems register" if "systems" in ctx.frames else "(every system in the log)"
    return Chart(
        "Access reviews: days since the last review, per system",
        fig,
        alt="Horizontal bar chart of the days since the last access review of each system holding "
        "personal data, with the review limit marked",
        caption=f"Systems holding personal data {source}. A system whose last review is older "
        f"than {months} months, or that was never reviewed, is a finding (ACC-006).",
    )


def _dormant(ctx) -> Chart:
    frame = acc.dormant_entitlements(ctx)
    days = int(ctx.threshold("ACC-009", "days"))
    figure = _per_system(
        frame["system"],
        f"open entitlements unused for {days} days",
        PALETTE[1],
        "No dormant entitlement.",
    )
    return Chart(
        "Dormant entitlements, by system",
        figure,
        alt="Horizontal bar chart of open entitlements not used recently, per system",
        caption=f"Entitlements still open at the audit date with no login, read or export in the "
        f"last {days} days (ACC-009): candidates for removal.",
    )


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    return [
        _grants_per_month(ctx, findings),
        _leaver_delays(ctx),
        _unentitled(ctx),
        _exports_heatmap(ctx),
        _review_coverage(ctx),
        _dormant(ctx),
    ]


register_audit(
    AuditSpec(
        order=50,
        name="access",
        title="Access rights (Art. 32)",
        description="Reconstructs who held access to which system from the grants and revokes of the "
        "access-rights log, and checks that every grant had a ticket and a prior approval by "
        "someone other than the requester and the beneficiary (two approvers for privileged "
        "access), that leavers lost their access within a day, that every login, read or export "
        "happened under an open entitlement, that accounts belong to people in the HR roster, that "
        "systems holding personal data are reviewed, that unused access is removed and that "
        "exports stay within working hours. The log is judged as it stood at the end of the audit "
        "date: events timestamped later belong to the next period and are left out.",
        registers=("access_log", "hr_roster", "access_reviews"),
        optional=("systems",),
        primary=("access_log", "hr_roster", "access_reviews", "systems"),
        records="access_log",
        kpis=kpis,
        charts=charts,
    )
)
