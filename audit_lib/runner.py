"""`gdpr-audit run`: execute each audit notebook with Papermill, render HTML, write the exports.

Output is built in a temporary folder beside the destination and moved into place only when
complete; an existing output folder is never overwritten without `force`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

import nbformat

from . import __version__
from .action_plan import carried_answers, plan_values, read_plan
from .audits import AUDITS, ORDER, PERIOD_FINDINGS
from .errors import AuditError, InputError, ParameterError
from .export_xlsx import write_action_plan, write_findings_xlsx
from .findings import (
    AUDIT_FINDING_COLUMNS,
    FINDING_COLUMNS,
    PLAN_COLUMNS,
    SEVERITY_RANK,
    FindingSchema,
    apply_status,
    read_findings_csv,
    sort_findings,
    write_findings_csv,
)
from .loaders import sha256_file
from .params import Params, load_params
from .report.index import write_index

PACKAGE_ROOT = Path(__file__).resolve().parent
NOTEBOOKS = PACKAGE_ROOT.parent / "notebooks"
KEY_LIBRARIES = (
    "pandas",
    "pandera",
    "pyarrow",
    "papermill",
    "nbconvert",
    "nbclient",
    "matplotlib",
    "openpyxl",
    "itables",
)
EXIT_OK, EXIT_FAIL_ON, EXIT_INPUT, EXIT_FAILED = 0, 1, 2, 3


@dataclass
class AuditRun:
    audit: str
    status: str  # ok, input_error, failed, not run
    seconds: float = 0.0
    result: dict[str, Any] = field(default_factory=dict)
    error: str | None = None
    kernel: str | None = None  # how its kernel started: forked, spawned (audit_lib.kernels)


class Progress:
    """One line per step on stderr (the console never shows a traceback for bad input)."""

    def __init__(self, stream: TextIO | None | str) -> None:
        self.stream = sys.stderr if stream == "stderr" else stream

    def __call__(self, text: str) -> None:
        if self.stream is not None:
            print(f"gdpr-audit: {text}", file=self.stream, flush=True)


def _kernel_config(directory: Path):
    """Kernels talk over Unix sockets in `directory` (private to this user), not over local TCP
    ports: nothing else on the machine can listen to the personal data in a kernel's output, and no
    port can be taken between choosing it and binding it. Default (TCP) when the socket path would
    be too long for the system."""
    from traitlets.config import Config

    config = Config()
    prefix = directory / "kernel"
    if len(os.fsencode(prefix)) + len("-99") < 100:  # sun_path: 104 bytes on macOS, 108 on Linux
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(prefix)
        config.KernelManager.connection_file = str(directory / "kernel.json")
    return config


def _execute(
    name: str, notebook: str, parameters: dict, shown: dict, workdir: str, kernels: str
) -> dict[str, Any]:
    """Run one notebook (in a worker process) and render its HTML. Returns a plain dict.
    `kernels` is a private folder of this run for the kernel's connection file and sockets."""
    import papermill

    from . import kernels as kernel_start
    from .report import normalise_executed_notebook, render_html

    work = Path(workdir)
    executed = work / f"{name}.ipynb"
    start = time.monotonic()
    error = None
    sockets = Path(kernels) / name
    sockets.mkdir(mode=0o700)
    kernel_start.started_as = None  # this worker may have run a notebook before
    try:
        kernel_start.prefork()
        papermill.execute_notebook(
            notebook,
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            cwd=str(work),
            shutdown_kernel="immediate",
            request_save_on_cell_execute=False,
            config=_kernel_config(sockets),
            kernel_manager_class=kernel_start.ForkedKernelManager,
        )
    except (
        Exception
    ) as exc:  # papermill raises its own error for a failing cell, others for a dead kernel
        ename = getattr(exc, "ename", None) or type(exc).__name__
        evalue = getattr(exc, "evalue", None) or (str(exc).splitlines() or [""])[0]
        error = f"{ename}: {evalue}".strip(": ")
    finally:
        kernel_start.discard_prefork()
        shutil.rmtree(sockets, ignore_errors=True)
    seconds = time.monotonic() - start
    if executed.exists():
        nb = nbformat.read(executed, as_version=4)
        assignments = "".join(f"{key} = {json.dumps(value)}\n" for key, value in shown.items())
        for cell in nb.cells:
            if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
                cell.source = "# Parameters\n" + assignments.replace("null", "None")
        nb = normalise_executed_notebook(nb)
        # the work folder's name changes from run to run: keep only what the notebook was given
        nb.metadata["papermill"] = {"parameters": shown}
        if error is None:
            (work / f"{name}.html").write_text(render_html(nb), encoding="utf-8")
        nbformat.write(nb, executed)
    return {
        "audit": name,
        "error": error,
        "seconds": seconds,
        "kernel": kernel_start.started_as,
    }


def _failure_page(audit: str, title: str, error: str, params: Params, work: Path) -> str:
    """A report for an audit whose notebook failed: what failed, never a traceback.

    Points to the executed notebook in `work` when there is one (there is none when the kernel
    itself died: the notebook is saved once, at the end or on a failing cell, not after every cell)."""
    from .report import render_html

    where = (
        f"The executed notebook `{audit}.ipynb` in this folder shows where it stopped."
        if (work / f"{audit}.ipynb").exists()
        else "Its kernel stopped before the executed notebook could be saved (the kernel crashed "
        "or the system ended it, for example for lack of memory)."
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["title"] = f"{title} - failed"
    nb.cells.append(
        nbformat.v4.new_markdown_cell(
            f"# {title}\n\n**{params.organisation}**, period {params.period}, audit date "
            f"{params.audit_date.date().isoformat()}\n\n"
            "**This audit failed to complete.** Its findings are missing from this period's exports. "
            f"{where}\n\n"
            f"Error: `{error.splitlines()[0][:200]}`"
        )
    )
    return render_html(nb)


def _libraries() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in KEY_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def git_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=PACKAGE_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
            check=True,
        )
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def _sha256_input(path: Path) -> str:
    """A file's SHA-256; for a partitioned Parquet folder, the SHA-256 of its files' names and hashes."""
    if path.is_file():
        return sha256_file(path)
    listing = "".join(
        f"{p.relative_to(path).as_posix()}\0{sha256_file(p)}\n"
        for p in sorted(path.rglob("*"))
        if p.is_file()
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def write_manifest(
    out: Path, params: Params, params_shown: str, runs: dict[str, AuditRun]
) -> dict[str, Any]:
    outputs = {
        path.relative_to(out).as_posix(): sha256_file(path)
        for path in sorted(out.rglob("*"))
        if path.is_file() and path.name not in ("manifest.json", "run.log")
    }
    inputs = {
        name: {"file": params.inputs_as_written[name], "sha256": _sha256_input(path)}
        for name, path in sorted(params.inputs.items())
        if path.exists()
    }
    manifest = {
        "tool": "gdpr-audit",
        "version": __version__,
        "git_commit": git_commit(),
        "parameters_file": {"path": params_shown, "sha256": sha256_file(params.path)},
        "parameters": _jsonable(params.raw),
        "audits": {name: runs[name].status for name in ORDER if name in runs},
        "inputs": inputs,
        "outputs": outputs,
        "libraries": _libraries(),
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )
    return manifest


def verify(folder: Path) -> list[str]:
    """Recompute the SHA-256 of every output listed in `folder/manifest.json`; return the mismatches."""
    manifest_path = folder / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        outputs = manifest["outputs"]
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(
            str(manifest_path), f"cannot be read as a manifest ({type(exc).__name__})"
        ) from None
    problems = []
    for name, expected in sorted(outputs.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif sha256_file(path) != expected:
            problems.append(f"{name}: SHA-256 differs from the manifest")
    listed = set(outputs) | {"manifest.json", "run.log"}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.relative_to(folder).as_posix() not in listed:
            problems.append(f"{path.relative_to(folder).as_posix()}: not listed in the manifest")
    return problems


class _Interrupted(BaseException):
    """SIGINT or SIGTERM: a BaseException, so that no `except Exception` (papermill's, ours) takes
    it for a failing notebook."""


_STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class _Stop:
    """The stop signal received, if any. The handler only records it: an exception raised from a
    signal handler can land anywhere (a weakref callback that swallows it, the middle of the process
    pool's bookkeeping), so this process checks at points where stopping is safe (`check`)."""

    signal: str | None = None
    pid: int = 0  # the process that installed the handler (a pool worker inherits it when forked)

    @classmethod
    def handler(cls, signum, frame) -> None:  # noqa: ARG003
        if os.getpid() != cls.pid:  # a worker forked before its initializer ran: end it at once
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        cls.signal = cls.signal or signal.Signals(signum).name

    @classmethod
    def check(cls) -> None:
        if cls.signal is not None:
            raise _Interrupted(cls.signal)


def _init_worker() -> None:
    """In a pool worker: the parent handles Ctrl-C and stops the workers; SIGTERM ends one at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _child_pids() -> set[int]:
    try:
        import psutil

        return {child.pid for child in psutil.Process().children(recursive=True)}
    except Exception:  # psutil missing or the process table unreadable: nothing to spare
        return set()


def _stop_child_processes(spare: set[int], timeout: float = 5.0) -> None:
    """Terminate the processes this run started (pool workers and the notebook kernels they or
    we started -- kernels run in a session of their own), then kill those still alive."""
    try:
        import psutil

        me = psutil.Process()
    except Exception:
        return
    stopped: set[int] = set()
    for _ in range(2):  # again: a kernel a worker started meanwhile
        try:
            children = [c for c in me.children(recursive=True) if c.pid not in spare | stopped]
        except psutil.Error:
            return
        for child in children:
            try:
                child.terminate()
            except psutil.Error:
                pass
        _, alive = psutil.wait_procs(children, timeout=timeout)
        for child in alive:
            try:
                child.kill()
            except psutil.Error:
                pass
        psutil.wait_procs(alive, timeout=timeout)
        stopped |= {child.pid for child in children}


def run(
    params_file: str | Path,
    out: str | Path | None = None,
    only: list[str] | None = None,
    fail_on: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    stream: TextIO | None | str = "stderr",
    notebooks: Path = NOTEBOOKS,
) -> int:
    """Run the audits of one period; return the exit code (0, 1 fail-on, 2 input, 3 an audit failed)."""
    progress = Progress(stream)
    started = dt.datetime.now(dt.UTC)
    try:
        params = load_params(params_file)
    except AuditError as exc:
        progress(f"error: {exc}")
        return EXIT_INPUT
    if fail_on is not None and fail_on not in SEVERITY_RANK:
        progress(
            f"error: --fail-on {fail_on!r} is not a severity (critical, high, medium, low, info)"
        )
        return EXIT_INPUT
    selected = list(ORDER) if not only else only
    unknown = [name for name in selected if name not in ORDER]
    if unknown:
        progress(
            f"error: --only {', '.join(unknown)}: unknown audit (choose from {', '.join(ORDER)})"
        )
        return EXIT_INPUT
    out = Path(out) if out else Path("reports") / params.period
    if out.exists() and not force:
        progress(
            f"error: output folder {out} exists; nothing was changed (use --force to replace it)"
        )
        return EXIT_INPUT

    params_shown = str(params_file)
    work = out.parent / f".{out.name}.partial-{os.getpid()}"
    existed = out.exists()
    spare = _child_pids()  # processes that are not this run's
    try:  # the kernels' sockets, mode 0700
        kernels = Path(tempfile.mkdtemp(prefix="gdpr-audit-kernels-"))
    except OSError as exc:
        progress(f"error: cannot create a temporary folder (TMPDIR): {exc}")
        return EXIT_INPUT
    # a stop signal is recorded from before anything is created (only the main thread can do this)
    in_main = threading.current_thread() is threading.main_thread()
    _Stop.signal, _Stop.pid = None, os.getpid()
    previous_handlers = (
        {sig: signal.signal(sig, _Stop.handler) for sig in _STOP_SIGNALS} if in_main else {}
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if work.exists():
            shutil.rmtree(work)
        work.mkdir()
        code, runs = _run_in(
            work, params, params_shown, selected, fail_on, jobs, progress, notebooks, kernels
        )
        run_log = _run_log(started, params_shown, runs, code)
        if in_main:  # the output is complete: moving it into place is not interrupted half-way
            for sig in _STOP_SIGNALS:
                signal.signal(sig, signal.SIG_IGN)
        _Stop.check()
        _move_into_place(work, out)
        (out / "run.log").write_text(run_log, encoding="utf-8")
        progress(f"reports written to {out}/ (exit code {code})")
        return code
    except _Interrupted as exc:
        _stop_child_processes(spare)
        shutil.rmtree(work, ignore_errors=True)
        state = f"{out} is unchanged" if existed else f"{out} was not created"
        progress(f"interrupted by {exc}: stopped the audits; no output written ({state})")
        return 130
    finally:
        for sig, handler in previous_handlers.items():
            signal.signal(sig, handler)
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(kernels, ignore_errors=True)


def _run_in(
    work: Path,
    params: Params,
    params_shown: str,
    selected: list[str],
    fail_on: str | None,
    jobs: int | None,
    progress: Progress,
    notebooks: Path,
    kernels: Path,
) -> tuple[int, dict[str, AuditRun]]:
    runs: dict[str, AuditRun] = {}
    to_run = []
    for name in ORDER:
        spec = AUDITS.get(name)
        if spec is None or name not in selected:
            continue
        if not params.has_inputs(*spec.registers):
            missing = [r for r in spec.registers if r not in params.inputs]
            runs[name] = AuditRun(name, "not run", error=f"inputs not given: {', '.join(missing)}")
            progress(f"[{name}] not run: inputs not given ({', '.join(missing)})")
            continue
        to_run.append(name)

    first = [name for name in to_run if not AUDITS[name].after_audits]
    after = [name for name in to_run if AUDITS[name].after_audits]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(first) or 1))
    results_dir = (work / "_results").resolve()  # the kernels run with cwd=work

    def task(name: str) -> tuple:
        return (
            name,
            str(notebooks / f"{name}.ipynb"),
            {"params_path": str(params.path), "results_dir": str(results_dir)},
            {"params_path": params_shown, "results_dir": None},
            str(work),
            str(kernels),
        )

    tasks = [task(name) for name in first]
    if jobs > 1:
        # largest inputs first, so that the longest audits do not start last (the order of the
        # results does not depend on it: everything below is keyed and sorted by audit)
        def input_bytes(name: str) -> int:
            spec = AUDITS[name]
            paths = [params.inputs[r] for r in spec.registers + spec.optional if r in params.inputs]
            return sum(p.stat().st_size for p in paths if p.is_file())

        tasks.sort(key=lambda task: (-input_bytes(task[0]), ORDER.index(task[0])))
    for name in first:
        progress(f"[{name}] running")
    exit_code, frames = _collect(_execute_in_pool(tasks, jobs), runs, work, params, progress)

    _Stop.check()
    import pandas as pd

    previous = None
    if params.previous is not None:
        try:
            previous = read_findings_csv(params.previous)
        except (OSError, AuditError) as exc:
            message = (
                exc
                if isinstance(exc, AuditError)
                else f"{params.previous}: cannot be read ({type(exc).__name__})"
            )
            progress(f"input error: previous: {message}")
            exit_code = max(exit_code, EXIT_INPUT)

    def with_status(frames: list) -> tuple[pd.DataFrame, pd.DataFrame]:
        findings = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=AUDIT_FINDING_COLUMNS)
        )
        earlier = previous
        if earlier is not None:
            # only audits that ran this period can resolve a finding
            ran = [name for name, r in runs.items() if r.status == "ok"]
            earlier = earlier[earlier["audit"].isin(ran)]
        findings, resolved = apply_status(findings[AUDIT_FINDING_COLUMNS], earlier)
        return sort_findings(findings.reindex(columns=FINDING_COLUMNS).astype("str")), resolved

    findings, resolved = with_status(frames)
    if after:
        # the follow-up judges this period's findings: they are written for it first
        write_findings_csv(findings.fillna(""), results_dir / PERIOD_FINDINGS)
        for name in after:
            progress(f"[{name}] running")
        code, more = _collect(
            _execute_in_pool([task(name) for name in after], 1), runs, work, params, progress
        )
        exit_code = max(exit_code, code)
        findings, resolved = with_status(frames + more)
    plan = read_plan(params)
    findings[PLAN_COLUMNS] = plan_values(findings, plan)
    FindingSchema.validate(findings)
    write_findings_csv(findings, work / "findings.csv")
    if params.previous is not None:
        write_findings_csv(resolved.fillna(""), work / "resolved.csv")
    write_action_plan(findings, carried_answers(findings, plan), work / "action_plan.xlsx")
    results = {name: _result_of(runs[name]) for name in ORDER if name in runs}
    (work / "audit_results.json").write_text(
        json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )

    from .summary import PeriodResults

    period = PeriodResults(
        params, results, findings, resolved if params.previous is not None else None
    )

    def write_xlsx() -> None:
        write_findings_xlsx(findings, work / "findings.xlsx", summary=period.scorecard())

    if (notebooks / "summary.ipynb").exists():
        progress("[summary] running")
        task = (
            "summary",
            str(notebooks / "summary.ipynb"),
            {"params_path": str(params.path), "report_dir": str(work.resolve())},
            {"params_path": params_shown, "report_dir": "."},
            str(work),
            str(kernels),
        )
        # the summary notebook runs in a worker while this process writes the xlsx
        (outcome,) = _execute_in_pool([task], 1, meanwhile=write_xlsx)
        if outcome["error"] is not None:
            runs["summary"] = AuditRun(
                "summary", "failed", outcome["seconds"], error=outcome["error"]
            )
            (work / "summary.html").write_text(
                _failure_page("summary", "Management summary", outcome["error"], params, work),
                encoding="utf-8",
            )
            progress(f"[summary] FAILED: {outcome['error']}")
            exit_code = max(exit_code, EXIT_FAILED)
        else:
            progress(f"[summary] done in {outcome['seconds']:.1f} s")
    else:
        write_xlsx()
    write_index(work, params, runs)
    shutil.rmtree(work / "_results", ignore_errors=True)
    write_manifest(work, params, params_shown, runs)

    if fail_on is not None and exit_code == EXIT_OK and len(findings):
        worst = findings["severity"].map(SEVERITY_RANK).min()
        if worst <= SEVERITY_RANK[fail_on]:
            progress(f"findings of severity {fail_on} or worse exist (--fail-on {fail_on}): exit 1")
            exit_code = EXIT_FAIL_ON
    return exit_code, runs


def _collect(
    outcomes: list[dict[str, Any]],
    runs: dict[str, AuditRun],
    work: Path,
    params: Params,
    progress: Progress,
) -> tuple[int, list]:
    """Read what each executed notebook left: its result (into `runs`), its findings, its extra
    outputs (moved into the output folder); report each audit on stderr. Returns (exit code so
    far, findings frames)."""
    exit_code = EXIT_OK
    frames = []
    for outcome in outcomes:
        name = outcome["audit"]
        result_path = work / "_results" / f"{name}.json"
        if outcome["error"] is not None or not result_path.exists():
            error = outcome["error"] or "the notebook did not save its results"
            runs[name] = AuditRun(
                name, "failed", outcome["seconds"], error=error, kernel=outcome.get("kernel")
            )
            (work / f"{name}.html").write_text(
                _failure_page(name, AUDITS[name].title, error, params, work), encoding="utf-8"
            )
            progress(f"[{name}] FAILED after {outcome['seconds']:.1f} s: {error}")
            exit_code = max(exit_code, EXIT_FAILED)
            continue
        result = json.loads(result_path.read_text(encoding="utf-8"))
        status = result["status"]
        runs[name] = AuditRun(name, status, outcome["seconds"], result, kernel=outcome["kernel"])
        if status == "input_error":
            for error in result["errors"]:
                progress(f"[{name}] input error: {error}")
            exit_code = max(exit_code, EXIT_INPUT)
        else:
            counts = ", ".join(f"{sev} {n}" for sev, n in result["by_severity"].items() if n)
            progress(
                f"[{name}] done in {outcome['seconds']:.1f} s: {result['findings']} findings ({counts or 'none'})"
            )
        for rule_id, reason in sorted(result.get("rules_failed", {}).items()):
            # the audit's other findings are all there; this rule's are missing: exit 3
            progress(f"[{name}] rule {rule_id} could not be evaluated: {reason}")
            exit_code = max(exit_code, EXIT_FAILED)
        findings_path = work / "_results" / f"{name}.findings.csv"
        if findings_path.exists():
            frames.append(read_findings_csv_partial(findings_path))
        for extra in result.get("extra_outputs", []):
            shutil.move(str(work / "_results" / extra), str(work / extra))
    return exit_code, frames


@functools.cache
def _prepare_workers() -> None:
    """Import Papermill and compile the report template once, in this process: each worker forked
    from it starts with them (about 0.3 s of imports and 0.15 s of compiling, per worker). Import
    what the kernels need too, when they are forked from the workers (`kernels`): about 2 s of
    imports, per notebook."""
    import papermill  # noqa: F401

    from . import kernels
    from .report import render_html

    if kernels.fork_wanted():
        kernels.preload()

    render_html(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Ready")]))


def _execute_in_pool(
    tasks: list[tuple], jobs: int, meanwhile: Callable[[], None] | None = None
) -> list[dict[str, Any]]:
    """`_execute` for each task in worker processes, even with one job: this process only waits, so
    a stop signal is acted on within a fraction of a second (`run` then stops the workers and their
    kernels). A kernel that dies fails its own audit only; a worker process that dies breaks the
    pool, and the audits it had not finished fail (the others still report). `meanwhile` runs in
    this process while the workers work."""
    _prepare_workers()
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker)
    started: float = time.monotonic()
    ended: dict[Future, float] = {}

    def wait_for_all() -> None:
        pending = set(futures)
        while pending:
            _Stop.check()
            done, pending = wait(pending, timeout=0.2)
            ended.update(dict.fromkeys(done, time.monotonic()))
        _Stop.check()

    try:
        futures = [pool.submit(_execute, *task) for task in tasks]
        if meanwhile is not None:
            try:
                meanwhile()
            except Exception:  # not an interruption: let the workers finish before reporting it
                wait_for_all()
                pool.shutdown()
                raise
        wait_for_all()
        outcomes = []
        for task, future in zip(tasks, futures, strict=True):
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:  # a worker was killed (out of memory, kill -9)
                error = "a worker process died (killed, or out of memory) before this audit ended"
                seconds = ended[future] - started
                outcomes.append({"audit": task[0], "error": error, "seconds": seconds})
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return outcomes


def _result_of(r: AuditRun) -> dict[str, Any]:
    if r.result:
        return r.result
    return {"audit": r.audit, "status": r.status, "errors": [r.error] if r.error else []}


def read_findings_csv_partial(path: Path):
    import pandas as pd

    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _run_log(started: dt.datetime, params_shown: str, runs: dict[str, AuditRun], code: int) -> str:
    """Run metadata (wall clock, host, durations): kept out of the reports, which stay reproducible."""
    finished = dt.datetime.now(dt.UTC)
    lines = [
        f"started:   {started.isoformat(timespec='seconds')}",
        f"finished:  {finished.isoformat(timespec='seconds')}",
        f"duration:  {(finished - started).total_seconds():.1f} s",
        f"host:      {platform.node()}",
        f"command:   gdpr-audit {' '.join(sys.argv[1:]) if sys.argv[0].endswith('gdpr-audit') else 'run'}",
        f"params:    {params_shown}",
        f"exit code: {code}",
    ]
    for name in ORDER:
        if name in runs:
            r = runs[name]
            lines.append(
                f"audit {name}: {r.status} in {r.seconds:.1f} s"
                + (f", kernel {r.kernel}" if r.kernel else "")
                + (f" ({r.error})" if r.error else "")
            )
    return "\n".join(lines) + "\n"


def _move_into_place(work: Path, out: Path) -> None:
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        out.rename(old)
        work.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        work.rename(out)


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def print_pdf(folder: Path, page: str = "summary.html") -> Path:
    """Print `folder/summary.html` to `summary.pdf` with a headless Chromium; add it to the manifest."""
    source = folder / page
    if not source.is_file():
        raise InputError(
            str(source), "not found", expected="a report folder written by `gdpr-audit run`"
        )
    browser = next((shutil.which(name) for name in CHROMIUM_NAMES if shutil.which(name)), None)
    if browser is None:
        raise InputError(
            "chromium",
            "no headless Chromium found to print the PDF",
            suggestion="install Debian's package: sudo apt-get install chromium",
        )
    target = folder / (Path(page).stem + ".pdf")
    partial = folder / f".{target.name}.partial"
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-pdf-header-footer",
        f"--print-to-pdf={partial}",
        source.resolve().as_uri(),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=120, check=True)
    except (OSError, subprocess.SubprocessError) as exc:
        partial.unlink(missing_ok=True)
        raise InputError(
            str(source), f"Chromium could not print it ({type(exc).__name__})"
        ) from None
    partial.replace(target)
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["outputs"][target.name] = sha256_file(target)
        manifest["outputs"] = dict(sorted(manifest["outputs"].items()))
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


__all__ = ["run", "verify", "print_pdf", "ParameterError"]
