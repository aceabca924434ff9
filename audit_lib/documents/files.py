"""Opening the documents a register names: path confinement, and the text of each file type.

Shared by the readers of `audit_lib.documents`: the contract reader (`contracts.py`,
`processors.contract_document`) and the sub-processor list reader (`subprocessor_lists.py`,
`processors.subprocessor_list`). Every problem is a `DocumentError` whose `kind` says what the
audit reports: `missing`, `unreadable` or `refused` (a path leading outside the documents folder,
never opened). Reasons never hold an absolute path, so that reports do not depend on where they
were built.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any, Literal

from ..errors import AuditError

__all__ = [
    "REFUSED_REASON",
    "DocumentError",
    "open_docx",
    "read_checked",
    "read_pdf_text",
    "read_text_file",
    "resolve_document",
]

REFUSED_REASON = "path escapes the parameters folder"
NO_TEXT = "no text found (an empty file, or a scanned PDF without text)"


@dataclass
class DocumentError(AuditError):
    """A document cannot be used; `kind` is the status it maps to (missing, unreadable, refused)."""

    path: Path | str
    reason: str
    kind: Literal["missing", "unreadable", "refused"] = "unreadable"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def resolve_document(base_dir: Path, value: str) -> Path:
    """The file a document value names, relative to `base_dir` (the documents folder).

    Backslashes count as separators. Refused, with reason "path escapes the parameters folder",
    and never opened: an absolute path (or a Windows drive), and a path whose real location --
    after `..` and symbolic links are resolved -- is outside `base_dir`. Returns that real
    location, so that what is read is what was checked.
    """
    text = str(value).strip()
    if not text:
        raise DocumentError(text, "no document path given", kind="missing")
    if "\x00" in text:  # no file system accepts it; os functions raise ValueError on it
        raise DocumentError(text, "the path holds a NUL character")
    text = text.replace("\\", "/")
    relative = Path(text)
    if relative.is_absolute() or PureWindowsPath(text).drive:
        raise DocumentError(text, REFUSED_REASON, kind="refused")
    try:
        base = Path(base_dir).resolve()
        target = (base / relative).resolve()
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on Python 3.11
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "symbolic link loop"
        raise DocumentError(text, f"cannot resolve the path ({why})") from exc
    if not target.is_relative_to(base):
        raise DocumentError(text, REFUSED_REASON, kind="refused")
    return target


def read_checked(
    path: Path, readers: Mapping[str, Callable[[Path], Any]], expected: Sequence[str]
) -> Any:
    """What `readers[suffix]` returns for `path`, after the checks every document goes through.

    Raises `DocumentError` when the file is missing, is not a file, has an extension `readers`
    does not know (the message lists `expected`), is empty, or its reader returns no text.
    """
    path = Path(path)
    try:
        exists, is_file = path.exists(), path.is_file()
    except OSError as exc:  # e.g. a file name longer than the file system allows
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if not exists:
        raise DocumentError(path, "file not found", kind="missing")
    if not is_file:
        raise DocumentError(path, "not a file")
    suffix = path.suffix.lower()
    reader = readers.get(suffix)
    if reader is None:
        shown = suffix or "no extension"
        raise DocumentError(
            path, f"unsupported file type '{shown}' (expected {', '.join(expected)})"
        )
    try:
        if path.stat().st_size == 0:
            raise DocumentError(path, NO_TEXT)
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    content = reader(path)
    if isinstance(content, str) and not content.strip():
        raise DocumentError(path, NO_TEXT)
    return content


def read_text_file(path: Path) -> str:
    """A text file's content: UTF-8 (with or without BOM), else Windows-1252; NUL bytes refused."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, "not readable as UTF-8 or cp1252 text") from exc
    if "\x00" in text:
        raise DocumentError(path, "binary content in a text file")
    return text


def read_pdf_text(path: Path) -> str:
    """The text pypdf extracts from each page, pages separated by form feeds (``\\f``).

    An owner-password-only PDF is opened with the empty password; any other encrypted, corrupt or
    damaged file is a `DocumentError` (pypdf's warnings on damaged files are silenced: they would
    clutter the reports).
    """
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)
    try:
        return _pdf_text(path)
    finally:
        pypdf_log.setLevel(level)


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # owner-password-only PDFs open with an empty one
            except Exception:  # e.g. AES without the optional crypto dependency
                opened = 0
            if not opened:
                raise DocumentError(path, "encrypted PDF (a password is needed to read it)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except Exception as exc:  # pypdf raises many types on damaged files
        raise DocumentError(path, f"corrupt or unreadable PDF ({type(exc).__name__})") from exc
    return "\n\f\n".join(pages)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_docx(path: Path, walk: Callable[[Any], Any]) -> Any:
    """`walk(document)` on the python-docx Document of `path`, as a `DocumentError` on failure.

    An encrypted DOCX and a legacy .doc (both OLE compound files) are refused before python-docx
    sees them; python-docx, zipfile and lxml errors on a damaged file -- raised when opening or
    while `walk` reads the content -- become "corrupt or unreadable DOCX".
    """
    import docx

    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(_OLE_MAGIC))
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if magic == _OLE_MAGIC:
        raise DocumentError(path, "encrypted DOCX or legacy .doc file (cannot be read)")
    try:
        return walk(docx.Document(str(path)))
    except DocumentError:
        raise
    except Exception as exc:  # python-docx / zipfile / lxml errors on damaged files
        raise DocumentError(path, f"corrupt or unreadable DOCX ({type(exc).__name__})") from exc
