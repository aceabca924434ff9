"""End to end: the retention notebook executed by Papermill on a freshly written sample."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import audit_lib.sample
from audit_lib.audits.retention import WORKLIST, WORKLIST_COLUMNS
from audit_lib.runner import run

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return audit_lib.sample.write(tmp_path_factory.mktemp("retention") / "s")


@pytest.fixture(scope="module")
def retention_run(sample) -> tuple[int, Path]:
    out = sample.parent / "out"
    code = run(sample / "params.yaml", out, only=["retention"], stream=None, jobs=1)
    return code, out


def _findings(out: Path) -> pd.DataFrame:
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    return findings[findings["audit"] == "retention"]


def test_finds_exactly_the_planted_retention_violations(sample, retention_run):
    code, out = retention_run
    assert code == 0
    expected = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)
    planted = expected[expected["audit"] == "retention"]
    assert set(planted["rule_id"]) == {
        f"RET-{i:03d}" for i in range(1, 10)
    }  # every rule is planted
    findings = _findings(out)
    got = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    assert got == set(zip(planted["rule_id"], planted["record_key"], strict=True))
    assert len(findings) == len(got)  # one finding per (rule, record)
    assert set(findings.loc[findings["rule_id"] == "RET-001", "severity"]) == {
        "high",
        "medium",
        "low",
    }


def test_worklist_has_one_row_per_overdue_record(retention_run):
    _, out = retention_run
    worklist = pd.read_csv(out / WORKLIST, dtype=str, keep_default_na=False)
    assert list(worklist.columns) == WORKLIST_COLUMNS
    overdue = _findings(out).query("rule_id == 'RET-001'")
    assert len(worklist) == len(overdue)
    assert set(worklist["record_id"]) == set(overdue["record_key"])
    order = worklist.assign(days=worklist["days_overdue"].astype(int))
    assert order.equals(order.sort_values(["system", "limit", "record_id"], kind="mergesort"))
    assert b"\r\n" not in (out / WORKLIST).read_bytes()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audits"]["retention"] == "ok"
    assert WORKLIST in manifest["outputs"]


def test_report_sections_and_charts(retention_run):
    _, out = retention_run
    html = (out / "retention.html").read_text(encoding="utf-8")
    for text in (
        "Scope and inputs",
        "Data quality",
        "Key figures",
        "Findings by rule",
        "Charts",
        "All findings",
        "Records held past their limit",
        "Deletion forecast",
        "RET-009",
        "<svg",
    ):
        assert text in html, text
    assert 'src="http' not in html


def test_no_subject_ref_in_any_output(sample, retention_run):
    _, out = retention_run
    refs = set(
        pd.read_csv(sample / "data_inventory.csv", dtype=str, usecols=["subject_ref"])[
            "subject_ref"
        ]
    )
    assert len(refs) > 100
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="ignore")
        assert "@example.com" not in text or not any(ref in text for ref in refs), path.name


def test_two_runs_are_byte_identical(sample, retention_run):
    _, first = retention_run
    second = sample.parent / "again"
    assert run(sample / "params.yaml", second, only=["retention"], stream=None, jobs=1) == 0
    for name in ("retention.html", "findings.csv", WORKLIST, "retention.ipynb"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
