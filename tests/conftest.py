"""Shared fixtures: the committed sample and runs of the audits on it (executed once per session)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from audit_lib.runner import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARAMS = ROOT / "parameters" / "sample.yaml"
SAMPLE_DATA = ROOT / "data" / "sample"
#: the same sample, with the parameters file written beside it by the generator (no `previous:`)
SAMPLE_PARAMS_STANDALONE = SAMPLE_DATA / "params.yaml"


@pytest.fixture(scope="session")
def expected_findings() -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DATA / "expected_findings.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="session")
def ropa_run(tmp_path_factory) -> tuple[int, Path]:
    """`gdpr-audit run --only ropa` on the committed sample."""
    out = tmp_path_factory.mktemp("ropa") / "out"
    code = run(SAMPLE_PARAMS_STANDALONE, out, only=["ropa"], stream=None, jobs=1)
    return code, out


def sample_subject_refs() -> set[str]:
    refs: set[str] = set()
    for name in ("data_inventory.csv", "rights_requests.csv"):
        frame = pd.read_csv(
            SAMPLE_DATA / name, dtype=str, keep_default_na=False, usecols=["subject_ref"]
        )
        refs |= set(frame["subject_ref"]) - {""}
    return refs
