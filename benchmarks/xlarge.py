"""`python -m benchmarks.xlarge`: the access and retention audits at the xlarge scale, pandas vs Dask.

The xlarge organisation (20,000,000 access events, 8,000,000 inventory records; the other
registers as at large) is generated once as Parquet by `gdpr-audit sample-data --scale xlarge
--format parquet` and cached under benchmarks/data/ (keyed on the generator's source): the access
log and the inventory are folders of part files, which the Dask engine reads. The pandas engine
reads files: it gets a copy where each of the two is one Parquet file (the same row groups,
copied one at a time by pyarrow), beside links to the other registers, under the same names.

Each measured run is a fresh `gdpr-audit run --only AUDIT` -- the whole thing: the notebook's
kernel (the driver), the Dask cluster it starts (a LocalCluster: a scheduler in the kernel, worker
processes beside it), the report, the exports -- with every process of its tree sampled every
100 ms: the peak resident memory (RSS) of each process and of the tree (the sum at one instant),
the CPU time of the tree (each process's last sample), the wall time. The two engines'
findings.csv are compared byte for byte, and with the planted violations (expected_findings.csv).

Prints a Markdown section (benchmarks/run.py --xlarge puts it into benchmarks/results.md).

Usage: python -m benchmarks.xlarge [--audits access,retention] [--repeat 1] [--target-gib 2.5]
                                  [--update benchmarks/results.md]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
BIG = {"access": "access_log", "retention": "data_inventory"}
SAMPLE_EVERY = 0.1


def log(text: str) -> None:
    print(f"xlarge: {text}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------- the data
def generator_key() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "audit_lib" / "sample").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def sample() -> tuple[Path, float | None]:
    """The cached xlarge Parquet sample, generated (timed, in a fresh process) when missing."""
    folder = DATA / f"xlarge-parquet-{generator_key()}"
    if (folder / "params.yaml").exists():
        return folder, None
    for stale in DATA.glob("xlarge-parquet-*"):
        shutil.rmtree(stale, ignore_errors=True)
    partial = folder.with_name(folder.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    log("generating the xlarge sample as Parquet (cached afterwards; a few minutes) ...")
    command = [str(Path(sys.executable).parent / "gdpr-audit"), "sample-data", "--out"]
    command += [str(partial), "--scale", "xlarge", "--format", "parquet"]
    run = measure(command)
    if run.code != 0:
        raise SystemExit(f"sample generation failed:\n{run.stderr[-3000:]}")
    partial.rename(folder)
    (folder / "generation.txt").write_text(
        f"wall {run.wall:.1f} s, cpu {run.cpu:.1f} s, peak rss {run.largest / 2**20:.0f} MB\n"
    )
    return folder, run.wall


def single_files(folder: Path) -> Path:
    """A copy for the pandas engine: each folder of part files as one Parquet file."""
    import pyarrow.parquet as pq

    single = folder.with_name(folder.name + "-single")
    if (single / "params.yaml").exists():
        return single
    shutil.rmtree(single, ignore_errors=True)
    single.mkdir()
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and entry.suffix == ".parquet":
            parts = sorted(entry.glob("part.*.parquet"), key=lambda p: int(p.name.split(".")[1]))
            writer = None
            for part in parts:
                source = pq.ParquetFile(part)
                for group in range(source.num_row_groups):
                    table = source.read_row_group(group)
                    if writer is None:
                        writer = pq.ParquetWriter(single / entry.name, table.schema)
                    writer.write_table(table)
            if writer is not None:
                writer.close()
        elif entry.name != "params.yaml":
            (single / entry.name).symlink_to(entry.resolve())
    text = (folder / "params.yaml").read_text(encoding="utf-8")
    (single / "params.yaml").write_text(text.replace("engine: dask", "engine: pandas"))
    return single


# ------------------------------------------------------------------------------------ measuring
@dataclass
class Run:
    wall: float = 0.0
    cpu: float = 0.0  # CPU seconds of the whole tree (user + system)
    tree: int = 0  # peak of the sum of the resident sets at one instant
    largest: int = 0  # the largest peak resident set of any one process
    largest_role: str = ""
    peaks: dict[str, int] = field(default_factory=dict)  # role -> the largest peak of that role
    code: int = 0
    stderr: str = ""


def _role(cmdline: list[str]) -> str:
    text = " ".join(cmdline)
    if "spawn_main" in text or "dask worker" in text or "distributed.cli" in text:
        return "Dask worker"
    if "resource_tracker" in text:
        return "helper"
    return "runner / notebook kernel"


def measure(command: list[str]) -> Run:
    """Run a command; sample its process tree every SAMPLE_EVERY seconds."""
    import psutil

    run = Run()
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    root = psutil.Process(proc.pid)
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    roles: dict[int, str] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                tree = []
            total = 0
            for process in tree:
                try:
                    with process.oneshot():
                        rss = process.memory_info().rss
                        times = process.cpu_times()
                        if process.pid not in roles:
                            roles[process.pid] = _role(process.cmdline())
                except psutil.Error:
                    continue
                total += rss
                peaks[process.pid] = max(peaks.get(process.pid, 0), rss)
                cpu[process.pid] = times.user + times.system
            run.tree = max(run.tree, total)
            time.sleep(SAMPLE_EVERY)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, run.stderr = proc.communicate()
    stop.set()
    sampler.join()
    run.wall = time.perf_counter() - start
    run.code = proc.returncode
    run.cpu = sum(cpu.values())
    for pid, peak in peaks.items():
        role = roles.get(pid, "?")
        run.peaks[role] = max(run.peaks.get(role, 0), peak)
        if peak > run.largest:
            run.largest, run.largest_role = peak, role
    return run


def audit_run(audit: str, params: Path, out: Path) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    command = [str(Path(sys.executable).parent / "gdpr-audit"), "run", "--params", str(params)]
    command += ["--out", str(out), "--only", audit, "--jobs", "1"]
    run = measure(command)
    if run.code not in (0, 1):
        raise SystemExit(f"{audit} failed ({run.code}) with {params.name}:\n{run.stderr[-3000:]}")
    return run


def _findings(out: Path, audit: str) -> set[tuple[str, str]]:
    with open(out / "findings.csv", encoding="utf-8", newline="") as handle:
        return {
            (row["rule_id"], row["record_key"])
            for row in csv.DictReader(handle)
            if row["audit"] == audit and not row["rule_id"].startswith("DQ-")
        }


def _expected(folder: Path, audit: str) -> set[tuple[str, str]]:
    with open(folder / "expected_findings.csv", encoding="utf-8", newline="") as handle:
        return {
            (r["rule_id"], r["record_key"]) for r in csv.DictReader(handle) if r["audit"] == audit
        }


# ------------------------------------------------------------------------------------- the report
def mb(value: float) -> str:
    return f"{value / 2**20:,.0f}"


def markdown(audits: tuple[str, ...], repeat: int, target_gib: float) -> str:
    from audit_lib.engines import dask_engine

    folder, generated = sample()
    single = single_files(folder)
    runs_dir = DATA / "xlarge-runs"
    results: dict[tuple[str, str], list[Run]] = {}
    same: dict[str, bool] = {}
    planted: dict[str, bool] = {}
    for audit in audits:
        for engine, params in (
            ("pandas", single / "params.yaml"),
            ("dask", folder / "params.yaml"),
        ):
            for number in range(repeat):
                log(f"{audit} on {engine} ({number + 1}/{repeat}) ...")
                results.setdefault((audit, engine), []).append(
                    audit_run(audit, params, runs_dir / engine)
                )
        pandas_csv = (runs_dir / "pandas" / "findings.csv").read_bytes()
        same[audit] = pandas_csv == (runs_dir / "dask" / "findings.csv").read_bytes()
        planted[audit] = _findings(runs_dir / "dask", audit) == _expected(folder, audit)
        shutil.rmtree(runs_dir, ignore_errors=True)

    limit = dask_engine.memory_limit()
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("pandas", "pyarrow", "dask", "distributed")
    )
    generation = (folder / "generation.txt").read_text().strip()
    lines = [
        "## The xlarge scale: pandas vs Dask (`python -m benchmarks.xlarge`)",
        "",
        "Input: `gdpr-audit sample-data --scale xlarge --format parquet` -- 20,000,000 access "
        "events and 8,000,000 inventory records (the other registers as at large), the two big "
        "ones as folders of 20 and 9 Parquet files; "
        + f"generated {'now' if generated is not None else 'earlier'} in one process tree "
        + f"({generation}: the registers are written chunk by chunk)"
        + ". The pandas engine reads the same rows as one Parquet file per register. Each run: "
        f"`gdpr-audit run --only AUDIT --jobs 1` in a fresh process tree ({versions}; Dask: a "
        f"LocalCluster of {dask_engine.N_WORKERS} worker processes x "
        f"{dask_engine.THREADS_PER_WORKER} thread, memory limit {limit} per worker), every "
        f"process sampled every {SAMPLE_EVERY * 1000:.0f} ms. "
        + (f"Medians of {repeat} runs; peaks: the highest." if repeat > 1 else "One run each.")
        + " The machine (2 cores) is shared with other work: read wall times as rough, CPU "
        "time and memory as the measure.",
        "",
        "| audit | engine | wall s | CPU s (tree) | peak RSS, largest process MB | "
        "peak RSS, notebook kernel MB | peak RSS, largest Dask worker MB | "
        "peak RSS, tree MB | findings |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    verdicts = []
    for audit in audits:
        for engine in ("pandas", "dask"):
            runs = results[(audit, engine)]
            largest = max(runs, key=lambda r: r.largest)
            kernel = max(r.peaks.get("runner / notebook kernel", 0) for r in runs)
            worker = max(r.peaks.get("Dask worker", 0) for r in runs)
            check = "reference"
            if engine == "dask":
                check = "= pandas, byte for byte" if same[audit] else "**differ from pandas**"
                check += "; the planted ones" if planted[audit] else "; **not the planted ones**"
            lines.append(
                f"| {audit} | {engine} | {statistics.median(r.wall for r in runs):.1f} | "
                f"{statistics.median(r.cpu for r in runs):.1f} | {mb(largest.largest)} "
                f"({largest.largest_role}) | {mb(kernel)} | "
                f"{mb(worker) if worker else '-'} | {mb(max(r.tree for r in runs))} | {check} |"
            )
        dask_largest = max(r.largest for r in results[(audit, "dask")])
        within = dask_largest <= target_gib * 2**30
        verdicts.append(
            f"- {audit}: the largest process of the Dask run peaked at "
            f"{dask_largest / 2**30:.2f} GiB ({'within' if within else '**above**'} the "
            f"{target_gib} GiB target); findings.csv "
            + ("identical to pandas'" if same[audit] else "**different from pandas'**")
            + (
                ", exactly the planted violations."
                if planted[audit]
                else ", **not** the planted violations."
            )
        )
    lines += ["", *verdicts, ""]
    return "\n".join(lines)


def update(path: Path, section: str) -> None:
    """Put the section into a results file: in place of the one with the same heading (up to
    the next heading of its level), else at the end; the rest of the file is kept."""
    heading = section.splitlines()[0]
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    lines = text.splitlines()
    if heading in lines:
        start = lines.index(heading)
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        lines[start:end] = section.rstrip("\n").splitlines() + [""]
    else:
        lines += ["", *section.rstrip("\n").splitlines(), ""]
    path.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", default="access,retention")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--target-gib", type=float, default=2.5)
    parser.add_argument(
        "--update",
        type=Path,
        help="also put the section into this file (e.g. benchmarks/results.md)",
    )
    args = parser.parse_args(argv)
    audits = tuple(a for a in args.audits.split(",") if a in BIG)
    section = markdown(audits, args.repeat, args.target_gib)
    print(section)
    if args.update:
        update(args.update, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
