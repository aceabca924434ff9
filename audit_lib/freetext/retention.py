"""Retention periods written out (`retention_text`, the CNIL's "durée de conservation"): ROPA-012.

`read_retention("3 ans à compter du dernier contact")` -> `RetentionReading(text=...,
duration="P3Y", trigger="last_contact", note="3 years from last_contact")`.
Durations are ISO 8601 periods as in `retention_schedule.duration`; triggers are the schedule's
(`audit_lib.schemas._fields.TRIGGERS`: `collected`, `last_contact`, `contract_end`,
`employment_end`, `account_closed`).

Decisions:
- A duration is a number (ASCII digits, `1.5`/`1,5`, or a word up to twelve in EN/FR/DE/ES/IT,
  and "a" for one in English: "a year"; "six (6) years" and "6 (six) years" are one number) and a
  unit: years, months, weeks, days in the five languages (and `5y`, `6m`, `2w`, `30d`, `30j`,
  `30gg` written after digits), or an ISO period as written (`P3Y`). Weeks become days (`P2W` ->
  `P14D`); a fraction of a year that makes whole months becomes months (`1.5 years` -> `P1Y6M`);
  other fractions, and numbers of five digits or more, are not read.
- Quantities written one after the other ("1 year and 6 months", "2 years, 6 months") make one
  duration (`P1Y6M`). Separate durations ("3 years for customers, 5 years for invoices") are all
  read and the longest governs (years = 365.25 days, months = 30.44): `note` says so. A range
  "3 to 5 years" reads as its upper bound.
- "Working days" are not read as days (they are not calendar days); "calendar days" are.
- The trigger is the event the text names as starting the clock: account deletion/closure ->
  `account_closed`; end or termination of the contract (or "durée du contrat + 5 ans") ->
  `contract_end`; last contact, interaction, login, purchase, or inactivity -> `last_contact`;
  leaving, end of employment, "fin du contrat de travail", Austritt, cese ... -> `employment_end`;
  collection -> `collected`. Where two patterns overlap the longer wins ("fin du contrat de
  travail" is `employment_end`, not `contract_end`).
- Several events: collection is dropped when another event is named ("3 ans à compter de la
  collecte ou du dernier contact" counts from the later, `last_contact`). With one duration every
  event of the text counts; with several, only the events stated after the governing duration and
  before the next one (else those written before the first duration, as a heading for all). If
  different events remain, the trigger is None and `note` names them.
- No duration ("Account termination", "as long as necessary", "permanent", "see the schedule",
  "N/A"): `duration=None` (ROPA-012); the trigger is still read where named.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ._text import Mention, as_text, compile_all, find_all, fold

__all__ = ["RetentionReading", "read_retention"]


@dataclass(frozen=True)
class RetentionReading:
    """What was understood of a retention text: ISO 8601 `duration`, `trigger`, and a `note`."""

    text: str
    duration: str | None
    trigger: str | None
    note: str


NUMBER_WORDS = {
    # English
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    # French
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
    # German (folded: "fünf" -> "funf", "zwölf" -> "zwolf")
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1, "zwei": 2, "drei": 3,
    "vier": 4, "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9, "zehn": 10, "elf": 11,
    "zwolf": 12,
    # Spanish
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
    "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12,
    # Italian
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9,
    "dieci": 10, "undici": 11, "dodici": 12,
}  # fmt: skip
UNITS = {
    "Y": r"years?|yrs?|ans?|annees?|jahre?n?|jahres|anos?|anno|anni",
    "M": r"months?|mos?|mois|monate?n?|monats|mes|meses|mese|mesi",
    "W": r"weeks?|wks?|semaines?|wochen?|semanas?|settimana|settimane",
    "D": r"days?|jours?|tage?n?|tages|dias?|giorno|giorni|gg",
}
_SHORT_UNITS = {"y": "Y", "m": "M", "w": "W", "d": "D", "j": "D", "gg": "D"}
_NUMBER = r"[0-9]{1,4}(?:[.,][0-9]{1,2})?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_UNIT = "|".join(f"(?P<{unit}>{words})" for unit, words in UNITS.items())
_QUANTITY = (
    rf"(?<![a-z0-9.,/\u2044])(?P<number>{_NUMBER})"
    r"(?:\s*\(\s*(?:[0-9]{1,4}|[a-z]+)\s*\))?"  # "six (6) years", "6 (six) years"
    r"\s*-?\s*(?:(?:calendar|full|whole|calendaires?|civils?|pleins?|naturales|solari)\s+)?"
    rf"(?:{_UNIT})(?![a-z])"
    r"|(?<![a-z0-9.,/\u2044])(?P<digits>[0-9]{1,4})(?P<short>gg|[ymwdj])(?![a-z0-9])"
)
_ISO = re.compile(
    r"(?<![a-z0-9])p(?=[0-9])"
    r"(?:([0-9]{1,4})y)?(?:([0-9]{1,4})m)?(?:([0-9]{1,4})w)?(?:([0-9]{1,4})d)?"
    r"(?![a-z0-9])"
)
_JOINED = re.compile(r"^\s*(?:,|and|et|und|y|e|plus|\+)?\s*$")
_DAYS_PER = {"Y": 365.25, "M": 30.44, "W": 7.0, "D": 1.0}
_UNIT_WORDS = {"Y": "year", "M": "month", "W": "week", "D": "day"}

TRIGGERS: dict[str, list[str]] = {
    "account_closed": [
        r"(?:user\s+|customer\s+|client\s+)?account\s+(?:deletion|closure|closing|termination"
        r"|cancell?ation|deactivation|removal)",
        r"(?:deletion|closure|closing|termination|cancell?ation|deactivation|removal)\s+of\s+"
        r"(?:the\s+|their\s+|his\s+|her\s+)?(?:user\s+|customer\s+)?account",
        r"account\s+(?:is|was|has\s+been|being)\s+(?:closed|deleted|terminated|cancell?ed)",
        r"(?:closed|deleted)\s+(?:the\s+|their\s+)?account",
        r"(?:life|lifetime|duration|existence)\s+of\s+(?:the\s+|their\s+)?(?:user\s+|customer\s+)?"
        r"account",
        r"duree\s+(?:de\s+vie|d'existence|d\s+existence)\s+du\s+compte",
        r"(?:suppression|fermeture|cloture|desactivation|resiliation)\s+(?:du|de\s+son)\s+compte",
        r"konto(?:loschung|schliessung|kundigung|auflosung)",
        r"(?:loschung|schliessung|kundigung|auflosung)\s+des\s+(?:kunden|nutzer|benutzer)?kontos",
        r"(?:baja|cierre|cancelacion|eliminacion|supresion)\s+de\s+(?:la\s+)?cuenta",
        r"(?:chiusura|cancellazione|disattivazione)\s+(?:dell'?\s*)?(?:account|profilo|conto)",
    ],
    "contract_end": [
        r"end\s+of\s+(?:the\s+)?(?:contract|agreement|contractual\s+relationship"
        r"|business\s+relationship|commercial\s+relationship|customer\s+relationship"
        r"|relationship|subscription|service)",
        r"(?:termination|expiry|expiration|cancell?ation)\s+of\s+(?:the\s+)?(?:contract|agreement"
        r"|subscription|business\s+relationship|contractual\s+relationship)",
        r"contract\s+(?:termination|end|expiry|expiration|ends|ended|terminates)",
        r"(?:contract|agreement|subscription|relationship)\s+(?:ends|ended|expires|expired"
        r"|terminates|is\s+terminated|has\s+ended)",
        r"(?:duration|term|length|life)\s+of\s+(?:the\s+)?(?:contract|agreement"
        r"|(?:contractual\s+|business\s+|commercial\s+|customer\s+|client\s+)?relationship)",
        r"contract\s+(?:duration|term)",
        r"(?:fin|terme|expiration|resiliation)\s+(?:du|de\s+la)\s+(?:contrat|relation\s+"
        r"(?:contractuelle|commerciale|client)|abonnement)",
        r"duree\s+(?:du|de\s+la)\s+(?:contrat|relation\s+(?:contractuelle|commerciale))",
        r"vertragsende|vertragsbeendigung|vertragsablauf",
        r"(?:ende|beendigung|ablauf|kundigung)\s+(?:des|der)\s+(?:vertrags?|vertrages"
        r"|vertragsverhaltnisses|vertragsbeziehung|geschaftsbeziehung)",
        r"(?:dauer|laufzeit)\s+(?:des\s+(?:vertrags?|vertrages)|der\s+geschaftsbeziehung)",
        r"(?:fin|finalizacion|terminacion|extincion|resolucion)\s+del\s+contrato",
        r"(?:fin|finalizacion|terminacion|extincion|duracion)\s+de\s+la\s+relacion\s+"
        r"(?:contractual|comercial)",
        r"duracion\s+del\s+contrato",
        r"(?:fine|cessazione|scadenza|termine|risoluzione)\s+del\s+(?:contratto|rapporto\s+"
        r"(?:contrattuale|commerciale))",
        r"durata\s+del\s+(?:contratto|rapporto\s+(?:contrattuale|commerciale))",
    ],
    "last_contact": [
        r"(?:last|most\s+recent|latest)\s+(?:contact|interaction|activity|login|log-in|log\s+in"
        r"|use|purchase|order|visit|communication|engagement)",
        r"inactivity|inactive",
        r"(?:dernier|derniere)\s+(?:contact|interaction|activite|connexion|achat|commande)",
        r"inactivite",
        r"letzte[mnr]?\s+(?:kontakt|aktivitat|anmeldung|login|kauf|bestellung)\w*",
        r"inaktivitat",
        r"(?:ultimo|ultima)\s+(?:contacto|contatto|interaccion|interazione|actividad|attivita"
        r"|acceso|accesso|compra|acquisto)",
        r"inactividad|inattivita",
    ],
    "employment_end": [
        r"end\s+of\s+(?:the\s+)?(?:employment|engagement)(?:\s+(?:contract|relationship))?",
        r"(?:termination|cessation)\s+of\s+(?:the\s+)?(?:employment|employment\s+contract"
        r"|contract\s+of\s+employment)",
        r"employment\s+(?:end|ends|ended|termination|terminates)",
        r"(?:duration|length|term|period)\s+of\s+(?:the\s+)?"
        r"(?:employment|contract\s+of\s+employment|employment\s+contract)",
        r"duree\s+du\s+contrat\s+de\s+travail",
        r"dauer\s+des\s+(?:arbeits|beschaftigungs)verhaltnisses",
        r"(?:employee|staff\s+member|worker|member\s+of\s+staff|individual)\s+"
        r"(?:leaves|has\s+left|left)",
        r"leaving\s+(?:date|the\s+(?:company|organi[sz]ation|business|employer))",
        r"after\s+leaving|leavers?|departure|resignation",
        r"fin\s+du\s+contrat\s+de\s+travail",
        r"depart\s+(?:du|de\s+la|de\s+l'|de\s+l\s)\s*(?:salarie|employe|agent|collaborateur"
        r"|personne|entreprise|societe)\w*",
        r"(?:apres|a\s+compter\s+du|des\s+le|depuis\s+le)\s+(?:son\s+)?depart",
        r"sortie\s+(?:du|des)\s+(?:salarie|effectifs?|personnel)\w*",
        r"austritt\w*|ausscheiden\w*",
        r"(?:ende|beendigung)\s+des\s+(?:arbeits|beschaftigungs|dienst)verhaltnisses",
        r"\bcese\b",
        r"fin\s+de\s+la\s+relacion\s+laboral",
        r"(?:fin|extincion)\s+del\s+contrato\s+de\s+trabajo",
        r"(?:cessazione|fine|termine)\s+del\s+rapporto\s+di\s+lavoro",
    ],
    "collected": [
        r"collection",
        r"(?:after|from|since)\s+(?:being\s+|they\s+were\s+|it\s+was\s+)?collected",
        r"collecte|recueil",
        r"erhebung|datenerhebung",
        r"recogida|recopilacion|obtencion",
        r"raccolta",
    ],
}


@functools.cache
def _patterns() -> tuple[re.Pattern[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """(the quantity pattern, the trigger patterns), compiled on first use."""
    return re.compile(_QUANTITY), compile_all(TRIGGERS)


@dataclass(frozen=True)
class _Period:
    parts: dict[str, int]
    start: int
    end: int

    @property
    def days(self) -> float:
        return sum(_DAYS_PER[unit] * n for unit, n in self.parts.items())

    @property
    def iso(self) -> str:
        days = self.parts.get("D", 0) + 7 * self.parts.get("W", 0)
        parts = {"Y": self.parts.get("Y", 0), "M": self.parts.get("M", 0), "D": days}
        body = "".join(f"{n}{unit}" for unit, n in parts.items() if n)
        return f"P{body or '0D'}"

    @property
    def words(self) -> str:
        return (
            " ".join(
                f"{n} {_UNIT_WORDS[unit]}{'' if n == 1 else 's'}" for unit, n in self.parts.items()
            )
            or "0 days"
        )


def _number(text: str) -> float | None:
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _quantities(folded: str) -> list[_Period]:
    found = []
    for match in _patterns()[0].finditer(folded):
        if match.group("digits"):
            number: float | None = float(match.group("digits"))
            unit = _SHORT_UNITS[match.group("short")]
        else:
            number = _number(match.group("number"))
            unit = next(u for u in UNITS if match.group(u))
        if number is None:
            continue
        if number != int(number):
            if unit == "Y" and (number * 12) == int(number * 12):
                whole = int(number)
                parts = {"Y": whole, "M": int(number * 12) - 12 * whole}
                found.append(_Period({u: n for u, n in parts.items() if n}, *match.span()))
            continue
        found.append(_Period({unit: int(number)}, *match.span()))
    for match in _ISO.finditer(folded):
        parts = {u: int(n) for u, n in zip("YMWD", match.groups(), strict=True) if n}
        if parts:
            found.append(_Period(parts, *match.span()))
    return sorted(found, key=lambda p: p.start)


def _durations(folded: str) -> list[_Period]:
    """Quantities written one after the other in decreasing units are one duration."""
    merged: list[_Period] = []
    for period in _quantities(folded):
        if merged:
            last = merged[-1]
            order = "YMWD"
            joined = _JOINED.match(folded[last.end : period.start])
            later_units = min(order.index(u) for u in period.parts) > max(
                order.index(u) for u in last.parts
            )
            if joined and later_units:
                merged[-1] = _Period({**last.parts, **period.parts}, last.start, period.end)
                continue
        merged.append(period)
    return merged


def _triggers(folded: str) -> list[Mention]:
    kept: list[Mention] = []
    for mention in sorted(find_all(folded, _patterns()[1]), key=lambda m: m.start - m.end):
        if not any(m.start < mention.end and mention.start < m.end for m in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _distinct_events(mentions: list[Mention]) -> list[str]:
    events = list(dict.fromkeys(m.value for m in mentions))
    if len(events) > 1 and "collected" in events:
        events.remove("collected")
    return events


def _trigger(
    folded: str, durations: list[_Period], governing: _Period | None
) -> tuple[str | None, list[str]]:
    """(the trigger, the events named when they do not decide one); see the module doc.

    One duration (or none): every event of the text counts. Several: the events stated after the
    governing duration and before the next one, else those stated before the first duration (a
    heading for all: "After account closure: 30 days for logs, 1 year for invoices").
    """
    mentions = _triggers(folded)
    if governing is not None and len(durations) > 1:
        following = [d.start for d in durations if d.start > governing.start]
        end = min(following, default=len(folded))
        own = [m for m in mentions if governing.end <= m.start < end]
        heading = [m for m in mentions if m.end <= durations[0].start]
        mentions = own or heading
    events = _distinct_events(mentions)
    if len(events) <= 1:
        return (events[0] if events else None), []
    return None, events


def read_retention(text: object) -> RetentionReading:
    """The duration and trigger a retention text states (see the module doc); never raises."""
    cleaned = as_text(text)
    original = text if isinstance(text, str) else ""
    if not cleaned:
        return RetentionReading(original, None, None, "no text")
    folded = fold(cleaned)
    durations = _durations(folded)
    governing = max(durations, key=lambda p: p.days, default=None)
    trigger, events = _trigger(folded, durations, governing)
    if governing is None:
        note = "no duration found"
    else:
        note = governing.words
        if len(durations) > 1:
            listed = "; ".join(d.words for d in durations)
            note = f"longest of {len(durations)} periods ({listed}): {note}"
    if events:
        note += f"; several start events stated ({', '.join(events)}): none chosen"
    elif trigger and governing is not None:
        note += f" from {trigger}"
    elif trigger:
        note += f"; start event: {trigger}"
    elif governing is not None:
        note += "; no start event stated"
    return RetentionReading(original, governing.iso if governing else None, trigger, note)
