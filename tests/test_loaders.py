"""Loading and validation: encodings, separators, header mapping, XLSX, bad files -> clear errors or DQ."""

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from audit_lib.errors import InputError
from audit_lib.loaders import normalise_name, read_register
from audit_lib.schemas import check_register, expected_columns, required_columns


def read(register, path, mapping=None):
    return read_register(
        register,
        path,
        mapping=mapping,
        required=required_columns(register),
        expected=expected_columns(register),
    )


SCHEDULE_HEADER = "rule_id,data_category,trigger,duration,action\n"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Legal Basis", "legal_basis"),
        ("Date de réception", "date_de_reception"),
        ("  Data-Categories. ", "data_categories"),
        ("Finalités", "finalites"),
    ],
)
def test_header_normalisation(header, expected):
    assert normalise_name(header) == expected


def test_semicolon_windows_1252_french_headers_mapped_through_columns(tmp_path):
    text = (
        "Identifiant;Nom;Responsable;Finalités;Base légale;Personnes concernées;Catégories de données;"
        "Destinataires;Règle de conservation;Mesures de sécurité;Propriétaire;Dernière revue\n"
        "PA-1;Paie;Société Générale d'Exemple;Payer les salariés;Obligation légale;salariés;identité;URSSAF;"
        "R1;chiffrement;RH;31/01/2026\n"
    )
    path = tmp_path / "registre.csv"
    path.write_bytes(text.encode("cp1252"))
    mapping = {
        "Identifiant": "activity_id",
        "Nom": "name",
        "Responsable": "controller",
        "finalites": "purposes",
        "Base légale": "legal_basis",
        "Personnes concernées": "data_subject_categories",
        "categories_de_donnees": "data_categories",
        "Destinataires": "recipients",
        "Règle de conservation": "retention_rule_id",
        "Mesures de sécurité": "security_measures",
        "Propriétaire": "owner",
        "Dernière revue": "last_reviewed",
    }
    frame, info = read("processing_register", path, mapping)
    assert (info.encoding, info.separator) == ("cp1252", ";")
    assert frame.loc[0, "controller"] == "Société Générale d'Exemple"
    typed, dq = check_register(frame, "processing_register", "dayfirst")
    assert dq.empty
    assert typed.loc[0, "last_reviewed"] == pd.Timestamp("2026-01-31")
    # French wording of an Art. 6(1) basis is understood (real_registers.md section 3)
    assert typed.loc[0, "legal_basis"] == "legal_obligation"


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_bytes(
        "\ufeff".encode() + (SCHEDULE_HEADER + "R1,invoice,collected,P10Y,archive\n").encode()
    )
    frame, info = read("retention_schedule", path)
    assert list(frame.columns)[0] == "rule_id" and info.encoding == "utf-8-sig"


def test_values_stay_text(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text("user_id,employment_start\n0042,2020-01-01\nNO,2020-01-01\n", encoding="utf-8")
    frame, _ = read("hr_roster", path)
    assert list(frame["user_id"]) == ["0042", "NO"]


def test_xlsx_input_with_a_title_row_above_the_header(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Retention schedule - exported 2026-09-30"])
    sheet.append(["Rule ID", "Data Category", "Trigger", "Duration", "Action"])
    sheet.append(["R1", "invoice", "Collected", "P10Y", "archive"])
    path = tmp_path / "schedule.xlsx"
    book.save(path)
    frame, info = read("retention_schedule", path)
    assert info.header_row == 2
    assert frame.to_dict("records") == [
        {
            "rule_id": "R1",
            "data_category": "invoice",
            "trigger": "Collected",
            "duration": "P10Y",
            "action": "archive",
        }
    ]


def test_missing_required_column_names_file_column_and_suggestion(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text(
        "rule_id,data_categry,trigger,duration,action\nR1,x,collected,P1Y,delete\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read("retention_schedule", path)
    error = info.value
    assert error.column == "data_category"
    assert "data_categry" in str(error)
    assert str(path) in str(error)


@pytest.mark.parametrize("content", [b"", b"   \n"])
def test_empty_file_is_an_input_error(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    with pytest.raises(InputError, match="is empty"):
        read("retention_schedule", path)


def test_header_only_gives_an_empty_frame(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text(SCHEDULE_HEADER, encoding="utf-8")
    frame, info = read("retention_schedule", path)
    assert len(frame) == 0 and info.rows == 0


def test_binary_file_is_an_input_error(tmp_path):
    path = tmp_path / "garbage.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary"):
        read("retention_schedule", path)


def test_ragged_row_names_the_row(tmp_path):
    path = tmp_path / "schedule.csv"
    path.write_text(
        SCHEDULE_HEADER + "R1,a,collected,P1Y,delete\nR2,b,collected,P1Y\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as info:
        read("retention_schedule", path)
    assert "fields" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        read("retention_schedule", tmp_path / "nope.csv")


def test_unparseable_date_is_a_dq_finding_naming_row_and_column():
    frame = pd.DataFrame(
        {
            "user_id": ["U1", "U2", ""],
            "employment_start": ["2020-01-01", "2020-02-30", "2021-01-01"],
        },
        dtype="str",
    )
    typed, dq = check_register(frame, "hr_roster", source="hr.csv")
    assert pd.isna(typed.loc[1, "employment_start"])
    rows = dq.set_index("record_key")
    assert rows.loc["U2", "rule_id"] == "DQ-001"
    assert "hr.csv row 3, column 'employment_start'" in rows.loc["U2", "message"]
    assert rows.loc["row 4", "rule_id"] == "DQ-004"  # the id itself is missing


def test_duplicate_ids_and_unknown_enum_values_are_dq_findings():
    frame = pd.DataFrame(
        {
            "rule_id": ["R1", "R1"],
            "data_category": ["a", "b"],
            "trigger": ["collected", "Birthday"],
            "duration": ["P1Y", "P1Y"],
            "action": ["delete", "delete"],
        },
        dtype="str",
    )
    _, dq = check_register(frame, "retention_schedule")
    assert sorted(dq["rule_id"]) == ["DQ-002", "DQ-003", "DQ-003"]
    assert "birthday" in dq.loc[dq["rule_id"] == "DQ-002", "message"].iloc[0]


@pytest.mark.parametrize(
    ("text", "value"), [("Oui", True), ("NO", False), ("y", True), ("0", False), ("TRUE", True)]
)
def test_booleans(text, value):
    frame = pd.DataFrame({"system": ["S"], "holds_personal_data": [text]}, dtype="str")
    typed, dq = check_register(frame, "systems")
    assert dq.empty and bool(typed.loc[0, "holds_personal_data"]) is value


def test_parquet_keeps_types(tmp_path):
    frame = pd.DataFrame({"user_id": ["U1"], "employment_start": pd.to_datetime(["2020-01-01"])})
    path = tmp_path / "hr.parquet"
    frame.to_parquet(path)
    raw, info = read("hr_roster", path)
    typed, dq = check_register(raw, "hr_roster")
    assert info.file_format == "parquet" and dq.empty
    assert typed.loc[0, "employment_start"] == pd.Timestamp("2020-01-01")


def test_inputs_are_not_modified(tmp_path):
    path = tmp_path / "schedule.csv"
    content = (SCHEDULE_HEADER + "R1,a,collected,P1Y,delete\n").encode()
    path.write_bytes(content)
    before = Path(path).stat().st_mtime_ns
    read("retention_schedule", path)
    assert path.read_bytes() == content and Path(path).stat().st_mtime_ns == before


# --------------------------------------------------------------- ODS, sheets, empty values (issue 15)
SYSTEMS_ROWS = [
    ["system", "holds_personal_data", "owner"],
    ["CRM", "yes", "Sales"],
    ["Wiki", "N/A", " tbd "],
    ["Backup", "no", "-"],
]


def ods_workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """An OpenDocument spreadsheet, written with odfpy as LibreOffice would save one."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_cell = TableCell(valuetype="string")
                table_cell.addElement(P(text=value))
                table_row.addElement(table_cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def test_an_ods_register_is_read_like_xlsx_on_the_sheet_named(tmp_path):
    path = ods_workbook(
        tmp_path / "systems.ods", {"Notes": [["nothing here"]], "Systems": SYSTEMS_ROWS}
    )
    frame, info = read_register(
        "systems",
        path,
        required=required_columns("systems"),
        expected=expected_columns("systems"),
        sheet="systems",
        empty_values=("N/A", "TBD", "-"),
    )
    assert (info.file_format, info.sheet, info.header_row) == ("ods", "Systems", 1)
    assert frame["system"].tolist() == ["CRM", "Wiki", "Backup"]
    assert frame["holds_personal_data"].tolist() == ["yes", "", "no"]
    assert frame["owner"].tolist() == ["Sales", "", ""]


def test_an_xlsx_register_on_its_second_sheet(tmp_path):
    workbook = Workbook()
    workbook.active.title = "Readme"
    workbook.active.append(["This workbook holds the systems register on the next sheet"])
    sheet = workbook.create_sheet("Systems")
    for row in SYSTEMS_ROWS:
        sheet.append(row)
    workbook.save(tmp_path / "systems.xlsx")
    frame, info = read_register(
        "systems",
        tmp_path / "systems.xlsx",
        required=required_columns("systems"),
        expected=expected_columns("systems"),
        sheet=1,
    )
    assert info.sheet == "Systems" and len(frame) == 3
    with pytest.raises(InputError, match="has no sheet 'Vendors'.*'Readme', 'Systems'"):
        read_register("systems", tmp_path / "systems.xlsx", sheet="Vendors")


def test_empty_values_in_a_csv_are_empty_cells_but_none_is_a_value(tmp_path):
    path = tmp_path / "systems.csv"
    path.write_text("system,holds_personal_data,owner\nCRM,yes,none\nWiki,n/a,?\nMail,no, -- \n")
    frame, _ = read_register("systems", path, empty_values=("N/A", "n/a", "-", "--", "TBD", "?"))
    assert frame["holds_personal_data"].tolist() == ["yes", "", "no"]
    assert frame["owner"].tolist() == ["none", "", ""]
    typed, dq = check_register(frame, "systems")
    assert typed["holds_personal_data"].isna().tolist() == [False, True, False]
    assert dq["rule_id"].tolist() == ["DQ-004"]  # an empty required yes/no, not an unreadable one
