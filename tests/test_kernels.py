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

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="kernels are forked on Linux only")


def test_only_this_interpreters_ipykernel_command_is_forked():
    exe = sys.executable
    assert kernels._ipykernel_argv([exe, "-m", "ipykernel_launcher", "-f", "k.json"]) == [
        "-f",
        "k.json",
    ]
    assert kernels._ipykernel_argv(["/usr/bin/other-python", "-m", "ipykernel_launcher"]) is None
    assert kernels._ipykernel_argv([exe, "-m", "other_kernel", "-f", "k.json"]) is None
    assert kernels._ipykernel_argv(["R", "--slave"]) is None


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


@linux_only
def test_no_fork_from_a_process_with_threads(monkeypatch):
    """Forking copies one thread only: a lock another thread held would stay locked forever."""
    monkeypatch.delenv(kernels.START_ENV, raising=False)
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert kernels.prefork() is None
    finally:
        release.set()
        other.join()


@linux_only
def test_no_fork_from_a_process_that_is_itself_a_kernel(monkeypatch):
    """The runner called from a notebook: a fork would inherit that kernel's singletons."""
    from ipykernel.kernelapp import IPKernelApp

    monkeypatch.delenv(kernels.START_ENV, raising=False)
    monkeypatch.setattr(IPKernelApp, "initialized", classmethod(lambda cls: True))
    assert kernels.prefork() is None


@linux_only
def test_a_failed_fork_starts_the_kernel_as_a_program(monkeypatch):
    monkeypatch.delenv(kernels.START_ENV, raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)

    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_more_processes)
    before = len(os.listdir("/proc/self/fd"))
    assert kernels.prefork() is None
    assert len(os.listdir("/proc/self/fd")) == before  # its pipes are closed


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
    return json.loads(result.stdout.strip().splitlines()[-1])


def scenario(name: str) -> None:
    """In a fresh process: fork a kernel, start it with `ForkedKernelManager` in a short temporary
    folder, act (`name`), shut it down; print what was seen as one JSON line."""
    kernels.preload()
    expected = kernels.prefork()
    assert expected is not None, "the kernel was not forked"
    if name == "discard":
        before = [c.pid for c in psutil.Process().children()]
        kernels.discard_prefork()
        left = [c.pid for c in psutil.Process().children(recursive=True)]
        print(
            json.dumps(
                {
                    "forked": expected.pid,
                    "children_before": before,
                    "children_left": left,
                    "returncode": expected.returncode,
                }
            )
        )
        return
    folder = Path(tempfile.mkdtemp(dir="/tmp"))
    manager = kernels.ForkedKernelManager(kernel_name="python3", config=_kernel_config(folder))
    seen: dict = {"me": os.getpid(), "forked": expected.pid, "folder": str(folder.resolve())}
    asyncio.run(manager.start_kernel(cwd=str(folder)))
    seen["provisioner_pid"] = manager.provisioner.pid
    seen["transport"] = json.loads(Path(manager.connection_file).read_text())["transport"]
    if name == "probe":
        text, seen["reply"] = execute(manager, PROBE)
        seen["kernel"] = json.loads(text)
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
    print(json.dumps(seen))


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
