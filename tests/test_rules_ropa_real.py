"""ROPA rules on registers as organisations keep them (real_registers.md sections 2, 3, 6): absent
columns, retention written out (ROPA-012), DPIA stated as required (ROPA-005 extended), transfers
under the Privacy Shield (ROPA-006), free text of legal bases and countries."""

from __future__ import annotations

import pytest

from tests.helpers import fire, keys, make_ctx
from tests.test_rules_ropa import activity, ctx_for


def without(row: dict, *columns: str) -> dict:
    return {k: v for k, v in row.items() if k not in columns}


# ------------------------------------------------------------------------------ ROPA-012
@pytest.mark.parametrize(
    "text", ["as long as necessary", "Account termination", "permanent", "see the schedule"]
)
def test_ropa_012_retention_text_without_a_duration(text):
    ctx = ctx_for(activity("A", retention_rule_id="", retention_text=text))
    result = fire("ROPA-012", ctx)
    assert result["record_key"].tolist() == ["A"]
    assert result["message"].tolist() == [f"no duration can be read from retention_text '{text}'"]


@pytest.mark.parametrize(
    "text",
    [
        "6 years after the end of the contract",
        "3 ans à compter du dernier contact",
        "P3Y",
        "5 Jahre nach Austritt",
    ],
)
def test_ropa_012_compliant_when_a_duration_is_read(text):
    assert keys("ROPA-012", ctx_for(activity("A", retention_rule_id="", retention_text=text))) == []


def test_ropa_012_boundary_a_schedule_rule_makes_the_text_irrelevant():
    """rules.md: only when retention_rule_id is empty; an empty text is ROPA-001's, not 012's."""
    ctx = ctx_for(
        activity("rule", retention_text="as long as necessary"),
        activity("empty", retention_rule_id="", retention_text=""),
    )
    assert keys("ROPA-012", ctx) == []
    assert keys("ROPA-001", ctx) == ["empty"]


def test_ropa_001_retention_met_by_the_text_alone():
    row = without(
        activity("A", retention_text="6 years after the end of the contract"), "retention_rule_id"
    )
    assert keys("ROPA-001", ctx_for(row)) == []


# ------------------------------------------------------------------------------ ROPA-005 extended
@pytest.mark.parametrize(
    ("extra", "fires"),
    [
        ({"dpia_required": "yes"}, True),
        ({"dpia_required": "TRUE", "dpia_status": "in progress"}, True),
        ({"dpia_required": "yes", "dpia_status": "Complete"}, False),
        ({"dpia_required": "oui", "dpia_status": "Terminé"}, False),
        ({"dpia_required": "Ja", "dpia_status": "réalisée"}, False),
        ({"dpia_required": "yes", "dpia_reference": "https://intranet/dpia/7"}, False),
        ({"dpia_required": "yes", "dpia_date": "2025-01-10"}, False),
        ({"dpia_required": "no"}, False),
        ({}, False),
    ],
)
def test_ropa_005_dpia_stated_as_required(extra, fires):
    assert keys("ROPA-005", ctx_for(activity("A", **extra))) == (["A"] if fires else [])


def test_ropa_005_message_when_the_register_says_a_dpia_is_required():
    result = fire("ROPA-005", ctx_for(activity("A", dpia_required="yes", dpia_status="planned")))
    assert result["message"].tolist() == [
        "the register says a DPIA is required (dpia_required) but records none: dpia_date and "
        "dpia_reference are empty and dpia_status is 'planned'"
    ]


def test_ropa_005_criteria_and_statement_give_one_finding():
    row = activity("A", dpia_criteria="large_scale; systematic_monitoring", dpia_required="yes")
    result = fire("ROPA-005", ctx_for(row))
    assert len(result) == 1 and "2 WP248 criteria met" in result["message"].iloc[0]


# ------------------------------------------------------------------------------ ROPA-006
def test_ropa_006_privacy_shield_is_no_valid_mechanism():
    ctx = ctx_for(
        activity("shield", transfer_countries="United States", transfer_safeguard="Privacy Shield"),
        activity(
            "dpf", transfer_countries="USA", transfer_safeguard="EU-US Data Privacy Framework"
        ),
        activity(
            "scc", transfer_countries="Inde", transfer_safeguard="clauses contractuelles types"
        ),
    )
    result = fire("ROPA-006", ctx)
    assert result["record_key"].tolist() == ["shield"]
    message = result["message"].iloc[0]
    assert message.startswith(
        "Transfer to US (outside the EEA) relying on the EU-US Privacy Shield"
    )
    assert "2020-07-16" in message and "C-311/18" in message


# ------------------------------------------------------------------------------ absent columns
def test_absent_columns_are_judged_on_every_record():
    rows = [
        without(activity(key), "controller", "recipients", "legal_basis", "last_reviewed")
        for key in ("A", "B")
    ]
    ctx = ctx_for(*rows)
    assert (
        fire("ROPA-001", ctx)["message"].tolist()
        == [
            "Empty Art. 30(1) fields: controller (no such column in the register), recipients (no "
            "such column in the register)"
        ]
        * 2
    )
    assert (
        fire("ROPA-002", ctx)["message"].tolist()
        == ["the register records no legal basis (it has no legal_basis column)"] * 2
    )
    assert (
        fire("ROPA-007", ctx)["message"].tolist()
        == ["no review date is recorded (the register has no last_reviewed column)"] * 2
    )
    assert keys("ROPA-004", ctx) == [] and keys("ROPA-009", ctx) == []


def test_an_empty_register_without_columns_gives_no_finding():
    ctx = make_ctx("ropa", {"processing_register": []})
    for rule_id in ("ROPA-001", "ROPA-002", "ROPA-005", "ROPA-007", "ROPA-012"):
        assert keys(rule_id, ctx) == []
