"""End to end: the processors notebook executed by Papermill on a freshly written sample."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest

from audit_lib.findings import finding_id
from audit_lib.runner import run
from audit_lib.sample import write

pytestmark = pytest.mark.e2e


def run_on_sample(root, period: str = "2026-Q3"):
    """The sample written to a temporary folder, and `gdpr-audit run --only processors` on it."""
    sample = write(root / "s", period=period)
    out = root / "out"
    code = run(sample / "params.yaml", out, only=["processors"], stream=None, jobs=1)
    return code, sample, out


@pytest.fixture(scope="module")
def processors_run(tmp_path_factory):
    return run_on_sample(tmp_path_factory.mktemp("processors"))


def test_finds_exactly_the_planted_processors_violations(processors_run):
    assert_planted(*processors_run)
    expected = pd.read_csv(processors_run[1] / "expected_findings.csv", dtype=str)
    planted = set(expected.loc[expected["audit"] == "processors", "rule_id"])
    assert planted == {f"SUB-{n:03d}" for n in range(1, 15)}


def test_previous_quarter_sample_finds_exactly_its_planted_violations(tmp_path):
    code, sample, out = run_on_sample(tmp_path, period="2026-Q2")
    assert_planted(code, sample, out)
    notes = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)["note"]
    assert notes.str.contains("fixed by the next quarter").any()


def assert_planted(code, sample, out):
    assert code == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    findings = findings[findings["audit"] == "processors"]
    expected = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)
    planted = expected[expected["audit"] == "processors"]
    got = Counter(zip(findings["rule_id"], findings["record_key"], strict=True))
    assert got == Counter(zip(planted["rule_id"], planted["record_key"], strict=True))


def test_clause_findings_start_with_the_clause_and_hash_it(processors_run):
    """One finding per clause, its id hashing the clause letter as detail (rules.md)."""
    _, _, out = processors_run
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    assert findings["finding_id"].is_unique
    for rule_id in ("SUB-001", "SUB-009"):
        part = findings[findings["rule_id"] == rule_id]
        assert part["message"].str.match(r"^Art\. 28\(3\)\([a-h]\): ").all()
        letters = part["message"].str.extract(r"^Art\. 28\(3\)\(([a-h])\)")[0]
        expected = [
            finding_id("processors", rule_id, key, letter)
            for key, letter in zip(part["record_key"], letters, strict=True)
        ]
        assert part["finding_id"].tolist() == expected
    sub009 = findings[findings["rule_id"] == "SUB-009"]
    assert sub009["message"].str.contains("looked for").all()


def test_contract_evidence_and_report(processors_run):
    _, _, out = processors_run
    evidence = pd.read_csv(out / "contract_evidence.csv", dtype=str, keep_default_na=False)
    analysed = evidence[evidence["status"] == "analysed"]
    # the three complete DPAs (Markdown, French DOCX, PDF): a sentence for every clause
    for pid in ("PR-001", "PR-002", "PR-003"):
        rows = analysed[analysed["processor_id"] == pid]
        assert len(rows) == 8 and (rows["found"] == "True").all() and (rows["sentence"] != "").all()
    refused = evidence[evidence["processor_id"] == "PR-006"]
    assert set(refused["status"]) == {"refused"} and (refused["sentence"] == "").all()
    html = (out / "processors.html").read_text(encoding="utf-8")
    for text in ("Art. 28(3) clauses per processor", "SUB-009", "SUB-010", "<svg"):
        assert text in html
    assert "Traceback" not in html and 'src="http' not in html
    assert "contract_evidence.csv" in (out / "index.html").read_text(encoding="utf-8")


def test_subprocessor_lists_csv_and_report_section(processors_run):
    """Every entry of every published list read, and a report section per list."""
    _, _, out = processors_run
    entries = pd.read_csv(out / "subprocessor_lists.csv", dtype=str, keep_default_na=False)
    assert list(entries.columns) == [
        "processor_id",
        "name_as_listed",
        "normalised_name",
        "locations",
        "purpose",
        "in_register",
    ]
    assert sorted(set(entries["processor_id"])) == [
        "PR-001",
        "PR-002",
        "PR-003",
        "PR-030",
        "PR-031",
    ]
    not_in_register = entries[entries["in_register"] == "no"]
    pairs = zip(not_in_register["processor_id"], not_in_register["normalised_name"], strict=True)
    assert list(pairs) == [("PR-031", "snowflake")]
    ovh = entries[entries["normalised_name"] == "ovh"].iloc[0]
    assert (ovh["name_as_listed"], ovh["locations"]) == ("OVH SAS", "FR; DE")
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    sub011 = findings[findings["rule_id"] == "SUB-011"].iloc[0]
    assert sub011["finding_id"] == finding_id("processors", "SUB-011", "PR-031", "snowflake")
    sub014 = findings[findings["rule_id"] == "SUB-014"].iloc[0]
    assert sub014["finding_id"] == finding_id("processors", "SUB-014", "PR-002", "payfit")
    html = (out / "processors.html").read_text(encoding="utf-8")
    for text in ("Sub-processor lists", "Sub-processor list of PR-003 (Mailwave)", "no (SUB-011)"):
        assert text in html
    assert "subprocessor_lists.csv" in (out / "index.html").read_text(encoding="utf-8")
