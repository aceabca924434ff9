"""Sample data-subject rights log (Art. 12, 15-22): requests with planted violations.

The log is one timeline of requests, the same for every sample period (ids are stable, so the
trend between periods means something): a year of requests per period's 12-month window, received
from the earliest window's start to the latest audit date of ``org.PERIODS``. Each period's file
is that timeline as it stood on its audit date: requests received later are not in it yet, and
answers, identity checks and extension notices dated later are empty (the request is still open).

Clean requests are answered well inside the deadline whatever the calendar (within 27 days, or
35-85 days after an extension notified within 24 days; the 1-month deadline is at least 28 days
after receipt, the 3-month one at least 89), with identity verified first, an outcome, refusal
reasons and Art. 19 notifications where needed; a clean request open on an audit date is never
due yet. Planted on top (each appended to ``expected`` for the periods whose log shows it):
- plain late answers, one per ``LATE_EVERY`` requests (DSR-001, or DSR-002 while still open);
- :data:`FIXED`: every DSR rule violated, and the Art. 12(3) / Reg 1182/71 calendar edge cases as
  compliant (no rule) and violating records; a case is in a period's log once all its dates are;
- :data:`FIXED_LATER`: violations corrected between the two sample periods (resolved in the trend);
- :func:`around`: cases placed relative to each audit date (open past or on the deadline, not yet
  due, dates after the audit date), and what they become in the next period's log.
Deadlines use the holidays of the sample parameters (``audit_lib.sample.params_for``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..periods import dsr_deadlines
from .org import PERIODS, Organisation, subject_refs

TYPES = ["access", "rectification", "erasure", "restriction", "portability", "objection",
         "withdraw_consent"]  # fmt: skip
TYPE_WEIGHTS = [0.35, 0.12, 0.25, 0.03, 0.05, 0.12, 0.08]
CHANNELS = ["letter", "email", "web_form", "phone", "other"]
CHANNEL_WEIGHTS = [0.55, 0.2, 0.17, 0.05, 0.03]
OUTCOMES = ["granted", "partially_granted", "refused", "withdrawn"]
OUTCOME_WEIGHTS = [0.78, 0.07, 0.08, 0.07]
ART19_TYPES = ["rectification", "erasure", "restriction"]
REFUSAL_REASONS = [
    "Data needed to comply with a legal obligation (Art. 17(3)(b)): invoices kept 10 years",
    "Data needed for the establishment or defence of legal claims (Art. 17(3)(e))",
    "Disclosure would adversely affect the rights of others (Art. 15(4))",
    "Manifestly excessive: repeats a request answered last month (Art. 12(5))",
    "Compelling legitimate grounds override the objection (Art. 21(1))",
    "Portability does not apply: processing not based on consent or contract (Art. 20(1))",
]
HANDLERS = ["privacy-team-1", "privacy-team-2", "privacy-team-3", "dpo-office"]
COLUMNS = ["request_id", "received_at", "request_type", "channel", "subject_ref",
           "identity_verified_at", "extended", "extension_notified_at", "responded_at", "outcome",
           "refusal_reason", "recipients_notified", "handler"]  # fmt: skip
DATES = ["received_at", "identity_verified_at", "extension_notified_at", "responded_at"]
#: plain late answers planted among the clean requests: one per this many requests
LATE_EVERY = 150


@dataclass(frozen=True)
class Case:
    """A planted request: an access request by letter, identity verified on receipt, answered 10
    days later and granted, with ``changes``; ``rules`` are the DSR rules it must trigger."""

    received: str
    rules: tuple[str, ...]
    note: str
    changes: dict[str, str] = field(default_factory=dict)
    #: cases of :func:`around`: the audit date they are placed against, their rules in the logs
    #: of later periods, and whether dates after that audit date are kept (they are the finding)
    anchor: str | None = None
    later_rules: tuple[str, ...] = ()
    keep_future: bool = False
    #: cases of FIXED_LATER: the state (and rules) shown in the logs of audit dates before fixed_on
    fixed_on: str | None = None
    before: dict[str, str] = field(default_factory=dict)
    before_rules: tuple[str, ...] = ()


def case(received: str, rules: tuple[str, ...], note: str, **changes: str) -> Case:
    return Case(received, rules, note, changes)


FIXED = [
    # month ends and the leap year (Reg 1182/71 Art. 3(2)(c))
    case("2024-01-31", (), "leap year: 31 Jan 2024 due Thu 29 Feb, answered that day",
         responded_at="2024-02-29"),
    case("2024-01-31", ("DSR-001",), "leap year: 31 Jan 2024 due Thu 29 Feb, answered 1 Mar",
         responded_at="2024-03-01"),
    case("2024-02-29", (), "received on the leap day, due 29 Mar, answered that day",
         responded_at="2024-03-29"),
    case("2025-01-31", (), "31 Jan 2025 due Fri 28 Feb, answered that day",
         responded_at="2025-02-28"),
    case("2025-01-31", ("DSR-001",), "31 Jan 2025 due Fri 28 Feb, answered Mon 3 Mar",
         responded_at="2025-03-03"),
    case("2026-01-31", (), "31 Jan 2026: 28 Feb is a Saturday, due Mon 2 Mar, answered then",
         responded_at="2026-03-02"),
    case("2026-03-31", (), "31 Mar due 30 Apr, answered that day", responded_at="2026-04-30"),
    case("2026-03-31", ("DSR-001",), "31 Mar due 30 Apr, answered 4 May",
         responded_at="2026-05-04"),
    # deadlines on a Saturday, Sunday or listed holiday move to the next working day (Art. 3(4))
    case("2026-02-07", (), "base deadline Sat 7 Mar, due Mon 9 Mar, answered then",
         responded_at="2026-03-09"),
    case("2026-02-07", ("DSR-001",), "base deadline Sat 7 Mar, due Mon 9 Mar, answered Tue 10",
         responded_at="2026-03-10"),
    case("2026-02-08", (), "base deadline Sun 8 Mar, due Mon 9 Mar, answered then",
         responded_at="2026-03-09"),
    case("2026-02-08", ("DSR-001",), "base deadline Sun 8 Mar, due Mon 9 Mar, answered Tue 10",
         responded_at="2026-03-10"),
    case("2026-04-08", (), "base deadline Fri 8 May (holiday) + weekend: due Mon 11 May, answered "
         "then", responded_at="2026-05-11"),
    case("2026-04-08", ("DSR-001",), "base deadline Fri 8 May (holiday) + weekend: due Mon 11 "
         "May, answered Tue 12", responded_at="2026-05-12"),
    case("2026-03-04", (), "base deadline Sat 4 Apr, then Easter Monday (listed): due Tue 7 Apr, "
         "answered then", responded_at="2026-04-07"),
    case("2026-06-10", (), "answered on the deadline day, Fri 10 Jul", responded_at="2026-07-10"),
    case("2025-11-03", ("DSR-001",), "answered 73 days after receipt, no extension",
         responded_at="2026-01-15"),
    # extensions (Art. 12(3)) count only when notified on or before the base deadline
    case("2026-03-16", (), "extension notified on the base deadline (Thu 16 Apr): valid, due "
         "16 Jun, answered then", extended="yes", extension_notified_at="2026-04-16",
         responded_at="2026-06-16"),
    case("2026-03-16", ("DSR-003", "DSR-001"), "extension notified the day after the base "
         "deadline: invalid, due 16 Apr, answered 20 May", extended="yes",
         extension_notified_at="2026-04-17", responded_at="2026-05-20"),
    case("2026-05-18", ("DSR-003",), "marked extended with no notification date (answered in "
         "time)", extended="yes", responded_at="2026-06-05"),
    case("2025-11-30", (), "extended: 30 Nov + 3 months = Sat 28 Feb, due Mon 2 Mar, answered "
         "then", extended="yes", extension_notified_at="2025-12-19", responded_at="2026-03-02"),
    # refusals, identity, Art. 19, outcome
    case("2026-02-16", ("DSR-004",), "refused with no reason recorded", outcome="refused"),
    case("2026-04-20", ("DSR-004",), "partially granted with a blank reason",
         request_type="portability", outcome="partially_granted", refusal_reason="  "),
    case("2026-05-05", ("DSR-005",), "answered with no identity verification",
         identity_verified_at=""),
    case("2026-06-01", ("DSR-005",), "identity verified the day after the answer",
         identity_verified_at="2026-06-12", responded_at="2026-06-11"),
    case("2026-06-02", (), "identity verified on the day of the answer",
         identity_verified_at="2026-06-12", responded_at="2026-06-12"),
    case("2026-06-03", (), "withdrawn before identity was verified", identity_verified_at="",
         outcome="withdrawn"),
    case("2026-01-12", ("DSR-006",), "erasure granted, recipients not notified",
         request_type="erasure", recipients_notified="no"),
    case("2026-02-23", ("DSR-006",), "rectification partially granted, recipients_notified "
         "empty", request_type="rectification", outcome="partially_granted",
         refusal_reason=REFUSAL_REASONS[1], recipients_notified=""),
    case("2026-07-06", ("DSR-006",), "restriction granted, recipients not notified",
         request_type="restriction", recipients_notified="no"),
    case("2026-07-07", (), "erasure refused: no Art. 19 notification due", request_type="erasure",
         outcome="refused", refusal_reason=REFUSAL_REASONS[0], recipients_notified="no"),
    case("2026-03-23", ("DSR-007",), "answered with no outcome recorded", outcome=""),
    # dates out of order
    case("2026-03-10", ("DSR-008",), "answered (and verified) the day before receipt",
         identity_verified_at="2026-03-09", responded_at="2026-03-09"),
    case("2026-02-05", ("DSR-008",), "identity verified before receipt",
         identity_verified_at="2026-02-01", responded_at="2026-02-20"),
    case("2026-04-21", ("DSR-008",), "extension notified before receipt", extended="yes",
         extension_notified_at="2026-04-10", responded_at="2026-06-01"),
]  # fmt: skip

FIXED_LATER = [
    Case("2026-04-13", (), "erasure granted; recipients notified on 2026-08-03",
         {"request_type": "erasure", "recipients_notified": "yes"}, fixed_on="2026-08-03",
         before={"recipients_notified": "no"}, before_rules=("DSR-006",)),
    Case("2026-05-04", (), "outcome recorded on 2026-07-20", fixed_on="2026-07-20",
         before={"outcome": ""}, before_rules=("DSR-007",)),
]  # fmt: skip


def _day(value: pd.Timestamp) -> str:
    return value.date().isoformat()


def around(audit: pd.Timestamp) -> list[Case]:
    """Cases placed against one audit date: their rules in that period's log, and in later ones
    (where the open ones have been answered: late when they were due by the audit date)."""
    a, month = audit.normalize(), pd.DateOffset(months=1)
    day = pd.Timedelta(days=1)
    anchor = _day(a)
    cases = [
        # received a month and 20 days before: due 20 days before the audit date (or so)
        (a - month - 20 * day, ("DSR-002",), ("DSR-001",), "open, about 20 days past its deadline",
         {"responded_at": _day(a + 15 * day)}, False),
        (a - day - month, ("DSR-002",), ("DSR-001",), "open, due the day before the audit date",
         {"responded_at": _day(a + 3 * day)}, False),
        (a - month, (), ("DSR-001",), "open, due on the audit date (then answered a day late)",
         {"responded_at": _day(a + day)}, False),
        (a - 9 * day, (), (), "open, not yet due", {"responded_at": _day(a + 10 * day)}, False),
        (a - 77 * day, (), (), "open, extension notified in time, due in 3 months",
         {"extended": "yes", "extension_notified_at": _day(a - 59 * day),
          "responded_at": _day(a + 10 * day)}, False),
        (a - 16 * day, ("DSR-008",), (), "answered after the audit date",
         {"identity_verified_at": _day(a - 15 * day), "responded_at": _day(a + 5 * day)}, True),
        (a + 2 * day, ("DSR-008",), (), "received after the audit date",
         {"identity_verified_at": _day(a + 3 * day), "responded_at": _day(a + 20 * day)}, True),
    ]  # fmt: skip
    return [
        Case(_day(received), rules, f"{note} ({anchor})", changes, anchor, later, keep)
        for received, rules, later, note, changes, keep in cases
    ]


def _text(days: np.ndarray) -> np.ndarray:
    """``datetime64[D]`` values as ISO text; NaT as an empty cell."""
    return np.where(np.isnat(days), "", np.datetime_as_string(days, unit="D"))


def _clean(
    rng: np.random.Generator, start: np.datetime64, end: np.datetime64, n: int
) -> pd.DataFrame:
    """n compliant requests received from start to end (their full history, nothing open)."""
    received = np.sort(
        start + rng.integers(0, int((end - start).astype(int)) + 1, n).astype("timedelta64[D]")
    )
    extended = rng.random(n) < 0.04
    delay = np.where(extended, rng.integers(35, 86, n), rng.integers(1, 28, n))
    responded = received + delay.astype("timedelta64[D]")
    verified = received + np.minimum(rng.integers(0, 6, n), delay).astype("timedelta64[D]")
    notified = np.where(extended, received + rng.integers(3, 25, n).astype("timedelta64[D]"),
                        np.datetime64("NaT"))  # fmt: skip
    types = rng.choice(TYPES, n, p=TYPE_WEIGHTS)
    outcome = rng.choice(OUTCOMES, n, p=OUTCOME_WEIGHTS)
    verified[(outcome == "withdrawn") & (rng.random(n) < 0.5)] = np.datetime64("NaT")
    refused = np.isin(outcome, ["refused", "partially_granted"])
    reason_pick = np.array(REFUSAL_REASONS, dtype=object)[rng.integers(0, len(REFUSAL_REASONS), n)]
    art19 = np.isin(types, ART19_TYPES)
    granted = np.isin(outcome, ["granted", "partially_granted"])
    return pd.DataFrame(
        {
            "received_at": _text(received),
            "request_type": types,
            "channel": rng.choice(CHANNELS, n, p=CHANNEL_WEIGHTS),
            "subject_ref": subject_refs(rng, n, max(50, n * 2)),
            "identity_verified_at": _text(verified),
            "extended": np.where(extended, "yes", "no"),
            "extension_notified_at": _text(notified),
            "responded_at": _text(responded),
            "outcome": outcome,
            "refusal_reason": np.where(refused, reason_pick, ""),
            "recipients_notified": np.where(art19 & granted, "yes", np.where(art19, "no", "")),
            "handler": rng.choice(HANDLERS, n),
        }
    )


def _plant_late(frame: pd.DataFrame, rng: np.random.Generator, end: np.datetime64) -> np.ndarray:
    """Make one clean request in LATE_EVERY a plain late answer (40-60 days, no extension)."""
    received = frame["received_at"].to_numpy().astype("datetime64[D]")
    eligible = np.flatnonzero((frame["extended"] == "no").to_numpy()
                              & (received <= end - np.timedelta64(70, "D")))  # fmt: skip
    count = min(len(eligible), max(3, len(frame) // LATE_EVERY))
    rows = np.sort(rng.choice(eligible, count, replace=False))
    late = received[rows] + rng.integers(40, 61, count).astype("timedelta64[D]")
    frame.loc[frame.index[rows], "responded_at"] = _text(late)
    return rows


def _case_rows(cases: list[Case], rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for c in cases:
        row = {
            "received_at": c.received,
            "request_type": "access",
            "channel": "letter",
            "identity_verified_at": c.received,
            "extended": "no",
            "extension_notified_at": "",
            "responded_at": _day(pd.Timestamp(c.received) + pd.Timedelta(days=10)),
            "outcome": "granted",
            "refusal_reason": "",
            "recipients_notified": "",
            "handler": "dpo-office",
        } | c.changes
        if row["request_type"] in ART19_TYPES and "recipients_notified" not in c.changes:
            row["recipients_notified"] = "yes"
        rows.append(row)
    frame = pd.DataFrame(rows)
    frame.insert(3, "subject_ref", subject_refs(rng, len(frame), 10_000))
    return frame


def _anchors(org: Organisation) -> list[pd.Timestamp]:
    return sorted({audit for audit, _ in PERIODS.values()} | {org.audit_date.normalize()})


def timeline(org: Organisation) -> tuple[pd.DataFrame, list[Case]]:
    """Every request of the sample with its full history (dates may lie after an audit date).

    ``_case`` is the position in the returned list of cases of a planted case, -1 for a clean
    request and -2 for a plain late answer.
    """
    rng = org.rng("rights")
    anchors = _anchors(org)
    start = min(a - pd.DateOffset(years=1) + pd.Timedelta(days=1) for a in anchors)
    start, end = np.datetime64(start.date(), "D"), np.datetime64(anchors[-1].date(), "D")
    count = round(org.size["requests"] * int((end - start).astype(int) + 1) / 365)
    clean = _clean(rng, start, end, count)
    clean["_case"] = -1
    clean.loc[clean.index[_plant_late(clean, rng, end)], "_case"] = -2
    cases = FIXED + FIXED_LATER + [c for a in anchors for c in around(a)]
    planted = _case_rows(cases, rng)
    planted["_case"] = np.arange(len(cases))
    frame = pd.concat([clean, planted], ignore_index=True)
    frame = frame.sort_values("received_at", kind="mergesort").reset_index(drop=True)
    numbers = np.char.zfill(np.arange(1, len(frame) + 1).astype(str), 6)
    frame.insert(0, "request_id", np.char.add("REQ-", numbers))
    return frame, cases


def snapshot(
    frame: pd.DataFrame, cases: list[Case], audit: pd.Timestamp
) -> tuple[pd.DataFrame, np.ndarray]:
    """The log as it stood on ``audit``; also each row's case state: 'own' / 'later' / 'before'
    / 'normal' (for the expected findings)."""
    day = _day(audit)
    kind = frame["_case"].to_numpy()
    planted = kind >= 0
    index = np.where(planted, kind, 0)
    keep_future = planted & np.array([c.keep_future and c.anchor == day for c in cases])[index]
    fixed = planted & np.array([c.anchor is None for c in cases])[index]
    shown = (frame["received_at"].to_numpy() <= day) | keep_future
    # a fixed case appears once all its dates have passed
    for column in DATES[1:]:
        shown &= ~fixed | (frame[column].to_numpy() <= day)
    state = np.full(len(frame), "normal", dtype=object)
    anchor = np.array([c.anchor or "" for c in cases], dtype=object)[index]
    state[planted & (anchor == day)] = "own"
    state[planted & ~fixed & (anchor < day)] = "later"
    if (shown & planted & ~fixed & (anchor > day)).any():
        raise ValueError(f"a case placed against a later audit date shows on {day}")
    log = frame.copy()
    for position, c in enumerate(cases):
        if c.fixed_on is not None and day < c.fixed_on:
            rows = planted & (kind == position)
            for column, value in c.before.items():
                log.loc[rows, column] = value
            state[rows] = "before"
    future = ~keep_future
    for column in ("identity_verified_at", "extension_notified_at", "responded_at"):
        after = future & (log[column].to_numpy() > day)
        if column == "responded_at":
            if (after & (state == "later")).any():
                raise ValueError(f"a case of an earlier audit date is still open on {day}")
            log.loc[after, ["outcome", "refusal_reason", "recipients_notified"]] = ""
        if column == "extension_notified_at":
            log.loc[after, "extended"] = "no"
        log.loc[after, column] = ""
    return log[shown].reset_index(drop=True), state[shown]


def _expected_rules(
    log: pd.DataFrame, state: np.ndarray, cases: list[Case], org: Organisation
) -> list[tuple[str, ...]]:
    from . import params_for

    kind = log["_case"].to_numpy()
    rules: list[tuple[str, ...]] = [()] * len(log)
    for i in np.flatnonzero(kind >= 0):
        c = cases[kind[i]]
        rules[i] = {"own": c.rules, "later": c.later_rules, "before": c.before_rules}.get(
            state[i], c.rules
        )
    late = np.flatnonzero(kind == -2)
    if len(late):
        part = log.iloc[late]
        dates = {name: pd.to_datetime(part[name].replace("", None)) for name in DATES}
        deadline = dsr_deadlines(
            dates["received_at"], part["extended"].eq("yes"), dates["extension_notified_at"],
            params_for(org, {})["holidays"],
        )["deadline"]  # fmt: skip
        answered = dates["responded_at"].notna().to_numpy()
        overdue = (org.audit_date.normalize() > deadline).to_numpy()
        for i, is_answered, is_overdue in zip(late, answered, overdue, strict=True):
            rules[i] = ("DSR-001",) if is_answered else (("DSR-002",) if is_overdue else ())
    return rules


#: builders run in this order (smaller first): a register may use what an earlier one made
BUILD_ORDER = 40


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    frame, cases = timeline(org)
    log, state = snapshot(frame, cases, org.audit_date.normalize())
    rules = _expected_rules(log, state, cases, org)
    keys, kinds = log["request_id"].to_numpy(), log["_case"].to_numpy()
    for i in np.flatnonzero(kinds != -1):
        if not rules[i]:
            continue
        if kinds[i] >= 0 and state[i] == "later":
            note = f"was {cases[kinds[i]].note}; answered after its deadline"
        elif kinds[i] >= 0:
            note = cases[kinds[i]].note
        elif rules[i] == ("DSR-001",):
            note = "answered 40-60 days after receipt, no extension"
        else:
            note = "open past its deadline (to be answered 40-60 days after receipt)"
        for rule_id in rules[i]:
            expected.append(
                {"audit": "rights", "rule_id": rule_id, "record_key": str(keys[i]), "note": note}
            )
    frames["rights_requests"] = log[COLUMNS]
