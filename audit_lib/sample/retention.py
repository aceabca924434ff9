"""Sample retention schedule and data inventory, with planted violations of every RET rule.

The schedule is the organisation's policy (`org.RETENTION_RULES`) with two broken durations
(RET-008) and one rule that no processing activity references (RET-009). The inventory is generated
column-wise with numpy (2M records in a few seconds): each record gets a schedule rule, a trigger
date drawn so that its limit (trigger + duration) falls in the window of its group, and the other
dates filled consistently around it (collected <= other dates <= audit date). Clean records are held
with a limit more than 90 days after the audit date (so RET-006 stays quiet too), deleted on time,
or on legal hold with a reference. The planted records follow: batches of overdue, soon-due and
late-deleted records (for the charts) and the boundary cases of rules.md, each listed in `expected`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from dateutil.relativedelta import relativedelta

from ..periods import add_duration, parse_iso_durations
from .org import (
    CHUNK_ROWS,
    RETENTION_RULES,
    SIZES,
    Chunked,
    Organisation,
    subject_refs,
    subject_text,
)

#: scales whose inventory is generated and written chunk by chunk
CHUNKED_SCALES = ("xlarge",)

AUDIT = "retention"
#: planted schedule problems: RET-008 (durations as typed by someone in a hurry) and RET-009
BROKEN_DURATIONS = {"RET-NEW": "3 years", "RET-PAY": "P0D"}
UNREFERENCED_RULE = (
    "RET-LOY",
    "loyalty_card",
    "last_contact",
    "P2Y",
    "delete",
    "Loyalty programme terms",
    ("CRM", "Webshop"),
)
#: relative share of each data category in the inventory
WEIGHTS = {
    "web_form_contact": 7,
    "customer_account": 14,
    "invoice": 16,
    "prospect": 8,
    "newsletter_subscriber": 6,
    "support_ticket": 9,
    "employee_file": 3,
    "payslip": 6,
    "candidate": 4,
    "badge_event": 12,
    "access_log_entry": 12,
    "loyalty_card": 3,
}
COLUMNS = [
    "record_id",
    "system",
    "data_category",
    "subject_ref",
    "collected_at",
    "last_contact_at",
    "contract_end_at",
    "employment_end_at",
    "account_closed_at",
    "legal_hold",
    "legal_hold_reference",
    "deleted_at",
]
DATE_COLUMNS = COLUMNS[4:9] + ["deleted_at"]
# clean groups and planted batches; limit windows in days relative to the audit date
HELD, DELETED, ON_HOLD, DUE, LATE, OVERDUE_LOW, OVERDUE_MEDIUM, OVERDUE_HIGH = range(8)
WINDOWS = {
    HELD: (91, 365 * 20),
    DELETED: (-730, -1),
    ON_HOLD: (-1500, 1500),
    DUE: (1, 90),
    LATE: (-1000, -31),
    OVERDUE_LOW: (-90, -1),
    OVERDUE_MEDIUM: (-365, -91),
    OVERDUE_HIGH: (-1800, -366),
}
OVERDUE = (OVERDUE_LOW, OVERDUE_MEDIUM, OVERDUE_HIGH)
# days before the trigger date when the record was collected (min, max), per trigger
COLLECTED_BEFORE = {
    "collected": (0, 0),
    "last_contact": (0, 3 * 365),
    "contract_end": (90, 8 * 365),
    "employment_end": (180, 15 * 365),
    "account_closed": (30, 3 * 365),
}
DAY = np.timedelta64(1, "D")


def _schedule() -> tuple[list[tuple], pd.DataFrame]:
    """The rules used to generate records (true durations) and the schedule as exported (planted)."""
    rules = [*RETENTION_RULES, UNREFERENCED_RULE]
    schedule = pd.DataFrame(
        [
            {
                "rule_id": r,
                "data_category": c,
                "trigger": t,
                "duration": BROKEN_DURATIONS.get(r, d),
                "action": a,
                "legal_reference": ref,
            }
            for r, c, t, d, a, ref, _ in rules
        ]
    )
    return rules, schedule


def _add(days: np.ndarray, years: np.ndarray, months: np.ndarray, extra: np.ndarray) -> np.ndarray:
    """datetime64[D] + a duration per element, with the audit's own calendar arithmetic."""
    series = pd.Series(days.astype("datetime64[us]"))
    index = series.index
    result = add_duration(
        series,
        pd.Series(years, index=index),
        pd.Series(months, index=index),
        pd.Series(extra, index=index),
    )
    return result.to_numpy().astype("datetime64[D]")


def _bound(target: np.datetime64, duration: tuple[int, int, int], earliest: bool) -> np.datetime64:
    """The earliest trigger date whose limit is >= target, or the latest whose limit is <= target.

    Scalar arithmetic with the same semantics as `periods.add_duration` (months clamped to the
    month's end, then days); `_generate` re-checks every limit with `add_duration` itself.
    """
    years, months, days = (int(part) for part in duration)
    goal = pd.Timestamp(target).date()

    def limit(day: dt.date) -> dt.date:
        return day + relativedelta(months=12 * years + months) + dt.timedelta(days=days)

    day = goal - relativedelta(months=12 * years + months) - dt.timedelta(days=days)
    one = dt.timedelta(days=1)
    if earliest:
        while limit(day) < goal:
            day += one
        while limit(day - one) >= goal:
            day -= one
    else:
        while limit(day) > goal:
            day -= one
        while limit(day + one) <= goal:
            day += one
    return np.datetime64(day, "D")


def _text(codes: np.ndarray, table, planted: list[str]) -> pd.Series:
    """A text column from codes into a small table of values (fast at 2M rows), planted rows appended."""
    dictionary = pa.array(np.asarray(table, dtype=object), type=pa.string())
    values = pa.DictionaryArray.from_arrays(
        pa.array(codes, type=pa.int32()), dictionary
    ).dictionary_decode()
    return pd.Series(
        pd.array(pa.concat_arrays([values, pa.array(planted, type=pa.string())]), dtype="str")
    )


def _date_text(days: np.ndarray, planted: list) -> pd.Series:
    """datetime64[D] values as ISO text ('' for NaT), planted values (dates or None) appended."""
    valid = ~np.isnat(days)
    ints = days.view("int64")
    low = int(ints[valid].min()) if valid.any() else 0
    high = int(ints[valid].max()) if valid.any() else 0
    table = list(
        np.datetime_as_string(np.arange(low, high + 1).astype("datetime64[D]"), unit="D")
    ) + [""]
    codes = np.where(valid, ints - low, high - low + 1)
    shown = [
        "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()
        for value in planted
    ]
    return _text(codes, table, shown)


def _between(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """A uniform integer in [low, high] per element (int64 arrays)."""
    return low + np.floor(rng.random(low.shape) * (high - low + 1)).astype("int64")


def _generate(
    org: Organisation,
    rng: np.random.Generator,
    rules: list[tuple],
    groups: np.ndarray,
    rule_of: np.ndarray,
) -> dict:
    """Dates of records of the given groups and rules (indexes into `rules`), column-wise."""
    audit = np.datetime64(org.audit_date.date(), "D")
    n = len(groups)
    parsed = parse_iso_durations(pd.Series([r[3] for r in rules]))
    durations = list(zip(parsed["years"], parsed["months"], parsed["days"], strict=True))
    # trigger windows per (rule, group): every trigger date in it gives a limit in the group's window
    low = np.zeros((len(rules), len(WINDOWS)), dtype="int64")
    high = np.zeros_like(low)
    for r, duration in enumerate(durations):
        for g, (first, last) in WINDOWS.items():
            low[r, g] = _bound(audit + first * DAY, duration, earliest=True).astype("int64")
            high[r, g] = min(_bound(audit + last * DAY, duration, earliest=False), audit).astype(
                "int64"
            )
    # a clean held record needs a limit more than 90 days ahead: with a short duration (P3M) the
    # trigger window is a few days at most, so such records are deleted on time instead
    width = high[rule_of, groups] - low[rule_of, groups]
    narrow = (width < 0) | ((groups == HELD) & (width < 30))
    groups = np.where(narrow, DELETED, groups)
    trigger_at = _between(rng, low[rule_of, groups], high[rule_of, groups]).astype("datetime64[D]")
    years = parsed["years"].to_numpy(dtype="int64")[rule_of]
    months = parsed["months"].to_numpy(dtype="int64")[rule_of]
    days = parsed["days"].to_numpy(dtype="int64")[rule_of]
    limit = _add(trigger_at, years, months, days)
    window = np.array([WINDOWS[g] for g in range(len(WINDOWS))])[groups]
    ahead = (limit - audit).astype("int64")
    if not ((window[:, 0] <= ahead) & (ahead <= window[:, 1])).all():
        raise AssertionError("a generated limit falls outside its group's window")

    trigger = np.array([r[2] for r in rules])[rule_of]
    before_low = np.array([COLLECTED_BEFORE[r[2]][0] for r in rules])[rule_of]
    before_high = np.array([COLLECTED_BEFORE[r[2]][1] for r in rules])[rule_of]
    collected = trigger_at - _between(rng, before_low, before_high) * DAY
    span = (trigger_at - collected).astype("int64")
    between = collected + _between(rng, np.zeros(n, dtype="int64"), span) * DAY
    nat = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    dates = {
        "collected_at": collected,
        "last_contact_at": np.where(
            trigger == "last_contact",
            trigger_at,
            np.where(np.isin(trigger, ["contract_end", "account_closed"]), between, nat),
        ),
        "contract_end_at": np.where(trigger == "contract_end", trigger_at, nat),
        "employment_end_at": np.where(trigger == "employment_end", trigger_at, nat),
        "account_closed_at": np.where(trigger == "account_closed", trigger_at, nat),
    }
    # deletions: clean ones from 90 days before to 30 days after the limit; late ones 31+ days after
    offset = _between(rng, np.full(n, -90), np.full(n, 30))
    late_room = np.clip((audit - limit).astype("int64"), 31, 400)
    offset = np.where(groups == LATE, _between(rng, np.full(n, 31), late_room), offset)
    deleted = np.minimum(np.maximum(limit + offset * DAY, trigger_at), audit)
    dates["deleted_at"] = np.where(np.isin(groups, [DELETED, LATE]), deleted, nat)
    return {"dates": dates, "limit": limit, "groups": groups, "trigger_at": trigger_at}


def _trigger_for(limit: pd.Timestamp, duration: str) -> pd.Timestamp:
    """The trigger date whose limit is exactly `limit` (the latest one, e.g. a leap day)."""
    parsed = parse_iso_durations(pd.Series([duration])).iloc[0]
    parts = (int(parsed["years"]), int(parsed["months"]), int(parsed["days"]))
    target = np.datetime64(limit.date(), "D")
    day = _bound(target, parts, earliest=False)
    one = _add(np.array([day]), np.array([parts[0]]), np.array([parts[1]]), np.array([parts[2]]))[0]
    if one != target:
        raise ValueError(f"no trigger date gives the limit {limit.date()} with {duration}")
    return pd.Timestamp(day)


def _limit(start: pd.Timestamp, duration: str) -> pd.Timestamp:
    """start + duration, as the audit computes it."""
    parsed = parse_iso_durations(pd.Series([duration])).iloc[0]
    parts = [np.array([int(parsed[name])]) for name in ("years", "months", "days")]
    return pd.Timestamp(_add(np.array([np.datetime64(start.date(), "D")]), *parts)[0])


def _leap_day_on_or_before(date: pd.Timestamp) -> pd.Timestamp:
    year = date.year
    while not (calendar.isleap(year) and pd.Timestamp(year, 2, 29) <= date):
        year -= 1
    return pd.Timestamp(year, 2, 29)


def _past(audit: pd.Timestamp, limit: pd.Timestamp) -> str:
    """`214 days past the limit 2026-02-28 (medium)`: RET-001's grading, for the notes."""
    days = (audit - limit).days
    grade = "high" if days > 365 else ("medium" if days > 90 else "low")
    return f"{days} day{'' if days == 1 else 's'} past the limit {limit.date()} ({grade})"


def _planted(org: Organisation, rules: list[tuple]) -> list[tuple[str | None, str, dict]]:
    """The boundary cases of rules.md: (rule id or None for a compliant boundary, note, row).

    Every date is relative to the audit date, so that each period's sample finds exactly these.
    """
    audit = org.audit_date
    by_category = {r[1]: r for r in rules}
    day = pd.Timedelta(days=1)

    def row(
        category: str,
        limit: pd.Timestamp | None = None,
        trigger: pd.Timestamp | None = None,
        **changes,
    ) -> dict:
        rule = by_category.get(category, by_category["customer_account"])
        trigger_name = rule[2]
        start = trigger if trigger is not None else _trigger_for(limit, rule[3])
        collected = start - pd.Timedelta(days=COLLECTED_BEFORE[trigger_name][1] // 4)
        values = {
            "system": rule[6][0],
            "data_category": category,
            "collected_at": collected,
            f"{trigger_name}_at": start,
            "legal_hold": "no",
        }
        if trigger_name in ("contract_end", "account_closed"):
            values["last_contact_at"] = collected + (start - collected) / 2
        values.update(changes)
        return values

    def leap(years: int, before: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp, str]:
        start = _leap_day_on_or_before(before)
        limit = _limit(start, f"P{years}Y")
        return start, limit, f"leap day {start.date()} + P{years}Y = {limit.date()}"

    leap1, leap1_limit, leap1_text = leap(1, audit - pd.DateOffset(years=1) - day)
    leap2, leap2_limit, leap2_text = leap(2, audit - pd.DateOffset(years=2) - day)
    leap10, _, leap10_text = leap(10, audit)
    # a month end whose limit is clamped (08-31 + P3M = 11-30) within the next 90 days, if any
    month_ends = pd.date_range(audit - 95 * day, audit, freq="ME")
    clamped = [
        (end, _limit(end, "P3M"))
        for end in month_ends
        if _limit(end, "P3M").day < end.day and audit < _limit(end, "P3M") <= audit + 90 * day
    ]
    badge, badge_limit = (
        clamped[-1] if clamped else (audit - 45 * day, _limit(audit - 45 * day, "P3M"))
    )
    hold_reference = (
        "" if org.previous else "LIT-2024-007"
    )  # the reference came in the next quarter

    planted = [
        # RET-001: held past the limit, graded by days past (> 365 high, > 90 medium, else low)
        ("RET-001", _past(audit, audit - day), row("web_form_contact", audit - day)),
        (
            "RET-001",
            _past(audit, audit - 90 * day) + ", boundary",
            row("prospect", audit - 90 * day),
        ),
        ("RET-001", _past(audit, audit - 91 * day), row("web_form_contact", audit - 91 * day)),
        (
            "RET-001",
            _past(audit, audit - 365 * day) + ", boundary",
            row("customer_account", audit - 365 * day),
        ),
        ("RET-001", _past(audit, audit - 366 * day), row("customer_account", audit - 366 * day)),
        (
            "RET-001",
            "invoice: " + _past(audit, audit - 2000 * day),
            row("invoice", audit - 2000 * day),
        ),
        (
            "RET-001",
            f"{leap1_text}: " + _past(audit, leap1_limit),
            row("access_log_entry", trigger=leap1),
        ),
        ("RET-001", f"{leap2_text}: " + _past(audit, leap2_limit), row("candidate", trigger=leap2)),
        (
            "RET-001",
            "employment end: " + _past(audit, audit - 200 * day),
            row("employee_file", audit - 200 * day),
        ),
        (
            "RET-001",
            "account closed: " + _past(audit, audit - 623 * day),
            row("support_ticket", audit - 623 * day),
        ),
        (
            None,
            "limit exactly on the audit date: neither RET-001 nor RET-006",
            row("web_form_contact", audit),
        ),
        (None, f"{leap10_text}: within retention", row("invoice", trigger=leap10)),
        (None, "limit 91 days after the audit date: no RET-006", row("prospect", audit + 91 * day)),
        # RET-002: no rule for the category
        (
            "RET-002",
            "category absent from the schedule",
            row("customer_feedback", audit + 400 * day, system="Support Desk"),
        ),
        ("RET-002", "category empty", row("", audit + 500 * day, system="CRM")),
        # RET-003: the trigger date the rule needs is empty
        (
            "RET-003",
            "customer account without contract_end_at",
            row("customer_account", audit + 300 * day, contract_end_at=None),
        ),
        (
            "RET-003",
            "employee file without employment_end_at",
            row("employee_file", audit + 300 * day, employment_end_at=None),
        ),
        (
            "RET-003",
            "invoice without collected_at",
            row("invoice", audit + 900 * day, collected_at=None),
        ),
        # RET-004: legal hold without a reference (the hold still suspends RET-001/006)
        (
            "RET-004",
            "legal hold, reference empty, within the limit",
            row("customer_account", audit + 400 * day, legal_hold="yes"),
        ),
        (
            "RET-004",
            "legal hold, reference blank, 200 days past the limit (no RET-001)",
            row("prospect", audit - 200 * day, legal_hold="Yes", legal_hold_reference="  "),
        ),
        (
            "RET-004" if org.previous else None,
            "legal hold, 500 days past the limit, reference given in the next quarter"
            if org.previous
            else "legal hold with a reference, 500 days past the limit: compliant",
            row(
                "prospect", audit - 500 * day, legal_hold="yes", legal_hold_reference=hold_reference
            ),
        ),
        (
            None,
            "legal hold with a reference, limit in 30 days: no RET-006",
            row(
                "web_form_contact",
                audit + 30 * day,
                legal_hold="true",
                legal_hold_reference="LIT-2026-031",
            ),
        ),
        # RET-005: deleted more than 30 days after the limit
        (
            "RET-005",
            "deleted 31 days after the limit",
            row("web_form_contact", audit - 200 * day, deleted_at=audit - 169 * day),
        ),
        (
            None,
            "deleted exactly 30 days after the limit: not late",
            row("web_form_contact", audit - 200 * day, deleted_at=audit - 170 * day),
        ),
        (
            "RET-005",
            "deleted 200 days after the limit, marked on legal hold with a reference",
            row(
                "customer_account",
                audit - 300 * day,
                deleted_at=audit - 100 * day,
                legal_hold="yes",
                legal_hold_reference="LIT-2025-112",
            ),
        ),
        # RET-006: limit within the next 90 days
        (
            "RET-006",
            "limit exactly 90 days after the audit date (boundary)",
            row("web_form_contact", audit + 90 * day),
        ),
        ("RET-006", "limit the day after the audit date", row("customer_account", audit + day)),
        (
            "RET-006",
            f"{badge.date()} + P3M = {badge_limit.date()}" + (" (month end)" if clamped else ""),
            row("badge_event", trigger=badge),
        ),
        # RET-007: dates out of order or after the audit date
        (
            "RET-007",
            "last_contact_at before collected_at",
            row("web_form_contact", trigger=audit - 600 * day, collected_at=audit - 400 * day),
        ),
        (
            "RET-007",
            "contract_end_at after the audit date",
            row("customer_account", trigger=audit + 45 * day),
        ),
        (
            "RET-007",
            "deleted_at before collected_at",
            row("invoice", trigger=audit - 4000 * day, deleted_at=audit - 4031 * day),
        ),
        (
            "RET-007",
            "collected_at after the audit date",
            row("badge_event", trigger=audit + 10 * day),
        ),
    ]
    return planted


#: builders run in this order (smaller first): a register may use what an earlier one made
BUILD_ORDER = 30


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("retention")
    rules, schedule = _schedule()
    broken = dict(BROKEN_DURATIONS)
    if org.previous:  # the payslip rule was broken during the quarter (RET-008 "new" in 2026-Q3)
        original = {r[0]: r[3] for r in RETENTION_RULES}
        schedule.loc[schedule["rule_id"] == "RET-PAY", "duration"] = original["RET-PAY"]
        del broken["RET-PAY"]
    frames["retention_schedule"] = schedule
    for rule_id in broken:
        expected.append(
            {
                "audit": AUDIT,
                "rule_id": "RET-008",
                "record_key": rule_id,
                "note": f"duration '{broken[rule_id]}' unparseable or zero",
            }
        )
    expected.append(
        {
            "audit": AUDIT,
            "rule_id": "RET-009",
            "record_key": UNREFERENCED_RULE[0],
            "note": "schedule rule no processing activity references",
        }
    )

    planted = _planted(org, rules)
    if org.scale in CHUNKED_SCALES:
        _build_chunked(org, rng, rules, planted, frames, expected)
        return
    n = org.size["inventory"]
    batches = _batches(n)
    n_clean = n - len(planted) - sum(batches.values())
    weights = np.array([WEIGHTS[r[1]] for r in rules], dtype=float)
    checkable = np.array([r[0] not in BROKEN_DURATIONS for r in rules])
    clean_rule = rng.choice(len(rules), size=n_clean, p=weights / weights.sum())
    clean_group = rng.choice([HELD, DELETED, ON_HOLD], size=n_clean, p=[0.70, 0.295, 0.005])
    batch_weights = np.where(checkable, weights, 0)
    batch_rule = rng.choice(
        len(rules), size=sum(batches.values()), p=batch_weights / batch_weights.sum()
    )
    batch_group = np.repeat(list(batches), list(batches.values()))
    generated = _generate(
        org,
        rng,
        rules,
        np.concatenate([clean_group, batch_group]),
        np.concatenate([clean_rule, batch_rule]),
    )
    rule_of = np.concatenate([clean_rule, batch_rule])
    groups = generated["groups"]
    m = len(rule_of)

    rows = [values for _, _, values in planted]

    systems = [r[6] for r in rules]
    system_names = sorted(
        {s for names in systems for s in names} | {r.get("system", "") for r in rows}
    )
    system_code = np.array(
        [[system_names.index(s[min(i, len(s) - 1)]) for i in range(3)] for s in systems]
    )
    pick = np.floor(rng.random(m) * np.array([len(s) for s in systems])[rule_of]).astype("int64")
    n_subjects = max(50, n // 4)
    refs = subject_refs(rng, n_subjects, max(50, n // 2))
    frame, _ = _records(
        Records(rules, system_names, system_code),
        first=1,
        rule_of=rule_of,
        generated=generated,
        pick=pick,
        subjects=(rng.integers(0, n_subjects, n), refs),
        held=0,
        rows=rows,
    )
    frames["data_inventory"] = frame

    _expect(org, frame["record_id"].to_numpy(), groups, generated["limit"], planted, m, expected)


def _batches(n: int) -> dict[int, int]:
    """How many records each planted batch holds, for an inventory of `n` records."""
    overdue = max(40, n // 150)  # mostly recent: purge jobs that run late rather than never
    return {
        OVERDUE_LOW: overdue * 2 // 5,
        OVERDUE_MEDIUM: overdue * 7 // 20,
        OVERDUE_HIGH: overdue // 4,
        DUE: max(20, n // 400),
        LATE: max(15, n // 500),
    }


def _expect(
    org: Organisation,
    ids: np.ndarray,
    groups: np.ndarray,
    limits: np.ndarray,
    planted: list,
    m: int,
    expected: list[dict],
) -> None:
    """The expected findings of the batches (`ids`, `groups`, `limits` aligned) and of the
    planted rows (`ids[m + k]` for the k-th)."""
    audit = np.datetime64(org.audit_date.date(), "D")
    overdue_note = lambda lim: f"held {int((audit - lim) / DAY):,} days past the limit {lim}"  # noqa: E731
    notes = {
        **dict.fromkeys(OVERDUE, overdue_note),
        DUE: lambda lim: f"limit {lim}, {int((lim - audit) / DAY)} days after the audit date",
        LATE: lambda lim: f"deleted more than 30 days after the limit {lim}",
    }
    rule_ids = {**dict.fromkeys(OVERDUE, "RET-001"), DUE: "RET-006", LATE: "RET-005"}
    for position in np.flatnonzero(np.isin(groups, list(rule_ids))):
        group = int(groups[position])
        expected.append(
            {
                "audit": AUDIT,
                "rule_id": rule_ids[group],
                "record_key": ids[position],
                "note": notes[group](limits[position]) + " (batch)",
            }
        )
    for offset, (rule_id, note, _) in enumerate(planted):
        if rule_id is not None:
            expected.append(
                {"audit": AUDIT, "rule_id": rule_id, "record_key": ids[m + offset], "note": note}
            )


@dataclass(frozen=True)
class Records:
    """What every slice of the inventory is drawn from: the schedule's rules, the systems' names
    and, per rule, the codes of (up to) three of its systems."""

    rules: list
    system_names: list[str]
    system_code: np.ndarray


def _records(
    base: Records,
    *,
    first: int,
    rule_of: np.ndarray,
    generated: dict,
    pick: np.ndarray,
    subjects: tuple[np.ndarray, list[str]],
    held: int,
    rows: list[dict],
) -> tuple[pd.DataFrame, int]:
    """Inventory records numbered from `first`, the planted `rows` appended, and how many of the
    generated ones are on legal hold (their references numbered on from `held`). The whole
    inventory at once (small and large scales) and each chunk of the xlarge scale."""

    def planted_values(column: str, default: str = "") -> list:
        return [row.get(column, default) for row in rows]

    count = len(rule_of) + len(rows)
    numbers = pc.utf8_lpad(pa.array(np.arange(first, first + count)).cast(pa.string()), 7, "0")
    hold = generated["groups"] == ON_HOLD
    references = [
        f"LIT-{2022 + i % 5}-{i % 397 + 1:03d}" for i in range(held, held + int(hold.sum()))
    ]
    reference_code = np.zeros(len(rule_of), dtype="int64")
    reference_code[hold] = np.arange(1, len(references) + 1)
    codes, texts = subjects
    columns = {
        "record_id": pd.Series(
            pd.array(pc.binary_join_element_wise("REC-", numbers, ""), dtype="str")
        ),
        "system": _text(
            base.system_code[rule_of, pick], base.system_names, planted_values("system")
        ),
        "data_category": _text(
            rule_of, [r[1] for r in base.rules], planted_values("data_category")
        ),
        "subject_ref": _text(codes, texts, []),
        **{
            column: _date_text(values, planted_values(column, None))
            for column, values in generated["dates"].items()
        },
        "legal_hold": _text(
            hold.astype("int64"), ["no", "yes"], planted_values("legal_hold", "no")
        ),
        "legal_hold_reference": _text(
            reference_code, ["", *references], planted_values("legal_hold_reference")
        ),
    }
    return pd.DataFrame(columns)[COLUMNS], int(hold.sum())


def _build_chunked(
    org: Organisation,
    rng: np.random.Generator,
    rules: list[tuple],
    planted: list,
    frames: dict,
    expected: list[dict],
) -> None:
    """The inventory of a chunked scale (xlarge), written chunk by chunk: clean records in chunks
    of CHUNK_ROWS, each from its own random stream, then the batches of the large scale and the
    planted rows -- the same planted violations as `large`, at the end of the inventory."""
    n = org.size["inventory"]
    batches = _batches(SIZES["large"]["inventory"])
    n_batch = sum(batches.values())
    n_clean = n - len(planted) - n_batch
    weights = np.array([WEIGHTS[r[1]] for r in rules], dtype=float)
    checkable = np.array([r[0] not in BROKEN_DURATIONS for r in rules])
    batch_weights = np.where(checkable, weights, 0)
    batch_rule = rng.choice(len(rules), size=n_batch, p=batch_weights / batch_weights.sum())
    batch_group = np.repeat(list(batches), list(batches.values()))
    batch = _generate(org, rng, rules, batch_group, batch_rule)
    rows = [values for _, _, values in planted]
    systems = [r[6] for r in rules]
    planted_systems = {row.get("system", "") for row in rows}
    system_names = sorted({s for names in systems for s in names} | planted_systems)
    system_code = np.array(
        [[system_names.index(s[min(i, len(s) - 1)]) for i in range(3)] for s in systems]
    )
    counts = np.array([len(s) for s in systems])
    n_subjects = max(50, n // 4)
    subject_ids = rng.integers(0, max(50, n // 2), size=n_subjects)
    batch_pick = np.floor(rng.random(n_batch) * counts[batch_rule]).astype("int64")
    batch_subjects = rng.integers(0, n_subjects, n_batch + len(rows))
    numbers = [f"REC-{i:07d}" for i in range(n_clean + 1, n + 1)]
    _expect(org, np.array(numbers), batch["groups"], batch["limit"], planted, n_batch, expected)

    def chunk(first: int, rule_of, generated, pick, subjects, held: int, rows: list[dict]):
        """Records numbered from `first` (planted `rows` appended); `held`: holds so far."""
        distinct, codes = np.unique(subjects, return_inverse=True)
        return _records(
            Records(rules, system_names, system_code),
            first=first,
            rule_of=rule_of,
            generated=generated,
            pick=pick,
            subjects=(codes, subject_text(subject_ids[distinct])),
            held=held,
            rows=rows,
        )

    def chunks() -> Iterator[pd.DataFrame]:
        held = 0
        for k, start in enumerate(range(0, n_clean, CHUNK_ROWS)):
            size = min(CHUNK_ROWS, n_clean - start)
            stream = org.rng(f"retention-xlarge-{k}")
            rule_of = stream.choice(len(rules), size=size, p=weights / weights.sum())
            group = stream.choice([HELD, DELETED, ON_HOLD], size=size, p=[0.70, 0.295, 0.005])
            generated = _generate(org, stream, rules, group, rule_of)
            pick = np.floor(stream.random(size) * counts[rule_of]).astype("int64")
            subjects = stream.integers(0, n_subjects, size)
            frame, holds = chunk(start + 1, rule_of, generated, pick, subjects, held, [])
            held += holds
            yield frame
        frame, _ = chunk(n_clean + 1, batch_rule, batch, batch_pick, batch_subjects, held, rows)
        yield frame

    frames["data_inventory"] = Chunked(COLUMNS, n, chunks)
