"""`gdpr-audit sample-data --scale xlarge`: the access log and the inventory written chunk by chunk.

The real scale (20M events, 8M records) takes minutes (`make bench` generates it); here the same
chunked generators run on a few chunks of a small organisation: the bytes are deterministic, the
Parquet parts and the CSV hold the same rows, and an audit finds exactly the planted violations,
with the pandas engine on the CSV and with the Dask engine on the folder of Parquet files.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import pytest
import yaml

from audit_lib.notebook import AuditSession
from audit_lib.sample import access as access_sample
from audit_lib.sample import marketing as marketing_sample
from audit_lib.sample import org, write
from audit_lib.sample import retention as retention_sample

SMALLER = {
    "activities": 60,
    "processors": 40,
    "inventory": 60_000,  # the batches of the large scale (22,335 records) come after 37,600
    "requests": 1_500,
    "events": 90_000,
    "staff": 400,
}


def test_xlarge_is_large_with_four_times_the_events_and_the_inventory():
    large, xlarge = org.SIZES["large"], org.SIZES["xlarge"]
    assert xlarge["events"] == 20_000_000 and xlarge["inventory"] == 8_000_000
    assert {k: v for k, v in xlarge.items() if k not in ("events", "inventory")} == {
        k: v for k, v in large.items() if k not in ("events", "inventory")
    }
    assert marketing_sample.SIZES["xlarge"] == marketing_sample.SIZES["large"]


@pytest.fixture(scope="module")
def chunked(tmp_path_factory):
    """The chunked generators on a small organisation, in chunks of 20,000 rows."""
    patch = pytest.MonkeyPatch()
    patch.setitem(org.SIZES, "xlarge", SMALLER)
    patch.setitem(marketing_sample.SIZES, "xlarge", marketing_sample.SIZES["small"])
    for module in (org, access_sample, retention_sample):
        patch.setattr(module, "CHUNK_ROWS", 20_000)
    base = tmp_path_factory.mktemp("xlarge")
    try:
        for name, file_format in (("a", "parquet"), ("b", "parquet"), ("csv", "csv")):
            write(base / name, seed=7, scale="xlarge", file_format=file_format)
    finally:
        patch.undo()
    return base


def _digests(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_chunked_generation_is_deterministic(chunked):
    assert _digests(chunked / "a") == _digests(chunked / "b")
    parts = sorted((chunked / "a" / "access_log.parquet").iterdir())
    assert len(parts) >= 4 and all(p.name.startswith("part.") for p in parts)


@pytest.mark.parametrize(("register", "rows"), [("access_log", 90_000), ("data_inventory", 60_000)])
def test_parquet_parts_and_csv_hold_the_same_rows(chunked, register, rows):
    folder = chunked / "a" / f"{register}.parquet"
    parts = sorted(folder.iterdir(), key=lambda p: int(p.name.split(".")[1]))
    frame = pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True).fillna("")
    csv = pd.read_csv(chunked / "csv" / f"{register}.csv", dtype=str, keep_default_na=False)
    assert len(frame) == rows
    pd.testing.assert_frame_equal(frame.astype(object), csv.astype(object), check_dtype=False)
    ids = frame.iloc[:, 0]
    assert ids.is_unique and ids.is_monotonic_increasing  # numbered across the chunks


def test_parquet_parameters_name_the_dask_engine(chunked):
    params = yaml.safe_load((chunked / "a" / "params.yaml").read_text(encoding="utf-8"))
    assert params["engine"] == "dask"
    assert "engine" not in yaml.safe_load((chunked / "csv" / "params.yaml").read_text())


def _found(session) -> set[tuple[str, str]]:
    findings = session.findings
    findings = findings[~findings["rule_id"].str.startswith("DQ-")]
    return set(zip(findings["rule_id"], findings["record_key"], strict=True))


@pytest.mark.parametrize("audit", ["access", "retention"])
def test_an_audit_finds_exactly_the_planted_violations(chunked, audit):
    expected = pd.read_csv(chunked / "csv" / "expected_findings.csv", dtype=str)
    expected = expected[expected["audit"] == audit]
    planted = set(zip(expected["rule_id"], expected["record_key"], strict=True))
    session = AuditSession.open(audit, chunked / "csv" / "params.yaml")
    session.run()
    assert not session.errors
    assert _found(session) == planted
    assert expected.equals(
        pd.read_csv(chunked / "a" / "expected_findings.csv", dtype=str).pipe(
            lambda table: table[table["audit"] == audit]
        )
    )


@pytest.mark.parametrize("audit", ["access", "retention"])
def test_the_dask_engine_reads_the_folders(chunked, audit, monkeypatch):
    pytest.importorskip("distributed")
    from audit_lib.engines import dask_engine

    monkeypatch.setattr(dask_engine, "LOCAL_CLUSTER_OPTIONS", {"processes": False})
    pandas = AuditSession.open(audit, chunked / "csv" / "params.yaml")
    pandas.run()
    session = AuditSession.open(audit, chunked / "a" / "params.yaml")
    session.run()
    assert not session.errors
    assert session.ctx.cache[dask_engine.STATE_KEY].partitions >= 3
    assert _found(session) == _found(pandas)
    assert session.kpis() == pandas.kpis()
