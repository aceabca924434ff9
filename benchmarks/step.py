"""One audit's phases, timed in a fresh process: read floor, load, validation, rules, peak RSS.

Usage: python -m benchmarks.step AUDIT PARAMS.yaml  -> one JSON line on stdout (times in seconds
of wall clock, and of CPU -- every thread of this process -- under `cpu`; the read floor is
measured in a process of its own). `python -m benchmarks.step --floor FILE...` prints the floor.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def _peak_rss_mb() -> float:
    """This process's own high-water mark (VmHWM): ru_maxrss survives exec on Linux, so a child of a
    big process would report its parent's peak."""
    try:
        for line in open("/proc/self/status", encoding="ascii"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_floor(paths) -> float:
    """pyarrow reading the same files and doing nothing else, in a process of its own: the memory
    its tables leave with the allocator would count in this process's peak RSS."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.step", "--floor", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(out.stdout.strip().splitlines()[-1])


def _floor(paths: list[str]) -> float:
    start = time.perf_counter()
    for path in map(Path, paths):
        if path.suffix == ".parquet":
            pq.read_table(path)
        else:
            pacsv.read_csv(path)
    return time.perf_counter() - start


def main(audit: str, params_path: str) -> dict:
    from audit_lib.audits import AUDITS
    from audit_lib.context import AuditContext, read_input
    from audit_lib.params import load_params
    from audit_lib.privacy import Pseudonymiser
    from audit_lib.rules import run_rules
    from audit_lib.schemas import check_register

    params = load_params(params_path)
    spec = AUDITS[audit]
    registers = [r for r in spec.registers + spec.optional if r in params.inputs]
    paths = [params.inputs[r] for r in registers]
    floor = read_floor(paths)

    ctx = AuditContext(audit=audit, params=params)
    pseudonymiser = Pseudonymiser()
    wall = dict.fromkeys(("load", "validate", "rules"), 0.0)
    cpu = dict(wall)

    class timed:
        def __init__(self, phase: str) -> None:
            self.phase = phase

        def __enter__(self) -> None:
            self.start = time.perf_counter(), time.process_time()

        def __exit__(self, *exc) -> None:
            wall[self.phase] += time.perf_counter() - self.start[0]
            cpu[self.phase] += time.process_time() - self.start[1]

    rows = 0
    for register in registers:
        with timed("load"):  # as the notebook's session reads it (context.read_input)
            raw, info = read_input(register, params, pseudonymiser)
        with timed("validate"):
            typed, dq = check_register(
                raw, register, params.date_format, info.header_row, info.shown_as, consume=True
            )
            del raw
        ctx.frames[register] = typed
        ctx.sources[register] = info
        ctx.dq[register] = dq
        rows += len(typed)
    with timed("rules"):
        findings, *_ = run_rules(audit, ctx)
    peak = _peak_rss_mb()
    return {
        "audit": audit,
        "rows": rows,
        "findings": len(findings),
        "read_floor": floor,
        **wall,
        "cpu": cpu,
        "peak_rss_mb": peak,
    }


if __name__ == "__main__":
    if sys.argv[1] == "--floor":
        print(_floor(sys.argv[2:]))
    else:
        print(json.dumps(main(sys.argv[1], sys.argv[2])))
