"""The management summary: a scorecard per audit, headline KPIs, the trend, the top findings.

Read by `notebooks/summary.ipynb` (run last by the runner) and by the runner for findings.xlsx.
The colour of each audit follows one stated rule (RATING_RULE), so a manager can check it.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .action_plan import acceptance_text, read_plan, valid_acceptances
from .audits import AUDITS, ORDER
from .findings import FINDING_COLUMNS, SEVERITIES, SEVERITY_RANK
from .params import Params, load_params
from .rules import RULES

#: share of records checked above which high-severity findings make an audit red
RED_HIGH_SHARE = 0.05
RATING_RULE = (
    "Red: at least one critical finding, or high-severity findings on more than "
    f"{RED_HIGH_SHARE:.0%} of the records checked. Amber: any other high or medium finding. "
    "Green: only low or informational findings, or none. Grey: the audit did not run or could not "
    "read its inputs, so nothing is known."
)
STATUS_TEXT = {
    "ok": "run",
    "input_error": "input error",
    "failed": "failed",
    "not run": "not run",
}


def rating(
    status: str, by_severity: dict[str, int], records_checked: int, high_records: int
) -> tuple[str, str]:
    """(colour, reason) of one audit under RATING_RULE."""
    if status != "ok":
        return "grey", f"not assessed ({STATUS_TEXT.get(status, status)})"
    if by_severity.get("critical", 0):
        return "red", f"{by_severity['critical']} critical finding(s)"
    share = high_records / records_checked if records_checked else (1.0 if high_records else 0.0)
    if high_records and share > RED_HIGH_SHARE:
        return "red", f"high-severity findings on {share:.0%} of records (> {RED_HIGH_SHARE:.0%})"
    if by_severity.get("high", 0) or by_severity.get("medium", 0):
        parts = []
        if by_severity.get("high", 0):
            parts.append(f"{by_severity['high']} high ({share:.1%} of records)")
        if by_severity.get("medium", 0):
            parts.append(f"{by_severity['medium']} medium")
        return "amber", ", ".join(parts) + " finding(s)"
    return "green", "no high or medium finding"


@dataclass
class PeriodResults:
    """What the audits of one period produced (read from the runner's results folder)."""

    params: Params | None
    results: dict[str, dict] = field(default_factory=dict)
    findings: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=FINDING_COLUMNS))
    resolved: pd.DataFrame | None = None

    @classmethod
    def load(cls, params_path: str | Path, report_dir: str | Path) -> PeriodResults:
        """Read `audit_results.json`, `findings.csv` and `resolved.csv` from a (partial) report folder."""
        params = load_params(params_path)
        folder = Path(report_dir)
        results: dict[str, dict] = {}
        findings = pd.DataFrame(columns=FINDING_COLUMNS)
        resolved = None
        if (folder / "audit_results.json").exists():
            results = json.loads((folder / "audit_results.json").read_text(encoding="utf-8"))
        if (folder / "findings.csv").exists():
            findings = pd.read_csv(folder / "findings.csv", dtype=str, keep_default_na=False)
        if (folder / "resolved.csv").exists():
            resolved = pd.read_csv(folder / "resolved.csv", dtype=str, keep_default_na=False)
        return cls(params, results, findings, resolved)

    # ------------------------------------------------------------------ scorecard
    @functools.cached_property
    def plan(self) -> pd.DataFrame | None:
        """Last period's action plan (`actions:`), typed; None without one."""
        return read_plan(self.params) if self.params is not None else None

    @functools.cached_property
    def acceptances(self) -> pd.DataFrame:
        """Valid acceptances (accepted, by someone, until the audit date or later), by finding_id."""
        if self.params is None:
            return valid_acceptances(None, pd.Timestamp(0))
        return valid_acceptances(self.plan, self.params.audit_date)

    def scorecard(self) -> pd.DataFrame:
        """One row per audit: status, records checked, findings by severity, the accepted
        findings, and the colour under RATING_RULE -- computed without the findings whose risk
        management accepted (validly): the scorecard says how many it left out."""
        rows = []
        accepted_ids = set(self.acceptances.index)
        for name in ORDER:
            spec = AUDITS.get(name)
            result = self.results.get(name, {"status": "not run"})
            status = result.get("status", "not run")
            part = (
                self.findings[self.findings["audit"] == name]
                if len(self.findings)
                else self.findings
            )
            by_sev = {
                sev: int((part["severity"] == sev).sum()) if len(part) else 0 for sev in SEVERITIES
            }
            accepted = part["finding_id"].isin(accepted_ids) if len(part) else None
            rated = part[~accepted] if accepted is not None else part
            rated_sev = {
                sev: int((rated["severity"] == sev).sum()) if len(rated) else 0
                for sev in SEVERITIES
            }
            records = int(result.get("records_checked", 0) or 0)
            high_records = (
                rated.loc[rated["severity"].isin(["critical", "high"]), "record_key"].nunique()
                if len(rated)
                else 0
            )
            colour, reason = rating(status, rated_sev, records, high_records)
            left_out = int(accepted.sum()) if accepted is not None else 0
            if left_out and status == "ok":
                reason += f"; {left_out} accepted finding(s) left out of the colour"
            failed = sorted(result.get("rules_failed", {}))
            shown_status = STATUS_TEXT.get(status, status)
            if failed and status == "ok":
                # the colour reflects only the rules that ran: say that the audit is incomplete
                shown_status = "incomplete"
                reason += f"; {', '.join(failed)} could not be evaluated (findings incomplete)"
            rows.append(
                {
                    "audit": name,
                    "title": spec.title if spec else name,
                    "status": shown_status,
                    "records checked": records if status == "ok" else None,
                    **by_sev,
                    "accepted": left_out,
                    "rating": colour,
                    "why": reason,
                }
            )
        return pd.DataFrame(rows)

    def headline_kpis(self) -> list[dict]:
        """The KPIs each audit marked with a `key`, labelled with the audit they come from."""
        out = []
        for name in ORDER:
            result = self.results.get(name)
            if not result or result.get("status") != "ok":
                continue
            title = AUDITS[name].title if name in AUDITS else name
            keyed = [k for k in result.get("kpis", []) if k.get("key")] or result.get("kpis", [])[
                :2
            ]
            for kpi in keyed[:3]:
                out.append(
                    {**kpi, "note": (kpi.get("note") + " - " if kpi.get("note") else "") + title}
                )
        return out

    # ------------------------------------------------------------------ trend
    @property
    def has_previous(self) -> bool:
        return (
            self.params is not None
            and self.params.previous is not None
            and self.resolved is not None
        )

    def trend(self) -> pd.DataFrame:
        rows = []
        for name in ORDER:
            part = (
                self.findings[self.findings["audit"] == name]
                if len(self.findings)
                else self.findings
            )
            res = (
                self.resolved[self.resolved["audit"] == name]
                if self.resolved is not None and len(self.resolved)
                else None
            )
            rows.append(
                {
                    "audit": AUDITS[name].title if name in AUDITS else name,
                    "new": int((part["status"] == "new").sum()) if len(part) else 0,
                    "persisting": int((part["status"] == "persisting").sum()) if len(part) else 0,
                    "resolved": int(len(res)) if res is not None else 0,
                }
            )
        return pd.DataFrame(rows)

    # ------------------------------------------------------------------ plain language
    def plain(self, findings: pd.DataFrame) -> pd.DataFrame:
        """Findings as a manager reads them: what is wrong, where, what to do, and what
        management answered (owner, status, due date; or "accepted by X until Y")."""
        if findings.empty:
            return pd.DataFrame(
                columns=[
                    "severity",
                    "area",
                    "what is wrong",
                    "where",
                    "details",
                    "what to do",
                    "management's answer",
                ]
            )
        rules = findings["rule_id"].map(lambda r: RULES[r] if r in RULES else None)
        return pd.DataFrame(
            {
                "severity": findings["severity"].to_numpy(),
                "area": findings["audit"]
                .map(lambda a: AUDITS[a].title if a in AUDITS else a)
                .to_numpy(),
                "what is wrong": rules.map(lambda r: r.title if r else "").to_numpy(),
                "where": findings["record_key"].to_numpy(),
                "details": findings["message"].to_numpy(),
                "what to do": rules.map(lambda r: r.remediation if r else "").to_numpy(),
                "management's answer": self.answers(findings).to_numpy(),
            }
        )

    def answers(self, findings: pd.DataFrame) -> pd.Series:
        """What the action plan says of each finding: "accepted by X until Y" for a valid
        acceptance, else its status, owner and due date (empty without a row)."""
        accepted = self.acceptances
        out = []
        for finding_id, owner, due, status in zip(
            findings["finding_id"],
            findings.get("owner", pd.Series("", index=findings.index)).fillna(""),
            findings.get("due_date", pd.Series("", index=findings.index)).fillna(""),
            findings.get("action_status", pd.Series("", index=findings.index)).fillna(""),
            strict=True,
        ):
            if finding_id in accepted.index:
                row = accepted.loc[finding_id]
                out.append(acceptance_text(row["accepted_by"], row["accepted_until"]))
                continue
            parts = [status.replace("_", " ") if status else "", owner, f"due {due}" if due else ""]
            out.append(", ".join(p for p in parts if p))
        return pd.Series(out, index=findings.index, dtype="str")

    def top_findings(self, n: int = 10) -> pd.DataFrame:
        if self.findings.empty:
            return self.plain(self.findings)
        order = self.findings.assign(
            _sev=self.findings["severity"].map(SEVERITY_RANK),
            _audit=self.findings["audit"].map({a: i for i, a in enumerate(ORDER)}),
        ).sort_values(["_sev", "_audit", "rule_id", "record_key"], kind="mergesort")
        # one per rule first, so that ten different problems are shown rather than ten of the same
        # kind; at equal severity the audits take turns (each audit's first rule, then each one's
        # second, ...), so that the audits late in the order are not crowded out by the first
        first = order.drop_duplicates("rule_id")
        turn = first.groupby(["_sev", "_audit"], sort=False).cumcount()
        first = first.assign(_turn=turn).sort_values(
            ["_sev", "_turn", "_audit", "rule_id"], kind="mergesort"
        )
        rest = order.drop(first.index)
        chosen = (
            pd.concat([first, rest])
            .head(n)
            .sort_values(["_sev", "_audit", "rule_id", "record_key"], kind="mergesort")
        )
        return self.plain(chosen)


class SummarySession:
    """What the summary notebook calls: one `show_*` per section of the one-page summary."""

    def __init__(self, period: PeriodResults | None, error: str | None = None) -> None:
        self.period = period
        self.error = error

    @classmethod
    def open(cls, params_path: str | Path, report_dir: str | Path) -> SummarySession:
        from .errors import AuditError
        from .report import display

        display.apply_style()
        try:
            period = PeriodResults.load(params_path, report_dir)
        except AuditError as exc:
            return cls(None, str(exc))
        if not period.results:
            return cls(period, f"No audit results in {report_dir}: run `gdpr-audit run` first.")
        return cls(period)

    def show_header(self) -> None:
        from .report import display

        display.init_offline()
        p = self.period.params if self.period else None
        display.show_header(
            "Management summary",
            p.organisation if p else "",
            p.period if p else "",
            p.audit_date.date().isoformat() if p else "",
            "The GDPR audit of the period on one page: how each area scores, the figures that matter, "
            "what changed since the last period and the ten most serious problems, in plain words.",
        )
        if self.error:
            display.show_message("error", self.error)

    def show_scorecard(self) -> None:
        from .report import display

        if self.error:
            return
        card = self.period.scorecard()
        status = {"red": "bad", "amber": "warn", "green": "good"}
        display.show_kpis(
            [
                {
                    "label": row.title,
                    "value": row.rating.upper(),
                    "note": row.why,
                    "status": status.get(row.rating),
                }
                for row in card.itertuples()
            ]
        )
        display.show_markdown(f"*How the colour is set.* {RATING_RULE}")
        table = card.drop(columns=["audit"]).rename(columns={"title": "audit"})
        table["records checked"] = table["records checked"].map(
            lambda v: "" if pd.isna(v) else f"{int(v):,}"
        )
        display.show_table(table, table_id="summary-scorecard", interactive=False)

    def show_kpis(self) -> None:
        from .report import display

        if self.error:
            return
        kpis = self.period.headline_kpis()
        if kpis:
            display.show_kpis(kpis)
        else:
            display.show_message("info", "No audit produced key figures this period.")

    def show_trend(self) -> None:
        from .report import display

        if self.error:
            return
        if not self.period.has_previous:
            display.show_message(
                "info",
                "No previous period was given (`previous:` in the parameters file): every finding is counted as new.",
            )
            return
        trend = self.period.trend()
        display.show_table(trend, table_id="summary-trend", interactive=False)
        display.show_figure(
            self._trend_chart(trend),
            alt="Bar chart of new, persisting and resolved findings per audit",
        )
        findings = self.period.findings
        new = findings[findings["status"] == "new"]
        resolved = self.period.resolved
        display.show_markdown("### New this period")
        display.show_table(
            self.period.plain(new), table_id="summary-new", interactive=True, max_rows=50
        )
        display.show_markdown("### Resolved since the previous period")
        display.show_table(
            self.period.plain(resolved), table_id="summary-resolved", interactive=True, max_rows=50
        )

    def show_followup(self) -> None:
        """What management promised last period and what came of it (the follow-up audit):
        actions open, overdue, done and verified, done but not effective, accepted, unanswered
        high findings; a chart; the overdue actions with their owners; the accepted risks."""
        from .audits.followup import follow_up_figures, overdue_actions
        from .charts import PALETTE, hbar
        from .report import display

        if self.error:
            return
        period = self.period
        result = period.results.get("followup", {"status": "not run"})
        if period.plan is None or result.get("status") != "ok":
            display.show_message(
                "info",
                "No action plan was followed up this period: name last period's filled "
                "action_plan.xlsx under actions: in the parameters file."
                if period.params is None or period.params.actions is None
                else "The action plan could not be followed up: see the follow-up report.",
            )
            return
        figures = follow_up_figures(period.plan, period.findings, period.params.audit_date)
        bad = ("overdue (FUP-001)", "done but not effective (FUP-002)")
        display.show_kpis(
            [
                {
                    "label": label[0].upper() + label[1:],
                    "value": f"{value:,}",
                    **({"status": "bad" if value else "good"} if label in bad else {}),
                }
                for label, value in figures.items()
            ]
        )
        shown = pd.Series({k: v for k, v in figures.items() if k != "plan rows"})
        colours = [
            PALETTE[3] if "FUP" in k else PALETTE[2] if k == "done and verified" else PALETTE[0]
            for k in shown.index
        ]
        display.show_figure(
            hbar(shown, "plan rows and findings", color=colours, sort=False),
            alt="Horizontal bar chart of the action plan followed up: actions open, overdue, "
            "done and verified, done but not effective, accepted, unanswered high findings",
        )
        overdue = overdue_actions(period.plan, period.findings)
        display.show_markdown("### Overdue actions")
        if overdue.empty:
            display.show_message("success", "No action is overdue.")
        else:
            display.show_table(overdue, table_id="summary-overdue", interactive=False, max_rows=50)
        accepted = period.acceptances
        if len(accepted):
            display.show_markdown(
                "### Risks accepted\n\nThese findings stay in every list; they do not set their "
                "area's colour until their acceptance ends."
            )
            findings = period.findings.set_index("finding_id")
            table = pd.DataFrame(
                {
                    "finding": accepted.index,
                    "area": [
                        AUDITS[a].title if a in AUDITS else a
                        for a in findings["audit"].reindex(accepted.index).fillna("")
                    ],
                    "rule": findings["rule_id"].reindex(accepted.index).fillna("").to_numpy(),
                    "where": findings["record_key"].reindex(accepted.index).fillna("").to_numpy(),
                    "accepted": [
                        acceptance_text(b, u)
                        for b, u in zip(
                            accepted["accepted_by"], accepted["accepted_until"], strict=True
                        )
                    ],
                }
            )
            display.show_table(table, table_id="summary-accepted", interactive=False, max_rows=50)

    def show_top_findings(self) -> None:
        from .report import display

        if self.error:
            return
        top = self.period.top_findings(10)
        if top.empty:
            display.show_message("success", "No findings this period.")
            return
        display.show_table(top, table_id="summary-top", interactive=False)
        display.show_markdown(
            "Every finding is listed in findings.xlsx (one sheet per area) and in each area's report."
        )

    def show_charts(self) -> None:
        from .charts import SEVERITY_COLOURS, stacked_bars
        from .report import display

        if self.error:
            return
        card = self.period.scorecard().set_index("title")
        table = card[list(SEVERITIES)]
        display.show_figure(
            stacked_bars(table, "findings", colours=SEVERITY_COLOURS, horizontal=True),
            alt="Stacked bar chart of the findings of each audit by severity",
        )

    @staticmethod
    def _trend_chart(trend: pd.DataFrame):
        from .charts import PALETTE, stacked_bars

        table = trend.set_index("audit")[["new", "persisting", "resolved"]]
        colours = {"new": PALETTE[3], "persisting": PALETTE[1], "resolved": PALETTE[2]}
        return stacked_bars(table, "findings", colours=colours, horizontal=True)
