"""Tests for audit_lib.export_xlsx: formula neutralisation, layout and byte-identical output."""

from __future__ import annotations

import datetime as dt
import re
import types
import zipfile
from pathlib import Path

import openpyxl
import openpyxl.packaging.core
import openpyxl.writer.excel
import pandas as pd
import pytest
from lxml import etree
from openpyxl import load_workbook

from audit_lib.export_xlsx import (
    FINDINGS_COLUMNS,
    LiteralText,
    neutralise,
    write_findings_xlsx,
)
from audit_lib.findings import audit_names

AUDITS = audit_names()
TRIGGERS = ["=1+2", "+33 1 23", "-5", "@SUM(A1)", "\tx", "\rx"]
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def finding(**overrides: str) -> dict[str, str]:
    row = {
        "finding_id": "0123456789abcdef",
        "audit": "ropa",
        "rule_id": "ROPA-001",
        "severity": "high",
        "record_key": "PA-001",
        "message": "Purpose is missing",
        "reference": "Art. 30(1)(b)",
        "status": "new",
    }
    row.update(overrides)
    return row


def frame(*rows: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(FINDINGS_COLUMNS))


def sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/")
        }


def data_rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(min_row=2, values_only=True))


def column(sheet, name: str) -> list:
    header = [cell.value for cell in sheet[1]]
    index = header.index(name)
    return [row[index] for row in data_rows(sheet)]


# --- neutralise -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", TRIGGERS)
def test_neutralise_marks_formula_triggers_keeping_the_text(text: str) -> None:
    result = neutralise(text)
    assert isinstance(result, LiteralText)
    assert result == text
    assert str(result) == text


@pytest.mark.parametrize("value", ["plain", "a=b", "", " =1", 3, 2.5, None])
def test_neutralise_passes_other_values_through(value: object) -> None:
    result = neutralise(value)
    assert result is value or result == value
    assert not isinstance(result, LiteralText)


# --- cells are text, never formulas ---------------------------------------------------------------


@pytest.mark.parametrize("text", TRIGGERS)
def test_formula_trigger_reads_back_as_the_same_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(message=text)), path)

    cell = load_workbook(path)["ropa"]["F2"]
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix is True
    for name, xml in sheet_xml(path).items():
        assert not re.search(r"<(\w+:)?f[\s>/]", xml), name


def test_no_formula_element_in_any_sheet(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    rows = [finding(record_key=f"R{i}", message=text) for i, text in enumerate(TRIGGERS)]
    write_findings_xlsx(frame(*rows), path)

    for name, xml in sheet_xml(path).items():
        root = etree.fromstring(xml.encode("utf-8"))
        assert root.findall(f".//{MAIN_NS}f") == [], name


def test_record_id_formula_arrives_as_text(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(record_key="=1+2", finding_id='=HYPERLINK("x")')), path)

    sheet = load_workbook(path)["ropa"]
    assert sheet["E2"].value == "=1+2"
    assert sheet["E2"].data_type == "s"
    assert sheet["A2"].value == '=HYPERLINK("x")'
    assert sheet["A2"].data_type == "s"


@pytest.mark.parametrize("text", ["#N/A", "00123", "1e5", "2026-09-30", "TRUE"])
def test_text_is_never_inferred_as_number_date_or_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(record_key=text)), path)

    cell = load_workbook(path)["ropa"]["E2"]
    assert cell.value == text
    assert cell.data_type == "s"


def test_markup_is_kept_as_literal_text(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    markup = "<script>alert('x')</script> & <b>bold</b>"
    write_findings_xlsx(frame(finding(message=markup)), path)

    assert load_workbook(path)["ropa"]["F2"].value == markup
    xml = sheet_xml(path)["xl/worksheets/sheet1.xml"]
    assert "&lt;script&gt;" in xml
    assert "<script>" not in xml


def test_illegal_control_characters_are_replaced(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(message="bell\x07here")), path)

    assert load_workbook(path)["ropa"]["F2"].value == "bell\ufffdhere"


def test_missing_values_become_empty_cells(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(reference=None)), path)

    assert load_workbook(path)["ropa"]["G2"].value is None


# --- layout ---------------------------------------------------------------------------------------


def test_sheet_order_summary_first_then_audits(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    summary = pd.DataFrame({"audit": list(AUDITS), "rating": ["green"] * len(AUDITS)})
    write_findings_xlsx(frame(finding()), path, summary=summary)

    assert load_workbook(path).sheetnames == ["summary", *AUDITS]


def test_sheet_order_follows_audits_argument(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(audit="rights")), path, audits=("rights", "ropa"))

    assert load_workbook(path).sheetnames == ["rights", "ropa"]


def test_header_is_bold_and_frozen(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding()), path)

    for sheet in load_workbook(path).worksheets:
        assert [cell.value for cell in sheet[1]] == list(FINDINGS_COLUMNS)
        assert all(cell.font.bold for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet["A2"].font.bold is False


def test_autofilter_covers_the_used_range(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    rows = [finding(record_key=f"PA-{i:03d}") for i in range(3)]
    write_findings_xlsx(frame(*rows), path)

    sheet = load_workbook(path)["ropa"]
    assert sheet.auto_filter.ref == "A1:K4"
    assert sheet.auto_filter.ref == sheet.dimensions


def test_column_widths_follow_content_and_are_capped(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(message="x" * 500, record_key="K" * 30)), path)

    dims = load_workbook(path)["ropa"].column_dimensions
    assert dims["F"].width == 80  # message, capped
    assert dims["E"].width == 32  # record_key: 30 characters + padding
    assert dims["A"].width >= len("0123456789abcdef")
    for letter in "ABCDEFGH":
        assert dims[letter].customWidth


def test_audit_without_findings_gets_a_header_only_sheet(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding(audit="ropa")), path)

    sheet = load_workbook(path)["access"]
    assert sheet.max_row == 1
    assert [cell.value for cell in sheet[1]] == list(FINDINGS_COLUMNS)
    assert sheet.auto_filter.ref == "A1:K1"
    assert sheet.freeze_panes == "A2"


def test_no_findings_at_all_gives_header_only_sheets(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(pd.DataFrame(columns=list(FINDINGS_COLUMNS)), path)

    workbook = load_workbook(path)
    assert workbook.sheetnames == list(AUDITS)
    assert all(sheet.max_row == 1 for sheet in workbook.worksheets)


def test_rows_sorted_by_severity_then_rule_then_record(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    rows = [
        finding(severity="low", rule_id="ROPA-001", record_key="A"),
        finding(severity="critical", rule_id="ROPA-009", record_key="B"),
        finding(severity="high", rule_id="ROPA-002", record_key="B"),
        finding(severity="high", rule_id="ROPA-002", record_key="A"),
        finding(severity="high", rule_id="ROPA-001", record_key="Z"),
        finding(severity="info", rule_id="ROPA-000", record_key="A"),
        finding(severity="medium", rule_id="ROPA-005", record_key="A"),
    ]
    write_findings_xlsx(frame(*rows), path)

    sheet = load_workbook(path)["ropa"]
    keys = list(
        zip(
            column(sheet, "severity"),
            column(sheet, "rule_id"),
            column(sheet, "record_key"),
            strict=True,
        )
    )
    assert keys == [
        ("critical", "ROPA-009", "B"),
        ("high", "ROPA-001", "Z"),
        ("high", "ROPA-002", "A"),
        ("high", "ROPA-002", "B"),
        ("medium", "ROPA-005", "A"),
        ("low", "ROPA-001", "A"),
        ("info", "ROPA-000", "A"),
    ]


def test_findings_land_on_their_audit_sheet(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    rows = [finding(audit=audit, rule_id=f"{audit.upper()}-001") for audit in AUDITS]
    write_findings_xlsx(frame(*rows), path)

    workbook = load_workbook(path)
    for audit in AUDITS:
        assert column(workbook[audit], "audit") == [audit]


def test_summary_written_as_given_with_text_cells(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    summary = pd.DataFrame(
        {
            "audit": ["ropa", "retention"],
            "title": ["Processing register", "Retention"],
            "status": ["run", "not run"],
            "records_checked": [120, None],
            "critical": [0, None],
            "rating": ["red", None],
        }
    )
    write_findings_xlsx(frame(finding()), path, summary=summary)

    sheet = load_workbook(path)["summary"]
    assert [cell.value for cell in sheet[1]] == list(summary.columns)
    assert data_rows(sheet) == [
        ("ropa", "Processing register", "run", "120", "0", "red"),
        ("retention", "Retention", "not run", None, None, None),
    ]
    assert sheet["D2"].data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"


# --- input errors ---------------------------------------------------------------------------------


def test_missing_findings_column_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="status"):
        write_findings_xlsx(frame(finding()).drop(columns="status"), tmp_path / "f.xlsx")


def test_finding_of_an_audit_without_sheet_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rights"):
        write_findings_xlsx(frame(finding(audit="rights")), tmp_path / "f.xlsx", audits=("ropa",))
    assert not (tmp_path / "f.xlsx").exists()


# --- deterministic bytes, atomic write ------------------------------------------------------------


def frozen_clock(monkeypatch: pytest.MonkeyPatch, when: dt.datetime) -> None:
    """Make openpyxl's datetime.now() and zipfile's time.localtime() report ``when``."""

    class FrozenDatetime(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return when.replace(tzinfo=tz)

    fake = types.SimpleNamespace(datetime=FrozenDatetime, timezone=dt.timezone)
    monkeypatch.setattr(openpyxl.packaging.core, "datetime", fake)
    monkeypatch.setattr(openpyxl.writer.excel, "datetime", fake)
    monkeypatch.setattr("time.localtime", lambda *args: when.timetuple())


def test_frozen_clock_changes_a_plain_openpyxl_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Guard for the test below: the patched clock does reach openpyxl and zipfile."""
    outputs = []
    for year in (2011, 2031):
        frozen_clock(monkeypatch, dt.datetime(year, 5, 6, 7, 8, 10))
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "x"
        workbook.save(tmp_path / f"plain{year}.xlsx")
        outputs.append((tmp_path / f"plain{year}.xlsx").read_bytes())
    assert outputs[0] != outputs[1]


def test_same_inputs_give_identical_bytes_at_different_clock_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    findings = frame(finding(), finding(audit="access", message="=1+2", severity="critical"))
    summary = pd.DataFrame({"audit": ["ropa"], "records_checked": [3]})
    outputs = []
    for year in (2011, 2031):
        frozen_clock(monkeypatch, dt.datetime(year, 5, 6, 7, 8, 10))
        path = tmp_path / f"findings{year}.xlsx"
        write_findings_xlsx(findings, path, summary=summary)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_fixed_properties_and_entry_dates(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    write_findings_xlsx(frame(finding()), path)

    properties = load_workbook(path).properties
    assert properties.creator == "gdpr-audit"
    assert properties.created == dt.datetime(2000, 1, 1)
    assert properties.modified == dt.datetime(2000, 1, 1)
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2000, 1, 1, 0, 0, 0)}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_timestamp_argument_sets_properties_and_entry_dates(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    when = dt.datetime(2026, 9, 30, 12, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    write_findings_xlsx(frame(finding()), path, timestamp=when)

    properties = load_workbook(path).properties
    assert properties.created == dt.datetime(2026, 9, 30, 10, 0, 0)
    assert properties.modified == dt.datetime(2026, 9, 30, 10, 0, 0)
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 9, 30, 10, 0, 0)}


def test_write_replaces_the_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    path.write_bytes(b"old")
    write_findings_xlsx(frame(finding()), path)

    assert zipfile.is_zipfile(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.xlsx"]


def test_failed_write_leaves_the_previous_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    path.write_bytes(b"old")
    with pytest.raises(ValueError):
        write_findings_xlsx(frame(finding()).drop(columns="message"), path)

    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["findings.xlsx"]
