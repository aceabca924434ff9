"""The data-subject rights audit (Art. 12, 15-22): key figures and charts of the requests log.

Rates, delays and monthly charts cover the requests received in the 12 months to the audit date
(the rules check the whole log); the open backlog covers every open request. Deadlines come from
the rules' shared computation (``audit_lib.rules.rights.request_deadlines``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..charts import PALETTE, SEVERITY_COLOURS, histogram, line, stacked_bars
from ..periods import months_before
from ..rules.rights import REGISTER, column, day_columns, request_deadlines
from ..schemas._fields import OUTCOMES, REQUEST_TYPES
from . import AuditSpec, Chart, register_audit

WINDOW_MONTHS = 12
OUTCOME_COLOURS = {
    "granted": PALETTE[2],
    "partially_granted": PALETTE[6],
    "refused": PALETTE[3],
    "withdrawn": PALETTE[5],
    "(open)": PALETTE[0],
    "(empty)": "#7f0000",
}
STATUS_COLOURS = {
    "within the deadline": PALETTE[2],
    "due within 7 days": PALETTE[1],
    "past the deadline": SEVERITY_COLOURS["high"],
}
AGE_BUCKETS = [(0, 7), (8, 14), (15, 21), (22, 31), (32, 60), (61, 90), (91, None)]


def _requests(ctx) -> pd.DataFrame:
    """One row per request: the dates, deadline and status the KPIs and charts use."""
    cached = ctx.cache.get("rights.report")
    if cached is not None:
        return cached
    frame = ctx.frames[REGISTER]
    deadlines = request_deadlines(ctx)
    audit_date = ctx.audit_date.normalize()
    days = day_columns(ctx)
    received = days["received_at"]
    responded = days["responded_at"]
    answered = responded.notna()
    table = pd.DataFrame(
        {
            "received": received,
            "request_type": frame["request_type"].fillna("(empty)").astype("str"),
            "outcome": column(frame, "outcome").astype("str").fillna("(empty)"),
            "answered": answered,
            "open": ~answered & (received <= audit_date),
            "deadline": deadlines["deadline"],
            "extended": flag_series(column(frame, "extended")),
            "extension_valid": deadlines["extension_valid"],
            "on_time": answered & (responded <= deadlines["deadline"]),
            "overdue": ~answered & (audit_date > deadlines["deadline"]),
            "days": (responded - received).dt.days,
            "identity_days": (days["identity_verified_at"] - received).dt.days,
            "age": (audit_date - received).dt.days,
        },
        index=frame.index,
    )
    table.loc[table["open"], "outcome"] = "(open)"
    start = months_before(audit_date, WINDOW_MONTHS)
    table["in_window"] = (received > start) & (received <= audit_date)
    ctx.cache["rights.report"] = table
    return table


def flag_series(series: pd.Series) -> pd.Series:
    return series.astype("boolean").fillna(False).astype(bool)


def _window_text(ctx) -> str:
    start = months_before(ctx.audit_date, WINDOW_MONTHS) + pd.Timedelta(days=1)
    return f"{start.date().isoformat()} to {ctx.audit_date.date().isoformat()}"


def _days(value: float) -> str:
    if pd.isna(value):
        return "-"
    shown = f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    return f"{shown} day" if shown == "1" else f"{shown} days"


def kpis(ctx, findings: pd.DataFrame) -> list[dict]:
    table = _requests(ctx)
    window = table[table["in_window"]]
    total = len(window)
    due = window["answered"] | window["overdue"]
    on_time = int((window["on_time"] & due).sum())
    due_count = int(due.sum())
    rate = on_time / due_count if due_count else None
    days = window.loc[window["answered"] & (window["days"] >= 0), "days"]
    identity = window.loc[window["identity_days"] >= 0, "identity_days"]
    open_ = table[table["open"]]
    overdue = int(open_["overdue"].sum())
    extended = window[window["extended"]]
    not_valid = int((~extended["extension_valid"]).sum())
    p90 = float(np.percentile(days, 90)) if len(days) else float("nan")
    return [
        {
            "key": "dsr_requests",
            "label": "Requests received",
            "value": f"{total:,}",
            "note": f"{_window_text(ctx)}; {len(table):,} in the log",
        },
        {
            "key": "dsr_on_time_rate",
            "label": "Answered on time",
            "value": "-" if rate is None else f"{rate:.1%}",
            "note": f"{on_time:,} of {due_count:,} requests answered or past their deadline",
            "status": None
            if rate is None
            else ("good" if rate == 1 else ("warn" if rate >= 0.95 else "bad")),
        },
        {
            "key": "dsr_days_median",
            "label": "Median time to respond",
            "value": _days(days.median() if len(days) else float("nan")),
            "note": "calendar days from receipt to answer",
        },
        {
            "key": "dsr_days_p90",
            "label": "90th percentile time to respond",
            "value": _days(p90),
            "note": "the legal limit is one month, three when extended",
            "status": None if np.isnan(p90) else ("good" if p90 <= 28 else "warn"),
        },
        {
            "key": "dsr_open",
            "label": "Open requests",
            "value": f"{len(open_):,}",
            "note": f"on {ctx.audit_date.date().isoformat()}, {overdue:,} past their deadline",
        },
        {
            "key": "dsr_open_overdue",
            "label": "Open requests past their deadline",
            "value": f"{overdue:,}",
            "status": "bad" if overdue else "good",
        },
        {
            "key": "dsr_identity_delay_median",
            "label": "Median identity verification delay",
            "value": _days(identity.median() if len(identity) else float("nan")),
            "note": "from receipt to identity verified",
        },
        {
            "key": "dsr_extended",
            "label": "Extended requests",
            "value": f"{len(extended):,}",
            "note": f"{not_valid:,} not notified within the first month",
            "status": "warn" if not_valid else ("good" if len(extended) else None),
        },
        {"key": "dsr_calendar", **calendar_kpi(ctx.params)},
    ]


def calendar_kpi(params) -> dict:
    """Which non-working days moved the deadlines: a country's public holidays, a list, or none."""
    calendar = params.holiday_calendar
    listed = len(params.holidays)
    if calendar is not None:
        where = calendar.country + (f"-{calendar.subdivision}" if calendar.subdivision else "")
        extra = f", and {listed:,} listed date(s)" if listed else ""
        return {
            "label": "Calendar for deadlines",
            "value": f"{where} public holidays",
            "note": f"Saturdays, Sundays and the public holidays of {where} from the holidays "
            f"library{extra}",
        }
    return {
        "label": "Calendar for deadlines",
        "value": f"{listed:,} listed holiday(s)" if listed else "weekends only",
        "note": "Saturdays, Sundays and the dates under holidays: in the parameters file"
        if listed
        else "no holidays: in the parameters file (a list of dates or {country: FR})",
    }


def _months(ctx) -> pd.PeriodIndex:
    end = ctx.audit_date.to_period("M")
    return pd.period_range(end=end, periods=WINDOW_MONTHS, freq="M")


def _month_labels(index: pd.PeriodIndex) -> list[str]:
    return [p.strftime("%Y-%m") for p in index]


def _ordered(columns, order) -> list:
    return sorted(columns, key=lambda c: order.index(c) if c in order else len(order))


def _per_month_chart(ctx, window: pd.DataFrame) -> Chart:
    months = _months(ctx)
    table = pd.crosstab(window["received"].dt.to_period("M"), window["request_type"])
    table = table.reindex(months, fill_value=0)
    table = table[_ordered(table.columns, list(REQUEST_TYPES))]
    table.index = _month_labels(months)
    return Chart(
        "Requests per month by type",
        stacked_bars(table, "requests", rotate=45),
        alt="Stacked bar chart of the requests received each month, by request type",
        caption="Requests received in each of the 12 months to the audit date, by the right "
        "exercised (Art. 15-21, withdrawal of consent Art. 7(3)).",
    )


def _on_time_chart(ctx, table: pd.DataFrame) -> Chart | None:
    audit_date = ctx.audit_date.normalize()
    months = _months(ctx)
    due = table[(table["deadline"] <= audit_date) & (table["answered"] | table["overdue"])]
    month = due["deadline"].dt.to_period("M")
    due = due[month.isin(months)]
    if due.empty:
        return None
    grouped = due.groupby(due["deadline"].dt.to_period("M"))["on_time"]
    rate = (grouped.mean() * 100).reindex(months)
    frame = pd.DataFrame({"answered on time (%)": rate.to_numpy()}, index=_month_labels(months))
    figure = line(frame, "% of requests due", percent=True)
    worst = rate.min()
    return Chart(
        "On-time rate by month the answer was due",
        figure,
        alt="Line chart of the share of requests answered by their deadline, per month of deadline",
        caption="Of the requests whose deadline fell in each month, the share answered on or "
        "before it; a request still open after its deadline counts as late. Lowest month: "
        f"{worst:.1f}%.",
    )


def _days_chart(window: pd.DataFrame) -> Chart | None:
    days = window.loc[window["answered"] & (window["days"] >= 0), "days"]
    if days.empty:
        return None
    top = int(days.max())
    figure = histogram(
        days,
        "calendar days from receipt to answer",
        marker=30,
        marker_label="1 month (~30 days)",
        bins=np.arange(-0.5, top + 1.5, 1 if top <= 120 else max(1, top // 120)),
    )
    if window["extension_valid"].any():
        axis = figure.axes[0]
        axis.axvline(91, color=SEVERITY_COLOURS["medium"], linestyle=":", linewidth=1.5)
        axis.annotate(
            "3 months (extended)",
            (91, 0.88),
            xycoords=("data", "axes fraction"),
            xytext=(4, 0),
            textcoords="offset points",
            color=SEVERITY_COLOURS["medium"],
            fontsize=8,
        )
    return Chart(
        "Days to respond",
        figure,
        alt="Histogram of the calendar days between receipt and answer, with the one-month "
        "deadline marked",
        caption="The deadline is one month from receipt (28 to 31 days, moved to the next working "
        "day when it falls on a weekend or a holiday), three months when an extension was "
        "notified within the first month. Answers right of the one-month line are either extended "
        "or late (DSR-001).",
    )


def _backlog_chart(ctx, table: pd.DataFrame) -> Chart | None:
    open_ = table[table["open"]]
    if open_.empty:
        return None
    audit_date = ctx.audit_date.normalize()
    left = (open_["deadline"] - audit_date).dt.days
    status = np.where(
        open_["overdue"],
        "past the deadline",
        np.where(left <= 7, "due within 7 days", "within the deadline"),
    )
    labels = [f"{low}-{high}" if high is not None else f"{low}+" for low, high in AGE_BUCKETS]
    edges = [low for low, _ in AGE_BUCKETS] + [np.inf]
    bucket = pd.cut(open_["age"], bins=np.array(edges) - 0.5, labels=labels, right=False)
    counts = pd.crosstab(bucket, pd.Series(status, index=open_.index, name="status"))
    counts = counts.reindex(labels, fill_value=0)
    counts = counts[_ordered(counts.columns, list(STATUS_COLOURS))]
    counts.index = [f"{label} days" for label in labels]
    overdue = int(open_["overdue"].sum())
    return Chart(
        "Open requests by age against their deadline",
        stacked_bars(counts, "open requests", colours=STATUS_COLOURS),
        alt="Stacked bar chart of the open requests by days since receipt, coloured by whether "
        "their deadline has passed",
        caption=f"{len(open_):,} requests open on the audit date, by days since receipt; "
        f"{overdue:,} past their deadline (DSR-002). A request older than a month is within "
        "its deadline only when an extension was notified in time.",
    )


def _identity_chart(window: pd.DataFrame) -> Chart | None:
    delay = window.loc[window["identity_days"] >= 0, "identity_days"]
    if delay.empty:
        return None
    top = int(delay.max())
    answered = window[window["answered"] & (window["outcome"] != "withdrawn")]
    missing = int(answered["identity_days"].isna().sum())
    return Chart(
        "Identity verification delay",
        histogram(
            delay,
            "calendar days from receipt to identity verified",
            bins=np.arange(-0.5, top + 1.5, 1 if top <= 60 else max(1, top // 60)),
        ),
        alt="Histogram of the days between receipt and identity verification",
        caption="Time taken to verify the requester's identity. Answered requests (not "
        f"withdrawn) with no verification date: {missing:,}. An answer given before the identity "
        "is verified is a finding (DSR-005).",
    )


def _outcomes_chart(window: pd.DataFrame) -> Chart | None:
    if window.empty:
        return None
    table = pd.crosstab(window["request_type"], window["outcome"])
    table = table.loc[_ordered(table.index, list(REQUEST_TYPES))]
    table = table[_ordered(table.columns, list(OUTCOMES) + ["(open)", "(empty)"])]
    return Chart(
        "Outcomes by request type",
        stacked_bars(table, "requests", colours=OUTCOME_COLOURS, horizontal=True),
        alt="Horizontal stacked bar chart of the outcome of the requests of each type",
        caption="Outcome recorded for the requests received in the 12 months to the audit date. "
        "A refusal needs a recorded reason (DSR-004); a granted rectification, erasure or "
        "restriction needs the recipients notified (Art. 19, DSR-006).",
    )


def charts(ctx, findings: pd.DataFrame) -> list[Chart]:
    table = _requests(ctx)
    window = table[table["in_window"]]
    out = [_per_month_chart(ctx, window)] if len(window) else []
    out += [
        _on_time_chart(ctx, table),
        _days_chart(window),
        _backlog_chart(ctx, table),
        _identity_chart(window),
        _outcomes_chart(window),
    ]
    return [chart for chart in out if chart is not None]


register_audit(
    AuditSpec(
        order=40,
        name="rights",
        title="Data-subject rights (Art. 12, 15-22)",
        description="Checks from the rights-requests log that every request was answered within "
        "the Art. 12(3) deadline (one month from receipt, three when an extension was notified "
        "within the first month, moved past weekends and holidays), that no request is overdue, "
        "and that identity was verified, refusals were reasoned, outcomes recorded and recipients "
        "told of rectifications, erasures and restrictions (Art. 19).",
        registers=(REGISTER,),
        primary=(REGISTER,),
        records=REGISTER,
        kpis=kpis,
        charts=charts,
    )
)
