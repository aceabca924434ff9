"""One audit's phases, timed in a fresh process: read floor, load, validation, rules, peak RSS.

Usage: python -m benchmarks.step AUDIT PARAMS.yaml  -> one JSON line on stdout.
"""

from __future__ import annotations

import json
import resource
import sys
import time

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
    """pyarrow reading the same files and doing nothing else."""
    start = time.perf_counter()
    for path in paths:
        if path.suffix == ".parquet":
            pq.read_table(path)
        else:
            pacsv.read_csv(path)
    return time.perf_counter() - start


def main(audit: str, params_path: str) -> dict:
    from audit_lib.audits import AUDITS
    from audit_lib.context import AuditContext
    from audit_lib.loaders import read_register
    from audit_lib.params import load_params
    from audit_lib.privacy import Pseudonymiser
    from audit_lib.rules import run_rules
    from audit_lib.schemas import check_register, expected_columns, required_columns

    params = load_params(params_path)
    spec = AUDITS[audit]
    registers = [r for r in spec.registers + spec.optional if r in params.inputs]
    paths = [params.inputs[r] for r in registers]
    floor = read_floor(paths)

    ctx = AuditContext(audit=audit, params=params)
    pseudonymiser = Pseudonymiser()
    load = validate = 0.0
    rows = 0
    for register in registers:
        start = time.perf_counter()
        raw, info = read_register(
            register,
            params.inputs[register],
            required=required_columns(register),
            expected=expected_columns(register),
        )
        if "subject_ref" in raw.columns:
            raw["subject_ref"] = pseudonymiser.pseudonymise(raw["subject_ref"].astype("str"))
        load += time.perf_counter() - start
        start = time.perf_counter()
        typed, dq = check_register(
            raw, register, params.date_format, info.header_row, info.shown_as, consume=True
        )
        validate += time.perf_counter() - start
        ctx.frames[register] = typed
        ctx.sources[register] = info
        ctx.dq[register] = dq
        rows += len(typed)
    start = time.perf_counter()
    findings, *_ = run_rules(audit, ctx)
    rules = time.perf_counter() - start
    peak = _peak_rss_mb()
    return {
        "audit": audit,
        "rows": rows,
        "findings": len(findings),
        "read_floor": floor,
        "load": load,
        "validate": validate,
        "rules": rules,
        "peak_rss_mb": peak,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2])))
