"""The command line: a thin layer over runner, sample and rules. Errors become one line + exit 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def _cmd_run(args: argparse.Namespace) -> int:
    from .runner import run

    only = [name.strip() for name in args.only.split(",") if name.strip()] if args.only else None
    return run(args.params, args.out, only, args.fail_on, args.jobs, args.force)


def _cmd_verify(args: argparse.Namespace) -> int:
    from .errors import AuditError
    from .runner import verify

    try:
        problems = verify(Path(args.folder))
    except AuditError as exc:
        print(f"gdpr-audit: error: {exc}", file=sys.stderr)
        return 2
    for problem in problems:
        print(f"gdpr-audit: MISMATCH {problem}", file=sys.stderr)
    if problems:
        print(
            f"gdpr-audit: {len(problems)} problem(s): {args.folder} does not match its manifest",
            file=sys.stderr,
        )
        return 1
    print(f"{args.folder}: every output matches manifest.json")
    return 0


def _cmd_pdf(args: argparse.Namespace) -> int:
    from .errors import AuditError
    from .runner import print_pdf

    try:
        target = print_pdf(Path(args.folder))
    except AuditError as exc:
        print(f"gdpr-audit: error: {exc}", file=sys.stderr)
        return 2
    print(f"{target}: written (and added to manifest.json)")
    return 0


def _cmd_rules(args: argparse.Namespace) -> int:
    from .rules import catalog

    table = catalog()
    if args.format == "csv":
        table.to_csv(sys.stdout, index=False, lineterminator="\n")
        return 0
    widths = {
        col: max(len(col), table[col].str.len().max())
        for col in ("rule_id", "severity", "reference")
    }
    header = f"{'rule_id':<{widths['rule_id']}}  {'severity':<{widths['severity']}}  {'reference':<{widths['reference']}}  title"
    print(header)
    print("-" * len(header))
    for row in table.itertuples(index=False):
        print(
            f"{row.rule_id:<{widths['rule_id']}}  {row.severity:<{widths['severity']}}  {row.reference:<{widths['reference']}}  {row.title}"
        )
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .errors import AuditError
    from .layouts.importer import import_register, write_csv

    sheet = int(args.sheet) if args.sheet is not None and args.sheet.isdigit() else args.sheet
    try:
        frame, report = import_register(Path(args.file), args.layout, sheet=sheet)
        write_csv(frame, Path(args.out), force=args.force)
    except AuditError as exc:
        print(f"gdpr-audit: error: {exc}", file=sys.stderr)
        return 2
    for line in report:
        print(f"gdpr-audit: {line}", file=sys.stderr)
    print(f"{args.out}: {len(frame)} activities written with the canonical columns")
    return 0


def _cmd_sample(args: argparse.Namespace) -> int:
    from .sample import write

    out = Path(args.out)
    write(
        out,
        seed=args.seed,
        scale=args.scale,
        file_format=args.format,
        period=args.period,
        with_plan=True,
    )
    print(
        f"sample organisation ({args.scale}, seed {args.seed}) written to {out}/ with params.yaml and expected_findings.csv"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gdpr-audit",
        description="Audit an organisation's GDPR registers with parameterised Jupyter notebooks.",
    )
    parser.add_argument("--version", action="version", version=f"gdpr-audit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="run the audits of one period and render the reports")
    p.add_argument("--params", required=True, help="the period's parameters file (YAML)")
    p.add_argument("--out", help="output folder (default: reports/<period>)")
    p.add_argument("--only", help="comma-separated audits to run (default: all of them)")
    p.add_argument(
        "--fail-on",
        choices=["critical", "high", "medium", "low", "info"],
        help="exit 1 when a finding of this severity or worse exists",
    )
    p.add_argument(
        "--jobs", type=int, default=None, help="audits run in parallel (default: number of cores)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing output folder")
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser(
        "verify", help="check every output of a report folder against its manifest.json"
    )
    p.add_argument("folder")
    p.set_defaults(func=_cmd_verify)

    p = sub.add_parser(
        "pdf", help="print a report folder's summary.html to summary.pdf (headless Chromium)"
    )
    p.add_argument("folder")
    p.set_defaults(func=_cmd_pdf)

    p = sub.add_parser("rules", help="print the rule catalog")
    p.add_argument("--format", choices=["table", "csv"], default="table")
    p.set_defaults(func=_cmd_rules)

    p = sub.add_parser(
        "import",
        help="read a processing register kept in the ICO or CNIL template and write it as the "
        "canonical register (CSV)",
    )
    p.add_argument("--layout", choices=["ico", "cnil"], required=True)
    p.add_argument("file", help="the template workbook (XLSX or ODS)")
    p.add_argument("--out", required=True, help="the canonical register to write (CSV)")
    p.add_argument("--sheet", help="the sheet to read (name or 0-based index; ICO layout)")
    p.add_argument("--force", action="store_true", help="replace an existing output file")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser(
        "sample-data", help="write the deterministic sample organisation's registers"
    )
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument(
        "--scale",
        choices=["small", "large", "xlarge"],
        default="small",
        help="small (50k events), large (5M events, 2M records) or xlarge (20M events, 8M "
        "records: written chunk by chunk; as Parquet, for engine: dask)",
    )
    p.add_argument(
        "--format",
        choices=["csv", "parquet"],
        default="csv",
        help="parquet: one file per register (xlarge: a folder of files for the two big ones)",
    )
    p.add_argument(
        "--period",
        choices=["2026-Q3", "2026-Q2"],
        default="2026-Q3",
        help="the sample's quarter (2026-Q2 is the period before, for trends)",
    )
    p.set_defaults(func=_cmd_sample)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("gdpr-audit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
