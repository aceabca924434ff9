"""Helpers shared by the template layouts: labels compared as people write them, cells as text,
activities built from several rows."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable

_PARENTHESES = re.compile(r"\([^)]*\)")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LIST = re.compile(r"\s*[;|\n]\s*")


@functools.lru_cache(maxsize=65536)
def label_key(text: object) -> str:
    """A heading or label as compared: lower case, accents stripped, "(if applicable)"-style
    parentheses, a trailing ":" and punctuation removed, spaces collapsed
    (`"Finalité(s) du traitement :"` -> `finalite du traitement`)."""
    value = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    value = _PARENTHESES.sub(" ", value.lower())
    return " ".join(_NON_WORD.sub(" ", value).split())


def label_keys(text: object) -> list[str]:
    """The keys a label cell may match by: the whole cell, the text before its first ":", and
    its first and last lines (a cell holding a label and an explanation, real_registers.md s. 5)."""
    raw = str(text or "").strip()
    if not raw:
        return []
    lines = [line for line in raw.splitlines() if line.strip()]
    candidates = [raw, raw.split(":", 1)[0], lines[0], lines[-1]]
    keys = []
    for candidate in candidates:
        key = label_key(candidate)
        if key and key not in keys:
            keys.append(key)
    return keys


def cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if 0 <= index < len(cells) else ""


def items_of(text: str) -> list[str]:
    """The items of a list cell (`;`, `|` or new lines between them)."""
    return [item for item in _LIST.split(text.strip()) if item]


def union(values: Iterable[str]) -> str:
    """List cells of several rows as one: their items, in order of first appearance."""
    seen: dict[str, None] = {}
    for value in values:
        for item in items_of(value):
            seen.setdefault(item, None)
    return "; ".join(seen)


def distinct_joined(values: Iterable[str]) -> str:
    """A single-valued cell of several rows: its distinct values in order, joined with "; " (so
    that the rule that judges it shows a disagreement between rows)."""
    seen: dict[str, None] = {}
    for value in values:
        if value.strip():
            seen.setdefault(value.strip(), None)
    return "; ".join(seen)
