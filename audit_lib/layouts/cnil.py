"""Layout `cnil`: the CNIL's model "registre des activités de traitement" (real_registers.md s. 5).

A workbook (ODS as the CNIL publishes it, or XLSX saved from it) with:

- a list sheet -- its name contains "Liste des traitements" (underscores read as spaces, case and
  accents ignored) -- holding the organisation's contact blocks ("Nom :", "Prénom :", "Adresse :",
  ... beside "Coordonnées du responsable de l'organisme", "... du représentant", "... du délégué à
  la protection des données (DPO)") and a table of activities: Nom du traitement | N° / RÉF |
  Date de création de la fiche | Dernière mise à jour de la fiche | Finalité du traitement |
  Données sensibles ? (Oui/non);
- one sheet per activity, a "fiche de registre" laid out as a form: a label in the first column,
  its value(s) to the right, and small tables (actors, categories of data with their retention
  period, categories of people, recipients, security measures, transfers outside the EU).

Everything is found by its label, never by fixed cells: a label cell is compared after
normalisation (case, accents, a trailing ":" and "(s)" ignored) by its text before the first
":" or by its first or last line, so a cell holding a label and an explanation matches. Sheets
that are not fiches (tutorial, lists of values) are skipped, and so is a fiche left as the blank
model (no name and no purpose). A fiche and its line in the list sheet are joined on N° / RÉF
(else on the name); the list's dates and "Données sensibles ?" fill what the fiche lacks. A
line of the list without a fiche is an activity too (with the little the list says).

The model has no legal-basis field: no `legal_basis` column comes out, so ROPA-002 reports every
activity ("the register records no legal basis"), the correct finding for an accountability audit.
Retention is written per category of data: every period is kept in `retention_text` (the reader
takes the longest). Dates written day-first (13/05/2019) are read day-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..errors import InputError
from ..loaders import SourceLines, read_workbook
from . import LayoutReading, derived_id, is_empty_cell
from ._table import cell, distinct_joined, label_key, label_keys

LIST_SHEET = "liste des traitements"
#: labels of a fiche (label_key form); a sheet with at least three of them is a fiche
FICHE_LABELS = {
    "nom du traitement": "name",
    "n ref": "activity_id",
    "ref": "activity_id",
    "date de creation du traitement": "created",
    "date de creation de la fiche": "created",
    "mise a jour du traitement": "last_reviewed",
    "derniere mise a jour de la fiche": "last_reviewed",
    "finalite principale": "purpose",
}
SECTIONS = {
    "acteurs": "actors",
    "categories de donnees personnelles concernees": "data",
    "donnees sensibles": "sensitive",
    "categories de personnes concernees": "people",
    "destinataires": "recipients",
    "mesures de securite": "security",
    "transferts hors ue": "transfers",
    "finalite du traitement effectue": "purposes",
}
ACTORS = {
    "responsable du traitement": "controller",
    "delegue a la protection des donnees": "dpo",
    "societe du dpo": "dpo_company",
    "representant": "representative",
    "responsable conjoint": "joint",
}
SPECIAL = (
    ("origine raciale", "racial_ethnic_origin"),
    ("opinions politiques", "political_opinions"),
    ("convictions religieuses", "religious_beliefs"),
    ("appartenance syndicale", "trade_union"),
    ("genetique", "genetic"),
    ("biometrique", "biometric"),
    ("sante", "health"),
    ("vie sexuelle", "sex_life_orientation"),
    ("orientation sexuelle", "sex_life_orientation"),
    ("condamnations penales", "criminal"),
    ("infractions", "criminal"),
)
#: cells that are not values: the model's drop-down prompt, and the side panel of links ("► ...")
PLACEHOLDER = re.compile(r"^(?:s[ée]lectionnez un [ée]l[ée]ment|►)", re.IGNORECASE)
DAYFIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
LIST_CONTACTS = {
    "responsable": "controller",
    "representant": "representative",
    "delegue": "dpo",
    "dpo": "dpo",
}
CONTACT_ORDER = (
    "nom",
    "prenom",
    "societe",
    "adresse",
    "code postal",
    "ville",
    "pays",
    "telephone",
    "adresse mel",
)


@dataclass
class Fiche:
    sheet: str
    line: int = 1
    values: dict[str, str] = field(default_factory=dict)
    purposes: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    retention: list[str] = field(default_factory=list)
    special: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    security: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    safeguards: list[str] = field(default_factory=list)
    actors: dict[str, str] = field(default_factory=dict)

    @property
    def blank(self) -> bool:
        return not self.values.get("name") and not self.purposes


def _text(value: str, empty_values) -> str:
    value = value.strip()
    if is_empty_cell(value, empty_values) or PLACEHOLDER.match(value):
        return ""
    return value


def _iso(value: str) -> str:
    """A date written day-first (13/05/2019) as ISO; other values as they are."""
    match = DAYFIRST.match(value.strip())
    if match:
        day, month, year = match.groups()
        return f"{year}-{int(month):02d}-{int(day):02d}"
    return value.strip()


def _match(cells: list[str], table: dict[str, str]) -> str | None:
    for key in label_keys(cell(cells, 0)):
        if key in table:
            return table[key]
        for prefix, target in table.items():
            if key.startswith(prefix + " ") and target in ("purpose",):
                return target
    return None


def _right(cells: list[str], empty_values, start: int = 1) -> str:
    """The first value to the right of a label."""
    for value in cells[start:]:
        text = _text(value, empty_values)
        if text:
            return text
    return ""


def _positions(header: list[str], wanted: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Column index of each wanted header label (by prefix), in a section's header row."""
    found: dict[str, int] = {}
    for index, text in enumerate(header):
        key = label_key(text)
        for name, prefixes in wanted.items():
            if name not in found and key and any(key.startswith(p) for p in prefixes):
                found[name] = index
    return found


def _section_of(cells: list[str]) -> str | None:
    for key in label_keys(cell(cells, 0)):
        if key in SECTIONS:
            return SECTIONS[key]
    return None


def read_fiche(name: str, grid: list[tuple[int, list[str]]], empty_values) -> Fiche | None:
    """A fiche from one sheet, or None when the sheet is not one (fewer than three labels)."""
    labels = sum(1 for _, cells in grid if _match(cells, FICHE_LABELS) or _section_of(cells))
    if labels < 3:
        return None
    fiche = Fiche(sheet=name, line=next((n for n, c in grid if any(x.strip() for x in c)), 1))
    section, header = None, {}
    for _, cells in grid:
        if not any(c.strip() for c in cells):
            section = None
            continue
        found = _section_of(cells)
        if found:
            section = found
            header = _positions(
                cells,
                {
                    "description": ("description", "type"),
                    "retention": ("duree",),
                    "precisions": ("precision",),
                    "recipient": ("destinataire",),
                    "country": ("pays",),
                    "safeguard": ("type de garanties", "garanties"),
                    "name": ("nom",),
                    "address": ("adresse",),
                    "postcode": ("code postal",),
                    "city": ("ville",),
                    "phone": ("telephone",),
                    "email": ("adresse mel",),
                },
            )
            continue
        target = _match(cells, FICHE_LABELS)
        if target == "purpose" or (
            section == "purposes" and label_key(cell(cells, 0)).startswith("sous finalite")
        ):
            value = _right(cells, empty_values)
            if value:
                fiche.purposes.append(value)
            continue
        if target is not None:
            value = _right(cells, empty_values)
            if value and target not in fiche.values:
                fiche.values[target] = value
            continue
        label = _text(cell(cells, 0), empty_values)

        def at(name: str, default: int, cells=cells, header=header) -> str:
            return _text(cell(cells, header.get(name, default)), empty_values)

        if section == "actors":
            role = next(
                (r for k in label_keys(label) for p, r in ACTORS.items() if k.startswith(p)), None
            )
            parts = [
                at(n, d)
                for n, d in (
                    ("name", 1),
                    ("address", 2),
                    ("postcode", 3),
                    ("city", 4),
                    ("country", 5),
                    ("phone", 6),
                    ("email", 7),
                )
            ]
            contact = ", ".join(p for p in parts if p)
            if role and contact:
                fiche.actors[role] = contact
        elif section in ("data", "sensitive"):
            description, retention = at("description", 1), at("retention", 4)
            if not (description or retention):
                continue  # a category of the model left unticked
            if section == "sensitive":
                key = label_key(label)
                fiche.special += [
                    code for word, code in SPECIAL if word in key and code not in fiche.special
                ]
            fiche.data.append(f"{label}: {description}" if description else label)
            if retention:
                fiche.retention.append(retention)
        elif section in ("people", "recipients", "security"):
            kind, detail = at("description", 1), at("precisions", 4)
            if not (kind or detail):
                continue
            value = f"{kind} ({detail})" if kind and detail else kind or detail
            {"people": fiche.people, "recipients": fiche.recipients, "security": fiche.security}[
                section
            ].append(value)
        elif section == "transfers":
            country, safeguard = at("country", 2), at("safeguard", 3)
            if country:
                fiche.countries.append(country)
            if safeguard:
                fiche.safeguards.append(safeguard)
    return fiche


def _list_sheet(
    path: Path, book: dict[str, list], empty_values
) -> tuple[dict[str, dict], dict[str, str], int]:
    """({ref or name: line of the list}, contacts, first data line) from the list sheet."""
    sheet = next((n for n in book if LIST_SHEET in label_key(n.replace("_", " "))), None)
    if sheet is None:
        return {}, {}, 0
    grid = book[sheet]
    contacts: dict[str, dict[str, str]] = {}
    block = None
    table: dict[str, dict] = {}
    header_at = None
    columns: dict[str, int] = {}
    for position, (number, cells) in enumerate(grid):
        first = label_key(cell(cells, 0))
        if first.startswith("coordonnees"):
            block = next((v for k, v in LIST_CONTACTS.items() if k in first), None)
        if first.startswith("nom du traitement"):
            header_at = position
            above = grid[position - 1][1] if position else []
            for index in range(max(len(cells), len(above))):
                for text in (cell(cells, index), cell(above, index)):
                    key = label_key(text)
                    name = (
                        "name"
                        if key.startswith("nom du traitement")
                        else "ref"
                        if key in ("n ref", "ref")
                        else "created"
                        if key.startswith("date de creation")
                        else "updated"
                        if key.startswith("derniere mise a jour")
                        else "purpose"
                        if key.startswith("finalite")
                        else "sensitive"
                        if key.startswith("donnees sensibles") or key == "oui non"
                        else None
                    )
                    if name and name not in columns:
                        columns[name] = index
                        break
            block = None
            continue
        if header_at is not None and position > header_at:
            row = {k: _text(cell(cells, i), empty_values) for k, i in columns.items()}
            if row.get("name") or row.get("ref"):
                row["line"] = number
                table[label_key(row.get("ref") or row.get("name"))] = row
                if row.get("name"):
                    table.setdefault("name:" + label_key(row["name"]), row)
            continue
        if block:
            for index, text in enumerate(cells):
                key = label_key(text)
                if key in CONTACT_ORDER or key.startswith("societe"):
                    value = _text(cell(cells, index + 1), empty_values)
                    if value:
                        contacts.setdefault(block, {})[
                            "societe" if key.startswith("societe") else key
                        ] = value
    joined = {
        role: ", ".join(
            " ".join(filter(None, (parts.get("prenom"), parts.get("nom"))))
            if k == "nom"
            else parts.get(k, "")
            for k in CONTACT_ORDER
            if k != "prenom" and (parts.get(k) or (k == "nom" and parts.get("prenom")))
        )
        for role, parts in contacts.items()
    }
    return table, joined, 0


def read(
    path: Path, *, sheet: str | int | None = None, empty_values: tuple[str, ...] = ()
) -> tuple[pd.DataFrame, LayoutReading]:
    book = read_workbook(path, every_sheet=True)
    reading = LayoutReading("cnil", sheet=None, header_row=1)
    fiches, skipped, blank = [], [], []
    for name, grid in book.items():
        if LIST_SHEET in label_key(name.replace("_", " ")):
            continue
        fiche = read_fiche(name, grid, empty_values)
        if fiche is None:
            skipped.append(name)
        elif fiche.blank:
            blank.append(name)
        else:
            fiches.append(fiche)
    listed, contacts, _ = _list_sheet(path, book, empty_values)
    if not fiches and not listed:
        raise InputError(
            str(path),
            "is not in the CNIL model's layout: no sheet named 'Liste des traitements' with a "
            "table of activities, and no fiche (labels 'Nom du traitement', 'N° / RÉF', "
            "'Finalité principale', 'Catégories de données personnelles concernées' looked for "
            f"in the first column of the sheets {', '.join(repr(n) for n in book)})",
            expected="the CNIL's registre des activités de traitement (ODS or XLSX)",
            suggestion="use layout: canonical (with columns:) or layout: ico for a table",
        )
    rows, used = [], set()
    for fiche in fiches:
        values = fiche.values
        line = (
            listed.get(label_key(values.get("activity_id", "")))
            if values.get("activity_id")
            else None
        )
        line = line or listed.get("name:" + label_key(values.get("name", "")))
        if line is not None:
            used.add(id(line))
        line = line or {}
        controller = fiche.actors.get("controller") or contacts.get("controller", "")
        representative = fiche.actors.get("representative") or contacts.get("representative", "")
        if representative:
            controller += ("; " if controller else "") + "representative: " + representative
        if fiche.actors.get("joint"):
            controller += (
                ("; " if controller else "") + "joint controller: " + fiche.actors["joint"]
            )
        dpo = fiche.actors.get("dpo") or contacts.get("dpo", "")
        if fiche.actors.get("dpo_company"):
            dpo += ("; " if dpo else "") + fiche.actors["dpo_company"]
        if not fiche.special and line.get("sensitive", "").strip().lower() not in ("", "non", "no"):
            reading.notes.append(
                f"activity '{values.get('name') or line.get('name', '')}': the list of activities "
                "says it processes sensitive data, but its fiche names no category of them"
            )
        name = values.get("name") or line.get("name", "")
        rows.append(
            {
                "activity_id": values.get("activity_id") or line.get("ref") or derived_id(name),
                "name": name,
                "controller": controller,
                "dpo_contact": dpo,
                "purposes": "; ".join(fiche.purposes) or line.get("purpose", ""),
                "data_subject_categories": "; ".join(fiche.people),
                "data_categories": "; ".join(fiche.data),
                "special_categories": "; ".join(fiche.special),
                "recipients": "; ".join(fiche.recipients),
                "transfer_countries": "; ".join(dict.fromkeys(fiche.countries)),
                "transfer_safeguard": distinct_joined(fiche.safeguards),
                "retention_text": distinct_joined(fiche.retention),
                "security_measures": "; ".join(fiche.security),
                "last_reviewed": _iso(values.get("last_reviewed") or line.get("updated", "")),
                "created": _iso(values.get("created") or line.get("created", "")),
                "sheet": fiche.sheet,
                "_line": fiche.line,
            }
        )
    seen_lines = set()
    for key, line in listed.items():
        if (
            id(line) in used
            or id(line) in seen_lines
            or key.startswith("name:")
            and id(line) in seen_lines
        ):
            continue
        seen_lines.add(id(line))
        rows.append(
            {
                "activity_id": line.get("ref") or derived_id(line.get("name", "")),
                "name": line.get("name", ""),
                "controller": contacts.get("controller", ""),
                "dpo_contact": contacts.get("dpo", ""),
                "purposes": line.get("purpose", ""),
                "last_reviewed": _iso(line.get("updated", "")),
                "created": _iso(line.get("created", "")),
                "sheet": "(list only)",
                "_line": line["line"],
            }
        )
        reading.notes.append(
            f"activity '{line.get('name') or line.get('ref')}' is in the list of activities but "
            "has no fiche: only the list's columns are known"
        )
    frame = pd.DataFrame(rows).fillna("")
    lines = frame.pop("_line").astype(int).tolist() if len(frame) else []
    frame = frame.astype("str")
    frame.attrs["source_lines"] = SourceLines(lines)
    reading.sheet = ", ".join(f.sheet for f in fiches) or None
    reading.mapping = [
        ("Nom du traitement", "name"),
        ("N° / RÉF", "activity_id"),
        ("Mise à jour du traitement", "last_reviewed"),
        (
            "Acteurs: responsable du traitement, représentant, responsable(s) conjoint(s)",
            "controller",
        ),
        ("Acteurs: délégué à la protection des données", "dpo_contact"),
        ("Finalité principale, Sous-finalité 1..n", "purposes"),
        ("Catégories de données personnelles concernées", "data_categories"),
        ("Durée de conservation (per category)", "retention_text"),
        ("Données sensibles", "special_categories"),
        ("Catégorie de personnes 1..n", "data_subject_categories"),
        ("Destinataire 1..n", "recipients"),
        ("Mesure de sécurité 1..n", "security_measures"),
        ("Transferts hors UE: pays", "transfer_countries"),
        ("Transferts hors UE: type de garanties", "transfer_safeguard"),
    ]
    reading.notes.insert(
        0,
        f"CNIL model layout: {len(fiches)} fiche(s) read"
        + (f" ({', '.join(repr(f.sheet) for f in fiches)})" if fiches else "")
        + (f"; blank model fiche skipped: {', '.join(repr(b) for b in blank)}" if blank else "")
        + (f"; other sheets skipped: {', '.join(repr(s) for s in skipped)}" if skipped else "")
        + "; the model has no legal-basis field (ROPA-002 on every activity)",
    )
    return frame, reading
