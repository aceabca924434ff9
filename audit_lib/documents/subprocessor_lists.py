"""Processors' published sub-processor lists (Art. 28(2) and (4)): read, normalised, compared.

Used by the processors audit (rules SUB-011..SUB-014) for the register column
``processors.subprocessor_list``: the list a processor publishes, saved as Markdown, HTML,
reStructuredText, plain text, PDF or DOCX inside the documents folder (`documents_dir`), opened
with the same path confinement as the contract documents (`audit_lib.documents.files`).

Reading. Each format is parsed by a parser, never by regular expressions over its markup --
Markdown by markdown-it-py (CommonMark with tables; HTML tables and lists embedded in Markdown
go to the HTML parser), HTML by `html.parser`, reStructuredText by docutils (file inclusion and
raw directives disabled, no configuration files read), DOCX by python-docx (paragraphs, list
paragraphs, tables), PDF and plain text as text whose bullet lines (•, -, *, 1.), tab-separated
rows and "Name - purpose" lines are read as lists and tables -- into one sequence of blocks
(headings, paragraphs, tables, lists, definition lists). The entries come from:

- tables with a column whose header names the sub-processor (`NAME_HEADERS`: name,
  subprocessor, company, vendor, entity, provider, ...); a location column (`LOCATION_HEADERS`)
  gives the countries -- a column about where data is processed ("Location of Processing",
  "Data location") is preferred to a corporate one ("Corporate Location", "HQ"); a purpose
  column (description, purpose, service, ...) the purpose;
- bulleted or numbered lists: `[Name](link). Purpose.`, `[Name](link) for purpose`,
  `Name for purpose`, `Name - purpose`, `Name: purpose`, or a bare name;
- definition lists (reStructuredText, HTML `<dl>`): the term is the name, the definition the
  purpose.

Not entries: headings, paragraphs, block quotes and notes (admonitions), tables of contents
(lists of links to `#anchors`, the rST `contents` directive, HTML `<nav>`), front matter, field
lists (dates), page navigation (`<header>`, `<footer>`, `<aside>`), links to previous versions,
lists under a heading such as "Changelog", "Previous versions", "Definitions" or one that asks a
question ("What is a sub-processor?"), and lists whose items read as prose rather than names
(fewer than half of the items look like an entry).

Locations. From the entry's own location cell or "Location: ..." field, else a country in
brackets after the name ("OVH (France)"), else the sentence or heading that introduces the
group ("These subprocessors are located in the EU", "## United States", "EU sub-processors"),
which holds for the rest of its section. Countries are read by `audit_lib.freetext.countries`
(several per cell, names or codes in five languages); "EU", "European Union", "EEA" are `EEA`
(inside the EEA, no country); "Worldwide", "Global" are `worldwide` (unknown: not judged);
cities and unrecognised text are not locations.

Names. Compared after `normalise_name`: case and accents folded, `&` = "and", punctuation
dropped, a leading "The" and legal-form suffixes (`LEGAL_FORMS`: Inc, LLC, Ltd, GmbH, SAS,
B.V., PBC, plc, Pty, s.r.o., ...) removed. An alias in brackets, or after "aka", "a.k.a.",
"d/b/a", "dba", "doing business as", "trading as", "formerly", matches too: `Amazon Web Services
Inc (AWS)` matches `AWS`; `NexMo Inc (aka Vonage)` matches `Vonage`. Spaces are ignored when
comparing ("Send Grid" = "SendGrid"). Entries with the same normalised name in one list are one
entry (first spelling kept; aliases, locations and purposes merged).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

from ..freetext._text import fold
from ..freetext.countries import countries_in, region
from .files import (
    DocumentError,
    open_docx,
    read_checked,
    read_pdf_text,
    read_text_file,
    resolve_document,
)

__all__ = [
    "LEGAL_FORMS",
    "SUPPORTED_EXTENSIONS",
    "ListComparison",
    "ListEntry",
    "RegisterName",
    "SubprocessorList",
    "compare",
    "locations_in",
    "match_keys",
    "name_parts",
    "normalise_name",
    "read_entries",
    "read_list",
    "register_names",
]

SUPPORTED_EXTENSIONS = (".md", ".markdown", ".html", ".htm", ".rst", ".txt", ".pdf", ".docx")
#: longest text read from one list (characters); the rest is not read
MAX_CHARS = 1_000_000
#: HTML elements nested deeper than this are read as part of their ancestor
MAX_DEPTH = 100
EEA_REGION = "EEA"
WORLDWIDE = "worldwide"

ListStatus = Literal["read", "missing", "unreadable", "refused", "empty"]


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ListEntry:
    """One sub-processor a list names.

    `name` as listed (its first spelling, blanks collapsed, a footnote mark dropped);
    `normalised` and `aliases` after `normalise_name`; `locations` ISO 3166-1 alpha-2 codes,
    `EEA` and `worldwide`, in order of appearance; `purpose` as listed (several joined by "; ").
    """

    name: str
    normalised: str
    aliases: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    purpose: str = ""

    @property
    def keys(self) -> frozenset[str]:
        return match_keys(self.normalised, self.aliases)


@dataclass(frozen=True)
class SubprocessorList:
    """One `subprocessor_list` value read: `status` read, or why not (missing, unreadable,
    refused -- outside the documents folder, never opened --, empty: no entry found)."""

    path_value: str
    status: ListStatus
    reason: str | None = None
    entries: tuple[ListEntry, ...] = ()


# --------------------------------------------------------------------------- names

LEGAL_FORMS = (
    "inc",
    "incorporated",
    "llc",
    "l l c",
    "ltd",
    "limited",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "se",
    "sa",
    "s a",
    "sas",
    "s a s",
    "sasu",
    "sarl",
    "s a r l",
    "eurl",
    "bv",
    "b v",
    "bvba",
    "nv",
    "n v",
    "ab",
    "oy",
    "oyj",
    "as",
    "a s",
    "asa",
    "aps",
    "ou",
    "pbc",
    "plc",
    "pty",
    "pte",
    "pvt",
    "private",
    "s r o",
    "sro",
    "spa",
    "s p a",
    "srl",
    "s r l",
    "sl",
    "s l",
    "slu",
    "sp z o o",
    "lda",
    "ltda",
    "kk",
    "k k",
    "co",
    "and co",
    "corp",
    "corporation",
    "company",
    "ulc",
    "lp",
    "llp",
    "l p",
)
_LEGAL_FORMS = tuple(sorted((form.split() for form in LEGAL_FORMS), key=len, reverse=True))
_ALIAS_MARKERS = re.compile(
    r"\s*[,;]?\s*\b(?:a\.?\s?k\.?\s?a\.?|d\s?/\s?b\s?/\s?a|dba|doing business as|trading as|t/a"
    r"|formerly(?: known as)?|previously)(?=\s|$)\s*",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_FOOTNOTE = re.compile(r"(?:\s*(?:[*\u2020\u2021\u00b9\u00b2\u00b3]+|\[\d{1,2}\]|\(\d{1,2}\)))+$")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _clean(text: str) -> str:
    """Blanks collapsed, a trailing footnote mark (`*`, `†`, `[1]`) dropped."""
    return _FOOTNOTE.sub("", " ".join(str(text).split())).strip()


def normalise_name(text: str) -> str:
    """The form names are compared in: `"Amazon Web Services, Inc."` -> `"amazon web services"`.

    Case and accents folded, `&` read as "and", apostrophes dropped ("McDonald's" ->
    "mcdonalds"), other punctuation a space, a leading "the" and trailing legal forms
    (`LEGAL_FORMS`, repeatedly: "Acme Holdings Co., Ltd." -> "acme holdings") removed while a
    word remains.
    """
    folded = fold(str(text)).replace("&", " and ").replace("'", "")
    words = _NOT_WORD.sub(" ", folded).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    stripped = True
    while stripped:
        stripped = False
        for form in _LEGAL_FORMS:
            if len(words) > len(form) and words[-len(form) :] == form:
                words = words[: -len(form)]
                stripped = True
                break
    return " ".join(words)


@dataclass(frozen=True)
class NameParts:
    """A name as listed, read: `display` (cleaned), `normalised`, `aliases` (normalised), and
    the countries given in brackets after it (`"OVH (France)"` -> `("FR",)`)."""

    display: str
    normalised: str
    aliases: tuple[str, ...]
    locations: tuple[str, ...]


def name_parts(text: str) -> NameParts:
    """Read a name: brackets holding only countries or regions are locations, other brackets
    and what follows "aka", "d/b/a", "formerly" (...) are aliases, the rest is the name."""
    display = _clean(text)
    aliases: list[str] = []
    locations: list[str] = []

    def bracket(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        found = locations_in(inner, strict=True)
        if found:
            locations.extend(found)
        elif inner:
            aliases.append(
                _ALIAS_MARKERS.sub("", inner, count=1) if _starts_alias(inner) else inner
            )
        return " "

    main = _BRACKETS.sub(bracket, display)
    pieces = _ALIAS_MARKERS.split(main)
    main, aliases = pieces[0], [*pieces[1:], *aliases]
    normalised = normalise_name(main) or normalise_name(display)
    normalised_aliases = []
    for alias in aliases:
        key = normalise_name(alias)
        if key and key != normalised and key not in normalised_aliases:
            normalised_aliases.append(key)
    return NameParts(display, normalised, tuple(normalised_aliases), _distinct(locations))


def _starts_alias(text: str) -> bool:
    match = _ALIAS_MARKERS.match(text)
    return bool(match and match.start() == 0)


def match_keys(normalised: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """The keys two names are compared on: the normalised name and aliases, spaces removed."""
    return frozenset(key.replace(" ", "") for key in (normalised, *aliases) if key)


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(value for value in values if value))


# --------------------------------------------------------------------------- locations

# "located in", "based in", "hosted in", "situés dans", "mit Sitz in", ... followed by the place
_LOCATION_CUE = re.compile(
    r"\b(?:located|based|hosted|established|headquartered|situated|stored|processed|processing"
    r"|operating|operated|incorporated|situes?|etablis?|heberges?|localises?|bases?|sitz"
    r"|ansassig|gehostet|gespeichert|verarbeitet|ubicad[oa]s?|alojad[oa]s?|situat[ie]|ospitat[ie])"
    r"(?:\s+(?:all|only|exclusively|solely|entirely|primarily|also|data|the|are|is"
    r"|ausschliesslich|nur))*"
    r"\s+(?:in|within|inside|dans|en|au|aux|a|im|innerhalb|nella|nel|negli)\s+(?P<where>[^.:;!?()]+)",
    re.IGNORECASE,
)
_LOCATION_FIELD = re.compile(
    r"(?:^|[\s;,(])(?:data\s+)?(?:location|locations|country|countries|region|hosting|hosted in"
    r"|pays|standort|land|ubicacion|paese|sede)\s*[:=]\s*(?P<where>[^;.\n]+)",
    re.IGNORECASE,
)
_WHERE_STOP = re.compile(
    r"\s(?:unless|except|but|where|which|who|whom|that|with|for|to|under|subject|as|sauf"
    r"|ausser|salvo|tranne)\s",
    re.IGNORECASE,
)
_LIST_WORDS = re.compile(
    r"\b(?:list\s+of|our|current|authori[sz]ed|approved|third[\s-]part(?:y|ies)|sub[\s-]?processors?"
    r"|processors?|vendors?|suppliers?|providers?|service\s+providers?|entities|entity"
    r"|sous[\s-]traitants?|unterauftragsverarbeiter|subencargados?|sub[\s-]?responsabili"
    r"|based|located|hosted|in|the)\b|[-:]",
    re.IGNORECASE,
)


def locations_in(text: str, strict: bool = False) -> tuple[str, ...]:
    """Countries (alpha-2), `EEA` and `worldwide` written in a location cell, in order.

    Several per cell (`countries_in`); "EU", "EEA", "European Union" (and "Union européenne",
    ...) are `EEA`, "Worldwide", "Global" `worldwide`. With `strict`, every item of the text
    must be a country or a region (a name in brackets that is a place), else nothing is read.
    """
    if not text or not str(text).strip():
        return ()
    codes, unknown = countries_in(str(text))
    found = list(codes)
    for item in unknown:
        place = region(item)
        if place == "EEA":
            found.append(EEA_REGION)
        elif place == "WORLDWIDE":
            found.append(WORLDWIDE)
        elif strict:
            return ()
    return _distinct(found)


_ARTICLES = frozenset({"the", "l'", "la", "le", "les", "die", "der", "el", "los", "las", "il"})
_CONNECTORS = _ARTICLES | {"and", "or", "of", "et", "ou", "und", "oder", "y", "e", "de", "du"}


def _place_after_cue(where: str) -> tuple[str, ...]:
    """The countries at the start of `where`: its longest prefix (at most 12 words) that is only
    places ("the United States unless stated otherwise" -> US). A code must be written as one:
    "the US" is the United States, "stored in it" is not Italy."""
    where = _WHERE_STOP.split(f" {where} ", maxsplit=1)[0]
    words = where.replace("l'", "l' ").split()[:12]
    for n in range(len(words), 0, -1):
        prefix = words[:n]
        if any(
            len(word) <= 3 and word.isalpha() and word.islower() and word not in _CONNECTORS
            for word in prefix
        ):
            continue
        if prefix[0].lower() in _ARTICLES:
            prefix = prefix[1:]
        found = locations_in(" ".join(prefix), strict=True) if prefix else ()
        if found:
            return found
    return ()


def _fold_accents(text: str) -> str:
    """Accents stripped and apostrophes made plain, case kept (codes are told by their case)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def sentence_locations(text: str) -> tuple[str, ...]:
    """The place a sentence gives to the group it introduces ("These subprocessors are all
    located in the United States", "also all located in the US", "hébergés dans l'UE"), else
    ()."""
    for match in _LOCATION_CUE.finditer(_fold_accents(text)):
        found = _place_after_cue(match.group("where"))
        if found:
            return found
    return ()


def heading_locations(text: str) -> tuple[str, ...]:
    """The place a heading gives to its section: "United States", "EU sub-processors",
    "Sub-processors located in the EEA"; "GitHub Subsidiaries" gives none."""
    found = sentence_locations(text)
    if found:
        return found
    rest = " ".join(_LIST_WORDS.sub(" ", text).split())
    return locations_in(rest, strict=True) if rest else ()


def _field_locations(text: str) -> tuple[str, ...]:
    """The place an item's or a definition's text gives: a field ("Location: Germany"), a
    "located in" sentence, or brackets holding only places ("hosting (United States)")."""
    for match in _LOCATION_FIELD.finditer(text):
        found = locations_in(match.group("where").strip())
        if found:
            return found
    found = sentence_locations(text)
    if found:
        return found
    for match in _BRACKETS.finditer(text):
        found = locations_in(match.group(1), strict=True)
        if found:
            return found
    return ()


# --------------------------------------------------------------------------- blocks

BlockKind = Literal["heading", "paragraph", "table", "list", "definitions", "label"]


@dataclass
class _Item:
    """A list item: its text, the text of a link that starts it, and its nested lists."""

    text: str
    link: str | None = None
    href: str | None = None
    children: list[_Block] = field(default_factory=list)


@dataclass
class _Block:
    kind: BlockKind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    line: int = 0


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# ------------------------------------------------------------------ Markdown (markdown-it-py)


def _markdown_parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def markdown_blocks(text: str) -> list[_Block]:
    """Blocks of a Markdown document: front matter skipped, HTML tables and lists embedded in
    it read by the HTML parser, everything else from markdown-it-py's tokens."""
    text = _without_front_matter(text)
    spans = _html_spans(text)
    blocks: list[_Block] = []
    if spans:
        lines = text.split("\n")
        for start, end in spans:
            html = "\n".join(lines[start : end + 1])
            for block in html_blocks(html):
                block.line = start
                blocks.append(block)
            lines[start : end + 1] = [""] * (end + 1 - start)
        text = "\n".join(lines)
    tokens = _markdown_parser().parse(text)
    blocks.extend(_md_blocks(tokens))
    return sorted(blocks, key=lambda block: block.line)


def _without_front_matter(text: str) -> str:
    """The text with a YAML front matter block (`---` ... `---`, after any leading HTML comment
    lines) blanked out, line numbers kept. markdown-it would read it as a rule and a paragraph."""
    lines = text.split("\n")
    first = 0
    while first < len(lines) and (
        not lines[first].strip()
        or (lines[first].lstrip().startswith("<!--") and lines[first].rstrip().endswith("-->"))
    ):
        first += 1
    if first >= len(lines) or lines[first].strip() != "---":
        return text
    for end in range(first + 1, min(len(lines), first + 200)):
        if lines[end].strip() in ("---", "..."):
            return "\n".join([*lines[:first], *[""] * (end + 1 - first), *lines[end + 1 :]])
    return text


class _SpanFinder(HTMLParser):
    """Line spans of the HTML tables and lists that start a line of a Markdown document."""

    TAGS = frozenset({"table", "ul", "ol", "dl"})

    def __init__(self, lines: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = lines
        self.depth = 0
        self.start = 0
        self.spans: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.TAGS:
            return
        line, column = self.getpos()
        if self.depth == 0:
            if self.lines[line - 1][:column].strip():
                return  # inline HTML inside a paragraph: left to markdown-it
            self.start = line - 1
        self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.TAGS and self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                self.spans.append((self.start, self.getpos()[0] - 1))


def _html_spans(text: str) -> list[tuple[int, int]]:
    if "<" not in text:
        return []
    lines = text.split("\n")
    finder = _SpanFinder(lines)
    finder.feed(text)
    finder.close()
    if finder.depth > 0:  # an element left open runs to the end of the document
        finder.spans.append((finder.start, len(lines) - 1))
    return finder.spans


def _closing(tokens: Sequence[Any], start: int) -> int:
    """Index of the token closing the one opened at `start`."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _md_inline(token: Any) -> tuple[str, str | None, str | None]:
    """(plain text, text of a link that starts it, its target) of an inline token."""
    parts: list[str] = []
    link: list[str] | None = None
    first_link: str | None = None
    href: str | None = None
    for child in token.children or []:
        kind = child.type
        if kind == "link_open":
            if first_link is None and link is None and not "".join(parts).strip():
                link, href = [], child.attrGet("href")
        elif kind == "link_close":
            if link is not None:
                first_link, link = "".join(link), None
        elif kind in ("text", "code_inline"):
            parts.append(child.content)
            if link is not None:
                link.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "html_inline" and child.content.lower().startswith("<br"):
            parts.append("\n")
        elif kind == "image":
            parts.append(child.content)
    return "".join(parts), first_link, href


def _md_blocks(tokens: Sequence[Any]) -> list[_Block]:
    blocks: list[_Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = token.map[0] if token.map else 0
        kind = token.type
        if kind == "heading_open":
            text, _, _ = _md_inline(tokens[index + 1])
            blocks.append(_Block("heading", _one_line(text), level=int(token.tag[1:]), line=line))
            index += 3
            continue
        if kind == "paragraph_open":
            text, _, _ = _md_inline(tokens[index + 1])
            blocks.append(_Block("paragraph", _one_line(text), line=line))
            index += 3
            continue
        end = _closing(tokens, index) if token.nesting == 1 else index
        if kind == "table_open":
            blocks.append(_Block("table", rows=_md_rows(tokens[index : end + 1]), line=line))
        elif kind in ("bullet_list_open", "ordered_list_open"):
            blocks.append(_Block("list", items=_md_items(tokens[index + 1 : end]), line=line))
        # block quotes (notes), code, rules and raw HTML are not entries
        index = end + 1
    return blocks


def _md_rows(tokens: Sequence[Any]) -> list[list[str]]:
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            text, _, _ = _md_inline(token)
            rows[-1].append(text)
    return rows


def _md_items(tokens: Sequence[Any]) -> list[_Item]:
    items: list[_Item] = []
    index = 0
    while index < len(tokens):
        if tokens[index].type != "list_item_open":
            index += 1
            continue
        end = _closing(tokens, index)
        inner = tokens[index + 1 : end]
        texts: list[str] = []
        link = href = None
        children: list[_Block] = []
        position = 0
        while position < len(inner):
            token = inner[position]
            if token.type == "inline":
                text, first_link, target = _md_inline(token)
                if not texts:
                    link, href = first_link, target
                texts.append(text)
                position += 1
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                close = _closing(inner, position)
                children.append(_Block("list", items=_md_items(inner[position + 1 : close])))
                position = close + 1
            elif token.nesting == 1 and token.type not in ("paragraph_open",):
                position = _closing(inner, position) + 1  # tables, quotes, code inside an item
            else:
                position += 1
        items.append(_Item(" ".join(texts), link, href, children))
        index = end + 1
    return items


# ------------------------------------------------------------------ HTML (html.parser)

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIPPED = frozenset(
    "script style nav header footer aside form template noscript svg button select iframe "
    "head title object blockquote".split()
)
_BLOCK_TAGS = frozenset(
    "p div section article main body html center figure figcaption details summary address "
    "table ul ol dl li dt dd tr td th thead tbody tfoot caption hr pre h1 h2 h3 h4 h5 h6".split()
)
# an open element that a new start tag closes (HTML's implied end tags), and where to stop
_CLOSES = {
    "li": ({"li"}, {"ul", "ol"}),
    "dt": ({"dt", "dd"}, {"dl"}),
    "dd": ({"dt", "dd"}, {"dl"}),
    "tr": ({"tr", "td", "th"}, {"table", "thead", "tbody", "tfoot"}),
    "td": ({"td", "th"}, {"tr", "table"}),
    "th": ({"td", "th"}, {"tr", "table"}),
    "thead": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tbody": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
    "tfoot": ({"thead", "tbody", "tfoot", "tr", "td", "th"}, {"table"}),
}


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[_Element | str] = field(default_factory=list)


class _TreeBuilder(HTMLParser):
    """A small element tree from `html.parser` events, with HTML's implied end tags for lists,
    tables and paragraphs; an unknown end tag is ignored, an unclosed element closed at the end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("root")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _CLOSES:
            closes, stop = _CLOSES[tag]
            for position in range(len(self.stack) - 1, 0, -1):
                open_tag = self.stack[position].tag
                if open_tag in stop:
                    break
                if open_tag in closes:
                    del self.stack[position:]
                    break
        if tag in _BLOCK_TAGS and self.stack[-1].tag == "p":
            self.stack.pop()
        element = _Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self.stack[-1].children.append(_Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self.stack) - 1, 0, -1):
            if self.stack[position].tag == tag:
                del self.stack[position:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _html_tree(text: str) -> _Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _text_of(element: _Element | str, skip: frozenset[str] = frozenset()) -> str:
    """The text of an element: `<br>` and block elements break lines, blanks collapsed in lines."""
    parts: list[str] = []

    def walk(node: _Element | str) -> None:
        if isinstance(node, str):
            parts.append(node)
            return
        if node.tag in _SKIPPED or node.tag in skip:
            return
        if node.tag == "br":
            parts.append("\n")
            return
        block = node.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        for child in node.children:
            walk(child)
        if block:
            parts.append("\n")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def html_blocks(text: str) -> list[_Block]:
    """Blocks of an HTML page (or of HTML embedded in Markdown)."""
    blocks: list[_Block] = []
    _html_walk(_html_tree(text), blocks)
    return blocks


def _html_walk(element: _Element, blocks: list[_Block]) -> None:
    inline: list[_Element | str] = []

    def flush() -> None:
        text = _one_line(" ".join(_text_of(node) for node in inline))
        if text:
            blocks.append(_Block("paragraph", text))
        inline.clear()

    for child in element.children:
        if isinstance(child, str):
            inline.append(child)
            continue
        tag = child.tag
        if tag in _SKIPPED:
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            flush()
            blocks.append(_Block("heading", _one_line(_text_of(child)), level=int(tag[1])))
        elif tag == "table":
            flush()
            blocks.append(_Block("table", rows=_html_rows(child)))
        elif tag in ("ul", "ol"):
            flush()
            blocks.append(_Block("list", items=_html_items(child)))
        elif tag == "dl":
            flush()
            blocks.append(_Block("definitions", pairs=_html_pairs(child)))
        elif tag in _BLOCK_TAGS:
            flush()
            _html_walk(child, blocks)
        else:
            inline.append(child)
    flush()


def _descendants(element: _Element, tags: set[str], stop: set[str]) -> Iterable[_Element]:
    """Elements with one of `tags` under `element`, not looking inside `stop` elements."""
    for child in element.children:
        if isinstance(child, str):
            continue
        if child.tag in tags:
            yield child
        elif child.tag not in stop:
            yield from _descendants(child, tags, stop)


def _html_rows(table: _Element) -> list[list[str]]:
    rows: list[list[str]] = []
    for row in _descendants(table, {"tr"}, {"table"}):
        cells: list[str] = []
        for cell in _descendants(row, {"td", "th"}, {"table", "tr"}):
            span = str(cell.attrs.get("colspan") or "1").strip()
            count = min(int(span), 20) if span.isdigit() and int(span) > 0 else 1
            cells.extend([_text_of(cell)] * count)
        if cells:
            rows.append(cells)
    return rows


def _first_link(element: _Element) -> _Element | None:
    """The `<a>` that starts an element's text (wrapped in `<b>`, `<strong>`... or not)."""
    for child in element.children:
        if isinstance(child, str):
            if child.strip():
                return None
            continue
        if child.tag == "a":
            return child
        if child.tag in _BLOCK_TAGS and child.tag not in ("p", "div"):
            return None
        found = _first_link(child)
        if found is not None or _text_of(child).strip():
            return found
    return None


def _html_items(element: _Element) -> list[_Item]:
    items: list[_Item] = []
    for item in _descendants(element, {"li"}, {"ul", "ol", "table"}):
        children = [
            _Block("list", items=_html_items(nested))
            for nested in _descendants(item, {"ul", "ol"}, {"table"})
        ]
        link = _first_link(item)
        items.append(
            _Item(
                _one_line(_text_of(item, skip=frozenset({"ul", "ol"}))),
                _one_line(_text_of(link)) if link is not None else None,
                link.attrs.get("href") if link is not None else None,
                children,
            )
        )
    return items


def _html_pairs(element: _Element) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    term: str | None = None
    definitions: list[str] = []
    for node in _descendants(element, {"dt", "dd"}, {"dl", "table"}):
        if node.tag == "dt":
            if term is not None:
                pairs.append((term, " ".join(definitions)))
            term, definitions = _one_line(_text_of(node)), []
        else:
            definitions.append(_one_line(_text_of(node)))
    if term is not None:
        pairs.append((term, " ".join(definitions)))
    return pairs


# ------------------------------------------------------------------ reStructuredText (docutils)

_RST_SETTINGS = {
    "report_level": 5,  # no system messages in the output
    "halt_level": 5,  # never stop on an error: an unknown directive is a message, not a failure
    "warning_stream": False,
    "file_insertion_enabled": False,  # no `include`, no `raw :file:`: nothing outside is read
    "raw_enabled": False,
    "_disable_config": True,  # no docutils.conf from the working folder
    "input_encoding": "unicode",
    "syntax_highlight": "none",
}


def rst_blocks(text: str) -> list[_Block]:
    """Blocks of a reStructuredText document, from the docutils doctree."""
    from docutils.core import publish_doctree

    settings = dict(_RST_SETTINGS, warning_stream=io.StringIO())
    document = publish_doctree(text, settings_overrides=settings)
    blocks: list[_Block] = []
    _rst_walk(document, blocks, 1)
    return blocks


def _rst_walk(node: Any, blocks: list[_Block], level: int) -> None:
    from docutils import nodes

    for child in node.children:
        if isinstance(child, nodes.section):
            title = child.next_node(nodes.title)
            blocks.append(
                _Block("heading", _one_line(title.astext()) if title else "", level=level + 1)
            )
            _rst_walk(child, blocks, level + 1)
        elif isinstance(child, nodes.title):
            blocks.append(_Block("heading", _one_line(child.astext()), level=level))
        elif isinstance(child, nodes.paragraph):
            blocks.append(_Block("paragraph", _one_line(child.astext())))
        elif isinstance(child, nodes.definition_list):
            pairs = []
            for item in child.findall(nodes.definition_list_item):
                term = item.next_node(nodes.term)
                definition = item.next_node(nodes.definition)
                pairs.append(
                    (
                        _one_line(term.astext()) if term else "",
                        _one_line(definition.astext()) if definition else "",
                    )
                )
            blocks.append(_Block("definitions", pairs=pairs))
        elif isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
            blocks.append(_Block("list", items=_rst_items(child)))
        elif isinstance(child, nodes.table):
            rows = [
                [_one_line(entry.astext()) for entry in row.findall(nodes.entry)]
                for row in child.findall(nodes.row)
            ]
            blocks.append(_Block("table", rows=rows))
        elif isinstance(child, (nodes.block_quote, nodes.container, nodes.compound)):
            _rst_walk(child, blocks, level)
        # admonitions (notes), docinfo and field lists (dates), comments, system messages,
        # targets, literal blocks and topics (the `contents` directive) are not entries


def _rst_items(node: Any) -> list[_Item]:
    from docutils import nodes

    items: list[_Item] = []
    for item in node.children:
        if not isinstance(item, nodes.list_item):
            continue
        paragraphs = [child for child in item.children if isinstance(child, nodes.paragraph)]
        link = href = None
        if paragraphs and paragraphs[0].children:
            first = paragraphs[0].children[0]
            if isinstance(first, nodes.reference):
                link, href = _one_line(first.astext()), first.get("refuri")
        children = [
            _Block("list", items=_rst_items(child))
            for child in item.children
            if isinstance(child, (nodes.bullet_list, nodes.enumerated_list))
        ]
        text = " ".join(_one_line(paragraph.astext()) for paragraph in paragraphs)
        items.append(_Item(text, link, href, children))
    return items


# ------------------------------------------------------------------ plain text, PDF, DOCX

_BULLET = re.compile(
    r"^(?:[-*+\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2013\u2014\u00b7\u2023\u2043\u2219\uf0b7]|(?:\d{1,3}|[a-z])[.)]|\((?:\d{1,3}|[a-z])\))\s+"
)
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$", re.IGNORECASE)
_ENTRY_LINE = re.compile(r"^(?P<name>[^\t]{1,80}?)(?:\s+[-\u2013\u2014]\s+|:\s+|\t+)\S")


def text_blocks(text: str) -> list[_Block]:
    """Blocks of plain text (or of a PDF's text): bullet lines, numbered lines and runs of
    "Name - purpose" lines are lists, runs of tab-separated lines tables, the rest paragraphs;
    read through the Markdown reader after that light markup is added."""
    lines = [line.strip() for line in text.replace("\f", "\n").replace("\r", "\n").split("\n")]
    lines = ["" if _PAGE_NUMBER.match(line) else line for line in lines]
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        run = _run(lines, index, lambda s: "\t" in s)
        if len(run) >= 2 and len({len(s.split("\t")) for s in run}) == 1:
            cells = [[cell.strip().replace("|", "/") for cell in s.split("\t")] for s in run]
            out += ["", "| " + " | ".join(cells[0]) + " |", "|" + " --- |" * len(cells[0])]
            out += ["| " + " | ".join(row) + " |" for row in cells[1:]] + [""]
            index += len(run)
            continue
        if line and not _BULLET.match(line):
            run = _run(lines, index, lambda s: bool(s) and not _BULLET.match(s))
            if len(run) >= 2 and all(_ENTRY_LINE.match(s) for s in run):
                out += [""] + [f"- {s}" for s in run] + [""]
                index += len(run)
                continue
        bullet = _BULLET.match(line)
        after_item = bool(out) and out[-1].startswith("- ")
        if bullet:
            if out and out[-1] and not after_item:
                out.append("")  # a list starts a new block
            out.append(f"- {line[bullet.end() :]}")
        else:
            if after_item and line and not line[:1].islower():
                out.append("")  # a capitalised line after an item starts a new block
            out.append(line.lstrip(">"))
        index += 1
    return markdown_blocks("\n".join(out))


def _run(lines: list[str], start: int, keep) -> list[str]:
    end = start
    while end < len(lines) and keep(lines[end]):
        end += 1
    return lines[start:end]


def _docx_blocks(path: Path) -> list[_Block]:
    """Blocks of a DOCX: headings (Heading/Title styles), list paragraphs (List styles or
    numbering) gathered into lists, other paragraphs, tables as rows (a merged cell once)."""
    from docx.table import Table
    from docx.text.hyperlink import Hyperlink

    def walk(document: Any) -> list[_Block]:
        blocks: list[_Block] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                rows = []
                for row in block.rows:
                    cells, previous = [], None
                    for cell in row.cells:
                        if cell._tc is not previous:
                            cells.append(cell.text)
                        previous = cell._tc
                    rows.append(cells)
                blocks.append(_Block("table", rows=rows))
                continue
            text = _one_line(block.text)
            if not text:
                continue
            style = (block.style.name if block.style is not None else "") or ""
            properties = block._p.pPr
            numbered = properties is not None and properties.numPr is not None
            if style.startswith("Heading") or style == "Title":
                digits = "".join(ch for ch in style if ch.isdigit())
                blocks.append(_Block("heading", text, level=int(digits or 1)))
            elif numbered or "List" in style:
                content = list(block.iter_inner_content())
                link = content[0].text if content and isinstance(content[0], Hyperlink) else None
                if not blocks or blocks[-1].kind != "list":
                    blocks.append(_Block("list"))
                blocks[-1].items.append(_Item(text, _one_line(link) if link else None))
            else:
                blocks.append(_Block("paragraph", text))
        return blocks

    return open_docx(path, walk)


def _pdf_text(path: Path) -> str:
    return read_pdf_text(path)


_READERS = {
    ".md": read_text_file,
    ".markdown": read_text_file,
    ".html": read_text_file,
    ".htm": read_text_file,
    ".rst": read_text_file,
    ".txt": read_text_file,
    ".pdf": _pdf_text,
    ".docx": _docx_blocks,
}
_PARSERS = {
    ".md": markdown_blocks,
    ".markdown": markdown_blocks,
    ".html": html_blocks,
    ".htm": html_blocks,
    ".rst": rst_blocks,
    ".txt": text_blocks,
    ".pdf": text_blocks,
}


# --------------------------------------------------------------------------- entries

NAME_HEADERS = (
    "sub-processor",
    "subprocessor",
    "sub processor",
    "name",
    "company",
    "supplier",
    "vendor",
    "entity",
    "provider",
    "third party",
    "third-party",
    "organisation",
    "organization",
    "processor",
    "subcontractor",
    "partner",
    "sous-traitant",
    "prestataire",
    "fournisseur",
    "unterauftragsverarbeiter",
    "auftragsverarbeiter",
    "dienstleister",
    "subencargado",
    "encargado",
    "proveedor",
    "sub-responsabile",
    "fornitore",
)
LOCATION_HEADERS = (
    "location",
    "country",
    "countries",
    "region",
    "where",
    "jurisdiction",
    "pays",
    "localisation",
    "lieu",
    "standort",
    "land",
    "sitz",
    "ubicacion",
    "pais",
    "paese",
    "sede",
)
PURPOSE_HEADERS = (
    "purpose",
    "description",
    "service",
    "function",
    "activity",
    "processing",
    "nature",
    "role",
    "type",
    "category",
    "usage",
    "scope",
    "finalite",
    "objet",
    "zweck",
    "leistung",
    "finalidad",
    "finalita",
)
# a processing location is preferred to a corporate one
_PROCESSING_WORDS = ("processing", "data", "hosting", "storage", "server", "traitement")
_PROCESSING_WORDS += ("verarbeitung", "datacenter", "data center", "tratamiento")
_CORPORATE_WORDS = ("corporate", "headquarter", "hq", "registered", "company", "legal", "office")
_CORPORATE_WORDS += ("incorporation", "siege", "entity", "sitz")
# a section whose heading starts with one of these words holds no entries
_SKIPPED_SECTIONS = re.compile(
    r"^\s*(?:[\d.]+\s+)?(?:table of contents|contents|toc|changelog|change log|changes"
    r"|change history|revision history|version history|history|previous versions?|past versions?"
    r"|older versions?|archives?|updates|notes?|footnotes|definitions|glossary|see also|related"
    r"|subscribe|faq|sommaire|historique|inhalt|inhaltsverzeichnis|anderungen)\b",
    re.IGNORECASE,
)
# nor does one that asks a question ("What is a sub-processor?")
_QUESTION = re.compile(r"^(?:what|why|how|pourquoi|qu'est|warum|was ist)\b|\?\s*$")
_VERSION_ITEM = re.compile(
    r"^(?:previous|prior|past|old|older|earlier|archived?|former|historical)\b"
    r"|\b(?:version|versions|changelog|archive)\b|^\s*(?:v\d|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})",
    re.IGNORECASE,
)
_PROSE_START = frozenset(
    "we our you your the a an to if for in on with when all any each this these that it its is "
    "are be by of or and as at from may can will must should no not only see please object "
    "receive terminate notify request note nous vous les le la des wir sie die der das".split()
)
_NOT_NAMES = frozenset(
    "note notes only all none other others see and or purpose purposes location locations country "
    "countries region description service services data website dpa safeguards transfer "
    "mechanism category categories type status n/a na tbd tba".split()
)
_MAX_NAME_WORDS = 8
_MAX_NAME_CHARS = 80
_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|:\s+|\t+")
_FOR = re.compile(r"\s+(?:for|pour|f\u00fcr|para|per)\s+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"\.\s+(?=\S)")
_ABBREVIATION = re.compile(
    r"(?:\b(?:inc|ltd|co|corp|llc|bv|b\.v|nv|n\.v|s\.a|s\.a\.s|plc|pty|gmbh|ag|sarl|srl|spa|st|no)"
    r"|\b[A-Za-z])$",
    re.IGNORECASE,
)
_URL = re.compile(r"^(?:https?://|www\.|mailto:)", re.IGNORECASE)


@dataclass
class _Section:
    level: int
    locations: tuple[str, ...] = ()
    skipped: bool = False


@dataclass
class _Raw:
    name: str
    purpose: str = ""
    locations: tuple[str, ...] = ()


def _header_columns(header: list[str]) -> tuple[int | None, int | None, int | None]:
    """(name, location, purpose) column indexes of a table's header row."""
    folded = [fold(cell).replace("_", " ") for cell in header]

    def has(text: str, words: Sequence[str]) -> bool:
        return any(re.search(rf"(?<![a-z]){re.escape(word)}", text) for word in words)

    locations = [i for i, text in enumerate(folded) if has(text, LOCATION_HEADERS)]
    names = [i for i, text in enumerate(folded) if i not in locations and has(text, NAME_HEADERS)]
    purposes = [
        i
        for i, text in enumerate(folded)
        if i not in locations and i not in names[:1] and has(text, PURPOSE_HEADERS)
    ]
    location = None
    if locations:
        processing = [i for i in locations if has(folded[i], _PROCESSING_WORDS)]
        plain = [i for i in locations if not has(folded[i], _CORPORATE_WORDS)]
        location = (processing or plain or locations)[0]
    return (names[0] if names else None, location, purposes[0] if purposes else None)


def _table_raws(rows: list[list[str]]) -> list[_Raw]:
    """Entries of a table whose header row (one of its first three rows: a title row may come
    first) names the sub-processor column."""
    for header_at in range(min(3, len(rows) - 1)):
        name_at, location_at, purpose_at = _header_columns(rows[header_at])
        if name_at is not None:
            break
    else:
        return []
    raws = []
    for row in rows[header_at + 1 :]:
        if name_at >= len(row) or (len(row) > 1 and len(set(row)) == 1):
            continue  # a row spanning the table: a title or a note
        lines = [line for line in row[name_at].split("\n") if line.strip()]
        name = _clean(lines[0]) if lines else ""
        if not _plausible_name(name):
            continue
        where = row[location_at] if location_at is not None and location_at < len(row) else ""
        purpose = row[purpose_at] if purpose_at is not None and purpose_at < len(row) else ""
        raws.append(_Raw(name, _one_line(purpose), locations_in(where)))
    return raws


def _plausible_name(name: str) -> bool:
    """A short text that can be a company's name (not a sentence, a label or a date)."""
    words = name.split()
    if not words or len(words) > _MAX_NAME_WORDS or len(name) > _MAX_NAME_CHARS:
        return False
    if not any(ch.isalpha() for ch in name) or name.endswith(":"):
        return False
    first = fold(words[0]).strip(".,;:'\"")
    if words[0][:1].islower() and first in _PROSE_START:
        return False
    if fold(name).strip(" .:*") in _NOT_NAMES or _URL.search(name) or ": " in name:
        return False  # a label, a link, or a note ("Notes: ...")
    return not _VERSION_ITEM.search(name)


def _split_item(text: str) -> tuple[str, str]:
    """(name, rest) of a list item without a leading link: "Name - purpose", "Name: purpose",
    "Name for purpose", "Name. Purpose." (not after "Inc." or an initial), or the whole text."""
    separator = _SEPARATOR.search(text)
    if separator:
        return text[: separator.start()], text[separator.end() :]
    purpose = _FOR.search(text)
    if purpose and len(text[: purpose.start()].split()) <= _MAX_NAME_WORDS:
        return text[: purpose.start()], text[purpose.end() :]
    for end in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[: end.start()]):
            return text[: end.start()], text[end.end() :]
    return text, ""


_LEADING_BRACKETS = re.compile(r"^\s*(\([^()]*\))")
_LEADING_FOR = re.compile(r"^(?:for|pour|f\u00fcr|para|per)\s+", re.IGNORECASE)


def _purpose(rest: str) -> str:
    """What follows a name in a list item, without its separator, "for" and final period."""
    rest = _LEADING_FOR.sub("", _one_line(rest).lstrip(".,;:-\u2013\u2014| "))
    return rest.rstrip(". ")


def _item_raw(item: _Item) -> _Raw | None:
    text = _one_line(item.text)
    if item.link and item.link.strip() and not _URL.search(item.link.strip()):
        name = _one_line(item.link)
        rest = text[len(name) :] if text.startswith(name) else text.replace(name, "", 1)
        brackets = _LEADING_BRACKETS.match(rest)
        if brackets:  # "[Twilio Inc.](link) (SendGrid) - ...": the brackets belong to the name
            name, rest = f"{name} {brackets.group(1)}", rest[brackets.end() :]
    else:
        name, rest = _split_item(text)
    name = _clean(name)
    if not _plausible_name(name):
        return None
    return _Raw(name, _purpose(rest), _field_locations(rest))


def _list_raws(items: list[_Item]) -> list[_Raw]:
    """Entries of a list, or none when it is a table of contents or reads as prose."""
    if not items:
        return []
    if all(item.href and item.href.startswith("#") for item in items):
        return []  # a table of contents
    raws: list[_Raw] = []
    candidates = 0
    for item in items:
        raw = _item_raw(item)
        nested = [block for block in item.children if block.kind == "list"]
        if nested:
            fields = [_field(nested_item) for block in nested for nested_item in block.items]
            if raw is not None and fields and all(fields):
                # "Name" with nested "Purpose: ...", "Location: ..." items: one entry
                values = dict(pair for pair in fields if pair)
                where = next((v for k, v in values.items() if k in LOCATION_HEADERS), "")
                what = next((v for k, v in values.items() if k in PURPOSE_HEADERS), raw.purpose)
                raws.append(_Raw(raw.name, what, locations_in(where)))
                candidates += 1
                continue
            # a group label ("Infrastructure", "Located in the EU:") over a nested list
            label = sentence_locations(item.text) or heading_locations(item.text)
            for block in nested:
                for nested_raw in _list_raws(block.items):
                    raws.append(
                        nested_raw
                        if nested_raw.locations
                        else _Raw(nested_raw.name, nested_raw.purpose, label)
                    )
            candidates += 1
            continue
        if raw is not None:
            raws.append(raw)
            candidates += 1
    if candidates * 2 < len(items):
        return []  # mostly prose: not a list of sub-processors
    return raws


def _field(item: _Item) -> tuple[str, str] | None:
    """("location", "Germany") for a nested item "Location: Germany", else None."""
    label, _, value = item.text.partition(":")
    key = fold(label).strip(" *")
    key = key.removeprefix("data ").removeprefix("processing ")
    if value.strip() and key in (*LOCATION_HEADERS, *PURPOSE_HEADERS, "data processed", "dpa"):
        return key, value.strip()
    return None


def _definition_raws(pairs: list[tuple[str, str]]) -> list[_Raw]:
    raws = []
    for term, definition in pairs:
        name = _clean(term)
        if _plausible_name(name):
            raws.append(_Raw(name, _one_line(definition), _field_locations(definition)))
    return raws


def _raws(blocks: list[_Block]) -> list[_Raw]:
    """The entries of a document's blocks, each with the locations of its context."""
    root = _Section(0)
    stack = [root]
    raws: list[_Raw] = []
    for block in blocks:
        if block.kind == "heading":
            while len(stack) > 1 and stack[-1].level >= block.level:
                stack.pop()
            skipped = stack[-1].skipped or bool(
                _SKIPPED_SECTIONS.search(block.text) or _QUESTION.search(fold(block.text))
            )
            stack.append(_Section(block.level, heading_locations(block.text), skipped))
            continue
        if block.kind in ("paragraph", "label"):
            found = sentence_locations(block.text)
            if not found and _is_lead_in(block.text):  # "Sub-processors in the EU:" is a heading
                found = heading_locations(block.text.rstrip(": "))
            if found:
                stack[-1].locations = found
            continue
        if stack[-1].skipped:
            continue
        if block.kind == "table":
            found = _table_raws(block.rows)
        elif block.kind == "list":
            found = _list_raws(block.items)
        else:
            found = _definition_raws(block.pairs)
        context = next((s.locations for s in reversed(stack) if s.locations), ())
        for raw in found:
            raws.append(raw if raw.locations else _Raw(raw.name, raw.purpose, context))
    return raws


def _is_lead_in(text: str) -> bool:
    """A short line ending with a colon, that introduces what follows like a heading."""
    return text.rstrip().endswith(":") and len(text.split()) <= _MAX_NAME_WORDS


def _merged(raws: list[_Raw]) -> list[ListEntry]:
    """One entry per normalised name, in order of first appearance; brackets holding a country
    are the entry's location when it has none of its own."""
    merged: dict[str, dict[str, Any]] = {}
    for raw in raws:
        parts = name_parts(raw.name)
        if not parts.normalised:
            continue
        locations = raw.locations or parts.locations
        entry = merged.setdefault(
            parts.normalised,
            {"name": parts.display, "aliases": [], "locations": [], "purposes": []},
        )
        entry["aliases"] += parts.aliases
        entry["locations"] += locations
        if raw.purpose:
            entry["purposes"].append(raw.purpose)
    return [
        ListEntry(
            value["name"],
            normalised,
            _distinct(value["aliases"]),
            _distinct(value["locations"]),
            "; ".join(_distinct(value["purposes"])),
        )
        for normalised, value in merged.items()
    ]


def read_entries(content: str | list[_Block], suffix: str) -> list[ListEntry]:
    """The entries of a document's content: its text (or, for DOCX, its blocks) and its
    extension (`.md`, `.html`, `.rst`, `.txt`, `.pdf`, `.docx`)."""
    if isinstance(content, str):
        blocks = _PARSERS.get(suffix.lower(), text_blocks)(content[:MAX_CHARS])
    else:
        blocks = content
    return _merged(_raws(blocks))


def read_list(base_dir: Path, value: str) -> SubprocessorList:
    """Resolve, read and parse one `subprocessor_list`: a bad document gives a status, never an
    exception (a path outside `base_dir` is refused and never opened)."""
    shown = str(value).strip()
    try:
        path = resolve_document(base_dir, value)
        content = read_checked(path, _READERS, SUPPORTED_EXTENSIONS)
    except DocumentError as exc:
        return SubprocessorList(shown, exc.kind, exc.reason)
    try:
        entries = read_entries(content, path.suffix)
    except Exception as exc:  # a third-party parser failing on unusual input: reported, not raised
        return SubprocessorList(shown, "unreadable", f"could not be parsed ({type(exc).__name__})")
    if not entries:
        return SubprocessorList(shown, "empty", "no sub-processor found in it")
    return SubprocessorList(shown, "read", None, tuple(entries))


# --------------------------------------------------------------------------- the register

_NO_SUBPROCESSOR = frozenset({"none", "n a", "na", "no", "aucun", "keine", "ninguno", "nessuno"})


@dataclass(frozen=True)
class RegisterName:
    """One item of the register's `subprocessors` column: as written, the name it stands for
    (a processor id is replaced by that processor's name), normalised, and its match keys."""

    value: str
    name: str
    normalised: str
    keys: frozenset[str]


def register_names(
    values: Iterable[str] | None, processor_names: Mapping[str, str] | None = None
) -> list[RegisterName]:
    """The register's sub-processors of one processor, one per normalised name. An item that is
    a `processor_id` of the register stands for that processor (its name and its id match);
    "none" and blanks are not names."""
    processor_names = processor_names or {}
    out: dict[str, RegisterName] = {}
    for value in values or ():
        text = _one_line(value)
        if not text or normalise_name(text) in _NO_SUBPROCESSOR:
            continue
        name = processor_names.get(text, text)
        parts = name_parts(name)
        if not parts.normalised:
            continue
        keys = match_keys(parts.normalised, parts.aliases)
        if name != text:
            keys |= match_keys(normalise_name(text))
        if parts.normalised in out:
            previous = out[parts.normalised]
            out[parts.normalised] = RegisterName(
                previous.value, previous.name, previous.normalised, previous.keys | keys
            )
        else:
            out[parts.normalised] = RegisterName(text, name, parts.normalised, keys)
    return list(out.values())


@dataclass(frozen=True)
class ListComparison:
    """`in_register[i]`: whether entry i of the list matches a register name (an entry matching
    two register names is one match); `not_listed`: register names no entry matches."""

    in_register: tuple[bool, ...]
    not_listed: tuple[RegisterName, ...]


def compare(entries: Sequence[ListEntry], names: Sequence[RegisterName]) -> ListComparison:
    """Match a list's entries with the register's names on their keys (normalised names and
    aliases, spaces ignored)."""
    matched: set[int] = set()
    in_register = []
    for entry in entries:
        keys = entry.keys
        hits = [index for index, name in enumerate(names) if keys & name.keys]
        matched.update(hits)
        in_register.append(bool(hits))
    not_listed = tuple(name for index, name in enumerate(names) if index not in matched)
    return ListComparison(tuple(in_register), not_listed)
