"""Evidence of the Art. 28(3)(a)-(h) stipulations in a processor's data-processing agreement.

Used by the processors audit (rules SUB-009 and SUB-010) for the register column
``processors.contract_document``: a text, Markdown, PDF or DOCX file named relative to the
parameters file.

The matching is deliberately simple and explainable: the document is split into sentences
(`split_sentences`), and each clause of `CLAUSES` has a short list of regular expressions, in
English and French, written after the wording of the GDPR and of the Commission's Art. 28(7)
standard contractual clauses (Implementing Decision (EU) 2021/915). A clause is *found* when one
of its patterns matches inside a single sentence -- a list item is read together with the
sentence ending in ":" that introduces the list ("In particular, the processor shall: (b) ensure
that persons authorised ...") -- and that sentence and the pattern are kept as the evidence an
auditor can read and check. An obligation verb right after a negation ("we don't undergo
audits") does not count.

Which sentence is kept when several match: the one matched by the earliest pattern of the clause
(patterns are listed strongest first), then a sentence that names the processor ("processor",
"data importer", "sous-traitant") over one that does not (so that a controller's own duty is not
shown as the processor's), then the first in the document.

Limits, by design: finding a sentence says the topic is addressed, not that the stipulation is
adequate (the register's `yes`/`partial`/`no` stays a human judgement); a stipulation spread over
several sentences, or only incorporated by reference ("the SCCs apply"), is not seen; negation
is recognised only right before the verb; languages other than English and French are not read.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from types import MappingProxyType
from typing import Literal

import pandas as pd

from ..errors import AuditError

__all__ = [
    "CLAUSES",
    "Clause",
    "ClauseEvidence",
    "DocumentAnalysis",
    "DocumentError",
    "SUPPORTED_EXTENSIONS",
    "analyse_document",
    "analyse_text",
    "evidence_frame",
    "read_document_text",
    "resolve_document",
    "split_sentences",
]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".pdf", ".docx")
MAX_EVIDENCE_CHARS = 400
REFUSED_REASON = "path escapes the parameters folder"

DocumentStatus = Literal["analysed", "missing", "unreadable", "refused"]


@dataclass
class DocumentError(AuditError):
    """A contract document cannot be used; `kind` is the `DocumentAnalysis.status` it maps to."""

    path: Path | str
    reason: str
    kind: Literal["missing", "unreadable", "refused"] = "unreadable"

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


# --------------------------------------------------------------------------- the clauses


@dataclass(frozen=True)
class Clause:
    """One Art. 28(3) stipulation and the patterns that count as evidence of it."""

    letter: str
    article: str
    title: str
    looked_for: str
    patterns: tuple[re.Pattern[str], ...]


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    # Matched against a sentence with typographic apostrophes and dashes folded to ' and -.
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _either_order(first: str, second: str, gap: int) -> str:
    """`first` then `second`, or `second` then `first`, at most `gap` characters apart."""
    return rf"(?:{first}.{{0,{gap}}}?{second}|{second}.{{0,{gap}}}?{first})"


_ART = r"art(?:icles?|s?\.)\s*"  # "Article", "Articles", "Art.", "Arts."
_SUBPROCESSOR = r"sub-?\s?processors?"
# A verb right after a negation ("does not assist", "we don't undergo audits", "n'autorise")
# does not count.
_NOT_EN = r"(?<!\bnot\s)(?<!n't\s)(?<!\bnever\s)(?<!\bno\s)"
_NOT_FR = r"(?<!\bn')"
_ASSIST_EN = _NOT_EN + r"\bassist\w*"
_ASSIST_FR = _NOT_FR + r"\b(?:assist\w*|aide[rs]?)\b"
_DELETE_EN = r"\b(?:delet|eras|destr)\w*"
_DELETE_FR = r"\b(?:suppr|effac|d[ée]trui|destruct)\w*"
_RETURN_FR = r"\b(?:renvo|restitu|retourn|rendre)\w*"
_OR_FR = r"(?:\bou\s+(?:[àa]\s+)?(?:les\s+)?|/\s*)"  # "supprimer ... ou (à) (les) renvoyer"
_OR_EN = r"(?:\b(?:and/)?or,?\s+(?:to\s+)?|/\s*)"  # "delete ... or (to) return", "return/delete"
_WRITTEN_FR = r"(?:[ée]crites?\s+(?:et\s+)?)?"  # "instruction écrite (et) documentée"

CLAUSES: Mapping[str, Clause] = MappingProxyType(
    {
        "a": Clause(
            "a",
            "Art. 28(3)(a)",
            "documented instructions",
            "processing only on the controller's documented instructions "
            "('only on documented instructions', 'uniquement sur instruction documentée')",
            _compile(
                r"\bonly\s+on\s+(?:the\s+)?(?:basis\s+of\s+)?(?:\w+'s\s+)?(?:documented|written)\s+"
                r"instructions?",
                r"\b(?:que|uniquement|seulement)\s+sur\s+(?:la\s+base\s+d'\s*)?(?:des\s+|les\s+)?"
                r"instructions?\s+" + _WRITTEN_FR + r"document[ée]e?s?",
                r"\b(?:documented|written)\s+instructions?\b",
                r"\binstructions?\s+(?:" + _WRITTEN_FR + r"document[ée]e?s?|[ée]crites?)\b",
                r"\bonly\s+on\s+(?:the\s+)?instructions?\s+(?:of|from)\b",
                r"\binstructions?\s+(?:mutually\s+)?agreed\s+(?:upon\s+)?.{0,40}?\bin\s+writing",
            ),
        ),
        "b": Clause(
            "b",
            "Art. 28(3)(b)",
            "confidentiality of authorised persons",
            "persons authorised to process the data (or the processor's personnel) bound by "
            "confidentiality ('persons authorised ... confidentiality', "
            "'personnes autorisées ... confidentialité')",
            _compile(
                r"\b(?:persons?|individuals?)\s+authori[sz]ed\s+to\s+process\b.{0,200}?"
                r"\bconfidential",
                r"\bpersonnes?\s+autoris[ée]es?\b.{0,200}?\bconfidentialit[ée]s?",
                r"\b(?:personnel|employees|staff)\b.{0,200}?\bconfidentiality\b",
                r"\b(?:personnel|salari[ée]s|employ[ée]s|pr[ée]pos[ée]s)\b.{0,200}?"
                r"\bconfidentialit[ée]s?",
            ),
        ),
        "c": Clause(
            "c",
            "Art. 28(3)(c)",
            "security of processing (Art. 32)",
            "the security measures of Art. 32: 'measures required pursuant to Article 32', "
            "'technical and organisational measures' (or administrative, technical and physical "
            "safeguards), 'mesures techniques et organisationnelles'",
            _compile(
                r"\bmeasures\s+required\s+(?:pursuant\s+to|by|under)\s+" + _ART + r"32\b",
                r"\bmesures\b.{0,200}?\b(?:article|art\.)\s*32\b",
                r"\b(?:technical|administrative|organi[sz]ational|physical)"
                r"(?:(?:,\s*|\s+and\s+|,\s+and\s+)(?:technical|administrative|organi[sz]ational"
                r"|physical))+\s+(?:security\s+)?(?:measures|safeguards)\b",
                r"\bmesures\s+(?:de\s+s[ée]curit[ée]\s+)?techniques\s+et\s+"
                r"(?:organisationnelles|d'organisation)",
            ),
        ),
        "d": Clause(
            "d",
            "Art. 28(3)(d)",
            "sub-processors",
            "engaging another processor (sub-processor) only with the controller's "
            "authorisation, or its flow-down ('another processor ... authorisation', "
            "'sub-processor' with authorise/consent/object, 'conditions ... for engaging another "
            "processor', 'autre sous-traitant', 'sous-traitant ultérieur')",
            _compile(
                r"\b(?:another|other)\s+processors?\b.{0,150}?\bauthori[sz]ation",
                r"\bautre\s+sous-traitant\b.{0,150}?\bautorisation",
                r"\bconditions\b.{0,100}?\b(?:engag|recruit|appoint)\w*\s+(?:another|other|a\s+new)\s+"
                r"(?:sub-?\s?)?processors?",
                r"\bconditions\b.{0,100}?\b(?:recruter|recourir\s+[àa]|faire\s+appel\s+[àa])\s+"
                r"(?:un\s+)?autre\s+sous-traitant",
                _either_order(_SUBPROCESSOR, r"\b(?:authori[sz]|consent|approv|object)\w*", 150),
                _either_order(
                    r"\bsous-traita(?:nt|nts|nce)\s+(?:ult[ée]rieur|subs[ée]quent)\w*",
                    r"\b(?:autoris\w*|acte\s+juridique|contrat|m[êe]mes\s+obligations)",
                    200,
                ),
            ),
        ),
        "e": Clause(
            "e",
            "Art. 28(3)(e)",
            "assistance with data-subject rights",
            "the processor assisting the controller to respond to requests of data subjects "
            "exercising their rights ('assist ... data subjects' requests', "
            "'aider ... demandes d'exercice des droits des personnes concernées')",
            _compile(
                _ASSIST_EN
                + r"\b.{0,250}?"
                + _either_order(
                    r"\b(?:data\s+subjects?|individuals?)\b", r"\b(?:rights?|requests?)\b", 40
                ),
                _ASSIST_FR + r".{0,250}?\b(?:demandes?|droits?)\b.{0,60}?"
                r"\bpersonnes?\s+concern[ée]es?",
                _ASSIST_EN + r"\b.{0,250}?\bChapter\s+III\b",
            ),
        ),
        "f": Clause(
            "f",
            "Art. 28(3)(f)",
            "assistance with Arts. 32-36",
            "assistance with Articles 32 to 36: security, personal data breach notification, "
            "data protection impact assessment, prior consultation ('Articles 32 to 36', "
            "'notify ... breach', 'notification des violations', 'analyse d'impact')",
            _compile(
                _ART + r"32\s*(?:to|-|à|and)\s*36\b",
                _ASSIST_EN
                + r"\b.{0,250}?\b(?:impact\s+assessments?|prior\s+consultations?|"
                + _ART
                + r"3[3-6]\b|breach\w*)",
                _ASSIST_FR
                + r".{0,250}?\b(?:analyses?\s+d'\s*impact|consultations?\s+pr[ée]alables?"
                r"|violations?)",
                _either_order(
                    r"\b(?:personal\s+data\s+breach|data\s+breach|security\s+incident)",
                    r"\b(?:noti(?:fy|fi\w*|ce)|inform\w*)\b",
                    150,
                ),
                _either_order(r"\b(?:notifi|inform|avert|signal)\w*", r"\bviolations?\b", 150),
            ),
        ),
        "g": Clause(
            "g",
            "Art. 28(3)(g)",
            "deletion or return at the end of the services",
            "deleting or returning the personal data, at the controller's choice, at the end of "
            "the services ('at the choice of the controller, delete or return', "
            "'supprimer ou renvoyer')",
            _compile(
                r"\b(?:choice|option|election)\b.{0,120}?"
                + _either_order(_DELETE_EN, r"\breturn\w*", 150),
                r"\bchoix\b.{0,120}?" + _either_order(_DELETE_FR, _RETURN_FR, 150),
                rf"{_DELETE_EN}.{{0,150}}?{_OR_EN}return|\breturn\w*\s*{_OR_EN}{_DELETE_EN}",
                rf"{_DELETE_FR}.{{0,150}}?{_OR_FR}{_RETURN_FR}"
                rf"|{_RETURN_FR}.{{0,150}}?{_OR_FR}{_DELETE_FR}",
            ),
        ),
        "h": Clause(
            "h",
            "Art. 28(3)(h)",
            "information and audits",
            "making available the information necessary to demonstrate compliance and allowing "
            "for audits, including inspections ('audits, including inspections', 'permit and "
            "contribute to audits', 'audits, y compris des inspections')",
            _compile(
                r"\baudits?,?\s+including\s+inspections?",
                r"\baudits?,?\s+y\s+compris\s+(?:des\s+|les\s+)?inspections?",
                _NOT_EN
                + r"\b(?:allow|permit|contribut|submit|carry\s+out|conduct|perform|undergo)\w*\b"
                r".{0,60}?\baudits?\b",
                _NOT_FR
                + r"\b(?:autoris|permet|contribu|r[ée]alis|effectu|proc[ée]d|soumet)\w*\b.{0,60}?"
                r"\baudits?\b",
                r"\b(?:information|documentation)\s+(?:reasonably\s+)?necessary\s+to\s+"
                r"demonstrate\s+compliance",
                r"\binformations\s+n[ée]cessaires\s+pour\s+d[ée]montrer",
            ),
        ),
    }
)

# A sentence naming the processor is preferred as evidence (see the module docstring).
_NAMES_PROCESSOR = re.compile(
    r"\b(?:processor|sub-?processor|data\s+importer|sous-traitant)s?\b", re.IGNORECASE
)

# Typographic apostrophes, dashes and hyphens folded one-for-one, so match offsets stay valid.
_FOLD = str.maketrans(
    {c: "'" for c in "\u2018\u2019\u02bc"} | {c: "-" for c in "\u2010\u2011\u2013\u2014"}
)


# --------------------------------------------------------------------------- reading documents


def read_document_text(path: Path) -> str:
    """The text of a .txt/.md (UTF-8, else cp1252), .pdf (pypdf) or .docx (python-docx) file.

    Raises `DocumentError` when the file is missing, is not a file, has another extension, cannot
    be parsed (corrupt, encrypted) or holds no text (an empty file, a scanned PDF).
    """
    path = Path(path)
    if not path.exists():
        raise DocumentError(path, "file not found", kind="missing")
    if not path.is_file():
        raise DocumentError(path, "not a file")
    suffix = path.suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        shown = suffix or "no extension"
        raise DocumentError(
            path, f"unsupported file type '{shown}' (expected {', '.join(SUPPORTED_EXTENSIONS)})"
        )
    empty = "no text found (an empty file, or a scanned PDF without text)"
    try:
        if path.stat().st_size == 0:
            raise DocumentError(path, empty)
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    text = reader(path)
    if not text.strip():
        raise DocumentError(path, empty)
    return text


def _read_plain_text(path: Path) -> str:
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


def _read_pdf(path: Path) -> str:
    pypdf_log = logging.getLogger("pypdf")
    level = pypdf_log.level
    pypdf_log.setLevel(logging.ERROR)  # its warnings on damaged files would clutter the reports
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
    return "\n\n".join(pages)


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _read_docx(path: Path) -> str:
    import docx
    from docx.table import Table

    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(_OLE_MAGIC))
    except OSError as exc:
        raise DocumentError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if magic == _OLE_MAGIC:
        raise DocumentError(path, "encrypted DOCX or legacy .doc file (cannot be read)")
    try:
        document = docx.Document(str(path))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(_table_texts(block))
            else:
                blocks.append(block.text)
    except Exception as exc:  # python-docx / zipfile / lxml errors on damaged files
        raise DocumentError(path, f"corrupt or unreadable DOCX ({type(exc).__name__})") from exc
    return "\n\n".join(blocks)


def _table_texts(table) -> list[str]:
    """One block per cell, in reading order; a merged cell is read once."""
    from docx.table import Table

    texts: list[str] = []
    seen: set[object] = set()  # the cells' XML elements, kept alive so that identity holds
    for row in table.rows:
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for block in cell.iter_inner_content():
                if isinstance(block, Table):
                    texts.extend(_table_texts(block))
                else:
                    texts.append(block.text)
    return texts


_READERS: dict[str, Callable[[Path], str]] = {
    ".txt": _read_plain_text,
    ".md": _read_plain_text,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}


def resolve_document(base_dir: Path, value: str) -> Path:
    """The file a `contract_document` value names, relative to `base_dir` (the parameters folder).

    Backslashes count as separators. Reasons never hold an absolute path (reports must not
    depend on where they were built). Refused, with reason "path escapes the parameters folder",
    and never opened: an absolute path (or a Windows drive), and a path whose real location --
    after `..` and symbolic links are resolved -- is outside `base_dir`. Returns that real
    location, so that what is read is what was checked.
    """
    text = str(value).strip()
    if not text:
        raise DocumentError(text, "no document path given", kind="missing")
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


# --------------------------------------------------------------------------- sentences

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|h[1-6]|div|tr|td|th|table|thead|tbody|center|blockquote|section)\b[^<>]*>\s*",
    re.IGNORECASE,
)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# "**Confidentiality.** Any person ..." -> "Confidentiality: Any person ..." (a run-in heading
# stays with its sentence instead of becoming a sentence of its own).
_RUN_IN_HEADING = re.compile(
    r"(^|\|)(\s*(?:[-*+\u2022]\s+|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?\s+|\(?[A-Za-z]{1,4}[.)]\s+)?)"
    r"(\*\*|__)([^*_\n]{1,100}?)(?:\s*[.:]\s*\3|\3\s*[.:])",
    re.MULTILINE,
)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_BULLET = re.compile(r"^[-*+\u2022]\s+")
_ENUMERATOR = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)|\d{1,3}(?:\.\d{1,3})*\.?|[A-Za-z]\.)(?=\s)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019\u00bb)\]]*\s+")
_NEXT_STARTS_SENTENCE = re.compile(r"[\"'\u201c\u2018\u00ab(\[]?[A-Z\u00c0-\u00de0-9]")
_ABBREVIATIONS = frozenset(
    "art arts no nos nr p pp para paras sec secs cf vs inc ltd co corp mr mrs ms dr st ave "
    "civ cal seq al approx fig vol ch chap mme mlle me ex réf ref dept reg dir".split()
)
# A single letter ("John F. Kennedy"), or lower-case initials ("e.g", "i.e"), or "U.S"/"U.K";
# not "Annex I.B" followed by a new sentence.
_INITIALS = re.compile(r"^(?:[A-Za-z]|(?:[a-z]\.)+[a-z]|U\.[SK])$")


def split_sentences(text: str) -> list[str]:
    """Split a contract's text into sentences, whitespace normalised.

    Simple, line-based rules:
    - HTML comments are dropped; HTML block tags (``<p>``, ``<br>``, ...) end a block, ``<li>``
      starts a list item (indented by its nesting), other tags are removed; Markdown links keep
      their text, images are dropped.
    - A blank line, a Markdown heading (its own sentence), a list item (``-``, ``*``, ``1.``,
      ``2.1``, ``(a)``, ``iv)``) or a table cell starts a new block; other lines continue the
      block (hard-wrapped text, PDF lines; a line ending in ``-`` is joined without a space).
    - A bold run-in heading ("**Confidentiality.** Any person ...") stays with its sentence.
    - Inside a block, a sentence ends at ``.``, ``!`` or ``?`` followed by a space and a capital
      letter, digit or opening quote -- except after a list enumerator at the start of the block
      ("7.1. Instructions"), initials and short forms ("e.g.", "i.e.", "U.S."), and the
      abbreviations in `_ABBREVIATIONS` ("Art. 28", "No. 1182/71", "Inc.").
    """
    return [sentence for sentence, _ in _sentence_units(text)]


def _sentence_units(text: str) -> list[tuple[str, str | None]]:
    """Each sentence with its lead-in: for the first sentence of a list item, the sentence ending
    in ":" that introduces the list ("In particular, the processor shall:"), else None.

    A lead-in holds for the items that follow it with the indentation and numbering style of the
    first of them; any other block ends it.
    """
    text = _HTML_COMMENT.sub(" ", text)
    text = _html_lists_to_markdown(text)
    text = _HTML_BLOCK_TAG.sub("\n\n", text)
    text = _HTML_TAG.sub("", text)  # inline tags (<strong>, <a>, <span>) join their text
    text = html.unescape(text)
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _RUN_IN_HEADING.sub(r"\1\2\4:", text)

    units: list[tuple[str, str | None]] = []
    lead_in: str | None = None
    lead_in_kind: tuple[int, str] | None = None  # the kind of the block that ends with the lead-in
    list_kind: tuple[int, str] | None = None  # the kind of the first item after it
    for block, item_kind in _blocks(text):
        sentences = _split_block(block)
        if not sentences:
            continue
        if lead_in is not None:
            if item_kind is not None and list_kind is None and item_kind != lead_in_kind:
                list_kind = item_kind
            if item_kind is None or item_kind != list_kind:
                lead_in = None
        units.append((sentences[0], lead_in))
        units.extend((sentence, None) for sentence in sentences[1:])
        if sentences[-1].endswith(":"):
            lead_in, lead_in_kind, list_kind = sentences[-1], item_kind, None
    return units


_HTML_LIST_TAG = re.compile(r"<(/?)(ol|ul|li)\b[^<>]*>\s*", re.IGNORECASE)


def _html_lists_to_markdown(text: str) -> str:
    """``<li>`` -> a Markdown bullet indented by its list nesting, so that nesting is kept."""
    depth = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal depth
        closing, tag = match.group(1), match.group(2).lower()
        if tag in ("ol", "ul"):
            depth = max(0, depth - 1) if closing else depth + 1
            return "\n\n"
        return "\n\n" if closing else "\n\n" + "  " * max(0, depth - 1) + "- "

    return _HTML_LIST_TAG.sub(replace, text)


def _item_kind(raw_line: str, marker: str) -> tuple[int, str]:
    """Indentation and numbering style of a list item: "2.1" -> "1.1", "(b)" -> "(a)"."""
    indent = len(raw_line.expandtabs(4)) - len(raw_line.expandtabs(4).lstrip())
    style = re.sub(r"[0-9]+", "1", re.sub(r"[A-Za-z]+", "a", marker))
    return indent, style


def _blocks(text: str) -> list[tuple[str, tuple[int, str] | None]]:
    """Blocks of text, each with its list-item kind (None when it is not a list item)."""
    blocks: list[tuple[str, tuple[int, str] | None]] = []
    current: list[str] = []
    kind: tuple[int, str] | None = None

    def close() -> None:
        if current:
            blocks.append((_join_lines(current), kind))
            current.clear()

    for raw_line in text.splitlines():
        line = raw_line.strip()
        if not line or _TABLE_RULE.match(line) or re.fullmatch(r"[-=_*]{3,}", line):
            close()
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            blocks.append((heading.group(1), None))
            continue
        if "|" in line:
            close()
            blocks.extend((cell.strip(), None) for cell in line.strip("|").split("|"))
            continue
        marker = _BULLET.match(line) or _ENUMERATOR.match(line)
        if marker:
            close()
            kind = _item_kind(raw_line, marker.group().strip())
            if _BULLET.match(line):
                line = _BULLET.sub("", line)
        elif not current:
            kind = None
        current.append(line)
    close()
    return blocks


def _join_lines(lines: list[str]) -> str:
    joined = lines[0]
    for line in lines[1:]:
        joined += line if joined.endswith("-") else " " + line
    return joined


def _split_block(block: str) -> list[str]:
    block = " ".join(block.replace("**", "").replace("__", "").replace("*", " ").split())
    if not block:
        return []
    enumerator = _ENUMERATOR.match(block)
    start_search = enumerator.end() if enumerator else 0
    sentences: list[str] = []
    start = 0
    for end in _SENTENCE_END.finditer(block, start_search):
        following = block[end.end() :]
        if not _NEXT_STARTS_SENTENCE.match(following):
            continue
        word = block[start : end.start()].rsplit(" ", 1)[-1].lstrip("(\"'\u201c\u00ab[")
        if word.lower() in _ABBREVIATIONS or _INITIALS.match(word):
            continue
        sentences.append(block[start : end.start() + 1].strip())
        start = end.end()
    sentences.append(block[start:].strip())
    return [s for s in sentences if any(ch.isalpha() for ch in s)]


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class ClauseEvidence:
    """What the analysis found for one clause: the sentence (<= ~400 chars) and the pattern."""

    letter: str
    found: bool
    sentence: str | None = None
    pattern: str | None = None


@dataclass(frozen=True)
class DocumentAnalysis:
    """The outcome for one `contract_document` value; `evidence` holds every clause letter.

    `status` is "analysed", "missing" (no such file), "refused" (outside the parameters folder)
    or "unreadable" (any other problem, named in `reason`). Only an "analysed" document's
    `found = False` means "no evidence in the document".
    """

    path_value: str
    status: DocumentStatus
    reason: str | None
    evidence: dict[str, ClauseEvidence]


def analyse_text(text: str) -> dict[str, ClauseEvidence]:
    """For each clause of `CLAUSES`, the best matching sentence of `text` (see module docstring).

    A list item's evidence is shown with its lead-in: "lead-in sentence: item sentence".
    """
    sentences = [
        f"{lead_in} {sentence}" if lead_in else sentence
        for sentence, lead_in in _sentence_units(text)
    ]
    folded = [sentence.translate(_FOLD) for sentence in sentences]
    names_processor = [bool(_NAMES_PROCESSOR.search(sentence)) for sentence in folded]
    evidence: dict[str, ClauseEvidence] = {}
    for letter, clause in CLAUSES.items():
        evidence[letter] = ClauseEvidence(letter, False)
        for pattern in clause.patterns:  # strongest first: the first pattern that matches wins
            hits = [
                (not names_processor[index], index, match)
                for index, sentence in enumerate(folded)
                if (match := pattern.search(sentence))
            ]
            if hits:
                _, index, match = min(hits, key=lambda hit: hit[:2])
                evidence[letter] = ClauseEvidence(
                    letter,
                    True,
                    _excerpt(sentences[index], match.start(), match.end()),
                    pattern.pattern,
                )
                break
    return evidence


def _excerpt(sentence: str, start: int, end: int) -> str:
    """The sentence, or a window of it around the match when longer than MAX_EVIDENCE_CHARS."""
    if len(sentence) <= MAX_EVIDENCE_CHARS:
        return sentence
    width = MAX_EVIDENCE_CHARS - 2  # room for the two ellipses
    left = max(0, min(start - (width - (end - start)) // 2, len(sentence) - width))
    if end - left > width:  # a very long match: keep its beginning
        left = start
    right = min(len(sentence), left + width)
    return (
        ("…" if left > 0 else "")
        + sentence[left:right].strip()
        + ("…" if right < len(sentence) else "")
    )


def _no_evidence() -> dict[str, ClauseEvidence]:
    return {letter: ClauseEvidence(letter, False) for letter in CLAUSES}


def analyse_document(base_dir: Path, value: str) -> DocumentAnalysis:
    """Resolve, read and analyse one `contract_document`: a bad document gives a status, no error.

    SUB-010 reads `status`/`reason`; SUB-009 should use `evidence` only when status is "analysed".
    """
    try:
        path = resolve_document(base_dir, value)
        text = read_document_text(path)
    except DocumentError as exc:
        return DocumentAnalysis(str(value), exc.kind, exc.reason, _no_evidence())
    return DocumentAnalysis(str(value), "analysed", None, analyse_text(text))


EVIDENCE_COLUMNS = ["processor_id", "clause", "article", "status", "found", "sentence", "pattern"]


def evidence_frame(analyses: Mapping[str, DocumentAnalysis]) -> pd.DataFrame:
    """One row per (processor_id, clause letter), sorted by processor_id then clause."""
    rows = [
        {
            "processor_id": processor_id,
            "clause": letter,
            "article": CLAUSES[letter].article,
            "status": analysis.status,
            "found": analysis.evidence[letter].found if letter in analysis.evidence else False,
            "sentence": analysis.evidence[letter].sentence if letter in analysis.evidence else None,
            "pattern": analysis.evidence[letter].pattern if letter in analysis.evidence else None,
        }
        for processor_id, analysis in sorted(analyses.items(), key=lambda item: str(item[0]))
        for letter in CLAUSES
    ]
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return frame.astype({"found": bool})
