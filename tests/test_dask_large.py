"""The Dask engine on the large sample gives the pandas engine's outputs, byte for byte.

`gdpr-audit run --only access,retention` on the large organisation (5M events, 2M records) as
Parquet, once per engine (Dask: a LocalCluster; the big registers read as their row groups):
findings.csv, the reports, the worklist, the exports and audit_results.json are identical. What
legitimately differs: the executed notebooks (they name their parameters file) and, therefore,
their SHA-256 in index.html and manifest.json (which also records the engine).

Slow (about 3 minutes, plus 1 minute to generate the sample the first time; it is cached under
benchmarks/data/ like `make bench`'s): run with GDPR_AUDIT_LARGE_TESTS=1 (`make test-large`).
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
IDENTICAL = (
    "findings.csv",
    "retention_actions.csv",
    "access.html",
    "retention.html",
    "summary.html",
    "audit_results.json",
    "findings.xlsx",
    "action_plan.xlsx",
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        os.environ.get("GDPR_AUDIT_LARGE_TESTS") != "1",
        reason="large sample (minutes): set GDPR_AUDIT_LARGE_TESTS=1 or run `make test-large`",
    ),
]


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, Path]:
    pytest.importorskip("distributed", reason="the Dask engine is optional")
    sys.path.insert(0, str(ROOT))
    from benchmarks.run import sample

    folder, _ = sample("large", "parquet")
    here = tmp_path_factory.mktemp("large")
    for entry in folder.iterdir():  # the same relative names: the reports name the inputs
        (here / entry.name).symlink_to(entry)
    raw = yaml.safe_load((folder / "params.yaml").read_text(encoding="utf-8"))
    outputs = {}
    for engine in ("pandas", "dask"):
        params = here / f"params-{engine}.yaml"
        params.write_text(yaml.safe_dump(raw | {"engine": engine}), encoding="utf-8")
        out = here / f"out-{engine}"
        result = subprocess.run(
            [sys.executable, "-m", "audit_lib", "run", "--params", str(params), "--out", str(out)]
            + ["--only", "access,retention"],
            capture_output=True,
            text=True,
            timeout=1200,
            cwd=ROOT,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        outputs[engine] = out
    return outputs


@pytest.mark.parametrize("name", IDENTICAL)
def test_identical_outputs(runs, name):
    assert (runs["dask"] / name).read_bytes() == (runs["pandas"] / name).read_bytes()


def _without_notebook_hashes(folder: Path) -> str:
    text = (folder / "index.html").read_text(encoding="utf-8")
    for notebook in folder.glob("*.ipynb"):
        digest = hashlib.sha256(notebook.read_bytes()).hexdigest()
        text = text.replace(digest, f"(sha256 of {notebook.name})")
    return text


def test_index_differs_only_by_the_executed_notebooks(runs):
    assert _without_notebook_hashes(runs["dask"]) == _without_notebook_hashes(runs["pandas"])
    notebooks = [
        re.sub(r"params-(pandas|dask)\.yaml", "params.yaml", (runs[e] / "access.ipynb").read_text())
        for e in ("pandas", "dask")
    ]
    assert notebooks[0] == notebooks[1]  # the parameters file's name is all that differs
