"""Trends (new / persisting / resolved) and the scorecard colours against their stated rule."""

import pandas as pd
import pytest

from audit_lib.findings import FINDING_COLUMNS, apply_status, finding_id
from audit_lib.summary import RATING_RULE, PeriodResults, rating


def finding(audit, rule_id, key, severity="high", message="m"):
    return {
        "finding_id": finding_id(audit, rule_id, key),
        "audit": audit,
        "rule_id": rule_id,
        "severity": severity,
        "record_key": key,
        "message": message,
        "reference": "Art. 30",
        "status": "",
    }


def frame(*rows):
    return pd.DataFrame(list(rows), columns=FINDING_COLUMNS)


def test_status_new_persisting_and_resolved_keyed_on_finding_id():
    previous = frame(finding("ropa", "ROPA-001", "PA-1"), finding("ropa", "ROPA-002", "PA-2"))
    current = frame(
        finding("ropa", "ROPA-001", "PA-1", severity="medium", message="changed wording"),
        finding("ropa", "ROPA-003", "PA-3"),
    )
    marked, resolved = apply_status(current, previous)
    assert dict(zip(marked["record_key"], marked["status"], strict=True)) == {
        "PA-1": "persisting",
        "PA-3": "new",
    }
    assert list(resolved["record_key"]) == ["PA-2"] and set(resolved["status"]) == {"resolved"}


def test_without_previous_everything_is_new():
    marked, resolved = apply_status(frame(finding("ropa", "ROPA-001", "PA-1")), None)
    assert list(marked["status"]) == ["new"] and resolved.empty


def test_finding_id_is_the_spec_hash():
    import hashlib

    assert (
        finding_id("ropa", "ROPA-001", "PA-1")
        == hashlib.sha256(b"ropa|ROPA-001|PA-1").hexdigest()[:16]
    )


@pytest.mark.parametrize(
    ("status", "by_severity", "records", "high_records", "colour"),
    [
        ("ok", {"critical": 1}, 100, 0, "red"),
        ("ok", {"high": 6}, 100, 6, "red"),  # 6% of records > 5%
        ("ok", {"high": 5}, 100, 5, "amber"),  # exactly 5% is not more than 5%
        ("ok", {"medium": 1}, 100, 0, "amber"),
        ("ok", {"low": 3, "info": 9}, 100, 0, "green"),
        ("ok", {}, 0, 0, "green"),
        ("input_error", {}, 0, 0, "grey"),
        ("not run", {}, 0, 0, "grey"),
        ("failed", {}, 0, 0, "grey"),
    ],
)
def test_rating_follows_the_stated_rule(status, by_severity, records, high_records, colour):
    assert rating(status, by_severity, records, high_records)[0] == colour
    assert "5%" in RATING_RULE


def test_scorecard_shows_an_audit_not_run():
    findings = frame(finding("ropa", "ROPA-001", "PA-1", severity="low"))
    results = {"ropa": {"status": "ok", "records_checked": 10, "kpis": []}}
    card = PeriodResults(None, results, findings).scorecard().set_index("audit")
    assert card.loc["ropa", "rating"] == "green" and card.loc["ropa", "low"] == 1
    assert card.loc["access", "status"] == "not run" and card.loc["access", "rating"] == "grey"


def test_top_findings_prefer_one_per_rule_and_worst_first():
    findings = frame(
        *[finding("ropa", "ROPA-001", f"PA-{i}") for i in range(12)],
        finding("processors", "SUB-002", "PR-1", severity="critical"),
        finding("ropa", "ROPA-007", "PA-99", severity="medium"),
    )
    top = PeriodResults(None, {}, findings).top_findings(10)
    assert len(top) == 10
    assert top.iloc[0]["severity"] == "critical"
    assert "Record not reviewed within the review interval" in set(top["what is wrong"])


def test_top_findings_let_the_audits_take_turns_at_equal_severity():
    """Eleven high ROPA rules do not crowd out the high findings of the audits after it."""
    findings = frame(
        *[finding("ropa", f"ROPA-{n:03d}", f"PA-{n}") for n in range(1, 12)],
        finding("rights", "DSR-001", "REQ-1"),
        finding("breaches", "BRE-001", "BR-1"),
        finding("breaches", "BRE-004", "BR-2", severity="medium"),
    )
    top = PeriodResults(None, {}, findings).top_findings(10)
    assert len(top) == 10
    assert set(top["where"]) >= {"REQ-1", "BR-1"}
    assert "BR-2" not in set(top["where"])  # a medium finding after every high one
    assert list(top["severity"]) == ["high"] * 10
