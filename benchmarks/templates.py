"""Loading registers kept in the regulators' templates at scale (issue 15's performance goal).

An ICO-layout register of 5,000 activities x 10 rows each (XLSX) and a CNIL workbook of 300 fiches
(ODS, as the CNIL publishes the model, and the same as XLSX) are generated once under
`benchmarks/data/templates/` from the real files' structure, then read by their layout
(`audit_lib.layouts.read_layout`: workbook, labels, grouping) and typed (`check_register`). Goal:
each loads in under 3 s on 2 cores.

`python -m benchmarks.templates` prints the Markdown section (and `benchmarks.run` includes it).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "templates"
FIXTURES = ROOT / "tests" / "fixtures" / "registers"
ICO_ACTIVITIES, ICO_ROWS_EACH, CNIL_FICHES = 5_000, 10, 300
GOAL_SECONDS = 3.0


def ico_workbook(path: Path) -> Path:
    """The Fides data map's contact block and headings, then 5,000 activities x 10 rows."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(FIXTURES / "fides_datamap_2022-10-24.xlsx", read_only=True)
    head = [list(row) for row in source.worksheets[0].iter_rows(max_row=9, values_only=True)]
    source.close()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("sheet1")
    for row in head:
        sheet.append(row)
    countries = ("CAN, USA, GBR", "N/A", "France", "IND")
    for activity in range(ICO_ACTIVITIES):
        for row in range(ICO_ROWS_EACH):
            sheet.append(
                [
                    f"Dataset {activity}",
                    f"System {activity % 400}",
                    f"Department {activity % 37}",
                    f"Purpose {activity}",
                    None,
                    "Customer; Employee",
                    f"user.category.{row}",
                    "Service providers",
                    None,
                    countries[activity % 4],
                    "Standard contractual clauses" if activity % 3 else None,
                    "30 days after account deletion"
                    if row % 2
                    else "6 years after the end of the contract",
                    "Encryption at rest",
                    "Controller",
                    ("Consent", "Contract", "Legitimate interests", "N/A")[activity % 4],
                    "N/A",
                    None,
                    None,
                    "Access, erasure",
                    "N/A",
                    None,
                    activity % 2 == 0,
                    "Complete" if activity % 5 else "In progress",
                    None,
                ]
            )
    workbook.save(path)
    return path


def cnil_grids() -> dict[str, list[list[str]]]:
    """300 fiches shaped as the CNIL example fiche, and a list sheet naming them."""
    from audit_lib.loaders import read_workbook

    book = read_workbook(FIXTURES / "cnil_registre_traitement_simplifie.ods", every_sheet=True)
    grids = {name: [cells for _, cells in rows] for name, rows in book.items()}
    example = grids.pop("4_-_Exemple_de_fiche")
    listing = grids["2_-_Liste_des_traitements"]
    header = listing[:8]
    out = {"Tutoriel": grids["Tutoriel"], "2_-_Liste_des_traitements": [list(r) for r in header]}
    for number in range(1, CNIL_FICHES + 1):
        fiche = []
        for row in example:
            row = list(row)
            if row and row[0] == "N° / RÉF" and len(row) > 1:
                row[1] = f"T-{number:03d}"
            if row and row[0] == "Nom du traitement" and len(row) > 1:
                row[1] = f"Traitement {number}"
            fiche.append(row)
        out[f"Fiche {number:03d}"] = fiche
        out["2_-_Liste_des_traitements"].append(
            [
                f"Traitement {number}",
                f"T-{number:03d}",
                "2018-05-26",
                "2019-05-13",
                "Paie",
                "",
                "",
                "Non",
            ]
        )
    out["5_-_Listes"] = grids["5_-_Listes"]
    return out


def cnil_ods(path: Path) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in cnil_grids().items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                table_cell = TableCell(valuetype="string")
                if value:
                    table_cell.addElement(P(text=value))
                table_row.addElement(table_cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def cnil_xlsx(path: Path) -> Path:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, rows in cnil_grids().items():
        sheet = workbook.create_sheet(name[:31])
        for row in rows:
            sheet.append([value or None for value in row])
    workbook.save(path)
    return path


def files() -> dict[str, tuple[str, Path]]:
    """{label: (layout, path)}, generated once."""
    DATA.mkdir(parents=True, exist_ok=True)
    made = {
        "ICO, 5,000 activities x 10 rows (XLSX)": ("ico", DATA / "ico_5000x10.xlsx", ico_workbook),
        "CNIL, 300 fiches (ODS)": ("cnil", DATA / "cnil_300.ods", cnil_ods),
        "CNIL, 300 fiches (XLSX)": ("cnil", DATA / "cnil_300.xlsx", cnil_xlsx),
    }
    out = {}
    for label, (layout, path, make) in made.items():
        if not path.exists():
            make(path)
        out[label] = (layout, path)
    return out


def measure(layout: str, path: Path, repeat: int = 3) -> tuple[float, float, float, int]:
    """(median read seconds, median typing + validation seconds, median CPU seconds of both,
    activities). CPU time is shown beside the wall time: on a machine shared with other work the
    wall time of this single-threaded step grows, its CPU time does not."""
    from audit_lib.layouts import complete_register, read_layout
    from audit_lib.params import DEFAULT_EMPTY_VALUES
    from audit_lib.schemas import check_register

    reads, checks, cpus = [], [], []
    rows = 0
    for _ in range(repeat):
        cpu = time.process_time()
        start = time.perf_counter()
        frame, _ = read_layout(layout, path, empty_values=DEFAULT_EMPTY_VALUES)
        frame, _ = complete_register("processing_register", frame)
        middle = time.perf_counter()
        check_register(frame, "processing_register")
        end = time.perf_counter()
        reads.append(middle - start)
        checks.append(end - middle)
        cpus.append(time.process_time() - cpu)
        rows = len(frame)
    return statistics.median(reads), statistics.median(checks), statistics.median(cpus), rows


def markdown(repeat: int = 3) -> str:
    lines = [
        "## Registers in the regulators' templates",
        "",
        f"Goal: each loads in under {GOAL_SECONDS:.0f} s (read by its layout, typed and validated). "
        "Files generated once from the structure of the real ICO-layout export and CNIL model in "
        "`tests/fixtures/registers/`.",
        "",
        "| register | activities | read by the layout s | typing + validation s | total s | CPU s | goal |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for label, (layout, path) in files().items():
        read, check, cpu, rows = measure(layout, path, repeat)
        total = read + check
        lines.append(
            f"| {label} | {rows:,} | {read:.2f} | {check:.2f} | {total:.2f} | {cpu:.2f} | "
            f"{'met' if total < GOAL_SECONDS else 'missed'} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    print(markdown(int(sys.argv[1]) if len(sys.argv) > 1 else 3))
