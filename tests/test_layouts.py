"""Registers as organisations keep them (issue 15): the ICO and CNIL template layouts on the real
files of `tests/fixtures/registers/` and on variants made here (another language's headings, an
XLSX saved from the CNIL model, an ICO template filled by hand, half the Art. 30 columns
missing), `gdpr-audit import`, and bad input. The expected readings were written down from the
files before the readers were built (`tests/fixtures/registers/README.md`)."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from audit_lib.cli import main
from audit_lib.context import load_inputs
from audit_lib.errors import InputError
from audit_lib.layouts import derived_id, read_layout
from audit_lib.layouts.importer import import_register
from audit_lib.loaders import read_workbook
from audit_lib.params import DEFAULT_EMPTY_VALUES, load_params
from audit_lib.rules import run_rules

FIXTURES = Path(__file__).parent / "fixtures" / "registers"
FIDES = FIXTURES / "fides_datamap_2022-10-24.xlsx"
CNIL = FIXTURES / "cnil_registre_traitement_simplifie.ods"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def params_for(folder: Path, register: str, audit_date: str = "2026-12-31", **extra: str) -> Path:
    lines = [
        "organisation: Test",
        "period: T",
        f"audit_date: {audit_date}",
        "inputs:",
        f"  processing_register: {register}",
    ]
    lines += [f"{key}: {value}" for key, value in extra.items()]
    path = folder / "params.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def audit(params: Path) -> tuple[pd.DataFrame, pd.DataFrame, object]:
    """(typed register, findings (rule_id, record_key, message), context) of the ROPA rules."""
    ctx = load_inputs("ropa", load_params(params), ("processing_register",))
    assert ctx.errors == [], ctx.errors
    outcome = run_rules("ropa", ctx)
    assert outcome.failed == {}
    findings = outcome.findings[["rule_id", "record_key", "message"]]
    findings = findings.sort_values(["rule_id", "record_key"]).reset_index(drop=True)
    return ctx.frames["processing_register"], findings, ctx


def pairs(findings: pd.DataFrame) -> list[tuple[str, str]]:
    return sorted(zip(findings["rule_id"], findings["record_key"], strict=True))


# ------------------------------------------------------------------------------ the real files
def test_fides_datamap_read_as_the_ico_template(tmp_path):
    before = sha256(FIDES)
    frame, reading = read_layout("ico", FIDES, empty_values=DEFAULT_EMPTY_VALUES)
    assert sha256(FIDES) == before  # never modified
    assert reading.header_row == 9 and reading.unplaced == ["Fides dataset"]
    assert frame["name"].tolist() == [
        "Demo Analytics System: System",
        "Demo Marketing System: Advertising, Marketing or Promotion",
    ]
    analytics = frame.iloc[0]
    assert analytics["activity_id"] == derived_id("Engineering", "System", "Demo Analytics System")
    assert analytics["owner"] == "Engineering"
    assert analytics["data_categories"].split("; ") == [
        "system.operations",
        "user.contact",
        "user.contact.address.state",
        "user.contact.email",
        "user.device.cookie_id",
        "user.name",
        "user.unique_id",
    ]
    assert analytics["controller"].startswith(
        "Con Troller, 123 demo street, New York, NY, USA, controller@demo_company.com, +1 555"
    )
    assert "representative: Rep Resentative" in analytics["controller"]
    assert analytics["dpo_contact"].startswith("DataPro Tection, 123 demo street")
    # N/A cells are empty; rows that disagree keep both values
    assert analytics["recipients"] == "" and analytics["legal_basis"] == ""
    assert analytics["retention_text"] == "30 days after account deletion; Account termination"
    assert frame.attrs["source_lines"].lines == (10, 17)


def test_fides_datamap_audited(tmp_path):
    (tmp_path / "fides.xlsx").write_bytes(FIDES.read_bytes())
    params = params_for(tmp_path, "{path: fides.xlsx, layout: ico}")
    typed, findings, ctx = audit(params)
    analytics, marketing = typed["activity_id"].tolist()
    assert typed.loc[0, "transfer_countries"] == ("CA", "US", "GB")
    assert typed["dpia_required"].tolist() == [True, False]
    assert pairs(findings) == sorted(
        [
            ("ROPA-001", analytics),
            ("ROPA-001", marketing),
            ("ROPA-002", analytics),
            ("ROPA-002", marketing),
            ("ROPA-006", analytics),
            ("ROPA-007", analytics),
            ("ROPA-007", marketing),
        ]
    )
    messages = dict(
        zip(
            zip(findings["rule_id"], findings["record_key"], strict=True),
            findings["message"],
            strict=True,
        )
    )
    assert messages[("ROPA-001", analytics)] == "Empty Art. 30(1) fields: recipients"
    assert messages[("ROPA-001", marketing)] == (
        "Empty Art. 30(1) fields: recipients, retention_rule_id"
    )
    assert messages[("ROPA-006", analytics)] == (
        "Transfer to CA, GB, US (outside the EEA) with transfer_safeguard empty"
    )
    assert messages[("ROPA-007", marketing)] == (
        "no review date is recorded (the register has no last_reviewed column)"
    )
    readings = typed.attrs["readings"].frame
    assert ["transfer_countries", "CAN, USA, GBR", "CA; US; GB"] in readings.values.tolist()


def test_cnil_model_read_as_the_cnil_layout():
    before = sha256(CNIL)
    frame, reading = read_layout("cnil", CNIL, empty_values=DEFAULT_EMPTY_VALUES)
    assert sha256(CNIL) == before
    assert len(frame) == 1  # the example fiche; the blank model fiche skipped
    assert "blank model fiche skipped: '3_-_Modèle_de_fiche_de_registre'" in reading.notes[0]
    row = frame.iloc[0]
    assert (row["activity_id"], row["name"]) == ("1 - Exemple", "Gestion de la paie")
    assert row["controller"] == (
        "Louise DUPONT, 1 rue Rivoli, 75001, Paris, France, 01 xx xx xx xx, exemple1@ets.com"
    )
    assert row["dpo_contact"].startswith("Martin HENRI, 1 rue Rivoli")
    assert row["purposes"].split("; ")[:2] == ["Gestion de la paie", "Calcul des rémunérations"]
    assert len(row["purposes"].split("; ")) == 4
    assert len(row["data_categories"].split("; ")) == 3
    assert row["retention_text"] == "5 ans à compter du versement de la paie"
    assert row["data_subject_categories"] == "Salariés"
    assert (
        len(row["recipients"].split("; ")) == 3 and len(row["security_measures"].split("; ")) == 3
    )
    assert (row["transfer_countries"], row["transfer_safeguard"]) == (
        "Andorre",
        "Clauses contractuelles types (CCT)",
    )
    assert (row["last_reviewed"], row["created"]) == ("2019-05-13", "2018-05-26")
    assert "legal_basis" not in frame.columns


def test_cnil_model_audited(tmp_path):
    (tmp_path / "registre.ods").write_bytes(CNIL.read_bytes())
    typed, findings, _ = audit(params_for(tmp_path, "{path: registre.ods, layout: cnil}"))
    assert typed.loc[0, "transfer_countries"] == ("AD",)
    assert typed.loc[0, "transfer_safeguard"] == "scc"
    assert pairs(findings) == [("ROPA-002", "1 - Exemple"), ("ROPA-007", "1 - Exemple")]
    assert findings.loc[0, "message"] == (
        "the register records no legal basis (it has no legal_basis column)"
    )


# ------------------------------------------------------------------------------ variants
def xlsx_from_grids(path: Path, grids: dict[str, list[list[object]]]) -> Path:
    """A workbook holding these cells, one sheet per grid (as a spreadsheet program saves it)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in grids.items():
        sheet = workbook.create_sheet(name[:31])
        for row in rows:
            sheet.append([None if value == "" else value for value in row])
    workbook.save(path)
    return path


def test_an_xlsx_saved_from_the_cnil_model_reads_the_same(tmp_path):
    grids = {
        name: [cells for _, cells in rows]
        for name, rows in read_workbook(CNIL, every_sheet=True).items()
    }
    copy = xlsx_from_grids(tmp_path / "registre.xlsx", grids)
    from_ods, _ = read_layout("cnil", CNIL)
    from_xlsx, _ = read_layout("cnil", copy)
    pd.testing.assert_frame_equal(from_xlsx, from_ods)


def hand_filled_ico(path: Path, headings: list[str], rows: list[list[str]]) -> Path:
    """An ICO template filled in by hand: a title, the contact block, blank rows, the table."""
    grid = [
        ["Documentation of processing activities - requirements"],
        [],
        ["", "Controller", "", "Data Protection Officer", ""],
        ["", "Name", "Example Ltd", "Name", "Jane Doe"],
        ["", "Address", "1 High Street, London", "Address", "1 High Street, London"],
        ["", "Email", "privacy@example.co.uk", "Email", "dpo@example.co.uk"],
        ["", "Telephone", "020 0000 0000", "Telephone", "020 0000 0001"],
        [],
        headings,
        *rows,
    ]
    return xlsx_from_grids(path, {"Template": grid})


ICO_HEADINGS = [
    "Business function",
    "Purpose of processing",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Names of third countries or international organisations that personal data are "
    "transferred to (if applicable)",
    "Safeguards for exceptional transfers of personal data to third countries or international "
    "organisations (if applicable)",
    "Retention schedule (if possible)",
    "General description of technical and organisational security measures (if possible)",
    "Article 6 lawful basis for processing personal data",
    "Data Protection Impact Assessment required?",
]


def test_an_ico_template_filled_by_hand_with_two_activities_over_several_rows(tmp_path):
    rows = [
        [
            "HR",
            "Payroll",
            "Employees",
            "Bank details",
            "Bank",
            "",
            "",
            "6 years after leaving",
            "Encryption",
            "Legal obligation",
            "No",
        ],
        [
            "HR",
            "Payroll",
            "Employees",
            "Salary",
            "Tax office",
            "",
            "",
            "6 years after leaving",
            "Encryption",
            "Legal obligation",
            "No",
        ],
        [
            "Marketing",
            "Newsletter",
            "Customers; Prospects",
            "Email",
            "Mailing provider",
            "United States",
            "Standard contractual clauses",
            "until unsubscribe",
            "Access control",
            "Consent",
            "No",
        ],
        [],
        [
            "Marketing",
            "Newsletter",
            "Customers",
            "Name",
            "N/A",
            "USA",
            "SCC",
            "as long as necessary",
            "Access control",
            "Consent",
            "Yes",
        ],
    ]
    hand_filled_ico(tmp_path / "ico.xlsx", ICO_HEADINGS, rows)
    typed, findings, ctx = audit(params_for(tmp_path, "{path: ico.xlsx, layout: ico}"))
    assert typed["name"].tolist() == ["Payroll", "Newsletter"]
    payroll, newsletter = typed["activity_id"].tolist()
    assert typed.loc[0, "controller"] == (
        "Example Ltd, 1 High Street, London, privacy@example.co.uk, 020 0000 0000"
    )
    assert typed.loc[0, "dpo_contact"].startswith("Jane Doe")
    assert typed.loc[0, "data_categories"] == ("Bank details", "Salary")
    assert typed.loc[0, "recipients"] == ("Bank", "Tax office")
    assert typed.loc[0, "legal_basis"] == "legal_obligation"
    assert typed.loc[1, "data_subject_categories"] == ("Customers", "Prospects")
    assert typed.loc[1, "transfer_countries"] == ("US",)
    assert typed.loc[1, "transfer_safeguard"] == "scc"
    # the two rows disagree on the retention and on the DPIA: both values are kept
    assert typed.loc[1, "retention_text"] == "until unsubscribe; as long as necessary"
    assert pd.isna(typed.loc[1, "dpia_required"])  # "No; Yes" is not a yes/no: DQ-001
    assert ("ROPA-012", newsletter) in pairs(findings)
    assert ("ROPA-001", payroll) not in pairs(findings)
    dq = ctx.dq["processing_register"]
    assert dq["message"].str.contains("'No; Yes' is not yes/no").any()
    assert ctx.sources["processing_register"].header_row == 9


def test_another_languages_headings_are_read_in_the_ico_layout(tmp_path):
    headings = [
        "Direction",
        "Finalité du traitement",
        "Catégories de personnes concernées",
        "Catégories de données",
        "Destinataires",
        "Pays tiers",
        "Garanties",
        "Durée de conservation",
        "Mesures de sécurité",
        "Base légale",
    ]
    rows = [
        [
            "RH",
            "Gestion de la paie",
            "Salariés",
            "RIB",
            "Banque",
            "Suisse",
            "",
            "5 ans à compter du départ",
            "Chiffrement",
            "Obligation légale",
        ],
        [
            "Marketing",
            "Prospection",
            "Prospects",
            "Courriel",
            "Routeur",
            "États-Unis",
            "Privacy Shield",
            "3 ans à compter du dernier contact",
            "Contrôle d'accès",
            "Intérêt légitime",
        ],
    ]
    hand_filled_ico(tmp_path / "registre.xlsx", headings, rows)
    typed, findings, _ = audit(params_for(tmp_path, "{path: registre.xlsx, layout: ico}"))
    assert typed["legal_basis"].tolist() == ["legal_obligation", "legitimate_interests"]
    assert typed["transfer_countries"].tolist() == [("CH",), ("US",)]
    assert typed.loc[1, "transfer_safeguard"] == "privacy_shield"
    paie, prospection = typed["activity_id"].tolist()
    messages = dict(
        zip(
            zip(findings["rule_id"], findings["record_key"], strict=True),
            findings["message"],
            strict=True,
        )
    )
    assert "Privacy Shield" in messages[("ROPA-006", prospection)]
    assert "C-311/18" in messages[("ROPA-006", prospection)]
    assert ("ROPA-004", prospection) in messages  # legitimate interests, no LIA
    assert ("ROPA-006", paie) in messages  # Switzerland without a recorded safeguard


def test_a_register_with_half_its_art30_columns_missing(tmp_path):
    """Canonical layout, no activity_id, no controller/recipients/security_measures/last_reviewed:
    judged, not refused (real_registers.md section 2)."""
    frame = pd.DataFrame(
        {
            "name": ["Payroll", "CCTV"],
            "purposes": ["Pay the staff", "Security of the premises"],
            "legal_basis": ["contract", "legitimate interests"],
            "data_subject_categories": ["Employees", "Visitors"],
            "data_categories": ["Bank details", "Images"],
            "retention_text": ["6 years after the end of the contract", "30 jours"],
            "owner": ["HR", "Facilities"],
        }
    )
    frame.to_csv(tmp_path / "register.csv", index=False)
    typed, findings, ctx = audit(params_for(tmp_path, "register.csv"))
    assert typed["activity_id"].tolist() == [derived_id("Payroll"), derived_id("CCTV")]
    notes = ctx.sources["processing_register"].notes
    assert any("derived from its name" in note for note in notes)
    assert any(note.startswith("column 'controller' is absent") for note in notes)
    assert any("'retention_text' stands for it" in note for note in notes)
    rule_001 = findings[findings["rule_id"] == "ROPA-001"]["message"].tolist()
    assert (
        rule_001
        == [
            "Empty Art. 30(1) fields: controller (no such column in the register), recipients (no "
            "such column in the register), security_measures (no such column in the register)"
        ]
        * 2
    )
    assert set(findings["rule_id"]) == {"ROPA-001", "ROPA-004", "ROPA-007"}


def test_a_cnil_fiche_with_a_label_and_no_value_is_an_empty_field(tmp_path):
    grids = {
        name: [cells for _, cells in rows]
        for name, rows in read_workbook(CNIL, every_sheet=True).items()
    }
    fiche = grids["4_-_Exemple_de_fiche"]
    for row in fiche:
        if row and row[0] in (
            "Mesure de sécurité 1",
            "Mesure de sécurité 2",
            "Mesure de sécurité 3",
        ):
            row[1:] = [""] * (len(row) - 1)  # labels kept, values removed
        if row and row[0] == "Nom du traitement":
            row[0] = "Nom du traitement : le nom que l'organisme donne à l'activité"  # label + help
    path = xlsx_from_grids(tmp_path / "registre.xlsx", grids)
    typed, findings, _ = audit(params_for(tmp_path, "{path: registre.xlsx, layout: cnil}"))
    assert typed.loc[0, "name"] == "Gestion de la paie"
    assert pd.isna(typed.loc[0, "security_measures"])
    assert ("ROPA-001", "1 - Exemple") in pairs(findings)
    assert path.exists()


# ------------------------------------------------------------------------------ import
def test_import_writes_the_canonical_register_and_audits_the_same(tmp_path):
    out = tmp_path / "register.csv"
    err = io.StringIO()
    import contextlib

    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["import", "--layout", "ico", str(FIDES), "--out", str(out)])
    assert code == 0
    report = err.getvalue()
    assert "'Purpose of processing' -> purposes" in report
    assert "'Fides dataset' -> (not placed)" in report
    written = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert written.loc[0, "transfer_countries"] == "CA; US; GB"
    assert written.loc[0, "dpia_required"] == "yes"
    # the canonical file audits exactly as the template did
    (tmp_path / "fides.xlsx").write_bytes(FIDES.read_bytes())
    _, from_template, _ = audit(params_for(tmp_path, "{path: fides.xlsx, layout: ico}"))
    _, from_import, _ = audit(params_for(tmp_path, "register.csv"))
    pd.testing.assert_frame_equal(from_import, from_template)
    # never overwritten without --force
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", "--layout", "ico", str(FIDES), "--out", str(out)]) == 2


def test_import_of_the_cnil_model():
    frame, report = import_register(CNIL, "cnil")
    assert (
        frame.loc[0, "transfer_countries"] == "AD" and frame.loc[0, "transfer_safeguard"] == "scc"
    )
    assert frame.loc[0, "last_reviewed"] == "2019-05-13"
    assert any("legal_basis" in line for line in report if line.startswith("columns left empty"))


# ------------------------------------------------------------------------------ bad input
def test_a_workbook_in_neither_layout_named_cnil_is_one_clear_line(tmp_path):
    path = xlsx_from_grids(
        tmp_path / "other.xlsx", {"Sheet1": [["invoice", "amount"], ["F-1", 12]]}
    )
    before = sha256(path)
    with pytest.raises(InputError) as caught:
        read_layout("cnil", path)
    text = str(caught.value)
    assert "\n" not in text and "is not in the CNIL model's layout" in text
    assert "'Nom du traitement'" in text and "'Finalité principale'" in text
    assert sha256(path) == before
    ctx = load_inputs(
        "ropa",
        load_params(params_for(tmp_path, "{path: other.xlsx, layout: cnil}")),
        ("processing_register",),
    )
    assert len(ctx.errors) == 1 and "is not in the CNIL model's layout" in str(ctx.errors[0])


def test_a_workbook_that_is_not_an_ico_template_names_the_headings_looked_for(tmp_path):
    path = xlsx_from_grids(
        tmp_path / "other.xlsx", {"Sheet1": [["invoice", "amount"], ["F-1", 12]]}
    )
    with pytest.raises(
        InputError, match="is not in the ICO template's layout.*'Business function'"
    ):
        read_layout("ico", path)


def test_a_sheet_that_is_not_there_names_those_that_are(tmp_path):
    with pytest.raises(InputError, match="has no sheet 'Register'.*'sheet1'"):
        read_layout("ico", FIDES, sheet="Register")
    frame, reading = read_layout("ico", FIDES, sheet=0)
    assert reading.sheet == "sheet1" and len(frame) == 2


def test_a_second_fiche_filled_in_from_the_blank_model_with_sensitive_data(tmp_path):
    """The model fiche, filled in as an organisation would: its sensitive-data table gives
    special_categories (health) and the retention per category; no Art. 9 condition: ROPA-003."""
    grids = {
        name: [list(cells) for _, cells in rows]
        for name, rows in read_workbook(CNIL, every_sheet=True).items()
    }
    fiche = grids["3_-_Modèle_de_fiche_de_registre"]
    fill = {
        "Nom du traitement": "Gestion des absences",
        "N° / RÉF": "ref-002",
        "Mise à jour du traitement": "02/09/2026",
        "Finalité principale": "Suivi des absences",
        "Catégorie de personnes 1": "Salariés",
        "Destinataire 1": "Service interne qui traite les données",
        "Mesure de sécurité 1": "Contrôle d'accès des utilisateurs",
    }
    for row in fiche:
        if row and row[0] in fill:
            row[1:2] = [fill[row[0]]]
        if row and row[0] == "Responsable du traitement":
            row[1:8] = ["Louise DUPONT", "1 rue Rivoli", "75001", "Paris", "France", "", "dpo@x.fr"]
        if row and row[0] == "Données concernant la santé":
            row[1:5] = ["Arrêts maladie", "", "", "2 ans à compter de la fin du contrat"]
        if row and row[0].startswith("État civil"):
            row[1:5] = ["Nom, prénom", "", "", "5 ans"]
    xlsx_from_grids(tmp_path / "registre.xlsx", grids)
    typed, findings, _ = audit(params_for(tmp_path, "{path: registre.xlsx, layout: cnil}"))
    assert sorted(typed["activity_id"]) == ["1 - Exemple", "ref-002"]  # in sheet order
    absences = typed.set_index("activity_id").loc["ref-002"]
    assert absences["special_categories"] == ("health",)
    assert absences["retention_text"] == "5 ans; 2 ans à compter de la fin du contrat"
    assert absences["last_reviewed"] == pd.Timestamp("2026-09-02")
    assert ("ROPA-003", "ref-002") in pairs(findings)
    assert ("ROPA-007", "ref-002") not in pairs(findings)
