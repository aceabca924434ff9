"""The Art. 6(1) legal basis a register states in free text (ROPA-002).

`legal_basis("Exécution d'un contrat")` -> `"contract"`. Bases are those of the data contract
(`audit_lib.schemas._fields.LEGAL_BASES`): `consent`, `contract`, `legal_obligation`,
`vital_interests`, `public_task`, `legitimate_interests` = Art. 6(1)(a) to (f).

Decisions:
- A basis is read from its canonical code in any case or spacing (`Legitimate interests`,
  `legitimate-interests`), from a citation of Art. 6(1) and its letter (`6(1)(b)`, `Art. 6.1.b`,
  `Article 6(1)(f)`, `6.1 f`, `Art. 6 Abs. 1 lit. b`, `art. 6, par. 1, lett. e)`), from a letter
  alone at the start of the text (`b)`, `(f) legitimate interests`), and from the usual wording in
  English, French, German, Spanish and Italian.
- Text naming several different bases, or none, gives None: ROPA-002 then quotes the text.
  `legal_bases_named` returns every basis recognised, in order of first appearance, so a caller
  can say "names several bases". One basis named twice (letter and wording) is one basis.
- Art. 9 is not Art. 6: wording that belongs to a cited Art. 9(2) condition (or to "Article 9")
  is not read as a basis. "Article 9(2)(a) explicit consent" gives None; so does "Consent
  (Art. 9(2)(a))". A condition's wording belongs to a citation when it follows it ("9(2)(c)
  vital interests") or precedes it in brackets ("explicit consent (Art. 9(2)(a))"). Without any
  Art. 9 citation, "explicit consent" is read as `consent` (it is consent, of the stricter kind).
- A basis the text denies or makes history is not read: "Legitimate interests (no consent
  needed)", "Legal obligation, not consent", "sans consentement", "formerly consent" (at most three
  words between the cue and the basis, in the same clause; see `_text.set_aside`).
- Kept simple on purpose: any contract word reads as `contract` (an employment contract is an
  Art. 6(1)(b) contract; an Art. 28 "Auftragsverarbeitungsvertrag" is not); "public interest"
  reads as `public_task` (Art. 6(1)(e) wording), except "substantial public interest" and
  "public health" cited as Art. 9 conditions.
"""

from __future__ import annotations

import functools
import re

from . import art9
from ._text import (
    Mention,
    as_text,
    compile_all,
    distinct,
    find_all,
    fold,
    lettered_reference,
    more_letters,
    set_aside,
)

__all__ = ["legal_basis", "legal_bases_named"]

LETTERS = {
    "a": "consent",
    "b": "contract",
    "c": "legal_obligation",
    "d": "vital_interests",
    "e": "public_task",
    "f": "legitimate_interests",
}

WORDING: dict[str, list[str]] = {
    "consent": art9.CONSENT_WORDS,
    "contract": [
        r"(?:pre[\s-]?)?contract(?:s|ual|ually|ing)?",
        r"(?:pre[\s-]?)?contrat(?:s|tuel|tuelle|tuels|tuelles)?",
        r"(?:pre[\s-]?)?contractuel(?:le)?s?",
        r"(?:pre[\s-]?)?contrat(?:o|os)",
        r"(?:pre[\s-]?)?contractual(?:es)?",
        r"(?:pre[\s-]?)?contratt(?:o|i|uale|uali)",
        r"[a-z]*vertrag\w*",
        r"vertraglich\w*",
    ],
    "legal_obligation": [
        r"legal(?:ly)?\s+(?:obligation|requirement|duty|duties)s?",
        r"statutory\s+(?:obligation|requirement|duty|duties)s?",
        r"required\s+by\s+(?:the\s+)?law",
        r"obligations?\s+(?:legales?|reglementaires?)",
        r"(?:rechtliche|gesetzliche)[nrs]?\s+(?:verpflichtung|pflicht)(?:en)?",
        r"rechtspflicht(?:en)?",
        r"obligaci(?:on|ones)\s+legal(?:es)?",
        r"obblig(?:o|hi)\s+(?:legal[ei]|di\s+legge|normativ[oi])",
        r"legal[_\s-]+obligation",
    ],
    "vital_interests": art9.WORDING["9_2_c"],
    "public_task": [
        r"public[_\s-]+task",
        r"public\s+interest",
        r"official\s+authority",
        r"mission\s+(?:d'|d\s)?(?:interet\s+public|service\s+public)",
        r"interet\s+public",
        r"autorite\s+publique",
        r"offentliche[nrs]?\s+(?:aufgabe|interesse|gewalt)[ns]?",
        r"interes\s+publico",
        r"poderes\s+publicos",
        r"interesse\s+pubblico",
        r"pubblici\s+poteri",
    ],
    "legitimate_interests": [
        r"legitimate[_\s-]+interests?",
        r"interets?\s+legitimes?",
        r"berechtigte[nrs]?\s+interesse[ns]?",
        r"legitime[nrs]?\s+interesse[ns]?",
        r"interes(?:es)?\s+legitimos?",
        r"legittim[oi]\s+interess[ei]",
        r"interess[ei]\s+legittim[oi]",
    ],
}

_LEADING_LETTER = re.compile(r"^\(?([a-f])\)")
# Art. 28 "Auftragsverarbeitungsvertrag" is a processing agreement, not the data subject's contract
_NOT_A_CONTRACT = re.compile(r"auftragsverarbeitung")
# what may stand between an Art. 9 citation and the condition's wording it carries
_AFTER_CITATION = re.compile(r"^[\s:,()\-]*$")
_BEFORE_CITATION = re.compile(r"^\s*[(\[]\s*(?:art(?:icle|ikel|iculo|icolo)?\.?\s*)?$")


@functools.cache
def _wording_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return compile_all(WORDING)


def _cited(folded: str) -> list[Mention]:
    found = []
    if match := _LEADING_LETTER.match(folded):
        found.append(Mention(LETTERS[match.group(1)], match.start(), match.end()))
    for match in lettered_reference("6", "1", "a-f").finditer(folded):
        found.append(Mention(LETTERS[match.group(1)], match.start(), match.end()))
        for letter, start, end in more_letters(folded, match.end(), "a-f"):
            found.append(Mention(LETTERS[letter], start, end))
    return found


def _art9_material(folded: str) -> list[Mention]:
    """The wording of conditions attached to an Art. 9(2) or Art. 10 citation in the text."""
    cited = art9.references(folded)
    cited += [Mention("art9", m.start(), m.end()) for m in art9.BARE_ARTICLE.finditer(folded)]
    if not cited:
        return []
    attached = []
    for said in art9.wording(folded):
        for citation in cited:
            if said.start >= citation.end:
                between, pattern = folded[citation.end : said.start], _AFTER_CITATION
            elif said.end <= citation.start:
                between, pattern = folded[said.end : citation.start], _BEFORE_CITATION
            else:
                attached.append(said)
                break
            if pattern.match(between):
                attached.append(said)
                break
    return attached + cited


def _said(folded: str) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(find_all(folded, _wording_patterns()), key=lambda m: m.start - m.end):
        if any(m.start < mention.end and mention.start < m.end for m in kept):
            continue
        if mention.value == "contract" and _NOT_A_CONTRACT.search(
            folded, mention.start, mention.end
        ):
            continue
        kept.append(mention)
    return [m for m in kept if not set_aside(folded, m)]


def legal_bases_named(text: object) -> tuple[str, ...]:
    """Every Art. 6(1) basis the text names, in order of first appearance (see the module doc)."""
    cleaned = as_text(text)
    if not cleaned:
        return ()
    folded = fold(cleaned)
    cited = _cited(folded)
    art9_spans = _art9_material(folded)
    said = [
        m
        for m in _said(folded)
        if not any(c.start <= m.start < c.end for c in cited)
        and not any(a.start < m.end and m.start < a.end for a in art9_spans)
    ]
    return distinct(m.value for m in sorted(cited + said, key=lambda m: m.start))


def legal_basis(text: object) -> str | None:
    """The one Art. 6(1) basis the text names, else None (none, or several different ones)."""
    named = legal_bases_named(text)
    return named[0] if len(named) == 1 else None
