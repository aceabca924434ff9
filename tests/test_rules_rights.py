"""DSR-001..DSR-008: a violating, a compliant and the boundary records of rules.md for each rule.

Deadline (Art. 12(3), Reg 1182/71): received + 1 calendar month (clamped to the month's last day),
+ 3 months when the extension was notified on or before that base deadline, then moved past
Saturdays, Sundays and the *holidays* parameter. A response on the deadline day is on time.
"""

import datetime as dt

import pytest

from audit_lib.rules import RULES
from audit_lib.rules.rights import CACHE_KEY, day_columns, request_deadlines
from tests.helpers import fire, keys, make_ctx

HOLIDAYS = [dt.date(2026, 4, 6), dt.date(2026, 5, 1), dt.date(2026, 5, 8), dt.date(2026, 8, 15)]
SUBJECT = "jane.doe42@example.com"


def request(request_id="R1", **overrides):
    row = {
        "request_id": request_id,
        "received_at": "2026-03-02",
        "request_type": "access",
        "channel": "letter",
        "subject_ref": SUBJECT,
        "identity_verified_at": "2026-03-03",
        "extended": "no",
        "extension_notified_at": "",
        "responded_at": "2026-03-20",
        "outcome": "granted",
        "refusal_reason": "",
        "recipients_notified": "",
        "handler": "team-1",
    }
    row.update(overrides)
    return row


def ctx_for(*rows, audit_date="2026-09-30", holidays=None):
    return make_ctx("rights", {"rights_requests": list(rows)}, audit_date, holidays=holidays or [])


def answered(request_id, received, responded, **overrides):
    return request(
        request_id,
        received_at=received,
        identity_verified_at=received,
        responded_at=responded,
        **overrides,
    )


# ---------------------------------------------------------------- DSR-001 answered late


@pytest.mark.parametrize(
    ("received", "on_time", "late", "holidays"),
    [
        ("2026-03-02", "2026-04-02", "2026-04-03", []),  # plain month: same day number
        ("2025-01-31", "2025-02-28", "2025-03-03", []),  # 31 Jan -> 28 Feb (a Friday)
        ("2024-01-31", "2024-02-29", "2024-03-01", []),  # leap year: 31 Jan -> 29 Feb
        ("2024-02-29", "2024-03-29", "2024-04-01", []),  # received on the leap day
        ("2026-03-31", "2026-04-30", "2026-05-01", []),  # 31 Mar -> 30 Apr
        ("2026-02-07", "2026-03-09", "2026-03-10", []),  # base Saturday 7 Mar -> Monday 9 Mar
        ("2026-02-08", "2026-03-09", "2026-03-10", []),  # base Sunday 8 Mar -> Monday 9 Mar
        ("2026-01-31", "2026-03-02", "2026-03-03", []),  # 31 Jan -> Saturday 28 Feb -> Monday 2 Mar
        (
            "2026-04-08",
            "2026-05-11",
            "2026-05-12",
            HOLIDAYS,
        ),  # holiday Fri 8 May, weekend -> Mon 11
        (
            "2026-03-04",
            "2026-04-07",
            "2026-04-08",
            HOLIDAYS,
        ),  # Sat 4 Apr, Sun, holiday Mon -> Tue 7
    ],
)
def test_dsr_001_response_on_the_deadline_day_is_on_time_the_day_after_is_late(
    received, on_time, late, holidays
):
    ctx = ctx_for(
        answered("on-time", received, on_time), answered("late", received, late), holidays=holidays
    )
    assert keys("DSR-001", ctx) == ["late"]


def test_dsr_001_holiday_counts_only_when_listed():
    # Friday 8 May 2026 is a working day unless the holidays parameter lists it
    row = answered("r", "2026-04-08", "2026-05-11")
    assert keys("DSR-001", ctx_for(row)) == ["r"]
    assert keys("DSR-001", ctx_for(row, holidays=HOLIDAYS)) == []


def test_dsr_001_message_names_the_deadline_and_how_it_was_counted():
    ctx = ctx_for(answered("late", "2026-02-07", "2026-03-10"))
    message = fire("DSR-001", ctx)["message"].iloc[0]
    assert message == (
        "responded 2026-03-10, 1 day after the deadline 2026-03-09 "
        "(received 2026-02-07 + 1 month = 2026-03-07, moved to the next working day)"
    )


def test_dsr_001_open_requests_are_not_answered_late():
    ctx = ctx_for(request("open", received_at="2025-01-02", responded_at="", outcome=""))
    assert keys("DSR-001", ctx) == []


# ---------------------------------------------------------------- DSR-003 extension notice


def extended(request_id, notified, responded, received="2026-03-16", **overrides):
    row = {"extended": "yes", "extension_notified_at": notified, "responded_at": responded}
    row.update(overrides)
    return request(request_id, received_at=received, identity_verified_at=received, **row)


def test_dsr_003_extension_notified_on_the_base_deadline_day_is_valid():
    # received Mon 16 Mar 2026: base deadline Thu 16 Apr; notified that day -> deadline Tue 16 Jun
    ctx = ctx_for(
        extended("on-deadline", "2026-04-16", "2026-06-16"),
        extended("day-after-3m", "2026-04-16", "2026-06-17"),
    )
    assert keys("DSR-003", ctx) == []
    assert keys("DSR-001", ctx) == ["day-after-3m"]
    deadlines = request_deadlines(ctx)
    assert deadlines["extension_valid"].tolist() == [True, True]
    assert deadlines["deadline"].dt.strftime("%Y-%m-%d").tolist() == ["2026-06-16", "2026-06-16"]


def test_dsr_003_extension_notified_the_day_after_does_not_count():
    ctx = ctx_for(
        extended("late-notice-late-answer", "2026-04-17", "2026-05-20"),
        extended("late-notice-answer-in-month", "2026-04-17", "2026-04-16"),
    )
    assert keys("DSR-003", ctx) == ["late-notice-answer-in-month", "late-notice-late-answer"]
    # the 1-month deadline applies: the answer of 20 May is late, the one of 16 April is not
    assert keys("DSR-001", ctx) == ["late-notice-late-answer"]
    message = fire("DSR-003", ctx)["message"].iloc[0]
    assert message == (
        "extension notified 2026-04-17, 1 day after the one-month limit 2026-04-16; "
        "the 1-month deadline applies"
    )


def test_dsr_003_extended_without_a_notification_date():
    ctx = ctx_for(extended("none", "", "2026-04-10"), extended("ok", "2026-03-20", "2026-04-10"))
    assert keys("DSR-003", ctx) == ["none"]
    assert "extended but extension_notified_at is empty" in fire("DSR-003", ctx)["message"].iloc[0]


@pytest.mark.parametrize("flag", ["no", ""])
def test_dsr_003_not_extended_is_never_a_late_notice(flag):
    row = extended("r", "2026-05-01", "2026-04-10", extended=flag)
    assert keys("DSR-003", ctx_for(row)) == []


def test_dsr_003_notice_compares_with_the_unrolled_base_deadline():
    # base deadline Saturday 7 Mar 2026; a notice on the next working day (Monday 9) is late:
    # rules.md compares extension_notified_at with the base deadline, which is not rolled
    ctx = ctx_for(
        extended("monday", "2026-03-09", "2026-03-09", received="2026-02-07"),
        extended("saturday", "2026-03-07", "2026-05-07", received="2026-02-07"),
    )
    assert keys("DSR-003", ctx) == ["monday"]
    assert keys("DSR-001", ctx) == []  # Monday 9 Mar is the (rolled) 1-month deadline


def test_dsr_001_extended_deadline_is_clamped_and_rolled():
    # 30 Nov 2025 + 3 months = 28 Feb 2026 (Saturday) -> Monday 2 Mar
    ctx = ctx_for(
        extended("on-time", "2025-12-20", "2026-03-02", received="2025-11-30"),
        extended("late", "2025-12-20", "2026-03-03", received="2025-11-30"),
    )
    assert keys("DSR-001", ctx) == ["late"]
    assert fire("DSR-001", ctx)["message"][0] == (
        "responded 2026-03-03, 1 day after the deadline 2026-03-02 (received 2025-11-30 + 3 months "
        "= 2026-02-28, moved to the next working day; extension notified in time)"
    )


# ---------------------------------------------------------------- DSR-002 open past deadline


def open_request(request_id, received, **overrides):
    return request(
        request_id,
        received_at=received,
        identity_verified_at=received,
        responded_at="",
        outcome="",
        **overrides,
    )


def test_dsr_002_open_request_past_its_deadline():
    ctx = ctx_for(
        open_request("due-today", "2026-08-30"),  # deadline Wed 30 Sep = audit date: not overdue
        open_request("one-day-over", "2026-08-29"),  # deadline Tue 29 Sep
        open_request("not-yet-due", "2026-09-20"),
        open_request(
            "extended-valid", "2026-07-15", extended="yes", extension_notified_at="2026-08-01"
        ),
        answered("answered-late", "2026-01-02", "2026-09-01"),  # DSR-001's, not DSR-002's
    )
    assert keys("DSR-002", ctx) == ["one-day-over"]
    assert (
        fire("DSR-002", ctx)["message"]
        .iloc[0]
        .startswith("still open on the audit date, 1 day after the deadline 2026-09-29")
    )


@pytest.mark.parametrize(
    ("audit_date", "fires"), [("2026-05-09", False), ("2026-05-11", False), ("2026-05-12", True)]
)
def test_dsr_002_rolled_deadline_against_the_audit_date(audit_date, fires):
    # base deadline Fri 8 May 2026 (listed holiday), then the weekend: deadline Monday 11 May
    ctx = ctx_for(open_request("r", "2026-04-08"), audit_date=audit_date, holidays=HOLIDAYS)
    assert keys("DSR-002", ctx) == (["r"] if fires else [])


def test_dsr_002_extension_notified_late_leaves_the_1_month_deadline():
    # base Sat 15 Aug 2026 (also a holiday); notice on Monday 17 is late -> deadline Monday 17 Aug
    row = open_request("r", "2026-07-15", extended="yes", extension_notified_at="2026-08-17")
    ctx = ctx_for(row, holidays=HOLIDAYS)
    assert keys("DSR-002", ctx) == ["r"]
    assert keys("DSR-003", ctx) == ["r"]


# ---------------------------------------------------------------- DSR-004 refusal reason


@pytest.mark.parametrize(
    ("outcome", "reason", "fires"),
    [
        ("refused", "", True),
        ("partially_granted", "   ", True),
        ("Refused", "", True),  # enums are normalised to lower case
        ("refused", "Manifestly unfounded (Art. 12(5))", False),
        ("partially_granted", "Art. 15(4): rights of others", False),
        ("granted", "", False),
        ("withdrawn", "", False),
    ],
)
def test_dsr_004_refusal_needs_a_reason(outcome, reason, fires):
    ctx = ctx_for(request("r", outcome=outcome, refusal_reason=reason))
    assert keys("DSR-004", ctx) == (["r"] if fires else [])


# ---------------------------------------------------------------- DSR-005 identity


def test_dsr_005_identity_verified_before_the_answer():
    ctx = ctx_for(
        request("none", identity_verified_at=""),
        request("after", identity_verified_at="2026-03-21", responded_at="2026-03-20"),
        request("same-day", identity_verified_at="2026-03-20", responded_at="2026-03-20"),
        request("withdrawn", identity_verified_at="", outcome="withdrawn"),
        request("open", identity_verified_at="", responded_at="", outcome=""),
        request("no-outcome", identity_verified_at="", outcome=""),  # not withdrawn: DSR-005 too
    )
    assert keys("DSR-005", ctx) == ["after", "no-outcome", "none"]
    messages = dict(zip(*fire("DSR-005", ctx).to_dict("list").values(), strict=True))
    assert messages["after"] == "identity verified 2026-03-21, after the response of 2026-03-20"
    assert messages["none"] == "responded 2026-03-20 with identity_verified_at empty"


# ---------------------------------------------------------------- DSR-006 Art. 19


@pytest.mark.parametrize(
    ("request_type", "outcome", "notified", "fires"),
    [
        ("erasure", "granted", "no", True),
        ("rectification", "partially_granted", "", True),
        ("restriction", "granted", "no", True),
        ("restriction", "granted", "yes", False),
        ("erasure", "refused", "no", False),
        ("erasure", "withdrawn", "", False),
        ("access", "granted", "", False),
        ("objection", "granted", "no", False),
    ],
)
def test_dsr_006_recipients_notified_of_rectification_erasure_restriction(
    request_type, outcome, notified, fires
):
    row = request(
        "r",
        request_type=request_type,
        outcome=outcome,
        recipients_notified=notified,
        refusal_reason="reason",
    )
    assert keys("DSR-006", ctx_for(row)) == (["r"] if fires else [])


def test_dsr_006_without_the_recipients_notified_column():
    row = request("r", request_type="erasure")
    del row["recipients_notified"]
    result = fire("DSR-006", ctx_for(row))
    assert result["record_key"].tolist() == ["r"]
    assert result["message"].iloc[0] == "erasure granted with recipients_notified empty"


# ---------------------------------------------------------------- DSR-007 outcome


def test_dsr_007_answered_without_an_outcome():
    ctx = ctx_for(
        request("missing", outcome=""),
        request("open", responded_at="", outcome=""),
        request("ok", outcome="granted"),
    )
    assert keys("DSR-007", ctx) == ["missing"]


# ---------------------------------------------------------------- DSR-008 dates out of order


def test_dsr_008_dates_out_of_order():
    ctx = ctx_for(
        request(
            "responded-before",
            received_at="2026-03-10",
            identity_verified_at="2026-03-10",
            responded_at="2026-03-09",
        ),
        request(
            "verified-before",
            received_at="2026-03-10",
            identity_verified_at="2026-03-09",
            responded_at="2026-03-20",
        ),
        request(
            "notified-before",
            received_at="2026-03-10",
            identity_verified_at="2026-03-10",
            extended="yes",
            extension_notified_at="2026-03-09",
            responded_at="2026-03-20",
        ),
        request(
            "responded-future",
            received_at="2026-09-20",
            identity_verified_at="2026-09-21",
            responded_at="2026-10-01",
        ),
        request(
            "received-future",
            received_at="2026-10-01",
            identity_verified_at="",
            responded_at="",
            outcome="",
        ),
        request(
            "same-day",
            received_at="2026-09-30",
            identity_verified_at="2026-09-30",
            extended="yes",
            extension_notified_at="2026-09-30",
            responded_at="2026-09-30",
        ),
    )
    result = fire("DSR-008", ctx).set_index("record_key")["message"].to_dict()
    assert sorted(result) == [
        "notified-before",
        "received-future",
        "responded-before",
        "responded-future",
        "verified-before",
    ]
    assert result["responded-before"] == "responded_at 2026-03-09 before received_at 2026-03-10"
    assert result["responded-future"] == "responded_at 2026-10-01 after the audit date"
    assert keys("DSR-002", ctx) == []  # the future request is not due yet


def test_dsr_008_lists_every_problem_of_a_record_once():
    row = request(
        "r", received_at="2026-03-10", identity_verified_at="2026-03-01", responded_at="2026-11-01"
    )
    result = fire("DSR-008", ctx_for(row))
    assert result["message"].tolist() == [
        "identity_verified_at 2026-03-01 before received_at 2026-03-10; "
        "responded_at 2026-11-01 after the audit date"
    ]


# ---------------------------------------------------------------- all rules


def test_rules_run_on_a_register_with_only_the_required_columns():
    row = {
        "request_id": "r",
        "received_at": "2026-01-05",
        "request_type": "access",
        "subject_ref": SUBJECT,
    }
    ctx = ctx_for(row)
    fired = {rule_id for rule_id in RULES if rule_id.startswith("DSR-") and keys(rule_id, ctx)}
    assert fired == {"DSR-002"}


def test_clean_requests_fire_nothing_and_messages_never_hold_the_subject_ref():
    clean = ctx_for(request("clean"), answered("a", "2026-01-31", "2026-03-02"))
    assert {r: keys(r, clean) for r in RULES if r.startswith("DSR-")} == {
        r: [] for r in RULES if r.startswith("DSR-")
    }
    bad = ctx_for(
        request("a", responded_at="2026-06-01", outcome="", identity_verified_at=""),
        request("b", request_type="erasure", outcome="refused", extended="yes"),
        open_request("c", "2026-01-01"),
    )
    for rule_id in (r for r in RULES if r.startswith("DSR-")):
        result = fire(rule_id, bad)
        assert not result["message"].str.contains(SUBJECT, regex=False).any(), rule_id


def test_deadlines_are_computed_once_per_context():
    ctx = ctx_for(request("r"))
    first = request_deadlines(ctx)
    fire("DSR-001", ctx)
    fire("DSR-002", ctx)
    assert request_deadlines(ctx) is first
    assert ctx.cache[CACHE_KEY][1] is first
    assert day_columns(ctx) is day_columns(ctx)  # the date columns too


@pytest.mark.filterwarnings("ignore:The inplace keyword")
def test_deadlines_and_dates_follow_a_register_that_lost_rows():
    """A register with rows dropped in place (a notebook cell): both cached entries are renewed
    together, the deadlines computed from the remaining rows."""
    ctx = ctx_for(request("r1"), request("r2", received_at="2026-03-09"), request("r3"))
    request_deadlines(ctx)
    frame = ctx.frames["rights_requests"]
    frame.drop(frame.index[0], inplace=True)  # in place: the point of the test
    deadlines = request_deadlines(ctx)
    assert len(deadlines) == 2
    assert len(day_columns(ctx)["received_at"]) == 2
    assert str(deadlines["deadline"].iloc[0].date()) == "2026-04-09"


# ---------------------------------------------------------------- key figures and charts


def test_kpis_and_charts_of_the_report():
    from audit_lib.audits import AUDITS
    from audit_lib.rules import run_rules

    ctx = ctx_for(
        answered("on-time", "2026-03-02", "2026-03-12"),
        answered("late", "2026-03-02", "2026-04-20"),
        open_request("overdue", "2026-08-10"),
        open_request("not-due", "2026-09-21"),
        extended("ext", "2026-05-01", "2026-06-10", received="2026-04-20"),
        answered("old", "2024-01-31", "2024-02-29"),  # before the 12-month window
    )
    findings, *_ = run_rules("rights", ctx)
    spec = AUDITS["rights"]
    kpis = {k["key"]: k for k in spec.kpis(ctx, findings)}
    assert kpis["dsr_requests"]["value"] == "5"
    assert kpis["dsr_on_time_rate"]["value"] == "50.0%"  # on-time and ext; late and overdue
    assert kpis["dsr_on_time_rate"]["status"] == "bad"
    assert kpis["dsr_open"]["value"] == "2" and kpis["dsr_open_overdue"]["value"] == "1"
    assert kpis["dsr_days_median"]["value"] == "49 days"  # 10, 49 and 51 days
    titles = [chart.title for chart in spec.charts(ctx, findings)]
    assert titles == [
        "Requests per month by type",
        "On-time rate by month the answer was due",
        "Days to respond",
        "Open requests by age against their deadline",
        "Identity verification delay",
        "Outcomes by request type",
    ]


def test_kpis_and_charts_with_only_the_required_columns_or_no_rows():
    from audit_lib.audits import AUDITS

    spec = AUDITS["rights"]
    row = {
        "request_id": "r",
        "received_at": "2026-01-05",
        "request_type": "access",
        "subject_ref": SUBJECT,
    }
    ctx = ctx_for(row)
    assert {k["key"] for k in spec.kpis(ctx, fire("DSR-002", ctx))} >= {"dsr_open_overdue"}
    spec.charts(ctx, fire("DSR-002", ctx))
    empty = make_ctx("rights", {"rights_requests": []}, "2026-09-30")
    empty.frames["rights_requests"] = ctx.frames["rights_requests"].iloc[:0]
    assert spec.kpis(empty, fire("DSR-001", empty))[0]["value"] == "0"
    assert spec.charts(empty, fire("DSR-001", empty)) == []


# ------------------------------------------------------------- public-holiday calendars (issue 15)
def test_a_country_calendar_moves_deadlines_past_its_public_holidays():
    """holidays: {country: FR}: received 2026-10-11 -> base deadline Wednesday 2026-11-11
    (Armistice, a French public holiday) -> 2026-11-12; without the calendar, 11 November."""
    from audit_lib.params import HolidayCalendar
    from audit_lib.rules.rights import request_deadlines

    rows = [
        {
            "request_id": "R1",
            "received_at": "2026-10-11",
            "request_type": "access",
            "subject_ref": "s",
        }
    ]
    plain = make_ctx("rights", {"rights_requests": rows}, "2026-12-31")
    french = make_ctx(
        "rights", {"rights_requests": rows}, "2026-12-31", holiday_calendar=HolidayCalendar("FR")
    )
    assert str(request_deadlines(plain)["deadline"].iloc[0].date()) == "2026-11-11"
    assert str(request_deadlines(french)["deadline"].iloc[0].date()) == "2026-11-12"
    from audit_lib.audits.rights import calendar_kpi

    assert calendar_kpi(french.params)["value"] == "FR public holidays"
    assert calendar_kpi(plain.params)["value"] == "weekends only"
