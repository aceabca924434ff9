"""Peer comparison and the Dask engine at scale (issue 8); Markdown on stdout for results.md.

(a) The access-log validations of our pandera path (``check_register`` on the log read by
    ``read_register``) against Great Expectations running an equivalent suite on the same frame.
(b) The access audit (and the retention audit) through the Dask engine -- a LocalCluster of
    ``dask_engine.N_WORKERS`` workers with the memory limit per worker of
    ``GDPR_AUDIT_DASK_MEMORY_LIMIT`` -- next to the pandas engine: wall time and peak memory of the
    whole process tree (the notebook's process and the Dask workers), each run in a fresh process.

Usage: python -m benchmarks.peers CSV_FOLDER PARQUET_FOLDER [--repeat N] [--skip-ge] [--skip-dask]
(called by benchmarks/run.py, which appends the output to benchmarks/results.md).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: audit -> its big register (the one the Dask engine distributes)
DASK_AUDITS = {"access": "access_log", "retention": "data_inventory"}
GE_INSTALL = "pip install great-expectations==1.24.1"
#: the sample's timestamps (our parser also reads the space-separated and date-only forms)
ISO_STAMP = "%Y-%m-%dT%H:%M:%S"


def log(text: str) -> None:
    print(f"peers: {text}", file=sys.stderr, flush=True)


def fmt(seconds: float) -> str:
    return f"{seconds:.2f}"


# ------------------------------------------------------------------- (a) pandera vs Great Expectations
def _read_access_log(folder: Path):
    from audit_lib.loaders import read_register
    from audit_lib.params import load_params
    from audit_lib.schemas import expected_columns, required_columns

    params = load_params(folder / "params.yaml")
    raw, info = read_register(
        "access_log",
        params.inputs["access_log"],
        required=required_columns("access_log"),
        expected=expected_columns("access_log"),
    )
    return raw, info


def _pandera(raw) -> tuple[float, int]:
    from audit_lib.schemas import check_register

    start = time.perf_counter()
    _, dq = check_register(raw, "access_log", "iso", 1, "access_log")
    return time.perf_counter() - start, len(dq)


def _ge_suite():
    """The same checks as AccessLogSchema and its typing, as far as GE expresses them."""
    import great_expectations as gx
    import great_expectations.expectations as gxe

    from audit_lib.schemas._fields import ACCESS_ACTIONS, PRIVILEGES

    suite = gx.ExpectationSuite(name="access_log")
    for column in ("event_id", "timestamp", "user_id", "system", "action"):
        suite.add_expectation(gxe.ExpectColumnValuesToNotBeNull(column=column))
    suite.add_expectation(gxe.ExpectColumnValuesToBeUnique(column="event_id"))
    suite.add_expectation(
        gxe.ExpectColumnValuesToBeInSet(column="action", value_set=ACCESS_ACTIONS)
    )
    suite.add_expectation(gxe.ExpectColumnValuesToBeInSet(column="privilege", value_set=PRIVILEGES))
    for column in ("timestamp", "approved_at"):  # parsed value by value, as the sample writes them
        suite.add_expectation(
            gxe.ExpectColumnValuesToMatchStrftimeFormat(column=column, strftime_format=ISO_STAMP)
        )
    return suite


def _ge_frame(raw):
    """GE reads an empty cell as a value: give it the nulls our typing step makes of blanks."""
    return raw.mask(raw.apply(lambda column: column.astype("str").str.strip() == ""), None)


def _ge(frame) -> tuple[float, int]:
    import logging

    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    start = time.perf_counter()
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("bench")
    asset = source.add_dataframe_asset(name="access_log")
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(
        batch_parameters={"dataframe": frame}
    )
    result = batch.validate(_ge_suite(), result_format="SUMMARY")
    seconds = time.perf_counter() - start
    return seconds, sum(not r.success for r in result.results)


def _ge_available() -> str | None:
    try:
        return metadata.version("great-expectations")
    except metadata.PackageNotFoundError:
        return None


def peer_section(csv_folder: Path, repeat: int) -> list[str]:
    lines = ["## Peer comparison: access-log validation, pandera (ours) vs Great Expectations", ""]
    version = _ge_available()
    log("reading the access log for the peer comparison ...")
    start = time.perf_counter()
    raw, info = _read_access_log(csv_folder)
    read = time.perf_counter() - start
    ours = [_pandera(raw) for _ in range(repeat)]
    ours_s = statistics.median(s for s, _ in ours)
    lines += [
        f"Input: `{info.shown_as}` ({info.rows:,} events, CSV read by `read_register` in "
        f"{fmt(read)} s, not counted below). Both sides get the same in-memory frame of text.",
        "",
        "- pandera path: `check_register` (typing: blanks to null, enums normalised, dates "
        "parsed; then the lazy pandera validation of AccessLogSchema and one finding per row).",
        "- Great Expectations: not null (event_id, timestamp, user_id, system, action), "
        "event_id unique, action and privilege in their sets, timestamp and approved_at parsed "
        f"with `{ISO_STAMP}` (strftime) -- 10 expectations, `result_format=SUMMARY`, an "
        "ephemeral context (its set-up is counted; importing GE is not).",
        "",
    ]
    if version is None:
        lines += [
            f"Great Expectations is not installed: `{GE_INSTALL}` (in this venv, or in a separate "
            "`.venv-bench` used only for this script) to run the comparison. pandera path: "
            f"{fmt(ours_s)} s (median of {repeat}).",
            "",
        ]
        return lines
    log(f"Great Expectations {version}, {repeat} run(s) ...")
    start = time.perf_counter()
    frame = _ge_frame(raw)
    prep = time.perf_counter() - start
    theirs = [_ge(frame) for _ in range(repeat)]
    theirs_s = statistics.median(s for s, _ in theirs)
    lines += [
        "| tool | version | median s | failing rows / expectations | x pandera |",
        "|---|---|---:|---:|---:|",
        f"| pandera path (`check_register`) | pandera {metadata.version('pandera')} | "
        f"{fmt(ours_s)} | {ours[0][1]:,} DQ findings | 1.0 |",
        f"| Great Expectations | {version} | {fmt(theirs_s)} | {theirs[0][1]} failed "
        f"expectation(s) | {theirs_s / ours_s:.1f} |",
        "",
        f"GE also needs blank cells turned to nulls first (our typing step does it inside "
        f"`check_register`): {fmt(prep)} s more, not in its figure above.",
        "",
    ]
    return lines


# --------------------------------------------------------------------- (b) the Dask engine at scale
def child(engine: str, audit: str, params_path: str) -> dict:
    """One audit in this (fresh) process: open (read, validate; Dask: also judge), run, key figures."""
    from audit_lib.notebook import AuditSession

    start = time.perf_counter()
    session = AuditSession.open(audit, params_path)
    opened = time.perf_counter()
    findings = session.run()
    ran = time.perf_counter()
    kpis = session.kpis()
    done = time.perf_counter()
    if session.errors:
        raise SystemExit("; ".join(session.errors))
    return {
        "engine": engine,
        "audit": audit,
        "rows": session.records_checked(),
        "findings": len(findings),
        "open": opened - start,
        "run": ran - opened,
        "kpis": done - ran,
        "total": done - start,
        "kpi_values": [k["value"] for k in kpis],
    }


def _params_for(engine: str, folder: Path, out: Path) -> Path:
    """A parameters file beside nothing: the folder's inputs as absolute paths, this engine."""
    import yaml

    raw = yaml.safe_load((folder / "params.yaml").read_text(encoding="utf-8"))
    raw["inputs"] = {k: str((folder / v).resolve()) for k, v in raw["inputs"].items()}
    raw["engine"] = engine
    path = out / f"params-{engine}.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def _measured(engine: str, audit: str, params: Path) -> dict:
    from benchmarks.run import TreeMemory

    command = [sys.executable, "-m", "benchmarks.peers", "--child", engine, audit, str(params)]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, text=True
    )
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    peak, _ = memory.stop()  # RSS, as before (no process here is forked from another)
    if proc.returncode != 0:
        raise RuntimeError(f"{engine} {audit} failed ({proc.returncode}):\n{err[-3000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["peak_mb"] = peak / 2**20
    return result


def dask_section(parquet_folder: Path, repeat: int, audits: tuple[str, ...]) -> list[str]:
    from audit_lib.engines import dask_engine

    try:
        dask_version = metadata.version("dask")
        distributed_version = metadata.version("distributed")
    except metadata.PackageNotFoundError:
        return [
            "## The Dask engine at scale",
            "",
            "Dask is not installed: `pip install 'dask[dataframe]==2026.8.0' "
            "'distributed==2026.8.0'` to measure it.",
            "",
        ]
    limit = dask_engine.memory_limit()
    lines = [
        "## The Dask engine at scale (`engine: dask`) next to the pandas engine",
        "",
        f"Parquet inputs (`{parquet_folder.name}`); dask {dask_version}, distributed "
        f"{distributed_version}; LocalCluster of {dask_engine.N_WORKERS} worker processes x "
        f"{dask_engine.THREADS_PER_WORKER} thread, memory limit {limit} per worker "
        f"(`{dask_engine.MEMORY_LIMIT_VARIABLE}`). Each run is a fresh process doing what the "
        "notebook does before its charts: `AuditSession.open` (read, validate -- and, on Dask, "
        "judge and aggregate the key figures in the workers), `run` (the remaining rules, "
        "merge, sort) and the key figures. Peak memory = resident memory of the whole process "
        "tree (driver + scheduler + workers), sampled every 50 ms. Medians of "
        f"{repeat} run(s); peak = the highest of them.",
        "",
        "| audit | rows | engine | findings | open s | run s | key figures s | total s | "
        "peak MB (tree) | same findings & figures |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        params = {e: _params_for(e, parquet_folder, Path(tmp)) for e in ("pandas", "dask")}
        for audit in audits:
            results = {}
            for engine in ("pandas", "dask"):
                log(f"{audit} on {engine}, {repeat} run(s) ...")
                runs = [_measured(engine, audit, params[engine]) for _ in range(repeat)]
                results[engine] = runs
            same = (
                results["pandas"][0]["findings"] == results["dask"][0]["findings"]
                and results["pandas"][0]["kpi_values"] == results["dask"][0]["kpi_values"]
            )
            for engine, runs in results.items():
                med = {k: statistics.median(r[k] for r in runs) for k in ("open", "run", "kpis")}
                total = statistics.median(r["total"] for r in runs)
                peak = max(r["peak_mb"] for r in runs)
                lines.append(
                    f"| {audit} | {runs[0]['rows']:,} | {engine} | {runs[0]['findings']:,} | "
                    f"{fmt(med['open'])} | {fmt(med['run'])} | {fmt(med['kpis'])} | "
                    f"{fmt(total)} | {peak:,.0f} | {'yes' if same else 'NO'} |"
                )
            pandas_total = statistics.median(r["total"] for r in results["pandas"])
            dask_total = statistics.median(r["total"] for r in results["dask"])
            pandas_peak = max(r["peak_mb"] for r in results["pandas"])
            dask_peak = max(r["peak_mb"] for r in results["dask"])
            lines.append(
                f"| {audit} | | dask / pandas | | | | | {dask_total / pandas_total:.2f}x | "
                f"{dask_peak / pandas_peak:.2f}x | |"
            )
    lines += [
        "",
        "Dask's time includes starting the LocalCluster (a few seconds on this machine). The "
        "register stays in the workers: the notebook's process (the driver) receives the "
        "findings and small aggregates only, so no process holds the whole register -- the "
        "tree as a whole holds about as much as pandas' one process, plus the cluster's own "
        "overhead, and on 2 cores distribution costs CPU time without adding any. What it buys "
        "is a register larger than one process's memory (see the xlarge section) and a cluster "
        "of several machines (`dask_scheduler: tcp://host:port`).",
        "",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "--child":
        print(json.dumps(child(*argv[1:4])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_folder", type=Path)
    parser.add_argument("parquet_folder", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-ge", action="store_true", help="leave out the peer comparison")
    parser.add_argument("--skip-dask", action="store_true", help="leave out the Dask engine")
    parser.add_argument(
        "--audits", default="access,retention", help="audits for the Dask engine comparison"
    )
    args = parser.parse_args(argv)
    lines: list[str] = []
    if not args.skip_ge:
        lines += peer_section(args.csv_folder, args.repeat)
    if not args.skip_dask:
        audits = tuple(a for a in args.audits.split(",") if a in DASK_AUDITS)
        lines += dask_section(args.parquet_folder, args.repeat, audits)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
