"""MKT: direct marketing -- objections and consent withdrawals honoured (Art. 21(2)-(3), Art. 7(3)).

After an objection to direct marketing the personal data may no longer be processed for that
purpose (Art. 21(3)): the right is absolute, whatever the legal basis of the sending. A withdrawn
consent stops the processing it based, from then on (Art. 7(3)); sending on the basis of consent
needs a consent given first (Art. 6(1)(a), Art. 7(1): the controller must be able to show it).
The evidence is the campaign tool's send log (``marketing_sends``) and the preference centre's
events (``marketing_preferences``), joined on the pseudonymised ``subject_ref``.

Which consent, objection and withdrawal stand for a send is computed once per run by
:func:`audit_lib.preferences.standing` (rules.md MKT: coverage by subject and channel, events in
the order of ``at`` then of the file, the latest consent at or before the send, the *earliest*
objection or withdrawal after it -- a second objection does not restart the grace period, a new
consent lifts the objection or withdrawal before it).

Decisions where rules.md leaves a choice:

- The registers are judged as they stood at the end of ``audit_date``: a send or an event
  timestamped after it is reported by MKT-004 and left out of every other rule (an event after
  the audit date could not cover an earlier send anyway; a send after it belongs to the next
  period's audit). A send or event without a timestamp or ``subject_ref`` cannot be placed: it is
  a data-quality finding (DQ-004) and no MKT-001..003 finding; MKT-005 needs no time and judges it.
- Grace: ``sent_at`` > ``at`` + *days* (default 2) fires, so a send exactly 2 days after the
  objection is tolerated and one a minute later is not. MKT-001 and MKT-002 each have their own
  ``days`` threshold; MKT-002 is not reported on a send MKT-001 reports (with MKT-001's grace).
- A send without a channel, or with a channel outside the data contract (DQ-004 / DQ-002), is
  covered only by events naming no channel or naming that same value: coverage is equality.
  An event whose ``event`` is empty or unknown is ignored. ``legal_basis`` other than ``consent``
  (empty or unknown included) is not judged by MKT-002 or MKT-003; MKT-001 judges every basis.
- MKT-004 on an event carries the register as ``detail``, as data-quality findings of a secondary
  register do, so that a send and an event sharing an id give two findings with distinct ids.
- MKT-005 compares ``processor_id`` exactly (after trimming) with the processors register's ids.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..preferences import Standing, micros, standing
from . import audit_prefix, rule

audit_prefix("MKT", "marketing")
SENDS = "marketing_sends"
EVENTS = "marketing_preferences"
PROCESSORS = "processors"
COLUMNS = ["record_key", "message"]
DAY_US = 86_400_000_000
_STAMP = "%Y-%m-%d %H:%M:%S"
_CAMPAIGN_CHARS = 80


# ----------------------------------------------------------------------------------------- helpers
def _none() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS)


def _cached(ctx, key: str, build):
    if key not in ctx.cache:
        ctx.cache[key] = build()
    return ctx.cache[key]


def audit_end(ctx) -> pd.Timestamp:
    """The end of ``audit_date`` (exclusive): the registers are judged as they stood then."""
    return ctx.audit_date.normalize() + pd.Timedelta(days=1)


def _end_us(ctx) -> int:
    return int(audit_end(ctx).to_datetime64().astype("datetime64[us]").view("int64"))


def send_times(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(microseconds, present) of ``sent_at``, computed once per run."""
    return _cached(ctx, "marketing.send_times", lambda: micros(ctx.frames[SENDS]["sent_at"]))


def event_times(ctx) -> tuple[np.ndarray, np.ndarray]:
    """(microseconds, present) of the preference events' ``at``, computed once per run."""
    return _cached(ctx, "marketing.event_times", lambda: micros(ctx.frames[EVENTS]["at"]))


def sends_after(ctx) -> np.ndarray:
    """Bool per send: timestamped after the end of the audit date (MKT-004)."""
    ticks, present = send_times(ctx)
    return present & (ticks >= _end_us(ctx))


def events_after(ctx) -> np.ndarray:
    """Bool per preference event: timestamped after the end of the audit date (MKT-004)."""
    ticks, present = event_times(ctx)
    return present & (ticks >= _end_us(ctx))


def sends_in_scope(ctx) -> np.ndarray:
    """Bool per send: timestamped at or before the end of the audit date (judged by MKT-001..003)."""
    ticks, present = send_times(ctx)
    return present & (ticks < _end_us(ctx))


def send_standing(ctx) -> Standing:
    """Consent, objection and withdrawal of every send in scope (events in scope), once per run."""

    def build() -> Standing:
        sends = ctx.frames[SENDS]
        events = ctx.frames[EVENTS]
        _, present = event_times(ctx)
        return standing(
            sends, events, send_rows=sends_in_scope(ctx), event_rows=present & ~events_after(ctx)
        )

    return _cached(ctx, "marketing.standing", build)


def _grace_us(ctx, rule_id: str) -> int:
    return int(round(float(ctx.threshold(rule_id, "days")) * DAY_US))


def consent_based(ctx) -> np.ndarray:
    """Bool per send: its legal basis is consent."""
    return _cached(
        ctx,
        "marketing.consent_based",
        lambda: ctx.frames[SENDS]["legal_basis"].eq("consent").fillna(False).to_numpy(dtype=bool),
    )


def _ignored(ctx, positions: np.ndarray, rule_id: str) -> np.ndarray:
    """Bool per send: the event at `positions` (-1 none) is older than the send by more than the
    rule's grace period."""
    sent, _ = send_times(ctx)
    at, _ = event_times(ctx)
    has = positions >= 0
    out = np.zeros(len(positions), dtype=bool)
    out[has] = sent[has] > at[positions[has]] + _grace_us(ctx, rule_id)
    return out


def ignored_objections(ctx) -> np.ndarray:
    """Bool per send: sent after its standing objection plus the grace period (MKT-001)."""
    return _cached(
        ctx,
        "marketing.mkt001",
        lambda: _ignored(ctx, send_standing(ctx).objection, "MKT-001"),
    )


def ignored_withdrawals(ctx) -> np.ndarray:
    """Bool per send: consent-based, sent after its standing withdrawal plus the grace period,
    and not already an MKT-001 finding (MKT-002)."""

    def build() -> np.ndarray:
        late = _ignored(ctx, send_standing(ctx).withdrawal, "MKT-002")
        return late & consent_based(ctx) & ~ignored_objections(ctx)

    return _cached(ctx, "marketing.mkt002", build)


def without_consent(ctx) -> np.ndarray:
    """Bool per send in scope: consent-based with no covering consent_given at or before it (MKT-003)."""

    def build() -> np.ndarray:
        frame = ctx.frames[SENDS]
        placed = sends_in_scope(ctx) & frame["subject_ref"].notna().to_numpy(dtype=bool)
        return placed & consent_based(ctx) & ~send_standing(ctx).consented

    return _cached(ctx, "marketing.mkt003", build)


def _text(values: pd.Series, empty: str) -> pd.Series:
    return values.astype("str").fillna(empty).reset_index(drop=True)


def _stamp(values: pd.Series) -> pd.Series:
    return values.dt.strftime(_STAMP).astype("str").fillna("(no time)").reset_index(drop=True)


def _campaign(values: pd.Series) -> pd.Series:
    text = _text(values, "(no campaign)")
    long = text.str.len() > _CAMPAIGN_CHARS
    if long.any():
        text[long] = text[long].str.slice(0, _CAMPAIGN_CHARS - 3) + "..."
    return text


def send_text(rows: pd.DataFrame) -> pd.Series:
    """'email of campaign 'Spring sale' sent 2026-04-12 10:01:00 on consent' per send row."""
    return (
        _text(rows["channel"], "message (no channel)")
        + " of campaign '"
        + _campaign(rows["campaign"])
        + "' sent "
        + _stamp(rows["sent_at"])
        + " on "
        + _text(rows["legal_basis"], "(no legal basis)")
    )


def _delay(micros_: np.ndarray) -> pd.Series:
    """'2 d 0 h 1 min' (seconds shown when there are any)."""
    seconds = pd.Series(micros_ // 1_000_000, dtype="int64")
    days, rest = seconds // 86_400, seconds % 86_400
    text = (
        days.astype("str")
        + " d "
        + (rest // 3600).astype("str")
        + " h "
        + (rest % 3600 // 60).astype("str")
        + " min"
    )
    odd = (rest % 60) > 0
    if odd.any():
        text[odd] = text[odd] + " " + (rest[odd] % 60).astype("str") + " s"
    return text


def _event_findings(ctx, rule_id: str, mask: np.ndarray, positions: np.ndarray, what: str):
    """Findings on the sends where `mask` holds, naming the event at `positions` they ignored."""
    sends = ctx.frames[SENDS]
    if not mask.any():
        return _none()
    rows = sends.loc[mask]
    chosen = positions[mask]
    events = ctx.frames[EVENTS].iloc[chosen]
    sent, _ = send_times(ctx)
    at, _ = event_times(ctx)
    days = ctx.threshold(rule_id, "days")
    channel = (
        events["channel"] if "channel" in events.columns else pd.Series(pd.NA, index=events.index)
    )
    message = (
        send_text(rows)
        + ", "
        + _delay(sent[mask] - at[chosen])
        + f" after {what} "
        + _text(events["event_id"], "?")
        + " ("
        + _text(channel, "every channel")
        + ", recorded "
        + _stamp(events["at"])
        + f"); grace {days} day(s)"
    )
    return pd.DataFrame({"record_key": rows["send_id"].to_numpy(), "message": message.to_numpy()})


# ------------------------------------------------------------------------------------------ rules
@rule(
    "MKT-001",
    severity="high",
    reference="Art. 21(2), 21(3)",
    title="Direct marketing sent after an objection",
    remediation="Stop every direct-marketing processing of this person on the channels the "
    "objection covers (suppression list synchronised with every sending tool and processor), "
    "find why the objection did not reach the campaign, and check the other sends of the campaign.",
    needs=(SENDS, EVENTS),
    thresholds={"days": 2},
)
def mkt_001_objection_ignored(ctx) -> pd.DataFrame:
    mask = ignored_objections(ctx)
    return _event_findings(ctx, "MKT-001", mask, send_standing(ctx).objection, "objection")


@rule(
    "MKT-002",
    severity="high",
    reference="Art. 7(3), Art. 6(1)(a)",
    title="Consent-based marketing sent after the consent was withdrawn",
    remediation="Stop the consent-based sends to this person on the channels the withdrawal "
    "covers, propagate withdrawals to every sending tool within the grace period, and check the "
    "campaign's other recipients.",
    needs=(SENDS, EVENTS),
    thresholds={"days": 2},
)
def mkt_002_withdrawal_ignored(ctx) -> pd.DataFrame:
    mask = ignored_withdrawals(ctx)
    return _event_findings(
        ctx, "MKT-002", mask, send_standing(ctx).withdrawal, "consent withdrawal"
    )


@rule(
    "MKT-003",
    severity="high",
    reference="Art. 6(1)(a), Art. 7(1)",
    title="Consent-based marketing sent without a recorded consent",
    remediation="Show the consent behind this send (date, channel, wording) or stop sending on "
    "that basis; a campaign on the basis of consent may only target people whose consent for the "
    "channel is recorded before the send.",
    needs=(SENDS, EVENTS),
)
def mkt_003_no_consent(ctx) -> pd.DataFrame:
    mask = without_consent(ctx)
    if not mask.any():
        return _none()
    rows = ctx.frames[SENDS].loc[mask]
    channel = _text(rows["channel"], "its channel")
    message = (
        send_text(rows)
        + " with no consent_given for "
        + channel
        + " or every channel recorded at or before it"
    )
    return pd.DataFrame({"record_key": rows["send_id"].to_numpy(), "message": message.to_numpy()})


@rule(
    "MKT-004",
    severity="low",
    reference="Art. 5(1)(d), Art. 5(2)",
    title="Send or preference event dated after the audit date",
    remediation="Check the clock and the export of the tool that recorded it: an entry dated in "
    "the future of the audit is a wrong timestamp or belongs to the next period's export.",
    needs=(SENDS, EVENTS),
)
def mkt_004_after_audit_date(ctx) -> pd.DataFrame:
    day = ctx.audit_date.date().isoformat()
    parts = []
    late_sends = sends_after(ctx)
    if late_sends.any():
        rows = ctx.frames[SENDS].loc[late_sends]
        parts.append(
            pd.DataFrame(
                {
                    "record_key": rows["send_id"].to_numpy(),
                    "message": (send_text(rows) + f", after the audit date {day}").to_numpy(),
                }
            )
        )
    late_events = events_after(ctx)
    if late_events.any():
        rows = ctx.frames[EVENTS].loc[late_events]
        channel = (
            rows["channel"] if "channel" in rows.columns else pd.Series(pd.NA, index=rows.index)
        )
        message = (
            _text(rows["event"], "event")
            + " ("
            + _text(channel, "every channel")
            + ") recorded "
            + _stamp(rows["at"])
            + f", after the audit date {day}"
        )
        parts.append(
            pd.DataFrame(
                {
                    "record_key": rows["event_id"].to_numpy(),
                    "message": message.to_numpy(),
                    "detail": EVENTS,
                }
            )
        )
    if not parts:
        return _none()
    return pd.concat(parts, ignore_index=True)


@rule(
    "MKT-005",
    severity="low",
    reference="Art. 28(1), Art. 30(1)(d)",
    title="Sending processor not in the processors register",
    remediation="Add the processor that sends these messages to the processors register with its "
    "Art. 28 contract, or correct the id in the send log.",
    needs=(SENDS, PROCESSORS),
)
def mkt_005_unknown_processor(ctx) -> pd.DataFrame:
    sends = ctx.frames[SENDS]
    if "processor_id" not in sends.columns:
        return _none()
    processors = ctx.frames[PROCESSORS]
    known = set(processors["processor_id"].dropna().astype("str")) if len(processors) else set()
    given = sends["processor_id"]
    unknown = given.notna() & ~given.isin(known)
    mask = unknown.fillna(False).to_numpy(dtype=bool) & ~sends_after(ctx)
    if not mask.any():
        return _none()
    rows = sends.loc[mask]
    message = (
        send_text(rows)
        + " by processor '"
        + _text(rows["processor_id"], "?")
        + "', which is not in the processors register"
    )
    return pd.DataFrame({"record_key": rows["send_id"].to_numpy(), "message": message.to_numpy()})
