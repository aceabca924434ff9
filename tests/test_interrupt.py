"""Interruption and failure: Ctrl-C or SIGTERM leaves no partial output and no process behind; a
kernel that dies fails its own audit only (exit 3), the other audits complete."""

from __future__ import annotations

import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import psutil
import pytest

from audit_lib.audits import AUDITS, implemented
from audit_lib.runner import run
from tests.test_privacy import sample_params_without_previous

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent


def second_audit() -> str:
    others = [name for name in implemented() if name != "ropa"]
    if not others:
        pytest.skip("needs a second implemented audit besides ropa")
    return others[0]


def alive(processes: list[psutil.Process]) -> list[int]:
    """The pids still running (a zombie waiting for its parent to reap it has stopped)."""
    running = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                running.append(process.pid)
        except psutil.NoSuchProcess:
            pass
    return running


def kernels_of(process: psutil.Process) -> list[psutil.Process]:
    """The kernels among the descendants: started as `python -m ipykernel_launcher`, or forked
    from a worker and named `ipykernel` (audit_lib.kernels)."""
    kernels = []
    for child in process.children(recursive=True):
        try:
            if child.name() == "ipykernel" or "ipykernel" in " ".join(child.cmdline()):
                kernels.append(child)
        except psutil.Error:
            pass
    return kernels


@pytest.fixture
def temp():
    """A temporary folder with a short path, for TMPDIR (the kernels' sockets go there)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp" if Path("/tmp").is_dir() else None))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def stop_and_wait(process: subprocess.Popen, sig: signal.Signals, stderr: Path) -> int:
    """Send `sig`; the exit code. A run that does not stop dumps its threads' stacks (faulthandler,
    on SIGABRT) into the failure message."""
    process.send_signal(sig)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        process.wait(timeout=30)
        pytest.fail(f"the run did not stop within 60 s of {sig.name}:\n{stderr.read_text()}")


def inet_sockets(processes: list[psutil.Process]) -> list:
    sockets = []
    for process in processes:
        try:
            sockets += process.net_connections(kind="inet")
        except psutil.Error:
            pass
    return sockets


@pytest.mark.parametrize(
    ("sig", "jobs", "existing", "when"),
    [
        (signal.SIGINT, 1, False, "kernel"),
        (signal.SIGTERM, 2, False, "kernel"),
        (signal.SIGINT, 1, True, "kernel"),
        (signal.SIGINT, 1, False, "summary"),
    ],
    ids=["sigint", "sigterm-jobs-2", "sigint-existing-output", "sigint-during-summary"],
)
def test_interruption_leaves_no_output_and_no_process(tmp_path, temp, sig, jobs, existing, when):
    params = sample_params_without_previous(tmp_path)
    out = tmp_path / "reports" / "out"
    only = "ropa" if jobs == 1 else f"ropa,{second_audit()}"
    command = [sys.executable, "-X", "faulthandler", "-m", "audit_lib", "run"]
    command += ["--params", str(params), "--out", str(out), "--only", only, "--jobs", str(jobs)]
    if existing:
        out.mkdir(parents=True)
        (out / "index.html").write_text("last week's reports", encoding="utf-8")
        command.append("--force")
    stderr = tmp_path / "stderr.txt"
    environment = {**os.environ, "TMPDIR": str(temp)}
    with open(stderr, "wb") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, stdin=subprocess.DEVNULL, stderr=err, env=environment
        )
    try:
        runner = psutil.Process(process.pid)
        deadline = time.monotonic() + 90

        def started() -> bool:
            if when == "summary" and "[summary] running" not in stderr.read_text("utf-8"):
                return False
            if not list(out.parent.glob(".out.partial-*")) or len(kernels_of(runner)) < jobs:
                return False
            # the kernels have bound their sockets (files in the run's private folder)
            return len(list(temp.glob("gdpr-audit-kernels-*/*/kernel-1"))) >= jobs

        # wait until the work folder exists and the notebooks' kernels are up
        while not started():
            assert process.poll() is None, stderr.read_text(encoding="utf-8")
            assert time.monotonic() < deadline, "the run did not start its kernels"
            time.sleep(0.1)
        kernels = kernels_of(runner)
        tcp = inet_sockets(kernels)
        transports = {
            json.loads(path.read_text(encoding="utf-8"))["transport"]
            for path in temp.glob("gdpr-audit-kernels-*/*/kernel.json")
        }
        children = runner.children(recursive=True)  # pool workers and kernels
        sent = time.monotonic()
        code = stop_and_wait(process, sig, stderr)
        stopped_in = time.monotonic() - sent
    finally:
        if process.poll() is None:
            process.kill()
    text = stderr.read_text(encoding="utf-8")
    assert code == 130, text
    state = f"{out} is unchanged" if existing else f"{out} was not created"
    assert (
        f"gdpr-audit: interrupted by {sig.name}: stopped the audits; no output written ({state})"
        in text
    )
    assert "Traceback" not in text and "Exception ignored" not in text, text
    assert stopped_in < 20  # it did not wait for the notebooks to finish
    assert sorted(p.name for p in out.parent.iterdir()) == (["out"] if existing else [])
    if existing:
        assert [p.name for p in out.iterdir()] == ["index.html"]
        assert (out / "index.html").read_text(encoding="utf-8") == "last week's reports"
    assert children and alive(children) == []  # workers and kernels were stopped too
    # the kernels talk to the run over Unix sockets in a private folder, which is removed. (ipykernel
    # still listens on one loopback port for output of processes forked in the kernel: receive-only,
    # and a message must carry a random key; nothing connects to it here.)
    assert kernels and transports == {"ipc"}, transports
    assert [c for c in tcp if c.status != psutil.CONN_LISTEN] == [], tcp
    assert len(tcp) <= len(kernels), tcp
    assert "without encryption" not in text
    assert list(temp.iterdir()) == []


def killer_notebook(victim: str = "os.getpid()") -> nbformat.NotebookNode:
    """An audit notebook that kills `victim` with SIGKILL (as the OOM killer would): by default its
    own kernel; `os.getppid()` is the worker process that runs the notebook."""
    nb = nbformat.v4.new_notebook()
    parameters = nbformat.v4.new_code_cell('params_path = ""\nresults_dir = None')
    parameters.metadata["tags"] = ["parameters"]
    nb.cells = [
        parameters,
        nbformat.v4.new_code_cell(f"import os, signal\nos.kill({victim}, signal.SIGKILL)"),
    ]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def notebooks_with_a_killer(tmp_path: Path, audit: str, victim: str = "os.getpid()") -> Path:
    """A notebooks folder: the real ropa and summary notebooks, and `audit` as a killer notebook."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("ropa", "summary"):
        shutil.copy(ROOT / "notebooks" / f"{name}.ipynb", notebooks)
    nbformat.write(killer_notebook(victim), notebooks / f"{audit}.ipynb")
    return notebooks


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def visible_text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def run_with_a_killer(tmp_path: Path, killed: str, jobs: int):
    """`run` of ropa and a second audit whose notebook kills `killed` (its kernel or its worker):
    (victim audit, output folder, exit code, stderr, its lines)."""
    victim = second_audit()
    notebooks = notebooks_with_a_killer(tmp_path, victim, killed)
    params = sample_params_without_previous(tmp_path)
    out = tmp_path / "reports" / "out"
    err = io.StringIO()
    code = run(params, out, only=["ropa", victim], jobs=jobs, stream=err, notebooks=notebooks)
    return victim, out, code, err, err.getvalue().splitlines()


def test_a_kernel_that_dies_fails_its_audit_and_the_others_complete(tmp_path):
    before = {child.pid for child in psutil.Process().children(recursive=True)}

    victim, out, code, err, lines = run_with_a_killer(tmp_path, "os.getpid()", jobs=2)

    assert code == 3, lines
    assert any(line.startswith("gdpr-audit: [ropa] done in") for line in lines), lines
    failed = [line for line in lines if line.startswith(f"gdpr-audit: [{victim}] FAILED")]
    assert len(failed) == 1 and failed[0].endswith("DeadKernelError: Kernel died"), lines
    assert "Traceback" not in err.getvalue()
    results = json.loads(text_of(out / "audit_results.json"))
    assert results["ropa"]["status"] == "ok"
    assert results[victim]["status"] == "failed" and results[victim]["errors"] == [
        "DeadKernelError: Kernel died"
    ]
    assert json.loads(text_of(out / "manifest.json"))["audits"] == {"ropa": "ok", victim: "failed"}
    assert "All findings" in text_of(out / "ropa.html")  # the other audit's full report
    page = text_of(out / f"{victim}.html")
    assert "This audit failed to complete" in page and "DeadKernelError: Kernel died" in page
    # the notebook is saved at the end, not after every cell: the page does not point to a file
    assert "stopped before the executed notebook could be saved" in page
    title = AUDITS[victim].title
    index = visible_text(text_of(out / "index.html"))
    assert re.search(re.escape(title) + r".{0,80}DeadKernelError: Kernel died failed", index), index
    summary = visible_text(text_of(out / "summary.html"))
    assert re.search(re.escape(title) + r".{0,40}\bfailed\b", summary), summary
    findings = text_of(out / "findings.csv")
    assert ",ropa," in findings and f",{victim}," not in findings
    assert f"audit {victim}: failed" in text_of(out / "run.log")
    for page in out.glob("*.html"):
        assert "Traceback" not in text_of(page), page.name
    assert list(out.parent.glob(".*.partial-*")) == []
    after = {child.pid for child in psutil.Process().children(recursive=True)}
    assert alive([psutil.Process(pid) for pid in after - before if psutil.pid_exists(pid)]) == []


def test_a_stop_signal_is_recorded_and_a_worker_forked_with_the_handler_ends_at_once():
    from audit_lib.runner import _Interrupted, _Stop

    _Stop.signal, _Stop.pid = None, os.getpid()
    previous = signal.signal(signal.SIGTERM, _Stop.handler)
    try:
        ready, tell = os.pipe()
        pid = os.fork()
        if pid == 0:  # a pool worker before its initializer has run
            os.write(tell, b"1")  # a signal that arrives inside fork() itself is dropped by Python
            time.sleep(30)
            os._exit(0)
        os.close(tell)
        assert os.read(ready, 1) == b"1"
        os.close(ready)
        os.kill(pid, signal.SIGTERM)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGTERM
        assert _Stop.signal is None  # the child's signal did not stop this process
        _Stop.check()
        os.kill(os.getpid(), signal.SIGTERM)  # this process: recorded, acted on at the next check
        assert _Stop.signal == "SIGTERM"
        with pytest.raises(_Interrupted, match="SIGTERM"):
            _Stop.check()
    finally:
        signal.signal(signal.SIGTERM, previous)
        _Stop.signal = None


def test_a_worker_process_that_dies_fails_the_audit_it_was_running(tmp_path):
    """The kernel kills the worker process that runs its notebook (as the OOM killer might): that
    audit fails with a plain message, an audit finished before it keeps its report."""
    victim, out, code, err, lines = run_with_a_killer(tmp_path, "os.getppid()", jobs=1)

    assert code == 3, lines
    assert any(line.startswith("gdpr-audit: [ropa] done in") for line in lines), lines
    failed = [line for line in lines if line.startswith(f"gdpr-audit: [{victim}] FAILED")]
    assert len(failed) == 1 and failed[0].endswith(
        "a worker process died (killed, or out of memory) before this audit ended"
    ), lines
    assert "Traceback" not in err.getvalue()
    assert json.loads(text_of(out / "manifest.json"))["audits"] == {"ropa": "ok", victim: "failed"}
    assert "All findings" in text_of(out / "ropa.html")
    assert "This audit failed to complete" in text_of(out / f"{victim}.html")
