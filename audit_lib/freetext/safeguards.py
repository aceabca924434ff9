"""The Chapter V transfer mechanism a register states in free text (ROPA-006, PROC-*).

`transfer_safeguard("Clauses contractuelles types (CCT)")` -> `"scc"`. Values are those of the data
contract (`audit_lib.schemas._fields.SAFEGUARDS`: `adequacy`, `scc`, `bcr`, `derogation_49`,
`none`) and the special value `privacy_shield`.

Decisions:
- `privacy_shield`: the EU-US Privacy Shield (Decision 2016/1250) was invalidated by the CJEU;
  the caller treats it as a transfer without a valid mechanism and quotes `PRIVACY_SHIELD_NOTE`.
- The EU-US Data Privacy Framework ("DPF", "EU-US DPF") is the adequacy decision (EU) 2023/1795:
  `adequacy` (valid only for a DPF-certified importer, which this reader cannot know).
- Citations count: Art. 45 -> `adequacy`, Art. 46(2)(c)/(d) -> `scc`, Art. 47 -> `bcr`,
  Art. 49 -> `derogation_49`; and the SCC decisions 2021/914 (and the repealed 2010/87, 2004/915,
  2001/497: still `scc`, their date is `scc_version`'s business).
- `none` only when that is the whole statement ("None", "No safeguard", "Aucune", "keine",
  "ninguna", "nessuna"); "N/A" is an empty value, not `none`.
- Codes of conduct and certifications (Art. 46(2)(e)/(f)) are not values of the enum: None.
- Several different mechanisms ("SCCs / BCR", "Adequacy or SCCs") give None;
  `safeguards_named` lists them. A mechanism the text denies ("non adéquat", "no SCCs") or makes
  history ("DPF (formerly Privacy Shield)") is not read.
"""

from __future__ import annotations

import functools
import re

from ._text import as_text, compile_all, distinct, find_all, fold, set_aside

__all__ = ["PRIVACY_SHIELD_NOTE", "safeguards_named", "transfer_safeguard"]

PRIVACY_SHIELD_NOTE = (
    "The EU-US Privacy Shield is not a valid transfer mechanism: the CJEU invalidated it on "
    "2020-07-16 (C-311/18, Schrems II)."
)

_ARTICLE = r"art(?:icle|ikel|iculo|icolo|s)?\.?\s*"
WORDING: dict[str, list[str]] = {
    "scc": [
        r"sccs?",
        r"ccts?",
        r"standard\s+(?:data\s+protection\s+)?contractual\s+clauses?",
        r"model\s+(?:contract(?:ual)?\s+)?clauses?",
        r"clauses?\s+contractuelles?\s+types?",
        r"clauses?\s+types?",
        r"standard(?:vertrags|datenschutz)klauseln?",
        r"clausulas?\s+(?:contractuales\s+)?tipo",
        r"clausulas?\s+contractuales\s+(?:estandar|modelo)",
        r"clausole\s+(?:contrattuali\s+)?(?:standard|tipo)",
        r"(?:2021/914|2010/87|2004/915|2001/497)(?:/e[uc])?",
        rf"(?:{_ARTICLE})?46\s*\(\s*2\s*\)\s*\(\s*[cd]\s*\)",
    ],
    "bcr": [
        r"bcrs?",
        r"binding\s+corporate\s+rules?",
        r"regles?\s+(?:d'|d\s)?entreprise\s+contraignantes?",
        r"verbindliche[n]?\s+(?:interne[n]?\s+)?datenschutzvorschriften",
        r"normas\s+corporativas\s+vinculantes",
        r"norme\s+vincolanti\s+d'?\s*impresa",
        rf"{_ARTICLE}47",
    ],
    "adequacy": [
        r"adequa(?:cy|te|t|ts|te|tes)",
        r"adequation",
        r"angemessenheit\w*",
        r"angemessene[ns]?\s+(?:schutzniveau|datenschutzniveau)",
        r"adecuaci(?:on|ones)",
        r"adecuad[oa]s?",
        r"adeguatezza",
        r"adeguat[oaie]",
        r"(?:eu[\s-]*u\s*s\s+|swiss[\s-]*u\s*s\s+|uk[\s-]*u\s*s\s+)?data\s+privacy\s+framework",
        r"(?:eu[\s-]*u\s*s[\s-]*|swiss[\s-]*u\s*s[\s-]*)?dpf",
        rf"{_ARTICLE}45",
        r"uk\s+extension",
    ],
    "derogation_49": [
        r"derogations?",
        r"derogaci(?:on|ones)",
        r"deroga(?:zione|zioni)?",
        r"ausnahme\w*",
        rf"{_ARTICLE}49(?:\s*\(\s*1\s*\)(?:\s*\(\s*[a-g]\s*\))?)?",
        r"49\s*\(\s*1\s*\)",
    ],
    "privacy_shield": [
        r"(?:eu[\s-]*u\s*s\s+|swiss[\s-]*u\s*s\s+)?privacy[\s-]*shield",
        r"bouclier\s+de\s+protection\s+des\s+donnees",
        r"escudo\s+de\s+privacidad",
        r"scudo\s+(?:ue-usa\s+)?(?:per\s+la\s+)?privacy",
    ],
}
_CANONICAL = re.compile(r"^(?:adequacy|scc|bcr|derogation[_\s-]49|none|privacy[_\s-]shield)$")
_NONE = re.compile(
    r"^(?:none|no|nil|nothing|no\s+safeguards?(?:\s+in\s+place)?|no\s+(?:transfer\s+)?mechanism"
    r"|aucune?|aucune\s+garantie|pas\s+de\s+garanties?|keine?|keine\s+garantien?"
    r"|ninguna?|ninguna\s+garantia|sin\s+garantias?|nessuna?|nessuna\s+garanzia)$"
)


@functools.cache
def _wording_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return compile_all(WORDING)


def safeguards_named(text: object) -> tuple[str, ...]:
    """Every mechanism the text names, in order of first appearance (see the module doc)."""
    cleaned = as_text(text)
    if not cleaned:
        return ()
    folded = fold(cleaned).replace(".", " ").strip(" ,;:!-")
    folded = re.sub(r"\s+", " ", folded)
    if _CANONICAL.match(folded):
        value = folded.replace(" ", "_").replace("-", "_")
        return ("derogation_49",) if value.startswith("derogation") else (value,)
    if _NONE.match(folded):
        return ("none",)
    kept = []
    for mention in sorted(find_all(folded, _wording_patterns()), key=lambda m: m.start - m.end):
        if any(m.start < mention.end and mention.start < m.end for m in kept):
            continue
        kept.append(mention)
    named = [m for m in sorted(kept, key=lambda m: m.start) if not set_aside(folded, m)]
    return distinct(m.value for m in named)


def transfer_safeguard(text: object) -> str | None:
    """`adequacy`, `scc`, `bcr`, `derogation_49`, `none` or `privacy_shield`, else None.

    None when the text names no mechanism of the enum, or several different ones.
    """
    named = safeguards_named(text)
    return named[0] if len(named) == 1 else None
