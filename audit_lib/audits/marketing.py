"""The direct-marketing audit (Art. 21(2)-(3), Art. 7(3)): key figures, charts and tables.

Everything here reads the rules' shared computation (``audit_lib.rules.marketing``): the sends
and events in scope (up to the end of the audit date) and the objection or withdrawal each send
ignored. Counts of sends per month cover the 12 months to the audit date; every other figure
covers the whole send log in scope, as the rules do. No figure names a person: people are
counted by their pseudonym.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..charts import PALETTE, SEVERITY_COLOURS, _figure, histogram, stacked_bars
from ..preferences import event_kinds
from ..rules import marketing as mkt
from ..schemas.marketing_sends import MARKETING_CHANNELS
from . import AuditSpec, Chart, Table, register_audit

WINDOW_MONTHS = 12
CHANNEL_COLOURS = {
    "email": PALETTE[0],
    "sms": PALETTE[1],
    "phone": PALETTE[4],
    "post": PALETTE[2],
    "(other)": PALETTE[5],
}
AFTER_OBJECTION = "after an objection (MKT-001)"
AFTER_WITHDRAWAL = "after a consent withdrawal (MKT-002)"


def _share(part: int, whole: int) -> str:
    """A percentage that never rounds up to 100% (or down to 0%) when it is not exact: whole
    percents when exact, else one decimal (two under 1%)."""
    if not whole:
        return "-"
    if part * 100 % whole == 0:
        return f"{part * 100 // whole}%"
    digits = 2 if part * 100 < whole else 1
    scale = 10 ** (digits + 2)
    value = min(max(part * scale // whole, 1), scale - 1)  # truncated: never 0% or 100%
    return f"{value / 10**digits:.{digits}f}%"


def _nothing(text: str):
    """A small figure that says there is nothing to plot (keeps the report's layout)."""
    fig, ax = _figure(7.0, 1.0)
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center", fontsize=10, color=PALETTE[5])
    return fig


def _channel_codes(frame: pd.DataFrame) -> np.ndarray:
    """Per row: the position of its channel in MARKETING_CHANNELS, or len(MARKETING_CHANNELS)
    for '(other)' (empty or unknown), without a copy of the column."""
    codes = np.full(len(frame), len(MARKETING_CHANNELS), dtype=np.int64)
    if "channel" in frame.columns:
        channel = frame["channel"]
        for i, name in enumerate(MARKETING_CHANNELS):
            codes[channel.eq(name).fillna(False).to_numpy(dtype=bool)] = i
    return codes


def in_scope(ctx) -> np.ndarray:
    return mkt.sends_in_scope(ctx)


def event_kinds_in_scope(ctx) -> np.ndarray:
    """The kind of each preference event recorded at or before the end of the audit date."""
    _, present = mkt.event_times(ctx)
    return event_kinds(ctx.frames[mkt.EVENTS]["event"])[present & ~mkt.events_after(ctx)]


def objection_delays(ctx) -> pd.Series:
    """Per objection that a send ignored (MKT-001): days from the objection to the last send
    that ignored it, indexed by the objection's row in the events register."""

    def build() -> pd.Series:
        ignored = mkt.ignored_objections(ctx)
        positions = mkt.send_standing(ctx).objection[ignored]
        if not len(positions):
            return pd.Series([], dtype="float64")
        sent, _ = mkt.send_times(ctx)
        at, _ = mkt.event_times(ctx)
        last = pd.Series(sent[ignored]).groupby(positions).max()
        days = (last.to_numpy() - at[last.index.to_numpy()]) / mkt.DAY_US
        return pd.Series(days, index=last.index)

    return mkt._cached(ctx, "marketing.delays", build)


def by_campaign(ctx) -> pd.DataFrame:
    """Per campaign with at least one send that ignored an objection or withdrawal: sends in
    scope, sends after an objection (MKT-001), after a withdrawal (MKT-002), share."""

    def build() -> pd.DataFrame:
        sends = ctx.frames[mkt.SENDS]
        scope = in_scope(ctx)
        objection, withdrawal = mkt.ignored_objections(ctx), mkt.ignored_withdrawals(ctx)
        bad = objection | withdrawal
        columns = ["campaign", "sends", AFTER_OBJECTION, AFTER_WITHDRAWAL, "share"]
        if not bad.any():
            return pd.DataFrame(columns=columns)
        campaign = sends["campaign"]
        concerned = campaign[bad]
        mine = campaign.isin(set(concerned.dropna())).to_numpy(dtype=bool) & scope
        if concerned.isna().any():
            mine = mine | (campaign.isna().to_numpy(dtype=bool) & scope)
        table = pd.DataFrame(
            {
                "campaign": campaign[mine].astype("str").fillna("(no campaign)").to_numpy(),
                "sends": 1,
                AFTER_OBJECTION: objection[mine].astype(int),
                AFTER_WITHDRAWAL: withdrawal[mine].astype(int),
            }
        )
        table = table.groupby("campaign", sort=True).sum().reset_index()
        ignored = table[AFTER_OBJECTION] + table[AFTER_WITHDRAWAL]
        table["share"] = [
            _share(int(i), int(n)) for i, n in zip(ignored, table["sends"], strict=True)
        ]
        table = table.assign(_ignored=ignored).sort_values(
            ["_ignored", "campaign"], ascending=[False, True], kind="mergesort"
        )
        return table[columns].reset_index(drop=True)

    return mkt._cached(ctx, "marketing.by_campaign", build)


def per_month(ctx) -> tuple[pd.DataFrame, int]:
    """Sends per month (the 12 months to the audit date) and channel; and the count of sends in
    scope from earlier months, not shown."""

    def build() -> tuple[pd.DataFrame, int]:
        sends = ctx.frames[mkt.SENDS]
        scope = in_scope(ctx)
        sent, _ = mkt.send_times(ctx)
        last = ctx.audit_date.to_period("M")
        first = last - (WINDOW_MONTHS - 1)
        months = sent[scope].view("datetime64[us]").astype("datetime64[M]").astype(np.int64)
        offset = months - (first.year - 1970) * 12 - (first.month - 1)
        shown = (offset >= 0) & (offset < WINDOW_MONTHS)
        names = [*MARKETING_CHANNELS, "(other)"]
        channel = _channel_codes(sends)[scope]
        cells = np.bincount(
            offset[shown] * len(names) + channel[shown], minlength=WINDOW_MONTHS * len(names)
        )
        table = pd.DataFrame(
            cells.reshape(WINDOW_MONTHS, len(names)),
            index=[str(m) for m in pd.period_range(first, last, freq="M")],
            columns=names,
        )
        table = table.loc[:, (table.sum() > 0) | table.columns.isin(MARKETING_CHANNELS)]
        return table, int((offset < 0).sum())

    return mkt._cached(ctx, "marketing.per_month", build)


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    sends = ctx.frames[mkt.SENDS]
    scope = in_scope(ctx)
    total = int(scope.sum())
    later = int(mkt.sends_after(ctx).sum())
    recipients = sends["subject_ref"]  # as a whole when it can be (no copy of 10M values)
    people = int((recipients if scope.all() else recipients[scope]).nunique())
    kinds = event_kinds_in_scope(ctx)
    objections = int((kinds == 3).sum())
    withdrawals = int((kinds == 2).sum())
    after_objection = int(mkt.ignored_objections(ctx).sum())
    after_withdrawal = int(mkt.ignored_withdrawals(ctx).sum())
    ignored = after_objection + after_withdrawal
    without = int(mkt.without_consent(ctx).sum())
    consent_based = int((mkt.consent_based(ctx) & scope).sum())
    delays = objection_delays(ctx)
    campaigns = by_campaign(ctx)
    sent, _ = mkt.send_times(ctx)
    span = ""
    if total:
        chosen = sent[scope]
        first, last = (
            pd.Timestamp(v, unit="us").date().isoformat() for v in (chosen.min(), chosen.max())
        )
        span = f"{first} to {last}"
    return [
        {
            "key": "sends",
            "label": "Messages sent",
            "value": f"{total:,}",
            "note": (span + "; " if span else "")
            + (f"{later:,} after the audit date, not judged" if later else "up to the audit date"),
        },
        {"label": "People reached", "value": f"{people:,}", "note": "distinct recipients"},
        {
            "label": "Objections received",
            "value": f"{objections:,}",
            "note": "to direct marketing (Art. 21(2)), up to the audit date",
        },
        {
            "label": "Consent withdrawals received",
            "value": f"{withdrawals:,}",
            "note": "Art. 7(3), up to the audit date",
        },
        {
            "key": "sends_after_objection_or_withdrawal",
            "label": "Sends after an objection or withdrawal",
            "value": f"{ignored:,}",
            "note": f"{after_objection:,} after an objection, {after_withdrawal:,} after a "
            f"withdrawal, in {len(campaigns):,} campaign(s); past the grace period",
            "status": "bad" if ignored else "good",
        },
        {
            "label": "Share of sends after an objection or withdrawal",
            "value": _share(ignored, total),
            "note": f"of {total:,} messages sent",
            "status": "bad" if ignored else "good",
        },
        {
            "key": "median_days_objection_to_last_send",
            "label": "Median days from an objection to the last send that ignored it",
            "value": f"{float(np.median(delays.to_numpy())):.1f} days" if len(delays) else "-",
            "note": f"over {len(delays):,} ignored objection(s)"
            if len(delays)
            else "no objection ignored",
            "status": "bad" if len(delays) else "good",
        },
        {
            "label": "Consent-based sends without a recorded consent",
            "value": f"{without:,}",
            "note": f"of {consent_based:,} consent-based sends (MKT-003)",
            "status": "bad" if without else "good",
        },
    ]


# ------------------------------------------------------------------------------------- charts
def _per_month_chart(ctx) -> Chart:
    table, earlier = per_month(ctx)
    return Chart(
        "Messages sent per month, by channel",
        stacked_bars(table, "messages sent", colours=CHANNEL_COLOURS, rotate=45),
        alt="Stacked bar chart of the direct-marketing messages sent each month, split by channel",
        caption=f"The {WINDOW_MONTHS} months up to the audit date"
        + (f" ({earlier:,} earlier sends not shown; every send is judged)" if earlier else "")
        + ". '(other)': sends with an empty or unknown channel (data-quality findings).",
    )


def _campaign_chart(ctx) -> Chart:
    table = by_campaign(ctx)
    if table.empty:
        figure = _nothing("No send ignored an objection or a consent withdrawal.")
    else:
        top = table.head(20).set_index("campaign")[[AFTER_OBJECTION, AFTER_WITHDRAWAL]]
        colours = {AFTER_OBJECTION: SEVERITY_COLOURS["high"], AFTER_WITHDRAWAL: PALETTE[1]}
        figure = stacked_bars(top, "sends", colours=colours, horizontal=True)
    more = len(table) - 20
    return Chart(
        "Sends that ignored an objection or a consent withdrawal, by campaign",
        figure,
        alt="Horizontal stacked bar chart of the sends made after an objection or a consent "
        "withdrawal (past the grace period), per campaign",
        caption="Sends more than the grace period after an objection (MKT-001, any legal basis) "
        "or after the withdrawal of the consent they relied on (MKT-002)"
        + (
            f"; the 20 campaigns with the most such sends ({more:,} more in the table)"
            if more > 0
            else ""
        )
        + ".",
    )


def _delay_chart(ctx) -> Chart:
    delays = objection_delays(ctx)
    days = float(ctx.threshold("MKT-001", "days"))
    if delays.empty:
        figure = _nothing("No objection was ignored.")
    else:
        top = float(delays.max())
        bins = np.arange(0, np.floor(top) + 2, 1.0) if top <= 60 else 30
        figure = histogram(
            delays,
            "days from the objection to the last send that ignored it",
            marker=days,
            marker_label=f"grace: {days:g} day(s)",
            bins=bins,
        )
        figure.axes[0].set_ylabel("objections")
    return Chart(
        "Days from an objection to the last send that ignored it",
        figure,
        alt="Histogram, per objection that a send ignored, of the days between the objection "
        "and the last send that ignored it",
        caption="One count per objection that at least one send ignored (MKT-001): how long the "
        "person kept receiving marketing after objecting. The dashed line is the grace period.",
    )


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    return [_per_month_chart(ctx), _campaign_chart(ctx), _delay_chart(ctx)]


def tables(ctx, findings: pd.DataFrame) -> list[Table]:
    table, _ = per_month(ctx)
    months = table.assign(total=table.sum(axis=1)).reset_index(names="month")
    return [
        Table(
            "Messages sent per month and channel",
            months,
            table_id="marketing-sends-per-month",
            caption=f"The {WINDOW_MONTHS} months up to the audit date.",
            interactive=False,
        ),
        Table(
            "Sends after an objection or a consent withdrawal, by campaign",
            by_campaign(ctx),
            table_id="marketing-campaigns",
            caption="Campaigns with at least one send past the grace period after an objection "
            "(MKT-001) or a consent withdrawal (MKT-002); 'sends' counts all their sends up to the "
            "audit date, 'share' the part of them that ignored an objection or withdrawal.",
        ),
    ]


register_audit(
    AuditSpec(
        order=70,
        name="marketing",
        title="Direct marketing (Art. 21, Art. 7(3))",
        description="Joins the campaign tool's send log with the preference centre's consents, "
        "withdrawals and objections (on pseudonyms) and checks that no direct marketing reached "
        "a person after an objection (Art. 21(3), whatever the legal basis), that no consent-based "
        "message was sent after the consent was withdrawn (Art. 7(3)) or without a consent "
        "recorded before it, each with a grace period for updating the mailing lists; that no "
        "entry is dated after the audit date, and that the processors sending the messages are "
        "in the processors register. An event with no channel covers every channel; a new consent "
        "lifts an earlier objection or withdrawal for the channels it covers.",
        registers=(mkt.SENDS, mkt.EVENTS),
        optional=(mkt.PROCESSORS,),
        primary=(mkt.SENDS, mkt.EVENTS),
        records=mkt.SENDS,
        kpis=kpis,
        charts=charts,
        tables=tables,
    )
)
