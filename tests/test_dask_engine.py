"""The Dask engine (`engine: dask`) gives the pandas engine's findings, DQ findings, key figures and
charts, and the notebook's process never holds the big register.

The small sample is written as Parquet with a few bad rows planted (an unparseable timestamp, an
event_id duplicated across partitions with a bad timestamp on both copies, an id missing, an id
duplicated inside a partition, an unknown action; a record_id duplicated across partitions, an
unreadable date, a blank subject_ref, yes/no written as free text). The pandas engine reads the single files; the Dask engine
reads the same registers rewritten as partitioned Parquet folders (named like the files, so that
the file named in messages is the same), on an in-process cluster given as `dask_scheduler`.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import threading
from types import SimpleNamespace

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

pytest.importorskip(
    "dask.dataframe",
    reason="dask[dataframe] is not installed: the Dask engine is optional "
    "(pip install 'dask[dataframe]==2026.8.0' 'distributed==2026.8.0')",
)
pytest.importorskip(
    "distributed",
    reason="distributed is not installed: the Dask engine is optional "
    "(pip install 'dask[dataframe]==2026.8.0' 'distributed==2026.8.0')",
)

import dask.dataframe as dd  # noqa: E402
from distributed import LocalCluster  # noqa: E402

from audit_lib.engines import dask_engine, uses_dask  # noqa: E402
from audit_lib.notebook import AuditSession  # noqa: E402
from audit_lib.params import load_params  # noqa: E402
from audit_lib.report import display  # noqa: E402
from audit_lib.rules import rules_for  # noqa: E402
from audit_lib.sample import write  # noqa: E402

BIG = {"access": "access_log", "retention": "data_inventory"}


def _plant(folder) -> dict[str, pd.DataFrame]:
    log = pd.read_parquet(folder / "access_log.parquet")
    n = len(log)
    log.loc[10, "timestamp"] = "not a date"
    log.loc[3, "timestamp"] = "garbage"
    log.loc[n - 5, "event_id"] = log.loc[3, "event_id"]  # duplicated across partitions
    log.loc[n - 5, "timestamp"] = "2026-13-45 99:00:00"
    log.loc[n // 2, "event_id"] = None
    log.loc[n // 2 + 1, "event_id"] = log.loc[n // 2 + 2, "event_id"]  # inside a partition
    log.loc[20, "action"] = "Teleport"
    inventory = pd.read_parquet(folder / "data_inventory.parquet")
    m = len(inventory)
    inventory.loc[m - 1, "record_id"] = inventory.loc[0, "record_id"]
    inventory.loc[5, "collected_at"] = "31/02/2026"
    inventory.loc[m // 2, "subject_ref"] = "  "
    # free text read as yes/no, in two partitions (the report lists what was understood)
    inventory.loc[m - 2, "legal_hold"] = "no - released"
    inventory.loc[7, "legal_hold"] = "Yes (litigation)"
    inventory.loc[m - 3, "legal_hold"] = "Yes (litigation)"
    # several row groups: the Dask engine reads the single file as several partitions too
    log.to_parquet(folder / "access_log.parquet", index=False, row_group_size=12_000)
    inventory.to_parquet(folder / "data_inventory.parquet", index=False)
    return {"access_log": log, "data_inventory": inventory}


def _params(folder, name: str, **extra) -> object:
    raw = yaml.safe_load((folder / "params.yaml").read_text(encoding="utf-8"))
    raw.update(extra)
    path = folder / name
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def cluster():
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    """(single-file folder, partitioned-folder folder)."""
    single = tmp_path_factory.mktemp("single")
    write(single, file_format="parquet")
    frames = _plant(single)
    parts = tmp_path_factory.mktemp("parts") / "sample"
    shutil.copytree(single, parts)
    for register, count in (("access_log", 4), ("data_inventory", 3)):
        (parts / f"{register}.parquet").unlink()
        dd.from_pandas(frames[register], npartitions=count).to_parquet(
            parts / f"{register}.parquet", write_index=False
        )
    return single, parts


@pytest.fixture(scope="module")
def pandas_sessions(samples):
    single, _ = samples
    sessions = {}
    for audit in BIG:
        session = AuditSession.open(audit, single / "params.yaml")
        session.run()
        sessions[audit] = session
    return sessions


class _Seen:
    """The partitions the workers judge (an in-process cluster: the same interpreter)."""

    def __init__(self) -> None:
        self.parts: dict[str, list[pd.DataFrame]] = {}
        self.lock = threading.Lock()

    def wrap(self, judge):
        def recording(part, **judging):
            with self.lock:
                self.parts.setdefault(judging["audit"], []).append(part.copy())
            return judge(part, **judging)

        return recording


@pytest.fixture(scope="module")
def dask_sessions(samples, cluster):
    _, parts = samples
    params = _params(parts, "params-dask.yaml", engine="dask", dask_scheduler=cluster)
    seen = _Seen()
    original = dask_engine._judge
    dask_engine._judge = seen.wrap(original)
    sessions = {}
    try:
        for audit in BIG:
            session = AuditSession.open(audit, params)
            session.run()
            sessions[audit] = session
    finally:
        dask_engine._judge = original
    sessions["seen"] = seen.parts
    return sessions


@pytest.mark.parametrize("audit", sorted(BIG))
def test_findings_identical(audit, pandas_sessions, dask_sessions):
    ours, theirs = dask_sessions[audit], pandas_sessions[audit]
    assert not ours.errors and not theirs.errors
    assert ours.ctx.cache[dask_engine.STATE_KEY].partitions >= 2  # really distributed
    pd.testing.assert_frame_equal(ours.findings, theirs.findings)
    assert ours.evaluated == theirs.evaluated
    assert ours.skipped == theirs.skipped


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The pandas engine reads the columns whose values repeat (`field(..., repeats=True)`) as
    categoricals; the Dask engine's partitions keep them as text: compared as text."""
    return frame.astype(
        {c: "str" for c in frame.columns if isinstance(frame[c].dtype, pd.CategoricalDtype)}
    )


@pytest.mark.parametrize("audit", sorted(BIG))
def test_data_quality_and_typed_register_identical(audit, pandas_sessions, dask_sessions):
    """The workers judge the register exactly as pandas types it; the driver holds a stand-in."""
    ours, theirs = dask_sessions[audit], pandas_sessions[audit]
    register = BIG[audit]
    pd.testing.assert_frame_equal(ours.ctx.dq[register], theirs.ctx.dq[register])
    assert ours.ctx.sources[register].rows == theirs.ctx.sources[register].rows
    judged = pd.concat(dask_sessions["seen"][audit]).sort_index(kind="mergesort")
    judged.attrs = {}
    reference = theirs.ctx.frames[register].copy()
    reference.attrs = {}
    pd.testing.assert_frame_equal(judged, _as_text(reference))
    stand_in = ours.ctx.frames[register]
    assert list(stand_in.columns) == list(reference.columns)
    assert (stand_in.dtypes == _as_text(reference).dtypes).all()
    if audit == "access":  # one row per system: what ACC-006 reads of the log
        assert len(stand_in) == reference["system"].nunique()
    else:
        assert stand_in.empty


def test_free_text_readings_identical(pandas_sessions, dask_sessions):
    """What the typing understood in free text, listed by the report, from every partition."""
    ours, theirs = dask_sessions["retention"], pandas_sessions["retention"]
    mine = ours.ctx.frames["data_inventory"].attrs["readings"].frame
    reference = theirs.ctx.frames["data_inventory"].attrs["readings"].frame
    assert list(reference["as written"]) == ["Yes (litigation)", "no - released"]
    pd.testing.assert_frame_equal(mine, reference)


def test_planted_rows_found_with_global_row_numbers(dask_sessions, samples):
    findings = dask_sessions["access"].findings
    dq = findings[findings["rule_id"].str.startswith("DQ-")]
    rows = len(pd.read_parquet(samples[0] / "access_log.parquet"))
    # the duplicated id: both copies, in partitions 0 and 3, under their file rows
    duplicated = dq[dq["rule_id"] == "DQ-003"]
    assert {"row 5", f"row {rows - 5 + 2}"} <= set(duplicated["record_key"])
    unreadable = dq.loc[dq["rule_id"] == "DQ-001", "message"]
    # one finding per id and rule, whichever partitions its rows are in
    assert any("row 5, column 'timestamp'" in m and f"row {rows - 3}," in m for m in unreadable)
    assert any("row 12, column 'timestamp': 'not a date'" in m for m in unreadable)
    assert f"row {rows // 2 + 2}" in set(dq.loc[dq["rule_id"] == "DQ-004", "record_key"])


def _svg(figure) -> str:
    buffer = io.StringIO()
    with matplotlib.rc_context(display.SVG_RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(figure)
    return buffer.getvalue()


@pytest.mark.parametrize("audit", sorted(BIG))
def test_key_figures_charts_and_worklist_identical(audit, pandas_sessions, dask_sessions, tmp_path):
    """Computed in the workers (the driver gets them with the findings), identical to pandas'."""
    ours, theirs = dask_sessions[audit], pandas_sessions[audit]
    assert f"figures.{audit}" in ours.ctx.cache  # before any key figure was asked for
    assert ours.kpis() == theirs.kpis()
    mine, reference = ours.charts(), theirs.charts()
    assert [c.title for c in mine] == [c.title for c in reference]
    for chart, other in zip(mine, reference, strict=True):
        assert (chart.alt, chart.caption) == (other.alt, other.caption)
        assert _svg(chart.figure) == _svg(other.figure), chart.title
    if audit == "retention":
        (tmp_path / "dask").mkdir()
        (tmp_path / "pandas").mkdir()
        ours.spec.extra_outputs(ours.ctx, ours.findings, tmp_path / "dask")
        theirs.spec.extra_outputs(theirs.ctx, theirs.findings, tmp_path / "pandas")
        worklist = "retention_actions.csv"
        assert (tmp_path / "dask" / worklist).read_bytes() == (
            tmp_path / "pandas" / worklist
        ).read_bytes()


@pytest.mark.parametrize("audit", sorted(BIG))
def test_every_rule_has_its_place(audit):
    """A rule of these audits runs in the workers or on the driver: decided, never by default."""
    placed = dask_engine.PARTITION_RULES[audit] | dask_engine.DRIVER_RULES[audit]
    assert {r.id for r in rules_for(audit) if r.func is not None} == placed
    assert not dask_engine.PARTITION_RULES[audit] & dask_engine.DRIVER_RULES[audit]


@pytest.mark.parametrize("audit", sorted(BIG))
def test_no_register_after_the_big_one_is_pseudonymised(audit):
    """The workers give the big register's subject_refs their pseudonyms: the session's
    Pseudonymiser never sees those values, so no register read after it may have subject_ref
    (its pseudonyms would then not be numbered as with pandas)."""
    from audit_lib.audits import AUDITS
    from audit_lib.schemas import expected_columns

    order = AUDITS[audit].registers + AUDITS[audit].optional
    later = order[order.index(BIG[audit]) + 1 :]
    assert not [r for r in later if "subject_ref" in expected_columns(r)]


def test_a_rule_without_a_place_is_not_judged_on_the_stand_in(samples, cluster, monkeypatch):
    _, parts = samples
    monkeypatch.setitem(
        dask_engine.PARTITION_RULES,
        "access",
        dask_engine.PARTITION_RULES["access"] - {"ACC-010"},
    )
    params = _params(parts, "params-unplaced.yaml", engine="dask", dask_scheduler=cluster)
    session = AuditSession.open("access", params)
    findings = session.run()
    assert "ACC-010" not in set(findings["rule_id"])
    assert "ACC-010" not in session.evaluated
    assert "PARTITION_RULES or DRIVER_RULES" in session.failed["ACC-010"]


def test_local_cluster_on_a_single_file(samples, pandas_sessions, monkeypatch):
    """No dask_scheduler: a LocalCluster (in-process here); one file read as its row groups."""
    single, _ = samples
    monkeypatch.setattr(dask_engine, "LOCAL_CLUSTER_OPTIONS", {"processes": False})
    session = AuditSession.open("access", _params(single, "params-local.yaml", engine="dask"))
    session.run()
    assert session.ctx.cache[dask_engine.STATE_KEY].partitions >= 4
    pd.testing.assert_frame_equal(session.findings, pandas_sessions["access"].findings)


def test_csv_is_refused_with_a_clear_message(samples, tmp_path):
    single, _ = samples
    pd.read_parquet(single / "access_log.parquet").to_csv(tmp_path / "log.csv", index=False)
    raw = yaml.safe_load((single / "params.yaml").read_text(encoding="utf-8"))
    raw["inputs"] = {k: str(single / v) for k, v in raw["inputs"].items()}
    raw["inputs"]["access_log"] = "log.csv"
    raw["engine"] = "dask"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    session = AuditSession.open("access", tmp_path / "params.yaml")
    assert session.blocked
    assert session.errors == [
        "log.csv: engine: dask reads Parquet only (expected a .parquet file or a folder of "
        ".parquet files (engine: dask)); convert the file to Parquet, or set engine: pandas"
    ]


def test_missing_column_reads_as_the_loaders_error(samples, tmp_path):
    single, _ = samples
    log = pd.read_parquet(single / "access_log.parquet").drop(columns="user_id")
    log.to_parquet(tmp_path / "access_log.parquet", index=False)
    raw = yaml.safe_load((single / "params.yaml").read_text(encoding="utf-8"))
    raw["inputs"] = {k: str(single / v) for k, v in raw["inputs"].items()}
    raw["inputs"]["access_log"] = "access_log.parquet"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    pandas_errors = AuditSession.open("access", tmp_path / "params.yaml").errors
    raw["engine"] = "dask"
    (tmp_path / "params.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    assert AuditSession.open("access", tmp_path / "params.yaml").errors == pandas_errors
    assert "user_id" in pandas_errors[0]


def test_only_access_and_retention_use_the_engine(samples, monkeypatch):
    params = load_params(_params(samples[0], "params-engine.yaml", engine="dask"))
    assert [
        a for a in ("ropa", "retention", "processors", "rights", "access") if uses_dask(a, params)
    ] == ["retention", "access"]
    monkeypatch.delenv(dask_engine.MEMORY_LIMIT_VARIABLE, raising=False)
    assert dask_engine.memory_limit() == "2GiB"
    monkeypatch.setenv(dask_engine.MEMORY_LIMIT_VARIABLE, "512MiB")
    assert dask_engine.memory_limit() == "512MiB"


def test_unreachable_scheduler_is_a_blocking_error(samples, monkeypatch):
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "1s")
    params = _params(
        samples[1], "params-nowhere.yaml", engine="dask", dask_scheduler="tcp://127.0.0.1:9"
    )
    session = AuditSession.open("retention", params)
    assert session.blocked
    assert session.errors[0].startswith(
        "dask_scheduler tcp://127.0.0.1:9: cannot connect to the Dask scheduler"
    )


def test_a_lost_worker_is_a_blocking_error_not_a_traceback(samples, cluster, monkeypatch):
    from distributed import KilledWorker

    def killed(part, **judging):  # what the scheduler raises when workers die on a task
        raise KilledWorker("judge", SimpleNamespace(address="tcp://127.0.0.1:1"), 3)

    monkeypatch.setattr(dask_engine, "_judge", killed)
    params = _params(samples[1], "params-killed.yaml", engine="dask", dask_scheduler=cluster)
    session = AuditSession.open("retention", params)
    assert session.blocked
    assert session.errors[0].startswith(
        "engine: dask: the Dask cluster failed (KilledWorker); a worker above its memory limit"
    )


def test_keyed_pseudonyms_identical(samples, cluster, monkeypatch):
    monkeypatch.setenv("GDPR_AUDIT_PSEUDONYM_KEY", "test-key")
    single, parts = samples
    theirs = AuditSession.open("retention", single / "params.yaml")
    params = _params(parts, "params-keyed.yaml", engine="dask", dask_scheduler=cluster)
    seen = _Seen()
    monkeypatch.setattr(dask_engine, "_judge", seen.wrap(dask_engine._judge))
    AuditSession.open("retention", params)
    mine = pd.concat(seen.parts["retention"]).sort_index()
    reference = theirs.ctx.frames["data_inventory"]
    assert reference["subject_ref"].str.len().max() == len("subject-") + 12  # keyed tokens
    pd.testing.assert_series_equal(mine["subject_ref"], reference["subject_ref"])


@pytest.mark.e2e
def test_the_notebooks_start_their_own_cluster_from_their_kernels(samples, tmp_path):
    """`gdpr-audit run` with `engine: dask` and no scheduler: each notebook's kernel (forked from
    its worker on Linux) starts a LocalCluster of its own, whose worker processes are new
    interpreters; the findings are the pandas engine's, byte for byte."""
    single, _ = samples
    folders = {}
    for engine in ("pandas", "dask"):
        params = _params(single, f"params-{engine}.yaml", engine=engine)
        out = tmp_path / engine
        result = subprocess.run(
            [sys.executable, "-m", "audit_lib", "run", "--params", str(params), "--out", str(out)]
            + ["--only", "access,retention"],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        folders[engine] = out
    log = (folders["dask"] / "run.log").read_text(encoding="utf-8")
    if sys.platform == "linux":
        assert log.count("kernel forked") == 2, log
    assert (folders["dask"] / "findings.csv").read_bytes() == (
        folders["pandas"] / "findings.csv"
    ).read_bytes()
