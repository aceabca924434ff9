"""The personal-data breach audit (Art. 33, 34): key figures, charts and details of the register.

"The period" of the key figures and the monthly chart is the 12 months to the audit date (the
breaches the controller became aware of then), as in the rights audit; the rules judge the whole
register, and the open breaches are every breach not closed, whenever it began. The 72-hour clock
comes from the rules' shared computation (``audit_lib.rules.breaches.notification_clock``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..charts import PALETTE, SEVERITY_COLOURS, histogram, stacked_bars
from ..periods import months_before
from ..rules.breaches import (
    NOTIFIABLE,
    REGISTER,
    column,
    moment,
    notification_clock,
    shown,
)
from ..schemas.breaches import BREACH_NATURES, RISK_LEVELS
from . import AuditSpec, Chart, Table, register_audit

WINDOW_MONTHS = 12
RISK_COLOURS = {
    "high": SEVERITY_COLOURS["high"],
    "risk": SEVERITY_COLOURS["medium"],
    "none": PALETTE[5],
    "(empty)": "#4a5568",
    "(other)": "#b8b8b8",
}
RISK_NAMES = {"high": "high risk", "risk": "risk", "none": "no risk (unlikely to result in a risk)"}
AGE_BUCKETS = [(0, 30), (31, 60), (61, 90), (91, 180), (181, 365), (366, None)]
#: descriptions are shortened to this many characters in the report's table
DESCRIPTION_CHARS = 160


def _risk_of(frame: pd.DataFrame) -> pd.Series:
    risk = column(frame, "risk_level").astype("str")
    return risk.where(risk.isin(RISK_LEVELS) | risk.isna(), "(other)").fillna("(empty)")


def report_table(ctx) -> pd.DataFrame:
    """One row per breach: the figures the KPIs, charts and tables use (cached per run)."""
    cached = ctx.cache.get("breaches.report")
    frame = ctx.frames[REGISTER]
    if cached is not None and cached[0] is frame and cached[1] == len(frame):
        return cached[2]
    clock = notification_clock(ctx)
    audit_day = ctx.audit_date.normalize()
    aware_day = clock["aware"].dt.normalize()
    start = months_before(audit_day, WINDOW_MONTHS)
    risk = _risk_of(frame)
    notified = clock["notified"].notna()
    due = notified | (risk.isin(NOTIFIABLE) & clock["run_out"])
    closed = column(frame, "closed_at").notna()
    table = pd.DataFrame(
        {
            "aware_day": aware_day,
            "risk": risk,
            "in_window": (aware_day > start) & (aware_day <= audit_day),
            "notified": notified,
            "due": due,
            "on_time": clock["on_time"],
            "hours": clock["delay"] / pd.Timedelta(hours=1),
            "open": ~closed & clock["aware"].notna() & (aware_day <= audit_day),
            "age": (audit_day - aware_day) / pd.Timedelta(days=1),
            "subjects": column(frame, "subjects_affected").astype("Int64"),
            "records": column(frame, "records_affected").astype("Int64"),
        },
        index=frame.index,
    )
    ctx.cache["breaches.report"] = (frame, len(frame), table)
    return table


def _window_text(ctx) -> str:
    start = months_before(ctx.audit_date, WINDOW_MONTHS) + pd.Timedelta(days=1)
    return f"{start.date().isoformat()} to {ctx.audit_date.date().isoformat()}"


def _hours(value: float) -> str:
    if pd.isna(value):
        return "-"
    return f"{value:,.0f} hours" if value >= 10 else f"{value:.1f} hours"


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    frame = ctx.frames[REGISTER]
    table = report_table(ctx)
    window = table[table["in_window"]]
    total = len(window)
    by_risk = window["risk"].value_counts()
    natures = (
        column(frame, "nature")[window.index].explode().dropna().value_counts()
        if total
        else pd.Series(dtype="int64")
    )
    due = window[window["due"]]
    on_time = int(due["on_time"].sum())
    rate = on_time / len(due) if len(due) else None
    hours = window.loc[window["notified"] & (window["hours"] >= 0), "hours"].dropna()
    date_only = int((window["notified"] & window["hours"].isna()).sum())
    subjects = window["subjects"].dropna()
    records = window["records"].dropna()
    open_ = table[table["open"]]
    threshold = int(ctx.threshold("BRE-008", "days"))
    old = int((open_["age"] > threshold).sum())
    clock = notification_clock(ctx)
    missing = flag_count(
        _risk_of(frame).isin(NOTIFIABLE) & clock["notified"].isna() & clock["run_out"]
    )
    risk_note = ", ".join(
        f"{by_risk.get(level, 0):,} {RISK_NAMES[level]}" for level in ("risk", "none")
    )
    if by_risk.get("(empty)", 0) or by_risk.get("(other)", 0):
        risk_note += f", {by_risk.get('(empty)', 0) + by_risk.get('(other)', 0):,} not assessed"
    return [
        {
            "key": "breaches_in_period",
            "label": "Breaches in the period",
            "value": f"{total:,}",
            "note": f"became aware {_window_text(ctx)}; {len(frame):,} in the register",
        },
        {
            "label": "High-risk breaches",
            "value": f"{by_risk.get('high', 0):,}",
            "note": f"in the period; also {risk_note}",
        },
        {
            "label": "Breaches by nature",
            "value": f"{natures.get('confidentiality', 0):,} confidentiality",
            "note": ", ".join(
                f"{natures.get(nature, 0):,} {nature}" for nature in BREACH_NATURES[1:]
            )
            + " (a breach may be of several natures)",
        },
        {
            "key": "breaches_notified_on_time",
            "label": "Notified within 72 hours",
            "value": "-" if rate is None else f"{rate:.0%}",
            "note": f"{on_time:,} of {len(due):,} breaches of the period notified, or due "
            "(risk assessed, 72 hours run out)",
            "status": None
            if rate is None
            else ("good" if rate == 1 else ("warn" if rate >= 0.9 else "bad")),
        },
        {
            "label": "Median time to notify",
            "value": _hours(hours.median() if len(hours) else float("nan")),
            "note": f"from awareness to notification, {len(hours):,} notifications"
            + (f"; {date_only:,} without a time of day left out" if date_only else ""),
        },
        {
            "label": "Not notified, 72 hours run out",
            "value": f"{missing:,}",
            "note": "risk or high risk, no notification recorded (BRE-001)",
            "status": "bad" if missing else "good",
        },
        {
            "label": "Data subjects affected",
            "value": f"{int(subjects.sum()):,}" if len(subjects) else "-",
            "note": f"approximate, breaches of the period; records affected "
            f"{int(records.sum()) if len(records) else 0:,}; "
            f"{total - len(subjects):,} breaches without a figure",
        },
        {
            "label": "Open breaches",
            "value": f"{len(open_):,}",
            "note": f"on {ctx.audit_date.date().isoformat()}; {old:,} open more than "
            f"{threshold} days (BRE-008)",
            "status": "warn" if old else "good",
        },
    ]


def flag_count(mask: pd.Series) -> int:
    return int(mask.astype("boolean").fillna(False).astype(bool).sum())


def _ordered(columns, order) -> list:
    return sorted(columns, key=lambda c: order.index(c) if c in order else len(order))


#: the hours chart bins notifications by 6 hours up to a week; later ones share the last bar
HOURS_BIN, HOURS_SHOWN = 6, 168


def _hours_chart(table: pd.DataFrame) -> Chart | None:
    window = table[table["in_window"] & table["notified"]]
    hours = window["hours"].dropna()
    hours = hours[hours >= 0]
    if hours.empty:
        return None
    later = int((hours >= HOURS_SHOWN).sum())
    shown = hours.clip(upper=HOURS_SHOWN + HOURS_BIN / 2)
    figure = histogram(
        shown,
        "hours from awareness to notification of the supervisory authority",
        marker=72,
        marker_label="72 hours (Art. 33(1))",
        bins=np.arange(0, HOURS_SHOWN + 2 * HOURS_BIN, HOURS_BIN),
    )
    left_out = int(window["hours"].isna().sum())
    late = int((hours > 72).sum())
    return Chart(
        "Hours from awareness to notification",
        figure,
        alt="Histogram of the hours between the controller becoming aware of each breach and its "
        "notification to the supervisory authority, with the 72-hour limit marked",
        caption=f"Notifications of the breaches of the period, in bins of {HOURS_BIN} hours: "
        f"{late:,} right of the 72-hour line were late (BRE-002)"
        + (
            f"; the last bar counts the {later:,} made {HOURS_SHOWN} hours (a week) or more "
            "after awareness. "
            if later
            else ". "
        )
        + (
            f"{left_out:,} notifications with a date but no time of day are not shown: they are "
            "judged by calendar dates."
            if left_out
            else "Every notification of the period has a time of day."
        ),
    )


def _per_month_chart(ctx, table: pd.DataFrame) -> Chart | None:
    window = table[table["in_window"]]
    if window.empty:
        return None
    months = pd.period_range(end=ctx.audit_date.to_period("M"), periods=WINDOW_MONTHS, freq="M")
    counts = pd.crosstab(window["aware_day"].dt.to_period("M"), window["risk"])
    counts = counts.reindex(months, fill_value=0)
    counts = counts[_ordered(counts.columns, ["high", "risk", "none", "(other)", "(empty)"])]
    counts.index = [p.strftime("%Y-%m") for p in months]
    return Chart(
        "Breaches per month by risk level",
        stacked_bars(counts, "breaches", colours=RISK_COLOURS, rotate=45),
        alt="Stacked bar chart of the breaches the controller became aware of each month, by "
        "risk level",
        caption="Breaches by month of awareness over the 12 months to the audit date, by the "
        "risk assessed: 'risk' must be notified to the supervisory authority (Art. 33(1)), 'high' "
        "also communicated to the people concerned (Art. 34(1)); 'none' is documented only "
        "(Art. 33(5)).",
    )


def _open_chart(ctx, table: pd.DataFrame) -> Chart | None:
    open_ = table[table["open"]]
    if open_.empty:
        return None
    labels = [f"{low}-{high}" if high is not None else f"{low}+" for low, high in AGE_BUCKETS]
    edges = np.array([low for low, _ in AGE_BUCKETS] + [np.inf]) - 0.5
    bucket = pd.cut(open_["age"], bins=edges, labels=labels, right=False)
    counts = pd.crosstab(bucket, open_["risk"]).reindex(labels, fill_value=0)
    counts = counts[_ordered(counts.columns, ["high", "risk", "none", "(other)", "(empty)"])]
    counts.index = [f"{label} days" for label in labels]
    threshold = int(ctx.threshold("BRE-008", "days"))
    return Chart(
        "Open breaches by age",
        stacked_bars(counts, "open breaches", colours=RISK_COLOURS),
        alt="Stacked bar chart of the breaches not closed on the audit date, by days since "
        "awareness and risk level",
        caption=f"{len(open_):,} breaches not closed on the audit date, by days since the "
        f"controller became aware; those open more than {threshold} days are findings (BRE-008).",
    )


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    table = report_table(ctx)
    out = [_hours_chart(table), _per_month_chart(ctx, table), _open_chart(ctx, table)]
    return [chart for chart in out if chart is not None]


# --------------------------------------------------------------------------- details
def _joined(series: pd.Series) -> pd.Series:
    """List cells as `a; b` (empty cells as ""), joined per row after one explode."""
    items = series.explode().dropna().astype("str")
    joined = items.groupby(level=0, sort=False).agg("; ".join)
    return joined.reindex(series.index).fillna("").astype("str")


def breaches_table(ctx) -> pd.DataFrame:
    """The register as the report lists it, latest awareness first."""
    frame = ctx.frames[REGISTER]
    clock = notification_clock(ctx)
    description = column(frame, "description").astype("str").fillna("")
    long = description.str.len() > DESCRIPTION_CHARS
    description[long] = description[long].str.slice(0, DESCRIPTION_CHARS - 1) + "\u2026"
    informed, informed_timed = moment(frame, "subjects_informed_at")
    exemption = column(frame, "art34_exemption").astype("str")
    within = np.select(
        [clock["on_time"].to_numpy(), clock["late"].to_numpy()], ["yes", "no"], default=""
    )
    art34 = shown(informed, informed_timed)
    art34 = art34.where(art34.ne(""), ("exempt: " + exemption).fillna(""))
    table = pd.DataFrame(
        {
            "breach": frame["breach_id"].astype("str"),
            "became aware": shown(clock["aware"], clock["aware_timed"]),
            "risk": _risk_of(frame),
            "nature": _joined(column(frame, "nature")),
            "description": description,
            "authority notified": shown(clock["notified"], clock["notified_timed"]),
            "within 72 h": within,
            "people informed": art34,
            "closed": column(frame, "closed_at").dt.strftime("%Y-%m-%d").astype("str").fillna(""),
        }
    )
    order = clock["aware"].rank(method="first", ascending=False, na_option="bottom")
    return table.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


def systems_table(ctx) -> pd.DataFrame | None:
    """Each breach's affected systems, with those the systems register does not know (None when
    no breach names a system)."""
    frame = ctx.frames[REGISTER]
    systems = column(frame, "systems")
    items = systems.explode().dropna().astype("str")
    if items.empty:
        return None
    register = ctx.frames.get("systems")
    given_register = register is not None and "system" in register.columns
    if given_register:
        known = set(register["system"].dropna().astype("str").str.casefold())
        unknown = items[~items.str.casefold().isin(known)]
        listed = unknown.groupby(level=0, sort=False).agg("; ".join)
        marked = listed.reindex(frame.index).fillna("")
    else:
        marked = pd.Series("(systems register not given)", index=frame.index, dtype="str")
    has = systems.index.isin(items.index)
    table = pd.DataFrame(
        {
            "breach": frame["breach_id"].astype("str"),
            "systems affected": _joined(systems),
            "not in the systems register": marked,
        }
    )[has]
    # the breaches naming a system the register lacks first, then by identifier
    unlisted = table["not in the systems register"].ne("") & given_register
    order = np.lexsort((table["breach"].to_numpy(), ~unlisted.to_numpy()))
    return table.iloc[order].reset_index(drop=True)


def tables(ctx, findings: pd.DataFrame) -> list[Table]:
    out = [
        Table(
            "Breach register",
            breaches_table(ctx),
            table_id="breaches-register",
            caption="Every breach of the register, latest first. Times are as the register gives "
            "them, converted to UTC where it gives a UTC offset; a date without a time is shown "
            "as such. 'Within 72 h' compares the notification with the awareness (by calendar "
            "dates when a time of day is missing). Descriptions are shortened to "
            f"{DESCRIPTION_CHARS} characters.",
        )
    ]
    systems = systems_table(ctx)
    if systems is not None:
        given = "systems" in ctx.frames
        out.append(
            Table(
                "Systems affected",
                systems,
                table_id="breaches-systems",
                caption="The systems each breach affected, next to those of them that the "
                "systems register does not list (names compared without regard to case): a "
                "system missing there is missing from the access reviews (ACC-006) too."
                if given
                else "The systems each breach affected. The systems register was not given: "
                "whether it lists them could not be checked.",
            )
        )
    return out


register_audit(
    AuditSpec(
        order=60,
        name="breaches",
        title="Personal-data breaches (Art. 33, 34)",
        description="Checks the personal-data breach register: that every breach likely to "
        "result in a risk was notified to the supervisory authority within 72 hours of the "
        "controller becoming aware of it (with the reasons when later), that high-risk breaches "
        "were communicated to the people concerned or an Art. 34(3) exemption recorded, that "
        "each breach is documented (facts, effects, remedial action: Art. 33(5)), that "
        "processors reported their breaches without undue delay, and that the register's dates "
        "hold together. The register is judged as it stood at the end of the audit date.",
        registers=(REGISTER,),
        optional=("processors", "systems"),
        primary=(REGISTER,),
        records=REGISTER,
        kpis=kpis,
        charts=charts,
        tables=tables,
    )
)
