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
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from .errors import InputError

_NON_WORD = re.compile(r"[^a-z0-9]+")


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


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _decode(raw: bytes, encoding: str | None, file: str) -> tuple[str, str]:
    if encoding:
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(file, f"cannot be decoded as {encoding}: {exc}") from None
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="strict"), "utf-8-sig"
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
            expected="a CSV text file",
        ) from None


def sniff_separator(text: str) -> str:
    """The separator of the header line: the most frequent of `,` `;` tab outside quotes."""
    header = text.split("\n", 1)[0]
    header = re.sub(r'"[^"]*"', "", header)
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def _read_csv(
    path: Path, separator: str | None, encoding: str | None
) -> tuple[pd.DataFrame, str, str]:
    file = str(path)
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(file, "is empty", expected="a header line and data rows")
    if b"\x00" in raw[:4096]:
        raise InputError(file, "is binary, not a CSV text file", expected="a CSV text file")
    text, used_encoding = _decode(raw, encoding, file)
    sep = separator or sniff_separator(text)
    data = text.encode("utf-8") if used_encoding not in ("utf-8",) else raw
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            read_options=pacsv.ReadOptions(autogenerate_column_names=False, use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=sep, newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types=_all_strings(text, sep),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as exc:
        raise _csv_error(file, str(exc)) from None
    frame = table.to_pandas()
    return frame, used_encoding, sep


def _all_strings(text: str, sep: str) -> dict[str, pa.DataType]:
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0]), delimiter=sep), [])
    return {name: pa.string() for name in header}


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
            expected="the same number of separators on every line (is a quote unbalanced?)",
        )
    if "Empty CSV file" in message:
        return InputError(file, "is empty", expected="a header line and data rows")
    if "Duplicate" in message or "duplicate" in message:
        return InputError(file, "has duplicate column names", expected="unique headers")
    return InputError(file, f"cannot be read as CSV: {message.splitlines()[0]}")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _read_xlsx(
    path: Path, expected: set[str], mapping: Mapping[str, str]
) -> tuple[pd.DataFrame, int]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken archive
        raise InputError(
            str(path),
            f"cannot be read as XLSX ({type(exc).__name__})",
            expected="an .xlsx workbook",
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    rows = [row for row in rows if any(cell.strip() for cell in row)] if rows else rows
    if not rows:
        raise InputError(str(path), "is empty", expected="a header row and data rows")
    # The header is the row among the first 20 that names the most expected columns (a title row may sit above it).
    header_index = 0
    if expected:
        scores = [sum(_canonical(cell, mapping) in expected for cell in row) for row in rows[:20]]
        header_index = max(range(len(scores)), key=lambda i: (scores[i], -i))
    header = [cell.strip() for cell in rows[header_index]]
    while header and not header[-1]:
        header.pop()
    body = [
        row[: len(header)] + [""] * (len(header) - len(row)) for row in rows[header_index + 1 :]
    ]
    frame = pd.DataFrame(body, columns=header, dtype="str")
    return frame, header_index + 1


def _canonical(header: str, mapping: Mapping[str, str]) -> str:
    if header in mapping:
        return mapping[header]
    normalised = normalise_name(header)
    for key, target in mapping.items():
        if normalise_name(key) == normalised:
            return target
    return normalised


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
) -> tuple[pd.DataFrame, SourceInfo]:
    """Read one register and rename its headers to canonical names; check required columns.

    Raises InputError (file, column, suggestion) for an unreadable file or a missing required column.
    """
    mapping = dict(mapping or {})
    file = shown_as or str(path)
    if not path.exists():
        raise InputError(file, "file not found", expected="an existing CSV, XLSX or Parquet file")
    if not path.is_file():
        raise InputError(file, "is not a file")
    suffix = path.suffix.lower()
    encoding_used = sep_used = None
    header_row = 1
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame, header_row = _read_xlsx(path, set(expected) | set(required), mapping)
            file_format = "xlsx"
        elif suffix in (".parquet", ".pq"):
            try:
                frame = pd.read_parquet(path)
            except Exception as exc:  # pyarrow raises several types for a broken file
                raise InputError(
                    file, f"cannot be read as Parquet ({type(exc).__name__})"
                ) from None
            file_format = "parquet"
        else:
            frame, encoding_used, sep_used = _read_csv(path, separator, encoding)
            file_format = "csv"
    except InputError as exc:
        exc.file = file
        raise
    except PermissionError:
        raise InputError(file, "cannot be opened (permission denied)") from None

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
    if missing:
        col = missing[0]
        close = difflib.get_close_matches(col, canonical + originals, n=1, cutoff=0.5)
        hint = (
            f"closest header: '{close[0]}' -- map it under columns: {register}: in the parameters file"
            if close
            else (
                "add the column or map an existing header to it under columns: in the parameters file"
            )
        )
        others = f" (also missing: {', '.join(missing[1:])})" if len(missing) > 1 else ""
        raise InputError(file, f"required column is missing{others}", column=col, suggestion=hint)
    info = SourceInfo(
        register=register,
        path=path,
        shown_as=file,
        rows=len(frame),
        sha256=sha256_file(path),
        file_format=file_format,
        encoding=encoding_used,
        separator=sep_used,
        header_row=header_row,
    )
    return frame, info
