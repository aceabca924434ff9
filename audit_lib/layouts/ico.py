"""Layout `ico`: the UK ICO's "Documentation template for controllers" (real_registers.md s. 4).

A table with one heading row -- found by its wording, the first row within the first 30 holding
at least four of the template's headings -- filled in by hand or exported by a privacy tool that
uses the template's wording (the Fides data map does). Rows above it may hold the contact block:
the cells beside `name`, `address`, `email`, `phone` under "Organization Name and contact
details" / "Controller", "Data Protection Officer" and "Representative" give every activity its
`controller` and `dpo_contact`.

Rows that share business function, purpose and system are one activity (exports repeat an
activity once per data category): list columns become the union of the rows' values in order of
first appearance, and a single-valued column whose rows disagree keeps all its values joined with
"; ", so that the rule that judges it shows the disagreement. Each activity's id is derived from
business function + purpose + system (`A-` + SHA-256), its name is "system: purpose" or the
purpose alone.

Headings are matched after normalisation (case, accents, "(if applicable)"-style suffixes), in
English as the ICO writes them, and in French and German as registers kept in those languages
title the same columns (a table-shaped register in another language reads the same way).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..loaders import read_workbook
from . import LayoutReading, derived_id, is_empty_cell
from ._table import cell, distinct_joined, label_key, union

#: (column, phrases): a heading whose normalised text contains one of the phrases goes to the
#: column; the first entry that matches wins, so the more specific phrases come first
HEADINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "lia_reference",
        (
            "link to record of legitimate interests assessment",
            "legitimate interests assessment",
            "lia",
        ),
    ),
    (
        "dpia_reference",
        (
            "link to data protection impact assessment",
            "link to dpia",
            "lien vers l aipd",
            "link zur dsfa",
        ),
    ),
    (
        "dpia_status",
        (
            "data protection impact assessment progress",
            "dpia progress",
            "avancement de l aipd",
            "stand der dsfa",
        ),
    ),
    (
        "dpia_required",
        (
            "data protection impact assessment required",
            "dpia required",
            "aipd requise",
            "aipd necessaire",
            "dsfa erforderlich",
        ),
    ),
    (
        "joint_controller",
        (
            "joint controller",
            "responsable conjoint",
            "responsables conjoints",
            "gemeinsam verantwortliche",
        ),
    ),
    (
        "processor_contract",
        (
            "link to contract with processor",
            "contrat de sous traitance",
            "vertrag mit dem auftragsverarbeiter",
        ),
    ),
    (
        "transfer_safeguard",
        ("safeguards for exceptional transfers", "safeguards", "garanties", "garantien"),
    ),
    (
        "transfer_countries",
        (
            "names of third countries",
            "third countries",
            "pays tiers",
            "transferts hors ue",
            "drittlander",
            "drittstaaten",
        ),
    ),
    (
        "retention_text",
        (
            "retention schedule",
            "retention period",
            "duree de conservation",
            "durees de conservation",
            "loschfrist",
            "aufbewahrungsfrist",
            "speicherdauer",
        ),
    ),
    (
        "security_measures",
        (
            "technical and organisational security measures",
            "security measures",
            "mesures de securite",
            "technische und organisatorische massnahmen",
            "toms",
        ),
    ),
    (
        "art9_condition",
        (
            "article 9 condition",
            "art 9 condition",
            "condition de l article 9",
            "article 9",
            "artikel 9",
        ),
    ),
    (
        "legal_basis",
        (
            "article 6 lawful basis",
            "lawful basis",
            "legal basis",
            "base legale",
            "base juridique",
            "fondement juridique",
            "rechtsgrundlage",
        ),
    ),
    (
        "legitimate_interests",
        (
            "legitimate interests for the processing",
            "interets legitimes poursuivis",
            "berechtigte interessen",
        ),
    ),
    (
        "data_subject_categories",
        (
            "categories of individuals",
            "categories of data subjects",
            "categories de personnes",
            "personnes concernees",
            "kategorien betroffener personen",
            "betroffene personen",
        ),
    ),
    (
        "data_categories",
        (
            "categories of personal data",
            "categories de donnees",
            "donnees traitees",
            "kategorien personenbezogener daten",
            "datenkategorien",
        ),
    ),
    ("recipients", ("categories of recipients", "recipients", "destinataires", "empfanger")),
    (
        "purposes",
        (
            "purpose of processing",
            "purposes of processing",
            "purpose",
            "finalite",
            "finalites",
            "zweck der verarbeitung",
            "zweck",
            "zwecke",
        ),
    ),
    (
        "owner",
        (
            "department or business function",
            "business function",
            "department",
            "direction",
            "service metier",
            "fachbereich",
            "abteilung",
        ),
    ),
    ("systems", ("system", "application", "logiciel", "anwendung")),
    ("rights", ("rights available to individuals",)),
    ("automated_decisions", ("automated decision making",)),
    ("source", ("source of the personal data",)),
    ("consent_record", ("link to record of consent",)),
    ("location", ("location of personal data",)),
    ("role", ("role or responsibility",)),
)
#: the template's own wording: at least four of these in one row make it the heading row
TEMPLATE_WORDING = (
    "business function",
    "purpose of processing",
    "categories of individuals",
    "categories of personal data",
    "categories of recipients",
    "retention schedule",
    "article 6 lawful basis",
    "third countries",
    "security measures",
    "joint controller",
)
#: as the template writes them, for messages
TEMPLATE_HEADINGS = (
    "Business function",
    "Purpose of processing",
    "Categories of individuals",
    "Categories of personal data",
    "Categories of recipients",
    "Retention schedule",
)
LIST_COLUMNS = (
    "data_subject_categories",
    "data_categories",
    "recipients",
    "transfer_countries",
    "systems",
)
KEY_COLUMNS = ("owner", "purposes", "systems")
HEADER_SEARCH_ROWS = 30
MIN_HEADINGS = 4
CONTACT_GROUPS = (
    ("dpo", ("data protection officer", "dpo", "delegue a la protection des donnees")),
    ("representative", ("representative", "representant")),
    (
        "controller",
        (
            "organization name and contact details",
            "organisation name and contact details",
            "controller",
            "responsable du traitement",
        ),
    ),
)
CONTACT_LABELS = {
    "name": 0,
    "nom": 0,
    "organisation": 0,
    "organization": 0,
    "address": 1,
    "adresse": 1,
    "email": 2,
    "e mail": 2,
    "adresse mel": 2,
    "adresse mail": 2,
    "phone": 3,
    "telephone": 3,
    "tel": 3,
}


def column_of(heading: str) -> str | None:
    """The canonical (or kept) column a heading goes to, or None."""
    key = label_key(heading)
    if not key:
        return None
    for column, phrases in HEADINGS:
        for phrase in phrases:
            if key == phrase or (len(phrase) > 3 and phrase in key):
                return column
    return None


def _header_row(rows: list[tuple[int, list[str]]]) -> int | None:
    """Position (in `rows`) of the heading row: the first within 30 with >= 4 template headings."""
    for position, (_, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        placed = {column_of(c) for c in cells if c.strip()} - {None}
        if len(placed) >= MIN_HEADINGS:
            return position
    return None


def _contacts(rows: list[tuple[int, list[str]]], empty_values) -> dict[str, str]:
    """{controller, dpo, representative: "name, address, email, phone"} from the contact block."""
    groups: list[tuple[str, int, int]] = []  # (group, row position, column)
    for position, (_, cells) in enumerate(rows):
        for col, text in enumerate(cells):
            key = label_key(text)
            for group, phrases in CONTACT_GROUPS:
                if key and any(key == p or key.startswith(p) for p in phrases):
                    groups.append((group, position, col))
                    break
    found: dict[str, list[str]] = {}
    for group, position, col in groups:
        parts: dict[int, str] = {}
        for _, cells in rows[position + 1 : position + 8]:
            order = CONTACT_LABELS.get(label_key(cell(cells, col)))
            value = cell(cells, col + 1)
            if order is not None and not is_empty_cell(value, empty_values):
                parts.setdefault(order, value)
        if parts:
            found.setdefault(group, [parts[i] for i in sorted(parts)])
    return {group: ", ".join(values) for group, values in found.items()}


def read(
    path: Path, *, sheet: str | int | None = None, empty_values: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, LayoutReading]:
    ((sheet_name, grid),) = read_workbook(path, sheet).items()
    rows = [(number, cells) for number, cells in grid if any(c.strip() for c in cells)]
    position = _header_row(rows)
    if position is None:
        wanted = ", ".join(f"'{h}'" for h in TEMPLATE_HEADINGS)
        raise InputError(
            str(path),
            f"is not in the ICO template's layout: no row within the first {HEADER_SEARCH_ROWS} "
            f"of sheet '{sheet_name}' holds {MIN_HEADINGS} of its headings",
            expected=f"a heading row with {wanted}, ...",
            suggestion="name the sheet with sheet:, or use layout: canonical with columns:",
        )
    header_number, header = rows[position]
    reading = LayoutReading("ico", sheet=sheet_name, header_row=header_number)
    columns: dict[int, str] = {}
    for index, heading in enumerate(header):
        if not heading.strip():
            continue
        column = column_of(heading)
        if column is None:
            reading.unplaced.append(heading.strip())
        elif column in columns.values():
            reading.unplaced.append(f"{heading.strip()} (a second heading for {column})")
        else:
            columns[index] = column
            reading.mapping.append((heading.strip(), column))
    contacts = _contacts(rows[:position], empty_values)

    empty = {v.strip().lower() for v in empty_values}
    placed = list(columns.items())

    records: dict[tuple[str, str, str], dict] = {}
    for number, cells in rows[position + 1 :]:
        width = len(cells)
        row = {}
        for index, column in placed:
            text = cells[index].strip() if index < width else ""
            row[column] = "" if text.lower() in empty else text
        if not any(row.values()):
            continue
        key = tuple(label_key(row.get(column, "")) for column in KEY_COLUMNS)
        record = records.setdefault(key, {"line": number, "rows": []})
        record["rows"].append(row)

    out = []
    for record in records.values():
        merged: dict[str, str] = {}
        for column in columns.values():
            values = [row.get(column, "") for row in record["rows"]]
            merged[column] = union(values) if column in LIST_COLUMNS else distinct_joined(values)
        purpose, system = merged.get("purposes", ""), merged.get("systems", "")
        merged["name"] = f"{system}: {purpose}" if system and purpose else purpose or system
        merged["activity_id"] = derived_id(*(merged.get(c, "") for c in KEY_COLUMNS))
        controller = contacts.get("controller", "")
        if contacts.get("representative"):
            controller += (
                ("; " if controller else "") + "representative: " + contacts["representative"]
            )
        if merged.get("joint_controller"):
            controller += (
                ("; " if controller else "") + "joint controller: " + merged["joint_controller"]
            )
        merged["controller"] = controller
        merged["dpo_contact"] = contacts.get("dpo", "")
        merged["_line"] = record["line"]
        out.append(merged)

    frame = pd.DataFrame(out).fillna("")
    lines = frame.pop("_line").astype(int).tolist() if len(frame) else []
    frame = (
        frame.astype("str")
        if len(frame)
        else pd.DataFrame(columns=["activity_id", "name"], dtype="str")
    )
    from ..loaders import SourceLines

    frame.attrs["source_lines"] = SourceLines(lines)
    grouped = sum(len(r["rows"]) for r in records.values())
    reading.notes.append(
        f"ICO template layout: heading row {header_number} of sheet '{sheet_name}'; {grouped} "
        f"row(s) grouped into {len(frame)} activit{'y' if len(frame) == 1 else 'ies'} by business "
        "function, purpose and system; ids derived from them (A- + SHA-256)"
    )
    if contacts.get("controller"):
        reading.mapping.append(("contact block: controller", "controller"))
    else:
        reading.notes.append("no controller contact block above the table: controller is empty")
    if contacts.get("dpo"):
        reading.mapping.append(("contact block: data protection officer", "dpo_contact"))
    if contacts.get("representative"):
        reading.mapping.append(("contact block: representative", "controller"))
    return frame, reading
