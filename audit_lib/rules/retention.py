"""RET: retention of the records held (Art. 5(1)(e) storage limitation).

The retention limit of a record is the `<trigger>_at` date its schedule rule names plus the rule's
`duration`, in calendar arithmetic (Reg 1182/71: 2024-02-29 + P1Y = 2025-02-28). It is computed once
per run, for the whole inventory at once, by :func:`retention_limits` and kept in `ctx.cache`.

Semantics decided here (rules.md leaves them open):
- *held* = `deleted_at` empty. A record on legal hold (`legal_hold` true) is still held -- it is in
  the systems -- but its retention clock is suspended: RET-001 and RET-006 skip it, whatever its
  limit. A hold with no `legal_hold_reference` still suspends the clock; RET-004 reports the missing
  justification (and says when the limit has passed), so one problem gives one finding.
- The schedule is matched on `data_category` exactly (after trimming). When a category appears twice in
  the schedule (a DQ-003 finding), the first row is used.
- A schedule rule whose duration is unparseable or zero (RET-008), longer than 5,000 years, or whose
  trigger is not one of the five triggers (DQ-002) or empty cannot give a limit: its records get no
  RET-001/005/006 finding (the schedule row is the finding) and are counted in the report's "no
  computable limit" figure.
- RET-003 fires for a record whose rule has a valid trigger but whose trigger date is empty (or was
  unreadable, which is also a DQ-001 finding), whether the record is held or deleted and whatever the
  rule's duration: the date is needed either way.
- RET-005 applies to every deleted record with a computable limit, on legal hold or not (the message
  says when the record is marked as on hold, which may explain the delay).
- RET-002, RET-003, RET-004 and RET-007 judge every record, held or deleted, as rules.md words them.
- RET-009 (added, same prefix): a schedule rule whose `rule_id` no `processing_register` row names
  in `retention_rule_id` (exact match) -- the reverse of ROPA-009; not evaluated without the register.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..periods import add_duration, parse_iso_durations
from ..schemas._fields import TRIGGERS
from . import audit_prefix, rule

audit_prefix("RET", "retention")
INVENTORY = "data_inventory"
SCHEDULE = "retention_schedule"
REGISTER = "processing_register"
ORDER_COLUMNS = (
    "last_contact_at",
    "contract_end_at",
    "employment_end_at",
    "account_closed_at",
    "deleted_at",
)
DATE_COLUMNS = ("collected_at", *ORDER_COLUMNS)
CACHE_KEY = "retention.limits"
#: durations longer than this cannot give a limit (no datetime unit would hold the result)
MAX_MONTHS = 12 * 5_000
EMPTY = ("record_key", "message")

NO_RULE, RULE_UNUSABLE, TRIGGER_MISSING, COMPUTED = (
    "no_rule",
    "rule_unusable",
    "trigger_missing",
    "ok",
)


@dataclass(frozen=True)
class RetentionLimits:
    """The schedule rows used and, per inventory record, its rule and retention limit.

    `rules`: one schedule row per data_category (first occurrence), with `years`, `months`,
    `days`, `usable` (duration valid, non-zero, trigger known).
    `records` (indexed like the inventory): `rule_row` (position in `rules`, -1 when the category has
    no rule), `trigger_at`, `limit` (NaT when not computable), `days_past` (audit_date - limit in
    days, Int64; > 0 = past the limit), `held`, `on_hold`, `status` (no_rule, rule_unusable,
    trigger_missing, ok).
    """

    rules: pd.DataFrame
    records: pd.DataFrame

    def rule_value(self, column: str, mask: pd.Series | np.ndarray) -> pd.Series:
        """A schedule column spread to the records selected by `mask` (index kept)."""
        mask = np.asarray(mask, dtype=bool)
        rows = self.records["rule_row"].to_numpy()[mask]
        values = np.append(self.rules[column].to_numpy(dtype=object), None)[rows]
        return pd.Series(values, index=self.records.index[mask], dtype=object)


def _dates(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A date column as datetime64[us] values; all NaT when the optional column is absent."""
    if column not in frame.columns:
        return np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[us]")
    return frame[column].to_numpy(dtype="datetime64[us]")


def _flag(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.zeros(len(frame), dtype=bool)
    return frame[column].astype("boolean").fillna(False).to_numpy(dtype=bool)


def _iso(values: pd.Series | np.ndarray) -> np.ndarray:
    """Dates as YYYY-MM-DD text (NaT as an empty string)."""
    days = np.asarray(values).astype("datetime64[D]")
    text = np.datetime_as_string(days, unit="D")
    return np.where(np.isnat(days), "", text)


def retention_limits(ctx) -> RetentionLimits:
    """The retention limit of every inventory record, computed once per run (`ctx.cache`).

    Vectorised: each record finds its schedule row by `data_category` (a hash lookup), its trigger
    date is picked from the five `<trigger>_at` columns by the row's trigger, and
    :func:`audit_lib.periods.add_duration` adds the parsed duration to the whole column at once.
    """
    cached = ctx.cache.get(CACHE_KEY)
    if cached is not None:
        return cached
    inventory = ctx.frames[INVENTORY]
    schedule = ctx.frames[SCHEDULE]
    rules = schedule[schedule["data_category"].notna()].drop_duplicates(
        "data_category", keep="first"
    )
    rules = rules.reset_index(drop=True)
    parsed = parse_iso_durations(rules["duration"])
    trigger_code = rules["trigger"].map({t: i for i, t in enumerate(TRIGGERS)})
    trigger_code = trigger_code.fillna(-1).astype("int64").to_numpy()
    years = parsed["years"].to_numpy(dtype="int64", na_value=0)
    months = parsed["months"].to_numpy(dtype="int64", na_value=0)
    days = parsed["days"].to_numpy(dtype="int64", na_value=0)
    in_range = (years * 12 + months <= MAX_MONTHS) & (days <= MAX_MONTHS * 31)
    usable = (
        parsed["valid"].to_numpy() & ~parsed["is_zero"].to_numpy() & (trigger_code >= 0) & in_range
    )
    rules = rules.assign(years=years, months=months, days=days, usable=usable)

    n_rules = len(rules)
    # distinct categories are few: look each up once, then spread by the factorised codes
    codes, categories = pd.factorize(inventory["data_category"])
    found = pd.Index(rules["data_category"].astype(object)).get_indexer(
        np.asarray(categories, dtype=object)
    )
    position = np.where(codes < 0, -1, np.append(found, -1)[codes])
    slot = np.where(position < 0, n_rules, position)  # slot n_rules = "no rule"

    def spread(values: np.ndarray, fill) -> np.ndarray:
        return np.append(values, fill)[slot]

    record_usable = spread(usable, False)
    record_trigger = spread(trigger_code, -1)
    trigger_at = np.full(len(inventory), np.datetime64("NaT"), dtype="datetime64[us]")
    for code, trigger in enumerate(TRIGGERS):
        chosen = record_trigger == code
        if chosen.any():
            trigger_at[chosen] = _dates(inventory, f"{trigger}_at")[chosen]
    index = inventory.index

    def part(values: np.ndarray) -> pd.Series:
        return pd.Series(pd.arrays.IntegerArray(spread(values, 0), ~record_usable), index=index)

    limit = add_duration(pd.Series(trigger_at, index=index), part(years), part(months), part(days))
    limit_days = limit.to_numpy().astype("datetime64[D]")
    audit_day = np.datetime64(ctx.audit_date.date(), "D")
    past = (audit_day - limit_days).astype("int64")
    days_past = pd.arrays.IntegerArray(
        np.where(np.isnat(limit_days), 0, past), np.isnat(limit_days)
    )

    # a known trigger with an empty date is RET-003 whatever the duration; else an unusable rule
    status = np.where(
        position < 0,
        0,
        np.where((record_trigger >= 0) & np.isnat(trigger_at), 2, np.where(~record_usable, 1, 3)),
    )
    records = pd.DataFrame(
        {
            "rule_row": np.where(position < 0, -1, position),
            "trigger_at": trigger_at,
            "limit": limit.to_numpy(),
            "days_past": days_past,
            "held": np.isnat(_dates(inventory, "deleted_at")),
            "on_hold": _flag(inventory, "legal_hold"),
            "status": pd.Categorical.from_codes(
                status, [NO_RULE, RULE_UNUSABLE, TRIGGER_MISSING, COMPUTED]
            ),
        },
        index=index,
    )
    result = RetentionLimits(rules, records)
    ctx.cache[CACHE_KEY] = result
    return result


def overdue(ctx) -> pd.Series:
    """RET-001's selection: held, not on legal hold, and audit_date > limit."""
    records = retention_limits(ctx).records
    return records["held"] & ~records["on_hold"] & records["days_past"].gt(0).fillna(False)


def due_within(ctx, days: int) -> pd.Series:
    """RET-006's selection: held, not on legal hold, audit_date < limit <= audit_date + `days`."""
    records = retention_limits(ctx).records
    ahead = -records["days_past"]
    return records["held"] & ~records["on_hold"] & ahead.between(1, days).fillna(False)


def days_late(ctx) -> pd.Series:
    """Days from the limit to `deleted_at` for deleted records with a computable limit (else NA)."""
    records = retention_limits(ctx).records
    deleted = _dates(ctx.frames[INVENTORY], "deleted_at").astype("datetime64[D]")
    limit = records["limit"].to_numpy().astype("datetime64[D]")
    missing = np.isnat(deleted) | np.isnat(limit)
    late = np.where(missing, 0, (deleted - limit).astype("int64"))
    return pd.Series(pd.arrays.IntegerArray(late, missing), index=records.index)


def grade(days_past: pd.Series) -> pd.Series:
    """RET-001 severity by days past the limit: > 365 high, > 90 medium, else low."""
    values = days_past.to_numpy(dtype="int64")
    return pd.Series(
        np.where(values > 365, "high", np.where(values > 90, "medium", "low")),
        index=days_past.index,
    )


def _days(counts: pd.Series) -> pd.Series:
    """`1 day`, `1,234 days`."""
    return counts.map(lambda n: "1 day" if n == 1 else f"{n:,} days")


def _rule_text(limits: RetentionLimits, mask: pd.Series) -> pd.Series:
    """`rule RET-WEB: last_contact_at + P3Y` for the selected records."""
    rule_id = limits.rule_value("rule_id", mask).astype("str")
    trigger = limits.rule_value("trigger", mask).astype("str")
    duration = limits.rule_value("duration", mask).astype("str").str.strip()
    return "rule " + rule_id + ": " + trigger + "_at + " + duration


def _result(
    keys: pd.Series, messages: pd.Series, severity: pd.Series | None = None
) -> pd.DataFrame:
    frame = pd.DataFrame({"record_key": keys.astype("str"), "message": messages.astype("str")})
    if severity is not None:
        frame["severity"] = severity.astype("str")
    return frame.reset_index(drop=True)


def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=list(EMPTY))


@rule(
    "RET-001",
    severity="graded",
    severity_note="high > 365 days past the limit, medium > 90, else low",
    reference="Art. 5(1)(e)",
    title="Record held past its retention limit",
    remediation="Delete, anonymise or archive the record as the schedule's action says (see "
    "retention_actions.csv, the worklist per system), or document the legal hold that justifies "
    "keeping it; then fix the purge job that missed it.",
    needs=(INVENTORY, SCHEDULE),
)
def ret_001_held_past_limit(ctx) -> pd.DataFrame:
    mask = overdue(ctx)
    if not mask.any():
        return _none()
    limits = retention_limits(ctx)
    records = limits.records[mask]
    past = records["days_past"].astype("int64")
    action = limits.rule_value("action", mask).astype("str")
    message = (
        "Held "
        + _days(past)
        + " past its retention limit "
        + _iso(records["limit"])
        + " ("
        + _rule_text(limits, mask)
        + "); action: "
        + action
    )
    return _result(ctx.frames[INVENTORY].loc[mask, "record_id"], message, grade(past))


@rule(
    "RET-002",
    severity="high",
    reference="Art. 5(1)(e), Art. 30(1)(f)",
    title="Data category without a retention rule",
    remediation="Add a rule for this category to the retention schedule (trigger, duration, action, "
    "legal reference), or correct the record's data_category to an existing one.",
    needs=(INVENTORY, SCHEDULE),
)
def ret_002_category_without_rule(ctx) -> pd.DataFrame:
    records = retention_limits(ctx).records
    mask = records["status"].eq(NO_RULE).to_numpy()
    if not mask.any():
        return _none()
    inventory = ctx.frames[INVENTORY]
    category = inventory.loc[mask, "data_category"]
    message = (
        "data_category '" + category.astype("str") + "' has no rule in the retention schedule"
    ).where(category.notna(), "data_category is empty: no retention rule applies")
    return _result(inventory.loc[mask, "record_id"], message)


@rule(
    "RET-003",
    severity="medium",
    reference="Art. 5(1)(e), Art. 5(2)",
    title="Trigger date missing: the retention limit cannot be computed",
    remediation="Fill in the date that starts the retention clock (the schedule rule's trigger) in the "
    "source system, so that the record's deletion can be scheduled.",
    needs=(INVENTORY, SCHEDULE),
)
def ret_003_trigger_date_missing(ctx) -> pd.DataFrame:
    limits = retention_limits(ctx)
    mask = limits.records["status"].eq(TRIGGER_MISSING).to_numpy()
    if not mask.any():
        return _none()
    trigger = limits.rule_value("trigger", mask).astype("str")
    rule_id = limits.rule_value("rule_id", mask).astype("str")
    message = (
        trigger
        + "_at is empty or unreadable: rule "
        + rule_id
        + " counts from it, so the retention "
        "limit cannot be computed"
    )
    return _result(ctx.frames[INVENTORY].loc[mask, "record_id"], message)


@rule(
    "RET-004",
    severity="medium",
    reference="Art. 5(1)(e), Art. 5(2)",
    title="Legal hold without a reference",
    remediation="Record the case or ticket that justifies the hold in legal_hold_reference, or lift the "
    "hold so that the record follows its retention rule.",
    needs=(INVENTORY,),
)
def ret_004_hold_without_reference(ctx) -> pd.DataFrame:
    inventory = ctx.frames[INVENTORY]
    if "legal_hold_reference" in inventory.columns:
        reference = inventory["legal_hold_reference"]
        empty = reference.isna() | reference.astype("str").str.strip().eq("")
    else:
        empty = pd.Series(True, index=inventory.index)
    mask = pd.Series(_flag(inventory, "legal_hold"), index=inventory.index) & empty
    if not mask.any():
        return _none()
    message = pd.Series(
        "legal_hold is set but legal_hold_reference is empty", index=inventory.index[mask]
    )
    if SCHEDULE in ctx.frames:
        records = retention_limits(ctx).records[mask]
        past = records["days_past"].gt(0).fillna(False) & records["held"]
        if past.any():  # text built from an empty selection does not add up (issue 14)
            message[past] = (
                message[past]
                + "; the hold keeps the record "
                + _days(records.loc[past, "days_past"].astype("int64"))
                + " past its retention limit "
                + _iso(records.loc[past, "limit"])
            )
    return _result(inventory.loc[mask, "record_id"], message)


@rule(
    "RET-005",
    severity="low",
    reference="Art. 5(1)(e)",
    title="Deleted late",
    remediation="Check the purge job or procedure of this system: records must be deleted within the "
    "tolerance after their retention limit.",
    needs=(INVENTORY, SCHEDULE),
    thresholds={"days": 30},
)
def ret_005_deleted_late(ctx) -> pd.DataFrame:
    tolerance = int(ctx.threshold("RET-005", "days"))
    late = days_late(ctx)
    mask = late.gt(tolerance).fillna(False)
    if not mask.any():
        return _none()
    inventory = ctx.frames[INVENTORY]
    records = retention_limits(ctx).records[mask]
    message = (
        "Deleted "
        + _days(late[mask].astype("int64"))
        + " after its retention limit "
        + _iso(records["limit"])
        + " (deleted_at "
        + _iso(inventory.loc[mask, "deleted_at"])
        + f"; tolerance {tolerance} days)"
    )
    message[records["on_hold"]] += "; the record is marked as on legal hold"
    return _result(inventory.loc[mask, "record_id"], message)


@rule(
    "RET-006",
    severity="info",
    reference="Art. 5(1)(e)",
    title="Retention limit falls due soon (deletion forecast)",
    remediation="Plan the deletion, anonymisation or archiving of these records in the system's next "
    "purge run so that none is held past its limit.",
    needs=(INVENTORY, SCHEDULE),
    thresholds={"days": 90},
)
def ret_006_due_soon(ctx) -> pd.DataFrame:
    horizon = int(ctx.threshold("RET-006", "days"))
    mask = due_within(ctx, horizon)
    if not mask.any():
        return _none()
    limits = retention_limits(ctx)
    records = limits.records[mask]
    message = (
        "Retention limit "
        + _iso(records["limit"])
        + " is in "
        + _days((-records["days_past"]).astype("int64"))
        + " ("
        + _rule_text(limits, mask)
        + "); planned action: "
        + limits.rule_value("action", mask).astype("str")
    )
    return _result(ctx.frames[INVENTORY].loc[mask, "record_id"], message)


@rule(
    "RET-007",
    severity="low",
    reference="Art. 5(1)(d)",
    title="Record dates out of order",
    remediation="Correct the dates in the source system: no date may precede collected_at, and none "
    "may lie after the audit date; the retention limit is computed from them.",
    needs=(INVENTORY,),
)
def ret_007_dates_out_of_order(ctx) -> pd.DataFrame:
    inventory = ctx.frames[INVENTORY]
    audit_day = np.datetime64(ctx.audit_date.date(), "D")
    collected = _dates(inventory, "collected_at").astype("datetime64[D]")
    problems: list[tuple[np.ndarray, str, str]] = []  # (mask, column, what)
    for column in ORDER_COLUMNS:
        if column in inventory.columns:
            problems.append(
                (_dates(inventory, column).astype("datetime64[D]") < collected, column, "before")
            )
    for column in DATE_COLUMNS:
        if column in inventory.columns:
            problems.append(
                (_dates(inventory, column).astype("datetime64[D]") > audit_day, column, "after")
            )
    if not problems:
        return _none()
    mask = np.logical_or.reduce([m for m, _, _ in problems])
    if not mask.any():
        return _none()
    subset = inventory.loc[mask]
    collected_text = _iso(collected[mask])
    audit_text = audit_day.astype(str)
    parts = []
    for flagged, column, what in problems:
        text = column + " " + pd.Series(_iso(subset[column]), index=subset.index)
        if what == "before":
            text = text + " is before collected_at " + collected_text
        else:
            text = text + f" is after the audit date {audit_text}"
        parts.append(text.where(flagged[mask], ""))
    message = pd.concat(parts, axis=1).agg(lambda row: "; ".join(p for p in row if p), axis=1)
    return _result(subset["record_id"], message)


@rule(
    "RET-008",
    severity="high",
    reference="Art. 5(1)(e), Art. 30(1)(f)",
    title="Schedule duration unparseable or zero",
    remediation="Write the duration as an ISO 8601 period of years, months, weeks or days (P3Y, P6M, "
    "P1Y6M, P30D) greater than zero; until then no record of this category can be checked.",
    needs=(SCHEDULE,),
)
def ret_008_bad_duration(ctx) -> pd.DataFrame:
    schedule = ctx.frames[SCHEDULE]
    parsed = parse_iso_durations(schedule["duration"])
    mask = ~parsed["valid"] | parsed["is_zero"]
    if not mask.any():
        return _none()
    duration = schedule["duration"].astype("str").str.strip()
    message = pd.Series(
        np.where(
            parsed["is_zero"],
            "duration '" + duration + "' is zero: every record would be due on its trigger date",
            "duration '"
            + duration
            + "' is not an ISO 8601 period (expected e.g. P3Y, P6M, P1Y6M, P30D)",
        ),
        index=schedule.index,
    )
    message[schedule["duration"].isna()] = "duration is empty"
    keep = mask & schedule["rule_id"].notna()
    return _result(schedule.loc[keep, "rule_id"], message[keep])


@rule(
    "RET-009",
    severity="info",
    reference="Art. 30(1)(f), Art. 5(2)",
    title="Retention rule referenced by no processing activity",
    remediation="Link the rule to the processing activity whose data it governs (retention_rule_id in "
    "the processing register), or withdraw it from the schedule if no processing uses that data any more.",
    needs=(SCHEDULE, REGISTER),
)
def ret_009_rule_unreferenced(ctx) -> pd.DataFrame:
    schedule = ctx.frames[SCHEDULE]
    register = ctx.frames[REGISTER]
    column = (
        register["retention_rule_id"] if "retention_rule_id" in register.columns else pd.Series()
    )
    used = set(column.dropna().astype("str"))
    mask = schedule["rule_id"].notna() & ~schedule["rule_id"].isin(used)
    if not mask.any():
        return _none()
    category = (
        schedule.loc[mask, "data_category"]
        .astype("str")
        .where(schedule.loc[mask, "data_category"].notna(), "(empty)")
    )
    message = (
        "Rule for data_category '"
        + category
        + "' is referenced by no processing activity (retention_rule_id)"
    )
    return _result(schedule.loc[mask, "rule_id"], message)
