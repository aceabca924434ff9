"""End to end: the direct-marketing notebook run by Papermill on a freshly written sample, in
both sample quarters: it finds exactly the planted violations, and the report renders."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import audit_lib.sample
from audit_lib.runner import run

pytestmark = pytest.mark.e2e
RULES = {f"MKT-{n:03d}" for n in range(1, 6)}


@pytest.fixture(scope="module", params=["2026-Q3", "2026-Q2"])
def marketing_run(request, tmp_path_factory):
    """`gdpr-audit run --only marketing` on the sample organisation of one quarter."""
    root = tmp_path_factory.mktemp(f"marketing-{request.param}")
    sample = audit_lib.sample.write(root / "s", period=request.param)
    out = root / "out"
    code = run(sample / "params.yaml", out, only=["marketing"], stream=None, jobs=1)
    return request.param, code, sample, out


def test_finds_exactly_the_planted_marketing_violations(marketing_run):
    period, code, sample, out = marketing_run
    assert code == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    expected = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)
    got = findings[findings["audit"] == "marketing"]
    planted = expected[expected["audit"] == "marketing"]
    assert set(zip(got["rule_id"], got["record_key"], strict=True)) == set(
        zip(planted["rule_id"], planted["record_key"], strict=True)
    )
    # every MKT rule is planted in both quarters, and no finding is reported twice
    assert set(planted["rule_id"]) == RULES
    assert not got.duplicated(["rule_id", "record_key"]).any()
    assert got["finding_id"].is_unique
    # the boundaries of rules.md are among them (the tolerated ones are checked by their absence)
    notes = set(planted["note"])
    assert "sent 2 days and 1 minute after an objection" in notes
    assert "SMS one minute before the consent was recorded" in notes
    if period == "2026-Q3":  # the objection ignored by three newsletters is this quarter's
        assert "43 days after an objection" in notes


def test_the_report_renders_with_key_figures_charts_and_tables(marketing_run):
    period, _, _, out = marketing_run
    html = (out / "marketing.html").read_text(encoding="utf-8")
    for heading in ("Scope and inputs", "Data quality", "Key figures", "Charts", "All findings"):
        assert heading in html
    assert "session.show_" not in html and 'src="http' not in html
    assert html.count("<svg") >= 4  # severity chart + the three marketing charts
    for text in (
        "Messages sent per month, by channel",
        "Sends that ignored an objection or a consent withdrawal, by campaign",
        "Days from an objection to the last send that ignored it",
        "People reached",
        "Median days from an objection to the last send that ignored it",
        "Messages sent per month and channel",
    ):
        assert text in html, text
    results = json.loads((out / "audit_results.json").read_text(encoding="utf-8"))["marketing"]
    assert results["status"] == "ok" and results["rules_not_evaluated"] == {}
    assert set(results["rules_evaluated"]) == RULES
    kpis = {kpi["label"]: kpi for kpi in results["kpis"]}
    assert kpis["Sends after an objection or withdrawal"]["status"] == "bad"
    assert results["records_checked"] > 10_000
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audits"]["marketing"] == "ok"
