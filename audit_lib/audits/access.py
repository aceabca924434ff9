"""The access-rights audit: key figures and charts (who could reach personal data, who approved it,
whether leavers were cut off).

The figures are aggregates (:class:`AccessFigures`) computed per partition of the access log by
:func:`partition_figures` and merged by :func:`merge_figures`: the pandas engine computes them on
the whole log at once, the Dask engine in its workers, where the log stays. Partitions must hold
disjoint sets of accounts (the Dask engine shuffles the log on ``user_id``): the counts of distinct
accounts are summed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ..charts import PALETTE, SEVERITY_COLOURS, _figure, hbar, heatmap, histogram, stacked_bars
from ..rules import access as acc
from . import AuditSpec, Chart, Figures, register_audit
from . import figures as audit_figures

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
GRANT_OK = "ticket and prior approval"
GRANT_GAP = "ticket or approval missing"
#: a grant has a ticket and a prior approval when none of these rules flags its event
GRANT_RULES = ("ACC-001", "ACC-002")
#: grant month buckets besides the months shown (period ordinals)
EARLIER, UNDATED = -1, -2


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


# ------------------------------------------------------------------------- figures (aggregates)
@dataclass
class AccessFigures:
    """What the key figures and charts show, as small mergeable aggregates of the access log."""

    events: int  # rows of the log
    later: int  # rows timestamped after the audit date
    users: int  # distinct accounts of the log as of the audit date
    #: grants per (month bucket, then per GRANT_RULES whether it flags the grant's event)
    grants: pd.Series
    #: grants whose event id another partition may hold (key, bucket): settled by the findings
    shared_grants: pd.DataFrame
    leaver_users: int  # leavers holding an entitlement
    leaver_users_late: int  # ... not all revoked on time
    leaver_delays: pd.Series  # days from leaving to revoke -> entitlements (revoked, >= 0 days)
    leavers_open: int  # leaver entitlements still open
    unentitled: pd.Series  # system -> accesses without an open entitlement
    accesses: int  # logins, reads and exports as of the audit date
    exports: int
    exports_by_hour: np.ndarray  # 7 x 24: weekday (Monday first) x hour
    dormant: pd.Series  # system -> dormant entitlements
    dormant_users: int


def _bucket(ctx, timestamps: pd.Series) -> np.ndarray:
    """A grant's month (period ordinal) when shown in the chart, EARLIER or UNDATED."""
    month = timestamps.dt.to_period("M")
    first = ctx.audit_date.to_period("M") - 11
    shown = (month >= first).fillna(False).to_numpy(dtype=bool)
    earlier = (month < first).fillna(False).to_numpy(dtype=bool)
    ordinals = month.array.asi8
    return np.where(shown, ordinals, np.where(earlier, EARLIER, UNDATED)).astype("int64")


def _system_counts(values: pd.Series) -> pd.Series:
    return values.astype("str").value_counts().sort_index()


def partition_figures(ctx, findings: pd.DataFrame, shared: frozenset = frozenset()):
    """The figures of one partition of the log (its users' events), after the rules ran."""
    log = ctx.frames[acc.LOG]
    scoped = acc.access_log_as_of(ctx)
    grants = acc.grants(ctx)
    keys = grants["event_id"].astype("str")
    bucket = _bucket(ctx, grants["timestamp"])
    pending = (keys.isin(shared) | keys.str.fullmatch(r"row \d+").fillna(False)).to_numpy(
        dtype=bool
    )
    table = pd.DataFrame({"bucket": bucket[~pending]})
    for rule_id in GRANT_RULES:
        table[rule_id] = keys[~pending].isin(_flagged(findings, rule_id)).to_numpy(dtype=bool)
    leavers = acc.leaver_entitlements(ctx)
    delays = leavers.loc[leavers["state"] != "open", "delay_days"].dropna().astype(int)
    exports = acc.exports(ctx)
    by_hour = np.zeros((7, 24), dtype="int64")
    if len(exports):
        ts = exports["timestamp"]
        np.add.at(by_hour, (ts.dt.day_of_week.to_numpy(), ts.dt.hour.to_numpy()), 1)
    dormant = acc.dormant_entitlements(ctx)
    return AccessFigures(
        events=len(log),
        later=acc.events_after_audit_date(ctx),
        users=int(scoped["user_id"].nunique()),
        grants=table.value_counts(sort=False),
        shared_grants=pd.DataFrame(
            {"key": keys[pending].to_numpy(dtype=object), "bucket": bucket[pending]}
        ),
        leaver_users=int(leavers["user_id"].nunique()),
        leaver_users_late=int(leavers.loc[leavers["state"] != "on time", "user_id"].nunique()),
        leaver_delays=delays[delays >= 0].value_counts(),
        leavers_open=int((leavers["state"] == "open").sum()),
        unentitled=_system_counts(acc.accesses_without_entitlement(ctx)["system"]),
        accesses=int(acc.access_rows(scoped).sum()),
        exports=len(exports),
        exports_by_hour=by_hour,
        dormant=_system_counts(dormant["system"]),
        dormant_users=int(dormant["user_id"].nunique()),
    )


def _sum(pieces: list[pd.Series]) -> pd.Series:
    """Counts added by index (each piece indexed by distinct keys), sorted by key."""
    filled = [p for p in pieces if len(p)]
    if not filled:
        return pieces[0]
    if len(filled) == 1:
        return filled[0].sort_index()
    levels = list(range(filled[0].index.nlevels))
    return pd.concat(filled).groupby(level=levels, sort=True).sum()


def merge_figures(pieces: list[AccessFigures]) -> AccessFigures:
    """The figures of the whole log from those of its partitions (in row order)."""

    def total(name: str) -> int:
        return int(sum(getattr(p, name) for p in pieces))

    shared = [p.shared_grants for p in pieces if len(p.shared_grants)]
    return AccessFigures(
        events=total("events"),
        later=total("later"),
        users=total("users"),
        grants=_sum([p.grants for p in pieces]),
        shared_grants=pd.concat(shared, ignore_index=True) if shared else pieces[0].shared_grants,
        leaver_users=total("leaver_users"),
        leaver_users_late=total("leaver_users_late"),
        leaver_delays=_sum([p.leaver_delays for p in pieces]),
        leavers_open=total("leavers_open"),
        unentitled=_sum([p.unentitled for p in pieces]),
        accesses=total("accesses"),
        exports=total("exports"),
        exports_by_hour=np.sum([p.exports_by_hour for p in pieces], axis=0),
        dormant=_sum([p.dormant for p in pieces]),
        dormant_users=total("dormant_users"),
    )


def _figures(ctx, findings: pd.DataFrame) -> AccessFigures:
    return audit_figures("access", ctx, findings)


def _grants_by_status(figures: AccessFigures, findings: pd.DataFrame) -> pd.Series:
    """Grants per (month bucket, True when with ticket and prior approval), settled with the
    findings of the whole audit."""
    active = [r for r in GRANT_RULES if _count(findings, r)]
    counts = figures.grants
    flagged = np.zeros(len(counts), dtype=bool)
    parts = []
    if len(counts):  # none when every grant is pending (shared or unnamed ids): no levels either
        frame = counts.index.to_frame(index=False)
        for rule_id in active:
            flagged |= frame[rule_id].to_numpy(dtype=bool)
        parts.append(
            pd.Series(counts.to_numpy(), index=[frame["bucket"].to_numpy(), ~flagged]).rename(None)
        )
    shared = figures.shared_grants
    if len(shared):
        ok = ~shared["key"].astype("str").isin(_flagged(findings, *GRANT_RULES)).to_numpy(bool)
        parts.append(pd.Series(1, index=[shared["bucket"].to_numpy(), ok]))
    if not parts:
        return pd.Series([], dtype="int64", index=pd.MultiIndex.from_arrays([[], []]))
    return pd.concat(parts).groupby(level=[0, 1]).sum()


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    figures = _figures(ctx, findings)
    orphans = _count(findings, "ACC-007")
    grants = _grants_by_status(figures, findings)
    with_ok = grants.index.get_level_values(1).to_numpy(dtype=bool)
    ok, total = int(grants.to_numpy()[with_ok].sum()), int(grants.sum())
    later = figures.later
    with_access = figures.leaver_users
    late = figures.leaver_users_late
    unentitled = int(figures.unentitled.sum())
    coverage = acc.review_coverage(ctx)
    reviewed = int(coverage["reviewed"].sum())
    months = int(ctx.threshold("ACC-006", "months"))
    dormant = int(figures.dormant.sum())
    exports = figures.exports
    out_of_hours = _count(findings, "ACC-010")
    return [
        {
            "key": "events",
            "label": "Events in the access log",
            "value": f"{figures.events:,}",
            "note": f"{later:,} after the audit date, not judged"
            if later
            else "up to the audit date",
        },
        {
            "key": "users",
            "label": "Accounts",
            "value": f"{figures.users:,}",
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
            "note": f"of {figures.accesses:,} logins, reads and exports",
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
            "value": f"{dormant:,}",
            "note": f"held by {figures.dormant_users:,} account(s), "
            f"unused for {int(ctx.threshold('ACC-009', 'days'))} days",
            "status": "warn" if dormant else "good",
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
def _grants_per_month(ctx, figures: AccessFigures, findings: pd.DataFrame) -> Chart:
    grants = _grants_by_status(figures, findings)
    last = ctx.audit_date.to_period("M")
    first = last - 11
    months = pd.period_range(first, last, freq="M")
    bucket = grants.index.get_level_values(0).to_numpy() if len(grants) else np.array([])
    earlier = int(grants[bucket == EARLIER].sum()) if len(grants) else 0
    table = pd.DataFrame(0, index=months.asi8, columns=[GRANT_OK, GRANT_GAP], dtype="int64")
    for (month, ok), count in grants[bucket >= 0].items() if len(grants) else []:
        if month in table.index:
            table.loc[month, GRANT_OK if ok else GRANT_GAP] += int(count)
    table.index = [str(m) for m in months]
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


def _leaver_delays(ctx, figures: AccessFigures) -> Chart:
    days = int(ctx.threshold("ACC-004", "days"))
    counts = figures.leaver_delays.sort_index()
    delays = pd.Series(np.repeat(counts.index.to_numpy(), counts.to_numpy()), dtype="int64")
    still_open = figures.leavers_open
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


def _per_system(counts: pd.Series, xlabel: str, colour: str, none: str):
    """Horizontal bars per system (the systems concerned only), or a 'none' figure."""
    counts = counts.sort_index()
    if not len(counts):
        return _nothing(none)
    figure = hbar(counts, xlabel, color=colour)
    figure.axes[0].xaxis.set_major_locator(MaxNLocator(integer=True))
    return figure


def _unentitled(figures: AccessFigures) -> Chart:
    figure = _per_system(
        figures.unentitled,
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


def _exports_heatmap(ctx, figures: AccessFigures) -> Chart:
    table = pd.DataFrame(
        figures.exports_by_hour, index=WEEKDAYS, columns=[f"{h:02d}" for h in range(24)]
    )
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


def _dormant(ctx, figures: AccessFigures) -> Chart:
    days = int(ctx.threshold("ACC-009", "days"))
    figure = _per_system(
        figures.dormant,
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
    figures = _figures(ctx, findings)
    return [
        _grants_per_month(ctx, figures, findings),
        _leaver_delays(ctx, figures),
        _unentitled(figures),
        _exports_heatmap(ctx, figures),
        _review_coverage(ctx),
        _dormant(ctx, figures),
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
        figures=Figures(partition_figures, merge_figures, reads=GRANT_RULES),
    )
)
