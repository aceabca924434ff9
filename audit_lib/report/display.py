"""Display helpers for the audit notebooks' code cells.

Each helper displays rich output (HTML, inline SVG, Markdown) through ``IPython.display`` and
returns None. The markup comes from small Jinja2 templates with autoescape on: every value, and
in particular every value read from the inputs, is HTML-escaped; nothing is assembled with
f-strings. The output depends only on the arguments (no clock, no random ids), so two runs of a
notebook give byte-identical reports. Looks come from the report stylesheet
(``templates/gdpr_audit/static/gdpr_audit.css``) through ``gdpr-*`` classes, not inline styles.

Typical use in a notebook::

    from audit_lib.report import display as rd
    rd.apply_style()
    rd.init_offline()
    rd.show_header("Retention audit", org, period, audit_date)
    rd.show_table(findings, "retention-findings", caption="Findings", max_rows=200)
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import string
import warnings
from collections.abc import Mapping, Sequence
from html import escape as _html_escape
from numbers import Integral, Real
from typing import Any

import pandas as pd
from IPython.display import HTML, Markdown, display
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

__all__ = [
    "SEVERITIES",
    "SEVERITY_COLOURS",
    "apply_style",
    "escape_markdown",
    "init_offline",
    "show_figure",
    "show_header",
    "show_kpis",
    "show_markdown",
    "show_message",
    "show_table",
]

SEVERITIES = ("critical", "high", "medium", "low", "info")
#: Severity colours for charts; the report CSS uses the same values for the badges.
SEVERITY_COLOURS: dict[str, str] = {
    "critical": "#7f0000",  # dark red
    "high": "#c62828",  # red
    "medium": "#e39b00",  # amber
    "low": "#5f7d8e",  # blue-grey
    "info": "#9e9e9e",  # grey
}

MESSAGE_KINDS = {"info": "Note", "warning": "Warning", "error": "Error", "success": "OK"}
KPI_STATUSES = ("good", "warn", "bad")
TRUNCATED_NOTE = "Showing {shown} of {total} rows; all of them are in findings.csv / findings.xlsx."

_TABLE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
LONG_TOKEN = 28  # a cell with a run of more characters than this without a space may wrap anywhere
_LONG_TOKEN = re.compile(rf"\S{{{LONG_TOKEN + 1},}}")

_env = Environment(autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
_HEADER = _env.from_string(
    """<header class="gdpr-header">
<h1>{{ title }}</h1>
{% if subtitle %}
<p class="gdpr-subtitle">{{ subtitle }}</p>
{% endif %}
{% if meta %}
<dl class="gdpr-meta">
{% for label, value in meta %}
<div><dt>{{ label }}</dt><dd>{{ value }}</dd></div>
{% endfor %}
</dl>
{% endif %}
</header>
"""
)
_MESSAGE = _env.from_string(
    """<div class="gdpr-msg gdpr-msg-{{ kind }}" role="{{ role }}">
<span class="gdpr-msg-kind">{{ label }}</span>{{ text }}
{% if details %}
<ul>
{% for line in details %}
<li>{{ line }}</li>
{% endfor %}
</ul>
{% endif %}
</div>
"""
)
_KPIS = _env.from_string(
    """<div class="gdpr-kpis">
{% for kpi in kpis %}
<div class="gdpr-kpi{% if kpi.status %} gdpr-status-{{ kpi.status }}{% endif %}">
<div class="gdpr-kpi-label">{{ kpi.label }}</div>
<div class="gdpr-kpi-value">{{ kpi.value }}</div>
{% if kpi.note %}
<div class="gdpr-kpi-note">{{ kpi.note }}</div>
{% endif %}
</div>
{% endfor %}
</div>
"""
)
_STATIC_TABLE = _env.from_string(
    """<table class="gdpr-static" id="{{ table_id }}">
<thead>
<tr>
{% for column in columns %}
<th{% if column.numeric %} class="gdpr-num"{% endif %}>{{ column.name }}</th>
{% endfor %}
</tr>
</thead>
<tbody>
{% for row in rows %}
<tr>
{% for cell in row %}
{% set column = columns[loop.index0] %}
<td{% if column.numeric %} class="gdpr-num"{% elif cell | length > long_token and long_token_re.search(cell) %} class="gdpr-long"{% endif %}>
{%- if column.severity and cell | lower in severities -%}
<span class="gdpr-badge gdpr-sev-{{ cell | lower }}">{{ cell }}</span>
{%- else -%}
{{ cell }}
{%- endif -%}
</td>
{% endfor %}
</tr>
{% else %}
<tr><td class="gdpr-empty" colspan="{{ columns | length or 1 }}">No rows.</td></tr>
{% endfor %}
</tbody>
</table>
"""
)
_TABLE_BLOCK = _env.from_string(
    """<div class="gdpr-table">
{% if caption %}
<p class="gdpr-caption">{{ caption }}</p>
{% endif %}
{% if interactive %}
<div class="gdpr-interactive">
{{ interactive }}
</div>
<div class="gdpr-print-copy">
{{ static }}
</div>
{% else %}
{{ static }}
{% endif %}
{% for line in notes %}
<p class="gdpr-table-note">{{ line }}</p>
{% endfor %}
</div>
"""
)
_FIGURE = _env.from_string(
    """<figure class="gdpr-figure">
{{ svg }}
</figure>
"""
)
# completes matplotlib's opening <svg ...> tag
_SVG_LABEL = _env.from_string(' role="img" aria-label="{{ alt }}"><title>{{ alt }}</title>')


# --------------------------------------------------------------------------------------------
# header, messages, KPIs, markdown
# --------------------------------------------------------------------------------------------


def show_header(
    title: str,
    organisation: str,
    period: str,
    audit_date: str,
    subtitle: str | None = None,
) -> None:
    """Report header: the title as the page's first heading (it becomes the page title when
    the notebook has no ``metadata.title``), an optional subtitle, organisation, period and
    audit date (an empty one is left out)."""
    display(
        HTML(
            _HEADER.render(
                title=title,
                subtitle=subtitle,
                meta=[
                    (label, str(value))
                    for label, value in (
                        ("Organisation", organisation),
                        ("Period", period),
                        ("Audit date", audit_date),
                    )
                    if value not in (None, "")
                ],
            )
        )
    )


def show_message(kind: str, text: str, details: Sequence[str] | None = None) -> None:
    """A boxed message; `kind` is info, warning, error or success. Use it for blocking input
    errors (one detail line per problem: file, row/column, what was expected) and for
    "not evaluated" notes."""
    if kind not in MESSAGE_KINDS:
        raise ValueError(f"message kind must be one of {sorted(MESSAGE_KINDS)}, not {kind!r}")
    display(
        HTML(
            _MESSAGE.render(
                kind=kind,
                role="alert" if kind == "error" else "note",
                label=MESSAGE_KINDS[kind],
                text=text,
                details=[str(line) for line in details or ()],
            )
        )
    )


def show_kpis(kpis: Sequence[Mapping[str, Any]]) -> None:
    """A row of KPI tiles. Each item: ``label``, ``value``, optional ``note``, optional
    ``status`` (good / warn / bad: the tile's colour)."""
    tiles = []
    for kpi in kpis:
        status = kpi.get("status")
        if status is not None and status not in KPI_STATUSES:
            raise ValueError(f"KPI status must be one of {KPI_STATUSES}, not {status!r}")
        tiles.append(
            {
                "label": str(kpi["label"]),
                "value": _cell_text(kpi["value"]),
                "note": kpi.get("note"),
                "status": status,
            }
        )
    display(HTML(_KPIS.render(kpis=tiles)))


# the ASCII punctuation that means something to Markdown (and to nbconvert's math handling);
# & < > " ' are dealt with by HTML escaping, which must come after
_MD_PUNCTUATION = re.compile(r"""([!#$()*+\-.:=@\[\\\]^_`{|}~])""")


def escape_markdown(value: object) -> str:
    """Make `value` inert inside Markdown: line breaks become spaces, the punctuation that
    Markdown reads is backslash-escaped (no emphasis, link, image, heading, list, table, math
    or autolink can start), then ``& < > " '`` are HTML-escaped (no raw HTML)."""
    text = re.sub(r"[\r\n\t\f\v]+", " ", str(value))
    return _html_escape(_MD_PUNCTUATION.sub(r"\\\1", text), quote=True)


class _EscapingFormatter(string.Formatter):
    def format_field(self, value: Any, format_spec: str) -> str:
        return escape_markdown(super().format_field(value, format_spec))


def show_markdown(text: str, /, **values: Any) -> None:
    """Display Markdown written in the notebook, with values inserted safely.

    `text` is trusted Markdown (a literal in the notebook) with ``str.format`` placeholders,
    e.g. ``show_markdown("**{n:,}** processors have no contract; largest: {name}.", n=n,
    name=name)``. Each value is formatted with its format spec, then passed through
    `escape_markdown`, so a value from the inputs always shows as plain text. Never build
    `text` itself from input data (no f-strings): pass such data as a value. Without values,
    `text` is displayed as is (braces included).
    """
    if values:
        text = _EscapingFormatter().vformat(text, (), values)
    display(Markdown(text))


# --------------------------------------------------------------------------------------------
# tables
# --------------------------------------------------------------------------------------------

_offline_ready = False


def init_offline(force: bool = False) -> None:
    """Embed the DataTables bundle (JS + CSS, from the installed itables) in the page, once.

    Call it once near the top of the notebook, in a cell that is not removed from the report.
    `show_table(interactive=True)` calls it on first use if the notebook has not, so the
    bundle (~1 MB, base64) is included exactly once per executed notebook. `force` displays
    it again (e.g. after clearing outputs in JupyterLab).
    """
    global _offline_ready
    if _offline_ready and not force:
        return
    display(HTML(_offline_bundle_html()))
    _offline_ready = True


def _offline_bundle_html() -> str:
    from itables import options as itables_options
    from itables.javascript import generate_init_offline_itables_html

    page = generate_init_offline_itables_html(itables_options.dt_bundle)
    # Keep only the loader script: what follows it is a <noscript> notice about trusting
    # notebooks, which has no place in a report.
    end = page.find("</script>")
    return page[: end + len("</script>")] if end >= 0 else page


_SEVERITY_RENDER = """function (data, type, row, meta) {
    var order = ["critical", "high", "medium", "low", "info"];
    var rank = order.indexOf(String(data).toLowerCase());
    if (type === "sort") { return String(rank >= 0 ? rank : order.length); }
    if (type !== "display" || rank < 0) { return data; }
    return '<span class="gdpr-badge gdpr-sev-' + order[rank] + '">' + order[rank] + "</span>";
}"""


def show_table(
    df: pd.DataFrame,
    table_id: str,
    caption: str | None = None,
    interactive: bool = True,
    max_rows: int | None = None,
    note: str | None = None,
) -> None:
    """Display a DataFrame as a table; every value is escaped.

    interactive=True: an itables DataTable (sort, search, paging) that works offline from a
    file:// page (the bundle comes from `init_offline`), with `table_id` as its HTML id; a
    plain copy of the same rows (id ``<table_id>-print``) replaces it when the page is printed.
    interactive=False: a plain HTML table with id `table_id`. A column named ``severity``
    shows badges (and sorts by severity in interactive tables). `table_id`: letters, digits,
    ``-`` and ``_``, unique in the notebook. `max_rows`: show the first N rows and say so
    (the full list belongs in findings.csv / findings.xlsx). Values are shown as text: dates
    as ISO, floats with up to 2 decimals, missing values empty.
    """
    if not isinstance(table_id, str) or not _TABLE_ID.fullmatch(table_id):
        raise ValueError(f"table_id must match {_TABLE_ID.pattern}: {table_id!r}")
    if max_rows is not None and max_rows < 0:
        raise ValueError("max_rows must be >= 0")
    total = len(df)
    shown = df if max_rows is None or total <= max_rows else df.head(max_rows)
    if any(name is not None for name in shown.index.names):
        shown = shown.reset_index()  # a named index (e.g. after a groupby): leading columns
    else:
        shown = shown.reset_index(drop=True)
    frame = _display_frame(shown)
    columns = [
        {
            "name": name,
            "numeric": _is_numeric(shown.iloc[:, i]),
            "severity": name.strip().lower() == "severity",
        }
        for i, name in enumerate(frame.columns)
    ]

    notes = []
    if len(shown) < total:
        notes.append(TRUNCATED_NOTE.format(shown=len(shown), total=total))
    if note:
        notes.append(note)

    interactive = interactive and len(frame) > 0
    static = _STATIC_TABLE.render(
        table_id=f"{table_id}-print" if interactive else table_id,
        columns=columns,
        rows=frame.itertuples(index=False, name=None),
        severities=SEVERITIES,
        long_token=LONG_TOKEN,
        long_token_re=_LONG_TOKEN,
    )
    if interactive:
        init_offline()
        interactive_html = Markup(_datatable_html(frame, table_id, columns))
    else:
        interactive_html = None
    block = _TABLE_BLOCK.render(
        caption=caption, interactive=interactive_html, static=Markup(static), notes=notes
    )
    display(HTML(block))


def _datatable_html(frame: pd.DataFrame, table_id: str, columns: list[dict[str, Any]]) -> str:
    from itables import JavascriptFunction, to_html_datatable

    column_defs = [
        {"targets": i, "render": JavascriptFunction(_SEVERITY_RENDER)}
        for i, column in enumerate(columns)
        if column["severity"]
    ]
    column_defs += [
        {"targets": i, "className": "dt-right"}
        for i, column in enumerate(columns)
        if column["numeric"]
    ]
    options: dict[str, Any] = {
        "table_id": table_id,  # itables would otherwise draw a random id
        "connected": False,  # the bundle is in the page (init_offline), never on a CDN
        "allow_html": False,  # values are escaped
        "display_logo_when_loading": False,
        "showIndex": False,  # the index, when meaningful, is already a column
        "maxBytes": 0,  # no silent downsampling: rows are bounded by max_rows
        "maxRows": 0,
        "maxColumns": 0,
        "classes": "display compact",
        "order": [],
        "pageLength": 25,
        "lengthMenu": [25, 50, 100, 500],
        "layout": {
            "topStart": "pageLength",
            "topEnd": "search",
            "bottomStart": "info",
            "bottomEnd": "paging",
        },
        "style": "table-layout:auto;width:100%;margin:0;caption-side:bottom",
    }
    if column_defs:
        options["columnDefs"] = column_defs
    return to_html_datatable(frame, **options)


def _display_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The table as text: column names are strings, every value goes through `_cell_text`."""
    frame = pd.DataFrame(
        {i: [_cell_text(value) for value in df.iloc[:, i].tolist()] for i in range(df.shape[1])},
        index=pd.RangeIndex(len(df)),
        dtype=object,
    )
    frame.columns = [_column_name(column) for column in df.columns]
    return frame


def _column_name(column: object) -> str:
    if isinstance(column, tuple):
        return " / ".join(str(part) for part in column if str(part))
    return str(column)


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _cell_text(value: object) -> str:
    """One value as display text (deterministic, locale-independent)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp | dt.datetime):
        if value.tzinfo is None and (value.hour, value.minute, value.second, value.microsecond) == (
            0,
            0,
            0,
            0,
        ):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Integral):
        return str(int(value))
    if isinstance(value, Real):
        number = float(value)
        if math.isnan(number):
            return ""
        if math.isinf(number):
            return "inf" if number > 0 else "-inf"
        if number.is_integer():
            return str(int(number))
        return f"{number:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, pd.Timedelta):
        return str(value)
    return str(value)


# --------------------------------------------------------------------------------------------
# figures
# --------------------------------------------------------------------------------------------

#: rcParams that make matplotlib's SVG output byte-stable (set by apply_style, and around
#: every show_figure call)
SVG_RC = {
    "svg.hashsalt": "gdpr-audit",  # ids of clip paths / markers: hashes of content + salt
    "svg.fonttype": "none",  # text stays text: small, searchable, crisp in print
    "svg.id": None,
    "svg.image_inline": True,
}
# no <metadata> block at all (no date, no creator string with the matplotlib version)
_SVG_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}

STYLE_RC = {
    "figure.figsize": (7.2, 3.4),
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "savefig.facecolor": "white",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "sans-serif"],
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.labelcolor": "#333333",
    "axes.edgecolor": "#888888",
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#e3e6ea",
    "grid.linewidth": 0.8,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "text.color": "#1f2328",
}
# neutral series colours (axes.prop_cycle); severity charts use SEVERITY_COLOURS instead
SERIES_COLOURS = ["#1f4e79", "#6b8fb5", "#2e7d32", "#8d6e63", "#7b5ea7", "#00838f"]


def apply_style() -> None:
    """Set the report's matplotlib style (readable sizes, no top/right spines, light grid,
    neutral colours) and the rcParams that make SVG output deterministic."""
    import matplotlib
    from cycler import cycler

    rc = {**STYLE_RC, "axes.prop_cycle": cycler(color=SERIES_COLOURS), **SVG_RC}
    matplotlib.rcParams.update(rc)
    # A name in a script the font lacks (CJK, emoji) is drawn as boxes in a chart -- the tables
    # show it as written -- but matplotlib's warning about it must not land in the report.
    warnings.filterwarnings(
        "ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning
    )


def show_figure(fig: Any, alt: str) -> None:
    """Display a matplotlib figure as inline SVG, then close it (so the inline backend does not
    show it a second time). `alt` describes the chart for screen readers (``aria-label`` and
    ``<title>``). The SVG has no date, no creator, no random ids: same figure, same bytes."""
    import matplotlib
    import matplotlib.pyplot as plt

    buffer = io.StringIO()
    try:
        with matplotlib.rc_context(SVG_RC):
            fig.savefig(buffer, format="svg", metadata=_SVG_METADATA, bbox_inches="tight")
    finally:
        plt.close(fig)
    display(HTML(_FIGURE.render(svg=Markup(_inline_svg(buffer.getvalue(), alt)))))


def _inline_svg(svg: str, alt: str) -> str:
    """matplotlib's SVG document -> an <svg> element for an HTML page: the XML declaration and
    DOCTYPE go, role/aria-label and a <title> come in."""
    start = svg.find("<svg")
    if start < 0:
        raise ValueError("matplotlib produced no <svg> element")
    svg = svg[start:]
    open_end = svg.find(">")
    return svg[:open_end] + _SVG_LABEL.render(alt=alt) + svg[open_end + 1 :]
