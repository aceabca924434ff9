"""End to end: the ROPA notebook executed by Papermill on the sample, rendered, exported, verified."""

import json

import pandas as pd
import pytest

from audit_lib.runner import run, verify
from tests.conftest import SAMPLE_PARAMS_STANDALONE as SAMPLE_PARAMS
from tests.conftest import sample_subject_refs

pytestmark = pytest.mark.e2e


def test_finds_exactly_the_planted_ropa_violations(ropa_run, expected_findings):
    code, out = ropa_run
    assert code == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    got = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    planted = expected_findings[expected_findings["audit"] == "ropa"]
    assert got == set(zip(planted["rule_id"], planted["record_key"], strict=True))
    assert list(findings.columns) == [
        "finding_id",
        "audit",
        "rule_id",
        "severity",
        "record_key",
        "message",
        "reference",
        "status",
        "owner",
        "due_date",
        "action_status",
    ]
    assert set(findings["status"]) == {"new"}
    # no action plan given: the plan's three columns are empty
    assert set(findings["owner"]) | set(findings["action_status"]) == {""}


def test_outputs_are_complete_and_the_report_is_offline(ropa_run):
    _, out = ropa_run
    for name in (
        "index.html",
        "ropa.html",
        "ropa.ipynb",
        "findings.csv",
        "manifest.json",
        "run.log",
    ):
        assert (out / name).is_file(), name
    html = (out / "ropa.html").read_text(encoding="utf-8")
    assert "session.show_" not in html  # no code
    assert 'src="http' not in html and "cdn." not in html.lower()
    for heading in (
        "Scope and inputs",
        "Data quality",
        "Findings by rule",
        "Charts",
        "All findings",
    ):
        assert heading in html
    assert "ROPA-006" in html and "<svg" in html
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["audits"]["ropa"] == "ok"
    assert set(manifest["outputs"]) >= {"ropa.html", "findings.csv", "index.html", "ropa.ipynb"}
    assert manifest["inputs"]["processing_register"]["sha256"]


def test_two_runs_are_byte_identical(ropa_run, tmp_path):
    _, first = ropa_run
    second = tmp_path / "again"
    assert run(SAMPLE_PARAMS, second, only=["ropa"], stream=None, jobs=1) == 0
    for name in ("ropa.html", "findings.csv", "manifest.json", "index.html", "ropa.ipynb"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_verify_passes_then_fails_after_one_byte_changes(ropa_run, tmp_path):
    import shutil

    _, out = ropa_run
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    assert verify(copy) == []
    data = bytearray((copy / "ropa.html").read_bytes())
    data[len(data) // 2] ^= 1
    (copy / "ropa.html").write_bytes(bytes(data))
    assert verify(copy) == ["ropa.html: SHA-256 differs from the manifest"]


def test_no_subject_ref_in_any_output(ropa_run):
    _, out = ropa_run
    refs = sample_subject_refs()
    assert refs
    for path in out.iterdir():
        text = path.read_text(encoding="utf-8", errors="ignore")
        leaked = [ref for ref in refs if ref in text]
        assert not leaked, (path.name, leaked[:3])


def test_existing_output_folder_is_not_overwritten_without_force(ropa_run, capsys):
    import sys

    _, out = ropa_run
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert run(SAMPLE_PARAMS, out, only=["ropa"], stream=sys.stderr) == 2
    assert "--force" in capsys.readouterr().err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_a_missing_art30_column_is_judged_and_the_report_says_it_is_absent(tmp_path, capsys):
    """real_registers.md section 2: not a refusal -- ROPA-001 on every record, the report's
    data-quality section names the absent column."""
    import sys

    register = pd.read_csv(SAMPLE_PARAMS.parent / "processing_register.csv", dtype=str)
    register.drop(columns=["purposes"]).to_csv(tmp_path / "register.csv", index=False)
    params = tmp_path / "params.yaml"
    params.write_text(
        "organisation: Org\nperiod: P\naudit_date: 2026-09-30\ninputs:\n  processing_register: register.csv\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    code = run(params, out, stream=sys.stderr, fail_on="high", jobs=1)
    err = capsys.readouterr().err
    assert code == 1  # high findings (--fail-on high), not an input error
    assert "input error" not in err and "Traceback" not in err
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    rule_001 = findings[findings["rule_id"] == "ROPA-001"]
    assert len(rule_001) == len(register)
    html = (out / "ropa.html").read_text(encoding="utf-8")
    assert "column &#x27;purposes&#x27; is absent from the register" in html or (
        "column 'purposes' is absent from the register" in html
    )
    assert "retention" in (out / "index.html").read_text(
        encoding="utf-8"
    )  # other audits listed as not run


def test_fail_on_high_exits_1(tmp_path):
    assert (
        run(SAMPLE_PARAMS, tmp_path / "out", only=["ropa"], fail_on="high", stream=None, jobs=1)
        == 1
    )
