"""The follow-up of the action plan (issue 16): FUP-001..006 on violating, compliant and boundary
rows; action_plan.xlsx written, filled in as a person would (openpyxl, and an ODS as LibreOffice
saves it), read back; plans with rows deleted, repeated or for unknown findings; the sample's
follow-up end to end."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from audit_lib.action_plan import carried_answers, plan_values, read_plan, valid_acceptances
from audit_lib.audits.followup import follow_up_figures, overdue_actions
from audit_lib.context import AuditContext
from audit_lib.export_xlsx import write_action_plan
from audit_lib.findings import FINDING_COLUMNS, SEVERITIES, finding_id
from audit_lib.params import Params, load_params
from audit_lib.rules import RULES, run_rules
from audit_lib.runner import run
from audit_lib.schemas import check_register

from .conftest import ROOT
from .strategies import POOLS, register_rows

AUDIT_DATE = pd.Timestamp("2026-09-30")
DAY = AUDIT_DATE.date()


def finding(key: str, severity: str = "high", status: str = "persisting", rule: str = "ROPA-001"):
    return {
        "finding_id": finding_id("ropa", rule, key),
        "audit": "ropa",
        "rule_id": rule,
        "severity": severity,
        "record_key": key,
        "message": f"a problem on {key}",
        "reference": "Art. 30",
        "status": status,
        "owner": "",
        "due_date": "",
        "action_status": "",
    }


def frame(rows: list[dict], columns=FINDING_COLUMNS) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns).astype("str")


def ctx_for(plan: list[dict], current: list[dict], previous: list[dict] | None = None):
    params = Params(
        path=Path("/nonexistent/params.yaml"),
        organisation="Org",
        period="T",
        audit_date=AUDIT_DATE,
    )
    typed, _ = check_register(pd.DataFrame(plan).fillna("").astype("str"), "actions")
    frames = {"actions": typed, "findings": frame(current)}
    if previous is not None:
        frames["previous_findings"] = frame(previous)
    return AuditContext(audit="followup", params=params, frames=frames)


def row(key: str, **answer) -> dict:
    return {"finding_id": finding_id("ropa", "ROPA-001", key), **answer}


def fired(rule_id: str, ctx) -> list[tuple[str, str]]:
    result = RULES[rule_id].func(ctx)
    severity = (
        result["severity"] if "severity" in result else [RULES[rule_id].severity] * len(result)
    )
    return sorted(zip(result["record_key"], severity, strict=True))


def fid(key: str) -> str:
    return finding_id("ropa", "ROPA-001", key)


# --------------------------------------------------------------------------- FUP-001
def test_fup_001_overdue_action_and_the_finding_still_occurs():
    ctx = ctx_for(
        [
            row("high", owner="A", due_date="2026-09-29", action_status="open"),
            row("medium", owner="A", due_date="2026-01-01", action_status="in_progress"),
            row("blank-status", owner="A", due_date="2026-09-01", action_status=""),
            row("on-the-day", owner="A", due_date="2026-09-30", action_status="open"),
            row("gone", owner="A", due_date="2026-01-01", action_status="open"),
            row("done", owner="A", due_date="2026-01-01", action_status="done"),
            row("no-date", owner="A", action_status="open"),
        ],
        [
            finding("high"),
            finding("medium", "medium"),
            finding("blank-status", "low"),
            finding("on-the-day"),
            finding("done"),
            finding("no-date"),
        ],
    )
    assert fired("FUP-001", ctx) == sorted(
        [(fid("high"), "high"), (fid("medium"), "medium"), (fid("blank-status"), "medium")]
    )
    message = RULES["FUP-001"].func(ctx).set_index("record_key")["message"][fid("medium")]
    assert message == (
        "action in progress by A, due 2026-01-01: the finding still occurs (ROPA-001 on medium)"
    )


# --------------------------------------------------------------------------- FUP-002
def test_fup_002_done_but_the_finding_still_occurs():
    ctx = ctx_for(
        [
            row("still", owner="A", action_status="done"),
            row("verified", owner="A", action_status="done"),
            row("open", owner="A", action_status="open"),
        ],
        [finding("still"), finding("open")],
    )
    assert fired("FUP-002", ctx) == [(fid("still"), "high")]


# --------------------------------------------------------------------------- FUP-003, FUP-004
def test_fup_003_acceptance_expired_and_004_undocumented():
    ctx = ctx_for(
        [
            row(
                "expired", action_status="accepted", accepted_by="CFO", accepted_until="2026-09-29"
            ),
            row(
                "on-the-day",
                action_status="accepted",
                accepted_by="CEO",
                accepted_until="2026-09-30",
            ),
            row(
                "expired-gone",
                action_status="accepted",
                accepted_by="CFO",
                accepted_until="2025-01-01",
            ),
            row("nobody", action_status="accepted", accepted_until="2027-01-01"),
            row("forever", action_status="accepted", accepted_by="CTO"),
        ],
        [finding("expired"), finding("on-the-day"), finding("nobody"), finding("forever")],
    )
    assert fired("FUP-003", ctx) == [(fid("expired"), "medium")]
    assert fired("FUP-004", ctx) == sorted([(fid("nobody"), "medium"), (fid("forever"), "medium")])
    messages = RULES["FUP-004"].func(ctx).set_index("record_key")["message"]
    assert messages[fid("nobody")] == "risk accepted with accepted_by empty"
    assert messages[fid("forever")] == "risk accepted with accepted_until empty"
    # the acceptance ending on the audit date is still valid: left out of the colour
    valid = valid_acceptances(ctx.frames["actions"], AUDIT_DATE)
    assert list(valid.index) == [fid("on-the-day")]


# --------------------------------------------------------------------------- FUP-005
def test_fup_005_persisting_high_finding_without_an_owner():
    ctx = ctx_for(
        [row("no-owner", action_status="open"), row("owned", owner="A", action_status="open")],
        [
            finding("no-owner"),
            finding("owned"),
            finding("no-row", "critical"),
            finding("new-high", status="new"),
            finding("medium-persisting", "medium"),
        ],
        previous=[],
    )
    assert fired("FUP-005", ctx) == sorted([(fid("no-owner"), "medium"), (fid("no-row"), "medium")])
    messages = RULES["FUP-005"].func(ctx).set_index("record_key")["message"]
    assert messages[fid("no-row")].endswith("it has no row in the action plan")
    assert messages[fid("no-owner")].endswith("its row in the action plan names no owner")


def test_fup_005_and_006_need_the_previous_period():
    ctx = ctx_for([row("x", owner="A")], [finding("x")])
    outcome = run_rules("followup", ctx)
    assert set(outcome.not_evaluated) == {"FUP-005", "FUP-006"}
    assert "previous_findings" in outcome.not_evaluated["FUP-005"]


# --------------------------------------------------------------------------- FUP-006
def test_fup_006_a_row_for_a_finding_in_neither_period():
    ctx = ctx_for(
        [
            {"finding_id": "0123456789abcdef", "owner": "A"},
            row("current", owner="A"),
            row("resolved", owner="A", action_status="done"),
        ],
        [finding("current")],
        previous=[finding("resolved"), finding("current")],
    )
    assert fired("FUP-006", ctx) == [("0123456789abcdef", "low")]


# --------------------------------------------------------------------------- the plan file
def period_findings() -> pd.DataFrame:
    return frame([finding("PA-1"), finding("PA-2", "medium"), finding("PA-3", "low", status="new")])


def test_action_plan_round_trip_filled_in_as_a_person_would(tmp_path):
    findings = period_findings()
    path = tmp_path / "action_plan.xlsx"
    write_action_plan(findings, carried_answers(findings, None), path)
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["action plan", "lists", "instructions"]
    sheet = workbook["action plan"]
    headers = [c.value for c in sheet[1]]
    assert headers == [
        "finding_id",
        "audit",
        "rule_id",
        "severity",
        "record_key",
        "message",
        "reference",
        "status",
        "owner",
        "response",
        "action",
        "due_date",
        "action_status",
        "accepted_by",
        "accepted_until",
        "updated_at",
    ]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:P4"
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"open,in_progress,done,accepted"' and "M2" in str(
        validation.sqref
    )
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    # a person fills it in
    column = {name: i + 1 for i, name in enumerate(headers)}
    sheet.cell(2, column["owner"], "Jane")
    sheet.cell(2, column["action_status"], "in_progress")
    sheet.cell(2, column["due_date"], dt.date(2026, 12, 31)).number_format = "dd/mm/yyyy"
    sheet.cell(3, column["action_status"], "accepted")
    sheet.cell(3, column["accepted_by"], "CFO")
    sheet.cell(3, column["accepted_until"], dt.datetime(2027, 3, 31))
    workbook.save(path)
    params = Params(
        path=tmp_path / "params.yaml",
        organisation="O",
        period="P",
        audit_date=AUDIT_DATE,
        actions=path,
    )
    plan = read_plan(params)
    assert plan["owner"].tolist()[:1] == ["Jane"]
    by_id = plan.set_index("finding_id")
    assert by_id.loc[fid("PA-1"), "due_date"] == pd.Timestamp("2026-12-31")
    assert by_id.loc[fid("PA-2"), "accepted_until"] == pd.Timestamp("2027-03-31")
    values = plan_values(findings, plan)
    assert values.iloc[0].tolist() == ["Jane", "2026-12-31", "in_progress"]
    assert values.iloc[2].tolist() == ["", "", "open"]  # a blank row: an answer not yet given
    # next period's plan carries the answers over; a new finding starts blank
    later = frame([finding("PA-1"), finding("PA-9", status="new")])
    answers = carried_answers(later, plan)
    assert answers.loc[0, "owner"] == "Jane" and answers.loc[0, "due_date"] == dt.date(2026, 12, 31)
    assert answers.loc[1].isna().all()


def test_the_plan_is_byte_identical_for_identical_inputs(tmp_path):
    findings = period_findings()
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    write_action_plan(findings, carried_answers(findings, None), first)
    write_action_plan(findings, carried_answers(findings, None), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_formula_in_an_input_is_written_as_text(tmp_path):
    findings = frame([finding('=HYPERLINK("http://x")')])
    path = tmp_path / "plan.xlsx"
    write_action_plan(findings, carried_answers(findings, None), path)
    cell = load_workbook(path)["action plan"]["E2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def ods_plan(path: Path, rows: list[list[str]]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="action plan")
    for values in rows:
        table_row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=value))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def test_a_plan_edited_in_libreoffice_as_ods_with_bad_rows(tmp_path):
    """Rows deleted (fine), a finding answered twice (DQ-003), an unknown status (DQ-002), a bad
    date (DQ-001), a row for a finding that does not exist (FUP-006)."""
    header = ["finding_id", "owner", "due_date", "action_status", "accepted_by", "accepted_until"]
    path = ods_plan(
        tmp_path / "plan.ods",
        [
            header,
            [fid("PA-1"), "Jane", "2026-09-01", "open", "", ""],
            [fid("PA-1"), "John", "2026-12-01", "open", "", ""],
            [fid("PA-2"), "Ops", "not a date", "sort of done", "", ""],
            ["ffffffffffffffff", "Legal", "", "open", "", ""],
        ],
    )
    from audit_lib.context import load_inputs

    params = Params(
        path=tmp_path / "params.yaml",
        organisation="O",
        period="P",
        audit_date=AUDIT_DATE,
        actions=path,
        inputs={"actions": path},
        inputs_as_written={"actions": "plan.ods"},
    )
    ctx = load_inputs("followup", params, ("actions",))
    assert ctx.errors == []
    dq = ctx.dq["actions"]
    assert sorted(zip(dq["rule_id"], dq["record_key"], strict=True)) == sorted(
        [("DQ-003", "row 2"), ("DQ-003", "row 3"), ("DQ-001", fid("PA-2")), ("DQ-002", fid("PA-2"))]
    )
    assert "plan.ods row 4, column 'action_status'" in " ".join(dq["message"])
    ctx.frames["findings"] = period_findings()
    ctx.frames["previous_findings"] = period_findings()
    # the repeated finding is judged once, on its first row (due 2026-09-01: overdue)
    assert fired("FUP-001", ctx) == [(fid("PA-1"), "high")]
    assert fired("FUP-006", ctx) == [("ffffffffffffffff", "low")]


def test_follow_up_figures_and_overdue_actions():
    plan_rows = [
        row("late", owner="Jane", due_date="2026-01-01", action_status="open", action="Fix"),
        row("verified", owner="A", action_status="done"),
        row("accepted", action_status="accepted", accepted_by="CEO", accepted_until="2026-12-31"),
    ]
    ctx = ctx_for(plan_rows, [finding("late"), finding("accepted")])
    outcome = run_rules("followup", ctx)
    findings = pd.concat([ctx.frames["findings"], outcome.findings], ignore_index=True)
    figures = follow_up_figures(ctx.frames["actions"], findings, AUDIT_DATE)
    assert figures == {
        "plan rows": 3,
        "actions open": 1,
        "overdue (FUP-001)": 1,
        "done and verified": 1,
        "done but not effective (FUP-002)": 0,
        "risks accepted": 1,
        "unanswered high findings (FUP-005)": 0,
    }
    table = overdue_actions(ctx.frames["actions"], findings)
    assert table[["finding", "owner", "due date", "action"]].values.tolist() == [
        [fid("late"), "Jane", "2026-01-01", "Fix"]
    ]


# --------------------------------------------------------------------------- totality
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    plan=register_rows("actions"),
    current=st.lists(
        st.tuples(
            st.sampled_from(POOLS["finding_id"][:3]),
            st.sampled_from(SEVERITIES),
            st.sampled_from(("new", "persisting")),
        ),
        max_size=6,
    ),
    previous=st.one_of(st.none(), st.lists(st.sampled_from(POOLS["finding_id"][:3]), max_size=3)),
)
def test_every_fup_rule_is_total(plan, current, previous):
    """The follow-up's rules on any plan its schema accepts, against any period's findings."""
    findings = [
        finding(f"K{i}", severity, status) | {"finding_id": fid_}
        for i, (fid_, severity, status) in enumerate(current)
    ]
    typed, _ = check_register(plan.copy(), "actions")
    params = Params(
        path=Path("/nonexistent/params.yaml"), organisation="O", period="P", audit_date=AUDIT_DATE
    )
    frames = {"actions": typed, "findings": frame(findings)}
    if previous is not None:
        frames["previous_findings"] = frame(
            [finding(f"P{i}") | {"finding_id": f} for i, f in enumerate(previous)]
        )
    ctx = AuditContext(audit="followup", params=params, frames=frames)
    outcome = run_rules("followup", ctx)
    assert outcome.failed == {}
    assert outcome.findings["finding_id"].is_unique
    follow_up_figures(typed, frame(findings), AUDIT_DATE)
    overdue_actions(typed, outcome.findings)


# --------------------------------------------------------------------------- end to end
@pytest.mark.e2e
def test_the_sample_follow_up_finds_exactly_the_planted_rules(tmp_path):
    """parameters/sample.yaml names the filled plan of 2026-Q2 and previous: each FUP rule is
    planted once (FUP-001 twice), with the boundaries that give no finding."""
    expected = pd.read_csv(ROOT / "data" / "sample" / "expected_findings.csv", dtype=str)
    expected = expected[expected["audit"] == "followup"]
    findings = pd.read_csv(
        ROOT / "reports" / "sample" / "findings.csv", dtype=str, keep_default_na=False
    )
    got = findings[findings["audit"] == "followup"]
    assert sorted(zip(got["rule_id"], got["record_key"], strict=True)) == sorted(
        zip(expected["rule_id"], expected["record_key"], strict=True)
    )
    assert set(expected["rule_id"]) == {f"FUP-00{n}" for n in range(1, 7)}
    # findings.csv carries the plan's answers; the accepted one still listed
    answered = findings[findings["owner"] != ""]
    assert len(answered) and set(answered["action_status"]) <= {
        "open",
        "in_progress",
        "done",
        "accepted",
    }
    params = load_params(ROOT / "parameters" / "sample.yaml")
    accepted = valid_acceptances(read_plan(params), params.audit_date)
    assert len(accepted) == 1 and accepted.index[0] in set(findings["finding_id"])
    summary = (ROOT / "reports" / "sample" / "summary.html").read_text(encoding="utf-8")
    assert "accepted finding(s) left out of the colour" in summary
    assert "Overdue actions" in summary and "accepted by CEO until 2026-09-30" in summary


@pytest.mark.e2e
def test_a_run_without_previous_evaluates_fup_001_to_004(tmp_path):
    folder = ROOT / "data" / "sample"
    params = tmp_path / "params.yaml"
    params.write_text(
        "organisation: Example Group\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"
        f"actions: {folder / 'action_plan_2026Q2.xlsx'}\n"
        f"inputs:\n  processing_register: {folder / 'processing_register.csv'}\n",
        encoding="utf-8",
    )
    console = io.StringIO()
    code = run(params, tmp_path / "out", only=["ropa", "followup"], stream=console)
    assert code == 0, console.getvalue()
    results = pd.read_json(tmp_path / "out" / "audit_results.json")["followup"]
    assert set(results["rules_not_evaluated"]) == {"FUP-005", "FUP-006"}
    assert "FUP-001" in results["rules_evaluated"]
