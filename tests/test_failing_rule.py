"""A rule that raises loses nothing else (spec README, quality bars; issue 14, part 4).

The test registers a deliberately broken rule, ROPA-099, in the ropa notebook it runs (a copy of
the real notebook with one cell added before the audit opens): every other ROPA finding must be
reported, the rule shown as not evaluated with its exception, and the run must exit 3.
"""

from __future__ import annotations

import html
import io
import json
import re
import shutil
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from audit_lib.rules import RULES, judge, rule, run_rules
from audit_lib.runner import run
from audit_lib.schemas import required_columns
from tests.helpers import make_ctx

from .conftest import ROOT, SAMPLE_PARAMS_STANDALONE

BROKEN = """from audit_lib.rules import RULES, rule

if "ROPA-099" not in RULES:
    @rule("ROPA-099", severity="high", reference="Art. 30", title="Deliberately broken rule",
          remediation="None: it only raises.", needs=("processing_register",))
    def ropa_099_broken(ctx):
        raise ZeroDivisionError("deliberately broken for the test")
"""


def notebooks_with_a_broken_rule(tmp_path: Path) -> Path:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copy(ROOT / "notebooks" / "summary.ipynb", notebooks)
    nb = nbformat.read(ROOT / "notebooks" / "ropa.ipynb", as_version=4)
    position = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell(BROKEN)
    cell.metadata["tags"] = ["remove-cell"]
    nb.cells.insert(position + 1, cell)
    nbformat.write(nb, notebooks / "ropa.ipynb")
    return notebooks


def visible(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.e2e
def test_a_rule_that_raises_loses_nothing_else(tmp_path, expected_findings):
    console = io.StringIO()
    out = tmp_path / "out"
    code = run(
        SAMPLE_PARAMS_STANDALONE,
        out,
        only=["ropa"],
        stream=console,
        notebooks=notebooks_with_a_broken_rule(tmp_path),
    )
    assert code == 3
    assert "[ropa] rule ROPA-099 could not be evaluated: ZeroDivisionError" in console.getvalue()
    # every other finding of the audit is there
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    planted = expected_findings[expected_findings["audit"] == "ropa"]
    assert sorted(zip(findings["rule_id"], findings["record_key"], strict=True)) == sorted(
        zip(planted["rule_id"], planted["record_key"], strict=True)
    )
    results = json.loads((out / "audit_results.json").read_text(encoding="utf-8"))["ropa"]
    assert results["status"] == "ok"
    reason = "ZeroDivisionError: deliberately broken for the test"
    assert results["rules_failed"] == {"ROPA-099": reason}
    assert results["rules_not_evaluated"]["ROPA-099"] == f"could not be evaluated: {reason}"
    assert "ROPA-099" not in results["rules_evaluated"] and "ROPA-001" in results["rules_evaluated"]
    report = visible((out / "ropa.html").read_text(encoding="utf-8"))
    assert f"could not be evaluated ({reason})" in report
    assert "Traceback" not in report
    summary = visible((out / "summary.html").read_text(encoding="utf-8"))
    assert "incomplete" in summary and "ROPA-099 could not be evaluated" in summary
    index = visible((out / "index.html").read_text(encoding="utf-8"))
    assert "could not evaluate ROPA-099" in index


def test_run_rules_records_the_exception_and_goes_on():
    """The same in-process: the broken rule is reported, the others judged (no notebook)."""
    ctx = make_ctx(
        "ropa",
        {
            "processing_register": [
                {
                    **{column: "x" for column in required_columns("processing_register")},
                    "activity_id": "A1",
                    "legal_basis": "",
                    "last_reviewed": "2026-01-01",
                }
            ]
        },
    )
    registered = "ROPA-098" in RULES
    if not registered:

        @rule(
            "ROPA-098",
            severity="low",
            reference="Art. 30",
            title="Broken in-process",
            remediation="-",
            needs=("processing_register",),
        )
        def ropa_098_broken(ctx):
            return pd.DataFrame({"record_key": ["A1"]})  # no message column: to_findings fails

    try:
        outcome = run_rules("ropa", ctx)
        assert set(outcome.failed) == {"ROPA-098"} and "KeyError" in outcome.failed["ROPA-098"]
        assert outcome.not_evaluated["ROPA-098"].startswith("could not be evaluated: KeyError")
        assert "ROPA-002" in outcome.evaluated and "ROPA-098" not in outcome.evaluated
        assert "ROPA-002" in set(outcome.findings["rule_id"])
        findings, reason = judge("ropa", RULES["ROPA-098"], ctx)
        assert findings is None and reason.startswith("KeyError")
    finally:
        RULES.pop("ROPA-098", None)
