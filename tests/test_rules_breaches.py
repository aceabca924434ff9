"""BRE-001..BRE-009: a violating, a compliant and the boundary records of rules.md for each rule,
and the typing of the breach register's datetimes (UTC offsets, date-only values, day-first)."""

from __future__ import annotations

import pandas as pd
import pytest

from audit_lib.audits import AUDITS
from audit_lib.schemas import (
    check_register,
    parse_counts,
    parse_utc_datetimes,
    time_given_column,
)
from tests.helpers import fire, keys, make_ctx

AUDIT_DATE = "2026-09-30"


def breach(breach_id="B-1", **overrides):
    """A clean, fully documented breach of no particular risk (overrides as CSV text)."""
    row = {
        "breach_id": breach_id,
        "detected_at": "2026-07-01T08:00",
        "became_aware_at": "2026-07-01T10:00",
        "nature": "confidentiality",
        "description": "E-mail sent to the wrong recipient",
        "data_categories": "identity; contact",
        "risk_level": "none",
        "consequences": "Contact details disclosed to one person",
        "remedial_measures": "Recipient asked to delete it",
        "closed_at": "2026-07-20",
    }
    row.update(overrides)
    return row


def ctx_for(*rows, audit_date=AUDIT_DATE, processors=None, systems=None, **params):
    registers = {"breaches": list(rows)}
    if processors is not None:
        registers["processors"] = [processor(pid) for pid in processors]
    if systems is not None:
        registers["systems"] = [{"system": name, "holds_personal_data": "yes"} for name in systems]
    return make_ctx("breaches", registers, audit_date, **params)


def processor(pid):
    return {
        "processor_id": pid,
        "name": f"Processor {pid}",
        "service": "hosting",
        "country": "FR",
        "active": "yes",
        "risk_tier": "low",
        "dpa_signed": "yes",
        **{
            column: "yes"
            for column in (
                "clause_a_instructions",
                "clause_b_confidentiality",
                "clause_c_security",
                "clause_d_subprocessors",
                "clause_e_data_subject_rights",
                "clause_f_assistance",
                "clause_g_deletion_return",
                "clause_h_audits",
            )
        },
        "subprocessor_authorisation": "general",
    }


def notified(breach_id, aware, at, **overrides):
    """A breach of risk notified at `at` (detected and aware at `aware`)."""
    values = {
        "detected_at": aware,
        "became_aware_at": aware,
        "risk_level": "risk",
        "authority_notified_at": at,
    }
    return breach(breach_id, **(values | overrides))


# --------------------------------------------------------------------------- typing
def test_datetimes_accept_t_or_space_with_or_without_seconds():
    values = pd.Series(
        ["2026-07-01T10:00", "2026-07-01 10:00", "2026-07-01 10:00:30", "2026-07-01T9:05"]
    )
    parsed, timed = parse_utc_datetimes(values)
    assert list(parsed) == [
        pd.Timestamp("2026-07-01 10:00"),
        pd.Timestamp("2026-07-01 10:00"),
        pd.Timestamp("2026-07-01 10:00:30"),
        pd.Timestamp("2026-07-01 09:05"),
    ]
    assert timed.tolist() == [True] * 4


def test_utc_offsets_are_converted_to_utc_and_dropped():
    values = pd.Series(
        [
            "2026-07-01T12:00+02:00",
            "2026-07-01T10:00Z",
            "2026-07-01 05:30-04:30",
            "2026-07-01T12:00+0200",
            "2026-07-01 10:00 UTC",
            "2026-07-01T01:00+02:00",  # the day before in UTC
        ]
    )
    parsed, timed = parse_utc_datetimes(values)
    assert parsed.dt.tz is None
    assert list(parsed[:5]) == [pd.Timestamp("2026-07-01 10:00")] * 5
    assert parsed[5] == pd.Timestamp("2026-06-30 23:00")
    assert timed.all()


def test_a_value_without_an_offset_keeps_its_wall_clock_time():
    parsed, _ = parse_utc_datetimes(pd.Series(["2026-07-01T12:00", "2026-07-01T12:00+02:00"]))
    assert list(parsed) == [pd.Timestamp("2026-07-01 12:00"), pd.Timestamp("2026-07-01 10:00")]


def test_date_only_values_are_midnight_and_flagged():
    parsed, timed = parse_utc_datetimes(pd.Series(["2026-07-01", "2026-07-01T00:00", None]))
    assert parsed[0] == parsed[1] == pd.Timestamp("2026-07-01")
    assert timed[0] is False or not timed[0]
    assert bool(timed[1]) is True
    assert pd.isna(parsed[2]) and pd.isna(timed[2])


def test_dayfirst_reads_dd_mm_yyyy_with_a_time_and_iso_still():
    values = pd.Series(["03/07/2026 14:30", "03.07.2026", "2026-07-03T14:30+02:00"])
    parsed, timed = parse_utc_datetimes(values, "dayfirst")
    assert list(parsed) == [
        pd.Timestamp("2026-07-03 14:30"),
        pd.Timestamp("2026-07-03"),
        pd.Timestamp("2026-07-03 12:30"),
    ]
    assert timed.tolist() == [True, False, True]
    iso, _ = parse_utc_datetimes(values[:2], "iso")
    assert iso.isna().all()  # ambiguous without date_format: dayfirst


@pytest.mark.parametrize(
    "value",
    ["2026-02-30T10:00", "2026-07-01T24:00", "2026-07-01T10:60", "yesterday", "2026-07-01T10"],
)
def test_a_value_that_is_neither_is_dq_001(value):
    typed, dq = check_register(
        pd.DataFrame([breach("B-1", became_aware_at=value)]), "breaches", "iso"
    )
    assert list(dq["rule_id"]) == ["DQ-001"]
    assert "became_aware_at" in dq["message"].iloc[0] and value in dq["message"].iloc[0]
    assert typed["became_aware_at"].isna().all()


def test_the_typed_frame_says_per_value_whether_a_time_was_given():
    typed, dq = check_register(
        pd.DataFrame(
            [
                breach("B-1", became_aware_at="2026-07-01"),
                breach("B-2", became_aware_at="2026-07-01 10:00+02:00"),
            ]
        ),
        "breaches",
    )
    assert dq.empty
    assert typed[time_given_column("became_aware_at")].tolist() == [False, True]
    assert typed["became_aware_at"].tolist() == [
        pd.Timestamp("2026-07-01"),
        pd.Timestamp("2026-07-01 08:00"),
    ]
    assert typed["closed_at"].dtype == "datetime64[us]"


def test_counts_accept_thousands_separators_and_refuse_the_rest():
    counts = parse_counts(pd.Series(["1200", "1,200", "12 000", "1.200.000", "1,5", "many", None]))
    assert counts.tolist()[:4] == [1200, 1200, 12000, 1200000]
    assert counts[4:].isna().all()
    _, dq = check_register(
        pd.DataFrame([breach("B-1", subjects_affected="about 50", records_affected="-3")]),
        "breaches",
    )
    assert sorted(dq["rule_id"]) == ["DQ-001", "DQ-002"]


def test_unknown_enumerations_are_dq_002():
    _, dq = check_register(
        pd.DataFrame([breach("B-1", risk_level="medium", nature="secrecy")]), "breaches"
    )
    assert list(dq["rule_id"]) == ["DQ-002"]
    assert "risk_level" in dq["message"].iloc[0] and "nature" in dq["message"].iloc[0]


# --------------------------------------------------------------------------- BRE-001
def test_bre_001_risk_not_notified_once_the_72_hours_ran_out():
    ctx = ctx_for(
        breach("late", risk_level="risk"),
        breach("high", risk_level="High"),
        breach("none", risk_level="none"),
        notified("done", "2026-07-01T10:00", "2026-07-02T10:00"),
    )
    assert keys("BRE-001", ctx) == ["high", "late"]
    message = fire("BRE-001", ctx).set_index("record_key").loc["late", "message"]
    assert "became aware 2026-07-01 10:00" in message
    assert "the 72 hours ran out 2026-07-04 10:00" in message


@pytest.mark.parametrize(
    ("aware", "fires"),
    [
        ("2026-09-27T23:59", True),  # + 72 h = 2026-09-30 23:59, before the end of the audit date
        ("2026-09-28T00:00", False),  # + 72 h = the end of the audit date: not before it
        ("2026-09-28T00:01", False),
        ("2026-09-29T14:00", False),  # still within its 72 hours at the audit date
        ("2026-09-27", True),  # date-only: + 3 days = the audit date
        ("2026-09-28", False),  # date-only: + 3 days = the day after
        ("2026-09-28T01:30+02:00", True),  # 2026-09-27 23:30 in UTC
    ],
)
def test_bre_001_as_of_the_end_of_the_audit_date(aware, fires):
    ctx = ctx_for(breach("b", detected_at=aware, became_aware_at=aware, risk_level="risk"))
    assert keys("BRE-001", ctx) == (["b"] if fires else [])


def test_bre_001_date_only_message_says_how_the_days_were_counted():
    ctx = ctx_for(
        breach("b", detected_at="2026-09-01", became_aware_at="2026-09-01", risk_level="risk")
    )
    message = fire("BRE-001", ctx)["message"].iloc[0]
    assert "ran out at the end of 2026-09-04" in message and "+ 3 days" in message


# --------------------------------------------------------------------------- BRE-002
@pytest.mark.parametrize(
    ("aware", "at", "late"),
    [
        ("2026-07-01T10:00", "2026-07-04T10:00", False),  # exactly 72 hours: on time
        ("2026-07-01T10:00", "2026-07-04T10:01", True),  # 72 hours and a minute
        ("2026-07-01T10:00", "2026-07-04T10:00:01", True),
        ("2026-07-01", "2026-07-04", False),  # date-only, the third day: on time
        ("2026-07-01", "2026-07-05", True),  # the fourth day
        ("2026-07-01", "2026-07-04T23:59", False),  # either without a time: dates compared
        ("2026-07-01T23:00", "2026-07-04", False),
        ("2026-07-01T23:00", "2026-07-05", True),
        # offsets converted: 72 h 30 min in UTC, 70 h 30 min as written
        ("2026-05-18T01:00+02:00", "2026-05-20T23:30Z", True),
        # 71 h in UTC, 73 h as written
        ("2026-05-18T01:00Z", "2026-05-21T02:00+02:00", False),
    ],
)
def test_bre_002_the_72_hours(aware, at, late):
    assert keys("BRE-002", ctx_for(notified("b", aware, at))) == (["b"] if late else [])


def test_bre_002_high_without_reasons_low_with_them():
    ctx = ctx_for(
        notified("silent", "2026-07-01T10:00", "2026-07-05T10:00"),
        notified(
            "explained", "2026-07-01T10:00", "2026-07-05T10:00", delay_reason="Forensics pending"
        ),
    )
    result = fire("BRE-002", ctx).set_index("record_key")
    assert result.loc["silent", "severity"] == "high"
    assert result.loc["explained", "severity"] == "low"
    assert result.loc["silent", "message"] == (
        "notified 2026-07-05 10:00, 96 h (over 4 days) after becoming aware on 2026-07-01 10:00 "
        "(limit 72 hours); no reasons for the delay recorded"
    )


def test_bre_002_date_only_message():
    message = fire("BRE-002", ctx_for(notified("b", "2026-07-01", "2026-07-06")))["message"][0]
    assert message.startswith("notified 2026-07-06, 5 days after becoming aware on 2026-07-01")
    assert "dates compared" in message


def test_bre_002_judges_a_notification_whatever_the_risk_level():
    row = notified("b", "2026-07-01T10:00", "2026-07-08T10:00", risk_level="none")
    assert keys("BRE-002", ctx_for(row)) == ["b"]


# --------------------------------------------------------------------------- BRE-003
@pytest.mark.parametrize(
    ("overrides", "fires"),
    [
        ({"risk_level": "high"}, True),
        ({"risk_level": "high", "subjects_informed_at": "2026-07-02T09:00"}, False),
        ({"risk_level": "high", "art34_exemption": "encrypted"}, False),
        ({"risk_level": "high", "art34_exemption": "Mitigated"}, False),
        ({"risk_level": "high", "art34_exemption": "disproportionate_effort"}, True),
        (
            {
                "risk_level": "high",
                "art34_exemption": "disproportionate effort",
                "public_communication_at": "2026-07-03",
            },
            False,
        ),
        ({"risk_level": "risk"}, False),
        ({"risk_level": "risk", "art34_exemption": "disproportionate_effort"}, True),
    ],
)
def test_bre_003_high_risk_communicated_or_exempted(overrides, fires):
    row = breach("b", authority_notified_at="2026-07-02T09:00", **overrides)
    assert keys("BRE-003", ctx_for(row)) == (["b"] if fires else [])


def test_bre_003_no_grace_period_for_a_breach_of_the_audit_date():
    row = breach("b", detected_at="2026-09-30T08:00", became_aware_at="2026-09-30T09:00")
    assert keys("BRE-003", ctx_for({**row, "risk_level": "high"})) == ["b"]


# --------------------------------------------------------------------------- BRE-004
def test_bre_004_lists_every_empty_documentation_field_in_one_finding():
    ctx = ctx_for(breach("bad", consequences="", remedial_measures=" ", nature=""), breach("ok"))
    result = fire("BRE-004", ctx)
    assert list(result["record_key"]) == ["bad"]
    assert result["message"].iloc[0] == (
        "Empty Art. 33(5) documentation fields: nature, consequences, remedial_measures"
    )


def test_bre_004_every_field():
    row = breach(
        "b",
        description="",
        nature="",
        data_categories="",
        risk_level="",
        consequences="",
        remedial_measures="",
    )
    message = fire("BRE-004", ctx_for(row))["message"].iloc[0]
    assert message.endswith(
        "description, nature, data_categories, risk_level, consequences, remedial_measures"
    )


# --------------------------------------------------------------------------- BRE-005
@pytest.mark.parametrize(
    ("aware", "told", "fires"),
    [
        ("2026-06-29T10:00", "2026-07-01T10:00", False),  # exactly 48 hours
        ("2026-06-29T10:00", "2026-07-01T10:01", True),
        ("2026-06-29T10:00+02:00", "2026-07-01T09:00Z", True),  # 49 h in UTC
        ("2026-06-29", "2026-07-01", False),  # date-only: 2 days
        ("2026-06-29", "2026-07-02T08:00", True),  # 3 days
        ("2026-06-29T10:00", "", False),  # both needed
        ("", "2026-07-09T10:00", False),
    ],
)
def test_bre_005_processor_notified_within_48_hours(aware, told, fires):
    row = breach("b", processor_id="P1", processor_aware_at=aware, processor_notified_at=told)
    assert keys("BRE-005", ctx_for(row)) == (["b"] if fires else [])


def test_bre_005_threshold_from_the_parameters():
    row = breach(
        "b",
        processor_aware_at="2026-06-29T10:00",
        processor_notified_at="2026-06-30T10:00",
    )
    ctx = ctx_for(row, thresholds={"BRE-005": {"hours": 12}})
    result = fire("BRE-005", ctx)
    assert list(result["record_key"]) == ["b"]
    assert result["message"][0] == (
        "processor notified the controller 24 h after becoming aware (limit 12 hours)"
    )


# --------------------------------------------------------------------------- BRE-006
def test_bre_006_processor_not_in_the_register():
    ctx = ctx_for(
        breach("known", processor_id="P1"),
        breach("unknown", processor_id="P9"),
        breach("none"),
        processors=["P1"],
    )
    assert keys("BRE-006", ctx) == ["unknown"]
    assert fire("BRE-006", ctx)["message"][0] == (
        "processor_id 'P9' is not in the processors register"
    )


def test_bre_006_needs_the_processors_register():
    from audit_lib.rules import run_rules

    outcome = run_rules("breaches", ctx_for(breach("b", processor_id="P9")))
    assert "BRE-006" in outcome.not_evaluated and "BRE-006" not in outcome.evaluated


# --------------------------------------------------------------------------- BRE-007
@pytest.mark.parametrize(
    ("risk", "special", "fires"),
    [("none", "yes", True), ("None", "oui", True), ("risk", "yes", False), ("none", "no", False)],
)
def test_bre_007_special_categories_assessed_as_no_risk(risk, special, fires):
    row = breach("b", risk_level=risk, special_categories_involved=special)
    if risk.lower() != "none":
        row["authority_notified_at"] = "2026-07-01T12:00"
    assert keys("BRE-007", ctx_for(row)) == (["b"] if fires else [])


# --------------------------------------------------------------------------- BRE-008
@pytest.mark.parametrize(
    ("aware", "fires"),
    [
        ("2026-07-01T09:00", True),  # 91 days before the audit date
        ("2026-07-02T23:59", False),  # exactly 90 days: not before audit_date - 90 days
        ("2026-07-02", False),
        ("2026-07-02T01:00+02:00", True),  # 2026-07-01 23:00 in UTC: 91 days
    ],
)
def test_bre_008_open_more_than_90_days(aware, fires):
    row = breach("b", detected_at=aware, became_aware_at=aware, closed_at="")
    assert keys("BRE-008", ctx_for(row)) == (["b"] if fires else [])


def test_bre_008_closed_breaches_and_the_threshold():
    old = {"detected_at": "2026-01-05T09:00", "became_aware_at": "2026-01-05T10:00"}
    ctx = ctx_for(breach("closed", **old), breach("open", closed_at="", **old))
    assert keys("BRE-008", ctx) == ["open"]
    recent = breach("recent", closed_at="")  # 2026-07-01: 91 days
    assert keys("BRE-008", ctx_for(recent, thresholds={"BRE-008": {"days": 120}})) == []
    message = fire("BRE-008", ctx_for(recent))["message"][0]
    assert message == (
        "still open 91 days after the day of awareness (2026-07-01); closed_at empty "
        "(threshold 90 days)"
    )


# --------------------------------------------------------------------------- BRE-009
@pytest.mark.parametrize(
    ("overrides", "fires"),
    [
        ({"detected_at": "2026-07-01T11:00"}, True),  # aware 10:00 before detected 11:00
        ({"detected_at": "2026-07-01"}, False),  # date-only: the same day is in order
        ({"detected_at": "2026-07-01T11:00+02:00"}, False),  # 09:00 in UTC
        ({"authority_notified_at": "2026-07-01T09:59"}, True),
        ({"authority_notified_at": "2026-07-01"}, False),
        ({"subjects_informed_at": "2026-06-30"}, True),
        ({"closed_at": "2026-06-30"}, True),
        ({"closed_at": "2026-07-01"}, False),  # closed the day it was detected
        ({"closed_at": "2026-10-01"}, True),  # after the audit date
        ({"closed_at": "2026-09-30"}, False),
        ({"public_communication_at": "2026-10-01T00:00"}, True),
        ({"processor_aware_at": "2026-10-02", "processor_notified_at": "2026-10-02"}, True),
        ({"authority_notified_at": "2026-09-30T23:59"}, False),
        ({"authority_notified_at": "2026-10-01T01:00+02:00"}, False),  # 2026-09-30 23:00 UTC
    ],
)
def test_bre_009_dates_out_of_order(overrides, fires):
    assert keys("BRE-009", ctx_for(breach("b", **overrides))) == (["b"] if fires else [])


def test_bre_009_lists_every_problem_of_a_breach_once():
    row = breach(
        "b",
        detected_at="2026-07-02T08:00",
        became_aware_at="2026-07-01T10:00",
        authority_notified_at="2026-06-30",
        closed_at="2026-10-05",
    )
    result = fire("BRE-009", ctx_for(row))
    assert len(result) == 1
    assert result["message"][0] == (
        "became_aware_at 2026-07-01 10:00 before detected_at 2026-07-02 08:00; "
        "authority_notified_at 2026-06-30 before became_aware_at 2026-07-01 10:00; "
        "closed_at 2026-10-05 after the audit date"
    )


# --------------------------------------------------------------------------- the register
def test_a_clean_register_gives_no_finding():
    from audit_lib.rules import run_rules

    ctx = ctx_for(
        breach("none"),
        notified("risk", "2026-07-01T10:00", "2026-07-02T10:00"),
        notified(
            "high",
            "2026-07-01T10:00",
            "2026-07-02T10:00",
            risk_level="high",
            subjects_informed_at="2026-07-03",
        ),
        breach(
            "processor",
            processor_id="P1",
            processor_aware_at="2026-07-01T07:00",
            processor_notified_at="2026-07-01T09:00",
        ),
        processors=["P1"],
    )
    outcome = run_rules("breaches", ctx)
    assert outcome.findings.empty
    assert outcome.evaluated == [f"BRE-{n:03d}" for n in range(1, 10)]


def test_optional_columns_absent():
    row = {
        key: value
        for key, value in breach("b", risk_level="risk").items()
        if key
        in (
            "breach_id",
            "detected_at",
            "became_aware_at",
            "nature",
            "description",
            "data_categories",
            "risk_level",
            "consequences",
            "remedial_measures",
        )
    }
    ctx = ctx_for(row)
    assert keys("BRE-001", ctx) == ["b"]
    assert keys("BRE-008", ctx) == ["b"]
    for rule_id in ("BRE-002", "BRE-003", "BRE-005", "BRE-007", "BRE-009"):
        assert keys(rule_id, ctx) == []


def test_a_breach_id_missing_is_named_by_its_row():
    ctx = ctx_for(breach("", risk_level="risk"))
    assert keys("BRE-001", ctx) == ["row 2"]


# --------------------------------------------------------------------------- the report
def test_kpis_of_the_period():
    ctx = ctx_for(
        notified("on-time", "2026-07-01T10:00", "2026-07-02T10:00", subjects_affected="1,200"),
        notified("late", "2026-08-01T10:00", "2026-08-05T22:00", subjects_affected="300"),
        notified("date-only", "2026-08-10", "2026-08-11", nature="integrity; availability"),
        breach("due", risk_level="high", became_aware_at="2026-09-01T10:00", closed_at=""),
        breach("old", detected_at="2025-01-02", became_aware_at="2025-01-02", closed_at=""),
    )
    kpis = {k["label"]: k for k in AUDITS["breaches"].kpis(ctx, pd.DataFrame())}
    assert kpis["Breaches in the period"]["value"] == "4"
    assert kpis["Breaches in the period"]["key"] == "breaches_in_period"
    assert kpis["High-risk breaches"]["value"] == "1"
    assert kpis["Breaches by nature"]["value"] == "3 confidentiality"
    assert "1 integrity, 1 availability" in kpis["Breaches by nature"]["note"]
    # on time: on-time and date-only; late: late; due and not notified: due
    assert kpis["Notified within 72 hours"]["value"] == "50%"
    assert kpis["Notified within 72 hours"]["status"] == "bad"
    assert kpis["Median time to notify"]["value"] == "66 hours"  # 24 h and 108 h
    assert "1 without a time of day left out" in kpis["Median time to notify"]["note"]
    assert kpis["Not notified, 72 hours run out"]["value"] == "1"
    assert kpis["Data subjects affected"]["value"] == "1,500"
    assert kpis["Open breaches"]["value"] == "2"
    assert "1 open more than 90 days" in kpis["Open breaches"]["note"]
    keyed = [k["key"] for k in kpis.values() if k.get("key")]
    assert keyed == ["breaches_in_period", "breaches_notified_on_time"]


def test_charts_and_tables():
    ctx = ctx_for(
        notified("on-time", "2026-07-01T10:00", "2026-07-02T10:00", systems="CRM; Legacy FTP"),
        notified("slow", "2026-07-01T10:00", "2026-07-30T10:00", systems="crm"),
        breach("open", closed_at="", description="<script>alert(1)</script>" + "x" * 300),
        systems=["CRM"],
    )
    spec = AUDITS["breaches"]
    titles = [chart.title for chart in spec.charts(ctx, pd.DataFrame())]
    assert titles == [
        "Hours from awareness to notification",
        "Breaches per month by risk level",
        "Open breaches by age",
    ]
    register, systems = spec.tables(ctx, pd.DataFrame())
    shown = register.frame.set_index("breach")
    assert shown.loc["slow", "within 72 h"] == "no" and shown.loc["on-time", "within 72 h"] == "yes"
    assert len(shown.loc["open", "description"]) == 160
    table = systems.frame.set_index("breach")
    assert list(systems.frame["breach"]) == ["on-time", "slow"]  # unlisted systems first
    assert table.loc["on-time", "not in the systems register"] == "Legacy FTP"
    assert table.loc["slow", "not in the systems register"] == ""  # names compared without case


def test_systems_table_without_the_systems_register():
    ctx = ctx_for(breach("b", systems="CRM"))
    _, systems = AUDITS["breaches"].tables(ctx, pd.DataFrame())
    assert systems.frame["not in the systems register"].tolist() == ["(systems register not given)"]
    assert "could not be checked" in systems.caption
