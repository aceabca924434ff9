"""ACC-001..ACC-010: a violating, a compliant and the boundary records of rules.md for each rule."""

from __future__ import annotations

import pytest

from audit_lib.rules.access import events_after_audit_date
from tests import helpers
from tests.helpers import fire, keys, make_ctx

AUDIT_DATE = "2026-09-30"  # a Wednesday


@pytest.fixture(autouse=True, params=["text", "categorical"])
def repeated_as(request, monkeypatch):
    """Every test twice: the log's repeated columns as text, and as the loader reads them from
    CSV (categoricals)."""
    monkeypatch.setitem(helpers.REPEATED_AS, "mode", request.param)
    return request.param


class Log:
    """An access log built event by event; ids E1, E2, ... in order of writing."""

    def __init__(self) -> None:
        self.rows: list[dict] = []

    def add(self, timestamp: str, user: str, system: str, action: str, **extra: str) -> str:
        event_id = f"E{len(self.rows) + 1}"
        self.rows.append(
            {
                "event_id": event_id,
                "timestamp": timestamp,
                "user_id": user,
                "system": system,
                "action": action,
                **extra,
            }
        )
        return event_id

    def grant(self, timestamp: str, user: str, system: str, **extra: str) -> str:
        fields = {
            "privilege": "standard",
            "ticket_id": "T-1",
            "requester_id": "MGR1",
            "approver_id": "APP1",
            "approved_at": timestamp[:10] + "T08:00:00",
        }
        fields.update(extra)
        return self.add(timestamp, user, system, "grant", **fields)

    def revoke(self, timestamp: str, user: str, system: str) -> str:
        return self.add(timestamp, user, system, "revoke", ticket_id="T-2")


def staff(*users: str, **ends: str) -> list[dict]:
    rows = [{"user_id": u, "employment_start": "2020-01-01", "employment_end": ""} for u in users]
    for row in rows:
        row["employment_end"] = ends.get(row["user_id"], "")
    return rows


def ctx_for(
    log: Log,
    roster: list[dict] | None = None,
    reviews: list[dict] | None = None,
    systems: list[dict] | None = None,
    audit_date: str = AUDIT_DATE,
    **params,
):
    registers = {
        "access_log": log.rows,
        "hr_roster": roster if roster is not None else staff("U1", "U2", "U3", "MGR1", "APP1"),
        "access_reviews": reviews or [],
    }
    if systems is not None:
        registers["systems"] = systems
    return make_ctx("access", registers, audit_date, **params)


# ------------------------------------------------------------------------------------ ACC-001
def test_acc_001_grant_without_ticket():
    log = Log()
    bad = log.grant("2026-03-02T09:00:00", "U1", "CRM", ticket_id="")
    log.grant("2026-03-02T09:00:00", "U2", "CRM", ticket_id="TCK-9")
    log.revoke("2026-03-03T09:00:00", "U2", "CRM")  # revokes are not judged by ACC-001
    log.add("2026-03-04T09:00:00", "U1", "CRM", "login")
    result = fire("ACC-001", ctx_for(log))
    assert list(result["record_key"]) == [bad]
    assert (
        result["message"].iloc[0] == "grant to U1 on CRM at 2026-03-02 09:00:00 without ticket_id"
    )


def test_acc_001_grant_without_user_or_system_is_named_with_a_question_mark():
    """A blank user or system (a data-quality finding of its own) still gets its ACC-001 text;
    as categoricals (the loader's reading) the blank used to make the rule fail."""
    log = Log()
    log.grant("2026-03-02T09:00:00", "", "", ticket_id="")
    result = fire("ACC-001", ctx_for(log))
    assert list(result["message"]) == ["grant to ? on ? at 2026-03-02 09:00:00 without ticket_id"]


def test_acc_001_without_a_ticket_column_every_grant_fires():
    log = Log()
    log.add("2026-03-02T09:00:00", "U1", "CRM", "grant", approver_id="APP1")
    log.add("2026-03-02T10:00:00", "U1", "CRM", "login")
    assert keys("ACC-001", ctx_for(log)) == ["E1"]


# ------------------------------------------------------------------------------------ ACC-002
@pytest.mark.parametrize(
    ("approver", "approved_at", "fires", "reason"),
    [
        ("", "2026-03-02T08:00:00", True, "approver_id empty"),
        ("APP1", "", True, "approved_at empty"),
        ("", "", True, "approver_id and approved_at empty"),
        ("APP1", "2026-03-02T09:00:01", True, "approved_at 2026-03-02 09:00:01 is after the grant"),
        (
            "",
            "2026-03-03T08:00:00",
            True,
            "approver_id empty; approved_at 2026-03-03 08:00:00 is after the grant",
        ),
        ("APP1", "2026-03-02T09:00:00", False, ""),  # approved in the grant's second: in time
        ("APP1", "2026-03-01", False, ""),
    ],
)
def test_acc_002_approval_missing_or_after_the_grant(approver, approved_at, fires, reason):
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM", approver_id=approver, approved_at=approved_at)
    result = fire("ACC-002", ctx_for(log))
    assert list(result["record_key"]) == (["E1"] if fires else [])
    if fires:
        assert result["message"].iloc[0].endswith(": " + reason)


# ------------------------------------------------------------------------------------ ACC-003
@pytest.mark.parametrize(
    ("requester", "approver", "fires"),
    [
        ("U1", "U1", True),  # self-approved: requester, beneficiary and approver are one person
        ("MGR1", "MGR1", True),  # approved by its own requester
        ("MGR1", "U1", True),  # approved by the beneficiary
        ("MGR1", "APP1; MGR1", True),  # one of several approvers is the requester
        ("MGR1", "APP1 ;U1", True),
        ("MGR1", "APP1|U1", True),  # "|" separates list items too
        ("MGR1", "APP1; APP2", False),
        ("MGR1", "MGR10", False),  # ids compared whole, not as substrings
        ("", "APP1", False),
    ],
)
def test_acc_003_segregation_of_duties(requester, approver, fires):
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM", requester_id=requester, approver_id=approver)
    assert keys("ACC-003", ctx_for(log)) == (["E1"] if fires else [])


def test_acc_003_message_says_who_approved():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM", requester_id="U1", approver_id="U1")
    log.grant("2026-03-02T09:00:00", "U2", "CRM", requester_id="MGR1", approver_id="APP1;MGR1")
    messages = list(fire("ACC-003", ctx_for(log))["message"])
    assert messages[0].endswith("self-approved (the user requested and approved it)")
    assert messages[1].endswith(": approved by its own requester")


# ------------------------------------------------------------------------------------ ACC-004
def leaver_log(revoke_at: str | None) -> Log:
    log = Log()
    log.grant("2026-01-05T09:00:00", "U1", "CRM")
    log.grant("2026-01-05T09:00:00", "U1", "ERP")
    log.revoke("2026-06-30T17:00:00", "U1", "ERP")  # revoked on the leaving day
    if revoke_at:
        log.revoke(revoke_at, "U1", "CRM")
    return log


@pytest.mark.parametrize(
    ("revoke_at", "fires"),
    [
        ("2026-06-30T18:00:00", False),  # on the leaving day
        ("2026-07-01T23:59:59", False),  # the day after: the allowed delay of 1 day
        ("2026-07-02T00:00:00", True),  # two days after
        ("2026-06-01T10:00:00", False),  # before leaving
        (None, True),  # never revoked
        ("2026-10-01T09:00:00", True),  # revoked after the audit date: still open at the audit date
    ],
)
def test_acc_004_leaver_revocation_delay(revoke_at, fires):
    ctx = ctx_for(leaver_log(revoke_at), staff("U1", "U2", U1="2026-06-30"))
    assert keys("ACC-004", ctx) == (["U1"] if fires else [])


def test_acc_004_one_finding_per_leaver_listing_the_systems():
    log = leaver_log(None)
    log.grant("2026-01-05T09:00:00", "U1", "HRIS")
    log.revoke("2026-07-06T09:00:00", "U1", "HRIS")
    result = fire("ACC-004", ctx_for(log, staff("U1", U1="2026-06-30")))
    assert list(result["record_key"]) == ["U1"]
    assert result["message"].iloc[0] == (
        "left on 2026-06-30 (revocation due within 1 day(s)): still open on CRM; "
        "revoked late on HRIS (revoked 2026-07-06, 6 days after leaving)"
    )


def test_acc_004_only_leavers_up_to_the_audit_date():
    log = Log()
    log.grant("2026-01-05T09:00:00", "U1", "CRM")
    log.grant("2026-01-05T09:00:00", "U2", "CRM")
    log.grant("2026-01-05T09:00:00", "U3", "CRM")
    roster = staff("U1", "U2", "U3", U1="2026-09-30", U2="2026-10-01")
    # U1 leaves on the audit date itself: a leaver (employment_end <= audit_date), access still open
    assert keys("ACC-004", ctx_for(log, roster)) == ["U1"]


def test_acc_004_grant_after_leaving_and_threshold_override():
    log = Log()
    log.grant("2026-07-10T09:00:00", "U1", "CRM")  # granted to someone who already left
    log.revoke("2026-07-13T09:00:00", "U1", "CRM")
    roster = staff("U1", U1="2026-06-30")
    assert keys("ACC-004", ctx_for(log, roster)) == ["U1"]
    relaxed = ctx_for(log, roster, thresholds={"ACC-004": {"days": 20}})
    assert keys("ACC-004", relaxed) == []


# ------------------------------------------------------------------------------------ ACC-005
def test_acc_005_access_at_the_grant_second_is_allowed_after_the_revoke_not():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    at_grant = log.add("2026-03-02T09:00:00", "U1", "CRM", "login")
    inside = log.add("2026-03-03T10:00:00", "U1", "CRM", "read")
    log.revoke("2026-03-04T17:00:00", "U1", "CRM")
    at_revoke = log.add("2026-03-04T17:00:00", "U1", "CRM", "read")
    after = log.add("2026-03-05T09:00:00", "U1", "CRM", "export")
    result = fire("ACC-005", ctx_for(log))
    assert sorted(result["record_key"]) == sorted([at_revoke, after])
    assert at_grant not in set(result["record_key"]) and inside not in set(result["record_key"])
    assert result["message"].iloc[0] == (
        "read by U1 on CRM at 2026-03-04 17:00:00 with no open entitlement: "
        "after the entitlement was revoked at 2026-03-04 17:00:00"
    )


def test_acc_005_access_logged_before_the_grant_row_in_the_same_second_is_allowed():
    log = Log()
    log.add("2026-03-02T09:00:00", "U1", "CRM", "login")
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    assert keys("ACC-005", ctx_for(log)) == []


def test_acc_005_never_granted_other_system_and_before_grant():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    other_system = log.add("2026-03-03T09:00:00", "U1", "ERP", "read")
    other_user = log.add("2026-03-03T09:00:00", "U2", "CRM", "read")
    early = log.add("2026-03-02T08:59:59", "U1", "CRM", "login")
    result = fire("ACC-005", ctx_for(log)).set_index("record_key")["message"]
    assert set(result.index) == {other_system, other_user, early}
    assert result[other_system].endswith("no grant for this user and system in the log")
    assert result[early].endswith("before its first grant at 2026-03-02 09:00:00")


def test_acc_005_second_grant_changes_nothing_and_orphan_revoke_is_ignored():
    log = Log()
    log.revoke("2026-03-01T09:00:00", "U1", "CRM")  # nothing open: ignored
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    log.grant("2026-03-03T09:00:00", "U1", "CRM")  # already open: changes nothing
    log.revoke("2026-03-04T09:00:00", "U1", "CRM")
    after = log.add("2026-03-04T09:30:00", "U1", "CRM", "login")
    assert keys("ACC-005", ctx_for(log)) == [after]


def test_acc_005_events_after_the_audit_date_are_left_out():
    log = Log()
    log.add("2026-09-30T23:59:59", "U1", "CRM", "login")  # on the audit date: judged
    log.add("2026-10-01T00:00:00", "U1", "CRM", "login")  # after it: left out
    ctx = ctx_for(log)
    assert keys("ACC-005", ctx) == ["E1"]
    assert events_after_audit_date(ctx) == 1


# ------------------------------------------------------------------------------------ ACC-006
def review(system: str, date: str, review_id: str = "R") -> dict:
    return {"review_id": review_id, "system": system, "reviewed_at": date, "reviewer_id": "APP1"}


def test_acc_006_reviews_per_personal_data_system():
    log = Log()
    systems = [
        {"system": "CRM", "holds_personal_data": "yes"},  # reviewed exactly 6 months ago: ok
        {"system": "ERP", "holds_personal_data": "yes"},  # 6 months and a day: overdue
        {"system": "HRIS", "holds_personal_data": "yes"},  # never reviewed
        {"system": "Build", "holds_personal_data": "no"},  # no personal data: not judged
        {"system": "Payroll", "holds_personal_data": "yes"},  # an old and a recent review
    ]
    reviews = [
        review("CRM", "2026-03-30"),
        review("ERP", "2026-03-29"),
        review("Payroll", "2025-01-01"),
        review("Payroll", "2026-09-01"),
    ]
    result = fire("ACC-006", ctx_for(log, reviews=reviews, systems=systems))
    messages = dict(zip(result["record_key"], result["message"], strict=True))
    assert messages == {
        "ERP": "last access review 2026-03-29 is older than 6 months",
        "HRIS": "no access review on record",
    }


def test_acc_006_without_systems_register_every_logged_system_is_judged():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    log.grant("2026-03-02T09:00:00", "U1", "Build")
    log.add("2026-10-02T09:00:00", "U1", "Later", "login")  # after the audit date: left out
    ctx = ctx_for(log, reviews=[review("CRM", "2026-05-01")])
    result = fire("ACC-006", ctx)
    assert list(result["record_key"]) == ["Build"]
    assert "systems register not given" in result["message"].iloc[0]


def test_acc_006_threshold_override():
    ctx = ctx_for(
        Log(),
        reviews=[review("CRM", "2026-05-01")],
        systems=[{"system": "CRM", "holds_personal_data": "true"}],
        thresholds={"ACC-006": {"months": 3}},
    )
    assert keys("ACC-006", ctx) == ["CRM"]


# ------------------------------------------------------------------------------------ ACC-007
def test_acc_007_orphan_account_but_not_listed_service_account():
    log = Log()
    log.grant("2026-03-02T09:00:00", "EXT-1", "CRM")
    log.add("2026-03-03T09:00:00", "EXT-1", "CRM", "read")
    log.add("2026-03-03T02:00:00", "svc-backup", "ERP", "read")
    log.add("2026-03-03T09:00:00", "U1", "CRM", "read")
    log.grant(
        "2026-03-03T09:00:00", "U2", "CRM", approver_id="NOT-IN-ROSTER"
    )  # approvers: not judged
    ctx = ctx_for(log, staff("U1", "U2"), service_accounts=["svc-backup"])
    result = fire("ACC-007", ctx)
    assert list(result["record_key"]) == ["EXT-1"]
    assert result["message"].iloc[0] == (
        "not in the HR roster nor a listed service account: 2 event(s) on CRM, "
        "2026-03-02 to 2026-03-03"
    )
    assert keys("ACC-007", ctx_for(log, staff("U1", "U2"))) == ["EXT-1", "svc-backup"]


def test_acc_007_a_leaver_is_still_in_the_roster():
    log = Log()
    log.add("2026-03-03T09:00:00", "U1", "CRM", "read")
    assert keys("ACC-007", ctx_for(log, staff("U1", U1="2025-01-31"))) == []


# ------------------------------------------------------------------------------------ ACC-008
@pytest.mark.parametrize(
    ("privilege", "approver", "fires"),
    [
        ("privileged", "APP1", True),  # one approver
        ("privileged", "APP1; APP1", True),  # the same id twice: one distinct approver
        ("privileged", "", True),
        ("privileged", "APP1; APP2", False),  # two: ok
        ("Privileged", "APP1|APP2;APP3", False),
        ("standard", "APP1", False),
        ("", "APP1", False),  # default standard
    ],
)
def test_acc_008_privileged_grant_needs_two_approvers(privilege, approver, fires):
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "ERP", privilege=privilege, approver_id=approver)
    assert keys("ACC-008", ctx_for(log)) == (["E1"] if fires else [])


def test_acc_008_threshold_override():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "ERP", privilege="privileged", approver_id="A; B")
    assert keys("ACC-008", ctx_for(log, thresholds={"ACC-008": {"approvers": 3}})) == ["E1"]


# ------------------------------------------------------------------------------------ ACC-009
def test_acc_009_dormant_entitlements_one_finding_per_user():
    log = Log()
    for system in ("CRM", "ERP", "HRIS"):
        log.grant("2026-01-05T09:00:00", "U1", system)
    log.add("2026-07-01T23:59:59", "U1", "CRM", "login")  # 91 days before: too old
    log.add("2026-07-02T00:00:00", "U1", "ERP", "read")  # exactly 90 days before: recent enough
    log.grant("2026-01-05T09:00:00", "U2", "CRM")
    log.add("2026-09-29T10:00:00", "U2", "CRM", "export")
    log.grant("2026-01-05T09:00:00", "U3", "CRM")
    log.revoke("2026-02-05T09:00:00", "U3", "CRM")  # closed: not dormant
    result = fire("ACC-009", ctx_for(log))
    assert list(result["record_key"]) == ["U1"]
    assert result["message"].iloc[0] == (
        "open entitlement(s) not used in the last 90 days: CRM (last access 2026-07-01), "
        "HRIS (never used)"
    )


def test_acc_009_revoked_after_the_audit_date_counts_as_open():
    log = Log()
    log.grant("2026-01-05T09:00:00", "U1", "CRM")
    log.revoke("2026-10-05T09:00:00", "U1", "CRM")
    log.add("2026-10-02T09:00:00", "U1", "CRM", "login")  # after the audit date: not counted
    assert keys("ACC-009", ctx_for(log)) == ["U1"]


# ------------------------------------------------------------------------------------ ACC-010
@pytest.mark.parametrize(
    ("timestamp", "action", "reason"),
    [
        ("2026-03-04T06:59:59", "export", "before 07:00"),
        ("2026-03-04T06:59:00", "export", "before 07:00"),
        ("2026-03-04T07:00:00", "export", None),
        ("2026-03-04T19:59:00", "export", None),
        ("2026-03-04T19:59:59", "export", None),
        ("2026-03-04T20:00:00", "export", "at or after 20:00"),
        ("2026-03-04T23:30:00", "export", "at or after 20:00"),
        ("2026-03-04T00:00:00", "export", "before 07:00"),
        ("2026-03-07T10:00:00", "export", "on a Saturday"),
        ("2026-03-08T21:00:00", "export", "on a Sunday, at or after 20:00"),
        ("2026-03-06T19:00:00", "export", None),  # Friday
        ("2026-03-07T10:00:00", "login", None),  # only exports are judged
        ("2026-03-04T03:00:00", "read", None),
    ],
)
def test_acc_010_exports_outside_working_hours(timestamp, action, reason):
    log = Log()
    log.grant("2026-03-01T09:00:00", "U1", "CRM")
    log.add(timestamp, "U1", "CRM", action)
    result = fire("ACC-010", ctx_for(log))
    assert list(result["record_key"]) == (["E2"] if reason else [])
    if reason:
        assert result["message"].iloc[0].endswith(f"outside working hours ({reason})")


def test_acc_010_threshold_override():
    log = Log()
    log.add("2026-03-04T07:30:00", "U1", "CRM", "export")
    log.add("2026-03-04T18:00:00", "U1", "CRM", "export")
    ctx = ctx_for(log, thresholds={"ACC-010": {"start": "08:00", "end": "18:00"}})
    assert keys("ACC-010", ctx) == ["E1", "E2"]


# ------------------------------------------------------------------------------------ all rules
def test_an_event_without_id_is_named_by_its_line_in_the_file():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM", ticket_id="")
    log.grant("2026-03-02T09:00:00", "U2", "CRM", ticket_id="")
    log.rows[1]["event_id"] = ""
    assert keys("ACC-001", ctx_for(log)) == ["E1", "row 3"]


def test_a_clean_log_fires_no_acc_rule():
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM", privilege="privileged", approver_id="APP1;APP2")
    log.add("2026-03-02T09:00:00", "U1", "CRM", "login")
    log.add("2026-09-29T10:00:00", "U1", "CRM", "export")
    log.grant("2026-03-02T09:00:00", "U2", "CRM")
    log.add("2026-09-28T10:00:00", "U2", "CRM", "read")
    log.revoke("2026-06-30T18:00:00", "U3", "CRM")  # nothing open: ignored
    ctx = ctx_for(
        log,
        staff("U1", "U2", "U3", U3="2026-06-30"),
        reviews=[review("CRM", "2026-08-01")],
        systems=[{"system": "CRM", "holds_personal_data": "yes"}],
    )
    for number in range(1, 11):
        assert keys(f"ACC-{number:03d}", ctx) == [], number


# ------------------------------------------------------------------- optional columns (issue 14)
def test_acc_004_roster_without_employment_end_column():
    """Regression: `employment_end` is optional; without it nobody is a leaver (no .dt error)."""
    log = Log()
    log.grant("2026-03-02T09:00:00", "U1", "CRM")
    roster = [{"user_id": u, "employment_start": "2020-01-01"} for u in ("U1", "MGR1", "APP1")]
    ctx = ctx_for(log, roster=roster)
    assert keys("ACC-004", ctx) == []
