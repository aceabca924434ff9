"""Yes/no cells in five languages, ticked cells and spreadsheet booleans.

`yes_no("Ja")` -> True; `yes_no("Yes - see DPIA-12")` -> True; `yes_no("N/A")` -> None.

Decisions:
- A cell is True/False when, folded (case and accents ignored), it is one of `TRUE_WORDS` /
  `FALSE_WORDS`: true/false, yes/no, y/n, 1/0, oui/non, vrai/faux, t/f, ja/nein (and `j`),
  sí/si/no, sì/no, wahr/falsch; a ticked cell (`x`, `✓`, `✔`, `☑`, `☒`) is True, an empty box
  `☐` is False.
- A short phrase counts by its first word when that word is a whole yes/no word (not a letter or
  a digit): "Yes - see DPIA-12", "Oui, voir AIPD n°4", "No.", "Nein, nicht erforderlich". Phrases
  saying "not applicable" ("Non applicable", "No aplica", "Non applicabile") are None, and so is
  "Yes/No" (both).
- Python and NumPy booleans pass through; the integers and floats 1 and 0 (spreadsheet cells) are
  True and False, and so are the texts "1.0" and "0.0"; any other value (other numbers, NaN,
  None, bytes, lists) is None.
"""

from __future__ import annotations

import re

from ._text import fold

__all__ = ["FALSE_WORDS", "TRUE_WORDS", "yes_no"]

#: words read as True, lower case, with and without accents ("sí", "si", "sì")
TRUE_WORDS = frozenset(
    {"true", "yes", "y", "1", "oui", "vrai", "t", "ja", "j", "sí", "si", "sì", "wahr", "x"}
)
#: words read as False, lower case
FALSE_WORDS = frozenset({"false", "no", "n", "0", "non", "faux", "f", "nein", "falsch"})

_DECIMAL_ONE_ZERO = re.compile(r"^([01])[.,]0+$")  # "1.0": a spreadsheet number read as text
_TICKS = {"✓": True, "✔": True, "☑": True, "☒": True, "☐": False}
_PHRASE = re.compile(r"^([a-z]+)(?:[\s.,;:!()/\-]|$)")
_NOT_APPLICABLE = re.compile(
    r"^(?:n/?a\b|not\s+applicable|non[\s-]+applicable|no\s+aplica|non\s+applicabile"
    r"|nicht\s+anwendbar|sans\s+objet|non\s+concerne|non\s+pertinent)"
)
# "Yes/No", "No; Yes" (rows of one activity that disagree, joined): both words, no answer
_BOTH = re.compile(r"^([a-z]+)\s*[/|;]\s*([a-z]+)\b")
# one-letter and digit words are whole cells only ("y", "1"), never the start of a phrase
_PHRASE_WORDS_TRUE = frozenset(w for w in TRUE_WORDS if len(w) > 1)
_PHRASE_WORDS_FALSE = frozenset(w for w in FALSE_WORDS if len(w) > 1)


def _from_value(value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    item = getattr(value, "item", None)  # NumPy scalars
    if callable(item) and type(value).__module__ == "numpy":
        try:
            value = item()
        except (TypeError, ValueError):
            return None
        if isinstance(value, bool):
            return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    return None


def yes_no(text: object) -> bool | None:
    """True or False for a yes/no cell in EN/FR/DE/ES/IT (see the module doc), else None."""
    if not isinstance(text, str):
        return _from_value(text)
    stripped = text.strip()
    if stripped in _TICKS:
        return _TICKS[stripped]
    folded = fold(stripped[:200])
    whole = _DECIMAL_ONE_ZERO.sub(r"\1", folded).rstrip(".!")
    if whole in TRUE_WORDS:
        return True
    if whole in FALSE_WORDS:
        return False
    if _NOT_APPLICABLE.match(folded):
        return None
    if (both := _BOTH.match(folded)) and {both.group(1), both.group(2)} & _PHRASE_WORDS_FALSE:
        if {both.group(1), both.group(2)} & _PHRASE_WORDS_TRUE:
            return None
    if match := _PHRASE.match(folded):
        first = match.group(1)
        if first in _PHRASE_WORDS_TRUE:
            return True
        if first in _PHRASE_WORDS_FALSE:
            return False
    return None
