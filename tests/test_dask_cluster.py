"""The Dask engine on a real cluster: a `dask scheduler` and two `dask worker` processes.

As a deployment runs them: separate programs talking TCP (127.0.0.1, free ports), the workers
with this package importable (PYTHONPATH, and `--preload audit_lib.engines.dask_engine`, which
imports it when each worker starts), reading the inputs from the same path as the notebook. The
access and retention audits run with `gdpr-audit run` and `dask_scheduler: tcp://127.0.0.1:PORT`
on a Parquet copy of the sample (folders of part files); their findings.csv is the pandas
engine's, byte for byte. The processes are stopped whatever happens (their process groups are
killed), and the test checks that none is left.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml

pytest.importorskip("distributed", reason="the Dask engine is optional")

from distributed import Client  # noqa: E402

from audit_lib.sample import write  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.e2e
START_TIMEOUT = 45


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(processes: list[subprocess.Popen]) -> None:
    """Stop each process we started and its children (each started its own process group)."""
    for proc in processes:
        _signal_group(proc.pid, signal.SIGTERM)
    deadline = time.monotonic() + 15
    for proc in processes:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)
    for proc in processes:  # a worker's nanny may outlive its parent for a moment
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        if _group_alive(proc.pid):
            _signal_group(proc.pid, signal.SIGKILL)
            time.sleep(0.5)


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """(scheduler address, the processes started) -- stopped at the end, also on failure."""
    logs = tmp_path_factory.mktemp("cluster-logs")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    common = {"cwd": logs, "env": env, "start_new_session": True, "stdin": subprocess.DEVNULL}
    processes: list[subprocess.Popen] = []
    try:
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1"]
                + ["--port", str(port), "--no-dashboard"],
                stdout=open(logs / "scheduler.log", "wb"),  # noqa: SIM115
                stderr=subprocess.STDOUT,
                **common,
            )
        )
        for number in (1, 2):
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-m", "dask", "worker", address, "--host", "127.0.0.1"]
                    + ["--nthreads", "1", "--memory-limit", "1GiB", "--no-dashboard"]
                    + ["--name", f"worker-{number}"]
                    + ["--preload", "audit_lib.engines.dask_engine"],
                    stdout=open(logs / f"worker-{number}.log", "wb"),  # noqa: SIM115
                    stderr=subprocess.STDOUT,
                    **common,
                )
            )
        with Client(address, timeout=f"{START_TIMEOUT}s") as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT)
        yield address, processes
    except Exception:
        for log in sorted(logs.glob("*.log")):
            sys.stderr.write(f"--- {log.name}\n{log.read_text(errors='replace')[-2000:]}\n")
        raise
    finally:
        _stop(processes)
        leftover = [p.pid for p in processes if p.poll() is None or _group_alive(p.pid)]
        assert not leftover, f"cluster processes left running: {leftover}"


@pytest.fixture(scope="module")
def parquet_sample(tmp_path_factory):
    """The small sample as Parquet, the two big registers as folders of part files."""
    folder = tmp_path_factory.mktemp("sample")
    write(folder, file_format="parquet")
    for register, parts in (("access_log", 3), ("data_inventory", 2)):
        frame = pd.read_parquet(folder / f"{register}.parquet")
        (folder / f"{register}.parquet").unlink()
        (folder / f"{register}.parquet").mkdir()
        for number, rows in enumerate(range(0, len(frame), -(-len(frame) // parts))):
            piece = frame.iloc[rows : rows - (-len(frame) // parts)]
            piece.to_parquet(folder / f"{register}.parquet" / f"part.{number}.parquet", index=False)
    single = tmp_path_factory.mktemp("single")
    write(single, file_format="parquet")
    return folder, single


def _run(params: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "audit_lib", "run", "--params", str(params), "--out", str(out)]
        + ["--only", "access,retention"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
    )


def test_audits_on_a_real_cluster_give_the_pandas_findings(cluster, parquet_sample, tmp_path):
    address, processes = cluster
    folder, single = parquet_sample
    raw = yaml.safe_load((folder / "params.yaml").read_text(encoding="utf-8"))
    raw.update(engine="dask", dask_scheduler=address)
    (folder / "params-cluster.yaml").write_text(yaml.safe_dump(raw), encoding="utf-8")
    on_cluster = _run(folder / "params-cluster.yaml", tmp_path / "dask")
    assert on_cluster.returncode == 0, on_cluster.stderr[-3000:]
    with_pandas = _run(single / "params.yaml", tmp_path / "pandas")
    assert with_pandas.returncode == 0, with_pandas.stderr[-3000:]
    findings = (tmp_path / "dask" / "findings.csv").read_bytes()
    assert findings == (tmp_path / "pandas" / "findings.csv").read_bytes()
    assert findings.count(b",access,") > 10 and findings.count(b",retention,") > 10
    worklist = "retention_actions.csv"
    assert (tmp_path / "dask" / worklist).read_bytes() == (
        tmp_path / "pandas" / worklist
    ).read_bytes()
    assert all(p.poll() is None for p in processes)  # the cluster outlives the run
    with Client(address, timeout="10s") as client:  # its workers judged the registers
        ran = client.run_on_scheduler(lambda dask_scheduler: sorted(dask_scheduler.task_prefixes))
    assert {"check_and_judge", "check_and_split", "judge_bucket", "survey"} <= set(ran), ran
    shutil.rmtree(tmp_path / "dask")
