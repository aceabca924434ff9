"""End to end: the access-rights notebook run by Papermill on a freshly written sample."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

import audit_lib.sample
from audit_lib.runner import run

pytestmark = pytest.mark.e2e

# the sample's subject_ref values are e-mails at example.com (lookbehind: no quadratic scan of
# long base64 runs in the page)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@example\.\w+")
TOKEN = re.compile(r"[\w.@+-]+")


@pytest.fixture(scope="module")
def access_run(tmp_path_factory):
    """`gdpr-audit run --only access` on the sample organisation written into a temp folder."""
    root = tmp_path_factory.mktemp("access")
    sample = audit_lib.sample.write(root / "s")
    out = root / "out"
    code = run(sample / "params.yaml", out, only=["access"], stream=None, jobs=1)
    return code, sample, out


def test_finds_exactly_the_planted_access_violations(access_run):
    code, sample, out = access_run
    assert code == 0
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    expected = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)
    got = findings[findings["audit"] == "access"]
    planted = expected[expected["audit"] == "access"]
    assert set(zip(got["rule_id"], got["record_key"], strict=True)) == set(
        zip(planted["rule_id"], planted["record_key"], strict=True)
    )
    # every ACC rule has a planted violation, and no finding is reported twice
    assert set(planted["rule_id"]) == {f"ACC-{n:03d}" for n in range(1, 11)}
    assert not got.duplicated(["rule_id", "record_key"]).any()


def test_the_report_renders_offline_with_kpis_and_charts(access_run):
    _, _, out = access_run
    html = (out / "access.html").read_text(encoding="utf-8")
    for heading in ("Scope and inputs", "Data quality", "Key figures", "Charts", "All findings"):
        assert heading in html
    assert "session.show_" not in html and 'src="http' not in html
    assert html.count("<svg") >= 7  # severity chart + the six access charts
    assert "Leavers revoked on time" in html and "ACC-010" in html
    result = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert result["audits"]["access"] == "ok"


def test_no_e_mail_or_subject_reference_in_the_outputs(access_run):
    _, sample, out = access_run
    refs: set[str] = set()
    for name in ("data_inventory.csv", "rights_requests.csv"):
        frame = pd.read_csv(
            sample / name, dtype=str, keep_default_na=False, usecols=["subject_ref"]
        )
        refs |= set(frame["subject_ref"]) - {""}
    assert refs
    for name in ("access.html", "findings.csv", "access.ipynb"):
        text = (out / name).read_text(encoding="utf-8")
        assert not EMAIL.findall(text), name
        assert not refs & set(TOKEN.findall(text)), name
