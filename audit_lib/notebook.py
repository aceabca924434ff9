"""What an audit notebook calls: open a session, show each section, save the results.

A notebook stays thin: parameters -> `AuditSession.open(...)` -> one `show_*` call per section ->
`finish()`. A session never raises for bad input: a blocking input error is shown in the report
(and saved for the runner, which exits 2), and the sections that need the data say so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .action_plan import acceptance_text, plan_values, read_plan, valid_acceptances
from .audits import AUDITS, Chart
from .context import AuditContext, load_inputs
from .errors import AuditError
from .findings import AUDIT_FINDING_COLUMNS, SEVERITIES, SEVERITY_RANK, sort_findings
from .params import Params, load_params
from .privacy import Pseudonymiser
from .rules import RULES, rules_for, to_findings

#: interactive findings table: at most this many findings per rule are shown (all are in findings.csv)
TABLE_ROWS_PER_RULE = 200


_SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}


def _describe_format(info) -> str:
    if info.file_format != "csv":
        text = info.file_format.upper()
        if info.layout != "canonical":
            text += f", {info.layout.upper()} template"
        if info.sheet and info.layout != "cnil":
            text += f", sheet '{info.sheet}'"
        return text
    encoding = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "cp1252": "Windows-1252"}.get(
        info.encoding, info.encoding
    )
    return f"CSV, {encoding}, {_SEPARATORS.get(info.separator, info.separator)}"


@dataclass
class AuditSession:
    audit: str
    params: Params | None
    ctx: AuditContext | None
    results_dir: Path | None = None
    findings: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(columns=AUDIT_FINDING_COLUMNS)
    )
    evaluated: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # rule id -> why not evaluated
    failed: dict[str, str] = field(default_factory=dict)  # rules that raised: rule id -> exception
    errors: list[str] = field(default_factory=list)
    ran: bool = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, audit: str, params_path: str | Path, results_dir: str | Path | None = None
    ) -> AuditSession:
        """Load parameters and inputs; validate every register the audit reads."""
        from .report import display

        display.apply_style()
        spec = AUDITS[audit]
        results = Path(results_dir) if results_dir else None
        try:
            params = load_params(params_path)
        except AuditError as exc:
            return cls(audit, None, None, results, errors=[str(exc)])
        ctx = load_inputs(audit, params, spec.registers, spec.optional, Pseudonymiser())
        if spec.prepare is not None and not ctx.errors:
            spec.prepare(ctx, results)
        session = cls(audit, params, ctx, results, errors=[str(e) for e in ctx.errors])
        return session

    @property
    def spec(self):
        return AUDITS[self.audit]

    @property
    def blocked(self) -> bool:
        return bool(self.errors)

    # ------------------------------------------------------------------ running
    def run(self) -> pd.DataFrame:
        """Run the audit's rules; add the data-quality findings of the registers it owns."""
        if self.blocked or self.ran:
            return self.findings
        ctx = self.ctx
        frames = []
        for register in self.spec.primary:
            dq = ctx.dq.get(register)
            if dq is None or dq.empty:
                continue
            if register != self.spec.records:
                # the same row number or id can be at fault in two registers: the register is
                # the detail of the finding, so that finding ids stay unique (rules.md)
                dq = dq.assign(detail=register)
            for rule_id, part in dq.groupby("rule_id", sort=True):
                frames.append(to_findings(self.audit, RULES[rule_id], part))
        # -- engine hook (issue 8): the Dask engine ran most rules in its workers already
        from .engines import run_rules as engine_run_rules

        outcome = engine_run_rules(self.audit, ctx)
        # -- end of engine hook
        self.evaluated, self.skipped, self.failed = (
            outcome.evaluated,
            outcome.not_evaluated,
            outcome.failed,
        )
        frames.append(outcome.findings)
        frames = [f for f in frames if len(f)]
        merged = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(columns=AUDIT_FINDING_COLUMNS)
        )
        self.findings = sort_findings(merged.astype("str"))
        self.ran = True
        return self.findings

    # ------------------------------------------------------------------ sections
    def show_header(self) -> None:
        from .report import display

        spec = self.spec
        if self.params is None:
            display.show_header(spec.title, "", "", "", spec.description)
        else:
            display.show_header(
                spec.title,
                self.params.organisation,
                self.params.period,
                self.params.audit_date.date().isoformat(),
                spec.description,
            )
        display.init_offline()
        if self.blocked:
            display.show_message(
                "error",
                "This audit could not run: an input is unusable. Correct it and run the audit again.",
                self.errors,
            )

    def show_inputs(self) -> None:
        from .report import display

        if self.ctx is None:
            display.show_message("error", "No inputs were read.", self.errors)
            return
        rows = []
        for register in self.spec.registers + self.spec.optional:
            info = self.ctx.sources.get(register)
            if info is None:
                given = self.params.inputs_as_written.get(register)
                rows.append(
                    {
                        "register": register,
                        "file": given or "(not given)",
                        "format": "",
                        "rows": "",
                        "SHA-256": "",
                        "use": "required" if register in self.spec.registers else "optional",
                    }
                )
                continue
            rows.append(
                {
                    "register": register,
                    "file": info.shown_as,
                    "format": _describe_format(info),
                    "rows": f"{info.rows:,}",
                    "SHA-256": info.sha256,
                    "use": "required" if register in self.spec.registers else "optional",
                }
            )
        display.show_table(pd.DataFrame(rows), table_id=f"{self.audit}-inputs", interactive=False)
        if self.ctx.notes:
            display.show_message("warning", "Some optional inputs were left out.", self.ctx.notes)
        if self.ran:
            self.show_rules_evaluated()

    def show_rules_evaluated(self) -> None:
        from .report import display

        if self.failed:
            display.show_message(
                "error",
                "Some rules could not be evaluated: they stopped with an error. Their findings "
                "are missing from this report and from the exports; every other rule's are here. "
                "Please report the error with the rule id.",
                [f"{rule_id}: {reason}" for rule_id, reason in sorted(self.failed.items())],
            )
        missing = {k: v for k, v in self.skipped.items() if k not in self.failed}
        if missing:
            display.show_message(
                "warning",
                "Some rules were not evaluated because an input they need is missing.",
                [f"{rule_id}: {reason}" for rule_id, reason in sorted(missing.items())],
            )

    def show_data_quality(self) -> None:
        from .report import display

        if self.blocked:
            display.show_message(
                "error", "Data quality not assessed: the audit could not read its inputs."
            )
            return
        for register in self.spec.primary:
            info = self.ctx.sources.get(register)
            if info is not None and info.notes:
                absent = any("absent from the register" in note for note in info.notes)
                display.show_message(
                    "warning" if absent else "info",
                    f"How {info.shown_as} was read"
                    + (
                        ": columns the register lacks are judged as empty in every record"
                        if absent
                        else ""
                    ),
                    list(info.notes),
                )
        for register in self.spec.primary:
            frame = self.ctx.frames.get(register)
            readings = frame.attrs.get("readings") if frame is not None else None
            if readings is not None and len(readings):
                display.show_markdown(
                    "Free text understood in {register}: values written as text rather than as "
                    "the data contract's codes, and how they were read (text that could not be "
                    "read stays as written and is judged as such).",
                    register=register,
                )
                display.show_table(
                    readings.frame,
                    table_id=f"{self.audit}-{register}-readings",
                    interactive=False,
                    max_rows=100,
                )
        dq = (
            self.findings[self.findings["rule_id"].str.startswith("DQ-")]
            if len(self.findings)
            else self.findings
        )
        counts = []
        for register in self.spec.primary:
            info = self.ctx.sources.get(register)
            part = self.ctx.dq.get(register)
            counts.append(
                {
                    "register": register,
                    "rows": f"{info.rows:,}" if info else "",
                    "rows with problems": f"{part['record_key'].nunique():,}"
                    if part is not None
                    else "",
                    "findings": f"{len(part):,}" if part is not None else "",
                }
            )
        display.show_table(
            pd.DataFrame(counts), table_id=f"{self.audit}-dq-summary", interactive=False
        )
        if len(dq) == 0:
            display.show_message("success", "Every value matches the data contract (registers.md).")
            return
        by_rule = dq.groupby("rule_id").size()
        display.show_markdown(
            "Values that break the data contract: "
            + "; ".join(
                f"{rule_id} {RULES[rule_id].title.lower()}: {count}"
                for rule_id, count in by_rule.items()
            )
            + ". The rest of the audit ran on the rows as they are."
        )
        display.show_table(
            dq[["rule_id", "record_key", "message"]],
            table_id=f"{self.audit}-dq",
            interactive=False,
            max_rows=50,
        )

    def show_kpis(self) -> None:
        from .report import display

        if self.blocked:
            display.show_message("error", "Not available: the audit could not read its inputs.")
            return
        kpis = self.kpis()
        if kpis:
            display.show_kpis(kpis)

    def kpis(self) -> list[dict]:
        if self.blocked or self.spec.kpis is None:
            return []
        return self.spec.kpis(self.ctx, self.findings)

    def records_checked(self) -> int:
        if self.ctx is None or self.spec.records not in self.ctx.sources:
            return 0
        return self.ctx.sources[self.spec.records].rows

    def rule_summary(self) -> pd.DataFrame:
        """One row per rule of the audit (and each DQ rule that fired): count, severity, reference, remedy."""
        rules = [r for r in rules_for(self.audit)]
        dq_rules = (
            sorted({rid for rid in self.findings["rule_id"] if rid.startswith("DQ-")})
            if len(self.findings)
            else []
        )
        rows = []
        counts = (
            self.findings.groupby("rule_id").size() if len(self.findings) else pd.Series(dtype=int)
        )
        for r in [RULES[d] for d in dq_rules] + rules:
            if r.id in self.failed:
                state = f"could not be evaluated ({self.failed[r.id]})"
            elif r.id in self.skipped:
                state = "not evaluated"
            else:
                n = int(counts.get(r.id, 0))
                state = f"{n:,}" if n else "0 (compliant)"
            severity = r.severity if r.severity != "graded" else (r.severity_note or "graded")
            rows.append(
                {
                    "rule": r.id,
                    "severity": severity,
                    "reference": r.reference,
                    "what is checked": r.title,
                    "findings": state,
                    "what to do": r.remediation,
                }
            )
        return pd.DataFrame(rows)

    def show_findings_by_rule(self) -> None:
        from .report import display

        if self.blocked:
            display.show_message(
                "error", "No rule was evaluated: the audit could not read its inputs."
            )
            return
        summary = self.rule_summary()
        display.show_table(summary, table_id=f"{self.audit}-rules", interactive=False)
        self.show_rules_evaluated()

    def charts(self) -> list[Chart]:
        if self.blocked:
            return []
        charts = [self._severity_chart()]
        if self.spec.charts is not None:
            charts += self.spec.charts(self.ctx, self.findings)
        return charts

    def show_charts(self) -> None:
        from .report import display

        if self.blocked:
            display.show_message("error", "Not available: the audit could not read its inputs.")
            return
        for chart in self.charts():
            display.show_markdown("### {title}", title=chart.title)
            display.show_figure(chart.figure, alt=chart.alt)
            if chart.caption:
                display.show_markdown("{caption}", caption=chart.caption)

    def show_details(self) -> None:
        """Audit-specific tables (e.g. the evidence found in each contract), when the audit has any."""
        from .report import display

        if self.blocked or self.spec.tables is None:
            return
        tables = self.spec.tables(self.ctx, self.findings)
        if not tables:
            return
        display.show_markdown("## Details")
        for table in tables:
            display.show_markdown("### {title}", title=table.title)
            if table.caption:
                display.show_markdown("{caption}", caption=table.caption)
            note = None
            frame = table.frame
            if table.max_rows is not None and len(frame) > table.max_rows:
                note = f"Showing {table.max_rows:,} of {len(frame):,} rows."
                frame = frame.head(table.max_rows)
            display.show_table(
                frame, table_id=table.table_id, interactive=table.interactive, note=note
            )

    def _severity_chart(self) -> Chart:
        from .charts import severity_bar

        counts = (
            self.findings["severity"].value_counts() if len(self.findings) else pd.Series(dtype=int)
        )
        counts = counts.reindex(list(SEVERITIES), fill_value=0)
        return Chart(
            "Findings by severity",
            severity_bar(counts),
            alt="Bar chart of the number of findings by severity",
        )

    def show_findings_table(self) -> None:
        from .report import display

        if self.blocked:
            display.show_message("error", "Not available: the audit could not read its inputs.")
            return
        findings = self.findings
        if len(findings) == 0:
            display.show_message("success", "No findings.")
            return
        shown = findings.groupby("rule_id", sort=False).head(TABLE_ROWS_PER_RULE)
        note = None
        if len(shown) < len(findings):
            note = (
                f"Showing {len(shown):,} of {len(findings):,} findings (at most {TABLE_ROWS_PER_RULE} per rule); "
                "all of them are in findings.csv and findings.xlsx."
            )
        table = shown[
            ["rule_id", "severity", "record_key", "message", "reference", "finding_id"]
        ].copy()
        plan = read_plan(self.params)
        if plan is not None:  # management's answers, from last period's action plan
            answers = plan_values(table, plan)
            accepted = valid_acceptances(plan, self.params.audit_date)
            for finding_id, row in accepted.iterrows():
                hit = table["finding_id"].eq(finding_id).to_numpy()
                answers.loc[hit, "action_status"] = acceptance_text(
                    row["accepted_by"], row["accepted_until"]
                )
            table[list(answers.columns)] = answers
        table["_rank"] = table["severity"].map(SEVERITY_RANK)
        table = table.sort_values(["_rank", "rule_id", "record_key"], kind="mergesort").drop(
            columns="_rank"
        )
        display.show_table(table, table_id=f"{self.audit}-findings", interactive=True, note=note)

    # ------------------------------------------------------------------ saving
    def result(self) -> dict[str, Any]:
        """What the runner and the summary read: status, counts, KPIs, errors."""
        counts = self.findings["severity"].value_counts().to_dict() if len(self.findings) else {}
        return {
            "audit": self.audit,
            "title": self.spec.title,
            "status": "input_error" if self.blocked else "ok",
            "errors": self.errors,
            "records_checked": self.records_checked(),
            "findings": int(len(self.findings)),
            "by_severity": {sev: int(counts.get(sev, 0)) for sev in SEVERITIES},
            "kpis": [{k: v for k, v in kpi.items()} for kpi in self.kpis()],
            "rules_evaluated": self.evaluated,
            "rules_not_evaluated": self.skipped,
            "rules_failed": self.failed,
            "inputs": {
                name: {"file": info.shown_as, "rows": info.rows, "sha256": info.sha256}
                for name, info in (self.ctx.sources.items() if self.ctx else [])
            },
        }

    def finish(self) -> None:
        """Save the findings and the result for the runner (when run by `gdpr-audit run`)."""
        if self.results_dir is None:
            return
        self.results_dir.mkdir(parents=True, exist_ok=True)
        findings = self.findings.reindex(columns=AUDIT_FINDING_COLUMNS)
        findings.to_csv(
            self.results_dir / f"{self.audit}.findings.csv", index=False, lineterminator="\n"
        )
        extra = (
            self.spec.extra_outputs(self.ctx, self.findings, self.results_dir)
            if (self.spec.extra_outputs and not self.blocked)
            else {}
        )
        result = self.result() | {"extra_outputs": dict(sorted(extra.items()))}
        (self.results_dir / f"{self.audit}.json").write_text(
            json.dumps(result, indent=2, sort_keys=True, default=str), encoding="utf-8"
        )
