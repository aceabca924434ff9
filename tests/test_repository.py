"""Repository hygiene: notebooks stripped of outputs, the committed sample matches its generator."""

import json
from pathlib import Path

import pandas as pd
import pytest

from audit_lib.sample import write

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name
    tags = [t for c in nb["cells"] for t in c.get("metadata", {}).get("tags", [])]
    assert "parameters" in tags


@pytest.mark.parametrize(
    ("folder", "period"), [("sample", "2026-Q3"), ("sample-2026Q2", "2026-Q2")]
)
def test_committed_sample_matches_the_generator(tmp_path, folder, period):
    write(tmp_path, period=period, with_plan=True)
    committed = ROOT / "data" / folder
    generated = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert generated == sorted(
        p.relative_to(committed) for p in committed.rglob("*") if p.is_file()
    )
    for rel in generated:
        assert (tmp_path / rel).read_bytes() == (committed / rel).read_bytes(), (
            f"run `make sample`: {rel} is stale"
        )


@pytest.mark.parametrize(
    ("params", "folder"), [("sample.yaml", "sample"), ("sample-2026Q2.yaml", "sample-2026Q2")]
)
def test_sample_parameters_match_the_generated_ones(params, folder):
    import yaml

    from audit_lib.params import load_params

    committed = load_params(ROOT / "parameters" / params)
    generated = load_params(ROOT / "data" / folder / "params.yaml")
    assert committed.audit_date == generated.audit_date and committed.period == generated.period
    assert sorted(committed.holidays) == sorted(generated.holidays)
    assert committed.service_accounts == generated.service_accounts
    # the sample's parameters also name last quarter's filled plan (actions:), which the
    # generator writes beside the registers but leaves out of its own params.yaml
    assert {k: v for k, v in committed.inputs.items() if k != "actions"} == generated.inputs
    if committed.actions is not None:
        assert committed.actions.resolve() == ROOT / "data" / folder / "action_plan_2026Q2.xlsx"
    assert (
        yaml.safe_load((ROOT / "data" / folder / "params.yaml").read_text())["organisation"]
        == committed.organisation
    )


@pytest.mark.parametrize(
    "findings", sorted((ROOT / "reports").glob("*/findings.csv")), ids=lambda p: p.parent.name
)
def test_committed_reports_have_unique_finding_ids(findings):
    """spec README, finding_id: unique within a period's findings (issue 14)."""
    frame = pd.read_csv(findings, dtype=str, keep_default_na=False)
    assert len(frame) and frame["finding_id"].is_unique
