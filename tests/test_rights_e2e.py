"""End to end: the rights audit on the generated sample, exactly the planted violations.

The notebook run (Papermill, nbconvert, exports) uses the default period; the in-process checks
cover both sample periods and the large scale, whose logs are snapshots of one request timeline.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml

from audit_lib import sample
from audit_lib.context import load_inputs
from audit_lib.params import load_params
from audit_lib.rules import run_rules
from audit_lib.sample import rights as rights_sample
from audit_lib.sample.org import PERIODS, Organisation

pytestmark = pytest.mark.e2e

DSR_RULES = {f"DSR-00{i}" for i in range(1, 9)}


@pytest.fixture(scope="module")
def rights_run(tmp_path_factory):
    from audit_lib.runner import run

    base = tmp_path_factory.mktemp("rights")
    data = sample.write(base / "s")
    out = base / "out"
    code = run(data / "params.yaml", out, only=["rights"], stream=None, jobs=1)
    return code, data, out


def test_finds_exactly_the_planted_rights_violations(rights_run):
    code, data, out = rights_run
    assert code == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    findings = findings[findings["audit"] == "rights"]
    expected = pd.read_csv(data / "expected_findings.csv", dtype=str, keep_default_na=False)
    planted = expected[expected["audit"] == "rights"]
    got = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    assert got == set(zip(planted["rule_id"], planted["record_key"], strict=True))
    assert len(findings) == len(planted)  # one finding per (rule, request)
    assert set(planted["rule_id"]) == DSR_RULES


def test_report_shows_sections_kpis_and_charts(rights_run):
    _, _, out = rights_run
    html = (out / "rights.html").read_text(encoding="utf-8")
    assert "session.show_" not in html
    assert 'src="http' not in html and "cdn." not in html.lower()
    for text in (
        "Scope and inputs",
        "Data quality",
        "Key figures",
        "Answered on time",
        "Open requests past their deadline",
        "Requests per month by type",
        "On-time rate by month the answer was due",
        "Days to respond",
        "Open requests by age against their deadline",
        "Identity verification delay",
        "Outcomes by request type",
        "DSR-008",
    ):
        assert text in html, text
    assert html.count("<svg") >= 7
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audits"]["rights"] == "ok"


def test_no_subject_ref_of_the_sample_in_any_output(rights_run):
    _, data, out = rights_run
    frame = pd.read_csv(data / "rights_requests.csv", dtype=str, keep_default_na=False)
    refs = set(frame["subject_ref"]) - {""}
    assert len(refs) > 100
    files = [path for path in out.rglob("*") if path.is_file()]
    assert {"rights.html", "rights.ipynb", "findings.csv"} <= {path.name for path in files}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="ignore")
        leaked = [ref for ref in refs if ref in text]
        assert not leaked, (path.name, leaked[:3])
        assert "@example.com" not in text, path.name


def _rights_findings(tmp_path, org):
    """Build the rights log of `org`, load it as the audit does and run the DSR rules."""
    frames: dict[str, pd.DataFrame] = {}
    expected: list[dict] = []
    rights_sample.build(org, frames, expected)
    frames["rights_requests"].to_csv(tmp_path / "rights_requests.csv", index=False)
    params = sample.params_for(org, {"rights_requests": "rights_requests.csv"})
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(params), encoding="utf-8")
    ctx = load_inputs("rights", load_params(tmp_path / "params.yaml"), ("rights_requests",))
    assert not ctx.errors and ctx.dq["rights_requests"].empty
    findings, *_ = run_rules("rights", ctx)
    return findings, expected, frames["rights_requests"]


@pytest.mark.parametrize(
    ("period", "scale"), [("2026-Q3", "small"), ("2026-Q2", "small"), ("2026-Q3", "large")]
)
def test_each_period_and_scale_finds_exactly_the_planted(tmp_path, period, scale):
    audit_date, previous = PERIODS[period]
    org = Organisation(scale=scale, period=period, audit_date=audit_date, previous=previous)
    findings, expected, _ = _rights_findings(tmp_path, org)
    got = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    assert got == {(e["rule_id"], e["record_key"]) for e in expected}
    assert {e["rule_id"] for e in expected} == DSR_RULES


def test_periods_are_snapshots_of_one_timeline(tmp_path):
    """Request ids are stable: the previous quarter's overdue requests are answered late later."""
    logs, found = {}, {}
    for period, (audit_date, previous) in PERIODS.items():
        org = Organisation(period=period, audit_date=audit_date, previous=previous)
        (tmp_path / period).mkdir()
        findings, _, log = _rights_findings(tmp_path / period, org)
        logs[period] = log.set_index("request_id")
        found[period] = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    q2, q3 = logs["2026-Q2"], logs["2026-Q3"]
    common = q2.index.intersection(q3.index)
    assert len(common) > 0.9 * len(q2)
    for column in ("received_at", "request_type", "subject_ref"):
        assert q2.loc[common, column].equals(q3.loc[common, column])
    overdue_q2 = {key for rule, key in found["2026-Q2"] if rule == "DSR-002"}
    assert overdue_q2 and all(("DSR-001", key) in found["2026-Q3"] for key in overdue_q2)
    resolved = found["2026-Q2"] - found["2026-Q3"]
    assert {rule for rule, _ in resolved} >= {"DSR-002", "DSR-006", "DSR-007"}
