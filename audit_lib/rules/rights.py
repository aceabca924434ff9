"""DSR: the data-subject rights log (Art. 12, 15-22): deadlines, reasons, identity, Art. 19.

Every rule reads the deadlines of :func:`request_deadlines`, computed once per run (Art. 12(3),
counted per Reg 1182/71 by :func:`audit_lib.periods.dsr_deadlines`) and kept in ``ctx.cache``.
Dates are compared at day precision; a response on the deadline day is on time.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..periods import add_months, calendar_holidays, dsr_deadlines, working_days_holidays
from . import audit_prefix, rule

audit_prefix("DSR", "rights")
REGISTER = "rights_requests"
DATE_COLUMNS = ("received_at", "identity_verified_at", "extension_notified_at", "responded_at")
BOOL_COLUMNS = ("extended", "recipients_notified")
ART19_TYPES = ("rectification", "erasure", "restriction")
GRANTED = ("granted", "partially_granted")
REASON_REQUIRED = ("refused", "partially_granted")
CACHE_KEY = "rights.deadlines"
DAYS_KEY = "rights.days"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["record_key", "message"])


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of the typed register (dates at midnight), or an empty one when it is absent."""
    if name in frame.columns:
        return frame[name].dt.normalize() if name in DATE_COLUMNS else frame[name]
    if name in DATE_COLUMNS:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]", name=name)
    if name in BOOL_COLUMNS:
        return pd.Series(pd.NA, index=frame.index, dtype="boolean", name=name)
    return pd.Series(pd.NA, index=frame.index, dtype="str", name=name)


def day_columns(ctx) -> dict[str, pd.Series]:
    """The register's date columns at midnight (`column`), normalised once per run: the rules,
    KPIs and charts read them many times over.

    Kept in ``ctx.cache`` for this register frame and its length, as `request_deadlines` keys its
    own entry: a typed register is not edited in place (a frame put in its stead, or rows dropped,
    is seen)."""
    frame = ctx.frames[REGISTER]
    cached = ctx.cache.get(DAYS_KEY)
    if cached is not None and cached[0] is frame and cached[1] == len(frame):
        return cached[2]
    days = {name: column(frame, name) for name in DATE_COLUMNS}
    ctx.cache[DAYS_KEY] = (frame, len(frame), days)
    return days


def flag(mask: pd.Series) -> pd.Series:
    """A nullable condition as plain bool: unknown (NA) is False."""
    return mask.astype("boolean").fillna(False).astype(bool)


def _day(series: pd.Series) -> pd.Series:
    return series.dt.strftime("%Y-%m-%d").astype("str")


def request_deadlines(ctx) -> pd.DataFrame:
    """Per request (indexed like the register): ``base_deadline``, ``extension_valid``,
    ``deadline`` as :func:`audit_lib.periods.dsr_deadlines` defines them.

    Computed once per run and shared through ``ctx.cache`` by the rules, KPIs and charts; the
    cache entry is keyed on the register frame and the ``holidays`` parameter.
    """
    frame = ctx.frames[REGISTER]
    stamp = (id(frame), len(frame), tuple(ctx.params.holidays), ctx.params.holiday_calendar)
    cached = ctx.cache.get(CACHE_KEY)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    days = day_columns(ctx)
    holidays = working_days_holidays(calendar_holidays(ctx.params, days["received_at"]))
    result = dsr_deadlines(
        days["received_at"], column(frame, "extended"), days["extension_notified_at"], holidays
    )
    ctx.cache[CACHE_KEY] = (stamp, result)
    return result


def _deadline_basis(frame: pd.DataFrame, deadlines: pd.DataFrame) -> pd.Series:
    """How each flagged row's deadline was counted, e.g. 'received 2026-02-07 + 1 month =
    2026-03-07, moved to the next working day'."""
    received = column(frame, "received_at")
    valid = deadlines["extension_valid"].to_numpy(dtype=bool)
    extended = flag(column(frame, "extended")).to_numpy()
    nominal = deadlines["base_deadline"].where(~valid, add_months(received, 3))
    text = (
        "received "
        + _day(received)
        + pd.Series(np.where(valid, " + 3 months", " + 1 month"), index=frame.index, dtype="str")
    )
    moved = (deadlines["deadline"] != nominal).to_numpy()
    text[moved] = text[moved] + " = " + _day(nominal[moved]) + ", moved to the next working day"
    text[valid] = text[valid] + "; extension notified in time"
    ignored = extended & ~valid
    text[ignored] = text[ignored] + "; the extension does not count, it was not notified in time"
    return text


def _findings(frame: pd.DataFrame, mask: pd.Series, message) -> pd.DataFrame:
    """(record_key, message) of the flagged rows; ``message(rows)`` builds their messages."""
    mask = flag(mask)
    if not mask.any():
        return _empty()
    rows = frame.loc[mask]
    return pd.DataFrame(
        {"record_key": rows["request_id"].astype("str"), "message": message(rows)}
    ).reset_index(drop=True)


def _past_deadline(days: pd.Series, rows: pd.DataFrame, d: pd.DataFrame) -> pd.Series:
    """`N days after the deadline YYYY-MM-DD (how the deadline was computed)`."""
    return (
        days.astype("str")
        + np.where(days == 1, " day", " days")
        + " after the deadline "
        + _day(d["deadline"])
        + " ("
        + _deadline_basis(rows, d)
        + ")"
    )


@rule(
    "DSR-001",
    severity="high",
    reference="Art. 12(3)",
    title="Request answered after the legal deadline",
    remediation="Find out why the answer was late (volume, identity checks, hand-offs between "
    "teams) and fix the process: answer within one month of receipt, or notify a reasoned "
    "extension of two further months before that month runs out.",
    needs=(REGISTER,),
)
def dsr_001_answered_late(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    deadlines = request_deadlines(ctx)
    responded = day_columns(ctx)["responded_at"]
    late = responded > deadlines["deadline"]

    def message(rows: pd.DataFrame) -> pd.Series:
        d = deadlines.loc[rows.index]
        days = (responded[rows.index] - d["deadline"]).dt.days
        return "responded " + _day(responded[rows.index]) + ", " + _past_deadline(days, rows, d)

    return _findings(frame, late, message)


@rule(
    "DSR-002",
    severity="high",
    reference="Art. 12(3), Art. 12(4)",
    title="Open request past its deadline",
    remediation="Answer the request now (or tell the person why no action is taken, with their "
    "right to complain to the supervisory authority), and check the backlog for other requests "
    "close to their deadline.",
    needs=(REGISTER,),
)
def dsr_002_open_overdue(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    deadlines = request_deadlines(ctx)
    open_ = day_columns(ctx)["responded_at"].isna()
    overdue = open_ & (ctx.audit_date.normalize() > deadlines["deadline"])

    def message(rows: pd.DataFrame) -> pd.Series:
        d = deadlines.loc[rows.index]
        days = (ctx.audit_date.normalize() - d["deadline"]).dt.days
        return "still open on the audit date, " + _past_deadline(days, rows, d)

    return _findings(frame, overdue, message)


@rule(
    "DSR-003",
    severity="medium",
    reference="Art. 12(3)",
    title="Extension not notified within the first month",
    remediation="Tell the person of an extension, with its reasons, within one month of receipt "
    "and record the date; an extension notified late (or not at all) does not count and the "
    "one-month deadline applies.",
    needs=(REGISTER,),
)
def dsr_003_extension_not_notified(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    deadlines = request_deadlines(ctx)
    notified = day_columns(ctx)["extension_notified_at"]
    late_notice = notified > deadlines["base_deadline"]
    mask = flag(column(frame, "extended")) & (notified.isna() | flag(late_notice))

    def message(rows: pd.DataFrame) -> pd.Series:
        base = deadlines.loc[rows.index, "base_deadline"]
        when = notified[rows.index]
        text = pd.Series(
            "extended but extension_notified_at is empty (one-month limit " + _day(base) + ")",
            index=rows.index,
            dtype="str",
        )
        has = when.notna()
        days = (when[has] - base[has]).dt.days
        text[has] = (
            "extension notified "
            + _day(when[has])
            + ", "
            + days.astype("str")
            + np.where(days == 1, " day", " days")
            + " after the one-month limit "
            + _day(base[has])
        )
        return text + "; the 1-month deadline applies"

    return _findings(frame, mask, message)


@rule(
    "DSR-004",
    severity="medium",
    reference="Art. 12(4)",
    title="Refusal without a recorded reason",
    remediation="Record the reasons given to the person for refusing (fully or partly) to act, and "
    "check that the answer told them of their right to complain to a supervisory authority and "
    "to seek a judicial remedy.",
    needs=(REGISTER,),
)
def dsr_004_refusal_without_reason(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    outcome = column(frame, "outcome")
    reason = column(frame, "refusal_reason")
    blank = reason.isna() | reason.astype("str").str.strip().eq("")
    mask = outcome.isin(REASON_REQUIRED) & blank
    return _findings(
        frame, mask, lambda rows: "outcome " + outcome[rows.index] + " with refusal_reason empty"
    )


@rule(
    "DSR-005",
    severity="medium",
    reference="Art. 12(6), Art. 5(1)(f)",
    title="Answered without identity verified first",
    remediation="Verify the requester's identity (as the policy requires) before disclosing or "
    "changing any data, and record the verification date; check whether data went to the wrong "
    "person.",
    needs=(REGISTER,),
)
def dsr_005_identity_not_verified(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    responded = day_columns(ctx)["responded_at"]
    verified = day_columns(ctx)["identity_verified_at"]
    not_withdrawn = ~flag(column(frame, "outcome").eq("withdrawn"))
    mask = responded.notna() & not_withdrawn & (verified.isna() | flag(verified > responded))

    def message(rows: pd.DataFrame) -> pd.Series:
        when = verified[rows.index]
        text = pd.Series(
            "responded " + _day(responded[rows.index]) + " with identity_verified_at empty",
            index=rows.index,
            dtype="str",
        )
        has = when.notna()
        text[has] = (
            "identity verified "
            + _day(when[has])
            + ", after the response of "
            + _day(responded[rows.index][has])
        )
        return text

    return _findings(frame, mask, message)


@rule(
    "DSR-006",
    severity="medium",
    reference="Art. 19",
    title="Recipients not notified of a rectification, erasure or restriction",
    remediation="Tell each recipient to whom the data were disclosed about the rectification, "
    "erasure or restriction (unless impossible or disproportionate, which must be documented) "
    "and record it.",
    needs=(REGISTER,),
)
def dsr_006_recipients_not_notified(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    notified = column(frame, "recipients_notified")
    mask = (
        frame["request_type"].isin(ART19_TYPES)
        & column(frame, "outcome").isin(GRANTED)
        & ~flag(notified)
    )

    def message(rows: pd.DataFrame) -> pd.Series:
        value = notified[rows.index]
        shown = np.where(value.isna(), "empty", np.where(flag(value), "yes", "no"))
        return (
            rows["request_type"].astype("str")
            + " "
            + rows["outcome"].astype("str")
            + (" with recipients_notified " + pd.Series(shown, index=rows.index, dtype="str"))
        )

    return _findings(frame, mask, message)


@rule(
    "DSR-007",
    severity="low",
    reference="Art. 12(3), Art. 5(2)",
    title="Answered request without an outcome",
    remediation="Record the outcome (granted, partially granted, refused, withdrawn): without it "
    "the log cannot show what was done for the person.",
    needs=(REGISTER,),
)
def dsr_007_outcome_missing(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    responded = day_columns(ctx)["responded_at"]
    mask = responded.notna() & column(frame, "outcome").isna()
    return _findings(
        frame, mask, lambda rows: "responded " + _day(responded[rows.index]) + " with outcome empty"
    )


@rule(
    "DSR-008",
    severity="low",
    reference="Art. 5(2)",
    title="Dates out of order in the log",
    remediation="Correct the dates from the case file: a log whose dates precede the receipt or "
    "lie in the future cannot prove that the deadline was met.",
    needs=(REGISTER,),
)
def dsr_008_dates_out_of_order(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    audit_date = ctx.audit_date.normalize()
    dates = day_columns(ctx)
    received = dates["received_at"]
    before = {name: flag(dates[name] < received) for name in DATE_COLUMNS[1:]}
    after = {name: flag(dates[name] > audit_date) for name in DATE_COLUMNS}
    flagged = np.logical_or.reduce([m.to_numpy() for m in [*before.values(), *after.values()]])
    if not flagged.any():
        return _empty()
    # the messages are built for the flagged rows only (a few among many)
    rows = frame.index[flagged]
    problems = pd.Series("", index=rows, dtype="str")
    for name, mask in before.items():
        hit = mask[rows]
        problems[hit] += (
            "; "
            + name
            + " "
            + _day(dates[name][rows][hit])
            + " before received_at "
            + _day(received[rows][hit])
        )
    for name, mask in after.items():
        hit = mask[rows]
        problems[hit] += "; " + name + " " + _day(dates[name][rows][hit]) + " after the audit date"
    mask = pd.Series(flagged, index=frame.index)
    return _findings(frame, mask, lambda found: problems[found.index].str[2:])
