"""RET-001..RET-009: a violating, a compliant and the boundary records of rules.md for each rule."""

from __future__ import annotations

import pandas as pd
import pytest

from audit_lib.audits.retention import WORKLIST_COLUMNS, extra_outputs, kpis, worklist
from audit_lib.rules import run_rules
from audit_lib.rules.retention import CACHE_KEY, retention_limits
from tests.helpers import fire, keys, make_ctx

AUDIT_DATE = pd.Timestamp("2026-09-30")

SCHEDULE = [
    {
        "rule_id": "R-WEB",
        "data_category": "web",
        "trigger": "last_contact",
        "duration": "P3Y",
        "action": "delete",
    },
    {
        "rule_id": "R-CUS",
        "data_category": "customer",
        "trigger": "contract_end",
        "duration": "P5Y",
        "action": "anonymise",
    },
    {
        "rule_id": "R-EMP",
        "data_category": "employee",
        "trigger": "employment_end",
        "duration": "P5Y",
        "action": "archive",
    },
    {
        "rule_id": "R-SUP",
        "data_category": "ticket",
        "trigger": "account_closed",
        "duration": "P2Y",
        "action": "delete",
    },
    {
        "rule_id": "R-DAY",
        "data_category": "daily",
        "trigger": "collected",
        "duration": "P30D",
        "action": "delete",
    },
    {
        "rule_id": "R-LOG",
        "data_category": "log",
        "trigger": "collected",
        "duration": "P1Y",
        "action": "delete",
    },
]


def day(offset: int, base: pd.Timestamp = AUDIT_DATE) -> str:
    """An ISO date `offset` days after `base` (the audit date)."""
    return (base + pd.Timedelta(days=offset)).date().isoformat()


def record(record_id: str, category: str = "daily", **overrides: str) -> dict:
    row = {
        "record_id": record_id,
        "system": "CRM",
        "data_category": category,
        "subject_ref": f"{record_id}@example.com",
        "collected_at": day(-10),
    }
    row.update(overrides)
    return row


def limit_in(days_from_audit: int, record_id: str = "r", **overrides: str) -> dict:
    """A record of the P30D `daily` category whose limit is audit_date + `days_from_audit`."""
    return record(record_id, collected_at=day(days_from_audit - 30), **overrides)


def ctx_for(
    *rows: dict,
    schedule: list[dict] | None = None,
    register: list[dict] | None = None,
    audit_date: str = "2026-09-30",
    with_register: bool = True,
):
    registers = {"retention_schedule": schedule or SCHEDULE, "data_inventory": list(rows)}
    if with_register:
        registers["processing_register"] = (
            register
            if register is not None
            else [
                {"activity_id": f"PA-{i}", "retention_rule_id": r["rule_id"]}
                for i, r in enumerate(SCHEDULE)
            ]
        )
    return make_ctx("retention", registers, audit_date)


# ----------------------------------------------------------------------------------- limits
def test_limits_are_computed_once_per_run_and_pick_the_trigger_column_of_each_rule():
    ctx = ctx_for(
        record(
            "w",
            "web",
            collected_at="2020-01-01",
            last_contact_at="2023-06-15",
            contract_end_at="2020-01-01",
        ),
        record(
            "c",
            "customer",
            collected_at="2018-01-01",
            last_contact_at="2018-01-01",
            contract_end_at="2022-03-31",
        ),
        record("e", "employee", collected_at="2010-01-01", employment_end_at="2024-01-31"),
        record("t", "ticket", collected_at="2020-01-01", account_closed_at="2024-02-29"),
        record("l", "log", collected_at="2025-05-31"),
    )
    limits = retention_limits(ctx)
    assert ctx.cache[CACHE_KEY] is limits and retention_limits(ctx) is limits
    shown = limits.records["limit"].dt.strftime("%Y-%m-%d").tolist()
    assert shown == ["2026-06-15", "2027-03-31", "2029-01-31", "2026-02-28", "2026-05-31"]


def test_limits_tolerate_absent_optional_columns():
    ctx = ctx_for(record("a", collected_at=day(-100)), record("b", "web"))
    records = retention_limits(ctx).records
    assert records["held"].all() and not records["on_hold"].any()
    assert list(records["status"]) == ["ok", "trigger_missing"]
    assert (
        keys("RET-001", ctx) == ["a"]
        and keys("RET-003", ctx) == ["b"]
        and keys("RET-007", ctx) == []
    )


def test_duplicate_schedule_category_uses_the_first_rule():
    schedule = SCHEDULE + [
        {
            "rule_id": "R-DUP",
            "data_category": "daily",
            "trigger": "collected",
            "duration": "P10Y",
            "action": "delete",
        }
    ]
    ctx = ctx_for(limit_in(-5, "late"), schedule=schedule)
    assert keys("RET-001", ctx) == ["late"]


# ----------------------------------------------------------------------------------- RET-001
@pytest.mark.parametrize(
    ("days_from_audit", "severity"),
    [
        (1, None),  # limit tomorrow
        (0, None),  # limit on the audit date: not past it
        (-1, "low"),
        (-90, "low"),  # boundary: > 90 is medium
        (-91, "medium"),
        (-365, "medium"),  # boundary: > 365 is high
        (-366, "high"),
        (-2000, "high"),
    ],
)
def test_ret_001_graded_by_days_past_the_limit(days_from_audit, severity):
    result = fire("RET-001", ctx_for(limit_in(days_from_audit)))
    if severity is None:
        assert result.empty
        return
    assert list(result["record_key"]) == ["r"]
    assert result["severity"].iloc[0] == severity
    past = -days_from_audit
    assert result["message"].iloc[0] == (
        f"Held {past:,} day{'s' if past > 1 else ''} past its retention limit {day(days_from_audit)} "
        "(rule R-DAY: collected_at + P30D); action: delete"
    )


@pytest.mark.parametrize(("audit_date", "fires"), [("2025-02-28", False), ("2025-03-01", True)])
def test_ret_001_leap_day_plus_one_year_ends_on_28_february(audit_date, fires):
    ctx = ctx_for(record("leap", "log", collected_at="2024-02-29"), audit_date=audit_date)
    result = fire("RET-001", ctx)
    assert list(result["record_key"]) == (["leap"] if fires else [])
    if fires:
        assert (
            "limit 2025-02-28" in result["message"].iloc[0] and result["severity"].iloc[0] == "low"
        )


def test_ret_001_skips_deleted_records_and_legal_holds_with_or_without_reference():
    ctx = ctx_for(
        limit_in(-400, "held"),
        limit_in(-400, "deleted", deleted_at=day(-399)),
        limit_in(-400, "hold", legal_hold="yes", legal_hold_reference="LIT-1"),
        limit_in(-400, "hold-unjustified", legal_hold="oui"),  # RET-004's finding, not RET-001's
        limit_in(-400, "not-held", legal_hold="no", legal_hold_reference="LIT-2"),
    )
    assert keys("RET-001", ctx) == ["held", "not-held"]
    assert keys("RET-004", ctx) == ["hold-unjustified"]


def test_ret_001_uses_the_rule_trigger_not_the_other_dates():
    ctx = ctx_for(
        record(
            "recent-end",
            "customer",
            collected_at="2015-01-01",
            last_contact_at="2015-01-01",
            contract_end_at="2024-01-01",
        ),
        record(
            "old-end",
            "customer",
            collected_at="2015-01-01",
            last_contact_at="2025-01-01",
            contract_end_at="2021-01-01",
        ),
    )
    assert keys("RET-001", ctx) == ["old-end"]


# ----------------------------------------------------------------------------------- RET-002
def test_ret_002_category_without_a_rule():
    ctx = ctx_for(
        record("unknown", "loyalty"),
        record("empty", ""),
        record("case", "Daily"),  # the schedule is matched exactly
        record("known", "daily"),
    )
    result = fire("RET-002", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == ["case", "empty", "unknown"]
    assert result["unknown"] == "data_category 'loyalty' has no rule in the retention schedule"
    assert result["empty"] == "data_category is empty: no retention rule applies"
    # no limit: none of the limit-based rules fires on them
    for rule_id in ("RET-001", "RET-003", "RET-005", "RET-006"):
        assert not {"case", "empty", "unknown"} & set(keys(rule_id, ctx)), rule_id


# ----------------------------------------------------------------------------------- RET-003
def test_ret_003_the_trigger_date_the_rule_needs_is_empty():
    broken = SCHEDULE + [
        {
            "rule_id": "R-BAD",
            "data_category": "bad",
            "trigger": "last_contact",
            "duration": "3 years",
            "action": "delete",
        }
    ]
    ctx = ctx_for(
        record("no-contract-end", "customer", last_contact_at=day(-5)),
        record("no-employment-end", "employee", deleted_at=day(-1)),  # deleted records too
        record("no-collected", "daily", collected_at=""),
        record("unreadable", "ticket", account_closed_at="unknown"),  # also DQ-001
        record("bad-duration", "bad"),  # the date is needed whatever the duration
        record("ok", "customer", contract_end_at=day(-5)),
        record("no-contact-not-needed", "customer", contract_end_at=day(-5), last_contact_at=""),
        schedule=broken,
    )
    result = fire("RET-003", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == [
        "bad-duration",
        "no-collected",
        "no-contract-end",
        "no-employment-end",
        "unreadable",
    ]
    assert result["no-contract-end"] == (
        "contract_end_at is empty or unreadable: rule R-CUS counts from it, so the retention limit "
        "cannot be computed"
    )


# ----------------------------------------------------------------------------------- RET-004
def test_ret_004_legal_hold_without_reference():
    ctx = ctx_for(
        limit_in(100, "no-ref", legal_hold="yes"),
        limit_in(100, "blank-ref", legal_hold="TRUE", legal_hold_reference="   "),
        limit_in(-200, "past", legal_hold="y"),
        limit_in(100, "with-ref", legal_hold="yes", legal_hold_reference="CASE-42"),
        limit_in(100, "no-hold", legal_hold="no"),
        limit_in(100, "hold-empty", legal_hold=""),  # empty = no hold (default false)
    )
    result = fire("RET-004", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == ["blank-ref", "no-ref", "past"]
    assert result["no-ref"] == "legal_hold is set but legal_hold_reference is empty"
    assert result["past"] == (
        "legal_hold is set but legal_hold_reference is empty; the hold keeps the record 200 days past "
        f"its retention limit {day(-200)}"
    )


def test_ret_004_holds_without_reference_none_past_the_limit():
    """Regression (issue 14): the message was built from an empty selection and raised TypeError."""
    ctx = ctx_for(limit_in(100, "no-ref", legal_hold="yes"), limit_in(5, "other", legal_hold="no"))
    result = fire("RET-004", ctx)
    assert result["record_key"].tolist() == ["no-ref"]
    assert result["message"].tolist() == ["legal_hold is set but legal_hold_reference is empty"]


def test_ret_004_needs_only_the_inventory():
    ctx = make_ctx("retention", {"data_inventory": [limit_in(1, "x", legal_hold="yes")]})
    assert keys("RET-004", ctx) == ["x"]
    findings, evaluated, skipped, _ = run_rules("retention", ctx)
    assert "RET-004" in evaluated and "RET-007" in evaluated
    assert set(skipped) == {
        "RET-001",
        "RET-002",
        "RET-003",
        "RET-005",
        "RET-006",
        "RET-008",
        "RET-009",
    }


# ----------------------------------------------------------------------------------- RET-005
@pytest.mark.parametrize(
    ("deleted_after_limit", "fires"),
    [(-100, False), (0, False), (30, False), (31, True), (400, True)],
)
def test_ret_005_deleted_more_than_30_days_after_the_limit(deleted_after_limit, fires):
    row = limit_in(-500, "d", deleted_at=day(-500 + deleted_after_limit))
    result = fire("RET-005", ctx_for(row))
    assert list(result["record_key"]) == (["d"] if fires else [])
    if fires:
        assert result["message"].iloc[0] == (
            f"Deleted {deleted_after_limit:,} days after its retention limit {day(-500)} "
            f"(deleted_at {day(-500 + deleted_after_limit)}; tolerance 30 days)"
        )


def test_ret_005_threshold_hold_note_and_unknown_limit():
    ctx = ctx_for(
        limit_in(-500, "late-45", deleted_at=day(-455)),
        limit_in(
            -500, "late-held", deleted_at=day(-300), legal_hold="yes", legal_hold_reference="L-1"
        ),
        record("no-rule", "other", deleted_at=day(-1)),
        record("no-trigger", "customer", deleted_at=day(-1)),
    )
    result = fire("RET-005", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == ["late-45", "late-held"]
    assert result["late-held"].endswith("; the record is marked as on legal hold")
    ctx.params.thresholds = {"RET-005": {"days": 60}}
    assert keys("RET-005", ctx) == ["late-held"]


# ----------------------------------------------------------------------------------- RET-006
@pytest.mark.parametrize(
    ("days_from_audit", "fires"),
    [(-1, False), (0, False), (1, True), (45, True), (90, True), (91, False)],
)
def test_ret_006_limit_within_the_next_90_days(days_from_audit, fires):
    result = fire("RET-006", ctx_for(limit_in(days_from_audit)))
    assert list(result["record_key"]) == (["r"] if fires else [])
    if fires:
        assert result["message"].iloc[0] == (
            f"Retention limit {day(days_from_audit)} is in {days_from_audit} day{'s' if days_from_audit > 1 else ''} "
            "(rule R-DAY: collected_at + P30D); planned action: delete"
        )


def test_ret_006_skips_deleted_and_held_on_legal_hold_and_reads_its_threshold():
    ctx = ctx_for(
        limit_in(10, "soon"),
        limit_in(10, "deleted", deleted_at=day(-1)),
        limit_in(10, "hold", legal_hold="yes", legal_hold_reference="L-9"),
        limit_in(120, "later"),
    )
    assert keys("RET-006", ctx) == ["soon"]
    ctx.params.thresholds = {"RET-006": {"days": 120}}
    assert keys("RET-006", ctx) == ["later", "soon"]


# ----------------------------------------------------------------------------------- RET-007
def test_ret_007_dates_out_of_order_or_after_the_audit_date():
    ctx = ctx_for(
        record("contact-before", "web", collected_at="2025-06-01", last_contact_at="2025-01-10"),
        record("deleted-before", collected_at="2025-06-01", deleted_at="2025-05-31"),
        record("future", "customer", collected_at="2025-01-01", contract_end_at=day(1)),
        record("collected-future", collected_at=day(3)),
        record("both", "web", collected_at="2025-06-01", last_contact_at=day(5)),
        record(
            "same-day",
            "web",
            collected_at="2025-06-01",
            last_contact_at="2025-06-01",
            deleted_at=day(0),
        ),
        record("no-collected", "web", collected_at="", last_contact_at="2025-06-01"),
    )
    result = fire("RET-007", ctx).set_index("record_key")["message"]
    assert sorted(result.index) == [
        "both",
        "collected-future",
        "contact-before",
        "deleted-before",
        "future",
    ]
    assert (
        result["contact-before"] == "last_contact_at 2025-01-10 is before collected_at 2025-06-01"
    )
    assert result["future"] == f"contract_end_at {day(1)} is after the audit date 2026-09-30"
    assert result["collected-future"] == f"collected_at {day(3)} is after the audit date 2026-09-30"


def test_ret_007_lists_every_problem_of_a_record_in_one_finding():
    ctx = ctx_for(
        record(
            "x", "web", collected_at="2025-06-01", last_contact_at="2025-01-01", deleted_at=day(2)
        )
    )
    assert fire("RET-007", ctx)["message"].tolist() == [
        f"last_contact_at 2025-01-01 is before collected_at 2025-06-01; deleted_at {day(2)} is after the "
        "audit date 2026-09-30"
    ]


# ----------------------------------------------------------------------------------- RET-008
@pytest.mark.parametrize(
    ("duration", "fires"),
    [
        ("3 years", True),
        ("", True),
        ("P", True),
        ("PT5H", True),
        ("P1.5Y", True),
        ("P0D", True),  # zero
        ("P0Y0M", True),  # zero
        ("P3Y", False),
        ("p6m", False),
        (" P1Y6M ", False),
        ("P2W", False),
        ("P30D", False),
    ],
)
def test_ret_008_unparseable_or_zero_duration(duration, fires):
    schedule = [
        {
            "rule_id": "R-X",
            "data_category": "daily",
            "trigger": "collected",
            "duration": duration,
            "action": "delete",
        }
    ]
    ctx = ctx_for(record("old", collected_at="2010-01-01"), schedule=schedule)
    assert keys("RET-008", ctx) == (["R-X"] if fires else [])
    # a rule that cannot give a limit leaves its records unjudged by the limit-based rules
    assert keys("RET-001", ctx) == ([] if fires else ["old"])


def test_ret_008_messages():
    schedule = [
        {
            "rule_id": "R-TXT",
            "data_category": "a",
            "trigger": "collected",
            "duration": "3 years",
            "action": "delete",
        },
        {
            "rule_id": "R-ZERO",
            "data_category": "b",
            "trigger": "collected",
            "duration": "P0D",
            "action": "delete",
        },
        {
            "rule_id": "R-NONE",
            "data_category": "c",
            "trigger": "collected",
            "duration": "",
            "action": "delete",
        },
    ]
    result = fire("RET-008", ctx_for(schedule=schedule)).set_index("record_key")["message"]
    assert (
        result["R-TXT"]
        == "duration '3 years' is not an ISO 8601 period (expected e.g. P3Y, P6M, P1Y6M, P30D)"
    )
    assert (
        result["R-ZERO"] == "duration 'P0D' is zero: every record would be due on its trigger date"
    )
    assert result["R-NONE"] == "duration is empty"


# ----------------------------------------------------------------------------------- RET-009
def test_ret_009_schedule_rule_no_activity_references():
    register = [
        {"activity_id": "PA-1", "retention_rule_id": "R-WEB"},
        {"activity_id": "PA-2", "retention_rule_id": "R-CUS"},
        {"activity_id": "PA-3", "retention_rule_id": "r-emp"},  # ids are matched exactly
        {"activity_id": "PA-4", "retention_rule_id": ""},
    ]
    ctx = ctx_for(register=register)
    assert keys("RET-009", ctx) == ["R-DAY", "R-EMP", "R-LOG", "R-SUP"]
    message = fire("RET-009", ctx).set_index("record_key")["message"]["R-LOG"]
    assert (
        message
        == "Rule for data_category 'log' is referenced by no processing activity (retention_rule_id)"
    )
    assert keys("RET-009", ctx_for()) == []


def test_ret_009_is_not_evaluated_without_the_processing_register():
    ctx = ctx_for(limit_in(-5), with_register=False)
    _, evaluated, skipped, _ = run_rules("retention", ctx)
    assert "RET-009" in skipped and "processing_register" in skipped["RET-009"]
    assert "RET-001" in evaluated


# ----------------------------------------------------------------------------------- outputs
def test_worklist_one_row_per_overdue_record_sorted_by_system_limit_record(tmp_path):
    ctx = ctx_for(
        limit_in(-5, "b2", system="ERP"),
        limit_in(-50, "b1", system="ERP"),
        limit_in(-50, "a1", system="ERP"),
        limit_in(-1, "c1", system="CRM"),
        limit_in(-1, "hold", system="CRM", legal_hold="yes", legal_hold_reference="L"),
        limit_in(5, "soon", system="CRM"),
        record("cust", "customer", system="CRM", contract_end_at="2020-01-01"),
    )
    table = worklist(ctx)
    assert list(table.columns) == WORKLIST_COLUMNS
    assert list(table["record_id"]) == ["cust", "c1", "a1", "b1", "b2"]
    assert table.iloc[0].to_dict() == {
        "record_id": "cust",
        "system": "CRM",
        "data_category": "customer",
        "limit": "2025-01-01",
        "days_overdue": 637,
        "action": "anonymise",
    }
    assert set(table["record_id"]) == set(keys("RET-001", ctx))
    written = extra_outputs(ctx, pd.DataFrame(), tmp_path)
    assert written == {"retention_actions.csv": "deletion worklist per system"}
    data = (tmp_path / "retention_actions.csv").read_bytes()
    assert data.startswith(
        b"record_id,system,data_category,limit,days_overdue,action\ncust,CRM,customer,"
    )
    assert b"\r" not in data and b"@example.com" not in data


def test_kpis_carry_stable_keys_and_agree_with_the_findings():
    ctx = ctx_for(
        limit_in(-400, "old"),
        limit_in(-5, "new"),
        limit_in(10, "soon"),
        limit_in(200, "fine"),
        limit_in(-10, "hold", legal_hold="yes"),
        limit_in(-100, "gone", deleted_at=day(-50)),
        record("unknown", "customer"),
    )
    figures = {k["key"]: k for k in kpis(ctx, pd.DataFrame())}
    assert set(figures) == {
        "records_held",
        "within_retention",
        "records_overdue",
        "oldest_overdue_days",
        "records_on_legal_hold",
        "records_due_soon",
        "deleted_late",
    }
    assert figures["records_held"]["value"] == "6"
    assert (
        figures["records_overdue"]["value"] == "2" and figures["records_overdue"]["status"] == "bad"
    )
    assert figures["oldest_overdue_days"]["value"] == "400"
    assert figures["within_retention"]["value"] == "50%"  # soon, fine, hold of 6 held
    assert "1 with no computable limit" in figures["within_retention"]["note"]
    assert figures["records_on_legal_hold"]["note"] == "1 without a reference (RET-004)"
    assert figures["deleted_late"]["value"] == "1"
    assert figures["records_due_soon"]["value"] == "1"


@pytest.mark.parametrize("empty", ["data_inventory", "retention_schedule"])
def test_empty_registers_give_no_finding_and_a_readable_report(empty):
    from audit_lib.audits.retention import charts

    ctx = ctx_for(limit_in(-5, "x", deleted_at=day(-1)))
    ctx.frames[empty] = ctx.frames[empty].iloc[:0]
    findings, *_ = run_rules("retention", ctx)
    assert set(findings["rule_id"]) <= {"RET-002", "RET-009"}
    assert [k["key"] for k in kpis(ctx, findings)][:3] == [
        "within_retention",
        "records_overdue",
        "oldest_overdue_days",
    ]
    assert [c.title for c in charts(ctx, findings)][0].startswith("Deletion forecast")
    assert worklist(ctx).empty
