"""Create (or re-create) a thin audit notebook: parameters -> session -> one call per section.

Usage: python tools/make_notebook.py AUDIT "Title shown in JupyterLab"
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat


def make(audit: str, title: str) -> nbformat.NotebookNode:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [
        md(
            f"# {title}\n\n"
            f"Run as-is in JupyterLab (it reads the bundled sample), or for a period with "
            f"`gdpr-audit run --params PARAMS.yaml`, which injects `params_path`. All logic lives in "
            f"`audit_lib`; this notebook only shows. After running, `session.ctx.frames` holds the typed "
            f"registers and `session.findings` the findings, for investigation.",
            metadata={"tags": ["remove-cell"]},
        ),
        code(
            'params_path = "../parameters/sample.yaml"\nresults_dir = None',
            metadata={"tags": ["parameters"]},
        ),
        code(
            "from audit_lib.notebook import AuditSession\n\n"
            f'session = AuditSession.open("{audit}", params_path, results_dir)\n'
            "findings = session.run()\n"
            "session.show_header()"
        ),
        md("## Scope and inputs"),
        code("session.show_inputs()"),
        md("## Data quality"),
        code("session.show_data_quality()"),
        md("## Key figures"),
        code("session.show_kpis()"),
        md("## Findings by rule"),
        code("session.show_findings_by_rule()"),
        md("## Charts"),
        code("session.show_charts()"),
        code("session.show_details()"),
        md("## All findings"),
        code("session.show_findings_table()"),
        code("session.finish()", metadata={"tags": ["remove-cell"]}),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata = {
        "title": title,
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    for i, cell in enumerate(nb.cells):
        cell.id = f"{audit}-{i:02d}"
    return nb


if __name__ == "__main__":
    audit, title = sys.argv[1], sys.argv[2]
    path = Path(__file__).resolve().parent.parent / "notebooks" / f"{audit}.ipynb"
    nbformat.write(make(audit, title), path)
    print(f"wrote {path}")
