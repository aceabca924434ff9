"""Shared helpers of the free-text readers: folding text for matching, finding phrases, set-asides.

Every reader matches its patterns against `fold(text)`: case-folded (so `ß` reads `ss`), accents
stripped, typographic apostrophes and dashes made plain, blanks collapsed. Patterns are therefore
written in lower-case ASCII ("interet legitime", "offentliche aufgabe").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: longest text a reader looks at: a register cell, not a document (keeps every reader fast)
MAX_CHARS = 2_000

_APOSTROPHES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "`": "'",
        "\u00b4": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_BLANKS = re.compile(r"\s+")


def as_text(value: object) -> str | None:
    """The value as a stripped string (at most MAX_CHARS), or None when it is not text."""
    if not isinstance(value, str):
        return None
    return value.strip()[:MAX_CHARS]


def fold(text: str) -> str:
    """Text made comparable: `"Öffentliche  Aufgabe"` -> `"offentliche aufgabe"`.

    Characters are folded one by one and the length can change (`ß` -> `ss`): spans found in the
    folded text are positions in the folded text, not in the original.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _BLANKS.sub(" ", stripped).strip()


@dataclass(frozen=True)
class Mention:
    """One phrase found in folded text: what it names and where."""

    value: str
    start: int
    end: int


def find_all(folded: str, patterns: Iterable[tuple[str, re.Pattern[str]]]) -> list[Mention]:
    """Every match of every (value, pattern), ordered by position."""
    found = [
        Mention(value, match.start(), match.end())
        for value, pattern in patterns
        for match in pattern.finditer(folded)
    ]
    return sorted(found, key=lambda m: (m.start, -m.end))


# A phrase is set aside when the words just before it (at most three, in the same clause) deny it
# ("no consent", "sans consentement", "incapable of giving consent") or say it is history
# ("formerly Privacy Shield"), or when the words after it deny it ("consent not required").
_CUE_BEFORE = re.compile(
    r"(?:^|[^a-z])(?:no|not|non|without|never|cannot|can't|unable\s+to|incapable\s+of|instead\s+of"
    r"|rather\s+than|sans|pas\s+de|pas\s+d|ni|ohne|kein|keine|keinen|keiner|nicht|sin|senza|nessun"
    r"|formerly|previously|replacing|replaces|successor\s+(?:to|of)|anciennement|ehemals"
    r"|vormals|fruher|anteriormente|precedentemente)"
    r"(?:[\s'-]+[a-z]+){0,3}[\s'(]*$"
)
_CUE_AFTER = re.compile(
    r"^[^a-z0-9]*(?:is\s+|are\s+|was\s+)?"
    r"(?:not\s+(?:required|needed|necessary|relied\s+(?:up)?on|used)"
    r"|n'est\s+pas|nicht\s+(?:erforderlich|notwendig|noetig)|no\s+(?:es\s+)?(?:necesario|requerido)"
    r"|non\s+(?:e\s+)?(?:necessario|richiesto))"
)
_WINDOW = 48


def set_aside(folded: str, mention: Mention) -> bool:
    """The words around a mention deny it or make it history (see `_CUE_BEFORE`)."""
    before = folded[max(0, mention.start - _WINDOW) : mention.start]
    after = folded[mention.end : mention.end + _WINDOW]
    return bool(_CUE_BEFORE.search(before) or _CUE_AFTER.search(after))


def compile_all(table: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """`{value: [regex, ...]}` -> ((value, one compiled alternation), ...) in table order."""
    return tuple(
        (value, re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])"))
        for value, patterns in table.items()
    )


def distinct(values: Iterable[str]) -> tuple[str, ...]:
    """Values in order of first appearance, without repeats."""
    return tuple(dict.fromkeys(values))


@functools.cache
def lettered_reference(article: str, paragraph: str, letters: str) -> re.Pattern[str]:
    """A citation of an article's paragraph and letter in the usual spellings of five languages.

    Compiled on first use and cached. Matches `6(1)(b)`, `6.1.b`, `6.1 f`, `6-1-b`, `6_1_b`,
    `6 (1) (c)`, `6 Abs. 1 S. 1 lit. f`,
    `6, par. 1, lett. e)`, `6, apartado 1, letra d)`, `6, paragraphe 1, point a)`; group 1 is the
    letter. The article number must not end a longer number (`46(2)(c)` is not `6(2)(c)`, nor is
    `1.6(1)(a)`); `Art.6(1)(b)` is a citation.
    """
    return re.compile(
        rf"(?<![0-9])(?<![0-9][.,])(?:{article})"
        r"(?:"
        rf"\s*\(\s*{paragraph}\s*\)"
        r"|\s*[.\-_/,]?\s*(?:(?:paragraph|paragraphe|paragrafo|para|par|abs|absatz|apartado|comma"
        rf"|co|n|no|nr|§)\.?\s*)?{paragraph}(?![0-9])"
        r")"
        r"(?:\s*[,.]?\s*(?:s|satz|uabs|unterabs|unterabsatz|sentence|subparagraph|alinea)\.?\s*1"
        r"(?![0-9]))?"
        r"\s*[.\-_/,]?\s*"
        r"(?:(?:lit|litt|litera|lett|lettera|letra|letter|point|pt|buchst|buchstabe|sub|punto)"
        r"\.?\s*)?"
        rf"\(?\s*([{letters}])\s*\)?"
        r"(?![a-z0-9])"
    )


@functools.cache
def _following_letter(letters: str) -> re.Pattern[str]:
    return re.compile(
        rf"\s*(?:,|;|and|or|et|ou|und|oder|y|o|e|&|/|\+)\s*\(\s*([{letters}])\s*\)(?![a-z0-9])"
    )


def more_letters(folded: str, end: int, letters: str) -> list[tuple[str, int, int]]:
    """Letters listed after a citation (`6(1)(a) and (f)`): [(letter, start, end)]."""
    follow = _following_letter(letters)
    found = []
    while match := follow.match(folded, end):
        found.append((match.group(1), match.start(1), match.end()))
        end = match.end()
    return found
