"""End to end: the breach notebook run by Papermill on a freshly written sample, its outputs, the
same register written day-first, and hostile text in a breach's description and id."""

from __future__ import annotations

import json
import re
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

import audit_lib.sample
from audit_lib.runner import run

pytestmark = pytest.mark.e2e

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
FORMULA = "=cmd|' /C calc'!A0"


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The sample organisation (2026-Q3) written into a temporary folder."""
    return audit_lib.sample.write(tmp_path_factory.mktemp("breaches") / "s")


@pytest.fixture(scope="module")
def breaches_run(sample, tmp_path_factory):
    """`gdpr-audit run --only breaches` on the sample."""
    out = tmp_path_factory.mktemp("breaches-out") / "out"
    code = run(sample / "params.yaml", out, only=["breaches"], stream=None, jobs=1)
    return code, out


def planted(sample) -> set[tuple[str, str]]:
    expected = pd.read_csv(sample / "expected_findings.csv", dtype=str, keep_default_na=False)
    expected = expected[expected["audit"] == "breaches"]
    return set(zip(expected["rule_id"], expected["record_key"], strict=True))


def found(out) -> pd.DataFrame:
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    return findings[findings["audit"] == "breaches"]


def test_finds_exactly_the_planted_breach_violations(sample, breaches_run):
    code, out = breaches_run
    assert code == 0
    got = found(out)
    assert set(zip(got["rule_id"], got["record_key"], strict=True)) == planted(sample)
    # every BRE rule has a planted violation, and no finding is reported twice
    assert {rule for rule, _ in planted(sample)} == {f"BRE-{n:03d}" for n in range(1, 10)}
    assert not got.duplicated(["rule_id", "record_key"]).any()
    assert got["finding_id"].is_unique


def test_the_report_renders_offline_with_kpis_charts_and_details(breaches_run):
    _, out = breaches_run
    html = (out / "breaches.html").read_text(encoding="utf-8")
    for heading in (
        "Scope and inputs",
        "Data quality",
        "Key figures",
        "Findings by rule",
        "Charts",
        "Details",
        "All findings",
    ):
        assert heading in html
    assert "session.show_" not in html and 'src="http' not in html
    assert html.count("<svg") >= 4  # severity chart + hours, per month, open by age
    for text in (
        "Notified within 72 hours",
        "Hours from awareness to notification",
        "Breaches per month by risk level",
        "Open breaches by age",
        "Systems affected",
        "Legacy FTP",  # a system the systems register does not list
        "BRE-009",
    ):
        assert text in html, text
    results = json.loads((out / "audit_results.json").read_text(encoding="utf-8"))["breaches"]
    assert results["status"] == "ok" and results["rules_not_evaluated"] == {}
    assert results["rules_evaluated"] == [f"BRE-{n:03d}" for n in range(1, 10)]


def test_the_run_outputs_read_the_audit_from_the_registry(breaches_run):
    """The summary, the index, findings.xlsx and the manifest know the audit with no list of
    audits to update."""
    _, out = breaches_run
    summary = (out / "summary.html").read_text(encoding="utf-8")
    assert "Personal-data breaches (Art. 33, 34)" in summary
    assert "Breaches in the period" in summary and "Notified within 72 hours" in summary
    assert "Breach not notified to the supervisory authority within 72 hours" in summary
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="breaches.html"' in index
    book = load_workbook(out / "findings.xlsx")
    assert "breaches" in book.sheetnames
    assert book["breaches"].max_row == len(found(out)) + 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audits"] == {"breaches": "ok"}
    assert set(manifest["inputs"]) >= {"breaches", "processors", "systems"}


def test_the_same_register_written_day_first_gives_the_same_findings(
    sample, breaches_run, tmp_path
):
    """`date_format: dayfirst`: DD/MM/YYYY with a space before the time, offsets kept."""
    _, out = breaches_run
    register = pd.read_csv(sample / "breaches.csv", dtype=str, keep_default_na=False)
    iso = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](.*))?$")

    def dayfirst(value: str) -> str:
        match = iso.match(value)
        if not match:
            return value
        year, month, day, time = match.groups()
        return f"{day}/{month}/{year}" + (f" {time}" if time else "")

    dated = [c for c in register.columns if c.endswith("_at")]
    for column in dated:
        register[column] = register[column].map(dayfirst)
    assert register["became_aware_at"].str.match(r"^\d{2}/\d{2}/\d{4}").all()
    register.to_csv(tmp_path / "breaches.csv", index=False)
    (tmp_path / "params.yaml").write_text(
        "organisation: Example Group\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"
        "date_format: dayfirst\ninputs:\n  breaches: breaches.csv\n"
        f"  processors: {sample / 'processors.csv'}\n  systems: {sample / 'systems.csv'}\n",
        encoding="utf-8",
    )
    code = run(tmp_path / "params.yaml", tmp_path / "out", only=["breaches"], stream=None, jobs=1)
    assert code == 0
    again = found(tmp_path / "out")
    first = found(out)
    assert again[["finding_id", "severity", "message"]].equals(
        first[["finding_id", "severity", "message"]]
    )


@pytest.fixture(scope="module")
def hostile_run(sample, tmp_path_factory):
    """The sample's register with a breach whose id looks like a formula and whose description,
    systems and measures hold markup."""
    folder = tmp_path_factory.mktemp("breaches-hostile")
    register = pd.read_csv(sample / "breaches.csv", dtype=str, keep_default_na=False)
    hostile = {column: "" for column in register.columns} | {
        "breach_id": FORMULA,
        "detected_at": "2026-09-01T08:00",
        "became_aware_at": "2026-09-01T09:00",
        "nature": "confidentiality",
        "description": f'{SCRIPT} and =HYPERLINK("http://x") {IMG}',
        "systems": f"{IMG}; CRM",
        "data_categories": "identity",
        "risk_level": "risk",
        "consequences": "=1+2",
        "remedial_measures": f"@SUM(A1) {SCRIPT}",
        "closed_at": "2026-09-20",
    }
    register = pd.concat([register, pd.DataFrame([hostile])], ignore_index=True)
    register.to_csv(folder / "breaches.csv", index=False)
    (folder / "params.yaml").write_text(
        "organisation: Example Group\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"
        f"inputs:\n  breaches: breaches.csv\n  systems: {sample / 'systems.csv'}\n",
        encoding="utf-8",
    )
    code = run(folder / "params.yaml", folder / "out", only=["breaches"], stream=None, jobs=1)
    return code, folder / "out"


def test_hostile_text_stays_text_in_the_report(hostile_run):
    code, out = hostile_run
    assert code == 0
    html = (out / "breaches.html").read_text(encoding="utf-8")
    for value in (SCRIPT, IMG):
        assert value not in html
        assert _escaped(value) in html  # shown, as text
    assert not re.search(r"<script\b[^>]*>\s*alert\(", html, re.IGNORECASE)
    assert not re.search(r"<(img|svg|iframe|object)\b[^>]*\bon[a-z]+\s*=", html, re.IGNORECASE)
    assert _escaped(FORMULA).replace("'", "&#x27;") in html or _escaped(FORMULA) in html


def test_hostile_text_stays_text_in_findings_xlsx(hostile_run):
    _, out = hostile_run
    findings = found(out)
    assert ("BRE-001", FORMULA) in set(
        zip(findings["rule_id"], findings["record_key"], strict=True)
    )
    path = out / "findings.xlsx"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                data = archive.read(name)
                assert b"<f>" not in data and b"<f " not in data, name
    book = load_workbook(path)
    cells = [cell for row in book["breaches"].iter_rows() for cell in row if cell.value == FORMULA]
    assert cells, "the finding of the breach named like a formula is in the breaches sheet"
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix
