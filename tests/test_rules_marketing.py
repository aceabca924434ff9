"""MKT rules (rules.md MKT, Art. 21(2)-(3), Art. 7(3)): each rule's violating, compliant and
boundary cases, and a property test against a slow reference that walks each send's events one
by one."""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit_lib.findings import finding_ids
from audit_lib.preferences import standing
from audit_lib.rules import RULES, run_rules
from tests import helpers
from tests.helpers import fire, keys, make_ctx

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
SENDS = "marketing_sends"
EVENTS = "marketing_preferences"
ANN = "ann@example.com"
BOB = "+33612345678"


def send(send_id, sent_at, subject=ANN, channel="email", basis="consent", **extra):
    return {
        "send_id": send_id,
        "sent_at": sent_at,
        "subject_ref": subject,
        "channel": channel,
        "campaign": extra.pop("campaign", "Spring sale"),
        "legal_basis": basis,
        **extra,
    }


def event(event_id, at, kind, channel="", subject=ANN, **extra):
    return {
        "event_id": event_id,
        "subject_ref": subject,
        "event": kind,
        "channel": channel,
        "at": at,
        **extra,
    }


@pytest.fixture(autouse=True, params=["text", "categorical"])
def repeated_as(request, monkeypatch):
    """Every test twice: the registers' repeated columns (channel, campaign, legal_basis,
    processor_id; event, channel, source) as text, and as the loader reads them from CSV
    (categoricals)."""
    monkeypatch.setitem(helpers.REPEATED_AS, "mode", request.param)
    return request.param


CONSENT = event("E0", "2025-01-01T08:00:00", "consent_given", "email")


def ctx_of(sends, events, **params):
    """A marketing context from rows as text; an empty list is a register with a header only."""
    templates = {SENDS: send("S0", "2026-01-01T00:00:00"), EVENTS: CONSENT}
    registers = {SENDS: sends or [templates[SENDS]], EVENTS: events or [templates[EVENTS]]}
    if "processors" in params:
        registers["processors"] = params.pop("processors")
    ctx = make_ctx("marketing", registers, **params)
    for name, rows in ((SENDS, sends), (EVENTS, events)):
        if not rows:
            ctx.frames[name] = ctx.frames[name].iloc[:0]
    return ctx


# ----------------------------------------------------------------------------------- MKT-001
def test_mkt_001_send_after_an_objection_past_the_grace_period():
    ctx = ctx_of(
        [send("S1", "2026-04-20T10:00:00")],
        [CONSENT, event("E1", "2026-04-10T10:00:00", "objection")],
    )
    found = fire("MKT-001", ctx)
    assert found["record_key"].tolist() == ["S1"]
    message = found["message"].iloc[0]
    assert "objection E1" in message and "every channel" in message and "10 d 0 h 0 min" in message
    assert ANN not in message


def test_mkt_001_boundary_exactly_the_grace_period_is_tolerated_one_minute_more_is_not():
    ctx = ctx_of(
        [send("S1", "2026-04-12T10:00:00"), send("S2", "2026-04-12T10:01:00")],
        [CONSENT, event("E1", "2026-04-10T10:00:00", "objection", "email")],
    )
    assert keys("MKT-001", ctx) == ["S2"]


def test_mkt_001_whatever_the_legal_basis():
    ctx = ctx_of(
        [send("S1", "2026-05-01T09:00:00", channel="post", basis="legitimate_interests")],
        [event("E1", "2026-04-01T09:00:00", "objection")],
    )
    assert keys("MKT-001", ctx) == ["S1"]
    assert keys("MKT-003", ctx) == []  # legitimate interests needs no consent


def test_mkt_001_compliant_sends_before_the_objection_or_on_another_channel():
    ctx = ctx_of(
        [
            send("S1", "2026-03-01T09:00:00"),  # before the objection
            send("S2", "2026-03-20T09:00:00"),  # email: the objection is for sms
            send("S3", "2026-03-25T09:00:00", channel="sms", subject=BOB),  # other person
        ],
        [
            CONSENT,
            event("E1", "2026-03-05T09:00:00", "objection", "sms"),
            event("E2", "2026-01-01T09:00:00", "consent_given", "sms", subject=BOB),
        ],
    )
    assert keys("MKT-001", ctx) == []


def test_mkt_001_an_objection_for_one_channel_covers_sends_on_that_channel_only():
    ctx = ctx_of(
        [send("S1", "2026-03-20T09:00:00"), send("S2", "2026-03-20T09:00:00", channel="sms")],
        [
            CONSENT,
            event("E1", "2025-01-01T08:00:00", "consent_given", "sms"),
            event("E2", "2026-03-05T09:00:00", "objection", "sms"),
        ],
    )
    assert keys("MKT-001", ctx) == ["S2"]


def test_mkt_001_a_second_objection_does_not_restart_the_grace_period():
    ctx = ctx_of(
        [send("S1", "2026-05-06T12:00:00")],
        [
            CONSENT,
            event("E1", "2026-05-04T09:00:00", "objection", "email"),
            event("E2", "2026-05-06T08:00:00", "objection", "email"),  # 4 h before the send
        ],
    )
    found = fire("MKT-001", ctx)
    assert found["record_key"].tolist() == ["S1"]
    assert "objection E1" in found["message"].iloc[0]


def test_mkt_001_a_new_consent_lifts_the_objection_for_the_channels_it_covers():
    events = [
        CONSENT,
        event("E1", "2026-02-01T09:00:00", "objection"),  # every channel
        event("E2", "2026-02-20T09:00:00", "consent_given", "email"),
    ]
    sends = [
        send("S1", "2026-03-01T09:00:00"),  # email: lifted by E2
        send("S2", "2026-03-02T09:00:00", channel="post", basis="legitimate_interests"),
    ]
    ctx = ctx_of(sends, events)
    assert keys("MKT-001", ctx) == ["S2"]
    # an objection after the new consent stands again
    events.append(event("E3", "2026-02-25T09:00:00", "objection", "email"))
    assert keys("MKT-001", ctx_of(sends, events)) == ["S1", "S2"]


def test_mkt_001_same_timestamp_the_order_in_the_file_decides():
    at = "2026-02-01T09:00:00"
    objection_last = [event("E1", at, "consent_given"), event("E2", at, "objection")]
    consent_last = [event("E1", at, "objection"), event("E2", at, "consent_given")]
    sends = [send("S1", "2026-02-10T09:00:00")]
    assert keys("MKT-001", ctx_of(sends, objection_last)) == ["S1"]
    assert keys("MKT-001", ctx_of(sends, consent_last)) == []


def test_mkt_001_order_in_the_file_not_the_event_ids():
    # events are ordered by `at` then by row: a file written out of time order is sorted
    events = [
        event("E9", "2026-02-01T09:00:00", "objection"),
        event("E1", "2025-01-01T08:00:00", "consent_given"),
    ]
    assert keys("MKT-001", ctx_of([send("S1", "2026-02-10T09:00:00")], events)) == ["S1"]


def test_mkt_001_grace_period_is_a_threshold():
    sends = [send("S1", "2026-04-11T10:00:00")]
    events = [CONSENT, event("E1", "2026-04-10T10:00:00", "objection")]
    assert keys("MKT-001", ctx_of(sends, events)) == []
    tight = ctx_of(sends, events, thresholds={"MKT-001": {"days": 0.5}})
    assert keys("MKT-001", tight) == ["S1"]


def test_mkt_001_other_people_do_not_mix():
    ctx = ctx_of(
        [send("S1", "2026-04-20T10:00:00", subject=BOB, channel="sms")],
        [
            event("E1", "2025-01-01T00:00:00", "consent_given", "sms", subject=BOB),
            event("E2", "2026-04-01T10:00:00", "objection", "sms"),  # Ann's
        ],
    )
    assert keys("MKT-001", ctx) == []


# ----------------------------------------------------------------------------------- MKT-002
def test_mkt_002_consent_based_send_after_a_withdrawal():
    ctx = ctx_of(
        [send("S1", "2026-04-30T10:00:00")],
        [CONSENT, event("E1", "2026-04-20T18:30:00", "consent_withdrawn", "email")],
    )
    found = fire("MKT-002", ctx)
    assert found["record_key"].tolist() == ["S1"]
    assert "consent withdrawal E1" in found["message"].iloc[0]


def test_mkt_002_boundary_grace_period():
    ctx = ctx_of(
        [send("S1", "2026-04-22T18:30:00"), send("S2", "2026-04-22T18:31:00")],
        [CONSENT, event("E1", "2026-04-20T18:30:00", "consent_withdrawn")],
    )
    assert keys("MKT-002", ctx) == ["S2"]


def test_mkt_002_compliant_legitimate_interests_and_new_consent():
    ctx = ctx_of(
        [
            send("S1", "2026-03-01T09:00:00", channel="post", basis="legitimate_interests"),
            send("S2", "2026-02-05T09:00:00"),  # after the consent given again
        ],
        [
            CONSENT,
            event("E1", "2026-01-10T09:00:00", "consent_withdrawn"),
            event("E2", "2026-01-25T09:00:00", "consent_given", "email"),
        ],
    )
    assert keys("MKT-002", ctx) == []
    assert keys("MKT-003", ctx) == []  # post rests on legitimate interests


def test_mkt_002_not_reported_when_mkt_001_fires():
    ctx = ctx_of(
        [send("S1", "2026-04-30T10:00:00")],
        [
            CONSENT,
            event("E1", "2026-04-01T10:00:00", "consent_withdrawn"),
            event("E2", "2026-04-02T10:00:00", "objection"),
        ],
    )
    assert keys("MKT-001", ctx) == ["S1"]
    assert keys("MKT-002", ctx) == []
    # within MKT-001's grace but past MKT-002's: MKT-002 is reported
    close = ctx_of(
        [send("S1", "2026-04-03T10:00:00")],
        [
            CONSENT,
            event("E1", "2026-04-01T09:00:00", "consent_withdrawn"),
            event("E2", "2026-04-02T10:00:00", "objection"),
        ],
    )
    assert keys("MKT-001", close) == [] and keys("MKT-002", close) == ["S1"]


# ----------------------------------------------------------------------------------- MKT-003
def test_mkt_003_consent_based_send_without_any_consent():
    ctx = ctx_of([send("S1", "2026-04-30T10:00:00", subject="nobody@example.com")], [CONSENT])
    found = fire("MKT-003", ctx)
    assert found["record_key"].tolist() == ["S1"]
    assert "no consent_given for email" in found["message"].iloc[0]
    assert "nobody" not in found["message"].iloc[0]


def test_mkt_003_consent_for_another_channel_does_not_cover():
    ctx = ctx_of([send("S1", "2026-04-30T10:00:00", channel="sms")], [CONSENT])
    assert keys("MKT-003", ctx) == ["S1"]


def test_mkt_003_boundary_a_send_at_the_very_minute_of_the_consent():
    ctx = ctx_of(
        [
            send("S1", "2026-04-15T11:00:00", channel="sms"),
            send("S2", "2026-04-15T10:59:00", channel="sms"),
        ],
        [event("E1", "2026-04-15T11:00:00", "consent_given", "sms")],
    )
    assert keys("MKT-003", ctx) == ["S2"]


def test_mkt_003_compliant_a_consent_for_every_channel_and_a_withdrawn_one():
    ctx = ctx_of(
        [send("S1", "2026-04-30T10:00:00", channel="sms"), send("S2", "2026-04-30T10:00:00")],
        [
            event("E1", "2025-01-01T00:00:00", "consent_given"),  # every channel
            event("E2", "2026-04-29T10:00:00", "consent_withdrawn", "email"),
        ],
    )
    # a withdrawn consent was still given: MKT-002's business (here within the grace), not MKT-003's
    assert keys("MKT-003", ctx) == []
    assert keys("MKT-002", ctx) == []


def test_mkt_003_a_consent_recorded_after_the_send_does_not_count():
    ctx = ctx_of(
        [send("S1", "2026-04-30T10:00:00")],
        [event("E1", "2026-05-01T10:00:00", "consent_given", "email")],
    )
    assert keys("MKT-003", ctx) == ["S1"]


# ----------------------------------------------------------------------------------- MKT-004
def test_mkt_004_sends_and_events_after_the_end_of_the_audit_date():
    ctx = ctx_of(
        [
            send("S1", "2026-09-30T23:59:59"),  # the audit date's last second: in scope
            send("S2", "2026-10-01T00:00:00"),
            send("S3", "2026-09-30"),  # date only
        ],
        [
            CONSENT,
            event("E1", "2026-10-02T08:00:00", "objection"),
            event("E2", "2026-09-30T23:59:00", "consent_withdrawn"),
        ],
    )
    found = fire("MKT-004", ctx)
    assert sorted(found["record_key"]) == ["E1", "S2"]
    assert found.set_index("record_key").loc["E1", "detail"] == EVENTS


def test_mkt_004_rows_after_the_audit_date_are_left_out_of_the_other_rules():
    ctx = ctx_of(
        [send("S1", "2026-10-20T10:00:00"), send("S2", "2026-10-20T10:00:00", subject=BOB)],
        [CONSENT, event("E1", "2026-09-01T10:00:00", "objection")],
    )
    assert keys("MKT-004", ctx) == ["S1", "S2"]
    for rule_id in ("MKT-001", "MKT-002", "MKT-003"):
        assert keys(rule_id, ctx) == []
    # an event after the audit date covers nothing in scope either
    later = ctx_of(
        [send("S1", "2026-09-30T10:00:00", subject=BOB)],
        [event("E1", "2026-10-01T10:00:00", "consent_given", subject=BOB)],
    )
    assert keys("MKT-003", later) == ["S1"]


def test_mkt_004_a_send_and_an_event_with_the_same_id_are_two_findings():
    ctx = ctx_of(
        [send("X-1", "2026-10-20T10:00:00")],
        [CONSENT, event("X-1", "2026-10-02T08:00:00", "objection")],
    )
    results = run_rules("marketing", ctx)
    found = results.findings[results.findings["rule_id"] == "MKT-004"]
    assert len(found) == 2 and found["finding_id"].is_unique
    # the send keeps the plain finding id of the spec (audit|rule_id|record_key)
    plain = finding_ids(pd.Series(["marketing"]), pd.Series(["MKT-004"]), pd.Series(["X-1"]))
    assert plain.iloc[0] in set(found["finding_id"])


# ----------------------------------------------------------------------------------- MKT-005
PROCESSORS = [
    {
        "processor_id": "PR-001",
        "name": "Mailer",
        "service": "e-mail",
        "country": "FR",
        "active": "yes",
        "risk_tier": "medium",
        "dpa_signed": "yes",
        **{
            f"clause_{c}": "yes"
            for c in (
                "a_instructions",
                "b_confidentiality",
                "c_security",
                "d_subprocessors",
                "e_data_subject_rights",
                "f_assistance",
                "g_deletion_return",
                "h_audits",
            )
        },
        "subprocessor_authorisation": "specific",
    }
]


def test_mkt_005_sending_processor_not_in_the_register():
    sends = [
        send("S1", "2026-04-01T10:00:00", processor_id="PR-001"),
        send("S2", "2026-04-01T10:00:00", processor_id="PR-999"),
        send("S3", "2026-04-01T10:00:00", processor_id=""),  # sent in-house
    ]
    ctx = ctx_of(sends, [CONSENT], processors=PROCESSORS)
    found = fire("MKT-005", ctx)
    assert found["record_key"].tolist() == ["S2"]
    assert "'PR-999'" in found["message"].iloc[0]


def test_mkt_005_not_evaluated_without_the_processors_register():
    ctx = ctx_of([send("S1", "2026-04-01T10:00:00", processor_id="PR-999")], [CONSENT])
    results = run_rules("marketing", ctx)
    assert "MKT-005" in results.not_evaluated and "MKT-005" not in results.evaluated


def test_mkt_005_without_the_column_and_boundary_case_and_spaces():
    ctx = ctx_of([send("S1", "2026-04-01T10:00:00")], [CONSENT], processors=PROCESSORS)
    assert keys("MKT-005", ctx) == []
    ctx = ctx_of(
        [send("S1", "2026-04-01T10:00:00", processor_id=" PR-001 ")],
        [CONSENT],
        processors=PROCESSORS,
    )
    assert keys("MKT-005", ctx) == []  # trimmed on load


# ------------------------------------------------------------------------- rows that cannot be placed
def test_rows_without_a_time_subject_or_known_event_are_left_to_data_quality():
    ctx = ctx_of(
        [
            send("S1", "not a date"),
            send("S2", "2026-04-30T10:00:00", subject=""),
            send("S3", "2026-04-30T10:00:00", channel=""),  # covered by channel-less events only
            send("S4", "2026-04-30T10:00:00", basis="contract"),  # not consent: not MKT-002/003
        ],
        [
            CONSENT,
            event("E1", "", "objection"),
            event("E2", "2026-04-01T00:00:00", "unsubscribed"),
            event("E3", "2026-04-01T00:00:00", "objection", "email"),
        ],
    )
    assert keys("MKT-001", ctx) == ["S4"]
    assert keys("MKT-003", ctx) == ["S3"]
    assert keys("MKT-002", ctx) == []


def test_an_empty_register_gives_no_finding():
    ctx = ctx_of([], [])
    for rule_id in ("MKT-001", "MKT-002", "MKT-003", "MKT-004"):
        assert keys(rule_id, ctx) == []


# ----------------------------------------------------------------- property: a slow reference
def reference(ctx, grace_objection: float = 2, grace_withdrawal: float = 2) -> set:
    """The MKT-001..004 findings, computed the obvious way: for each send, walk the events in
    order (`at`, then row) and keep the latest consent, and the first objection and first
    withdrawal after it."""
    sends, events = ctx.frames[SENDS], ctx.frames[EVENTS]
    end = ctx.audit_date.normalize() + pd.Timedelta(days=1)
    kinds = ("consent_given", "consent_withdrawn", "objection")
    rows = [
        (e.at, position, e)
        for position, e in enumerate(events.itertuples(index=False))
        if not pd.isna(e.at) and e.at < end and not pd.isna(e.subject_ref) and e.event in kinds
    ]
    rows.sort(key=lambda item: (item[0], item[1]))
    found = set()
    for s in sends.itertuples(index=False):
        if pd.isna(s.sent_at):
            continue
        if s.sent_at >= end:
            found.add(("MKT-004", s.send_id))
            continue
        if pd.isna(s.subject_ref):
            continue
        consent = objection = withdrawal = None
        for at, _, e in rows:
            if at > s.sent_at:
                break
            channel = getattr(e, "channel", None)
            covers = pd.isna(channel) or (not pd.isna(s.channel) and channel == s.channel)
            if e.subject_ref != s.subject_ref or not covers:
                continue
            if e.event == "consent_given":
                consent, objection, withdrawal = e, None, None
            elif e.event == "objection" and objection is None:
                objection = e
            elif e.event == "consent_withdrawn" and withdrawal is None:
                withdrawal = e
        late = objection is not None and s.sent_at > objection.at + pd.Timedelta(
            days=grace_objection
        )
        if late:
            found.add(("MKT-001", s.send_id))
        on_consent = s.legal_basis == "consent"
        if (
            on_consent
            and not late
            and withdrawal is not None
            and s.sent_at > withdrawal.at + pd.Timedelta(days=grace_withdrawal)
        ):
            found.add(("MKT-002", s.send_id))
        if on_consent and consent is None:
            found.add(("MKT-003", s.send_id))
    for e in events.itertuples(index=False):
        if not pd.isna(e.at) and e.at >= end:
            found.add(("MKT-004", e.event_id))
    return found


BASE = dt.datetime(2026, 9, 20, 9, 0)
# minutes after BASE: ties, the grace period (2 days = 2880 min) and one minute either side,
# the end of the audit date (10 days 15 h later) and after it
OFFSETS = (0, 1, 60, 2879, 2880, 2881, 4000, 5760, 5761, 15 * 60 + 14399, 15 * 60 + 14400)


def stamp() -> st.SearchStrategy[str]:
    offset = st.one_of(st.sampled_from(OFFSETS), st.integers(0, 8000))
    stamps = offset.map(lambda m: (BASE + dt.timedelta(minutes=m)).isoformat())
    return st.one_of(stamps, stamps, stamps, st.just(""), st.just("2026-09-21"))


SUBJECTS = st.sampled_from((ANN, BOB, "  " + ANN, ""))
CHANNELS = st.sampled_from(("email", "sms", "", "Email", "fax"))


@st.composite
def registers(draw):
    sends = [
        send(
            f"S{i}",
            draw(stamp()),
            subject=draw(SUBJECTS),
            channel=draw(CHANNELS.filter(bool) | st.just("")),
            basis=draw(st.sampled_from(("consent", "consent", "legitimate_interests", ""))),
        )
        for i in range(draw(st.integers(0, 6)))
    ]
    events = [
        event(
            f"E{i}",
            draw(stamp()),
            draw(st.sampled_from(("consent_given", "consent_withdrawn", "objection", "other"))),
            draw(CHANNELS),
            subject=draw(SUBJECTS),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    return sends, events


@settings(
    max_examples=1000 if THOROUGH else 120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=registers(), grace=st.sampled_from((2, 0, 1.5)))
def test_rules_agree_with_the_slow_reference(data, grace):
    sends, events = data
    thresholds = {"MKT-001": {"days": grace}, "MKT-002": {"days": 2}}
    ctx = ctx_of(sends, events, thresholds=thresholds)
    got = {
        (rule_id, key)
        for rule_id in ("MKT-001", "MKT-002", "MKT-003", "MKT-004")
        for key in fire(rule_id, ctx)["record_key"]
    }
    assert got == reference(ctx, grace_objection=grace, grace_withdrawal=2)


def test_standing_matches_the_reference_at_a_larger_scale():
    """Many people, channels and ties at once (the vectorised paths: expansion of channel-less
    events over several channels, sends out of time order, groups side by side)."""
    rng = np.random.default_rng(7)
    people = [f"p{i}@example.com" for i in range(40)]
    channels = ["email", "sms", "post", "phone", ""]
    kinds = ["consent_given", "consent_withdrawn", "objection"]
    minutes = rng.integers(0, 6000, 900)
    events = [
        event(
            f"E{i}",
            (BASE - dt.timedelta(days=20) + dt.timedelta(minutes=int(m) // 5 * 5)).isoformat(),
            kinds[rng.integers(0, 3)],
            channels[rng.integers(0, 5)],
            subject=people[rng.integers(0, 40)],
        )
        for i, m in enumerate(minutes[:300])
    ]
    sends = [
        send(
            f"S{i}",
            (BASE - dt.timedelta(days=20) + dt.timedelta(minutes=int(m))).isoformat(),
            subject=people[rng.integers(0, 40)],
            channel=channels[rng.integers(0, 4)],
            basis=["consent", "legitimate_interests"][rng.integers(0, 2)],
        )
        for i, m in enumerate(minutes[300:])
    ]
    ctx = ctx_of(sends, events)
    got = {
        (rule_id, key)
        for rule_id in ("MKT-001", "MKT-002", "MKT-003", "MKT-004")
        for key in fire(rule_id, ctx)["record_key"]
    }
    expected = reference(ctx)
    assert got == expected
    assert {rule for rule, _ in expected} >= {"MKT-001", "MKT-002", "MKT-003"}


def test_standing_names_the_events():
    ctx = ctx_of(
        [send("S1", "2026-05-06T12:00:00"), send("S2", "2024-01-01T00:00:00")],
        [
            CONSENT,
            event("E1", "2026-05-04T09:00:00", "objection", "email"),
            event("E2", "2026-05-05T09:00:00", "consent_withdrawn"),
            event("E3", "2026-05-06T08:00:00", "objection"),
        ],
    )
    result = standing(ctx.frames[SENDS], ctx.frames[EVENTS])
    assert result.consented.tolist() == [True, False]
    assert result.objection.tolist() == [1, -1]
    assert result.withdrawal.tolist() == [2, -1]


@pytest.mark.parametrize("rule_id", ["MKT-001", "MKT-002", "MKT-003", "MKT-004", "MKT-005"])
def test_every_rule_is_registered_with_the_spec_severity(rule_id):
    severity = {"MKT-004": "low", "MKT-005": "low"}.get(rule_id, "high")
    assert RULES[rule_id].severity == severity and RULES[rule_id].audit == "marketing"


def test_key_figures_charts_and_tables_on_every_kind_of_finding():
    from audit_lib.audits import AUDITS
    from audit_lib.notebook import AuditSession

    ctx = ctx_of(
        [
            send("S1", "2026-04-20T10:00:00", campaign="Spring"),  # 10 days after E1: MKT-001
            send("S2", "2026-04-30T10:00:00", campaign="Spring"),  # 20 days after E1: MKT-001
            send("S3", "2026-05-01T10:00:00", subject=BOB, channel="sms", campaign=""),  # MKT-002
            send("S4", "2026-05-01T10:00:00", subject="c@example.com"),  # MKT-003
            send("S5", "2026-10-01T10:00:00"),  # MKT-004
            send("S6", "2025-01-01T10:00:00", channel="", campaign="Old"),  # before the window
        ],
        [
            CONSENT,
            event("E1", "2026-04-10T10:00:00", "objection"),
            event("E2", "2025-01-01T00:00:00", "consent_given", "sms", subject=BOB),
            event("E3", "2026-04-01T00:00:00", "consent_withdrawn", subject=BOB),
        ],
    )
    session = AuditSession("marketing", ctx.params, ctx)
    findings = session.run()
    assert sorted(zip(findings["rule_id"], findings["record_key"], strict=True)) == [
        ("MKT-001", "S1"),
        ("MKT-001", "S2"),
        ("MKT-002", "S3"),
        ("MKT-003", "S4"),
        ("MKT-003", "S6"),
        ("MKT-004", "S5"),
    ]
    kpis = {kpi["label"]: kpi for kpi in session.kpis()}
    assert kpis["Messages sent"]["value"] == "5"
    assert "1 after the audit date" in kpis["Messages sent"]["note"]
    assert kpis["People reached"]["value"] == "3"
    assert kpis["Objections received"]["value"] == "1"
    assert kpis["Consent withdrawals received"]["value"] == "1"
    assert kpis["Sends after an objection or withdrawal"]["value"] == "3"
    assert kpis["Share of sends after an objection or withdrawal"]["value"] == "60%"
    # one objection (E1), ignored last by S2, 20 days after it
    assert kpis["Median days from an objection to the last send that ignored it"]["value"] == (
        "20.0 days"
    )
    import matplotlib.pyplot as plt

    assert len(session.charts()) == 4  # the severity chart and three of the audit's
    plt.close("all")
    months, campaigns = AUDITS["marketing"].tables(ctx, findings)
    assert months.frame["total"].sum() == 4  # S6 is before the 12 months shown
    assert campaigns.frame.to_dict("records") == [
        {
            "campaign": "Spring",
            "sends": 2,
            "after an objection (MKT-001)": 2,
            "after a consent withdrawal (MKT-002)": 0,
            "share": "100%",
        },
        {
            "campaign": "(no campaign)",
            "sends": 1,
            "after an objection (MKT-001)": 0,
            "after a consent withdrawal (MKT-002)": 1,
            "share": "100%",
        },
    ]
