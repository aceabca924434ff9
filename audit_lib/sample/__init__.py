"""`gdpr-audit sample-data`: the deterministic sample organisation and its planted violations."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pandas as pd
import yaml

from .org import PERIODS, Chunked, Organisation


def builders() -> list:
    """Every builder module of this package (one per audit), in their `BUILD_ORDER`."""
    modules = [
        importlib.import_module(f"{__name__}.{m.name}")
        for m in pkgutil.iter_modules(__path__)
        if m.name != "org" and not m.name.startswith("_")
    ]
    return sorted(modules, key=lambda module: (module.BUILD_ORDER, module.__name__))


def build(
    seed: int = 42, scale: str = "small", period: str = "2026-Q3"
) -> tuple[Organisation, dict[str, pd.DataFrame], pd.DataFrame]:
    """Build every register in memory; return (organisation, frames, expected findings).

    At a chunked scale (xlarge) the access log and the inventory are `Chunked`: the expected
    findings they plant are known once their chunks are generated (`write` does it).
    """
    org, frames, expected = _build(seed, scale, period)
    return org, frames, _expected_table(expected)


def _build(seed: int, scale: str, period: str) -> tuple[Organisation, dict, list[dict]]:
    audit_date, previous = PERIODS[period]
    org = Organisation(
        seed=seed, scale=scale, period=period, audit_date=audit_date, previous=previous
    )
    frames: dict = {}
    expected: list[dict] = []
    for builder in builders():
        builder.build(org, frames, expected)
    return org, frames, expected


def _expected_table(expected: list[dict]) -> pd.DataFrame:
    table = pd.DataFrame(expected, columns=["audit", "rule_id", "record_key", "note"])
    return table.sort_values(["audit", "rule_id", "record_key"], kind="mergesort").reset_index(
        drop=True
    )


def _write_chunked(register: Chunked, out: Path, name: str, file_format: str) -> None:
    """A chunked register, one chunk in memory at a time: a folder of Parquet files
    (part.0.parquet, part.1.parquet, ... as Dask writes them: one row group each), or one CSV."""
    if file_format == "parquet":
        folder = out / name
        folder.mkdir()
        for number, chunk in enumerate(register.chunks()):
            chunk.to_parquet(folder / f"part.{number}.parquet", index=False)
        return
    with open(out / name, "w", encoding="utf-8", newline="") as handle:
        for number, chunk in enumerate(register.chunks()):
            chunk.to_csv(handle, index=False, header=number == 0, lineterminator="\n")


def _register_order(register: str) -> tuple[int, str]:
    """Registers in the order of the data contract's registry (then by name)."""
    from ..schemas import SCHEMAS

    names = list(SCHEMAS)
    return (names.index(register) if register in names else len(names), register)


def params_for(org: Organisation, names: dict[str, str]) -> dict:
    return {
        "organisation": org.name,
        "period": org.period,
        "audit_date": org.audit_date.date(),
        "date_format": "iso",
        "inputs": names,
        "thresholds": {},
        "holidays": [
            "2026-01-01",
            "2026-04-06",
            "2026-05-01",
            "2026-05-08",
            "2026-05-14",
            "2026-05-25",
            "2026-07-14",
            "2026-08-15",
            "2026-11-01",
            "2026-11-11",
            "2026-12-25",
            "2025-11-01",
            "2025-11-11",
            "2025-12-25",
        ],
        "service_accounts": org.shared.get("service_accounts", []),
    }


#: frames from this many rows are written by Arrow when they can be (see `write_csv`)
ARROW_CSV_ROWS = 200_000


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """`frame.to_csv` (UTF-8, `\\n`, no index), the same bytes faster for a large text frame.

    A frame of `ARROW_CSV_ROWS` rows or more whose columns are all text, none of it needing
    quotes (no comma, quote or line break), is written by Arrow: the bytes pandas would write,
    without a Python string per value (10,000,000 sends: about 2 s instead of 30 s). Any other
    frame, or a value that needs quoting, is written by pandas.
    """
    names = [str(column) for column in frame.columns]
    if (
        len(frame) >= ARROW_CSV_ROWS
        and len(names) > 1
        and not any(set(name) & set(',"\r\n') for name in names)
    ):
        import pyarrow as pa
        import pyarrow.csv as pacsv

        try:
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if all(
                pa.types.is_string(t) or pa.types.is_large_string(t) for t in table.schema.types
            ):
                with open(path, "wb") as handle:
                    handle.write((",".join(names) + "\n").encode("utf-8"))
                    pacsv.write_csv(
                        table,
                        handle,
                        write_options=pacsv.WriteOptions(
                            include_header=False, quoting_style="none"
                        ),
                    )
                return
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass  # a value that needs quotes: pandas below writes the file again, whole
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def write(
    out: Path,
    seed: int = 42,
    scale: str = "small",
    file_format: str = "csv",
    period: str = "2026-Q3",
    with_plan: bool = False,
) -> Path:
    """Write the registers, `params.yaml` and `expected_findings.csv` into `out` (at the xlarge
    scale, the access log and the inventory chunk by chunk: as Parquet, a folder of files named
    like the register's file, `access_log.parquet/part.0.parquet`, ...); with `with_plan` (as
    `gdpr-audit sample-data` does), for the small 2026-Q3 sample, also the filled action plan of
    2026-Q2 (`_plan.PLAN_FILE`), whose follow-up findings join `expected_findings.csv` (audit
    `followup`: they need `previous` and `actions:`, which `parameters/sample.yaml` gives).
    Building the plan audits both quarters in-process (a few seconds), so the tests that only
    need the registers leave it out."""
    out.mkdir(parents=True, exist_ok=True)
    org, frames, planted = _build(seed, scale, period)
    names = {}
    for register in sorted(frames, key=_register_order):
        frame = frames[register]
        name = f"{register}.{'parquet' if file_format == 'parquet' else 'csv'}"
        if isinstance(frame, Chunked):
            _write_chunked(frame, out, name, file_format)
        elif file_format == "parquet":
            frame.to_parquet(out / name, index=False)
        else:
            write_csv(frame, out / name)
        names[register] = name
    expected = _expected_table(planted)  # complete once the chunks are written
    for extra, content in org.shared.get("documents", {}).items():
        path = out / extra
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    params = params_for(org, names)
    if file_format == "parquet" and any(isinstance(f, Chunked) for f in frames.values()):
        params["engine"] = "dask"  # folders of Parquet files: the pandas engine reads files
    (out / "params.yaml").write_text(
        "# Parameters of the sample organisation (written by `gdpr-audit sample-data`).\n"
        + yaml.safe_dump(params, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    if with_plan and not org.previous and scale == "small" and file_format == "csv":
        from ._plan import write_plan

        planted = pd.DataFrame(write_plan(out, seed, org.audit_date), columns=expected.columns)
        expected = pd.concat([expected, planted], ignore_index=True).sort_values(
            ["audit", "rule_id", "record_key"], kind="mergesort"
        )
    expected.to_csv(out / "expected_findings.csv", index=False, lineterminator="\n")
    return out
