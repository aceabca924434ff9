"""Kernels forked from the worker (audit_lib.kernels): real IPython kernels, in their own session,
in the folder asked for, interruptible, seen dead when killed, never left behind."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
import pytest

from audit_lib import kernels
from audit_lib.runner import _kernel_config

PROBE = """
import json, os, sys
print(json.dumps({
    "pid": os.getpid(), "ppid": os.getppid(), "sid": os.getsid(0), "cwd": os.getcwd(),
    "parent_env": os.environ.get("JPY_PARENT_PID"),
    "name": open("/proc/self/comm").read().strip(),
    "preloaded": "audit_lib.notebook" in sys.modules,
}))
"""

ROOT = Path(__file__).resolve().parent.parent
RUNS_A_SHELL = kernels._runs_a_shell  # the real check (a fixture replaces it)

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="kernels are forked on Linux only")


def test_only_this_interpreters_ipykernel_command_is_forked():
    exe = sys.executable
    assert kernels._ipykernel_argv([exe, "-m", "ipykernel_launcher", "-f", "k.json"]) == [
        "-f",
        "k.json",
    ]
    # `python -m ipykernel install` writes -Xfrozen_modules=off (for the debugger): still forked
    assert kernels._ipykernel_argv(
        [exe, "-Xfrozen_modules=off", "-m", "ipykernel_launcher", "-f", "k.json"]
    ) == ["-f", "k.json"]
    assert kernels._ipykernel_argv([exe, "-X", "dev", "-m", "ipykernel_launcher"]) is None
    assert kernels._ipykernel_argv(["/usr/bin/other-python", "-m", "ipykernel_launcher"]) is None
    assert kernels._ipykernel_argv([exe, "-m", "other_kernel", "-f", "k.json"]) is None
    assert kernels._ipykernel_argv(["R", "--slave"]) is None


def test_a_kernel_environment_with_other_python_settings_is_spawned(monkeypatch):
    """PYTHONPATH, PYTHONHASHSEED... are read when an interpreter starts: a fork cannot apply them."""
    monkeypatch.delenv("PYTHONHASHSEED", raising=False)
    env = dict(os.environ)
    assert kernels._same_interpreter_settings(env)
    assert kernels._same_interpreter_settings({**env, "JPY_SESSION_NAME": "x"})
    assert not kernels._same_interpreter_settings({**env, "PYTHONHASHSEED": "0"})
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    assert not kernels._same_interpreter_settings(env)  # a variable the kernel would lose


def test_kernels_are_spawned_when_asked_or_off_linux(monkeypatch):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(kernels.START_ENV, raising=False)
    assert kernels.fork_wanted()
    monkeypatch.setenv(kernels.START_ENV, "spawn")
    assert not kernels.fork_wanted()
    assert kernels.prefork() is None
    monkeypatch.delenv(kernels.START_ENV)
    monkeypatch.setattr(sys, "platform", "darwin")
    assert not kernels.fork_wanted()


@pytest.fixture
def forking_allowed(monkeypatch):
    """Every condition for forking met, whatever this test process runs (threads, other tests'
    state): a test then changes one."""
    monkeypatch.delenv(kernels.START_ENV, raising=False)
    monkeypatch.setattr(kernels, "_threads", lambda: 1)
    monkeypatch.setattr(kernels, "_runs_a_shell", lambda: False)
    forks = []

    def counted_fork():
        forks.append(1)
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", counted_fork)
    return forks


@linux_only
def test_no_fork_from_a_process_with_threads(forking_allowed, monkeypatch):
    """Forking copies one thread only: a lock another thread held would stay locked forever."""
    monkeypatch.setattr(kernels, "_threads", lambda: 2)
    assert kernels.prefork() is None
    assert forking_allowed == []
    monkeypatch.undo()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert kernels._threads() >= 2  # counted from /proc: library threads count too
    finally:
        release.set()
        other.join()


@linux_only
def test_no_fork_from_a_process_that_is_itself_a_kernel(forking_allowed, monkeypatch):
    """The runner called from a notebook: a fork would inherit that kernel's singletons."""
    from ipykernel.kernelapp import IPKernelApp

    monkeypatch.setattr(kernels, "_runs_a_shell", RUNS_A_SHELL)
    monkeypatch.setattr(IPKernelApp, "initialized", classmethod(lambda cls: True))
    assert kernels._runs_a_shell()
    assert kernels.prefork() is None
    assert forking_allowed == []


@linux_only
def test_a_failed_fork_starts_the_kernel_as_a_program(forking_allowed):
    before = len(os.listdir("/proc/self/fd"))
    assert kernels.prefork() is None
    assert forking_allowed == [1]  # it was tried
    assert len(os.listdir("/proc/self/fd")) == before  # and its pipes are closed


@pytest.mark.e2e
@linux_only
def test_an_unused_forked_kernel_ends_and_is_reaped():
    seen = run_scenario("discard")
    assert seen["forked"] in seen["children_before"]
    assert seen["returncode"] == 0
    assert seen["children_left"] == []


def run_scenario(name: str) -> dict:
    """Run `scenario(name)` in a fresh Python (this test process may run threads, and a process
    with threads does not fork kernels); what it observed."""
    env = {k: v for k, v in os.environ.items() if k != kernels.START_ENV}
    result = subprocess.run(
        [sys.executable, "-c", f"from tests.test_kernels import scenario; scenario({name!r})"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    seen["stderr"] = result.stderr  # the kernel's included: it writes to its worker's stderr
    return seen


def scenario(name: str) -> None:
    """In a fresh process: import what kernels need, then, in a worker forked from it (as the
    runner's pool does: a process with one thread; this one runs the threads of the libraries it
    imported), fork a kernel, start it with `ForkedKernelManager` in a short temporary folder,
    act (`name`), shut it down. Prints what was seen as one JSON line."""
    kernels.preload()
    if name == "pyarrow":  # as the test process does: a register read in the main thread
        import pyarrow.csv

        pyarrow.csv.read_csv(ROOT / "data" / "sample" / "processing_register.csv")
    answer_read, answer_write = os.pipe()
    worker = os.fork()
    if worker == 0:
        code = 1
        try:
            os.close(answer_read)
            seen = orphan_scenario() if name == "orphan" else worker_scenario(name)
            os.write(answer_write, json.dumps(seen).encode())
            code = 0
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(answer_write)
    with os.fdopen(answer_read, "rb") as answer:
        seen = answer.read()
    _, status = os.waitpid(worker, 0)
    assert os.waitstatus_to_exitcode(status) == 0, "the scenario failed in its worker"
    print(seen.decode())


def worker_scenario(name: str) -> dict:
    if name == "atfork":
        return atfork_scenario()
    expected = kernels.prefork()
    assert expected is not None, "the kernel was not forked"
    if name == "discard":
        before = [c.pid for c in psutil.Process().children()]
        kernels.discard_prefork()
        left = [c.pid for c in psutil.Process().children(recursive=True)]
        return {
            "forked": expected.pid,
            "children_before": before,
            "children_left": left,
            "returncode": expected.returncode,
        }
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    manager = kernels.ForkedKernelManager(kernel_name="python3", config=_kernel_config(folder))
    seen: dict = {"me": os.getpid(), "forked": expected.pid, "folder": str(folder.resolve())}
    asyncio.run(manager.start_kernel(cwd=str(folder)))
    seen["provisioner_pid"] = manager.provisioner.pid
    seen["transport"] = json.loads(Path(manager.connection_file).read_text())["transport"]
    if name == "probe":
        text, seen["reply"] = execute(manager, PROBE)
        seen["kernel"] = json.loads(text)
    elif name == "pyarrow":
        text, seen["reply"] = execute(manager, READS_A_REGISTER)
        seen["rows"] = int(text)
        _, seen["reply_after"] = execute(manager, "1 + 1")
    elif name == "interrupt":
        _, seen["reply"] = execute(manager, "import time\ntime.sleep(60)", interrupt_after=1.0)
        _, seen["reply_after"] = execute(manager, "1 + 1")
    elif name == "kill":
        seen["alive_before"] = asyncio.run(manager.is_alive())
        os.kill(expected.pid, signal.SIGKILL)
        for _ in range(50):
            if not asyncio.run(manager.is_alive()):
                break
            time.sleep(0.1)
        seen["alive_after"] = asyncio.run(manager.is_alive())
        seen["returncode"] = expected.returncode
    asyncio.run(manager.shutdown_kernel(now=True))
    kernels.discard_prefork()
    shutil.rmtree(folder, ignore_errors=True)
    seen["children_left"] = [c.pid for c in psutil.Process().children(recursive=True)]
    return seen


READS_A_REGISTER = f"""
import time, pyarrow.csv
rows = pyarrow.csv.read_csv({str(ROOT / "data" / "sample" / "processing_register.csv")!r}).num_rows
time.sleep(0.5)  # pyarrow's signal thread, started by the read, has read its pipe by now
print(rows)
"""


def atfork_scenario() -> dict:
    """Descriptors a fork handler opens anew in the child (as pyarrow's self-pipe) stay open in
    the kernel, a file opened again at the same path included; those the kernel merely inherited
    from the worker are closed, one a handler opened in the worker just before the fork included."""
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    inherited, _ = os.pipe()
    renewed_read, renewed_write = os.pipe()
    reopened_path = folder / "reopened.txt"
    reopened_path.write_text("")
    reopened = os.open(reopened_path, os.O_RDONLY)
    late: list[int] = []

    def renew() -> None:  # in the child, at fork: new files on the same numbers
        new_read, new_write = os.pipe()
        os.dup2(new_read, renewed_read)
        os.dup2(new_write, renewed_write)
        os.close(new_read)
        os.close(new_write)
        again = os.open(reopened_path, os.O_RDONLY)  # the same file: only kcmp tells it is new
        os.dup2(again, reopened)
        os.close(again)

    os.register_at_fork(before=lambda: late.extend(os.pipe()), after_in_child=renew)
    inode = os.fstat(inherited).st_ino
    assert kernels.prefork() is not None, "the kernel was not forked"
    late_inode = os.fstat(late[0]).st_ino
    manager = kernels.ForkedKernelManager(kernel_name="python3", config=_kernel_config(folder))
    asyncio.run(manager.start_kernel(cwd=str(folder)))
    check = f"""
import json, os

def same(fd, inode):
    try:
        return os.fstat(fd).st_ino == inode
    except OSError:
        return False

os.write({renewed_write}, b"through")
print(json.dumps({{
    "renewed": os.read({renewed_read}, 100).decode(),
    "reopened": os.readlink("/proc/self/fd/{reopened}"),
    "inherited_open": same({inherited}, {inode}),
    "late_open": same({late[0]}, {late_inode}),
}}))
"""
    text, reply = execute(manager, check)
    asyncio.run(manager.shutdown_kernel(now=True))
    kernels.discard_prefork()
    shutil.rmtree(folder, ignore_errors=True)
    seen = {"reply": reply, "reopened_path": str(reopened_path.resolve())}
    seen["kcmp"] = kernels._same_open_file(os.getpid(), inherited) is not None
    return {**seen, **(json.loads(text) if text else {})}


def orphan_scenario() -> dict:
    """A worker (forked here) starts a forked kernel, says its pid, and is killed: the kernel must
    notice its parent is gone and exit, as a kernel started by jupyter_client does."""
    pid_read, pid_write = os.pipe()
    worker = os.fork()
    if worker == 0:
        try:
            os.close(pid_read)
            folder = Path(tempfile.mkdtemp(dir="/tmp"))
            kernel = kernels.prefork()
            manager = kernels.ForkedKernelManager(
                kernel_name="python3", config=_kernel_config(folder)
            )
            asyncio.run(manager.start_kernel(cwd=str(folder)))
            execute(manager, "1")  # up and running, its parent poller started
            os.write(pid_write, str(kernel.pid if kernel else -1).encode())
            os.close(pid_write)
            time.sleep(120)
        finally:
            os._exit(1)
    os.close(pid_write)
    with os.fdopen(pid_read, "rb") as answer:
        kernel_pid = int(answer.read() or b"-1")
    os.kill(worker, signal.SIGKILL)
    os.waitpid(worker, 0)
    seen = {"kernel_pid": kernel_pid, "ended_after": None}
    start = time.monotonic()
    while time.monotonic() - start < 10:
        try:
            if psutil.Process(kernel_pid).status() == psutil.STATUS_ZOMBIE:
                break
        except psutil.NoSuchProcess:
            break
        time.sleep(0.1)
    else:
        os.kill(kernel_pid, signal.SIGKILL)
        return seen
    seen["ended_after"] = round(time.monotonic() - start, 1)
    return seen


def execute(manager, code: str, timeout: float = 30, interrupt_after: float | None = None):
    """Run `code` in the kernel; (stdout text, reply content)."""
    out: list[str] = []

    async def go():
        client = manager.client()
        client.start_channels()
        try:
            await client.wait_for_ready(timeout=60)
            if interrupt_after is not None:

                async def interrupt():
                    await asyncio.sleep(interrupt_after)
                    await manager.interrupt_kernel()

                task = asyncio.ensure_future(interrupt())
            reply = await client.execute_interactive(
                code,
                timeout=timeout,
                output_hook=lambda m: out.append(m["content"].get("text", "")),
            )
            if interrupt_after is not None:
                await task
            return reply["content"]
        finally:
            client.stop_channels()

    content = asyncio.run(go())
    return "".join(out), content


@pytest.mark.e2e
@linux_only
def test_a_forked_kernel_is_a_kernel_of_its_own_in_the_folder_asked_for():
    seen = run_scenario("probe")
    assert seen["reply"]["status"] == "ok"
    kernel = seen["kernel"]
    assert kernel["pid"] == seen["forked"] == seen["provisioner_pid"]
    assert kernel["ppid"] == seen["me"]
    assert kernel["sid"] == kernel["pid"]  # its own session: a Ctrl-C in the terminal is not its
    assert kernel["cwd"] == seen["folder"]
    assert kernel["parent_env"] == str(seen["me"])  # it exits when the worker dies
    assert kernel["name"] == "ipykernel"
    assert kernel["preloaded"]
    assert seen["transport"] == "ipc"
    assert seen["children_left"] == []


@pytest.mark.e2e
@linux_only
def test_a_forked_kernel_exits_when_its_worker_dies():
    seen = run_scenario("orphan")
    assert seen["kernel_pid"] > 0, "the kernel was not forked"
    assert seen["ended_after"] is not None, "the kernel outlived its worker by 10 s"


@pytest.mark.e2e
@linux_only
def test_a_forked_kernel_can_be_interrupted():
    seen = run_scenario("interrupt")
    assert seen["reply"]["status"] == "error"
    assert seen["reply"]["ename"] == "KeyboardInterrupt"
    assert seen["reply_after"]["status"] == "ok"  # and it still works
    assert seen["children_left"] == []


@pytest.mark.e2e
@linux_only
def test_a_killed_forked_kernel_is_seen_dead():
    seen = run_scenario("kill")
    assert seen["alive_before"]
    assert not seen["alive_after"]
    assert seen["returncode"] == -signal.SIGKILL
    assert seen["children_left"] == []


@pytest.mark.e2e
@linux_only
def test_descriptors_a_fork_handler_renews_stay_open_in_the_kernel():
    seen = run_scenario("atfork")
    assert seen["reply"]["status"] == "ok", seen["reply"]
    assert seen["renewed"] == "through"
    assert not seen["inherited_open"]
    if not seen["kcmp"]:
        pytest.skip("kcmp is not allowed here: descriptors are told apart by the file only")
    assert seen["reopened"] == seen["reopened_path"]
    assert not seen["late_open"]


@pytest.mark.e2e
@linux_only
def test_a_kernel_forked_after_pyarrow_read_in_the_main_thread_reads_registers():
    """The CI failure of 970b3d0: the test process had read a register with pyarrow in its main
    thread; in each forked kernel, pyarrow's signal thread then read a descriptor of ZeroMQ's
    (pyarrow warned "Failed reading from self-pipe"; some kernels died)."""
    seen = run_scenario("pyarrow")
    assert seen["reply"]["status"] == "ok", seen["reply"]
    assert seen["rows"] > 0
    assert seen["reply_after"]["status"] == "ok"
    assert "self-pipe" not in seen["stderr"], seen["stderr"][-2000:]
    assert seen["children_left"] == []
