"""BRE: the personal-data breach register (Art. 33, 34).

Every breach is a documented event (Art. 33(5)); a breach likely to result in a risk is notified to
the supervisory authority within 72 hours of the controller becoming aware of it (Art. 33(1)), a
late notification comes with the reasons for the delay, and a high risk is communicated to the
people concerned unless an Art. 34(3) exemption applies.

Datetimes are typed by the `datetime_utc` kind (`audit_lib.schemas.parse_utc_datetimes`): values
with a UTC offset are converted to UTC, values without one are taken as written, and each value
says whether it gave a time of day. The 72 hours (rules.md, BRE):

- both `became_aware_at` and `authority_notified_at` have a time of day: on time when
  `authority_notified_at <= became_aware_at + 72 h` (exactly 72 h is on time);
- either has no time of day: calendar dates, on time when the notification date <= the
  awareness date + 3 days;
- as of the end of `audit_date`: the 72 hours have run out when `became_aware_at + 72 h` is
  before `audit_date + 1 day` (date-only: awareness date + 3 days <= `audit_date`).

Decisions where the spec leaves a choice:

- BRE-002 judges every notification made, whatever the risk level: a notification the
  organisation decided to make is judged by the same clock.
- BRE-003 has no grace period: a high-risk breach with neither a communication to the data
  subjects nor an exemption is reported even when it was discovered on the audit date (Art. 34(1)
  says "without undue delay", and the register should record the decision either way).
- BRE-005's threshold is in hours (*48*); when either processor value has no time of day, the
  calendar dates are compared with the threshold rounded up to whole days (48 h -> 2 days: the
  processor is late when it notified 3 or more days after the day it became aware).
- BRE-006 compares the identifier exactly (after the blanks around it are trimmed).
- BRE-008: "before audit_date - 90 days" is strict: a breach the controller became aware of
  exactly 90 days before the audit date is not yet reported.
- BRE-009 checks the orders rules.md lists (awareness after detection; notification and
  communication after awareness; closure after detection) and every date of the row against the
  audit date; processor dates are checked against the audit date only (a processor notifying
  before it became aware is a data-entry error that BRE-005 cannot judge, left to the auditor).
- Dates compared with the audit date are calendar dates of the value as typed (UTC where an
  offset was given).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..schemas import time_given_column
from . import audit_prefix, rule

audit_prefix("BRE", "breaches")
REGISTER = "breaches"
#: datetime columns (kind `datetime_utc`), in the order of the register
MOMENTS = (
    "detected_at",
    "became_aware_at",
    "processor_aware_at",
    "processor_notified_at",
    "authority_notified_at",
    "subjects_informed_at",
    "public_communication_at",
)
DATES = ("closed_at",)
#: Art. 33(5) documentation: the columns BRE-004 requires filled
DOCUMENTATION = (
    "description",
    "nature",
    "data_categories",
    "risk_level",
    "consequences",
    "remedial_measures",
)
NOTIFIABLE = ("risk", "high")
HOURS_72 = pd.Timedelta(hours=72)
DAY = pd.Timedelta(days=1)
CACHE_KEY = "breaches.clock"


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=["record_key", "message"])


def column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column of the typed register, or an empty one of the right type when it is absent."""
    if name in frame.columns:
        return frame[name]
    if name in MOMENTS or name in DATES:
        return pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us]", name=name)
    if name == "special_categories_involved":
        return pd.Series(pd.NA, index=frame.index, dtype="boolean", name=name)
    if name in ("subjects_affected", "records_affected"):
        return pd.Series(pd.NA, index=frame.index, dtype="Int64", name=name)
    return pd.Series(None, index=frame.index, dtype="object", name=name)


def moment(frame: pd.DataFrame, name: str) -> tuple[pd.Series, pd.Series]:
    """(the value, whether it has a time of day) of a datetime or date column.

    A `datetime_utc` column carries its companion column (`time_given_column`); a frame typed
    otherwise (timestamps given as such) counts every value as having a time; a date column
    (`closed_at`) never has one.
    """
    value = column(frame, name).astype("datetime64[us]")
    companion = time_given_column(name)
    if companion in frame.columns:
        timed = frame[companion].astype("boolean").fillna(False).astype(bool)
    elif name in DATES:
        timed = pd.Series(False, index=frame.index)
    else:
        timed = value.notna()
    return value, timed & value.notna()


def flag(mask: pd.Series) -> pd.Series:
    """A nullable condition as plain bool: unknown (NA) is False."""
    return mask.astype("boolean").fillna(False).astype(bool)


def before(a: pd.Series, a_timed: pd.Series, b: pd.Series, b_timed: pd.Series) -> pd.Series:
    """`a` strictly before `b`; where either has no time of day, their calendar dates are
    compared (the same day is in order). False where either is empty."""
    exact = a_timed & b_timed
    strictly = flag(a < b)
    by_date = flag(a.dt.normalize() < b.dt.normalize())
    return pd.Series(np.where(exact, strictly, by_date), index=a.index) & a.notna() & b.notna()


def shown(value: pd.Series, timed: pd.Series) -> pd.Series:
    """`2026-07-01 10:00` (seconds when there are any), `2026-07-01` for a date-only value."""
    text = value.dt.strftime("%Y-%m-%d").astype("str")
    seconds = flag(value.dt.second.ne(0) | value.dt.microsecond.ne(0))
    text[timed] = value[timed].dt.strftime("%Y-%m-%d %H:%M").astype("str")
    exact = timed & seconds
    text[exact] = value[exact].dt.strftime("%Y-%m-%d %H:%M:%S").astype("str")
    return text.fillna("")


def duration_text(delta: pd.Series) -> pd.Series:
    """`72 h`, `72 h 01 min`, `3 h 00 min 30 s`, `647 h (over 26 days)`: a duration as hours and
    minutes (and whole days from 96 hours)."""
    seconds = (delta / pd.Timedelta(seconds=1)).fillna(0).round().astype("int64")
    sign = pd.Series(np.where(seconds < 0, "-", ""), index=delta.index, dtype="str")
    seconds = seconds.abs()
    hours, rest = seconds // 3600, seconds % 3600
    minutes, secs = rest // 60, rest % 60
    text = sign + hours.astype("str") + " h"
    with_minutes = (minutes > 0) | (secs > 0)
    text[with_minutes] = (
        text[with_minutes] + " " + minutes[with_minutes].astype("str").str.zfill(2) + " min"
    )
    text[secs > 0] = text[secs > 0] + " " + secs[secs > 0].astype("str").str.zfill(2) + " s"
    long = hours >= 96
    text[long] = text[long] + " (over " + (hours[long] // 24).astype("str") + " days)"
    return text


def notification_clock(ctx) -> pd.DataFrame:
    """Per breach (indexed like the register) the Art. 33(1) clock as rules.md defines it:
    ``aware``, ``aware_timed``, ``notified``, ``notified_timed``, ``exact`` (both have a time of
    day), ``deadline`` (awareness + 72 h, or the awareness date + 3 days when date-only),
    ``on_time``, ``late``, ``run_out`` (the 72 hours have run out at the end of the audit date),
    ``delay`` (notification - awareness, exact pairs only) and ``days`` (calendar days between
    the two dates).

    Computed once per run and shared through ``ctx.cache`` by the rules, KPIs and charts.
    """
    frame = ctx.frames[REGISTER]
    cached = ctx.cache.get(CACHE_KEY)
    if cached is not None and cached[0] is frame and cached[1] == (len(frame), ctx.audit_date):
        return cached[2]
    aware, aware_timed = moment(frame, "became_aware_at")
    notified, notified_timed = moment(frame, "authority_notified_at")
    exact = aware_timed & notified_timed
    aware_day, notified_day = aware.dt.normalize(), notified.dt.normalize()
    deadline = (aware + HOURS_72).where(aware_timed, aware_day + 3 * DAY)
    end_of_audit_date = ctx.audit_date.normalize() + DAY
    on_time = pd.Series(
        np.where(
            exact, flag(notified <= aware + HOURS_72), flag(notified_day <= aware_day + 3 * DAY)
        ),
        index=frame.index,
    )
    both = aware.notna() & notified.notna()
    run_out = (
        pd.Series(
            np.where(
                aware_timed,
                flag(aware + HOURS_72 < end_of_audit_date),
                flag(aware_day + 3 * DAY <= ctx.audit_date.normalize()),
            ),
            index=frame.index,
        )
        & aware.notna()
    )
    clock = pd.DataFrame(
        {
            "aware": aware,
            "aware_timed": aware_timed,
            "notified": notified,
            "notified_timed": notified_timed,
            "exact": exact,
            "deadline": deadline,
            "on_time": on_time & both,
            "late": ~on_time & both,
            "run_out": run_out,
            "delay": (notified - aware).where(exact & both),
            "days": ((notified_day - aware_day) / DAY).where(both),
        },
        index=frame.index,
    )
    # kept for this frame object (a frame put in its stead, or rows dropped, is computed anew)
    ctx.cache[CACHE_KEY] = (frame, (len(frame), ctx.audit_date), clock)
    return clock


def _findings(frame: pd.DataFrame, mask: pd.Series, message: pd.Series | str) -> pd.DataFrame:
    """(record_key, message[, severity]) of the flagged rows."""
    mask = flag(mask)
    if not mask.any():
        return _empty()
    text = message[mask] if isinstance(message, pd.Series) else message
    return pd.DataFrame(
        {"record_key": frame.loc[mask, "breach_id"].astype("str"), "message": text}
    ).reset_index(drop=True)


def _risk(frame: pd.DataFrame) -> pd.Series:
    return column(frame, "risk_level").astype("str")


@rule(
    "BRE-001",
    severity="high",
    reference="Art. 33(1)",
    title="Breach not notified to the supervisory authority within 72 hours",
    remediation="Notify the supervisory authority now, with the reasons for the delay (Art. 33(1)); "
    "the information may be given in phases (Art. 33(4)). If the breach is in fact unlikely to "
    "result in a risk, record that assessment and its reasons in the register instead.",
    needs=(REGISTER,),
)
def bre_001_not_notified(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    clock = notification_clock(ctx)
    risk = _risk(frame)
    mask = flag(risk.isin(NOTIFIABLE)) & clock["notified"].isna() & clock["run_out"]
    if not mask.any():
        return _empty()
    aware = shown(clock["aware"], clock["aware_timed"])
    deadline = shown(clock["deadline"], clock["aware_timed"])
    ran_out = pd.Series(
        np.where(
            clock["aware_timed"],
            ", the 72 hours ran out " + deadline,
            ", the 72 hours ran out at the end of "
            + deadline
            + " (no time of day: the awareness date + 3 days)",
        ),
        index=frame.index,
        dtype="str",
    )
    message = (
        "risk_level "
        + risk
        + ": not notified to the supervisory authority; became aware "
        + aware
        + ran_out
    )
    return _findings(frame, mask, message)


@rule(
    "BRE-002",
    severity="graded",
    severity_note="high / low: high when no reasons for the delay are recorded",
    reference="Art. 33(1)",
    title="Breach notified after 72 hours",
    remediation="Record the reasons for the delay with the notification (Art. 33(1)); find out "
    "why the 72 hours were missed (escalation from the teams, the processor, the assessment) and "
    "fix the breach procedure.",
    needs=(REGISTER,),
)
def bre_002_notified_late(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    clock = notification_clock(ctx)
    mask = clock["late"]
    if not mask.any():
        return _empty()
    reason = column(frame, "delay_reason")
    no_reason = reason.isna()
    notified = shown(clock["notified"], clock["notified_timed"])
    aware = shown(clock["aware"], clock["aware_timed"])
    days = clock["days"].fillna(0).astype("int64").astype("str")
    timing = pd.Series(
        np.where(
            clock["exact"],
            ", "
            + duration_text(clock["delay"])
            + " after becoming aware on "
            + aware
            + " (limit 72 hours)",
            ", "
            + days
            + " days after becoming aware on "
            + aware
            + " (a time of day is missing: dates compared, limit 3 days)",
        ),
        index=frame.index,
        dtype="str",
    )
    reasons = pd.Series(
        np.where(no_reason, "no reasons for the delay recorded", "reasons for the delay recorded"),
        index=frame.index,
        dtype="str",
    )
    message = "notified " + notified + timing + "; " + reasons
    found = _findings(frame, mask, message)
    found["severity"] = np.where(no_reason[flag(mask)].to_numpy(), "high", "low")
    return found


@rule(
    "BRE-003",
    severity="high",
    reference="Art. 34(1), 34(3)",
    title="High-risk breach not communicated to the data subjects",
    remediation="Communicate the breach to the people concerned without undue delay, in clear and "
    "plain language (Art. 34(2)), or record which Art. 34(3) exemption applies and why; with "
    "'disproportionate effort', make and record a public communication instead.",
    needs=(REGISTER,),
)
def bre_003_subjects_not_informed(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    informed = column(frame, "subjects_informed_at").isna()
    exemption = column(frame, "art34_exemption").astype("str")
    public = column(frame, "public_communication_at").isna()
    not_told = flag(_risk(frame).eq("high")) & informed & exemption.isna()
    no_public = flag(exemption.eq("disproportionate_effort")) & public
    message = pd.Series(
        np.where(
            not_told,
            "risk_level high: data subjects not informed (subjects_informed_at empty) and no "
            "Art. 34(3) exemption recorded",
            "art34_exemption disproportionate_effort without a public communication "
            "(public_communication_at empty)",
        ),
        index=frame.index,
        dtype="str",
    )
    return _findings(frame, not_told | no_public, message)


@rule(
    "BRE-004",
    severity="medium",
    reference="Art. 33(5)",
    title="Breach documentation incomplete",
    remediation="Complete the record: the facts (description, nature, categories of data), the "
    "risk assessment, the likely consequences and the remedial measures must be documented for "
    "every breach, notified or not (Art. 33(5)).",
    needs=(REGISTER,),
)
def bre_004_documentation(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    listed = pd.Series("", index=frame.index, dtype="str")
    for name in DOCUMENTATION:  # a loop over six columns, each judged for every row at once
        empty = column(frame, name).isna().to_numpy()
        listed = listed.where(~empty, listed + ", " + name)
    mask = listed.ne("")
    return _findings(frame, mask, "Empty Art. 33(5) documentation fields: " + listed.str.slice(2))


@rule(
    "BRE-005",
    severity="medium",
    reference="Art. 33(2)",
    title="Processor notified the controller late",
    remediation="Ask the processor why it did not notify without undue delay, and check that its "
    "contract sets a notification deadline (Art. 28(3)(f), Art. 33(2)) and that it is kept.",
    needs=(REGISTER,),
    thresholds={"hours": 48},
)
def bre_005_processor_late(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    hours = float(ctx.threshold("BRE-005", "hours"))
    days = math.ceil(hours / 24)
    aware, aware_timed = moment(frame, "processor_aware_at")
    notified, notified_timed = moment(frame, "processor_notified_at")
    exact = aware_timed & notified_timed
    delay = notified - aware
    day_gap = (notified.dt.normalize() - aware.dt.normalize()) / DAY
    late = pd.Series(
        np.where(exact, flag(delay > pd.Timedelta(hours=hours)), flag(day_gap > days)),
        index=frame.index,
    )
    mask = late & aware.notna() & notified.notna()
    if not mask.any():
        return _empty()
    limit = f"{hours:g} hours"
    message = pd.Series(
        np.where(
            exact,
            "processor notified the controller "
            + duration_text(delay)
            + f" after becoming aware (limit {limit})",
            "processor notified the controller "
            + day_gap.fillna(0).astype("int64").astype("str")
            + f" days after the day it became aware (limit {limit}, {days} days when a time of "
            "day is missing)",
        ),
        index=frame.index,
        dtype="str",
    )
    return _findings(frame, mask, message)


@rule(
    "BRE-006",
    severity="low",
    reference="Art. 28(1), Art. 33(2)",
    title="Breach at a processor not in the processors register",
    remediation="Add the processor to the processors register with its Art. 28 contract, or "
    "correct the processor_id of the breach.",
    needs=(REGISTER, "processors"),
)
def bre_006_unknown_processor(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    processor = column(frame, "processor_id").astype("str")
    known = column(ctx.frames["processors"], "processor_id").dropna().astype("str").unique()
    mask = processor.notna() & ~processor.isin(known)
    return _findings(
        frame, mask, "processor_id '" + processor + "' is not in the processors register"
    )


@rule(
    "BRE-007",
    severity="medium",
    reference="Art. 33(1), Art. 9(1)",
    title="Special-category data breach assessed as no risk",
    remediation="Review the risk assessment: a breach of special-category (Art. 9) or criminal "
    "(Art. 10) data is rarely unlikely to result in a risk; record the reasons if the assessment "
    "stands, or notify.",
    needs=(REGISTER,),
)
def bre_007_special_no_risk(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    special = flag(column(frame, "special_categories_involved").astype("boolean"))
    mask = flag(_risk(frame).eq("none")) & special
    return _findings(
        frame, mask, "risk_level none while special_categories_involved is yes: to be reviewed"
    )


@rule(
    "BRE-008",
    severity="low",
    reference="Art. 33(5), Art. 5(2)",
    title="Breach still open",
    remediation="Close the breach in the register once the remedial measures are done, or record "
    "what is still outstanding and who owns it.",
    needs=(REGISTER,),
    thresholds={"days": 90},
)
def bre_008_still_open(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    days = int(ctx.threshold("BRE-008", "days"))
    audit_day = ctx.audit_date.normalize()
    aware_day = column(frame, "became_aware_at").astype("datetime64[us]").dt.normalize()
    mask = column(frame, "closed_at").isna() & flag(aware_day < audit_day - pd.Timedelta(days=days))
    if not mask.any():
        return _empty()
    age = ((audit_day - aware_day) / DAY).fillna(0).astype("int64").astype("str")
    message = (
        "still open "
        + age
        + " days after the day of awareness ("
        + aware_day.dt.strftime("%Y-%m-%d").astype("str")
        + f"); closed_at empty (threshold {days} days)"
    )
    return _findings(frame, mask, message)


@rule(
    "BRE-009",
    severity="low",
    reference="Art. 33(5), Art. 5(1)(d)",
    title="Breach dates out of order",
    remediation="Correct the dates in the register: the record must show when the incident was "
    "detected, when the controller became aware, and when the authority and the people "
    "concerned were told.",
    needs=(REGISTER,),
)
def bre_009_dates_out_of_order(ctx) -> pd.DataFrame:
    frame = ctx.frames[REGISTER]
    values = {name: moment(frame, name) for name in MOMENTS + DATES}
    problems = pd.Series("", index=frame.index, dtype="str")

    def add(mask: pd.Series, text: pd.Series) -> None:
        nonlocal problems
        mask = flag(mask).to_numpy()
        problems = problems.where(~mask, problems + "; " + text)

    for later, earlier in (
        ("became_aware_at", "detected_at"),
        ("authority_notified_at", "became_aware_at"),
        ("subjects_informed_at", "became_aware_at"),
        ("closed_at", "detected_at"),
    ):
        (a, a_timed), (b, b_timed) = values[later], values[earlier]
        add(
            before(a, a_timed, b, b_timed),
            later + " " + shown(a, a_timed) + " before " + earlier + " " + shown(b, b_timed),
        )
    audit_day = ctx.audit_date.normalize()
    for name in MOMENTS + DATES:
        value, timed = values[name]
        add(
            value.dt.normalize() > audit_day,
            name + " " + shown(value, timed) + " after the audit date",
        )
    mask = problems.ne("")
    return _findings(frame, mask, problems.str.slice(2))
