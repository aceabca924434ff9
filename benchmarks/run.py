"""`make bench`: time every audit at large scale against the read floor, the whole run, peak memory.

Writes benchmarks/results.md (table + date + machine + versions). The large sample is generated once
and cached under benchmarks/data/ (outside git), keyed on the generator's source.

Usage: python -m benchmarks.run [--scale large] [--repeat 3] [--jobs 2] [--out benchmarks/results.md]
                                [--xlarge]
--xlarge adds the xlarge scale (20M events, 8M records: pandas vs Dask, `benchmarks/xlarge.py`;
a quarter of an hour or more, the sample generated once).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
LIBRARIES = (
    "pandas",
    "pyarrow",
    "pandera",
    "papermill",
    "nbconvert",
    "matplotlib",
    "dask",
    "great-expectations",
)


def log(text: str) -> None:
    print(f"bench: {text}", file=sys.stderr, flush=True)


def generator_key(scale: str, file_format: str) -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "audit_lib" / "sample").glob("*.py")):
        digest.update(path.read_bytes())
    return f"{scale}-{file_format}-{digest.hexdigest()[:10]}"


def sample(scale: str, file_format: str) -> tuple[Path, float | None]:
    """The cached sample folder, generating it (timed) when missing."""
    folder = DATA / generator_key(scale, file_format)
    if (folder / "params.yaml").exists():
        return folder, None
    from audit_lib.sample import write

    for stale in DATA.glob(f"{scale}-{file_format}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    log(f"generating the {scale} sample as {file_format} (cached afterwards) ...")
    start = time.perf_counter()
    write(partial, scale=scale, file_format=file_format)
    seconds = time.perf_counter() - start
    partial.rename(folder)
    return folder, seconds


class TreeMemory:
    """Peak memory of a process and all its descendants: the sum of their resident sets (RSS,
    every 50 ms; a page shared by forked processes counts in each) and the sum of their
    proportional sets (PSS, every 0.5 s: reading it walks the page tables, which would take CPU
    from the run measured; a shared page is divided among its sharers: the memory the machine
    actually gives them)."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak = 0
        self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        import psutil

        tick = 0
        while not self._stop.is_set():
            full = tick % 10 == 0
            tick += 1
            try:
                procs = [self.root, *self.root.children(recursive=True)]
                total = pss = 0
                for proc in procs:
                    try:
                        if full:
                            info = proc.memory_full_info()
                            pss += getattr(info, "pss", info.rss)
                        else:
                            info = proc.memory_info()
                        total += info.rss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, total)
                if full:
                    self.peak_pss = max(self.peak_pss, pss)
            except psutil.Error:
                pass
            time.sleep(0.05)

    def stop(self) -> tuple[int, int]:
        self._stop.set()
        self._thread.join()
        return self.peak, self.peak_pss


def timed_command(command: list[str], memory: bool) -> tuple[float, tuple[int, int], int]:
    """(wall seconds, peak (RSS, PSS) of the process tree or (0, 0), exit code). The memory
    sampler takes CPU from the run (psutil walks the process table 20 times a second): wall times
    are taken from runs without it, memory from a run of its own."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    sampler = TreeMemory(proc.pid) if memory else None
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    peak = sampler.stop() if sampler else (0, 0)
    if proc.returncode not in (0, 1):
        log(f"command failed ({proc.returncode}): {' '.join(command)}\n{err.decode()[-2000:]}")
    return seconds, peak, proc.returncode


def step(audit: str, params: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        out = subprocess.run(
            [sys.executable, "-m", "benchmarks.step", audit, str(params)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        if out.returncode != 0:
            raise SystemExit(f"bench step {audit} failed:\n{out.stderr[-3000:]}")
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    result = {"audit": audit, "rows": runs[0]["rows"], "findings": runs[0]["findings"]}
    for key in ("read_floor", "load", "validate", "rules", "peak_rss_mb"):
        result[key] = statistics.median(r[key] for r in runs)
    return result


def kernel_startup(repeat: int, forked: bool) -> float:
    """Seconds for Papermill to run a notebook whose one cell imports the audit package: the
    kernel's start-up and imports, before an audit's own work. Measured in a worker process, as
    the runner runs notebooks. `forked`: the kernel is forked from the worker with the imports
    done (audit_lib.kernels, imported here before the worker is forked, as the runner does);
    else it is started as a program of its own, as Jupyter starts kernels."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from audit_lib import kernels

    if forked:
        kernels.preload()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(_kernel_startup_in_worker, repeat, forked).result()


def _kernel_startup_in_worker(repeat: int, forked: bool) -> float:
    import nbformat
    import papermill

    from audit_lib import kernels
    from audit_lib.runner import _kernel_config

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import audit_lib.notebook")])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "imports.ipynb"
        nbformat.write(nb, path)
        for run in range(repeat):
            sockets = Path(tmp) / f"kernel-{run}"  # as the runner does: Unix sockets, not TCP
            sockets.mkdir()
            start = time.perf_counter()
            if forked and kernels.prefork() is None:
                raise SystemExit("bench: kernels cannot be forked here (not Linux, or threads)")
            try:
                papermill.execute_notebook(
                    str(path),
                    str(path),
                    kernel_name="python3",
                    progress_bar=False,
                    log_output=False,
                    shutdown_kernel="immediate",
                    config=_kernel_config(sockets),
                    **({"kernel_manager_class": kernels.ForkedKernelManager} if forked else {}),
                )
            finally:
                kernels.discard_prefork()
            times.append(time.perf_counter() - start)
    return statistics.median(times)


def nbconvert_times(folder: Path) -> dict[str, float]:
    import nbformat

    from audit_lib.report import render_html

    times = {}
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        render_html(nb)
        times[path.stem] = time.perf_counter() - start
    return times


def whole_run(params: Path, repeat: int, jobs: int) -> dict:
    walls, peaks, pss = [], [], []
    sizes: dict[str, int] = {}
    folder = None
    for i in range(repeat + 1):  # the last one for memory
        out = Path(tempfile.mkdtemp(prefix="bench-run-")) / "out"
        wall, peak, code = timed_command(
            [
                str(Path(sys.executable).parent / "gdpr-audit"),
                "run",
                "--params",
                str(params),
                "--out",
                str(out),
                "--jobs",
                str(jobs),
            ],
            memory=i == repeat,
        )
        if i < repeat:
            walls.append(wall)
        peaks.append(peak[0])
        pss.append(peak[1])
        if i == repeat:
            sizes = {p.name: p.stat().st_size for p in sorted(out.glob("*.html"))}
            folder = out
        else:
            shutil.rmtree(out.parent, ignore_errors=True)
    return {
        "wall": statistics.median(walls),
        "peak_rss_mb": max(peaks) / 2**20,
        "peak_pss_mb": max(pss) / 2**20,
        "html_sizes": sizes,
        "folder": folder,
    }


def make_reports(repeat: int, jobs: int) -> dict:
    """What `make reports` runs: the sample's 2026-Q2 then 2026-Q3 (with the trend), in sequence."""
    walls, peaks, pss = [], [], []
    for i in range(repeat + 1):  # the last one for memory
        total, peak, proportional = 0.0, 0, 0
        base = Path(tempfile.mkdtemp(prefix="bench-reports-"))
        for name, params in (
            ("q2", "parameters/sample-2026Q2.yaml"),
            ("q3", "parameters/sample.yaml"),
        ):
            wall, tree, _ = timed_command(
                [
                    str(Path(sys.executable).parent / "gdpr-audit"),
                    "run",
                    "--params",
                    str(ROOT / params),
                    "--out",
                    str(base / name),
                    "--jobs",
                    str(jobs),
                ],
                memory=i == repeat,
            )
            total += wall
            peak = max(peak, tree[0])
            proportional = max(proportional, tree[1])
        shutil.rmtree(base, ignore_errors=True)
        if i < repeat:
            walls.append(total)
        peaks.append(peak)
        pss.append(proportional)
    return {
        "wall": statistics.median(walls),
        "peak_rss_mb": max(peaks) / 2**20,
        "peak_pss_mb": max(pss) / 2**20,
    }


def machine() -> dict[str, str]:
    try:
        import psutil

        memory = f"{psutil.virtual_memory().total / 2**30:.0f} GiB"
    except ImportError:
        memory = "?"
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": str(os.cpu_count()),
        "memory": memory,
        "cpu": cpu,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


def versions() -> dict[str, str]:
    out = {}
    for name in LIBRARIES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    return out


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


def measured_once(results: Path) -> list[str]:
    """The sections of `results` that record a round's held-out documents "as measured in round
    N": each was measured once, and its documents were tuned on since, so a new run cannot
    measure them again and keeps them as they are."""
    if not results.exists():
        return []
    kept: list[str] = []
    keep = False
    for line in results.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            keep = ", as measured in round " in line
        if keep:
            kept.append(line)
    return kept


def _section(name: str, module: str, *arguments: str) -> list[str]:
    """The Markdown lines a benchmark module prints, run in a process of its own (or the end of
    its error output when it fails), then a blank line."""
    out = subprocess.run(
        [sys.executable, "-m", module, *arguments],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if out.returncode != 0:
        return [f"{name} failed: " + out.stderr[-500:], ""]
    return [*out.stdout.splitlines(), ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["small", "large"], default="large")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results.md"))
    parser.add_argument(
        "--xlarge",
        action="store_true",
        help="add the xlarge scale, pandas vs Dask (long: benchmarks/xlarge.py)",
    )
    args = parser.parse_args(argv)

    from audit_lib.audits import implemented

    csv_folder, csv_gen = sample(args.scale, "csv")
    parquet_folder, parquet_gen = sample(args.scale, "parquet")
    params = csv_folder / "params.yaml"
    audits = implemented()

    lines = [
        "# Benchmark results",
        "",
        f"Measured {dt.datetime.now(dt.UTC).strftime('%Y-%m-%d %H:%M UTC')} with `make bench` "
        f"(`python -m benchmarks.run --scale {args.scale} --repeat {args.repeat} --jobs {args.jobs}`); "
        f"medians of {args.repeat} runs. These machines are noisy: read the numbers as ratios.",
        "",
        "Machine: " + ", ".join(f"{k} {v}" for k, v in machine().items()),
        "",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()),
        "",
    ]
    if csv_gen is not None or parquet_gen is not None:
        lines += [
            f"Sample generation ({args.scale}): "
            f"CSV {fmt(csv_gen) + ' s' if csv_gen else 'cached from an earlier run'}, "
            f"Parquet {fmt(parquet_gen) + ' s' if parquet_gen else 'cached from an earlier run'}.",
            "",
        ]

    rows = []
    for audit in audits:
        for label, folder in (("csv", csv_folder), ("parquet", parquet_folder)):
            log(f"{audit} ({label}) ...")
            result = step(audit, folder / "params.yaml", args.repeat)
            result["format"] = label
            rows.append(result)
    lines += [
        "## Each audit's phases (in-process, no notebook)",
        "",
        "Read floor = pyarrow reading the same files and doing nothing else. Target: validation + rules "
        "<= 4x the read floor of the audit's CSV inputs.",
        "",
        "| audit | input | rows | findings | read floor s | load s | validation s | rules s | (validation+rules) / floor | peak RSS MB |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        ratio = (r["validate"] + r["rules"]) / r["read_floor"] if r["read_floor"] else float("nan")
        lines.append(
            f"| {r['audit']} | {r['format']} | {r['rows']:,} | {r['findings']:,} | {fmt(r['read_floor'])} | {fmt(r['load'])} | "
            f"{fmt(r['validate'])} | {fmt(r['rules'])} | {ratio:.1f}x | {r['peak_rss_mb']:,.0f} |"
        )
    lines.append("")

    log("kernel start-up ...")
    kernel = {forked: kernel_startup(args.repeat, forked) for forked in (False, True)}
    log(f"whole run at {args.scale} scale, --jobs {args.jobs} ...")
    run = whole_run(params, args.repeat, args.jobs)
    convert = nbconvert_times(run["folder"]) if run["folder"] else {}
    log("whole run, small sample ...")
    small_folder, _ = sample("small", "csv")
    small = whole_run(small_folder / "params.yaml", args.repeat, args.jobs)
    log("make reports (the two sample quarters) ...")
    reports = make_reports(args.repeat, args.jobs)

    lines += [
        "## Whole `gdpr-audit run` (all audits, summary, HTML, exports)",
        "",
        "| scale | --jobs | wall s | peak RSS of the process tree MB | peak PSS of the process tree MB |",
        "|---|---:|---:|---:|---:|",
        f"| {args.scale} | {args.jobs} | {fmt(run['wall'])} | {run['peak_rss_mb']:,.0f} | "
        f"{run['peak_pss_mb']:,.0f} |",
        f"| small | {args.jobs} | {fmt(small['wall'])} | {small['peak_rss_mb']:,.0f} | "
        f"{small['peak_pss_mb']:,.0f} |",
        f"| small, two quarters (`make reports`: 2026-Q2 then 2026-Q3) | {args.jobs} | "
        f"{fmt(reports['wall'])} | {reports['peak_rss_mb']:,.0f} | {reports['peak_pss_mb']:,.0f} |",
        "",
        "Wall times: medians of runs without the memory sampler (it takes CPU from the run); memory: "
        "one more run, sampled. RSS sums each process's resident memory: a page shared by forked "
        "processes (the runner, its workers and their kernels share the imported libraries) counts "
        "once per process, so it overstates. PSS divides each shared page among its sharers: what "
        "the machine gives the run.",
        "",
        "Kernel start-up (papermill, a notebook that imports the audit package): "
        f"{fmt(kernel[False])} s for a kernel started as a program of its own (as Jupyter does; "
        f"`GDPR_AUDIT_KERNEL_START=spawn`), {fmt(kernel[True])} s for a kernel forked from the "
        "worker with the imports done (the default on Linux).",
        "",
        "nbconvert (executed notebook -> HTML) at "
        f"{args.scale} scale: " + ", ".join(f"{k} {fmt(v)} s" for k, v in convert.items()) + ".",
        "",
        f"HTML sizes at {args.scale} scale: "
        + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in run["html_sizes"].items())
        + ".",
        "",
    ]
    for folder in (run["folder"], small["folder"]):
        if folder:
            shutil.rmtree(folder.parent, ignore_errors=True)

    extra = ROOT / "benchmarks" / "peers.py"
    if extra.exists():
        log("peer comparison and Dask engine ...")
        lines += _section(
            "Peer comparison",
            "benchmarks.peers",
            str(csv_folder),
            str(parquet_folder),
            "--repeat",
            str(args.repeat),
        )

    if args.xlarge:
        log("the xlarge scale, pandas vs Dask (long) ...")
        lines += _section("The xlarge benchmark", "benchmarks.xlarge", "--repeat", "1")

    log("registers in the regulators' templates ...")
    from benchmarks.templates import markdown as templates

    lines += templates(args.repeat).splitlines() + [""]

    log("contract clause detection (held-out documents) ...")
    from benchmarks.contract_detection import markdown as contract_detection

    lines += contract_detection("heldout").splitlines() + [""]
    lines += contract_detection("heldout", round=29).splitlines() + [""]
    lines += measured_once(Path(args.out))

    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    log(f"results written to {args.out}")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
