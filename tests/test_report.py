"""Tests of the report layer: template, render_html, normalise_executed_notebook, render_index
and the display helpers. Tests marked e2e execute a small notebook in a real kernel."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

import matplotlib
import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from audit_lib.report import display as rd
from audit_lib.report import render
from audit_lib.report.render import (
    normalise_executed_notebook,
    render_html,
    render_index,
    report_title,
)

matplotlib.use("Agg")

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

_RESOURCE_ATTRS = {"src", "href", "data", "poster", "srcset", "xlink:href", "action", "background"}


class _ResourceFinder(HTMLParser):
    """Collects attributes that make a browser fetch something remote. Plain links (<a href>)
    are not fetched and are allowed."""

    def __init__(self) -> None:
        super().__init__()
        self.remote: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            return
        for name, value in attrs:
            if name in _RESOURCE_ATTRS and value and re.match(r"\s*(https?:)?//", value):
                self.remote.append(f"<{tag} {name}={value}>")


_REMOTE_IN_CODE = [
    re.compile(r"url\(\s*['\"]?\s*(https?:)?//", re.I),
    re.compile(r"@import", re.I),
    re.compile(r"\bimport\s*(\(|[^;]*?\bfrom)\s*['\"](https?:)?//", re.I),
    re.compile(r"\bfetch\(\s*['\"](https?:)?//", re.I),
    re.compile(r"unpkg\.com|cdnjs|cdn\.jsdelivr|require\.js|mathjax", re.I),
]


def remote_resources(page: str) -> list[str]:
    finder = _ResourceFinder()
    finder.feed(page)
    found = list(finder.remote)
    for pattern in _REMOTE_IN_CODE:
        found += [match.group(0) for match in pattern.finditer(page)]
    return found


def captured_html(call, *args, **kwargs) -> str:
    """Run a display helper outside a kernel and return the HTML / Markdown it displayed."""
    with mock.patch.object(rd, "display") as display:
        call(*args, **kwargs)
    parts = []
    for (obj, *_), _kw in display.call_args_list:
        parts.append(obj.data)
    return "\n".join(parts)


def xss_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "record_key": [SCRIPT, IMG, "plain"],
            "severity": ["high", "critical", "not-a-severity"],
            "days": [1.5, 2.0, None],
            IMG: ["a", "b", "c"],  # a column name is escaped too
        }
    )


@pytest.fixture(autouse=True)
def _fresh_offline_state():
    rd._offline_ready = False
    yield
    rd._offline_ready = False


# --------------------------------------------------------------------------------------------
# template and render_html (no kernel)
# --------------------------------------------------------------------------------------------


def test_template_tag_policy_matches_render_constant():
    conf = json.loads((render.TEMPLATE_DIR / "conf.json").read_text(encoding="utf-8"))
    assert conf["base_template"] == "lab"
    policy = next(iter(conf["preprocessors"].values()))
    assert set(policy["remove_cell_tags"]) == set(render.REMOVED_CELL_TAGS)


def fabricated_notebook() -> nbformat.NotebookNode:
    """An 'executed' notebook with hand-made outputs: fast, no kernel."""
    cells = [
        new_code_cell(
            "PARAMS_SOURCE_MARKER = 1",
            metadata={"tags": ["parameters"]},
            outputs=[new_output("stream", name="stdout", text="PARAMS_OUTPUT_MARKER\n")],
        ),
        new_code_cell(
            "INJECTED_SOURCE_MARKER = 2",
            metadata={"tags": ["injected-parameters"]},
            outputs=[new_output("stream", name="stdout", text="INJECTED_OUTPUT_MARKER\n")],
        ),
        new_markdown_cell("# Processor audit\nSome *prose*."),
        new_code_cell(
            "VISIBLE_CELL_SOURCE_MARKER = 3",
            execution_count=3,
            outputs=[
                new_output("display_data", data={"text/html": "<p>shown output</p>"}),
                new_output("stream", name="stdout", text="a"),
                new_output("stream", name="stdout", text="b\n"),
            ],
        ),
        new_code_cell(
            "x = 1",
            metadata={"tags": ["remove-cell"]},
            outputs=[new_output("stream", name="stdout", text="REMOVED_CELL_MARKER\n")],
        ),
        new_code_cell(
            "raise ValueError('secret subject-42')",
            outputs=[
                new_output(
                    "error",
                    ename="ValueError",
                    evalue="secret subject-42",
                    traceback=["Traceback TRACEBACK_MARKER", "ValueError: secret subject-42"],
                )
            ],
        ),
    ]
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}})


def test_render_html_hides_code_parameters_and_tracebacks():
    page = render_html(fabricated_notebook())
    assert "shown output" in page
    for marker in (
        "SOURCE_MARKER",
        "PARAMS_OUTPUT_MARKER",
        "INJECTED_OUTPUT_MARKER",
        "REMOVED_CELL_MARKER",
        "TRACEBACK_MARKER",
        "subject-42",
        "In&nbsp;[",
        "Out[",
    ):
        assert marker not in page, marker
    assert "This step of the audit failed (ValueError)" in page
    assert "<pre>ab\n</pre>" in page  # stream chunks merged
    assert remote_resources(page) == []
    assert "<script" not in page  # nothing of the lab template's machinery


def test_render_html_title_from_metadata_or_first_heading():
    nb = fabricated_notebook()
    assert "<title>Processor audit</title>" in render_html(nb)
    nb.metadata["title"] = "Q3 <processors>"
    assert "<title>Q3 &lt;processors&gt;</title>" in render_html(nb)


def test_report_title_from_html_output_heading():
    nb = new_notebook(
        cells=[
            new_code_cell(
                "",
                outputs=[
                    new_output("display_data", data={"text/html": "<h1>R&amp;D &lt;x&gt;</h1>"})
                ],
            )
        ]
    )
    assert report_title(nb) == "R&D <x>"
    assert report_title(new_notebook()) == "GDPR audit report"


def test_render_html_is_deterministic_and_ignores_cell_ids():
    first, second = fabricated_notebook(), fabricated_notebook()
    assert [c.id for c in first.cells] != [c.id for c in second.cells]  # random ids
    assert render_html(first) == render_html(first) == render_html(second)
    assert "cell-id=cell-3" in render_html(first)


def test_render_html_does_not_modify_its_input():
    nb = fabricated_notebook()
    before = nbformat.writes(nb)
    render_html(nb)
    assert nbformat.writes(nb) == before


def test_normalise_strips_timing_and_fixes_ids():
    nb = fabricated_notebook()
    nb.metadata["papermill"] = {
        "start_time": "2026-01-01T10:00:00",
        "end_time": "2026-01-01T10:00:03",
        "duration": 3.1,
        "output_path": "/tmp/tmpab12/ropa.ipynb",
        "input_path": "/home/a/notebooks/ropa.ipynb",
        "parameters": {"period": "2026-Q3"},
        "version": "2.7.0",
        "exception": None,
    }
    nb.cells[3].metadata["papermill"] = {
        "start_time": "t",
        "end_time": "t",
        "duration": 0.5,
        "status": "completed",
        "exception": False,
    }
    nb.cells[3].metadata["execution"] = {"iopub.execute_input": "2026-01-01T10:00:01Z"}
    out = normalise_executed_notebook(nb)
    assert [c.id for c in out.cells] == [f"cell-{i}" for i in range(len(out.cells))]
    assert out.metadata.papermill == {
        "input_path": "ropa.ipynb",
        "parameters": {"period": "2026-Q3"},
        "version": "2.7.0",
        "exception": None,
    }
    assert out.cells[3].metadata.papermill == {"status": "completed", "exception": False}
    assert "execution" not in out.cells[3].metadata
    assert [o.get("text") for o in out.cells[3].outputs][1:] == ["ab\n"]
    assert "start_time" in nb.metadata.papermill  # input untouched
    nbformat.validate(out)


# --------------------------------------------------------------------------------------------
# display helpers (no kernel: display() is captured)
# --------------------------------------------------------------------------------------------


def test_show_table_interactive_escapes_values_and_uses_the_given_id():
    page = captured_html(rd.show_table, xss_frame(), "findings", caption=f"Cap {SCRIPT}")
    assert SCRIPT not in page and IMG not in page
    assert page.count(SCRIPT_ESCAPED) >= 3  # caption, DataTables data, print copy
    assert IMG_ESCAPED in page
    assert 'id="findings"' in page
    assert 'id="findings-print"' in page
    assert not re.search(r"itables_[0-9a-f]{8}_|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}", page)
    assert page.count("async function injectModule") == 1  # the bundle, embedded
    assert "new ITable(" in page
    assert "unpkg" not in page and remote_resources(page) == []


def test_show_table_bundle_once_per_notebook():
    with mock.patch.object(rd, "display") as display:
        rd.show_table(xss_frame(), "t1")
        rd.show_table(xss_frame(), "t2")
    page = "\n".join(call.args[0].data for call in display.call_args_list)
    assert page.count("async function injectModule") == 1


def test_show_table_static_escapes_and_badges():
    page = captured_html(rd.show_table, xss_frame(), "static-table", interactive=False)
    assert SCRIPT not in page and IMG not in page
    assert SCRIPT_ESCAPED in page and IMG_ESCAPED in page
    assert '<span class="gdpr-badge gdpr-sev-critical">critical</span>' in page
    assert "gdpr-sev-not-a-severity" not in page
    assert 'id="static-table"' in page and "<script" not in page
    hashes = pd.DataFrame({"file": ["a.csv"], "sha256": ["ab" * 32]})
    page = captured_html(rd.show_table, hashes, "hashes", interactive=False)
    assert f'<td class="gdpr-long">{"ab" * 32}</td>' in page and "<td>a.csv</td>" in page


def test_show_table_max_rows_note_and_named_index():
    df = pd.DataFrame({"rule_id": [f"R{i}" for i in range(10)], "n": range(10)}).set_index(
        "rule_id"
    )
    page = captured_html(rd.show_table, df, "t", interactive=False, max_rows=3, note="N & B")
    assert "Showing 3 of 10 rows; all of them are in findings.csv / findings.xlsx." in page
    assert "<th>rule_id</th>" in page and "R2" in page and "R3" not in page
    assert "N &amp; B" in page


def test_show_table_empty_frame_is_a_plain_table():
    page = captured_html(rd.show_table, pd.DataFrame({"rule_id": []}), "empty")
    assert "No rows." in page and "injectModule" not in page


def test_show_table_rejects_bad_ids():
    with pytest.raises(ValueError):
        captured_html(rd.show_table, xss_frame(), '1"><script>')


def test_header_message_kpis_escape():
    page = captured_html(rd.show_header, SCRIPT, IMG, "2026-Q3", "2026-09-30", subtitle=SCRIPT)
    page += captured_html(rd.show_message, "error", SCRIPT, details=[IMG])
    page += captured_html(
        rd.show_kpis, [{"label": SCRIPT, "value": 3, "note": IMG, "status": "bad"}]
    )
    assert SCRIPT not in page and IMG not in page
    assert "gdpr-msg-error" in page and "gdpr-status-bad" in page
    bare = captured_html(rd.show_header, "Title", "", "", "")
    assert "<h1>Title</h1>" in bare and "gdpr-meta" not in bare
    with pytest.raises(ValueError):
        captured_html(rd.show_message, "fatal", "x")
    with pytest.raises(ValueError):
        captured_html(rd.show_kpis, [{"label": "x", "value": 1, "status": "red"}])


def test_show_markdown_escapes_inserted_values():
    value = f"*bold* [x](javascript:alert(1)) {SCRIPT} $x$"
    text = captured_html(rd.show_markdown, "**{n:,}** found in {name}.", n=1234, name=value)
    assert text.startswith("**1,234** found in ")
    body = render_html(
        new_notebook(
            cells=[new_code_cell("", outputs=[new_output("display_data", {"text/markdown": text})])]
        )
    )
    assert "<strong>1,234</strong>" in body
    assert SCRIPT not in body and "<em>bold</em>" not in body and 'href="javascript' not in body
    assert SCRIPT_ESCAPED in body and "*bold* [x](javascript:alert(1))" in body
    literal = captured_html(rd.show_markdown, "Counts by {severity}")  # no values: as is
    assert literal == "Counts by {severity}"


def _figure():
    import matplotlib.pyplot as plt

    rd.apply_style()
    fig, ax = plt.subplots()
    ax.bar(list(rd.SEVERITY_COLOURS), [3, 2, 1, 0, 4], color=list(rd.SEVERITY_COLOURS.values()))
    ax.set_title("Findings <by> severity")
    return fig


def test_show_figure_inline_svg_is_deterministic():
    import matplotlib.pyplot as plt

    open_before = set(plt.get_fignums())  # whatever earlier tests in this process left open
    figures = [_figure(), _figure()]
    first, second = (captured_html(rd.show_figure, f, alt=f"Findings {SCRIPT}") for f in figures)
    assert first == second
    assert set(plt.get_fignums()) == open_before  # both closed
    assert not {f.number for f in figures} & set(plt.get_fignums())
    assert first.lstrip().startswith('<figure class="gdpr-figure">\n<svg ')
    assert f'aria-label="Findings {SCRIPT_ESCAPED}"' in first
    assert "<?xml" not in first and "DOCTYPE" not in first and "<metadata" not in first
    assert "dc:date" not in first and SCRIPT not in first
    assert "Findings &lt;by&gt; severity" in first  # svg.fonttype none: text stays text


# --------------------------------------------------------------------------------------------
# render_index
# --------------------------------------------------------------------------------------------


def index_context() -> dict:
    return {
        "organisation": f"Example {SCRIPT}",
        "period": "2026-Q3",
        "audit_date": "2026-09-30",
        "summary_href": "summary.html",
        "audits": [
            {"name": "ropa", "title": "RoPA", "status": "run", "findings": {"high": 2, "low": 1}},
            {"name": "access", "title": "Access", "status": "not run", "note": IMG},
            {"name": "processors", "title": "Processors", "status": "input error"},
        ],
        "exports": [
            {"name": "findings.csv", "sha256": "ab" * 32, "description": "all findings"},
            {"name": "ropa.ipynb", "sha256": "CD" * 32},
        ],
        "input_errors": [{"audit": "processors", "message": f"processors.csv row 3: {SCRIPT}"}],
    }


def test_render_index_escapes_and_links():
    page = render_index(index_context())
    assert SCRIPT not in page and IMG not in page
    assert SCRIPT_ESCAPED in page and IMG_ESCAPED in page
    for href in ("summary.html", "ropa.html", "processors.html", "findings.csv", "ropa.ipynb"):
        assert f'href="{href}"' in page
    assert 'href="access.html"' not in page  # not run: no report
    assert "ab" * 32 in page and "cd" * 32 in page
    assert "input error" in page and "not run" in page
    assert remote_resources(page) == []
    assert "<title>GDPR audit 2026-Q3 - Example &lt;script&gt;" in page
    assert render_index(index_context()) == page


@pytest.mark.parametrize(
    "change",
    [
        {"exports": [{"name": "javascript:alert(1)", "sha256": "ab" * 32}]},
        {"exports": [{"name": "../etc/passwd", "sha256": "ab" * 32}]},
        {"exports": [{"name": "x.csv", "sha256": "not-a-hash"}]},
        {"summary_href": "https://example.org/"},
        {"audits": [{"name": "ropa", "title": "RoPA", "status": "done"}]},
        {"audits": [{"title": "no name", "status": "run"}]},
    ],
)
def test_render_index_refuses_bad_context(change):
    with pytest.raises(ValueError):
        render_index({**index_context(), **change})


# --------------------------------------------------------------------------------------------
# end to end: a real kernel through papermill
# --------------------------------------------------------------------------------------------

E2E_CELLS = [
    (
        'organisation = "Default Org"\nperiod = "2000-Q1"\ninjected_marker = "DEFAULT"',
        ["parameters"],
    ),
    (
        "# CODE-MARKER-imports\n"
        "import matplotlib.pyplot as plt\n"
        "import pandas as pd\n"
        "from audit_lib.report import display as rd\n"
        "rd.apply_style()\n"
        "rd.init_offline()\n"
        'rd.show_header("Retention audit", organisation, period, "2026-09-30")',
        [],
    ),
    ("# CODE-MARKER-removed\nprint('REMOVED-CELL-OUTPUT')", ["remove-cell"]),
    (
        "# CODE-MARKER-table\n"
        "df = pd.DataFrame({\n"
        f"    'record_key': [{SCRIPT!r}, {IMG!r}] + [f'rec-{{i}}' for i in range(40)],\n"
        "    'severity': ['critical', 'high', 'medium', 'low', 'info', 'high'] * 7,\n"
        "    'days_over': [i * 1.5 for i in range(42)],\n"
        "})\n"
        "rd.show_kpis([{'label': 'Findings', 'value': len(df), 'status': 'bad'}])\n"
        "rd.show_table(df, 'findings', caption='Findings', max_rows=30)\n"
        "rd.show_table(df.head(5), 'findings-plain', interactive=False)",
        [],
    ),
    (
        "# CODE-MARKER-figure\n"
        "fig, ax = plt.subplots()\n"
        "counts = df['severity'].value_counts().reindex(list(rd.SEVERITY_COLOURS))\n"
        "ax.bar(counts.index, counts.values, color=list(rd.SEVERITY_COLOURS.values()))\n"
        "rd.show_figure(fig, alt='Findings by severity')",
        [],
    ),
]


@pytest.fixture(scope="module")
def e2e_runs(tmp_path_factory) -> list[tuple[nbformat.NotebookNode, str]]:
    """The same notebook executed twice by papermill (with injected parameters), rendered."""
    import papermill

    folder = tmp_path_factory.mktemp("report-e2e")
    cells = [new_code_cell(source, metadata={"tags": tags}) for source, tags in E2E_CELLS]
    nb = new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    source = folder / "audit.ipynb"
    nbformat.write(nb, source)
    runs = []
    for run in range(2):
        out = folder / f"run{run}.ipynb"
        papermill.execute_notebook(
            str(source),
            str(out),
            parameters={"organisation": "Example Group", "injected_marker": "INJECTED-MARKER"},
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            shutdown_kernel="immediate",
        )
        executed = nbformat.read(out, as_version=4)
        runs.append((executed, render_html(executed)))
    return runs


@pytest.mark.e2e
def test_e2e_reports_are_byte_identical(e2e_runs):
    (nb1, page1), (nb2, page2) = e2e_runs
    assert page1 == page2
    assert nbformat.writes(normalise_executed_notebook(nb1)) == nbformat.writes(
        normalise_executed_notebook(nb2)
    )


@pytest.mark.e2e
def test_e2e_no_code_no_parameters_no_remote(e2e_runs):
    nb, page = e2e_runs[0]
    assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
    assert "CODE-MARKER" not in page
    assert "INJECTED-MARKER" not in page and "Default Org" not in page
    assert "REMOVED-CELL-OUTPUT" not in page
    assert "Example Group" in page  # the injected value, shown by show_header
    assert remote_resources(page) == []
    assert "data:image/png" not in page  # figures are inline SVG only
    assert "<title>Retention audit</title>" in page


@pytest.mark.e2e
def test_e2e_values_escaped(e2e_runs):
    _, page = e2e_runs[0]
    assert SCRIPT not in page and IMG not in page
    assert SCRIPT_ESCAPED in page and IMG_ESCAPED in page


@pytest.mark.e2e
def test_e2e_itables_offline_and_svg(e2e_runs):
    _, page = e2e_runs[0]
    assert page.count("async function injectModule") == 1  # the bundle, once
    assert 'id="findings"' in page and "new ITable(" in page
    assert 'id="findings-plain"' in page
    assert "Showing 30 of 42 rows" in page
    svg = re.search(r"<svg [^>]*aria-label=\"Findings by severity\".*?</svg>", page, re.S)
    assert svg is not None and "<title>Findings by severity</title>" in svg.group(0)


def test_css_severity_colours_match_the_python_mapping():
    css = render.CSS_FILE.read_text(encoding="utf-8")
    for severity, colour in rd.SEVERITY_COLOURS.items():
        assert f"--sev-{severity}: {colour};" in css


def test_rendered_page_is_small_without_tables():
    """Our CSS replaces the lab template's ~260 KB; a page without interactive tables stays
    small."""
    page = render_html(fabricated_notebook())
    assert len(page.encode()) < 30_000
    assert Path(render.CSS_FILE).stat().st_size < 15_000
