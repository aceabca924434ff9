"""Countries written as codes or names, read as ISO 3166-1 alpha-2 (Art. 30(1)(e), Chapter V).

`country_code("États-Unis")` -> `"US"`; `region("EU/EEA")` -> `"EEA"`;
`countries_in("CAN, USA, GBR")` -> `(("CA", "US", "GB"), ())`. Used to read a register's transfer
countries and the location column of processors' published sub-processor lists.

Decisions:
- Names come from pycountry (ISO 3166-1 and the iso-codes translations it ships as gettext catalogs,
  domain `iso3166-1`): every country's name, official name and common name in English, French,
  German, Spanish and Italian (`LANGUAGES`). Names are compared after normalisation (case,
  accents, punctuation, `&` = "and", "St." = "Saint", a leading article such as "the", "la", "die").
- From each name the index also derives the forms registers write: "Korea, Republic of" ->
  "Republic of Korea" and "Korea"; "Holy See (Vatican City State)" -> "Holy See" and "Vatican City
  State"; "Îles Marshall" -> "Marshall"; "République démocratique du Congo" -> "Rép. dém. du
  Congo". A derived form that two countries share ("Korea", "Virgin Islands") is left out; a name
  two countries share in different languages goes to the English one, else it is left out.
- pycountry lacks a handful of names registers use (former or short names: "Russia", "Turkey",
  "Swaziland", "Great Britain", "Holland"...): `_ALIASES` holds them, with the code aliases `UK` ->
  `GB` and `EL` (the EU's code for Greece) -> `GR`. It is not a table of country names.
- Codes: alpha-2 and alpha-3 in any case (`us`, `USA`, `can`), dotted or not (`U.S.A.`). One
  exception: `No`/`no` is not Norway (in a countries column it means "no transfer"); `NO` is.
- A region ("EU", "EEA", "Worldwide") is not a country: `country_code` returns None for it, and
  `countries_in` returns it among the items not recognised, as written, for `region` to read.
- The index is built on first use and cached (`import audit_lib.freetext` stays cheap).
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata

from ._text import MAX_CHARS, as_text, distinct, fold

__all__ = ["EEA", "LANGUAGES", "countries_in", "country_code", "name_index", "region"]

#: EU 27 + Iceland, Liechtenstein, Norway (ISO alpha-2; Greece is GR, not the EU's EL)
EEA = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
    + ["IS", "LI", "NO"]
)
#: languages whose country names are read (English from pycountry's data, the others translated)
LANGUAGES = ("en", "fr", "de", "es", "it")

_CODE_ALIASES = {"UK": "GB", "EL": "GR", "UAE": "AE"}
# Names registers use that pycountry's catalogs lack: former names, short names, parts of GB.
_ALIASES = {
    "russia": "RU",
    "russland": "RU",
    "turkey": "TR",
    "holland": "NL",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "ivory coast": "CI",
    "cape verde": "CV",
    "swaziland": "SZ",
    "burma": "MM",
    "east timor": "TL",
    "vatican": "VA",
    "vatican city": "VA",
    "macedonia": "MK",
    "macedoine": "MK",
    "mazedonien": "MK",
    "bielorussie": "BY",
    "weissrussland": "BY",
    "kirghizstan": "KG",
    "republic of ireland": "IE",
}
_ARTICLES = ("the ", "l ", "la ", "le ", "les ", "die ", "der ", "das ", "el ", "los ", "las ")
_ARTICLES += ("il ", "lo ", "gli ")
_ISLANDS = r"(?:islands|island|isles|iles|ile|inseln|insel|islas|isla|isole|isola)"
_ISLAND_FIRST = re.compile(rf"^{_ISLANDS} (?!(?:of|de|du|des|d|di|del|della|von|vom) )(.{{4,}})$")
_ISLAND_LAST = re.compile(rf"^(.{{4,}}) {_ISLANDS}$")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_DOTTED_CODE = re.compile(r"^[A-Za-z](?:\.?\s?[A-Za-z]){1,2}\.?$")
_ABBREVIATIONS = (
    (re.compile(r"\b(?:republi|repubbli)[a-z]*"), "rep"),
    (re.compile(r"\b(?:democrat|demokrat)[a-z]*"), "dem"),
)


def _key(text: str) -> str:
    """The form names are compared in: `"the Côte d'Ivoire"` -> `"cote d ivoire"`."""
    folded = fold(text).replace("&", " and ").replace(".", " ")
    folded = re.sub(r"'s\b", "s", folded)  # "People's Republic" = "Peoples Republic"
    words = re.sub(r"[^a-z0-9]+", " ", folded).split()
    key = " ".join("saint" if w == "st" else "sainte" if w == "ste" else w for w in words)
    for article in _ARTICLES:
        if key.startswith(article) and len(key) > len(article):
            return key[len(article) :]
    return key


def _names(
    country: object, catalogs: dict[str, gettext.NullTranslations]
) -> tuple[list[str], list[str]]:
    """(the English names, their translations) of one pycountry country."""
    english = [
        getattr(country, field)
        for field in ("name", "official_name", "common_name")
        if getattr(country, field, None)
    ]
    return english, [catalog.gettext(name) for catalog in catalogs.values() for name in english]


def _derived(name: str) -> list[str]:
    forms = []
    without_brackets = _PARENTHESES.sub("", name).strip()
    if without_brackets != name:
        forms.append(without_brackets)
        forms += re.findall(r"\(([^()]+)\)", name)
    if "," in without_brackets:
        head, _, tail = without_brackets.partition(",")
        forms += [f"{tail.strip()} {head.strip()}", head.strip()]
    keys = [_key(form) for form in [name, *forms]]
    for key in list(keys):
        for pattern in (_ISLAND_FIRST, _ISLAND_LAST):
            if match := pattern.match(key):
                keys.append(match.group(1))
        abbreviated = key
        for pattern, short in _ABBREVIATIONS:
            abbreviated = pattern.sub(short, abbreviated)
        if abbreviated != key:
            keys.append(abbreviated)
    return keys[1:]


@functools.cache
def name_index() -> dict[str, str]:
    """Normalised country name -> alpha-2, built once from pycountry (see the module doc)."""
    import pycountry

    catalogs = {
        language: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for language in LANGUAGES
        if language != "en"
    }
    primary: dict[str, set[str]] = {}
    english: dict[str, set[str]] = {}
    derived: dict[str, set[str]] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        in_english, translated = _names(country, catalogs)
        for name in in_english + translated:
            key = _key(name)
            primary.setdefault(key, set()).add(code)
            if name in in_english:
                english.setdefault(key, set()).add(code)
            for form in _derived(name):
                derived.setdefault(form, set()).add(code)
    index = {key: codes.pop() for key, codes in derived.items() if len(codes) == 1}
    for key in [key for key in index if key in primary]:
        del index[key]
    for key, codes in primary.items():
        if len(codes) == 1:
            index[key] = next(iter(codes))
        elif len(english.get(key, ())) == 1:
            index[key] = next(iter(english[key]))
    for key, code in _ALIASES.items():
        index.setdefault(key, code)
    return index


@functools.cache
def _codes() -> tuple[dict[str, str], dict[str, str]]:
    import pycountry

    alpha_2 = {c.alpha_2: c.alpha_2 for c in pycountry.countries}
    alpha_3 = {c.alpha_3: c.alpha_2 for c in pycountry.countries}
    return alpha_2, alpha_3


def _from_code(text: str) -> str | None:
    text = unicodedata.normalize("NFKC", text)  # full-width "ＵＳ"
    if not _DOTTED_CODE.match(text):
        return None
    letters = re.sub(r"[.\s]", "", text)
    if letters.lower() == "no" and letters != "NO":
        return None
    code = letters.upper()
    code = _CODE_ALIASES.get(code, code)
    alpha_2, alpha_3 = _codes()
    return alpha_2.get(code) or alpha_3.get(code)


def _lookup(text: str) -> str | None:
    found = _from_code(text) or name_index().get(_key(text))
    if found is None and "(" in text:
        bare = _PARENTHESES.sub("", text).strip()
        if bare and bare != text:
            found = _from_code(bare) or name_index().get(_key(bare))
    return found


def country_code(text: object) -> str | None:
    """ISO 3166-1 alpha-2 (upper case) of one country written as a code or a name, else None."""
    cleaned = as_text(text)
    if not cleaned:
        return None
    return _lookup(cleaned)


# ------------------------------------------------------------------------------------- regions
_REGION_NAMES = (
    ("european economic area", "eea"),
    ("espace economique europeen", "eea"),
    ("europaischer wirtschaftsraum", "eea"),
    ("espacio economico europeo", "eea"),
    ("spazio economico europeo", "eea"),
    ("european union", "eu"),
    ("union europeenne", "eu"),
    ("europaische union", "eu"),
    ("union europea", "eu"),
    ("unione europea", "eu"),
)
_EEA_TOKENS = {"eu", "eea", "ue", "eee", "ewr"}
_EEA_FILLERS = {"europe", "member", "states", "countries", "only", "within", "inside", "in"}
_EEA_FILLERS |= {"and", "or", "et", "ou", "und", "oder", "y", "o", "e", "the", "region", "zone"}
_WORLDWIDE = {
    "worldwide",
    "world wide",
    "global",
    "globally",
    "international",
    "internationally",
    "all countries",
    "monde",
    "monde entier",
    "dans monde entier",
    "mondial",
    "mondiale",
    "weltweit",
    "mundial",
    "todo mundo",
    "en todo mundo",
    "tutto mondo",
    "in tutto mondo",
}


def region(text: object) -> str | None:
    """`"EEA"` for the EU/EEA written as a region, `"WORLDWIDE"` for worldwide, else None.

    "EU", "European Union", "EEA", "European Economic Area", "Europe (EU)", "EU/EEA", "UE",
    "Union européenne", "EWR", "Europäische Union" (and the Spanish and Italian names) -> "EEA":
    for a transfer audit the EU and the EEA are one area (the GDPR applies in the EEA since
    20 July 2018). "Europe" alone is None: it includes the United Kingdom and Switzerland.
    "Worldwide", "Global", "Monde", "weltweit", "International" -> "WORLDWIDE".
    """
    cleaned = as_text(text)
    if not cleaned:
        return None
    found = _region(cleaned)
    if found is None and "(" in cleaned:  # "Global (all regions)"
        found = _region(_PARENTHESES.sub("", cleaned))
    return found


def _region(cleaned: str) -> str | None:
    key = " " + _key(cleaned).replace(" the ", " ").replace(" le ", " ").replace(" el ", " ") + " "
    key = key.replace(" il ", " ")
    if key.strip() in _WORLDWIDE:
        return "WORLDWIDE"
    for name, token in _REGION_NAMES:
        key = key.replace(f" {name} ", f" {token} ")
    words = key.split()
    if words and any(w in _EEA_TOKENS for w in words):
        if all(w in _EEA_TOKENS or w in _EEA_FILLERS for w in words):
            return "EEA"
    return None


# ---------------------------------------------------------------------------------------- lists
_LIST_LEVELS = (
    re.compile(r"[;|\n\r]+"),
    re.compile(r","),
    re.compile(r"(?:^|\s+)(?:and|et|und|y|e)\s+|\s*[&/+]\s*"),
)
_MERGE_WINDOW = 3  # "Bonaire, Sint Eustatius and Saba" is two pieces of a comma list


def _known(piece: str) -> bool:
    return _lookup(piece) is not None or region(piece) is not None


def _pieces(text: str, level: int) -> list[tuple[int, int]]:
    """Spans of `text` between the separators of `level`, outside parentheses."""
    depth_at = []
    depth = 0
    for char in text:
        depth += char == "("
        depth_at.append(depth)
        depth -= char == ")" and depth > 0
    spans, start = [], 0
    for match in _LIST_LEVELS[level].finditer(text):
        if depth_at[match.start()] == 0:
            spans.append((start, match.start()))
            start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _read(text: str, level: int) -> list[tuple[str | None, str]]:
    """(code or None, the item as written) for each item of a cell, splitting only as needed."""
    text = text.strip()
    if not text:
        return []
    if _known(text) or level == len(_LIST_LEVELS):
        return [(_lookup(text), text)]
    spans = _pieces(text, level)
    if not spans:  # separators only
        return []
    if len(spans) == 1:  # no separator of this level (or only a leading "and")
        return _read(text[spans[0][0] : spans[0][1]], level + 1)
    items: list[tuple[str | None, str]] = []
    i = 0
    while i < len(spans):
        for j in range(min(len(spans), i + _MERGE_WINDOW), i + 1, -1):
            joined = text[spans[i][0] : spans[j - 1][1]].strip()
            if _known(joined):
                items.append((_lookup(joined), joined))
                i = j
                break
        else:
            items += _read(text[spans[i][0] : spans[i][1]], level + 1)
            i += 1
    last_level = level == len(_LIST_LEVELS) - 1
    if last_level and all(code is None and not region(item) for code, item in items):
        return [(None, text)]  # "Research and development": not a list of countries
    return items


def countries_in(text: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(alpha-2 codes recognised, in order, no repeats; items not recognised, as written).

    A cell is split on `;`, `|` and line breaks, then on commas, then on " and "/" et "/" und "
    (and "y", "e", "&", "/", "+"), never inside brackets; at each step the whole cell and runs of up
    to three neighbouring pieces are tried first, so "Korea, Republic of", "Bosnia and Herzegovina"
    and "EU/EEA" stay whole. Regions ("EU", "Worldwide") are among the items not recognised.
    """
    cleaned = as_text(text)
    if not cleaned:
        return (), ()
    items = _read(cleaned[:MAX_CHARS], 0)
    codes = distinct(code for code, _ in items if code)
    unknown = distinct(item for code, item in items if not code)
    return codes, unknown
