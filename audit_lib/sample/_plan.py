"""The sample's filled action plan: management's answers to the 2026-Q2 findings, as the 2026-Q3
period reads them (`actions:`), with every FUP rule planted and its boundaries.

The plan answers findings by `finding_id`, so it is built from the findings the audits really
give: the two quarters are audited in-process (every audit's rules and data-quality checks, no
notebook), and the answers are chosen among them -- deterministically, from the sorted findings.

Planted (record key = the finding answered):
- FUP-001 high: a persisting high finding, open, due ten days before the audit date;
- FUP-001 medium: a persisting medium finding, in progress, due the day before the audit date;
- boundary, no finding: a persisting finding open and due on the audit date;
- FUP-002: a persisting finding marked done;
- done and verified, no finding: a finding of Q2 resolved in Q3, marked done;
- FUP-003: a persisting finding accepted until the day before the audit date;
- boundary, no finding: a persisting finding accepted until the audit date (still valid: left
  out of its audit's colour);
- FUP-004: a persisting finding accepted with no accepted_by;
- FUP-005: a persisting high finding whose row names no owner (every other persisting finding
  has an owner and an action due after the audit date);
- FUP-006: a row for a finding that exists in neither period.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd

from ..action_plan import ANSWER_COLUMNS
from ..findings import AUDIT_FINDING_COLUMNS, apply_status, sort_findings

PLAN_FILE = "action_plan_2026Q2.xlsx"
UNKNOWN_FINDING = "0000000000000000"


def audited(params_path: Path, previous: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every audit's findings for a parameters file, in-process (as `gdpr-audit run` gives them,
    before the follow-up), with their status against `previous`."""
    from ..audits import AUDITS, implemented
    from ..context import load_inputs
    from ..notebook import AuditSession
    from ..params import load_params

    params = load_params(params_path)
    frames = []
    for name in implemented():
        spec = AUDITS[name]
        if spec.after_audits or not params.has_inputs(*spec.registers):
            continue
        ctx = load_inputs(name, params, spec.registers, spec.optional)
        findings = AuditSession(name, params, ctx).run()
        frames.append(findings[AUDIT_FINDING_COLUMNS])
    findings = pd.concat(frames, ignore_index=True)
    findings, _ = apply_status(findings, previous)
    return sort_findings(findings)


def _answer(**values) -> dict:
    return {column: values.get(column) for column in ANSWER_COLUMNS}


def build_plan(
    q2: pd.DataFrame, q3: pd.DataFrame, audit_date: pd.Timestamp
) -> tuple[pd.DataFrame, pd.DataFrame, list[dict]]:
    """(Q2 findings, their answers, the FUP findings expected in Q3)."""
    day = audit_date.date()
    ids_q3 = set(q3["finding_id"])
    persisting = q2[q2["finding_id"].isin(ids_q3) & ~q2["rule_id"].str.startswith("DQ-")]
    resolved = q2[~q2["finding_id"].isin(ids_q3) & ~q2["rule_id"].str.startswith("DQ-")]
    severity = q3.drop_duplicates("finding_id").set_index("finding_id")["severity"]
    high = [i for i in persisting["finding_id"] if severity[i] in ("critical", "high")]
    medium = [i for i in persisting["finding_id"] if severity[i] == "medium"]
    chosen: dict[str, tuple[str, dict]] = {}
    expected: list[dict] = []

    def take(pool: list[str], rule_id: str | None, note: str, **answer) -> None:
        finding = next(i for i in pool if i not in chosen)
        chosen[finding] = (note, _answer(**answer))
        if rule_id:
            expected.append(
                {"audit": "followup", "rule_id": rule_id, "record_key": finding, "note": note}
            )

    someone = {"owner": "Head of Compliance", "response": "Agreed.", "updated_at": day}
    take(
        high,
        "FUP-001",
        "high finding, action open, due ten days before the audit date",
        **someone,
        action="Fix the records",
        action_status="open",
        due_date=day - dt.timedelta(days=10),
    )
    take(
        medium,
        "FUP-001",
        "medium finding, in progress, due the day before the audit date",
        **someone,
        action="Fix the records",
        action_status="in_progress",
        due_date=day - dt.timedelta(days=1),
    )
    others = high + medium + [i for i in persisting["finding_id"] if i not in high + medium]
    take(
        others,
        None,
        "boundary: open, due on the audit date (not overdue)",
        **someone,
        action="Fix the records",
        action_status="open",
        due_date=day,
    )
    take(
        others,
        "FUP-002",
        "marked done, the finding still occurs",
        **someone,
        action="Fixed",
        action_status="done",
        due_date=day - dt.timedelta(days=30),
    )
    take(
        list(resolved["finding_id"]),
        None,
        "done and verified: the finding is gone",
        **someone,
        action="Fixed",
        action_status="done",
        due_date=day - dt.timedelta(days=30),
    )
    take(
        others,
        "FUP-003",
        "acceptance ended the day before the audit date",
        owner="CFO",
        action_status="accepted",
        accepted_by="CFO",
        accepted_until=day - dt.timedelta(days=1),
        updated_at=day,
    )
    take(
        others,
        None,
        "boundary: acceptance ends on the audit date (still valid)",
        owner="CEO",
        action_status="accepted",
        accepted_by="CEO",
        accepted_until=day,
        updated_at=day,
    )
    take(
        others,
        "FUP-004",
        "accepted, accepted_by empty",
        owner="IT",
        action_status="accepted",
        accepted_until=day + dt.timedelta(days=365),
        updated_at=day,
    )
    take(
        high,
        "FUP-005",
        "persisting high finding whose row names no owner",
        action="To be decided",
        action_status="open",
    )
    for finding in persisting["finding_id"]:  # every other persisting finding is answered
        if finding not in chosen:
            chosen[finding] = (
                "answered",
                _answer(
                    **someone,
                    action="Planned",
                    action_status="open",
                    due_date=day + dt.timedelta(days=60),
                ),
            )
    # the plan of Q2 holds every Q2 finding (as action_plan.xlsx writes it); most left blank
    plan = q2.drop_duplicates("finding_id").reset_index(drop=True)
    answers = pd.DataFrame(
        [chosen[i][1] if i in chosen else _answer() for i in plan["finding_id"]], dtype=object
    )
    # and a row for a finding that exists in neither period (FUP-006), added as a person would
    stray = {column: "" for column in plan.columns} | {"finding_id": UNKNOWN_FINDING}
    plan = pd.concat([plan, pd.DataFrame([stray])], ignore_index=True)
    answers = pd.concat(
        [answers, pd.DataFrame([_answer(owner="Legal", action_status="open")])], ignore_index=True
    )
    expected.append(
        {
            "audit": "followup",
            "rule_id": "FUP-006",
            "record_key": UNKNOWN_FINDING,
            "note": "a row for a finding in neither period",
        }
    )
    return plan, answers, expected


def write_plan(out: Path, seed: int, audit_date: pd.Timestamp) -> list[dict]:
    """Write `out/PLAN_FILE` (the filled plan of 2026-Q2) and return the FUP findings expected
    when 2026-Q3 (`out`) is audited with it and `previous` = the 2026-Q2 findings."""
    from ..export_xlsx import write_action_plan
    from . import write as write_period

    with tempfile.TemporaryDirectory(prefix="gdpr-audit-sample-") as temporary:
        before = write_period(Path(temporary) / "q2", seed=seed, period="2026-Q2", with_plan=False)
        q2 = audited(before / "params.yaml")
    q3 = audited(out / "params.yaml", previous=q2)
    findings, answers, expected = build_plan(q2, q3, audit_date)
    write_action_plan(findings, answers, out / PLAN_FILE)
    return expected
