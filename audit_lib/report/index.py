"""The period's landing page, `index.html`: what ran, and every report and export of the period."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..audits import AUDITS, ORDER
from ..loaders import sha256_file
from ..params import Params
from .render import render_index

#: the run's own outputs (the audits describe theirs: `AuditSpec.extra_outputs`)
RUN_OUTPUTS = {
    "summary.html": "management summary",
    "findings.csv": "every finding, machine-readable",
    "findings.xlsx": "every finding, one sheet per audit",
    "resolved.csv": "last period's findings that no longer occur",
    "action_plan.xlsx": "the action plan to fill in: owner, action, due date or risk accepted, "
    "for each finding (next period's actions:)",
    "audit_results.json": "status, counts and key figures of each audit, machine-readable",
}


def write_index(work: Path, params: Params, runs: dict[str, Any]) -> None:
    """Write `index.html` into the (partial) output folder `work`: every audit of the registry
    with its status and findings, every report and export with its SHA-256 and a description
    (the audits describe their own extra outputs), and the input errors."""
    status_names = {
        "ok": "run",
        "input_error": "input error",
        "failed": "failed",
        "not run": "not run",
    }
    audits = []
    for name in ORDER:
        spec = AUDITS.get(name)
        title = spec.title if spec else name
        r = runs.get(name)
        if r is None:
            audits.append(
                {
                    "name": name,
                    "title": title,
                    "status": "not run",
                    "report": None,
                    "note": "not implemented yet" if spec is None else "not selected (--only)",
                }
            )
            continue
        entry = {"name": name, "title": title, "status": status_names[r.status]}
        if r.status == "ok":
            entry["findings"] = r.result.get("by_severity", {})
            failed = sorted(r.result.get("rules_failed", {}))
            if failed:
                entry["note"] = f"could not evaluate {', '.join(failed)}: findings incomplete"
        elif r.status == "not run":
            entry["report"] = None
            entry["note"] = r.error or ""
        else:
            entry["note"] = (r.error or "; ".join(r.result.get("errors", [])))[:300]
        audits.append(entry)
    exports = []
    descriptions = dict(RUN_OUTPUTS)
    for r in runs.values():
        extras = r.result.get("extra_outputs", {}) if r.result else {}
        if isinstance(extras, dict):
            descriptions.update(extras)
    for path in sorted(work.iterdir()):
        if (
            path.is_file()
            and path.suffix in (".csv", ".xlsx", ".ipynb")
            or path.name == "summary.html"
        ):
            exports.append(
                {
                    "name": path.name,
                    "sha256": sha256_file(path),
                    "description": descriptions.get(
                        path.name,
                        "executed notebook (audit trail)" if path.suffix == ".ipynb" else "",
                    ),
                }
            )
    errors = [
        {"message": e, "audit": name}
        for name, r in runs.items()
        for e in (r.result.get("errors", []) if r.status == "input_error" else [])
    ]
    context = {
        "organisation": params.organisation,
        "period": params.period,
        "audit_date": params.audit_date.date().isoformat(),
        "audits": audits,
        "exports": exports,
        "input_errors": errors,
        "summary_href": "summary.html" if (work / "summary.html").exists() else None,
    }
    (work / "index.html").write_text(render_index(context), encoding="utf-8")
