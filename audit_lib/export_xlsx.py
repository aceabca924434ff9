"""Write the period's findings for people as ``findings.xlsx``.

One ``summary`` sheet (when given), then one sheet per audit in a fixed order; the header is bold
and frozen, an autofilter covers the used range and column widths follow the content.

Formula neutralisation: every cell value goes through :func:`neutralise`. Text starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return comes back as :class:`LiteralText`, a ``str``
subclass equal to the input, so the visible text is unchanged (no leading apostrophe is added to
the value). The writer then forces the cell's ``data_type`` to ``"s"`` (openpyxl would otherwise
store a string starting with ``=`` as a formula, and one such as ``#N/A`` as an error value) and
sets the cell style's ``quotePrefix``, so Excel keeps the cell text even when a person edits it.
Every other string is also written with ``data_type`` ``"s"``: every cell from the inputs is a
text cell (openpyxl writes it as an inline string), never a number, date or formula.

Byte-identical output: the document properties carry a fixed creator (``gdpr-audit``) and fixed
created/modified dates (2000-01-01T00:00:00Z, or the ``timestamp`` argument), and the archive is
rewritten with fixed entry dates, a fixed entry order and fixed compression, so the same inputs give
the same bytes whatever the wall clock says. The file is written to a temporary file in the
target folder and moved into place with :func:`os.replace`.
"""

from __future__ import annotations

import io
import math
import os
import uuid
import zipfile
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .findings import FINDING_COLUMNS, SEVERITY_RANK, audit_names

__all__ = [
    "FINDINGS_COLUMNS",
    "write_action_plan",
    "LiteralText",
    "neutralise",
    "write_findings_xlsx",
]

FINDINGS_COLUMNS: tuple[str, ...] = tuple(FINDING_COLUMNS)
SUMMARY_SHEET = "summary"

#: First characters that make a spreadsheet evaluate (or offer to evaluate) text as a formula.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")

CREATOR = "gdpr-audit"
DEFAULT_TIMESTAMP = datetime(2000, 1, 1)
# The zip format cannot store dates before 1980-01-01.
_ZIP_EPOCH = datetime(1980, 1, 1)
_COMPRESS_TYPE = zipfile.ZIP_DEFLATED
_COMPRESS_LEVEL = 6
_CONTENT_TYPES = "[Content_Types].xml"

_MIN_WIDTH = 8
_MAX_WIDTH = 50
_MAX_WIDTHS: dict[str, int] = {"message": 80, "title": 80}
_WIDTH_PADDING = 2
_HEADER_FONT = Font(bold=True)


class LiteralText(str):
    """Text that must be stored and kept as text; :func:`neutralise` returns it for triggers.

    It compares equal to the original string; the writer stores it with ``data_type`` ``"s"`` and
    the ``quotePrefix`` style.
    """

    __slots__ = ()


def neutralise(value: object) -> object:
    """Mark text that a spreadsheet would treat as a formula so that it is stored as plain text.

    A ``str`` starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is returned as
    :class:`LiteralText` with identical characters (``neutralise("=1+2") == "=1+2"``); the writer
    turns that into a text cell with ``quotePrefix`` set. Other strings and non-strings are returned
    unchanged.
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return value if isinstance(value, LiteralText) else LiteralText(value)
    return value


def write_findings_xlsx(
    findings: pd.DataFrame,
    path: Path,
    summary: pd.DataFrame | None = None,
    audits: Sequence[str] | None = None,
    *,
    timestamp: datetime | None = None,
) -> None:
    """Write ``findings.xlsx``: a ``summary`` sheet (if given), then one sheet per audit
    (``audits``, default every audit of the registry, in the order of the reports).

    Each audit sheet holds that audit's findings with the columns of ``findings.csv``, sorted by
    severity (critical first), then ``rule_id``, then ``record_key``; an audit without findings gets
    a header-only sheet. The summary is written with its own columns and rows, as given. Every cell
    is text. ``timestamp`` (default 2000-01-01T00:00:00, naive = UTC) sets the document's
    created/modified properties and the archive's entry dates, never the wall clock.

    Raises ``ValueError`` when a findings column is missing, a finding belongs to an audit not in
    ``audits``, or the sheet names are not unique.
    """
    audits = audit_names() if audits is None else audits
    _check_inputs(findings, summary, audits)
    when = _normalise_timestamp(timestamp)

    workbook = Workbook()
    workbook.remove(workbook.active)
    if summary is not None:
        _write_sheet(workbook.create_sheet(SUMMARY_SHEET), summary)
    ordered = _sort_findings(findings)
    for audit in audits:
        rows = ordered.loc[ordered["audit"] == audit, list(FINDINGS_COLUMNS)]
        _write_sheet(workbook.create_sheet(audit), rows)

    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = None
    workbook.properties.created = when
    workbook.properties.modified = when

    # ExcelWriter rather than Workbook.save: save_workbook() stamps "modified" with the wall clock.
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", _COMPRESS_TYPE, allowZip64=True)).save()
    _replace_atomically(Path(path), _canonical_archive(raw.getvalue(), when))


#: the finding's columns, then management's answer (spec README: action_plan.xlsx)
PLAN_SHEET = "action plan"
PLAN_FINDING_COLUMNS = (
    "finding_id",
    "audit",
    "rule_id",
    "severity",
    "record_key",
    "message",
    "reference",
    "status",
)
PLAN_ANSWER_COLUMNS = (
    "owner",
    "response",
    "action",
    "due_date",
    "action_status",
    "accepted_by",
    "accepted_until",
    "updated_at",
)
PLAN_DATE_COLUMNS = ("due_date", "accepted_until", "updated_at")
PLAN_INSTRUCTIONS = (
    "How to fill in this action plan",
    "",
    "One row per finding of the period. Answer each one in the columns after 'status':",
    "owner: the person or team accountable for the finding.",
    "response: management's response to the finding.",
    "action: what will be done, and due_date: by when (a date).",
    "action_status: open, in_progress, done (the fix is in place), or accepted (the risk is "
    "consciously accepted: then accepted_by, who in management accepted it, and accepted_until, "
    "until when, are required).",
    "updated_at: the date the row was last updated.",
    "",
    "Do not change finding_id: it ties the row to the finding, period after period. Rows can be "
    "deleted or left blank; the columns before 'owner' are for reading and are not read back.",
    "Next period, name this file under actions: in the parameters file (XLSX, ODS or CSV): the "
    "follow-up checks that actions marked done removed the finding, that open actions are not "
    "overdue, that acceptances are documented and still in force, and that every persisting high "
    "finding has an owner (rules FUP-001..006).",
)


def write_action_plan(
    findings: pd.DataFrame,
    answers: pd.DataFrame,
    path: Path,
    *,
    timestamp: datetime | None = None,
) -> None:
    """Write ``action_plan.xlsx``: one row per finding of the period for the people responsible
    to fill in (spec README, Outputs).

    Sheet ``action plan``: one header row with the column names exactly -- the finding's columns,
    then ``owner, response, action, due_date, action_status, accepted_by, accepted_until,
    updated_at`` carried over from last period's plan by finding_id (``answers``, indexed like
    ``findings``; new findings blank). ``action_status`` is offered as a drop-down (a list data
    validation; the values are also on the sheet ``lists``), dates are date cells, the header is frozen, filters on,
    widths set; no formula, text neutralised as in findings.xlsx. Then ``instructions`` and
    ``lists``. Byte-identical for identical inputs (fixed properties and archive dates)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    from .schemas._fields import ACTION_STATUSES

    when = _normalise_timestamp(timestamp)
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = workbook.create_sheet(PLAN_SHEET)
    headers = list(PLAN_FINDING_COLUMNS + PLAN_ANSWER_COLUMNS)
    ordered = _sort_findings(findings) if len(findings) else findings
    rows = answers.reindex(ordered.index) if len(findings) else answers
    widths = [_text_width(header) for header in headers]
    for col, header in enumerate(headers, start=1):
        _write_cell(sheet, 1, col, header).font = _HEADER_FONT
    for row, (finding, answer) in enumerate(
        zip(
            ordered.reindex(columns=list(PLAN_FINDING_COLUMNS)).itertuples(index=False, name=None),
            rows.reindex(columns=list(PLAN_ANSWER_COLUMNS)).itertuples(index=False, name=None),
            strict=True,
        ),
        start=2,
    ):
        for col, value in enumerate(finding + answer, start=1):
            header = headers[col - 1]
            if header in PLAN_DATE_COLUMNS and isinstance(value, date) and not pd.isna(value):
                cell = sheet.cell(row=row, column=col, value=value)
                cell.number_format = "yyyy-mm-dd"
                widths[col - 1] = max(widths[col - 1], 10)
                continue
            text = _as_text(value)
            _write_cell(sheet, row, col, text)
            if text is not None:
                widths[col - 1] = max(widths[col - 1], _text_width(text))
    last_row = max(len(ordered) + 1, 2)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{len(ordered) + 1}"
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cap = _MAX_WIDTHS.get(header, _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col)].width = min(
            cap, max(_MIN_WIDTH, width + _WIDTH_PADDING)
        )
    # the drop-down (the values, also listed on the sheet `lists`), for every row of the plan
    # and a few hundred more, for rows a person adds
    status_column = get_column_letter(headers.index("action_status") + 1)
    lists = workbook.create_sheet("lists")
    lists.cell(row=1, column=1, value="action_status").font = _HEADER_FONT
    for row, status in enumerate(ACTION_STATUSES, start=2):
        _write_cell(lists, row, 1, status)
    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(ACTION_STATUSES) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="action_status",
        error="Choose one of: " + ", ".join(ACTION_STATUSES),
    )
    validation.add(f"{status_column}2:{status_column}{last_row + 500}")
    sheet.add_data_validation(validation)
    guide = workbook.create_sheet("instructions")
    for row, line in enumerate(PLAN_INSTRUCTIONS, start=1):
        _write_cell(guide, row, 1, line)
    guide.column_dimensions["A"].width = 120
    guide.cell(row=1, column=1).font = _HEADER_FONT

    workbook.properties.creator = CREATOR
    workbook.properties.lastModifiedBy = None
    workbook.properties.created = when
    workbook.properties.modified = when
    raw = io.BytesIO()
    ExcelWriter(workbook, zipfile.ZipFile(raw, "w", _COMPRESS_TYPE, allowZip64=True)).save()
    _replace_atomically(Path(path), _canonical_archive(raw.getvalue(), when))


def _check_inputs(
    findings: pd.DataFrame, summary: pd.DataFrame | None, audits: Sequence[str]
) -> None:
    if isinstance(audits, str):
        raise ValueError(f"audits must be a sequence of audit names, not the string {audits!r}")
    missing = [column for column in FINDINGS_COLUMNS if column not in findings.columns]
    if missing:
        raise ValueError(f"findings lack the column(s): {', '.join(missing)}")
    sheet_names = ([SUMMARY_SHEET] if summary is not None else []) + list(audits)
    if not sheet_names:
        raise ValueError("nothing to write: no summary and no audits")
    if len(set(sheet_names)) != len(sheet_names):
        raise ValueError(f"sheet names are not unique: {', '.join(sheet_names)}")
    unknown = sorted(set(findings["audit"].dropna().astype(str)) - set(audits))
    if findings["audit"].isna().any():
        unknown.append("<missing>")
    if unknown:
        raise ValueError(f"findings of audits without a sheet: {', '.join(unknown)}")


def _normalise_timestamp(timestamp: datetime | None) -> datetime:
    """A naive UTC datetime, whole seconds (the document properties store no fractions)."""
    when = DEFAULT_TIMESTAMP if timestamp is None else timestamp
    if when.tzinfo is not None:
        when = when.astimezone(UTC).replace(tzinfo=None)
    return when.replace(microsecond=0)


def _sort_findings(findings: pd.DataFrame) -> pd.DataFrame:
    """Severity rank (unknown severities after ``info``), then rule_id, then record_key; stable."""
    unknown = len(SEVERITY_RANK)
    rank = (
        findings["severity"]
        .astype(object)
        .map(
            lambda value: (
                SEVERITY_RANK.get(value.strip().lower(), unknown)
                if isinstance(value, str)
                else unknown
            )
        )
    )
    keys = pd.DataFrame(
        {
            "rank": rank,
            "rule_id": findings["rule_id"].astype(object).map(_sort_text),
            "record_key": findings["record_key"].astype(object).map(_sort_text),
        },
        index=findings.index,
    )
    order = keys.reset_index(drop=True).sort_values(
        ["rank", "rule_id", "record_key"], kind="stable"
    )
    return findings.iloc[order.index.to_numpy()]


def _sort_text(value: object) -> str:
    text = _as_text(value)
    return "" if text is None else text


def _write_sheet(sheet: Worksheet, frame: pd.DataFrame) -> None:
    """Header (bold, frozen), rows as text cells, autofilter over the used range, widths."""
    headers = [_as_text(column) or "" for column in frame.columns]
    widths = [_text_width(header) for header in headers]
    for col, header in enumerate(headers, start=1):
        cell = _write_cell(sheet, 1, col, header)
        cell.font = _HEADER_FONT
    for row, record in enumerate(frame.itertuples(index=False, name=None), start=2):
        for col, value in enumerate(record, start=1):
            text = _as_text(value)
            _write_cell(sheet, row, col, text)
            if text is not None:
                widths[col - 1] = max(widths[col - 1], _text_width(text))

    if not headers:
        return
    last_column = get_column_letter(len(headers))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{last_column}{len(frame) + 1}"
    for col, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cap = _MAX_WIDTHS.get(header, _MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col)].width = min(
            cap, max(_MIN_WIDTH, width + _WIDTH_PADDING)
        )


def _write_cell(sheet: Worksheet, row: int, col: int, text: str | None):
    """Write one value through :func:`neutralise`; strings always become text cells."""
    cell = sheet.cell(row=row, column=col)
    if text is None:
        return cell
    value = neutralise(_clean(text))
    cell.value = str(value)
    # Force text whatever openpyxl inferred ("f" for "=...", "e" for "#N/A").
    cell.data_type = "s"
    if isinstance(value, LiteralText):
        cell.quotePrefix = True
    return cell


def _as_text(value: object) -> str | None:
    """The text shown for an input value; ``None`` for a missing value (an empty cell)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, datetime | date | time | pd.Timestamp):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        # Counts that pandas turned into floats (a column with a missing value) show as integers.
        return str(int(value))
    if hasattr(value, "item") and not isinstance(value, pd.Timestamp):
        # numpy scalars: convert to the Python value first (np.float64(3.0) -> "3").
        item = value.item()
        if item is not value:
            return _as_text(item)
    return str(value)


def _clean(text: str) -> str:
    """Replace the control characters that XML cannot hold (openpyxl would refuse the cell)."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def _text_width(text: str) -> int:
    lines = text.splitlines() or [""]
    return max(len(line) for line in lines)


def _canonical_archive(data: bytes, when: datetime) -> bytes:
    """Rewrite the zip with fixed entry dates, order, permissions and compression."""
    date_time = max(when, _ZIP_EPOCH).timetuple()[:6]
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        contents = {name: source.read(name) for name in names}
    # [Content_Types].xml first (as Office writes it), then every other part by name.
    order = sorted(names, key=lambda name: (name != _CONTENT_TYPES, name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", _COMPRESS_TYPE, allowZip64=True) as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = _COMPRESS_TYPE
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, contents[name], compresslevel=_COMPRESS_LEVEL)
    return out.getvalue()


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then move it into place."""
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        # os.open with 0o666 lets the umask decide the permissions, as for an ordinary file.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
