"""Notebook kernels forked from the worker that runs the notebook, instead of started afresh.

A fresh kernel is a new Python that imports IPython, pandas, pandera, matplotlib and the audit
package before the notebook's first cell can run: about 2.5 s of CPU, for each of the twelve
notebooks of `make reports`. The runner imports all of it once, before it forks its workers; each
worker then forks the kernel of its notebook (`prefork`) and hands it to Papermill through
`ForkedKernelManager`. The kernel is a real IPython kernel (`IPKernelApp`, the code behind
`python -m ipykernel_launcher`), reached over the same sockets and connection file; only the
imports are already done.

Forking is used only where it is safe: on Linux, from a worker running no other thread, for the
kernel command of this very interpreter with its environment. Anywhere else, and with
`GDPR_AUDIT_KERNEL_START=spawn`, kernels start as separate programs, as Jupyter starts them.
`started_as` says which way the last kernel started.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner

START_ENV = "GDPR_AUDIT_KERNEL_START"

#: what a kernel imports as it starts (its debugger, history, magics) and what the audits import
#: lazily (contract readers): imported once in the process the kernels are forked from.
PRELOADED = (
    "audit_lib.charts",  # matplotlib and its fonts
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.debugger",
    "IPython.core.debugger",
    "IPython.core.completerlib",
    "IPython.extensions.storemagic",
    "sqlite3",
    "itables",
    "PIL.Image",
    "docx",
    "pypdf",
)

_waiting: ForkedKernel | None = None  # the kernel `prefork` made in this process, not yet used
#: how the last kernel a `ForkedKernelManager` started in this process began: "forked" or "spawned"
started_as: str | None = None


def fork_wanted() -> bool:
    """Whether kernels are forked (Linux, `GDPR_AUDIT_KERNEL_START` not `spawn`)."""
    return sys.platform == "linux" and os.environ.get(START_ENV, "fork") != "spawn"


def preload() -> None:
    """Import what every kernel needs, in the process whose forks become kernels."""
    import importlib

    import audit_lib.notebook  # noqa: F401

    kept = dict(os.environ)
    # debugpy, imported by the kernel's debugger, warns on stderr about frozen modules unless told
    # not to, and sets a variable of its own: this process's environment is put back as it was
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    try:
        for name in PRELOADED:
            try:
                importlib.import_module(name)
            except ImportError:  # an optional part (debugger, document reader): imported later
                pass
    finally:
        os.environ.clear()
        os.environ.update(kept)


class ForkedKernel:
    """A forked process waiting to become a kernel, with the handle of `subprocess.Popen` that
    jupyter_client uses (`poll`, `wait`, `send_signal`, `terminate`, `kill`)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, go: int) -> None:
        self.pid = pid
        self.returncode: int | None = None
        self._go = go  # write end of the pipe the child waits on; closed once used

    def start(self, argv: list[str], cwd: str, env: dict[str, str]) -> None:
        """Let the child become `ipykernel_launcher ARGV` in `cwd` with `env`."""
        message = json.dumps({"argv": argv, "cwd": cwd, "env": env}).encode()
        try:
            with os.fdopen(self._go, "wb") as pipe:
                pipe.write(message)
        except BrokenPipeError:
            raise RuntimeError("the forked kernel process ended before it was started") from None
        finally:
            self._go = -1

    def discard(self) -> None:
        """End a child that was never started (it exits when its pipe closes) and reap it."""
        if self._go >= 0:
            os.close(self._go)
            self._go = -1
            self.wait()

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                self.returncode = 0
            else:
                if pid:
                    self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:  # noqa: ARG002 -- callers poll first
        if self.returncode is None:
            try:
                _, status = os.waitpid(self.pid, 0)
                self.returncode = os.waitstatus_to_exitcode(status)
            except ChildProcessError:
                self.returncode = 0
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def prefork() -> ForkedKernel | None:
    """Fork the process that will become the next kernel started in this process by a
    `ForkedKernelManager`. None (kernels are spawned) when forking is not wanted or not safe."""
    global _waiting
    if not fork_wanted() or _threads() != 1 or _runs_a_shell():
        return None
    discard_prefork()
    go_read, go_write = os.pipe()
    ready_read, ready_write = os.pipe()
    inherited = _open_files()
    try:
        pid = os.fork()
    except OSError:  # no process left, no memory: the kernel is started as a program instead
        for fd in (go_read, go_write, ready_read, ready_write):
            os.close(fd)
        return None
    if pid == 0:  # the child: never returns
        os.close(go_write)
        os.close(ready_read)
        _become_kernel(go_read, ready_write, inherited)
    os.close(go_read)
    os.close(ready_write)
    kernel = ForkedKernel(pid, go_write)
    with os.fdopen(ready_read, "rb") as ready:
        answer = ready.read()  # once the child has a session of its own (its group is its pid)
    if answer != b"ready":  # it ended before: started as a program instead
        kernel.discard()
        return None
    _waiting = kernel
    return _waiting


def _threads() -> int:
    """Threads of this process, those of libraries (zmq, BLAS) included."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _runs_a_shell() -> bool:
    """Whether this process is itself an IPython kernel or shell (the runner called from a
    notebook): a fork would start with its singletons and its redirected output."""
    shell = sys.modules.get("IPython.core.interactiveshell")
    app = sys.modules.get("ipykernel.kernelapp")
    return bool(
        (shell is not None and shell.InteractiveShell.initialized())
        or (app is not None and app.IPKernelApp.initialized())
    )


def discard_prefork() -> None:
    """End the forked kernel of this process if no kernel manager used it."""
    global _waiting
    if _waiting is not None:
        _waiting.discard()
        _waiting = None


def _take_prefork() -> ForkedKernel | None:
    global _waiting
    kernel, _waiting = _waiting, None
    return kernel


def _become_kernel(go: int, ready: int, inherited: dict[int, tuple[int, int]] | None) -> None:
    code = 1
    try:
        # objects the worker no longer used but had not yet collected are never finalised here:
        # a file among them would close a descriptor number that is this kernel's by then
        gc.freeze()
        # told apart now, while the worker waits for "ready" and its descriptors stay as they were
        worker_files = _inherited_descriptors(inherited, skip=(go, ready))
        os.setsid()  # a session of its own, as jupyter_client starts kernels
        _name_process(b"ipykernel")
        os.write(ready, b"ready")
        os.close(ready)
        chunks = []
        while chunk := os.read(go, 65536):
            chunks.append(chunk)
        os.close(go)
        if not chunks:  # discarded
            os._exit(0)
        launch = json.loads(b"".join(chunks))
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)  # as jupyter_client does: a kernel does not read the terminal
        os.close(null)
        _close_worker_descriptors(worker_files)  # its pipes and sockets (Popen's close_fds)
        _forget_the_worker()
        os.chdir(launch["cwd"])
        os.environ.clear()
        os.environ.update(launch["env"])
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        sys.argv = ["ipykernel_launcher", *launch["argv"]]
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance(argv=launch["argv"])
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def _open_files() -> dict[int, tuple[int, int]] | None:
    """This process's open descriptors from 3 up, each with the file it refers to (device,
    inode); None when /proc cannot be read."""
    try:
        numbers = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return None
    files = {}
    for fd in numbers:
        if fd < 3:
            continue
        try:
            info = os.fstat(fd)
        except OSError:  # the descriptor of the listing itself, already closed
            continue
        files[fd] = (info.st_dev, info.st_ino)
    return files


def _inherited_descriptors(
    before: dict[int, tuple[int, int]] | None, skip: tuple[int, ...]
) -> list[int] | None:
    """The descriptors this just-forked child shares with the worker, to close as
    `Popen(close_fds=True)` would before a kernel starts; None when /proc cannot be listed.

    Not those the libraries' fork handlers opened anew in the child: pyarrow, for one, replaces
    its signal self-pipe at fork and later starts a thread that reads that descriptor number.
    Closed here, the number goes to one of the kernel's ZeroMQ descriptors, which that thread then
    reads (kernels died so on CI). Linux's `kcmp` tells whether a descriptor is the worker's own
    open file; where it is not allowed (some container sandboxes), a descriptor is the worker's
    when it refers to the same file as before the fork -- which cannot tell a renewed eventfd, or
    a file opened again at the same path, from the inherited one."""
    now = _open_files()
    if now is None or before is None:
        return None
    worker = os.getppid()
    shared = []
    for fd, file in now.items():
        if fd in skip:
            continue
        same = _same_open_file(worker, fd)
        if same is None:  # no kcmp: by the file referred to
            same = before.get(fd) == file
        if same:
            shared.append(fd)
    return shared


#: the kcmp system call's number by machine
_KCMP = {"x86_64": 312, "aarch64": 272}
_kcmp_refused = False


def _same_open_file(other: int, fd: int) -> bool | None:
    """Whether descriptor `fd` of this process and of process `other` are the same open file
    (Linux `kcmp(KCMP_FILE)`); None when the call is not available here."""
    global _kcmp_refused
    number = _KCMP.get(os.uname().machine)
    if number is None or _kcmp_refused:
        return None
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    answer = libc.syscall(number, os.getpid(), other, 0, fd, fd)  # 0: KCMP_FILE
    if answer >= 0:
        return answer == 0
    if ctypes.get_errno() == errno.EBADF:  # the worker has no such descriptor: opened here
        return False
    _kcmp_refused = True  # not allowed (seccomp, ptrace rules) or not built in
    return None


def _close_worker_descriptors(worker_files: list[int] | None) -> None:
    """Close the descriptors `_inherited_descriptors` found (all from 3 without a listing)."""
    if worker_files is None:  # one call per possible number
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        return
    for fd in worker_files:
        try:
            os.close(fd)
        except OSError:
            pass


def _forget_the_worker() -> None:
    """What a new `python -m ipykernel_launcher` would not have from the worker: its event loop
    (whose descriptors are closed), its script's folder first on `sys.path` (the launcher removes
    it), its fault handler."""
    asyncio.set_event_loop(asyncio.new_event_loop())
    try:
        from jupyter_core import utils as jupyter_utils

        jupyter_utils._loop.set(None)  # the loop jupyter_core's run_sync keeps for this thread
    except (ImportError, AttributeError):
        pass
    if sys.path and not sys.flags.safe_path:
        del sys.path[0]
    import faulthandler

    if faulthandler.is_enabled() and not os.environ.get("PYTHONFAULTHANDLER"):
        faulthandler.disable()


def _name_process(name: bytes) -> None:
    """The short name `top`, `ps -o comm` and psutil show for this process (its command line,
    shown by `ps aux`, stays the worker's): a kernel is recognisable as one."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(15, name, 0, 0, 0)  # PR_SET_NAME
    except (OSError, AttributeError):  # not Linux's C library: the name stays
        pass


class ForkedProvisioner(LocalProvisioner):
    """`LocalProvisioner` that starts the kernel `prefork` made, when the kernel command is this
    interpreter's `ipykernel_launcher`; otherwise it starts the command as a new program."""

    async def launch_kernel(self, cmd: list[str], **kwargs: Any):
        global started_as
        kernel = _take_prefork()
        argv = _ipykernel_argv(cmd)
        env = dict(kwargs.get("env") or os.environ)
        if kernel is not None and argv is not None and _same_interpreter_settings(env):
            env["JPY_PARENT_PID"] = str(os.getpid())
            cwd = str(kwargs.get("cwd") or Path.cwd())
            # the kernel exits if this process dies (the default of `parent_handle` was read from
            # the environment when ipykernel was imported, here, without JPY_PARENT_PID)
            argv = [*argv, f"--IPKernelApp.parent_handle={os.getpid()}"]
            try:
                kernel.start(argv, cwd, env)
            except RuntimeError:  # the child has ended: reap it, start a program instead
                kernel.wait()
            else:
                self.process = kernel
                self.pid = self.pgid = kernel.pid
                self.cwd = cwd
                started_as = "forked"
                return self.connection_info
        elif kernel is not None:
            kernel.discard()
        connection = await super().launch_kernel(cmd, **kwargs)
        started_as = "spawned"
        return connection


def _same_interpreter_settings(env: dict[str, str]) -> bool:
    """Whether a new interpreter with `env` would start like this one: the PYTHON* variables
    (path, hash seed, warnings, ...) are read only when an interpreter starts."""
    names = {k for k in (*env, *os.environ) if k.startswith("PYTHON")}
    return all(env.get(k) == os.environ.get(k) for k in names)


#: interpreter options a kernel spec may give that a forked kernel can do without
#: (`ipykernel install` adds the first, for the debugger's breakpoints)
_HARMLESS_OPTIONS = ("-Xfrozen_modules=off",)


def _ipykernel_argv(cmd: list[str]) -> list[str] | None:
    """The arguments of `python [-Xfrozen_modules=off] -m ipykernel_launcher ARGS` for this
    interpreter, else None."""
    if not cmd or os.path.realpath(cmd[0]) != os.path.realpath(sys.executable):
        return None
    rest = list(cmd[1:])
    while rest and rest[0] in _HARMLESS_OPTIONS:
        rest.pop(0)
    if rest[:2] == ["-m", "ipykernel_launcher"]:
        return rest[2:]
    return None


class ForkedKernelManager(AsyncKernelManager):
    """The kernel manager Papermill is given: its kernel comes from `prefork` when there is one
    (a kernel spec that names a provisioner of its own keeps it)."""

    async def _async_pre_start_kernel(self, **kw: Any):
        spec = self.kernel_spec
        if self.provisioner is None and not (spec and spec.metadata.get("kernel_provisioner")):
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or _new_kernel_id()
            self.provisioner = ForkedProvisioner(
                kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
            )
        return await super()._async_pre_start_kernel(**kw)


def _new_kernel_id() -> str:
    import uuid

    return str(uuid.uuid4())
