"""Read a register from CSV, XLSX or Parquet into a frame with canonical column names.

Every column of a CSV or XLSX comes back as text (``0042`` stays ``0042``); typing is the job of
``schemas.coerce``. Parquet keeps its own types. Inputs are opened read-only and never modified.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import re
import sys
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from .errors import InputError

_NON_WORD = re.compile(r"[^a-z0-9]+")
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and other legacy Office files
_ZIP_MAGIC = b"PK\x03\x04"  # .xlsx, .docx, .zip
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_RAGGED_EXPECTED = "the same number of fields on every line as in the header"
_RAGGED_HINT = "look for an unbalanced quote or a stray separator on that line"


def normalise_name(name: object) -> str:
    """`"Date de réception"` -> `date_de_reception`: lower-case, accents stripped, separators to `_`."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub("_", text.lower()).strip("_")


@dataclass(frozen=True)
class SourceInfo:
    """What was read: shown in each report's scope section and hashed into the manifest."""

    register: str
    path: Path
    shown_as: str
    rows: int
    sha256: str
    file_format: str
    encoding: str | None = None
    separator: str | None = None
    header_row: int = 1
    sheet: str | None = None  # the workbook sheet read (XLSX, ODS)
    layout: str = "canonical"
    #: (heading or label as written, canonical column) for each column a template layout placed
    mapping: tuple[tuple[str, str], ...] = ()
    unplaced: tuple[str, ...] = ()  # headings a template layout could not place
    notes: tuple[str, ...] = ()  # what the reading decided (layouts, derived ids, ...)


class SourceLines:
    """The line of the file where each row of a frame starts (set as ``frame.attrs["source_lines"]``).

    Only set when rows and lines differ (blank lines, values spanning lines, blank XLSX rows), so
    that data-quality findings name the row an auditor sees in the file. Immutable, and copied by
    reference: pandas deep-copies ``attrs`` on every operation.
    """

    __slots__ = ("lines",)

    def __init__(self, lines: list[int]) -> None:
        self.lines = tuple(lines)

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, position: int) -> int:
        return self.lines[position]

    def __deepcopy__(self, memo: dict) -> SourceLines:
        return self

    def __repr__(self) -> str:
        return f"SourceLines({len(self.lines)} rows)"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    for block in _blocks(path, 1 << 20):
        digest.update(block)
    return digest.hexdigest()


def _blocks(path: Path, size: int):
    """The file's bytes in blocks of `size`, read into one buffer (each block is valid until the
    next is read): no memory is allocated, and faulted in, per block."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        while count := handle.readinto(buffer):
            yield buffer if count == size else view[:count].tobytes()


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def _looks_like_utf16(raw: bytes) -> bool:
    """Text saved as UTF-16 without a byte-order mark: one byte of each pair is NUL, the other is not."""
    head = raw[: 4096 - 4096 % 2]
    half = len(head) // 2
    if half == 0:
        return False
    evens, odds = head[0::2].count(0), head[1::2].count(0)
    return max(evens, odds) > 0.8 * half and min(evens, odds) < 0.05 * half


def _decode(raw: bytes, encoding: str | None, file: str) -> tuple[str, str]:
    """The text of a CSV file: the encoding given, else UTF-8 (BOM or not), UTF-16 with a BOM,
    else Windows-1252. Binary files (a legacy .xls, an archive, anything with NUL bytes) are refused."""
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except LookupError:
            raise InputError(
                file,
                f"cannot be read: '{encoding}' is not a known encoding",
                suggestion="set encoding: in the parameters file to e.g. utf-8 or cp1252, or remove it",
            ) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                file,
                f"cannot be decoded as {encoding} (byte {exc.start} is not valid {encoding})",
                row=_line_of(raw, exc.start),
                expected=f"{encoding} text, as set by encoding: in the parameters file",
                suggestion="remove encoding: from the parameters file to let the encoding be detected",
            ) from None
    if raw.startswith(_UTF8_BOM):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(
                file,
                f"starts with a UTF-8 byte-order mark but byte {exc.start + 3} is not UTF-8",
                row=_line_of(raw, exc.start + 3),
                expected="UTF-8 text throughout (was the file edited in two encodings?)",
            ) from None
    if raw.startswith(_UTF16_BOMS):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(
                file, "starts with a UTF-16 byte-order mark but is not UTF-16 text"
            ) from None
    if raw.startswith(_OLE_MAGIC):
        raise InputError(
            file,
            "is a legacy Excel (.xls) or other binary Office file, not a CSV text file",
            expected="CSV, XLSX or Parquet",
            suggestion="save it as .xlsx or as CSV UTF-8",
        )
    if raw.startswith(_ZIP_MAGIC):
        raise InputError(
            file,
            "is a ZIP archive (an XLSX workbook?), not a CSV text file",
            expected="CSV text, or a workbook named .xlsx",
        )
    if b"\x00" in raw[:4096]:
        if _looks_like_utf16(raw):
            raise InputError(
                file,
                "looks like UTF-16 text without a byte-order mark",
                expected="UTF-8 or Windows-1252 text",
                suggestion="save it as CSV UTF-8, or set encoding: utf-16-le in the parameters file",
            )
        raise InputError(file, "is binary, not a CSV text file", expected="a CSV text file")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise InputError(
            file,
            f"is neither UTF-8 nor Windows-1252 text (byte {exc.start})",
            row=_line_of(raw, exc.start),
            expected="a CSV text file in UTF-8 or Windows-1252",
            suggestion="set encoding: in the parameters file if it is in another encoding",
        ) from None


def sniff_separator(text: str) -> str:
    """The separator of the header line: the most frequent of `,` `;` tab outside quotes."""
    header = _LINE_BREAK.split(text.lstrip("\r\n"), maxsplit=1)[0]
    header = re.sub(r'"[^"]*"', "", header)
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _records(text: str, sep: str):
    """(line where the record starts, fields) for every non-blank record, as the csv module reads them."""
    csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # a cell may be large
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    line = 0
    for record in reader:
        if record:
            yield line + 1, record
        line = reader.line_num


def _header_names(text: str, sep: str) -> list[str]:
    # the header is near the start; a longer one is caught by the check on column types
    try:
        return next((record for _, record in _records(text[: 1 << 16], sep)), [])
    except csv.Error:
        return []


def _physical_lines(data: bytes) -> int:
    newlines = data.count(b"\n")
    if b"\r" in data:  # one scan for the common case of plain newlines
        newlines += data.count(b"\r") - data.count(b"\r\n")
    return newlines + (0 if data.endswith((b"\n", b"\r")) else 1)


_SCAN_BYTES = 1 << 22


def _scan(path: Path) -> tuple[bool, int, str]:
    """(whether the file has a quote, its physical lines as `_physical_lines` counts them, its
    SHA-256), in one reading of the file in blocks: it is never held whole in memory."""
    digest = hashlib.sha256()
    quoted = False
    lf = cr = crlf = 0
    previous = b""
    for block in _blocks(path, _SCAN_BYTES):
        digest.update(block)
        quoted = quoted or b'"' in block
        lf += int(np.count_nonzero(np.frombuffer(block, dtype=np.uint8) == 0x0A))  # 4x count()
        if b"\r" in block:
            cr += block.count(b"\r")
            crlf += block.count(b"\r\n")
        if previous == b"\r" and block.startswith(b"\n"):  # a pair split by the blocks
            crlf += 1
        previous = bytes(block[-1:])
    return quoted, lf + cr - crlf + (0 if previous in (b"\n", b"\r") else 1), digest.hexdigest()


#: Arrow parses in blocks of this size (its default is 1 MiB): a column comes in fewer chunks, so
#: joining them -- and the dictionaries of a column whose values repeat -- costs less (5M events:
#: 0.4 s less CPU to parse and 0.4 s less to make the frame)
_BLOCK_BYTES = 1 << 23

#: how a column whose values repeat is parsed: each value's text once per block of the file,
#: and an integer code per row (pandas: a categorical)
_DICTIONARY = pa.dictionary(pa.int32(), pa.string())


def _parse_csv(
    source: bytes | Path,
    sep: str,
    names: list[str],
    invalid: list[int],
    repeated: Callable[[str], bool] | None = None,
    quoted: bool | None = None,
) -> pa.Table:
    """Parse UTF-8 CSV, from bytes or straight from a file (`quoted`: whether it has a quote)."""

    def skip(row) -> str:
        invalid.append(row.actual_columns)
        return "skip"

    invalid.clear()
    if isinstance(source, bytes):
        quoted = b'"' in source
        stream = io.BytesIO(source)
    else:  # read by Arrow in blocks (never decompressed: a .gz is not CSV text)
        stream = pa.OSFile(str(source))
    # A value can span lines only inside quotes: without any quote in the file, pyarrow may split
    # the file into blocks and parse them in parallel (newlines_in_values=True forbids that).
    with stream:
        return pacsv.read_csv(
            stream,
            read_options=pacsv.ReadOptions(
                autogenerate_column_names=False, use_threads=True, block_size=_BLOCK_BYTES
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=sep, newlines_in_values=bool(quoted), invalid_row_handler=skip
            ),
            convert_options=pacsv.ConvertOptions(
                # large_string is what pandas keeps text in: no copy when the table becomes a
                # frame; a column whose values repeat is dictionary-encoded as it is parsed (5M
                # user ids: 20 MB of codes instead of 70 MB of text and offsets)
                column_types={
                    name: _DICTIONARY if repeated and repeated(name) else pa.large_string()
                    for name in names
                },
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )


def _is_text(data_type: pa.DataType) -> bool:
    if pa.types.is_dictionary(data_type):
        data_type = data_type.value_type
    return pa.types.is_string(data_type) or pa.types.is_large_string(data_type)


def _to_frame(table: pa.Table) -> pd.DataFrame:
    """The frame of a table of text: large_string columns become pandas text without a copy,
    dictionary-encoded ones categoricals (their categories sorted by `schemas` typing). Each
    column's Arrow memory is released once converted, and handed back to the system: Arrow's
    allocator would keep it (5M events: 50-100 MB less peak memory; a few milliseconds)."""
    frame = table.to_pandas(split_blocks=True, self_destruct=True)
    pa.default_memory_pool().release_unused()
    return frame


_NOT_BLANK_BYTES = re.compile(rb"\S")
_NOT_BLANK_TEXT = re.compile(r"\S")


class _Text:
    """The text of a CSV file, read and decoded only when needed: UTF-8 is checked by Arrow while
    it parses the file, so a clean UTF-8 file is neither held in memory nor decoded in Python
    (300 MB: 0.2 s and 600 MB of memory saved). Anything else is read whole and decoded."""

    def __init__(self, path: Path, head: bytes, encoding: str | None, file: str) -> None:
        self.path, self.file = path, file
        self._raw: bytes | None = None
        self._full: str | None = None
        if encoding is None and _plain_utf8_candidate(head):
            self.encoding = "utf-8"
            self.head = head.decode("utf-8", errors="ignore")
        else:
            self._full, self.encoding = _decode(self.raw, encoding, file)
            self.head = self._full[:_HEAD_BYTES]

    @property
    def raw(self) -> bytes:
        if self._raw is None:
            self._raw = self.path.read_bytes()
        return self._raw

    @property
    def decoded(self) -> bool:
        """Whether the text was decoded in Python (else it is taken for UTF-8 from its head)."""
        return self._full is not None

    @property
    def full(self) -> str:
        if self._full is None:
            self._full, self.encoding = _decode(self.raw, None, self.file)
            self.head = self._full[:_HEAD_BYTES]
        return self._full

    @property
    def data(self) -> bytes:
        """UTF-8 bytes for Arrow."""
        return self.raw if self.encoding == "utf-8" else self.full.encode("utf-8")


_HEAD_BYTES = 1 << 16


def _plain_utf8_candidate(raw: bytes) -> bool:
    """No byte-order mark, no binary signature, no NUL byte, and a head that is valid UTF-8."""
    if raw.startswith((_UTF8_BOM, *_UTF16_BOMS, _OLE_MAGIC, _ZIP_MAGIC)) or b"\x00" in raw[:4096]:
        return False
    try:
        raw[:_HEAD_BYTES].decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= _HEAD_BYTES - 3  # a character cut at the end of the head
    return True


def _parse_text(
    text: _Text,
    sep: str,
    invalid: list[int],
    repeated: Callable[[str], bool] | None = None,
    quoted: bool | None = None,
) -> pa.Table:
    """Parse the file. One not decoded in Python (taken for UTF-8 from its head) is parsed from
    the file, then decoded and parsed again when Arrow fails or skips a row: it may not be UTF-8
    after all."""
    names = _header_names(text.head, sep)
    if text.decoded:
        return _parse_csv(text.data, sep, names, invalid, repeated)
    undecodable: list[type] = []
    hook = sys.unraisablehook
    # pyarrow reports a skipped row it cannot decode as UTF-8 here (it would print a traceback)
    sys.unraisablehook = lambda info: undecodable.append(info.exc_type)
    try:
        table = _parse_csv(text.path, sep, names, invalid, repeated, quoted)
    except pa.ArrowInvalid:
        table = None
    finally:
        sys.unraisablehook = hook
    if table is not None and not invalid and not undecodable:
        return table
    # decode in Python (Windows-1252, or an error naming the byte), then parse what it gives
    return _parse_csv(text.full.encode("utf-8"), sep, names, invalid, repeated)


def _read_csv(
    path: Path,
    separator: str | None,
    encoding: str | None,
    repeated: Callable[[str], bool] | None = None,
) -> tuple[pd.DataFrame, str, str, str | None]:
    """(frame of text, encoding, separator, SHA-256 of the file when it was read for it)."""
    file = str(path)
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
    start = 3 if head.startswith(_UTF8_BOM) else 0
    if not _NOT_BLANK_BYTES.search(head, start) and (
        len(head) < _HEAD_BYTES or not _NOT_BLANK_BYTES.search(path.read_bytes(), start)
    ):
        raise InputError(file, "is empty", expected="a header line and data rows")
    text = _Text(path, head, encoding, file)
    if not _NOT_BLANK_TEXT.search(text.head) and not _NOT_BLANK_TEXT.search(text.full):
        raise InputError(file, "is empty", expected="a header line and data rows")
    sep = separator or sniff_separator(text.head)
    # a file parsed where it lies is scanned in blocks for what the parser must know beforehand
    quoted, lines_in_file, digest = (None, 0, None) if text.decoded else _scan(path)
    invalid: list[int] = []
    try:
        table = _parse_text(text, sep, invalid, repeated, quoted)
        if not all(_is_text(t) for t in table.schema.types):
            # the csv module read the header differently: read again with pyarrow's own names, so
            # that every column stays text ("0042" stays "0042")
            source = text.data if text.decoded else path
            table = _parse_csv(source, sep, table.column_names, invalid, repeated, quoted)
    except pa.ArrowInvalid as exc:
        raise _csv_error(file, str(exc)) from None
    if invalid:
        raise _ragged_error(file, text.full, sep, table.num_columns, len(invalid))
    frame = _to_frame(table)
    del table
    if text.decoded:  # decoded after all (the parse from the file failed): count in its text
        lines_in_file = _physical_lines(text.data)
    if lines_in_file != len(frame) + 1:  # blank lines, or values spanning lines
        try:
            lines = [line for line, _ in _records(text.full, sep)][1:]
        except csv.Error:
            lines = []
        if len(lines) == len(frame):
            frame.attrs["source_lines"] = SourceLines(lines)
    return frame, text.encoding, sep, digest


def _ragged_error(file: str, text: str, sep: str, width: int, count: int) -> InputError:
    """Rows whose number of fields differs from the header's: name the first, list the others."""
    try:
        records = list(_records(text, sep))[1:]
    except csv.Error:
        records = []
    bad = [(line, len(fields)) for line, fields in records if len(fields) != width]
    if not bad:
        return InputError(
            file,
            f"has {count} row(s) whose number of fields differs from the header's ({width})",
            expected=_RAGGED_EXPECTED,
        )
    line, fields = bad[0]
    if (
        len(bad) == 1
        and line == records[-1][0]
        and fields < width
        and not text.endswith(("\n", "\r"))
    ):
        return InputError(
            file,
            f"the last row is incomplete ({fields} of {width} fields): the file looks truncated",
            row=line,
            expected="a complete file",
            suggestion="export it again",
        )
    others = [str(other) for other, _ in bad[1:]]
    suggestion = _RAGGED_HINT
    if others:
        shown = ", ".join(others[:10])
        more = f" and {len(others) - 10} more" if len(others) > 10 else ""
        suggestion += f"; also rows {shown}{more}"
    return InputError(
        file,
        f"has {fields} fields where the header has {width}",
        row=line,
        expected=_RAGGED_EXPECTED,
        suggestion=suggestion,
    )


def _csv_error(file: str, message: str) -> InputError:
    row = None
    match = re.search(r"Row #(\d+)", message) or re.search(r"row (\d+)", message)
    if match:
        row = int(match.group(1))
    cols = re.search(r"Expected (\d+) columns, got (\d+)", message)
    if cols:
        return InputError(
            file,
            f"has {cols.group(2)} fields where the header has {cols.group(1)}",
            row=row,
            expected=_RAGGED_EXPECTED,
            suggestion=_RAGGED_HINT,
        )
    if "Empty CSV file" in message:
        return InputError(file, "is empty", expected="a header line and data rows")
    if "Duplicate" in message or "duplicate" in message:
        return InputError(file, "has duplicate column names", expected="unique headers")
    # pyarrow quotes the offending row after the reason: keep only the reason (no personal data)
    reason = ": ".join(message.splitlines()[0].split(": ")[:2])[:120]
    return InputError(file, f"cannot be read as CSV: {reason}")


def _cell_text(value: object) -> str:
    if type(value) is str:  # most cells: nothing to convert
        return value
    if value is None or (isinstance(value, float) and value != value):  # NaN: an empty ODS cell
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable_workbook(path: Path, kind: str, exc: Exception) -> InputError:
    return InputError(
        str(path),
        f"cannot be read as {kind} ({type(exc).__name__})",
        expected=f"an .{kind.lower()} workbook",
    )


def workbook_kind(path: Path) -> str | None:
    """`XLSX` or `ODS` from the file name, None for other files."""
    suffix = path.suffix.lower()
    return "XLSX" if suffix in (".xlsx", ".xlsm") else "ODS" if suffix == ".ods" else None


def read_workbook(
    path: Path, sheet: str | int | None = None, every_sheet: bool = False
) -> dict[str, list[tuple[int, list[str]]]]:
    """The cells of a workbook as text: {sheet name: [(row number, cells)]}, in sheet order.

    One sheet -- `sheet` (a name, or a 0-based index), else the first -- unless `every_sheet`.
    XLSX and ODS through python-calamine (Rust: the cached values, never formulas; 50,000 rows of
    24 cells in about 2 s where openpyxl took 45 s, a 300-sheet ODS in 0.1 s where pandas' odf
    engine took 9 s, measured in `benchmarks/templates.py`); dates become ISO text, whole numbers
    lose their `.0`, TRUE/FALSE cells `true`/`false`. Blank rows are kept (a form's layout may
    need them); trailing blank cells are dropped. Raises InputError for an unreadable file or a
    sheet that is not there (naming those that are).
    """
    from python_calamine import CalamineWorkbook

    kind = workbook_kind(path) or "XLSX"
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = _chosen(path, list(workbook.sheet_names), sheet, every_sheet)
        grids = {}
        for name in names:
            rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            grids[name] = [
                (number, _trimmed([_cell_text(v) for v in row]))
                for number, row in enumerate(rows, start=1)
            ]
    except InputError:
        raise
    except Exception as exc:  # calamine raises its own types for a broken archive or sheet
        raise _unreadable_workbook(path, kind, exc) from None
    return grids


def _chosen(path: Path, names: list[str], sheet: str | int | None, every_sheet: bool) -> list[str]:
    if not names:
        raise InputError(str(path), "has no worksheet", expected="the register on a sheet")
    if every_sheet:
        return names
    if sheet is None:
        return names[:1]
    if isinstance(sheet, int):
        if sheet < len(names):
            return [names[sheet]]
    elif sheet in names:
        return [sheet]
    else:
        wanted = normalise_name(sheet)
        matching = [name for name in names if normalise_name(name) == wanted]
        if matching:
            return matching[:1]
    shown = ", ".join(f"'{name}'" for name in names[:12])
    raise InputError(
        str(path),
        f"has no sheet {sheet!r}",
        expected=f"one of its sheets: {shown}" + (" ..." if len(names) > 12 else ""),
        suggestion="sheet: takes a sheet's name or its 0-based index",
    )


def _trimmed(cells: list[str]) -> list[str]:
    while cells and not cells[-1].strip():
        cells.pop()
    return cells


def _read_workbook_register(
    path: Path, sheet: str | int | None, expected: set[str], mapping: Mapping[str, str]
) -> tuple[pd.DataFrame, int, str]:
    """A register on one sheet of an XLSX or ODS workbook: (frame of text, header row, sheet)."""
    ((name, grid),) = read_workbook(path, sheet).items()
    rows = [(number, cells) for number, cells in grid if any(cell.strip() for cell in cells)]
    if not rows:
        raise InputError(str(path), "is empty", expected="a header row and data rows")
    # The header is the row among the first 20 that names the most expected columns (a title row may sit above it).
    header_index = 0
    if expected:
        scores = [
            sum(_canonical(cell, mapping) in expected for cell in cells) for _, cells in rows[:20]
        ]
        header_index = max(range(len(scores)), key=lambda i: (scores[i], -i))
    header_row, header = rows[header_index][0], [cell.strip() for cell in rows[header_index][1]]
    while header and not header[-1]:
        header.pop()
    body = rows[header_index + 1 :]
    frame = pd.DataFrame(
        [cells[: len(header)] + [""] * (len(header) - len(cells)) for _, cells in body],
        columns=header,
        dtype="str",
    )
    lines = [number for number, _ in body]
    if lines != list(range(header_row + 1, header_row + 1 + len(lines))):
        frame.attrs["source_lines"] = SourceLines(lines)
    return frame, header_row, name


def _canonical(header: str, mapping: Mapping[str, str]) -> str:
    if header in mapping:
        return mapping[header]
    normalised = normalise_name(header)
    for key, target in mapping.items():
        if normalise_name(key) == normalised:
            return target
    return normalised


def _closest(column: str, headers: list[str]) -> str | None:
    close = difflib.get_close_matches(column, headers, n=1, cutoff=0.5)
    return close[0] if close else None


def _read_parquet(path: Path, repeated: Callable[[str], bool] | None) -> pd.DataFrame:
    """A Parquet file as a frame; its text columns whose values repeat as categoricals (Parquet
    stores them dictionary-encoded: read so, they are never expanded)."""
    if repeated is None:
        return pd.read_parquet(path)
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    names = [f.name for f in schema if _is_text(f.type) and repeated(f.name)]
    return _to_frame(pq.read_table(path, read_dictionary=names or None))


def blank_empty_values(frame: pd.DataFrame, empty_values: tuple[str, ...]) -> None:
    """Cells holding one of `empty_values` ("N/A", "-", "TBD", ...: compared after trimming,
    case-insensitive) become empty, in place, in every text column (real_registers.md section 1).

    Arrow compute per column; a column is only compared when one of its values is short enough
    to be such a value (its byte lengths, read from the offsets), and then only the values that
    can be one (`_could_be_empty_value`), so a large register costs little. A column whose
    values repeat has its categories compared.
    """
    wanted = sorted({value.strip().lower() for value in empty_values if value.strip()})
    if not wanted or frame.empty:
        return
    from .schemas._fields import arrow_text, recode, text_categories

    widest = max(len(value.encode()) for value in wanted)
    longest = widest + 4  # a few surrounding spaces
    values = pa.array(wanted, type=pa.large_string())

    def hits_in(arrow):
        return pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(arrow)), value_set=values)

    for name in frame.columns:
        categories = text_categories(frame[name])
        if categories is not None:  # a column whose values repeat: its categories compared
            arrow = pa.array(categories.array)
            hits = hits_in(arrow)
            if pc.any(hits).as_py():
                blanked = pc.if_else(hits, pa.scalar("", type=arrow.type), arrow)
                frame[name] = recode(frame[name], blanked.to_pylist())
            continue
        arrow = arrow_text(frame[name])
        if arrow is None or len(arrow) == arrow.null_count:  # not text (Parquet keeps its types)
            continue
        if pc.min(pc.binary_length(arrow)).as_py() > longest:
            continue
        maybe = np.concatenate(
            [_could_be_empty_value(chunk, widest) for chunk in arrow.chunks] or [[]]
        ).astype(bool)
        if not maybe.any():
            continue
        rows = np.flatnonzero(maybe)
        found = hits_in(arrow.take(rows)).to_numpy(zero_copy_only=False)
        if not found.any():
            continue
        hits = np.zeros(len(arrow), dtype=bool)
        hits[rows[found]] = True
        blanked = pc.if_else(hits, pa.scalar("", type=arrow.type), arrow)
        frame[name] = pd.Series(
            pd.array(blanked.to_pandas().array, dtype="str"), index=frame.index, name=name
        )


_OFFSETS = {pa.string(): np.int32, pa.large_string(): np.int64}


def _could_be_empty_value(chunk: pa.Array, widest: int) -> np.ndarray:
    """Per value of a chunk of Arrow text: whether it can read as an empty value of at most
    `widest` bytes once trimmed and lower-cased. One cannot when it is empty, or ASCII throughout
    (lowering keeps its length), longer than `widest` and with no space or control character at
    either end (trimming keeps its length). Read from the offsets and the bytes at the ends."""
    offset_type = _OFFSETS.get(chunk.type)
    if offset_type is None or chunk.null_count:  # another layout: every value is compared
        return np.ones(len(chunk), dtype=bool)
    _, offsets_buffer, data_buffer = chunk.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=offset_type, count=chunk.offset + len(chunk) + 1)
    starts, ends = offsets[chunk.offset : -1], offsets[chunk.offset + 1 :]
    lengths = ends - starts
    maybe = lengths <= widest
    filled = np.flatnonzero(lengths > 0)
    if len(filled):
        data = np.frombuffer(data_buffer, dtype=np.uint8)
        padded = (data[starts[filled]] <= 0x20) | (data[ends[filled] - 1] <= 0x20)
        maybe[filled[padded]] = True
    maybe |= ~pc.string_is_ascii(chunk).to_numpy(zero_copy_only=False)
    maybe &= lengths > 0
    return maybe


def read_register(
    register: str,
    path: Path,
    *,
    shown_as: str | None = None,
    mapping: Mapping[str, str] | None = None,
    required: tuple[str, ...] = (),
    expected: tuple[str, ...] = (),
    separator: str | None = None,
    encoding: str | None = None,
    sheet: str | int | None = None,
    layout: str = "canonical",
    empty_values: tuple[str, ...] = (),
    tolerant: bool = False,
    alternatives: Mapping[str, str] | None = None,
    repeated: Collection[str] = (),
) -> tuple[pd.DataFrame, SourceInfo]:
    """Read one register and rename its headers to canonical names; check required columns.

    `layout` other than canonical reads a regulator's template (`audit_lib.layouts`) into the
    canonical columns; `sheet` picks a workbook's sheet; `empty_values` are blanked. `tolerant`:
    a missing required column is not an error (the caller judges it: the processing register,
    real_registers.md section 2) -- but a file with none of the register's columns still is;
    `alternatives` names, for a required column, the column that may stand for it.
    `repeated`: canonical columns whose values repeat (few distinct values, or mostly empty):
    from CSV and Parquet they are read dictionary-encoded and come back as categoricals of text.

    Raises InputError (file, column, suggestion) for an unreadable file or a missing required column.
    """
    mapping = dict(mapping or {})
    alternatives = dict(alternatives or {})
    repeated = frozenset(repeated)

    def repeats(header: str) -> bool:
        return _canonical(header, mapping) in repeated

    file = shown_as or str(path)
    try:
        exists, is_file = path.exists(), path.is_file()
    except (OSError, ValueError):  # e.g. a name too long, or with a NUL character
        exists = is_file = False
    if not exists:
        raise InputError(
            file, "file not found", expected="an existing CSV, XLSX, ODS or Parquet file"
        )
    if not is_file:
        raise InputError(file, "is not a file", expected="a CSV, XLSX, ODS or Parquet file")
    suffix = path.suffix.lower()
    encoding_used = sep_used = sheet_used = digest = None
    header_row = 1
    reading = None
    try:
        if layout != "canonical":
            from .layouts import read_layout

            frame, reading = read_layout(layout, path, sheet=sheet, empty_values=empty_values)
            header_row, sheet_used = reading.header_row, reading.sheet
            file_format = workbook_kind(path) or suffix.lstrip(".")
        elif workbook_kind(path):
            frame, header_row, sheet_used = _read_workbook_register(
                path, sheet, set(expected) | set(required), mapping
            )
            file_format = workbook_kind(path).lower()
        elif suffix in (".parquet", ".pq"):
            try:
                frame = _read_parquet(path, repeats if repeated else None)
            except Exception as exc:  # pyarrow raises several types for a broken file
                raise InputError(
                    file, f"cannot be read as Parquet ({type(exc).__name__})"
                ) from None
            file_format = "parquet"
        else:
            frame, encoding_used, sep_used, digest = _read_csv(
                path, separator, encoding, repeats if repeated else None
            )
            file_format = "csv"
    except InputError as exc:
        exc.file = file
        raise
    except PermissionError:
        raise InputError(file, "cannot be opened (permission denied)") from None
    except OSError as exc:
        raise InputError(file, f"cannot be read ({exc.strerror or type(exc).__name__})") from None

    originals = [str(c) for c in frame.columns]
    canonical = [_canonical(c, mapping) for c in originals]
    seen: dict[str, str] = {}
    for original, name in zip(originals, canonical, strict=True):
        if name in seen and name:
            raise InputError(
                file,
                f"headers '{seen[name]}' and '{original}' both map to column '{name}'",
                column=name,
            )
        seen[name] = original
    frame.columns = canonical
    missing = [col for col in required if col not in frame.columns]
    if tolerant and expected and not any(col in frame.columns for col in expected):
        raise InputError(
            file,
            f"has none of the columns of a {register.replace('_', ' ')} (read {len(originals)} "
            f"header(s): {', '.join(originals[:6])}{' ...' if len(originals) > 6 else ''})",
            expected=f"headers such as {', '.join(expected[:5])}",
            suggestion="is it the right file? Map its headers under columns: in the parameters "
            "file, or name its template with layout: ico or layout: cnil",
        )
    if missing and not tolerant:
        col = missing[0]
        close = _closest(col, canonical + originals)
        hint = (
            f"closest header: '{close}' -- map it under columns: {register}: in the parameters file"
            if close
            else (
                "add the column or map an existing header to it under columns: in the parameters file"
            )
        )
        others = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise InputError(file, f"required column is missing{others}", column=col, suggestion=hint)
    if empty_values:
        blank_empty_values(frame, empty_values)
    notes = list(reading.notes) if reading else []
    for col in missing:  # tolerant: each absent column, with the closest header to map
        if col in alternatives and alternatives[col] in frame.columns:
            notes.append(f"column '{col}' is absent; '{alternatives[col]}' stands for it")
            continue
        close = _closest(col, [c for c in canonical + originals if c not in expected])
        notes.append(
            f"column '{col}' is absent from the register"
            + (f" (closest header: '{close}' -- map it under columns:)" if close else "")
        )
    info = SourceInfo(
        register=register,
        path=path,
        shown_as=file,
        rows=len(frame),
        sha256=digest or sha256_file(path),
        file_format=file_format,
        encoding=encoding_used,
        separator=sep_used,
        header_row=header_row,
        sheet=sheet_used,
        layout=layout,
        mapping=tuple(reading.mapping) if reading else (),
        unplaced=tuple(reading.unplaced) if reading else (),
        notes=tuple(notes),
    )
    return frame, info
