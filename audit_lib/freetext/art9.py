"""The Art. 9(2) condition (or Art. 10) a register states in free text.

`art9_condition("Article 9(2)(h) - health or social care")` -> `"9_2_h"`. Codes are those of the
data contract (`9_2_a` ... `9_2_j`, `art10`; `audit_lib.schemas._fields.ART9_CONDITIONS`).

Decisions:
- A condition is read from its canonical code (`9_2_a`), from a citation of Art. 9(2) and its letter
  (`9(2)(a)`, `Art. 9.2.a`, `9-2-a`, `Art. 9 Abs. 2 lit. h`, `art. 9, par. 2, lett. g)`), from
  `art10`/"Article 10", or from the condition's usual wording (English and French for every
  letter; German, Spanish and Italian for the common ones).
- "Consent" alone reads as `9_2_a`: in an Art. 9 column consent can only be the explicit consent of
  Art. 9(2)(a). A consent that the text denies ("incapable of giving consent", as (c) reads) is not.
- "Vital interests" reads as `9_2_c`, "public interest" only when substantial/important (`9_2_g`);
  "public health" is `9_2_i`; "archiving ... in the public interest" is `9_2_j`.
- Criminal-offence wording ("criminal offence data", "condamnations pénales") reads as `art10`.
- Text naming several different conditions, or none, gives None (the rule quotes the text);
  `art9_conditions_named` returns them all in order of appearance.
"""

from __future__ import annotations

import functools
import re

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

__all__ = ["art9_condition", "art9_conditions_named"]

#: the consent words of five languages (shared with the legal-basis reader)
CONSENT_WORDS = [
    r"consent(?:s|ed)?",
    r"consentement",
    r"einwilligung(?:en)?",
    r"consentimiento",
    r"consenso",
]

WORDING: dict[str, list[str]] = {
    "9_2_a": [
        r"explicit(?:ly)?\s+consent(?:ed)?",
        r"consentement\s+explicite",
        r"ausdruckliche[nrs]?\s+einwilligung",
        r"consentimiento\s+explicito",
        r"consenso\s+esplicito",
        *CONSENT_WORDS,
    ],
    "9_2_b": [
        r"employment(?:\s+law)?",
        r"social\s+(?:security|protection)",
        r"labou?r\s+law",
        r"droit\s+du\s+travail",
        r"(?:securite|protection)\s+sociale",
        r"arbeitsrecht\w*",
        r"soziale[nr]?\s+sicherheit",
        r"sozialschutz\w*",
        r"derecho\s+laboral",
        r"(?:seguridad|proteccion)\s+social",
        r"diritto\s+del\s+lavoro",
        r"(?:sicurezza|protezione)\s+sociale",
    ],
    "9_2_c": [
        r"vital\s+interests?",
        r"interets?\s+vita(?:l|ux)",
        r"lebenswichtige[nr]?\s+interesse[n]?",
        r"interes(?:es)?\s+vital(?:es)?",
        r"interess[ei]\s+vital[ei]",
    ],
    "9_2_d": [
        r"not[\s-]+for[\s-]+profit",
        r"non[\s-]?profit",
        r"legitimate\s+activities",
        r"(?:a\s+)?but\s+non\s+lucratif",
        r"ohne\s+gewinnerzielungsabsicht",
        r"sin\s+animo\s+de\s+lucro",
        r"senza\s+(?:scopo\s+di\s+)?lucro",
    ],
    "9_2_e": [
        r"(?:manifestly\s+)?made\s+public",
        r"manifestly\s+public",
        r"rendues?\s+publiques?",
        r"manifestement\s+publiques?",
        r"offentlich\s+gemacht",
        r"(?:hecho|hechos|hecha|hechas)\s+(?:manifiestamente\s+)?public[oa]s?",
        r"manifiestamente\s+public[oa]s?",
        r"res[ei]\s+(?:manifestamente\s+)?pubblic[ahei]",
    ],
    "9_2_f": [
        r"legal\s+claims?",
        r"judicial\s+capacity",
        r"droits?\s+en\s+justice",
        r"rechtsanspruch\w*|rechtsanspruche\w*",
        r"reclamaciones",
        r"derechos?\s+en\s+(?:un\s+)?(?:procedimiento|via)\s+judicial",
        r"(?:diritto|diritti)\s+in\s+sede\s+giudiziaria",
    ],
    "9_2_g": [
        r"substantial\s+public\s+interest",
        r"interet\s+public\s+important",
        r"erhebliche[nrs]?\s+offentliche[nrs]?\s+interesse[ns]?",
        r"interes\s+publico\s+esencial",
        r"interesse\s+pubblico\s+rilevante",
    ],
    "9_2_h": [
        r"health\s+or\s+social\s+care",
        r"social\s+care",
        r"health\s*care",
        r"(?:preventive|occupational)(?:\s+or\s+occupational)?\s+medicine",
        r"occupational\s+health",
        r"medical\s+diagnosis",
        r"working\s+capacity",
        r"medecine\s+(?:preventive|du\s+travail)",
        r"diagnostics?\s+medica(?:l|ux)",
        r"prise\s+en\s+charge\s+sanitaire",
        r"gesundheitsvorsorge",
        r"arbeitsmedizin\w*",
        r"medizinische[nr]?\s+diagnostik",
        r"medicina\s+(?:preventiva|laboral|del\s+trabajo|del\s+lavoro)",
        r"(?:asistencia|assistenza)\s+sanitaria",
    ],
    "9_2_i": [
        r"public\s+health",
        r"sante\s+publique",
        r"offentliche[nr]?\s+gesundheit",
        r"salud\s+publica",
        r"sanita\s+pubblica",
    ],
    "9_2_j": [
        r"archiving",
        r"scientific\s+(?:or\s+historical\s+)?research",
        r"historical\s+research",
        r"statistic(?:s|al)",
        r"archivage",
        r"recherche\s+(?:scientifique|historique)",
        r"(?:fins?\s+)?statistiques?",
        r"archivzweck\w*",
        r"forschungszweck\w*",
        r"wissenschaftliche[nr]?\s+(?:oder\s+historische[nr]?\s+)?forschung\w*",
        r"statistische[nr]?\s+zweck\w*",
        r"fines\s+de\s+archivo",
        r"investigacion\s+(?:cientifica|historica)",
        r"fines\s+estadisticos",
        r"archiviazione",
        r"ricerca\s+(?:scientifica|storica)",
        r"fini\s+statistici",
    ],
    "art10": [
        r"art10",
        r"art(?:icle|ikel|iculo|icolo|s)?\.?\s*10",
        r"criminal\s+(?:offen[cs]es?|convictions?|records?)(?:\s+data)?",
        r"condamnations?\s+penales?",
        r"infractions?\s+penales?",
        r"strafrechtliche[nr]?\s+verurteilung\w*",
        r"straftat\w*",
        r"condenas?\s+penales?",
        r"infracciones\s+penales",
        r"condanne\s+penali",
    ],
}

#: `Article 9` / `Art. 9` named without paragraph and letter (not a condition on its own)
BARE_ARTICLE = re.compile(r"(?<![a-z])art(?:icle|ikel|iculo|icolo)?\.?\s*9(?![0-9])")


@functools.cache
def _wording_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return compile_all(WORDING)


def references(folded: str) -> list[Mention]:
    """Citations of Art. 9(2) with their letter, `9(2)(a)` in every spelling and `9_2_a`."""
    found = []
    for match in lettered_reference("9", "2", "a-j").finditer(folded):
        found.append(Mention(f"9_2_{match.group(1)}", match.start(), match.end()))
        for letter, start, end in more_letters(folded, match.end(), "a-j"):
            found.append(Mention(f"9_2_{letter}", start, end))
    return found


def wording(folded: str) -> list[Mention]:
    """Phrases that name a condition, longest first where two overlap, denied ones left out."""
    kept: list[Mention] = []
    for mention in sorted(find_all(folded, _wording_patterns()), key=lambda m: m.start - m.end):
        if any(m.start < mention.end and mention.start < m.end for m in kept):
            continue
        if not set_aside(folded, mention):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def art9_conditions_named(text: object) -> tuple[str, ...]:
    """Every condition the text names (citations and wording), in order of first appearance."""
    cleaned = as_text(text)
    if not cleaned:
        return ()
    folded = fold(cleaned)
    cited = references(folded)
    said = [m for m in wording(folded) if not any(c.start <= m.start < c.end for c in cited)]
    return distinct(m.value for m in sorted(cited + said, key=lambda m: m.start))


def art9_condition(text: object) -> str | None:
    """The one Art. 9(2) condition (`9_2_a`...`9_2_j`) or `art10` the text names, else None.

    None when the text names none, or several different ones (`"9(2)(b) and 9(2)(h)"`).
    """
    named = art9_conditions_named(text)
    return named[0] if len(named) == 1 else None
