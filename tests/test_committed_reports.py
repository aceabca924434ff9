"""The committed sample reports are exactly what the code produces: a change to a report is a diff.

Regenerates reports/sample-2026Q2/ and reports/sample/ the way `make reports` does and compares every
byte of the HTML, CSV, XLSX, JSON and executed notebooks (manifest.json without its `git_commit`,
which names the commit the reports were generated from).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from audit_lib.audits import implemented

ROOT = Path(__file__).resolve().parent.parent
PERIODS = (
    ("parameters/sample-2026Q2.yaml", "reports/sample-2026Q2"),
    ("parameters/sample.yaml", "reports/sample"),
)
NOT_COMPARED = {"run.log", "summary.pdf"}

pytestmark = pytest.mark.e2e


def _files(folder: Path) -> dict[str, Path]:
    return {
        p.relative_to(folder).as_posix(): p
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in NOT_COMPARED
    }


def _content(path: Path) -> bytes:
    if path.name == "manifest.json":
        manifest = json.loads(path.read_text(encoding="utf-8"))
        manifest.pop("git_commit", None)
        manifest["outputs"] = {
            k: v for k, v in manifest["outputs"].items() if k not in NOT_COMPARED
        }
        return json.dumps(manifest, indent=2, sort_keys=True).encode()
    return path.read_bytes()


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("regenerated")
    folders = {}
    for params, committed in PERIODS:
        out = base / Path(committed).name
        result = subprocess.run(
            [sys.executable, "-m", "audit_lib", "run", "--params", params, "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        folders[committed] = out
    return folders


@pytest.mark.parametrize("committed", [c for _, c in PERIODS])
def test_committed_reports_match_a_fresh_run(regenerated, committed):
    expected = _files(ROOT / committed)
    actual = _files(regenerated[committed])
    assert sorted(actual) == sorted(expected), (
        f"{committed}: the set of files changed; run `make reports` and commit"
    )
    stale = [name for name in expected if _content(expected[name]) != _content(actual[name])]
    assert not stale, (
        f"{committed}: {', '.join(stale)} differ from a fresh run; run `make reports` and commit the diff"
    )


def test_a_sequential_run_with_spawned_kernels_gives_the_same_bytes(regenerated, tmp_path):
    """--jobs 1 (one notebook at a time, the summary after the xlsx) and the default parallel run
    (notebooks side by side, the summary notebook beside the xlsx export) write the same bytes.
    So do kernels started as programs of their own (GDPR_AUDIT_KERNEL_START=spawn, as Jupyter
    starts them) and kernels forked from the workers (the default on Linux)."""
    out = tmp_path / "sequential"
    params, committed = PERIODS[-1]
    result = subprocess.run(
        [sys.executable, "-m", "audit_lib", "run", "--params", params, "--out", str(out)]
        + ["--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "GDPR_AUDIT_KERNEL_START": "spawn"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    audits = len(implemented())  # one kernel per audit of the registry
    if sys.platform == "linux":  # each way was really taken (run.log says how kernels started)
        assert (regenerated[committed] / "run.log").read_text().count("kernel forked") == audits
    assert (out / "run.log").read_text().count("kernel spawned") == audits
    parallel = _files(regenerated[committed])
    sequential = _files(out)
    assert sorted(sequential) == sorted(parallel)
    differ = [n for n in parallel if _content(parallel[n]) != _content(sequential[n])]
    assert not differ, (
        f"--jobs 1 with spawned kernels and the parallel run differ in: {', '.join(differ)}"
    )
