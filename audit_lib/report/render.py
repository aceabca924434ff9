"""Turn executed audit notebooks into self-contained HTML pages, and render the period index.

- `render_html(nb)`: one executed notebook -> one offline HTML page (nbconvert ``HTMLExporter``
  with the ``gdpr_audit`` template in ``templates/``: no code, no prompts, no CDN).
- `normalise_executed_notebook(nb)`: the executed notebook made deterministic for the audit trail
  (cell ids, no timing metadata).
- `render_index(context)`: the period's landing page ``index.html``.

All three are pure functions of their input: the same input gives the same bytes.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Literal, NotRequired, TypedDict
from urllib.parse import quote, urlsplit

import nbformat
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from nbconvert import HTMLExporter
from traitlets.config import Config

from audit_lib import __version__

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATE_NAME = "gdpr_audit"
TEMPLATE_DIR = TEMPLATES_DIR / TEMPLATE_NAME
CSS_FILE = TEMPLATE_DIR / "static" / "gdpr_audit.css"

#: Cells with these tags never reach a report (the policy itself lives in the template's
#: conf.json, so that ``jupyter nbconvert --template gdpr_audit`` applies it too).
REMOVED_CELL_TAGS = ("injected-parameters", "parameters", "remove-cell")

SEVERITIES = ("critical", "high", "medium", "low", "info")
AUDIT_STATUSES = ("run", "not run", "failed", "input error")

# papermill's per-notebook run record: these fields change on every run
_PAPERMILL_RUN_FIELDS = ("start_time", "end_time", "duration", "output_path")
# papermill's per-cell record: only the outcome is kept
_PAPERMILL_CELL_TIMING_FIELDS = ("start_time", "end_time", "duration")


# --------------------------------------------------------------------------------------------
# executed notebooks
# --------------------------------------------------------------------------------------------


def normalise_executed_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return a deterministic copy of an executed notebook (the input is not modified).

    - cell ids become ``cell-0``, ``cell-1``, ... in notebook order (nbformat >= 4.5);
    - ``metadata.papermill``: ``start_time``, ``end_time``, ``duration`` and ``output_path``
      (a temporary folder) are removed, ``input_path`` is reduced to the file name; the
      parameters, papermill version and exception flag are kept;
    - per cell: ``metadata.execution`` (nbclient's timestamps) is removed, and the timing
      fields of ``metadata.papermill`` (the ``status`` and ``exception`` flag stay);
    - consecutive stream outputs of the same stream are merged (how a kernel chunks its
      stdout depends on timing); every other output is kept as is.
    """
    nb = copy.deepcopy(nb)
    if (nb.get("nbformat"), nb.get("nbformat_minor", 0)) < (4, 5):
        nb["nbformat"], nb["nbformat_minor"] = 4, 5

    run = nb.metadata.get("papermill")
    if isinstance(run, dict):
        for key in _PAPERMILL_RUN_FIELDS:
            run.pop(key, None)
        if run.get("input_path"):
            run["input_path"] = PurePosixPath(str(run["input_path"]).replace("\\", "/")).name

    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index}"
        metadata = cell.setdefault("metadata", nbformat.NotebookNode())
        metadata.pop("execution", None)
        cell_run = metadata.get("papermill")
        if isinstance(cell_run, dict):
            for key in _PAPERMILL_CELL_TIMING_FIELDS:
                cell_run.pop(key, None)
        if cell.get("cell_type") == "code":
            cell["outputs"] = _merge_streams(cell.get("outputs", []))
    return nb


def _merge_streams(outputs: list[Any]) -> list[Any]:
    merged: list[Any] = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (
            output.get("output_type") == "stream"
            and previous is not None
            and previous.get("output_type") == "stream"
            and previous.get("name") == output.get("name")
        ):
            previous["text"] = _text(previous.get("text", "")) + _text(output.get("text", ""))
        else:
            merged.append(output)
    return merged


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


# --------------------------------------------------------------------------------------------
# report pages
# --------------------------------------------------------------------------------------------


def _exporter() -> HTMLExporter:
    c = Config()
    c.TemplateExporter.extra_template_basedirs = [str(TEMPLATES_DIR)]
    c.HTMLExporter.template_name = TEMPLATE_NAME
    c.HTMLExporter.exclude_input = True
    c.HTMLExporter.exclude_input_prompt = True
    c.HTMLExporter.exclude_output_prompt = True
    c.HTMLExporter.exclude_anchor_links = True
    c.HTMLExporter.embed_images = True  # images in markdown cells become data: URIs
    c.HTMLExporter.sanitize_html = False  # keeps the interactive tables' scripts
    # the lab template's pygments CSS is for code, and there is no code in a report
    c.CSSHTMLHeaderPreprocessor.enabled = False
    return HTMLExporter(config=c)


def render_html(nb: nbformat.NotebookNode) -> str:
    """Render an executed notebook as one self-contained HTML report page.

    Uses the ``gdpr_audit`` nbconvert template: cells tagged ``injected-parameters``,
    ``parameters`` or ``remove-cell`` are dropped (``remove-input`` / ``remove-output`` are
    honoured too), inputs and prompts are excluded, nothing is loaded from the network. The
    page title is ``metadata.title``, else the first heading of the notebook (markdown cells,
    then HTML / markdown outputs). The notebook is normalised first (see
    `normalise_executed_notebook`) so that random cell ids never reach the page; the input
    notebook is not modified. Same notebook -> same bytes.
    """
    nb = normalise_executed_notebook(nb)
    resources = {
        "gdpr_title": report_title(nb),
        "gdpr_footer": f"GDPR audit report - generated by gdpr-audit {__version__}",
    }
    body, _ = _exporter().from_notebook_node(nb, resources=resources)
    return body


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
_HTML_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def report_title(nb: nbformat.NotebookNode, default: str = "GDPR audit report") -> str:
    """``metadata.title``, else the text of the first heading in the notebook, else `default`.

    Cells tagged for removal are skipped. The text is plain (tags stripped, entities decoded):
    the template escapes it.
    """
    title = nb.metadata.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for cell in nb.cells:
        if set(cell.get("metadata", {}).get("tags", [])) & set(REMOVED_CELL_TAGS):
            continue
        if cell.get("cell_type") == "markdown":
            found = _markdown_heading(_text(cell.get("source", "")))
            if found:
                return found
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                match = _HTML_HEADING.search(_text(data["text/html"]))
                if match:
                    text = " ".join(html.unescape(_TAG.sub("", match.group(1))).split())
                    if text:
                        return text
            elif "text/markdown" in data:
                found = _markdown_heading(_text(data["text/markdown"]))
                if found:
                    return found
    return default


def _markdown_heading(source: str) -> str | None:
    match = _MD_HEADING.search(source)
    if not match:
        return None
    text = html.unescape(_TAG.sub("", _MD_ESCAPE.sub(r"\1", match.group(1))))
    text = " ".join(text.replace("**", "").replace("`", "").split())
    return text or None


# --------------------------------------------------------------------------------------------
# period index
# --------------------------------------------------------------------------------------------


class AuditEntry(TypedDict):
    """One row of the audits table."""

    name: str  # audit id: "ropa", "retention", ...; the report link is f"{name}.html"
    title: NotRequired[str]  # "Records of processing activities (Art. 30)"; default: name
    status: Literal["run", "not run", "failed", "input error"]
    findings: NotRequired[Mapping[str, int]]  # severity -> count; missing severities are 0
    report: NotRequired[str | None]  # link override; None = no link. Default: f"{name}.html",
    # except for "not run" (no report)
    note: NotRequired[str]  # one short line under the title, e.g. why it was not run


class ExportEntry(TypedDict):
    """One file of the output folder listed with its hash."""

    name: str  # file name relative to index.html: "findings.csv", "ropa.ipynb", ...
    sha256: str  # 64 lowercase hex digits
    description: NotRequired[str]  # what the file holds


class InputErrorEntry(TypedDict):
    """One blocking input problem, already phrased as one line (file, row/column, expected)."""

    message: str
    audit: NotRequired[str]  # the audit that could not run because of it


class IndexContext(TypedDict):
    """Context of `render_index`. Every string is escaped by the template."""

    organisation: str
    period: str  # "2026-Q3"
    audit_date: str  # ISO date, the "as of" date of the audit
    audits: Sequence[AuditEntry]
    exports: NotRequired[Sequence[ExportEntry]]
    input_errors: NotRequired[Sequence[InputErrorEntry | str]]  # a str is the message alone
    summary_href: NotRequired[str | None]  # e.g. "summary.html"; None / absent = no link
    title: NotRequired[str]  # default f"GDPR audit {period} - {organisation}"


_SHA256 = re.compile(r"[0-9a-f]{64}")


def render_index(context: IndexContext | Mapping[str, Any]) -> str:
    """Render the period's landing page ``index.html`` (see `IndexContext` for the shape).

    Jinja2 with autoescape on, our stylesheet inline, links relative to the output folder
    (a link with a scheme, an absolute path or ``..`` is refused with ValueError). Raises
    ValueError on a missing key, an unknown audit status or a malformed SHA-256.
    """
    try:
        values = _index_values(context)
    except KeyError as missing:
        raise ValueError(f"index context: missing key {missing}") from None
    return _index_template().render(**values)


def _index_values(context: Mapping[str, Any]) -> dict[str, Any]:
    organisation = str(context["organisation"])
    period = str(context["period"])
    audit_date = str(context["audit_date"])
    audits_in = list(context["audits"])

    audits = []
    for entry in audits_in:
        status = entry.get("status")
        if status not in AUDIT_STATUSES:
            raise ValueError(f"index context: audit {entry.get('name')!r} status {status!r}")
        findings = {s: int(entry.get("findings", {}).get(s, 0)) for s in SEVERITIES}
        unknown = set(entry.get("findings", {})) - set(SEVERITIES)
        if unknown:
            raise ValueError(f"index context: unknown severities {sorted(unknown)}")
        default_report = None if status == "not run" else f"{entry['name']}.html"
        audits.append(
            {
                "name": str(entry["name"]),
                "title": str(entry.get("title", entry["name"])),
                "status": status,
                "status_class": status.replace(" ", "-"),
                "evaluated": status == "run",
                "findings": findings,
                "total": sum(findings.values()),
                "report": entry.get("report", default_report),
                "note": entry.get("note"),
            }
        )

    exports = []
    for export in context.get("exports", ()):
        sha256 = str(export["sha256"]).lower()
        if not _SHA256.fullmatch(sha256):
            raise ValueError(f"index context: export {export['name']!r} has no valid SHA-256")
        exports.append(
            {
                "name": str(export["name"]),
                "sha256": sha256,
                "description": str(export.get("description", "")),
            }
        )

    input_errors = [
        {"message": error, "audit": None}
        if isinstance(error, str)
        else {"message": str(error["message"]), "audit": error.get("audit")}
        for error in context.get("input_errors", ())
    ]

    return dict(
        title=context.get("title") or f"GDPR audit {period} - {organisation}",
        organisation=organisation,
        period=period,
        audit_date=audit_date,
        audits=audits,
        exports=exports,
        input_errors=input_errors,
        summary_href=context.get("summary_href"),
        severities=SEVERITIES,
        css=Markup(CSS_FILE.read_text(encoding="utf-8")),
        footer=f"Generated by gdpr-audit {__version__}.",
    )


def relative_href(target: str) -> str:
    """A link to a file of the output folder, percent-encoded; anything else is refused."""
    target = str(target)
    parts = urlsplit(target)
    if (
        not target
        or parts.scheme
        or parts.netloc
        or target.startswith(("/", "\\"))
        or ".." in PurePosixPath(target.replace("\\", "/")).parts
    ):
        raise ValueError(f"not a relative link inside the output folder: {target!r}")
    return quote(target, safe="/#")


@lru_cache(maxsize=1)
def _index_template():
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["relative_href"] = relative_href
    return env.get_template("period_index.html.j2")
