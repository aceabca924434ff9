"""ROPA-001..ROPA-011: a violating, a compliant and the boundary records of rules.md for each rule."""

import pytest

from tests.helpers import fire, keys, make_ctx


def activity(activity_id="PA-1", **overrides):
    row = {
        "activity_id": activity_id,
        "name": "Customer accounts",
        "controller": "Example SA",
        "purposes": "Manage accounts",
        "legal_basis": "contract",
        "data_subject_categories": "customers",
        "data_categories": "identity; contact",
        "recipients": "customer service",
        "retention_rule_id": "R1",
        "security_measures": "encryption",
        "owner": "Sales",
        "last_reviewed": "2026-06-01",
    }
    row.update(overrides)
    return row


def ctx_for(*rows, audit_date="2026-09-30", processors=None, schedule=None):
    registers = {"processing_register": list(rows)}
    registers["retention_schedule"] = schedule or [
        {
            "rule_id": "R1",
            "data_category": "customer",
            "trigger": "collected",
            "duration": "P3Y",
            "action": "delete",
        }
    ]
    registers["processors"] = processors or []
    return make_ctx("ropa", registers, audit_date)


def test_ropa_001_lists_every_empty_art30_field_in_one_finding():
    ctx = ctx_for(
        activity("bad", controller="", recipients=" ", data_categories=""), activity("ok")
    )
    result = fire("ROPA-001", ctx)
    assert list(result["record_key"]) == ["bad"]
    assert (
        result["message"].iloc[0]
        == "Empty Art. 30(1) fields: controller, data_categories, recipients"
    )


@pytest.mark.parametrize("value", ["", "pinky promise", "art 6"])
def test_ropa_002_fires_on_empty_or_unknown_basis(value):
    assert keys("ROPA-002", ctx_for(activity("bad", legal_basis=value))) == ["bad"]


@pytest.mark.parametrize(
    "value",
    ["contractual necessity", "Art. 6(1)(b)", "exécution d'un contrat", "Vertragserfüllung"],
)
def test_ropa_002_understands_a_basis_written_out(value):
    """real_registers.md section 3: the usual wording and the Art. 6(1) letter are understood."""
    assert keys("ROPA-002", ctx_for(activity("ok", legal_basis=value))) == []


def test_ropa_002_quotes_text_naming_several_bases():
    result = fire("ROPA-002", ctx_for(activity("two", legal_basis="Consent or contract")))
    assert result["message"].tolist() == [
        "legal_basis 'Consent or contract' names several bases (consent, contract): record the "
        "one the processing rests on"
    ]


@pytest.mark.parametrize(
    "value", ["CONSENT", "Legitimate interests", "Legal-Obligation", "public task"]
)
def test_ropa_002_accepts_bases_in_odd_case(value):
    assert keys("ROPA-002", ctx_for(activity("ok", legal_basis=value, lia_reference="LIA-1"))) == []


@pytest.mark.parametrize(
    ("categories", "condition", "fires"),
    [
        ("health", "", True),
        ("health", "9_2_k", True),
        ("health", "9_2_h", False),
        ("Health; Genetic", "9(2)(a)", False),
        ("criminal", "art10", False),
        ("criminal", "9_2_b", True),
        ("criminal", "", True),
        ("", "", False),
    ],
)
def test_ropa_003_special_categories_need_a_valid_condition(categories, condition, fires):
    ctx = ctx_for(activity("a", special_categories=categories, art9_condition=condition))
    assert keys("ROPA-003", ctx) == (["a"] if fires else [])


def test_ropa_004_legitimate_interests_without_lia():
    ctx = ctx_for(
        activity("bad", legal_basis="Legitimate Interests"),
        activity("ok", legal_basis="legitimate_interests", lia_reference="LIA-7"),
        activity("other", legal_basis="consent"),
    )
    assert keys("ROPA-004", ctx) == ["bad"]


@pytest.mark.parametrize(
    ("criteria", "special", "dpia_date", "fires"),
    [
        ("evaluation_scoring; large_scale", "", "", True),
        ("evaluation_scoring", "", "", False),
        ("evaluation_scoring; evaluation_scoring", "", "", False),  # one criterion named twice
        ("large_scale", "health", "", True),
        ("large_scale", "", "", False),
        ("evaluation_scoring; large_scale", "", "2025-01-01", False),
    ],
)
def test_ropa_005_dpia_required(criteria, special, dpia_date, fires):
    art9 = "9_2_h" if special else ""
    row = activity(
        "a",
        dpia_criteria=criteria,
        special_categories=special,
        art9_condition=art9,
        dpia_date=dpia_date,
    )
    assert keys("ROPA-005", ctx_for(row)) == (["a"] if fires else [])


@pytest.mark.parametrize(
    ("countries", "safeguard", "audit_date", "fires"),
    [
        ("IN", "none", "2026-09-30", True),
        ("IN", "", "2026-09-30", True),
        ("IN", "scc", "2026-09-30", False),
        ("IN", "adequacy", "2026-09-30", True),
        ("US", "adequacy", "2026-09-30", False),  # Data Privacy Framework
        ("el; DE", "", "2026-09-30", False),  # EL is Greece: inside the EEA
        ("NO", "", "2026-09-30", False),  # EEA-EFTA
        ("CH", "", "2026-09-30", True),  # adequate but not EEA: a safeguard must still be named
        ("BR", "adequacy", "2026-09-30", False),  # decision of 2026-01-26 in force
        ("BR", "adequacy", "2025-12-31", True),  # the decision post-dates the audit date
        ("GB", "adequacy", "2026-09-30", False),  # renewed until 2031
    ],
)
def test_ropa_006_transfers(countries, safeguard, audit_date, fires):
    ctx = ctx_for(
        activity("a", transfer_countries=countries, transfer_safeguard=safeguard),
        audit_date=audit_date,
    )
    assert keys("ROPA-006", ctx) == (["a"] if fires else [])


def test_ropa_006_message_names_each_failing_destination_once_in_order():
    """Several records, several destinations each (repeated, mixed with the EEA): one finding per
    record, in register order, naming the destinations outside the EEA once, sorted; with adequacy
    claimed, only those without a decision in force."""
    ctx = ctx_for(
        activity("a", transfer_countries="US; IN; FR; IN; BR", transfer_safeguard="none"),
        activity("b", transfer_countries="JP", transfer_safeguard="scc"),
        activity("c", transfer_countries="US; IN; KR; BR; IN", transfer_safeguard="adequacy"),
        activity("d", transfer_countries="DE; CH", transfer_safeguard=""),
        activity("e", transfer_countries="JP; GB", transfer_safeguard="adequacy"),
        audit_date="2025-12-31",
    )
    found = fire("ROPA-006", ctx)
    assert list(found["record_key"]) == ["a", "c", "d"]
    assert list(found["message"]) == [
        "Transfer to BR, IN, US (outside the EEA) with transfer_safeguard none",
        "adequacy claimed for BR, IN, which has no adequacy decision in force on 2025-12-31",
        "Transfer to CH (outside the EEA) with transfer_safeguard empty",
    ]


def test_ropa_007_review_exactly_twelve_months_old_is_not_overdue():
    ctx = ctx_for(
        activity("exact", last_reviewed="2025-09-30"),
        activity("late", last_reviewed="2025-09-29"),
        activity("recent", last_reviewed="2026-09-30"),
    )
    assert keys("ROPA-007", ctx) == ["late"]


def test_ropa_007_month_end_and_threshold_parameter():
    # audit date on a month end: 12 months before 2025-02-28 is 2024-02-28 (not the leap day)
    ctx = ctx_for(
        activity("exact", last_reviewed="2024-02-28"),
        activity("late", last_reviewed="2024-02-27"),
        audit_date="2025-02-28",
    )
    assert keys("ROPA-007", ctx) == ["late"]
    ctx.params.thresholds = {"ROPA-007": {"months": 6}}
    ctx2 = ctx_for(activity("six", last_reviewed="2026-03-29"))
    ctx2.params.thresholds = {"ROPA-007": {"months": 6}}
    assert keys("ROPA-007", ctx2) == ["six"]


def test_ropa_008_dpia_older_than_36_months():
    ctx = ctx_for(
        activity("old", dpia_date="2023-09-29"),
        activity("exact", dpia_date="2023-09-30"),
        activity("none"),
    )
    assert keys("ROPA-008", ctx) == ["old"]


def test_ropa_009_retention_rule_must_exist():
    ctx = ctx_for(
        activity("bad", retention_rule_id="R9"),
        activity("ok"),
        activity("empty", retention_rule_id=""),
    )
    assert keys("ROPA-009", ctx) == ["bad"]  # an empty one is ROPA-001's


def processor(pid, active="yes"):
    return {
        "processor_id": pid,
        "name": pid,
        "service": "s",
        "country": "FR",
        "active": active,
        "risk_tier": "low",
        "dpa_signed": "yes",
        "subprocessor_authorisation": "general",
        **{
            c: "yes"
            for c in (
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
    }


def test_ropa_010_and_011_processor_links():
    procs = [processor("P1"), processor("P2", active="no")]
    ctx = ctx_for(
        activity("unknown", processor_ids="P1; P9"),
        activity("inactive", processor_ids="P2 | P1"),
        activity("ok", processor_ids="P1"),
        processors=procs,
    )
    unknown = fire("ROPA-010", ctx)
    assert list(unknown["record_key"]) == ["unknown"] and "P9" in unknown["message"].iloc[0]
    assert keys("ROPA-011", ctx) == ["inactive"]
