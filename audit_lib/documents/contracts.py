"""Evidence of the Art. 28(3)(a)-(h) stipulations in a processor's data-processing agreement.

Used by the processors audit (rules SUB-009 and SUB-010) for the register column
``processors.contract_document``: a text, Markdown, PDF or DOCX file named relative to the
parameters file.

The matching is deliberately simple and explainable: the document is split into sentences
(`split_sentences`), and each clause of `CLAUSES` has a short list of regular expressions per
language -- English, French, German, Spanish, Italian -- written after the wording of the GDPR
and of the Commission's Art. 28(7) standard contractual clauses (Implementing Decision (EU)
2021/915). The document's language (`detect_language`, or the register's `contract_language`)
decides which language's patterns are tried first. A clause is `partial` when only half of it is
there (deletion without return) or when a restriction goes with it (audits by questionnaire
only). A clause is *found* when one of its patterns matches inside a single sentence -- a list
item is read together with the sentence ending in ":" that introduces the list ("In particular,
the processor shall: (b) ensure that persons authorised ..."), also when the list lost its
markers (paragraphs ending in ";" after the lead-in) -- and that sentence and the pattern are
kept as the evidence an auditor can read and check. A heading ("8. Data Return or Deletion") is
never evidence: it names a topic, it stipulates nothing. A sentence that refers back ("such
notifications", "ces demandes", "solche Anfragen") is, when no single sentence shows the clause,
also read together with the item or paragraph before it, and counts only if the match runs from
that text into the referring sentence. An obligation verb right after a negation ("we don't
undergo audits") does not count.

When no pattern matches, a sentence is read with the heading it is under (`_UNDER_HEADINGS`):
"Customer may audit no more than once a year" shows (h) under "Records and audits", not alone. A
heading here is a Markdown, underlined, HTML or bold-line heading the sentence is under (the
document's title excepted), or a bold run-in heading ("**Audits.** ...") of its paragraph or the
one before; a heading of another party's duties ("Account holder responsibilities") stops the
headings above it. The sentence must still be the processor's side (not the controller, a user or
a sub-processor acting, not a privacy notice's voice, not negated, not a question, blank or
recommendation); its evidence's pattern says "under a heading matching ...".

Which sentence is kept when several match: the one matched by the earliest pattern of the clause
(patterns are listed strongest first), then a sentence that names the processor ("processor",
"data importer", "sous-traitant") over one that does not (so that a controller's own duty is not
shown as the processor's), then the first in the document.

Limits, by design: finding a sentence says the topic is addressed, not that the stipulation is
adequate (the register's `yes`/`partial`/`no` stays a human judgement); a stipulation spread over
several sentences without a reference back, or only incorporated by reference ("the SCCs
apply"), is not seen; negation is recognised only right before the verb (German: also "keine"
right after it); languages other than en/fr/de/es/it are not read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import pandas as pd

from .files import (
    REFUSED_REASON,
    DocumentError,
    open_docx,
    read_checked,
    read_pdf_text,
    read_text_file,
    resolve_document,
)

__all__ = [
    "CLAUSES",
    "LANGUAGES",
    "REFUSED_REASON",
    "Clause",
    "ClauseEvidence",
    "DocumentAnalysis",
    "DocumentError",
    "SUPPORTED_EXTENSIONS",
    "analyse_document",
    "analyse_text",
    "detect_language",
    "evidence_frame",
    "normalise_pdf_text",
    "read_document_text",
    "resolve_document",
    "split_sentences",
]

SUPPORTED_EXTENSIONS = (".txt", ".md", ".pdf", ".docx")
MAX_EVIDENCE_CHARS = 400

DocumentStatus = Literal["analysed", "missing", "unreadable", "refused"]


# --------------------------------------------------------------------------- the clauses


@dataclass(frozen=True)
class Clause:
    """One Art. 28(3) stipulation and the patterns that count as evidence of it.

    `patterns` holds every language's patterns, strongest first within a language;
    `languages[i]` is the language (en, fr, de, es, it) of `patterns[i]`. `partial_patterns`
    recognise half of the obligation (deletion without return); `limit_patterns` recognise a
    restriction that leaves only part of it (audits by questionnaire only).
    """

    letter: str
    article: str
    title: str
    looked_for: str
    patterns: tuple[re.Pattern[str], ...]
    languages: tuple[str, ...] = ()
    partial_patterns: tuple[re.Pattern[str], ...] = ()
    partial_looked_for: str = ""
    limit_patterns: tuple[re.Pattern[str], ...] = ()
    #: the clause may be spread over a list's lead-in and items ("at the controller's choice: -
    #: deleted or - returned"): a list is read whole when no single sentence shows it
    reads_lists: bool = False
    #: (language, heading, sentence) patterns: a sentence that shows the clause only under a
    #: heading naming its subject ("Customer may audit no more than once a year" under
    #: "Records and audits"); tried when no pattern of `patterns` matches
    section_patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = ()

    def sections_for(
        self, language: str | None
    ) -> list[tuple[str, re.Pattern[str], re.Pattern[str]]]:
        """The section patterns of the document's language only: they need less of the clause's
        wording, so another language's words ("informa al cliente" read by the Italian ones in a
        Spanish text) would be read too readily."""
        return [p for p in self.section_patterns if p[0] == language]

    def patterns_for(self, language: str | None) -> list[tuple[str, re.Pattern[str]]]:
        """(language, pattern) pairs: the document's language first, then the others."""
        pairs = list(
            zip(self.languages or ("en",) * len(self.patterns), self.patterns, strict=True)
        )
        return [p for p in pairs if p[0] == language] + [p for p in pairs if p[0] != language]


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    # Matched against a sentence with typographic apostrophes and dashes folded to ' and -.
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


def _either_order(first: str, second: str, gap: int, between: str = ".") -> str:
    """`first` then `second`, or `second` then `first`, at most `gap` characters apart (each
    one a `between`: "[^;]" keeps both in one clause of the sentence)."""
    return rf"(?:{first}{between}{{0,{gap}}}?{second}|{second}{between}{{0,{gap}}}?{first})"


def _end_list(end: str, parties: str, their_duty: str, deletion: str, giving_back: str) -> str:
    """Deletion and return as items under the end of the contract ("Fin de contrat : -
    Suppression ... - Restitution ...", "Al terminar: a. ... exportación ... b. ... suprimirá"),
    read in a list read whole: `end` then a lead-in ending in ":" that names none of `parties`
    (the client's own undertaking is not the processor's), nor `their_duty` right after it."""
    return (
        end
        + rf"(?:(?!\b(?:{parties})\b)[^.:]){{0,80}}:"
        + rf"(?!.{{0,40}}?\b(?:{parties})\s+(?:{their_duty}))"
        + r".{0,200}?"
        + _either_order(deletion, giving_back, 400)
    )


def _clause(
    letter: str,
    title: str,
    looked_for: str,
    patterns: dict[str, list[str]],
    partial: dict[str, list[str]] | None = None,
    partial_looked_for: str = "",
    limits: dict[str, list[str]] | None = None,
    reads_lists: bool = False,
    sections: list[tuple[str, str, list[str]]] | None = None,
) -> Clause:
    """A clause from {language: [pattern, ...]}; the order of languages is kept. `sections`:
    [(language, heading, [sentence pattern, ...]), ...]."""
    pairs = [(language, p) for language, items in patterns.items() for p in items]
    flat = lambda table: tuple(p for items in (table or {}).values() for p in items)  # noqa: E731
    return Clause(
        letter,
        f"Art. 28(3)({letter})",
        title,
        looked_for,
        _compile(*(p for _, p in pairs)),
        tuple(language for language, _ in pairs),
        _compile(*flat(partial)),
        partial_looked_for,
        _compile(*flat(limits)),
        reads_lists,
        tuple(
            (language, re.compile(heading, re.IGNORECASE), sentence)
            for language, heading, items in sections or ()
            for sentence in _compile(*items)
        ),
    )


_ART = r"art(?:icles?|s?\.)\s*"  # "Article", "Articles", "Art.", "Arts."
_ART_DE = r"art(?:ikeln?|\.|s\.)?\s*"  # "Artikel", "Art.", "Arts."
_ART_ES = r"art(?:[íi]culos?|s?\.)\s*"  # "artículo", "artículos", "art."
_ART_IT = r"art(?:icol[oi]|t?\.)\s*"  # "articolo", "articoli", "art.", "artt."
_SUBPROCESSOR = r"sub-?\s?processors?"
# A verb right after a negation ("does not assist", "we don't undergo audits", "n'autorise",
# "nicht gestattet", "no permite", "non consente") does not count.
_NOT_EN = r"(?<!\bnot\s)(?<!n't\s)(?<!\bnever\s)(?<!\bno\s)(?<!\bno\slonger\s)"
_NOT_FR = r"(?<!\bn')"
_NOT_DE = r"(?<!\bnicht\s)(?<!\bkeine\s)"
_NOT_ES = r"(?<!\bno\s)(?<!\bnunca\s)"
_NOT_IT = r"(?<!\bnon\s)(?<!\bmai\s)"
# what follows is about transfers (Art. 46 safeguards, Chapter V), not security measures
_TRANSFER_CONTEXT = (
    r"(?!.{0,80}?\b(?:transferts?|transferencias?|trasferiment\w*|[Üü]bermittlung\w*"
    r"|article\s+46|art(?:icolo|ículo|\.)?\s*46|chapitre\s+V\b|cap[oí](?:tulo)?\s+V\b"
    r"|pays\s+tiers|terceros\s+pa[íi]ses|paesi\s+terzi))"
)
# a verb whose subject, right before it, is the controller: the controller's own duty
_NOT_CONTROLLER_DE = r"(?<!Auftraggeber\s)(?<!Verantwortliche\s)(?<!Kunde\s)"
_NOT_CONTROLLER_FR = r"(?<!responsable\s)(?<!client\s)(?<!exportateur\s)"
_NOT_CONTROLLER_ES = r"(?<!responsable\s)(?<!cliente\s)"  # (patterns ignore case)
_NOT_CONTROLLER_IT = r"(?<!titolare\s)(?<!cliente\s)"
# the processor named
_THE_PROCESSOR = {
    "en": r"(?:processor|provider|vendor|supplier|data\s+importer)",
    "fr": r"(?:sous-traitant|prestataire)",
    "de": r"(?:Auftragsverarbeiter|Auftragnehmer|Anbieter|Dienstleister)",
    "es": r"(?:encargad[oa](?:\s+del\s+tratamiento)?|proveedor)",
    "it": r"(?:responsabile(?:\s+del\s+trattamento)?|fornitore)",
}
# the processor as the subject of the verb that follows: "The Processor implements", "Provider
# shall maintain"
_PROCESSOR_DOES_EN = rf"\b{_THE_PROCESSOR['en']}\s+(?:shall\s+|will\s+|must\s+|agrees\s+to\s+)?"
# what precedes is said to be the controller's duty: "Obligations to delete or return personal
# data upon termination of the Agreement rest with the Controller" (Xinity)
_CONTROLLERS_DUTY_EN = (
    r"(?!.{0,100}?\b(?:(?:(?:rests?|lies?)\s+with|(?:is|are|remains?)\s+(?:the\s+)?(?:sole\s+)?"
    r"responsibility\s+of|(?:is|are|remains?)\s+up\s+to)\s+(?:the\s+)?(?:controller|customer|client)\b"
    r"|(?:is|are|remains?)\s+(?:the\s+)?(?:controller|customer|client)'s\s+(?:sole\s+)?responsibility))"
)
# (g) partial: not the customer's own deletion ("Export your reports, then delete the workspace data
# yourself", "the Customer remains free to delete its data", "Workspace owners must delete"), not
# data kept in "your own" storage, not a refusal
_NOT_THEIR_OWN_DELETION = (
    r"^(?!.*\b(?:yourself|yourselves|themselves|your\s+own|their\s+own|refus\w*)\b)"
    r"(?!.*\b(?:customers?|controllers?|clients?|you|users?|owners?|schools?|members?)\b[^.;]{0,40}?\b(?:free|able|allowed"
    r"|can|may|must|should)\b(?:\s+(?!request)\w+\b){0,3}?\s+delet)"
)
# the same in French and Spanish: not the client's own deletion ("Il appartient au Client ... de
# supprimer", "El Cliente deberá eliminar"), not a data subject's request, not a controller's
# retention of prospects for marketing (the review of rounds 25-26's patterns)
_NOT_THEIR_OWN_DELETION_FR = (
    r"^(?!.*\b(?:client|responsable|utilisateur)s?\b[^.;]{0,40}?\b(?:doit|doivent|devra|peut|peuvent|pourra)\b)"
    r"(?!.*\bappartient\s+au\s+(?:client|responsable)\b)(?!.*\b(?:marketing|prospects?|newsletters?)\b).*?"
)
_NOT_THEIR_OWN_DELETION_ES = (
    r"^(?!.*\b(?:cliente|responsable|usuario|interesado|titular)s?\b[^.;]{0,40}?\b(?:deber[áa]n?|debe|deben"
    r"|podr[áa]n?|puede|pueden)\b)(?!.*\b(?:marketing|clientes\s+potenciales|prospectos?|bolet[íi]n)\b).*?"
)
# the customer deleting its own data: "you can delete", "the Customer may delete"
_NOT_CUSTOMER_DELETES_EN = "".join(
    rf"(?<!{who}\s{modal}\s)"
    for who in ("you", "customer", "controller", "client")
    for modal in ("can", "may", "must")
)
# an audit by a supervisory authority is not one by the controller: "cooperate with any audit
# conducted by a Supervisory Authority" (Xinity)
_NOT_BY_AUTHORITY = (
    r"(?!\s+(?:(?:conducted|carried\s+out|performed|made|men[ée]e?s?|r[ée]alis[ée]e?s?)\s+)?"
    r"(?:by|par)\s+(?:an?\s+|any\s+|the\s+|une?\s+|l'\s*|la\s+|les\s+)?(?:competent\s+)?"
    r"(?:supervisory\s+authorit|autorit[ée]s?\s+(?:de\s+contr[ôo]le|comp[ée]tentes?)))"
)
_ASSIST_EN = (
    _NOT_EN
    + r"(?<!\bobliged\sto\s)(?<!\brequired\sto\s)(?<!\bobligation\sto\s)\bassist(?!ants?\b)\w*"
    # (not the data subjects helped: "Consent Managers assist Data Principals in ... exercising
    # their rights")
    + r"(?!\s+(?:the\s+)?(?:data\s+(?:subjects?|principals?)|individuals|end\s+users)\b)"
)
# staff named as authorised for something other than the data are not those of (b): "personnel
# authorized to access the Platform's source code and release process" (Xinity)
_AUTHORISED_FOR_THE_DATA_EN = (
    r"(?!\s+(?:who\s+are\s+)?authori[sz]ed\s+to\s+(?!process|handle)(?:(?!(?:personal|data"
    r"|information)\b)[\w'-]+\b\s+){1,10}?(?:are|is|shall|must|will|have|be)\b)"
)
# "shall support the Customer ... to respond to requests to exercise the data subject's rights"
# (a verb with the controller as its object; "support" alone is too often a noun: "support team")
_SUPPORT_EN = (
    _NOT_EN
    + r"(?<!\bobliged\sto\s)(?<!\brequired\sto\s)(?<!\bobligation\sto\s)\bsupport(?:s|ing)?\s+(?:the\s+)?"
    r"(?:customer|controller|client|data\s+exporter)\b"
)
# "data-subject access, correction, deletion, portability, and objection requests" (Clipstack)
_DATA_SUBJECT_REQUEST_EN = (
    "(?:"
    + _either_order(
        r"\b(?:data[\s-]+(?:subjects?|principals?)|individuals?)\b",
        r"\b(?:rights?|requests?)\b",
        80,
        "[^;]",
    )
    # "Assist Customer with GDPR/CCPA compliance (DSARs, DPIAs)" (Ecomind)
    + r"|\bDSA?Rs?\b)"
)
_ASSIST_FR = _NOT_FR + r"\b(?:assist\w*|aide[rs]?)\b"
# a French verb of telling, conjugated ("communiquera", "informe", "notifiera", "transmettra";
# not the nouns "informations", "communication")
_FR_TELLS = (
    _NOT_FR + r"\b(?:communiqu|transmet|transf[èée]r|notifi|inform|avert|signal)"
    r"(?:e|er|era|eront|ent|ira|iront|tra|tront)\b"
)
_ASSIST_DE = _NOT_DE + r"\bunterst[üu]tz\w*"
# a German verb of telling ("er den Datenexporteur unverzüglich informiert über", 2010/87/EU
# clause 5(d)); not the nouns "Information", "Mitteilung"
_DE_TELLS = (
    _NOT_DE + r"\b(?:(?:informier|unterricht|benachrichtig|weiterleit|mitteil)(?:t|en|e|st)|leitet"
    r"|teilt)\b"
)
# a Spanish verb of telling, conjugated ("notificará", "comunicará", "informará"; not the nouns
# "notificación", "información")
_ES_TELLS = _NOT_ES + r"\b(?:notific|comunic|inform|transmit|remit)(?:a|an|ar[áa]|ar[áa]n|e|en)\b"
_ASSIST_ES = _NOT_ES + r"\b(?:asist\w*|ayud\w*|colabor\w*)"
_ASSIST_IT = _NOT_IT + r"\b(?:assist\w*|aiut\w*|support\w*|collabor\w*)"
_DELETE_EN = r"\b(?:delet|eras|destr)\w*"
# "return", or the controller obtaining copies ("permit Customer to delete or obtain copies of such
# Personal Data", Markprompt)
_RETURN_EN = r"(?:\breturn\w*|\bobtain\s+(?:a\s+)?cop(?:y|ies)\b)"
# an export the processor provides (not one merely made available for the customer to take)
_EXPORT_PROVIDED_EN = (
    r"(?<!\bcustomer\s)(?<!\bcontroller\s)\b(?:provides?|delivers?|supplies?)\s+(?:an?\s+|the\s+)?"
    r"(?:full\s+|complete\s+)?(?:data\s+)?exports?\b(?!\s+templates?\b)"
)
_DELETE_FR = r"\b(?:suppr|effac|d[ée]trui|destruct)\w*"
# the participle too: "werden ... gelöscht oder zurückgegeben" (NADOO)
# "zerstören" (the 2010/87/EU clauses); umlauts may be written "oe", "ue" ("geloescht")
_DELETE_DE = r"\b(?:(?:ge)?l(?:ö|oe?)sch|vernicht|zerst(?:ö|oe?)r)\w*"
_DELETE_ES = r"\b(?:suprim|supresi|elimin|borr|destru)\w*"
_DELETE_IT = r"\b(?:cancell|elimin|distru|distrugg|rimuov)\w*"
_RETURN_FR = r"\b(?:renvo|restitu|retourn|rendre)\w*"
# an export of the data offered at the end is the data returned: "Offrir au Client un export
# complet de ses données" (Softfacture); not "exportateur", not the client exporting itself
_EXPORT_OFFERED_FR = (
    r"\b(?:offr\w*|fourni\w*|m\w*\s+[àa]\s+(?:la\s+)?disposition)\b[^;.]{0,40}?\bexport\s+(?:complet\s+)?"
    r"(?:de\s+(?:ses|leurs|toutes\s+les|l'ensemble\s+des)\s+|des\s+)donn[ée]es\b"
)
# "in einem geeigneten Format zur Verfügung gestellt" (KanuControl: the data handed over)
_RETURN_DE = (
    r"(?:\b(?:zur(?:ü|ue?)ck\w*|R(?:ü|ue?)ckgabe|heraus\w*)"
    r"|\bFormat\s+zur\s+Verf(?:ü|ue?)gung\s+(?:ge)?stell\w*)"
)
# the data made available to the controller: "pondrá a disposición sus datos ... para
# exportación y/o los eliminará" (Hisamed)
_RETURN_ES = (
    r"(?:\b(?:devol|devuelv|restitu|retorn|entreg)\w*"
    r"|(?<!\bse\s)(?<!\bcliente\spuede\s)(?<!\bresponsable\spuede\s)\bpon(?:er|dr[áa]n?|e|en)\s+a\s+"
    r"(?:su\s+)?disposici[óo]n\s+(?:del?\s+\w+\s+)?(?:sus|los|las|una\s+copia)\s+(?:datos|copias?)\b)"
)
_RETURN_IT = r"\b(?:restitu|riconsegn|ritorn)\w*"
# an export of the data made available at the end: "pondrá a disposición de la Finca la exportación
# de los datos" (Báscula)
_EXPORT_OFFERED_ES = (
    r"\bpon\w*\s+a\s+(?:su\s+)?disposici[óo]n\b[^;.]{0,40}?\bexportaci[óo]n\s+de\s+(?:los|sus|todos"
    r"\s+los)\s+datos\b"
)
# a verb negated by "ni" or "rien à": "il n'y a rien à restituer ni à supprimer"
_NOT_NOR_FR = r"(?<!\bni\s)(?<!\bni\s[àa]\s)(?<!\brien\s[àa]\s)"
_OR_FR = r"(?:\bou\s+(?:[àa]\s+)?(?:les\s+)?|/\s*)"  # "supprimer ... ou (à) (les) renvoyer"
_OR_EN = r"(?:\b(?:and/)?or,?\s+(?:to\s+)?|/\s*)"  # "delete ... or (to) return", "return/delete"
_OR_DE = r"(?:\boder\s+|/\s*)"
_OR_ES = r"(?:\b(?:y/)?[ou]\s+(?:a\s+)?(?:l[oa]s\s+)?|/\s*)"  # "devolver y/o (los) eliminar"
_OR_IT = r"(?:\bo\s+(?:a\s+)?|/\s*)"
_WRITTEN_FR = r"(?:[ée]crites?\s+(?:et\s+)?)?"  # "instruction écrite (et) documentée"
# "the end of the services", "Ende des Vertrags", ...: with a deletion verb and no return, (g)
# is only half there
_END_EN = (
    r"(?:\b(?:end|termination|expir\w*|cancell?ation)\s+of\s+(?:the\s+)?(?:\w+\s+)?(?:agreement"
    r"|contract|services?|provision|subscription)"
    # "within 10 business days of the date of cessation of any Services" (Microlink)
    r"|\bcessation\s+of\s+(?:the\s+|any\s+)?(?:\w+\s+)?(?:agreement|contract|services?)\b"
    # "After 90 days post-cancellation" (Clipstack)
    r"|\b(?:post-|after\s+)(?:cancell?ation|termination)\b"
    # "On termination for any other reason, we delete Customer Personal Data" (Formhaus), "On
    # account termination: full deletion of Personal Data within 30 days" (Switchyard)
    r"|\b(?:upon|on|at)\s+(?:the\s+)?(?:(?:account|contract|service|subscription|agreement)\s+)?"
    r"(?:termination|expiry|expiration|cancell?ation)\b"
    # "Within 30 days of subscription termination" (Gauge), "On a verified deletion request or
    # termination" (NEXUSV)
    r"|(?<!\bbefore\s)\b(?:account|contract|service|subscription|agreement)\s+(?:termination|expiry"
    r"|expiration|cancell?ation)\b"
    r"|\b(?:upon|on)\s+(?:an?\s+|the\s+)?(?:[\w-]+\b\s+){1,3}?or\s+(?:upon\s+|on\s+)?(?:termination"
    r"|expiry|expiration|cancell?ation)\b"
    # "When School terminates agreement:" (WildPraxis)
    r"|(?<!\bbefore\s)(?<!\bafter\s)\bterminat(?:es|ed|ing)\s+(?:the\s+|this\s+)?(?:agreement|contract"
    r"|services?|subscription)\b(?!\s+with\s+(?:its|their|the)\s+(?:previous|former|old)\b))"
)
_END_FR = (
    r"(?:\b(?:fin|terme|issue|expiration|r[ée]siliation)\s+d[ue]s?\s+(?:\w+\s+)?(?:contrat|services?"
    r"|prestations?)"
    r"|\b(?:fin|terme|issue)\s+de\s+la\s+relation\s+(?:contractuelle|commerciale)\b)"
)
_END_DE = (
    r"(?:\b(?:Ende|Beendigung|Ablauf|Abschluss)\s+de[rs]\s+(?:\w+\s+)?(?:Haupt)?(?:Vertrag"
    r"|Vertrags|Auftrag|Auftrags|Leistung|Leistungen|Dienste?)\w*"
    # the compound: "Löschung nach Auftragsende" (draht), "Vertragsende", "Vertragsbeendigung"
    r"|\b(?:Auftrags|Vertrags|Leistungs)(?:ende|beendigung|ablauf)\b"
    # "Nach Ablauf dieser Frist löscht der Diensteanbieter" (EUSurvey): the processing period's end
    r"|\bAblauf\s+(?:dieser|der)\s+(?:\w+\s+)?(?:Frist|Dauer|Laufzeit|Verarbeitungsdauer)\b)"
)
_END_ES = (
    r"(?:\b(?:fin|finalizaci[óo]n|t[ée]rmino|terminaci[óo]n|extinci[óo]n)\s+del?\s+(?:\w+\s+)?"
    r"(?:contrato|servicios?|encargo|prestaci[óo]n)"
    # "concluida la relación contractual" (SynapseAI)
    r"|\b(?:(?:fin|finalizaci[óo]n|t[ée]rmino|terminaci[óo]n|extinci[óo]n)\s+de|conclu\w+|finalizad[ao]"
    r"|terminad[ao]|extinguid[ao])\s+(?:la\s+)?relaci[óo]n\s+(?:contractual|comercial)\b)"
)
_END_IT = (
    r"\b(?:fine|termine|cessazione|scadenza)\s+(?:del|dei|della)\s+(?:\w+\s+)?(?:contratto|servizi"
    r"|servizio|rapporto|prestazion[ei])"
)
# "only by questionnaire", "in lieu of an (on-site) audit", "no on-site audits"
_LIMITS_EN = [
    r"\baudits?\b.{0,150}?\b(?:limited|restricted)\s+to\b.{0,80}?\b(?:questionnaires?|reports?"
    r"|certifications?|documentation)",
    # (not the controller's option: "The Controller may also rely on the Processor's SOC 2 / ISO
    # 27001 reports in lieu of on-site audit", Clipstack)
    # (nor a report said not to exist: "There is no third-party audit report to offer in lieu of
    # an inspection", ProveKit)
    # nor "the Controller may accept a SOC 2 Type 2 report ... in lieu of an on-site audit" (Malon)
    r"^(?!.*\b(?:may|can)\s+(?:also\s+)?(?:elect\s+to\s+|choose\s+to\s+)?(?:rely\s+on|accept)\b)"
    r"(?!.*\b(?:no|not\s+an?|without\s+an?)\s+(?:\w+\b[\s-]+){0,2}?(?:audit\s+)?reports?\b)"
    # (nor reports the processor may offer, the audit right standing: "ReadyCheck AI ... may
    # provide reports in lieu of audits", ReadyCheck AI)
    r"(?!.*\bmay\s+(?:\w+\b\s+){0,2}?(?:provide|offer|share|supply|furnish)\b)"
    # (nor a report not yet available: "SOC2 Type 2 report (when available) satisfies this in lieu
    # of on-site audit", Bumblebee)
    r"(?!.*\b(?:when|once|if|where)\s+available\b).*?"
    r"\b(?:questionnaires?|reports?|certifications?)\b.{0,80}?\bin\s+(?:lieu|place)\s+of\b.{0,40}?"
    r"\b(?:audits?|inspections?)",
    # (not for some customers only: "For institutions below 1,000 active student users, audit
    # information is provided in written form on request (no on-site audit)", Cadence)
    r"^(?!\W*for\s+(?:customers?|institutions?|clients?|controllers?|organi[sz]ations?)\s+(?:below|under"
    r"|with\s+fewer|on\s+the)\b).*?"
    r"\b(?:no|not\s+(?:permit|allow)\w*)\s+(?:on-?site|physical)\s+(?:audits?|inspections?)",
    # "it will only exercise its audit rights ... by instructing Provider to comply with the
    # reporting and due diligence requirements below" (Common Paper)
    r"\bonly\s+exercise\s+(?:its|their|any|such)\s+audit\s+rights?\b.{0,250}?\b(?:reports?|reporting"
    r"|questionnaires?|certifications?|due\s+diligence)\b",
    # the audit made through documents: "The Fiduciary may audit Processor compliance annually ...
    # via reports (access logs, audit trails) and a written questionnaire" (EduCore) -- not when
    # an inspection is offered beside them ("via reports or an on-site inspection")
    r"\baudit\w*\b[^.;]{0,150}?\b(?:via|through|by\s+means\s+of|in\s+the\s+form\s+of)\s+(?:written\s+"
    r"|documentary\s+)?(?:reports?|questionnaires?)\b(?![^.;]{0,80}?\bor\s+(?:an?\s+|by\s+)?(?:on-?site"
    r"|inspections?|in-person|physical)\b)",
]
_LIMITS_FR = [
    r"\baudits?\b.{0,150}?\b(?:limit[ée]s?|restreints?)\s+[àa]\b.{0,80}?\b(?:questionnaires?"
    r"|rapports?|certifications?)",
    r"\b(?:aucun|pas\s+d')\s*(?:audit|inspection)s?\s+sur\s+site",
]
_LIMITS_DE = [
    r"\b(?:Audits?|Kontrollen|Überprüfungen)\b.{0,150}?\b(?:beschränkt|begrenzt)\b.{0,80}?"
    r"\b(?:Fragebogen|Fragebögen|Berichte\w*|Zertifi\w*)",
    r"\bkeine\s+(?:Vor-Ort-|vor\s+Ort\s+)?(?:Audits?|Kontrollen|Inspektionen)\s+vor\s+Ort",
]
_LIMITS_ES = [
    r"\bauditor[íi]as?\b.{0,150}?\blimitad[ao]s?\s+a\b.{0,80}?\b(?:cuestionarios?|informes?"
    r"|certificaci\w*)",
]
_LIMITS_IT = [
    r"\b(?:audit|verifiche)\b.{0,150}?\blimitat[ieao]\s+a\b.{0,80}?\b(?:questionari\w*|rapport\w*"
    r"|relazion\w*|certificazion\w*)",
]

# A sentence that shows a clause only under a heading naming the clause's subject: "NOSHASHI
# implements the measures in Annex 2" under "Security", "Customer may audit no more than once a
# year" under "Records and audits", "La UBB podrá auditar" under "Auditoría y demostración". The
# heading says what the sentence is about, so the sentence needs less of the clause's wording; a
# heading is one of the headings the sentence is under (the document's title excepted) or the
# last run-in heading ("**Audits.**") before it. Tried only when no pattern of the clause matches.
# The sentence still needs the processor's side: not the controller's own duty, not a privacy
# notice's voice ("We implement security measures to protect your personal data"), not negated.
_CONTROLLER_WORDS = {
    "en": r"(?:customers?|controllers?|clients?|you|users?|data\s+exporter|account\s+(?:holders?|owners?)"
    r"|administrators?|admins?|subscribers?)",
    "fr": r"(?:client|responsable(?:\s+(?:du|de)\s+traitement)?|exportateur|utilisateurs?|titulaire"
    r"|administrateurs?|abonn[ée]s?)",
    "de": r"(?:Auftraggeber\w*|Verantwortliche\w*|Kunde\w*|Nutzer\w*|Kontoinhaber\w*|Administrator\w*)",
    "es": r"(?:cliente|responsable|exportador|usuarios?|titular\s+de\s+la\s+cuenta|administrador\w*)",
    "it": r"(?:titolare|cliente|utenti|amministrator\w*)",
}
# sub-processors as the subject: their measures or help are not the processor's undertaking
_SUBPROCESSORS = {
    "en": r"(?:sub-?\s?processors?|subcontractors?)",
    "fr": r"(?:sous-traitants?\s+ult[ée]rieurs?|sous-traitants?\s+secondaires?)",
    "de": r"(?:Unterauftragnehmer\w*|Subunternehmer\w*|Unterauftragsverarbeiter\w*)",
    "es": r"(?:sub-?encargad[oa]s?|subcontratistas?)",
    "it": r"(?:sub-?responsabil[ei]|sub-?fornitor[ei])",
}
# the controller's own duty said in the passive or impersonally ("are informed ... by the
# Customer", "It is the Customer's obligation to respond")
_CONTROLLERS_OWN = {
    "en": r"\bby\s+(?:the\s+)?(?:customer|controller|client)\b|\b(?:customer|controller|client)'s\s+"
    r"(?:own\s+|sole\s+)?(?:obligation|responsibility|duty)|\b(?:customer|controller|client),?\s+who\b",
    "fr": r"\bpar\s+le\s+(?:client|responsable)\b|\bincombe\s+au\s+(?:client|responsable)"
    r"|\b(?:client|responsable),?\s+qui\b",
    "de": r"\b(?:vom|durch\s+den)\s+(?:Auftraggeber|Verantwortlichen|Kunden)\b|\bPflicht\s+des\s+"
    r"(?:Auftraggebers|Verantwortlichen|Kunden)|\b(?:Kunden|Auftraggeber|Verantwortlichen),?\s+der\b",
    "es": r"\bpor\s+el\s+(?:cliente|responsable)\b|\bcorresponde\s+al\s+(?:cliente|responsable)"
    r"|\b(?:cliente|responsable),?\s+que\b",
    "it": r"\bdal\s+(?:titolare|cliente)\b|\bspetta\s+al\s+(?:titolare|cliente)"
    r"|\b(?:titolare|cliente),?\s+che\b",
}
# what no section's sentence is: a question, a blank or placeholder, a recommendation
_NOT_A_STIPULATION = (
    r"^(?!.*[?¿])(?!\W*\[)(?!.*(?:_{3}|\{\{|\bTODO\b|\bTBD\b|\bN/A\b|\bnoch\s+offen\b))"
    r"(?!.*\b(?:should|recommend\w*|best\s+practices?|good\s+practice|tips?|devriez|devrait"
    r"|recommand\w*|bonnes?\s+pratiques?|sollte\w*|empfohlen\w*|gute\s+Praxis|deber[íi]a\w*|recomend\w*"
    r"|buenas?\s+pr[áa]cticas?|dovrebbe\w*|raccomand\w*|consigliat\w*|buone?\s+pratic\w*)\b)"
)
# the voice of a notice to the people whose data it is ("your personal data", "vos droits")
_NOTICE_VOICE = {
    "en": r"\b(?:we|our)\s+(?:\w+\b\s+){0,2}?\w+\b[^.;]*\byour\s+(?:personal\s+)?(?:data|rights|information)\b"
    r"|\byour\s+(?:personal\s+)?(?:data|rights|information)\b",
    "fr": r"\b(?:vos|votre)\s+(?:donn[ée]es|droits|informations)\b",
    "de": r"\bIhre[rn]?\s+(?:personenbezogenen\s+)?(?:Daten|Rechte)\b",
    "es": r"\b(?:sus|tus)\s+(?:datos|derechos)\b",
    "it": r"\b(?:i\s+tuoi|i\s+suoi|i\s+vostri)\s+(?:dati|diritti)\b",
}
_NOT = {"en": _NOT_EN, "fr": _NOT_FR, "de": _NOT_DE, "es": _NOT_ES, "it": _NOT_IT}
_NEGATION_WORDS = {
    "en": r"(?:not|never|n't)",
    "fr": r"(?:pas|jamais|aucune?)",
    "de": r"(?:nicht|keine?\w*|nie)",
    "es": r"(?:no|nunca|ning[úu]n\w*)",
    "it": r"(?:non|mai|nessun\w*)",
}


def _processors_side(language: str, verb: str) -> str:
    """At the start of a section pattern: the sentence is not the controller doing `verb` (after
    a run-in heading, "3.2 Security: ...", or an item's number), nor the controller said to be
    responsible ("The Controller remains responsible for: Ensuring that its own systems ...
    enable it to comply with such requests", Applied Poetics), nor a privacy notice."""
    controller = rf"(?:account\s+)?(?:{_CONTROLLER_WORDS[language]}|{_SUBPROCESSORS[language]})"
    return (
        r"^(?!(?:[^.:;]{0,60}:\s*)?\W*(?:\d[\d.]*\s+)?(?:the\s+|el\s+|la\s+|le\s+|l'\s*|il\s+"
        rf"|der\s+|die\s+|if\s+(?:the\s+)?)?{controller}\b[^.:;]{{0,40}}?\b{verb})"
        rf"(?!.*\b{controller}\s+(?:\w+\b\s+){{0,2}}?(?:responsible|responsable|verantwortlich"
        r"|responsabile)\b)"
        rf"(?!.*(?:{_NOTICE_VOICE[language]}))"
        rf"(?!.*(?:{_CONTROLLERS_OWN[language]}))"
    )


def _unnegated(language: str, gap: int) -> str:
    """At most `gap` characters of one clause of a sentence, none a negation."""
    return rf"(?:(?!\b{_NEGATION_WORDS[language]}\b)[^;]){{0,{gap}}}?"


_SECURITY_VERBS = {
    "en": r"(?:implement|maintain|adopt|appl(?:y|ie)|take|employ|keep)s?",
    "fr": r"(?:met(?:tra|tent|tront)?\s+en\s+(?:oe|œ)uvre|impl[ée]ment\w*|appliqu\w*|maint\w*"
    r"|adopt\w*|prend\w*)",
    "de": r"(?:implementier|ergreif|ergriff|trifft|treff|setzt|umsetz|h[äa]lt|unterh[äa]lt|wendet"
    r"|gew[äa]hrleist)\w*",
    "es": r"(?:implement|aplic|adopt|mant(?:iene|endr)|acredit|garantiz|asegur)\w*",
    "it": r"(?:implement\w*|adott\w*|applic\w*|mett\w*\s+in\s+atto|mant\w*)",
}
_SECURITY_MEASURES = {
    "en": r"(?:measures|safeguards|controls)",
    "fr": r"(?:mesures|garanties|contr[ôo]les)",
    "de": r"(?:Ma(?:ß|ss)nahmen|Kontrollen)",
    "es": r"(?:medidas|salvaguardas|controles)",
    "it": r"(?:misure|garanzie|controlli)",
}
# a lead-in that names the measures or their minimum ("The Processor maintains, at minimum:",
# "CEOUBB deberá acreditar al menos:"), then measures as items
_SECURITY_LEAD_IN = {
    "en": r"(?:measures|safeguards|controls|security|at\s+(?:a\s+)?minimum|at\s+least)",
    "fr": r"(?:mesures|garanties|contr[ôo]les|s[ée]curit[ée]|au\s+(?:moins|minimum))",
    "de": r"(?:Ma(?:ß|ss)nahmen|Kontrollen|Sicherheit\w*|mindestens|zumindest)",
    "es": r"(?:medidas|salvaguardas|controles|seguridad|al\s+menos|como\s+m[íi]nimo)",
    "it": r"(?:misure|garanzie|controlli|sicurezza|almeno|come\s+minimo)",
}
_SECURITY_ITEMS = {
    "en": r"(?:encrypt\w*|ciphertexts?|access\s+controls?|pseudonymi[sz]\w*|firewalls?|multi-factor"
    r"|backups?|TLS\b|AES\b)",
    "fr": r"(?:chiffr\w*|contr[ôo]les?\s+d'\s*acc[èe]s|authentification|pseudonymis\w*|sauvegardes?"
    r"|TLS\b|AES\b)",
    "de": r"(?:verschl(?:ü|ue)ssel\w*|Zugriffskontroll\w*|Zugangskontroll\w*|Pseudonymis\w*"
    r"|Backups?|Datensicherung\w*|TLS\b|AES\b)",
    "es": r"(?:cifrad\w*|encriptad\w*|control\w*\s+de\s+acceso|autenticaci[óo]n|seudonimi\w*"
    r"|respaldos?|copias\s+de\s+seguridad|TLS\b|AES\b)",
    "it": r"(?:cifratura|crittograf\w*|controll\w*\s+(?:degli\s+)?access\w*|autenticazione"
    r"|pseudonimi\w*|backup|TLS\b|AES\b)",
}
_PRICE = r"(?:[€$£]|\b(?:EUR|USD|GBP|price|prix|Preis|precio|prezzo|fee|per\s+day|par\s+jour|pro\s+Tag)\b)"
# measures named without a verb that are not the processor's stipulation: a price, a plan's
# feature or a paid add-on, what suppliers or sub-processors must do, a finding or an attack, an
# export-control or downtime rule (a review of rounds 25-26's patterns)
_NOT_ITS_MEASURES = (
    rf"(?!.*{_PRICE})"
    r"(?!.*\b(?:add-?ons?|paid|purchas\w*|billed|plans?|suppliers|vendors|sub-?\s?processors?|fornitori"
    r"|proveedores|fournisseurs|Lieferanten|attacks?|vulnerabilit\w*|out-of-scope|in\s+scope|bounty|export\w*"
    r"|Ausfuhr\w*|ECCN|dual-use|cryptolog\w*|ANSSI|downtime|uptime)\b)"
)
# a party named as the agent ("provided by Hetzner", "assurés par l'hébergeur", "liegt beim
# Rechenzentrumsbetreiber")
_AN_AGENT = (
    r"\b(?:by|par|durch|von|beim|chez|por|da)\s+(?:the\s+|le\s+|la\s+|l'\s*|der\s+|dem\s+|el\s+"
    r"|il\s+)?[A-Z]"
)
# security as a label of its own ("Security: encryption in transit")
_SECURITY_ALONE = {
    "en": r"(?:data\s+|information\s+)?security",
    "fr": r"s[ée]curit[ée](?:\s+des\s+donn[ée]es)?",
    "de": r"(?:Daten|Informations)?[Ss]icherheit",
    "es": r"seguridad(?:\s+de\s+(?:los\s+)?datos)?",
    "it": r"sicurezza(?:\s+dei\s+dati)?",
}
_MODALS = {
    "en": r"(?:shall|will|must)",
    "fr": r"(?:doit|devra)",
    "de": r"(?:muss|wird)",
    "es": r"(?:deber[áa]|debe)",
    "it": r"(?:deve|dovr[àa])",
}
# the processor's voice only, for security: "we implement ..." is as often a privacy notice
_NOT_WE = {
    "en": r"(?!.*\bwe\s+(?:\w+\b\s+){0,2}?(?:implement|maintain|adopt|appl|take|employ|keep)\w*)",
    "fr": r"(?!.*\bnous\b)",
    "de": r"(?!.*\bwir\b)",
    "es": r"(?!.*\b(?:implement|aplic|adopt|mantene|acredit|garantiz|asegur)[aei]mos\b)",
    "it": r"(?!.*\b(?:implement|adott|applic|manten|garant)iamo\b)",
}
# measures named without a verb, under a heading of security ("- TLS for all traffic between the
# visitor, the edge, and the host.", AgentNet; "| Chiffrement de bout en bout ... | En place |",
# GhostPass): the heading makes them the processor's measures -- unless someone else is named
# (the controller, users, "we" of a notice), or the measure is recommended, optional or negated
_OTHERS_VOICE = {
    "en": r"\b(?:we|our|us|should|recommend\w*|optional\w*|may|can)\b",
    "fr": r"\b(?:nous|notre|nos|devriez|devrait|recommand\w*|optionnel\w*|peut|peuvent)\b",
    "de": r"\b(?:wir|unser\w*|sollte\w*|empfohlen\w*|optional\w*|kann|können)\b",
    "es": r"\b(?:nosotros|nuestr\w*|deber[íi]a\w*|recomend\w*|opcional\w*|puede|pueden)\b",
    "it": r"\b(?:noi|nostr\w*|dovrebbe\w*|raccomand\w*|consigli\w*|opzional\w*|pu[òo]|possono)\b",
}
# (verbs, not the nouns "information", "assistance", "informations", "información")
_DS_HELP_VERBS = {
    "en": r"(?:assist(?:s|ing)?|helps?|helping|supports?|supporting|co-?operat(?:e|es|ing)"
    r"|provid(?:e|es|ing)|offers?|offering|expos(?:e|es|ing)|forward(?:s|ing)?|refers?|redirects?"
    r"|pass(?:es)?|notif(?:y|ies)|informs?|enabl(?:e|es|ing)|respond(?:s|ing)?)",
    "fr": r"(?:assist(?:e|era|ent|er)|aide(?:ra|nt|r)?|coop[ée]r(?:e|era|er)|collabor(?:e|era|er)"
    r"|fourni(?:t|ra|ssent|r)|expose(?:ra|nt)?|propose(?:ra|nt)?|offre(?:nt)?|met\w*\s+[àa]\s+(?:la\s+)?"
    r"disposition|transmet\w*|redirig\w*|inform(?:e|era|ent|er)|notifi(?:e|era|ent|er))",
    "de": r"(?:unterst(?:ü|ue)tz(?:t|en)|hilft|helfen|stellt|bietet|leitet|informier(?:t|en)"
    r"|benachrichtig(?:t|en)|wirkt)",
    "es": r"(?:asist(?:e|ir[áa]|en|ir)|ayud(?:a|ar[áa]|ar)|colabor(?:a|ar[áa]|ar)|cooper(?:a|ar[áa]|ar)"
    r"|proporcion(?:a|ar[áa]|ar)|ofrec(?:e|er[áa]|er)|pon(?:e|dr[áa])\s+a\s+disposici[óo]n|facilit(?:a|ar[áa])"
    r"|remit(?:e|ir[áa])|traslad(?:a|ar[áa])|inform(?:a|ar[áa])|notific(?:a|ar[áa])|comunic(?:a|ar[áa]))",
    "it": r"(?:assist(?:e|er[àa])|aiut(?:a|er[àa])|collabor(?:a|er[àa])|support(?:a|er[àa])|fornisc\w*"
    r"|fornir[àa]|mett\w*\s+a\s+disposizione|inoltr(?:a|er[àa])|inform(?:a|er[àa])|notific(?:a|her[àa])"
    r"|comunic(?:a|her[àa]))",
}
# the lead-in of means offered ends in ":" ("GhostPass expose depuis le 2026-08-30 :"): verbs of
# offering only (not "refer to:", "For more information, contact:")
_OFFERS = {
    # (also "supports the following on request:", ReleaseGate; not "supports" in another sense:
    # "supports individuals with", "supports the principles of", the review of rounds 25-26)
    "en": r"(?:provid(?:e|es)|offers?|expos(?:e|es)|makes?\s+available|supports\s+the\s+following(?:\s+(?:on|upon)"
    r"\s+request|\s+(?:data[\s-]+subject\s+)?(?:requests|rights))?(?=\s*:))",
    "fr": r"(?:fourni(?:t|ra)|expose(?:ra)?|propose(?:ra)?|offre|met\w*\s+[àa]\s+(?:la\s+)?disposition)",
    "de": r"(?:stellt\b[^.;:]{0,60}?\bbereit|bietet)",
    "es": r"(?:proporciona\w*|ofrece\w*|pone\w*\s+a\s+disposici[óo]n)",
    "it": r"(?:fornisc\w*|offr\w*|mett\w*\s+a\s+disposizione)",
}
# a sentence about what the data subjects do ("Data subjects may submit requests to the Customer")
_DATA_SUBJECTS_ACT = (
    r"^(?!\W*(?:the\s+|les\s+|los\s+|gli\s+|die\s+)?(?:data\s+subjects|individuals|end\s+users"
    r"|personnes\s+concern[ée]es|Betroffene\w*|interesados|titulares|interessati)\b)"
)
_ASSISTS = {  # the verbs of assisting only
    "en": r"(?:assist\w*|helps?)",
    "fr": r"(?:assist\w*|aide(?:ra|nt)?)",
    "de": r"(?:unterst(?:ü|ue)tz\w*|hilft|helfen)",
    "es": r"(?:asist\w*|ayud\w*)",
    "it": r"(?:assist\w*|aiut\w*)",
}
# a word naming with what the processor assists, which the heading then no longer says ("assists
# the Controller with marketing"); a time ("dans un délai", "within") is no such word
_ASSISTED_WITH = {
    "en": r"with|in|on|for|to\s+(?!the\s+(?:customer|controller|client)\b)\w+",
    "fr": r"avec|pour|sur|[àa]\s+(?!la\s+demande)|dans\s+(?!un\s+d[ée]lai)|en\s+(?!cas\b)",
    "de": r"bei|mit|f(?:ü|ue)r",
    "es": r"con|en\s+(?!un\s+plazo)|para",
    "it": r"con|nella|nel|per|in\s+(?!un\s+termine)",
}
_OTHERS_HELPED = {
    "en": r"users?|our|us|you",
    "fr": r"utilisateurs?|nos|notre|vous",
    "de": r"Nutzer\w*|unser\w*|Sie",
    "es": r"usuarios?|nuestr\w*|usted",
    "it": r"utenti|nostr\w*|voi",
}
# what help with data subjects' requests is about: "provide the Controller with information
# necessary to demonstrate compliance" under "Data Subject Rights" is not it (Applied Poetics)
# (not "upon request", "sur demande", "auf Anfrage", "a solicitud", "su richiesta")
_DS_TOPIC = {
    "en": r"(?:data[\s-]+subjects?|individuals?|rights?|DSA?Rs?|complaints?|inquir\w*|enquir\w*"
    r"|(?<!\bupon\s)(?<!\bon\s)(?<!\breasonable\s)(?<!\bwritten\s)(?<!\bprior\s)requests?)\b",
    "fr": r"(?:(?<!\bsur\s)demandes?|requ[êe]tes?|droits?|personnes\s+concern[ée]es|r[ée]clamations?)\b",
    "de": r"(?:(?<!\bauf\s)Anfrage\w*|Antr(?:ä|ae)g\w*|Ersuchen|Rechte\w*|Betroffene\w*)",
    "es": r"(?:(?<!\ba\s)(?<!\bprevia\s)solicitud\w*|peticion\w*|derechos?|interesados|titulares"
    r"|reclamacion\w*)\b",
    "it": r"(?:(?<!\bsu\s)richieste?|istanze?|diritti|interessati|reclami)\b",
}
# the controller's consent before, or its objection to, an engagement: the heading names what is
# engaged ("The Controller may object in writing", Clipstack; "Hébergement Cloud (avec accord
# préalable du Client)", Raggy)
_PRIOR_CONSENT = {
    "en": r"\b(?:prior|advance)\s+(?:specific\s+|general\s+)?(?:written\s+)?(?:consent|approval"
    r"|authori[sz]ation)\b",
    "fr": r"\b(?:accord|autorisation|consentement|approbation)\s+(?:[ée]crite?\s+)?pr[ée]alable\b",
    "de": r"\bvorherige[nr]?\s+(?:schriftliche[nr]?\s+)?(?:Zustimmung|Genehmigung|Einwilligung)\b",
    "es": r"\b(?:autorizaci[óo]n|consentimiento|aprobaci[óo]n)\s+(?:previa|expresa\s+y\s+previa)\b",
    "it": r"\b(?:autorizzazione|consenso|approvazione)\s+(?:scritt[ao]\s+)?(?:preventiv[ao]|previ[ao])\b",
}
_TELLS = {  # (f) telling the controller of a breach
    "en": r"(?:notif(?:y|ies)|informs?|tells?|alerts?|reports?\s+to)",
    "fr": r"(?:notifie(?:ra)?|informe(?:ra)?|avertit|avertira|signale(?:ra)?)",
    "de": r"(?:benachrichtigt|informiert|meldet|unterrichtet)",
    "es": r"(?:notifica(?:r[áa])?|informa(?:r[áa])?|comunica(?:r[áa])?)",
    "it": r"(?:notific(?:a|her[àa])|inform(?:a|er[àa])|comunic(?:a|her[àa]))",
}
_THE_CONTROLLER = {  # (a), (d), (f) the controller only: not users, not administrators
    "en": r"(?:customer|controller|client|you|data\s+exporter)",
    "fr": r"(?:client|responsable(?:\s+(?:du|de)\s+traitement)?|exportateur)",
    "de": r"(?:Auftraggeber\w*|Verantwortliche\w*|Kunde\w*)",
    "es": r"(?:cliente|responsable|exportador)",
    "it": r"(?:titolare|cliente)",
}
# the consent is the controller's: "the Customer's prior written consent", "avec accord préalable
# du Client" (Raggy) -- not "the prior approval of the Processor"
_CONSENT_OF_THE_CONTROLLER = {
    "en": r"(?:\b(?:customer|controller|client|data\s+exporter)'s\s+"
    + _PRIOR_CONSENT["en"][2:]
    + r"|"
    + _PRIOR_CONSENT["en"]
    + r"\s+(?:of|from|by)\s+(?:the\s+)?(?:customer|controller|client"
    r"|data\s+exporter|you)\b)",
    "fr": _PRIOR_CONSENT["fr"]
    + r"\s+(?:du|de\s+la|de\s+l'\s*)\s*(?:client|responsable|exportateur)\b",
    "de": _PRIOR_CONSENT["de"] + r"\s+(?:des|der)\s+(?:Auftraggebers|Verantwortlichen|Kunden)\b",
    "es": _PRIOR_CONSENT["es"]
    + r"\s+(?:\w+\s+)?(?:del|de\s+la)\s+(?:cliente|responsable|exportador)\b",
    "it": _PRIOR_CONSENT["it"] + r"\s+(?:\w+\s+)?(?:del|della)\s+(?:titolare|cliente)\b",
}
# (a) the controller's written authorisation of any other processing, in the forms "the
# Controller's written authorisation", "written Controller authorisation", "the written
# authorisation of the Controller" (not "consent": "any other use requires your consent" is a
# privacy notice's; not "approval": "Any other use requires the Customer's prior written
# approval" follows a publicity clause's use of a logo)
_WRITTEN_AUTHORISATION_EN = (
    r"(?:(?:the\s+)?(?:(?:controller|customer|client)(?:'s)?\s+(?:prior\s+)?(?:written|documented)\s+"
    r"|(?:prior\s+)?(?:written|documented)\s+(?:controller|customer|client)(?:'s)?\s+)"
    r"(?:authori[sz]ation|instructions?)\b"
    r"|(?:the\s+)?(?:prior\s+)?(?:written|documented)\s+(?:authori[sz]ation|instructions?)\s+"
    r"(?:of|from)\s+(?:the\s+)?(?:controller|customer|client)\b)"
)
_WRITTEN_AUTHORISATION = {
    "fr": r"\b(?:toute?\s+autre|tout\s+traitement\s+suppl[ée]mentaire)\s+(?:traitement|utilisation|usage)?"
    r"(?:\s+des\s+donn[ée]es(?:\s+personnelles)?)?\s+(?:n[ée]cessite|requiert|est\s+soumis\w*\s+[àa])\s+(?:l'\s*)?"
    r"(?:autorisation|instruction|accord)\s+(?:pr[ée]alable\s+)?(?:[ée]crite?\s+|document[ée]e?\s+)"
    r"(?:pr[ée]alable\s+)?(?:du|de\s+la|de\s+l'\s*)\s*(?:client|responsable)\b",
    "de": r"\b(?:jede|eine)\s+(?:andere|weitere|dar(?:ü|ue)ber\s+hinausgehende)\s+(?:Verarbeitung|Nutzung"
    r"|Verwendung)(?:\s+der\s+(?:personenbezogenen\s+)?Daten)?\s+(?:bedarf|erfordert)\s+(?:der|die|eine[rn]?)\s+"
    r"(?:vorherige[nr]?\s+)?(?:schriftliche[nr]?|dokumentierte[nr]?)\s+(?:Weisung|Zustimmung"
    r"|Genehmigung)\s+(?:des|der)\s+(?:Auftraggebers|Verantwortlichen|Kunden)\b",
    "es": r"\bcualquier\s+otr[oa]\s+(?:tratamiento|uso|utilizaci[óo]n)(?:\s+de\s+los\s+datos(?:\s+personales)?)?"
    r"\s+(?:requiere|requerir[áa]|precisa|exige)\s+(?:la\s+)?(?:autorizaci[óo]n|instrucci[óo]n)\s+(?:previa\s+)?"
    r"(?:escrita|documentada|por\s+escrito)\s+(?:previa\s+)?(?:del|de\s+la)\s+(?:cliente|responsable)\b",
    "it": r"\bqualsiasi\s+altr[oa]\s+(?:trattamento|uso|utilizzo)(?:\s+dei\s+dati(?:\s+personali)?)?\s+(?:richiede"
    r"|necessita|(?:è|e')\s+subordinat[oa])\s+(?:l'\s*|alla\s+|all'\s*)?(?:autorizzazione"
    r"|istruzione)\s+(?:preventiva\s+)?(?:scritta|documentata)\s+(?:preventiva\s+)?(?:del|della)\s+"
    r"(?:titolare|cliente)\b",
}
_OBJECTS = {
    "en": r"(?:may|can|is\s+entitled\s+to|has\s+the\s+right\s+to)\s+object\b|\bright\s+to\s+object\b",
    "fr": r"(?:peut|pourra|a\s+le\s+droit\s+de)\s+s'\s*opposer\b|\bdroit\s+d'\s*opposition\b",
    "de": r"(?:kann|darf|ist\s+berechtigt,?)\s+(?:\w+\b\s+){0,4}?widersprechen\b|\bWiderspruchsrecht\b",
    "es": r"(?:podr[áa]|puede|tiene\s+derecho\s+a)\s+oponerse\b|\bderecho\s+(?:de|a)\s+(?:oposici[óo]n|objeci[óo]n)\b",
    "it": r"(?:pu[òo]|potr[àa]|ha\s+il\s+diritto\s+di)\s+opporsi\b|\bdiritto\s+di\s+opposizione\b",
}
# the controller's own audit (not of its own records, logs or accounts; not of sub-processors by
# the processor; verification only of compliance); not someone else's: a licensor's or supplier's
# audit of the customer, an authority's inspection, the processor's, users' or employees'
_NOT_AUDITED_BY_OTHERS = (
    r"^(?!.*\b(?:licen[cs]ors?|suppliers?|vendors?|admins?|administrators?|employees?|staff|users?"
    r"|(?:supervisory|data\s+protection|tax|competent|public)\s+authorit\w*|authorities|regulators?"
    r"|auditors\s+may\s+\w+\s+only|[ée]diteurs?|fournisseurs?|autorit[ée]s?\s+(?:de\s+contr[ôo]le"
    r"|comp[ée]tentes?)|Lizenzgeber\w*|Anbieter\w*|Aufsichtsbeh(?:ö|oe)rde\w*|Beh(?:ö|oe)rde\w*"
    r"|Finanz\w*|licenciantes?|proveedor\w*|autoridad\w*|licenzianti?|fornitor[ei]\s+(?:pu[òo]|potr[àa])"
    r"|autorit[àa])\b)"
    r"(?!.*\b(?:audit\w*|inspect\w*|auditer|inspecter|auditar|inspeccionar|ispezionare|Audits?"
    r"|Kontrollen)\b[^.;]{0,40}?\b(?:(?:the\s+)?customer'?s?|(?:du|le)\s+client|beim\s+Kunden"
    r"|del\s+cliente|user\s+activity|uptime|status\s+page|personnel\s+files?|invoices?)\b)"
    r"(?!.*\bbeim\s+Kunden\b)"
)
_AUDITS_BY_THE_CONTROLLER = {
    "en": r"(?<!\bprocessor\s)(?<!\bprovider\s)(?<!\bwe\s)\b(?:may|can|(?:is|are|shall\s+be|will\s+be)"
    r"\s+(?:entitled|permitted|allowed)\s+to|ha(?:s|ve)\s+the\s+right\s+to)\s*:?\s+(?!not\b)"
    r"(?:\w+\b\s+){0,3}?(?:audit|inspect)\b(?![^.;]{0,80}?\b(?:sub-?\s?processors?|logs?|dashboard"
    r"|account|(?:its|your|their)\s+own\b(?!\s+(?:cost|expense))))",
    "fr": r"(?<!sous-traitant\s)\b(?:peut|pourra|a\s+le\s+droit\s+de|aura\s+le\s+droit\s+de|est\s+en"
    r"\s+droit\s+de)\s+(?:\w+\b\s+){0,3}?(?:auditer|inspecter|(?:faire\s+)?(?:proc[ée]der\s+[àa]"
    r"|r[ée]aliser|effectuer|conduire)\s+(?:un|des|une)\s+(?:audits?|inspections?)|(?:v[ée]rifier"
    r"|contr[ôo]ler)\s+(?:le\s+respect|la\s+conformit[ée]))\b(?![^.;]{0,60}?\bsous-traitants?\s+"
    r"ult[ée]rieur)",
    "de": r"(?<!Auftragnehmer\s)(?<!Auftragsverarbeiter\s)\b(?:darf|kann|ist\s+berechtigt,?|hat\s+das"
    r"\s+Recht,?)\s+(?!nicht\b|keine)(?:\w+\b\s+){0,4}?(?:Audits?|Inspektionen|Vor-Ort-Kontrollen"
    r"|Vor-Ort-Prüfungen)\s+(?:\w+\b\s+){0,2}?(?:durchführen|durchzuführen|vornehmen|vorzunehmen)\b",
    "es": r"(?<!\bencargado\s)(?<!\bencargada\s)\b(?:podr[áa]n?|puede|tendr[áa]\s+(?:el\s+)?derecho"
    r"\s+a|tiene\s+(?:el\s+)?derecho\s+a|est[áa]\s+facultad[oa]\s+para)\s+(?!no\b)(?:\w+\b\s+){0,3}?"
    r"(?:auditar|inspeccionar|realizar\s+(?:una\s+|las\s+)?(?:auditor[íi]as?|inspecciones?)"
    r"|(?:verificar|controlar)\s+el\s+cumplimiento)\b(?![^.;]{0,60}?\bsub-?encargad)",
    "it": r"(?<!\bresponsabile\s)(?<!\bfornitore\s)\b(?:pu[òo]|potr[àa]|ha\s+(?:il\s+)?diritto\s+di)"
    r"\s+(?!non\b)(?:\w+\b\s+){0,3}?(?:ispezionare|(?:verificare|controllare)\s+(?:il\s+rispetto"
    r"|la\s+conformit[àa])|(?:effettuare|svolgere|condurre|eseguire)\s+(?:\w+\b\s+){0,2}?(?:audit"
    r"|ispezioni))\b(?![^.;]{0,60}?\bsub-?responsabil)",
}
# (h) an on-site audit offered, under a heading of audits: "On-site: available for enterprise
# customers" (Spooktacular)
_ON_SITE = {
    "en": r"(?:on-?\s?site|onsite)(?:\s+(?:audits?|inspections?))?",
    "fr": r"(?:audits?|inspections?|contr[ôo]les?)\s+sur\s+(?:site|place)",
    "de": r"(?:Vor-Ort-(?:Audits?|Kontrollen?|Pr(?:ü|ue)fungen?|Inspektionen?)|vor\s+Ort)",
    "es": r"(?:auditor[íi]as?|inspecci[óo]n(?:es)?)\s+(?:in\s+situ|presenciales?)|in\s+situ",
    "it": r"(?:audit|ispezion[ei]|verifiche)\s+(?:in\s+loco|on-?\s?site)|in\s+loco",
}
_AVAILABLE = {
    "en": r"(?:available|possible|permitted|allowed|offered)\b",
    "fr": r"(?:disponibles?|possibles?|autoris[ée]e?s?|permise?s?)\b",
    "de": r"(?:verf(?:ü|ue)gbar|m(?:ö|oe)glich|zul(?:ä|ae)ssig|gestattet)\b",
    "es": r"(?:disponibles?|posibles?|permitid[oa]s?)\b",
    "it": r"(?:disponibil[ei]|possibil[ei]|consentit[oaie])\b",
}
# (d) the words of an authorisation or an objection -- not "object storage" (a table row of
# sub-processors read as one sentence: "Cloud provider: Object storage of report artifacts",
# Veritas)
# ... and not the controller's say denied: "no approval or objection right for customers"
_NO_SAY_EN = r"^(?!.*\bno\s+(?:\w+\b\s+){0,3}?(?:approvals?|objections?|consents?|authori[sz]ations?|rights?)\b).*?"
_AUTHORISES_OR_OBJECTS_EN = (
    r"(?<!\bno\s)\b(?:authori[sz]|consent|approv|object|reject)\w*\b(?!\s+(?:storage|stores?|locks?|management"
    r"|managers?|banners?|workflows?|platforms?|tools?)\b)"
    # nor an adjective of the sub-processors: "Maintain a list of authorized Sub-processors"
    # (HeroForge), "Authorized Sub-processors: Current sub-processors include:" (ODAVL)
    r"(?!(?:(?<=\bauthori[sz]ed)|(?<=\bapproved))\s+(?:sub-?\s?processors?|subcontractors?)\b)"
)
# (f) a notification within a time, verbless, under a heading of breaches ("Notification to
# supervisory authorities within 72 hours", GOAT)
_NOTIFICATION = {
    "en": r"(?:initial\s+)?notification\b",
    "fr": r"notification\b",
    "de": r"(?:Meldung|Benachrichtigung)\b",
    "es": r"notificaci[óo]n\b",
    "it": r"notifica\b",
}
# (not an outage told to customers, a lost laptop told to the IT desk, a researcher's report)
_AUTHORITY_OR_SUBJECTS = {
    "en": r"\b(?:supervisory|authorit\w*|regulators?|data\s+subjects?|affected\s+(?:individuals|persons)"
    r"|breach\w*)\b(?!.*\b(?:material\s+breach|breach\w*\s+of\s+(?:this|the|these|its|any)\b|cure|SLA|uptime"
    r"|licen[cs]e)\b)",
    "fr": r"\b(?:autorit[ée]\w*|CNIL|personnes\s+concern[ée]es|violations?\s+de\s+(?:donn[ée]es|s[ée]curit[ée]))\b",
    "de": r"(?:Aufsichtsbeh(?:ö|oe)rde\w*|betroffene\w*\s+Person\w*|\bBetroffene\w*"
    r"|\bVerletzung\w*\s+des\s+Schutzes|\bDatenschutzverletzung\w*|\bDatenpanne\w*)",
    "es": r"\b(?:autoridad\w*|AEPD|interesados|violaci[óo]n\w*\s+de\s+(?:datos|seguridad)|brechas?)\b",
    "it": r"\b(?:autorit[àa]|Garante|interessati|violazion[ei]\s+dei\s+dati|data\s+breach)\b",
}
_WITHIN_HOURS = {
    "en": r"\bwithin\s+\d+\s+(?:hours|h\b|business\s+days|days)",
    "fr": r"\b(?:dans\s+les|sous|d'\s*ici)\s+\d+\s+(?:heures|h\b|jours)",
    "de": r"\binnerhalb\s+(?:von\s+)?\d+\s+(?:Stunden|Tagen|Werktagen)",
    "es": r"\b(?:en\s+un\s+plazo\s+de|dentro\s+de\s+las?)\s+\d+\s+(?:horas|d[íi]as)",
    "it": r"\bentro\s+\d+\s+(?:ore|giorni)",
}
# (f) how soon the processor tells
_PROMPTLY = {
    "en": r"\b(?:without\s+undue\s+delay|within\s+\d+|promptly|immediately)\b",
    "fr": r"\b(?:sans\s+d[ée]lai|sans\s+retard|dans\s+les\s+meilleurs\s+d[ée]lais|dans\s+les\s+\d+|sous\s+\d+)",
    "de": r"\b(?:unverz(?:ü|ue)glich|innerhalb\s+(?:von\s+)?\d+)",
    "es": r"\b(?:sin\s+dilaci[óo]n|sin\s+demora|en\s+un\s+plazo\s+de\s+\d+|dentro\s+de\s+las?\s+\d+)",
    "it": r"\b(?:senza\s+(?:ingiustificato\s+)?ritardo|tempestivamente|entro\s+\d+)",
}
# (d) notice of changes, then "with a right to object"
_NOTICE_OF_CHANGES = {
    "en": r"(?:notice|notification)\b",
    "fr": r"(?:pr[ée]avis|information|notification)\b",
    "de": r"(?:Mitteilung|Benachrichtigung|Vorank(?:ü|ue)ndigung|Information)\b",
    "es": r"(?:aviso|notificaci[óo]n|comunicaci[óo]n)\b",
    "it": r"(?:preavviso|notifica|comunicazione)\b",
}
_WITH_A_RIGHT_TO_OBJECT = {
    "en": r"with\s+(?:a\s+|the\s+)?right\s+to\s+object\b",
    "fr": r"avec\s+(?:un\s+)?droit\s+d'\s*opposition\b",
    "de": r"mit\s+(?:einem\s+)?Widerspruchsrecht\b",
    "es": r"con\s+(?:el\s+|un\s+)?derecho\s+(?:de|a)\s+(?:objeci[óo]n|oposici[óo]n)\b",
    "it": r"con\s+(?:il\s+)?diritto\s+di\s+opposizione\b",
}
_SECTION_HEADINGS = {
    "a": {
        "en": r"\binstructions?\b(?<!\bimport\sinstructions)(?<!\binstallation\sinstructions)",
        "fr": r"\binstructions?\b",
        "de": r"\b(?:An)?Weisung\w*",
        "es": r"\binstrucci[óo]n\w*",
        "it": r"\bistruzion\w*",
    },
    "b": {
        "en": r"\bconfidential\w*|\bpersonnel\b|\bstaff\b|\bemployees\b",
        "fr": r"\bconfidentialit\w*|\bpersonnel\b",
        "de": r"Vertraulich\w*|Verschwiegenheit|Geheimhaltung|\bPersonal\b|\bMitarbeite\w*",
        "es": r"\bconfidencialidad|\bpersonal\b|\bsecreto\b",
        "it": r"\briservatezza|\bconfidenzialit\w*|\bpersonale\b",
    },
    # (not a heading of incidents; or one of the processor's obligations, "5. Data Processor
    # Obligations: - Implement appropriate security measures", CRM SaaS)
    "c": {
        "en": r"^(?!.*\b(?:incident|breach|notification)).*\b(?:security|safeguards|technical\s+and"
        r"\s+organi[sz]ational|TOMs?)\b|\b(?:processor|provider|vendor|supplier)(?:'s)?\s+(?:obligations"
        r"|duties|responsibilities)\b|\bobligations\s+of\s+(?:the\s+)?(?:data\s+)?(?:processor|provider"
        r"|vendor|supplier)\b",
        "fr": r"^(?!.*\b(?:incident|violation|notification)).*\bs[ée]curit[ée]|\bobligations\s+du\s+"
        r"(?:sous-traitant|prestataire)\b",
        "de": r"^(?!.*(?:Vorfall|Vorf(?:ä|ae)lle|Verletzung|Datenpanne|Meldung)).*(?:Sicherheit"
        r"|technische\w*\s+und\s+organisatorische|\bTOMs?\b)|\bPflichten\s+des\s+(?:Auftragnehmers"
        r"|Auftragsverarbeiters|Dienstleisters|Anbieters)\b",
        "es": r"^(?!.*\b(?:incidente|brecha|violaci[óo]n|notificaci[óo]n)).*\bseguridad\b"
        r"|\bobligaciones\s+del?\s+(?:\S+\s+(?:como\s+)?)?(?:encargad[oa]|proveedor)\b",
        "it": r"^(?!.*\b(?:incident|violazion|notific)).*\bsicurezza\b|\bobblighi\s+del\s+"
        r"(?:responsabile|fornitore)\b",
    },
    "d": {
        "en": r"\bsub-?\s?process\w*|\bsubcontract\w*|\b(?:other|another|third[-\s]party|onward)\s+"
        r"processors?\b",
        "fr": r"\bsous-traitan\w*\s+ult[ée]rieur\w*|\bsous-traitance\b|\bsous-traitants?\s+secondaires?",
        "de": r"Unterauftrag\w*|Subunternehm\w*|\bweitere\w*\s+Auftragsverarbeiter"
        r"|Sub-?Auftragsverarbeiter",
        "es": r"\bsub-?encargad\w*|\bsubcontrat\w*|\bsub-?procesador\w*|\botros\s+encargados",
        "it": r"\bsub-?responsabil\w*|\bsub-?fornitor\w*|\bsubappalt\w*|\baltri\s+responsabili",
    },
    "e": {
        "en": r"\bdata[\s-]+(?:subjects?|principals?)'?\s*(?:rights|requests)|\brights\s+of\s+(?:the\s+)?data\s+"
        r"(?:subjects|principals)|\bDSA?Rs?\b|\bindividuals'?\s+rights|\b(?:privacy|subject\s+access)\s+requests",
        "fr": r"\bdroits\s+des\s+personnes|\bexercice\s+(?:de\s+leurs\s+|des\s+)droits"
        r"|\bdemandes\s+(?:des\s+)?personnes",
        "de": r"Betroffenen\w*|\bRechte\s+(?:der\s+)?betroffene\w*",
        "es": r"\bderechos\s+de\s+(?:los\s+)?(?:interesados|titulares|afectados|usuarios)"
        r"|\bejercicio\s+de\s+(?:los\s+)?derechos|\bARCO\b",
        "it": r"\bdiritti\s+degli\s+interessati|\besercizio\s+dei\s+diritti",
    },
    "f": {
        "en": r"\b(?:breach\w*|incidents?)\b",
        "fr": r"\b(?:violations?|incidents?)\b",
        "de": r"Verletzung\w*|Datenpanne\w*|Vorf(?:ä|ae)ll\w*|Sicherheitsvorf\w*",
        "es": r"\b(?:violaci[óo]n\w*|brechas?|incidentes?)\b",
        "it": r"\b(?:violazion\w*|incident\w*|data\s+breach)\b",
    },
    "h": {
        "en": r"\baudit\w*|\binspections?\b|\bverification\b|\bcompliance\s+(?:monitoring|checks?"
        r"|reviews?)",
        "fr": r"\baudits?\b|\bcontr[ôo]les?\b|\binspections?\b|\bv[ée]rifications?",
        "de": r"Audit\w*|Kontroll\w*|Pr(?:ü|ue)f\w*|Inspektion\w*|Nachweis\w*|(?:Ü|Ue)berpr(?:ü|ue)f\w*",
        "es": r"\bauditor[íi]as?|\binspecci[óo]n\w*|\bverificaci[óo]n\w*|\bcontrol\w*",
        "it": r"\baudit\b|\bispezion\w*|\bverific\w*|\bcontroll\w*",
    },
}
_PERSONS = {
    "en": r"(?:persons?|people|individuals?|personnel|staff|employees|team\s+members|contractors"
    r"|anyone|everyone)\b" + _AUTHORISED_FOR_THE_DATA_EN,
    "fr": r"(?:personnes?|personnel|salari[ée]s|employ[ée]s|collaborateurs|pr[ée]pos[ée]s)\b",
    "de": r"(?:Personen|Mitarbeite\w*|Besch(?:ä|ae)ftigte\w*|Personal)\b",
    "es": r"(?:personas?|personal|empleados|trabajadores|colaboradores)\b",
    "it": r"(?:persone|personale|dipendenti|addetti|incaricati|collaboratori)\b",
}
_BOUND = {
    "en": r"(?:bound|obliged|obligated|committed|subject\s+to|sign(?:s|ed)?|agree(?:s|d)?\s+to"
    r"|undertak\w*|non-disclosure|NDAs?|secrecy)\b",
    "fr": r"(?:soumis\w*|tenus?|engag[ée]s?|astreints?|li[ée]s?|sign\w*|accords?\s+de\s+"
    r"(?:confidentialit[ée]|non-divulgation))",
    "de": r"(?:verpflicht\w*|gebunden|unterliegen|unterzeichn\w*)\b",
    "es": r"(?:sujet[oa]s?|obligad[oa]s?|comprometid[oa]s?|vinculad[oa]s?|firm\w*|deber\s+de\s+secreto)",
    "it": r"(?:vincolat[oaie]|obbligat[oaie]|impegnat[oaie]|tenut[oaie]|soggett[oaie]|sottoscri\w*)",
}
_CONFIDENTIALITY = {
    "en": r"\b(?:confidential\w*|secrecy|non-disclosure|NDAs?)\b",
    "fr": r"\b(?:confidentialit[ée]|secret|non-divulgation)\b",
    "de": r"(?:Vertraulich\w*|Verschwiegenheit|Geheimhaltung|Datengeheimnis)",
    "es": r"\b(?:confidencialidad|confidencial|secreto)\b",
    "it": r"\b(?:riservatezza|confidenzialit[àa]|segreto)\b",
}
# processing limited, then the controller named in the same clause ("only: 1. to provide the
# Service per Controller's configuration"), not someone else's instructions
_PROCESSES_ONLY = {
    "en": r"\bprocess(?:es|ed|ing)?\b(?!\s+your\b)[^.;]{0,60}?\b(?:only|solely|exclusively)\b",
    "fr": r"\btrait(?:e|ent|era|eront|er|[ée]e?s?)\b[^.;]{0,60}?\b(?:uniquement|seulement"
    r"|exclusivement)\b",
    "de": r"\bverarbeite[tn]?\b[^.;]{0,60}?\b(?:nur|ausschlie(?:ß|ss)lich)\b",
    "es": r"\btrat(?:a|an|ar[áa]n?|ados?|adas?)\b[^.;]{0,60}?\b(?:[úu]nicamente|s[óo]lo|solamente"
    r"|exclusivamente)\b",
    "it": r"\btratt(?:a|ano|er[àa]|eranno|ati|ate)\b[^.;]{0,60}?\b(?:soltanto|solo|solamente"
    r"|unicamente|esclusivamente)\b",
}
# (a) not someone else processing ("processed solely by Stripe"), not processing for the
# processor's own purposes (a carve-out), not a condition ("only if the headers match")
_NOT_THE_PROCESSORS_OWN = (
    r"\b(?:processed|trait[ée]e?s?|verarbeitet|tratad[oa]s?|trattat[ieoa])\s+(?:\w+\b\s+){0,2}?(?:by|par"
    r"|von|durch|por|da)\b|\b(?:own|propres?|eigenen?|propi[oa]s|propri[oei])\s+(?:\w+\s+)?(?:purposes?"
    r"|analytics|statistics|fins|finalit[ée]s|statistiques|Zwecke\w*|fines|finalidades|scopi"
    r"|finalit[àa]|statistich\w*)|\bindependent\s+controller|\bresponsable\s+(?:distinct|ind[ée]pendant)"
    r"|\b(?:ist|sind)\s+(?:\w+\s+){0,4}?Verantwortliche\w*|\b(?:only|solely)\s+(?:if|when|where)\b"
    r"|\b(?:seulement|uniquement)\s+(?:si|lorsque)\b|\bnur\s+(?:wenn|falls)\b|\bs[óo]lo\s+(?:si|cuando)\b"
    r"|\bsolo\s+(?:se|quando)\b"
)


# a heading of another party's duties ("Account holder responsibilities", "Obligations du client",
# "Your responsibilities"): what is under it is not the processor's, whatever heading is above
_OTHER_PARTYS_SECTION = re.compile(
    r"\b(?:customer|controller|client|user|account\s+(?:holder|owner)|subscriber|administrator|your)"
    r"(?:'?s)?\s+(?:obligations|responsibilit\w*|duties|tasks)\b|\b(?:obligations|responsibilit\w*"
    r"|duties)\s+of\s+(?:the\s+)?(?:customer|controller|client|user|subscriber)\b|\bobligations\s+du\s+"
    r"(?:client|responsable)|\bPflichten\s+des\s+(?:Auftraggebers|Kunden|Verantwortlichen|Nutzers)"
    r"|\bobligaciones\s+del\s+(?:cliente|responsable|usuario)|\bobblighi\s+del\s+(?:titolare|cliente)",
    re.IGNORECASE,
)


def _section_patterns(language: str) -> dict[str, list[str]]:
    """The sentence patterns of `language`, by clause."""
    controller = _CONTROLLER_WORDS[language]
    side = lambda verb: _processors_side(language, verb)  # noqa: E731
    return {
        # "Processor processes personal data only: 1. to provide the Service per Controller's
        # configuration" under "Processing instructions" (Openboard)
        "a": [
            side(r"\w+")
            + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)"
            + rf"(?!.*(?:{_NOT_THE_PROCESSORS_OWN}))"
            + r".*?"
            + _PROCESSES_ONLY[language]
            + rf"[^;]{{0,150}}?\b{_THE_CONTROLLER[language]}\b(?!'s\s+(?:own\s+)?(?:customers?|clients?))"
        ],
        # persons bound, under "Confidentiality" ("All staff with access sign non-disclosure
        # agreements"), not the controller's ("Everyone authorised ... in the Controller's
        # organisation is bound by the Controller's confidentiality policy")
        "b": [
            rf"^(?!.*\b{controller}\b[^.;]{{0,30}}?\b{_PERSONS[language]})"
            rf"(?!.*\b{_NEGATION_WORDS[language]}\b)(?=.*{_CONFIDENTIALITY[language]})"
            r"(?!.*\b(?:provider's|hosting\s+provider|sub-?\s?processor's|third[\s-]part\w*)\b)"
            rf".*?\b{_PERSONS[language]}(?:(?!\b{controller}\b)[^.;]){{0,150}}?\b{_BOUND[language]}"
        ],
        # measures the processor takes, under "Security": "NOSHASHI implements the measures in
        # Annex 2" (NOSHASHI); measures listed under a lead-in that names them or their minimum
        "c": [
            side(_SECURITY_VERBS[language])
            + _NOT_WE[language]
            + r"(?!.*\bnot\s+(?:be\s+)?(?:obliged|required)\b)"
            + r".*?"
            + _NOT[language]
            + rf"\b{_SECURITY_VERBS[language]}\b{_unnegated(language, 60)}\b"
            + _SECURITY_MEASURES[language]
            + r"\b",
            side(_SECURITY_VERBS[language])
            + _NOT_WE[language]
            + r".*?"
            + _NOT[language]
            + rf"\b(?:{_SECURITY_VERBS[language]}|{_MODALS[language]})\b[^.:;]{{0,60}}?"
            + rf"\b{_SECURITY_LEAD_IN[language]}[^.:;]{{0,30}}:\s*.{{0,120}}?"
            + rf"\b{_SECURITY_ITEMS[language]}",
            # the measures named, then listed: "Reasonable measures: TLS in transit; encryption of
            # tokens at rest; ..." (Tagsmith)
            rf"^(?!.*\b(?:{'|'.join(_CONTROLLER_WORDS.values())})\b)"
            + rf"(?!.*(?:{'|'.join(_OTHERS_VOICE.values())}))"
            + r"(?!.*\b(?:planned|roadmap|legacy|deprecated|AWS|GCP|Azure)\b)"
            # also after a list's lead-in and an item's letter, the measures' words after the
            # noun or security alone: "el Encargado se compromete a: Medidas de seguridad
            # técnicas: Aplicar cifrado AES-256-GCM" (SynapseAI), "b. Security: encryption in
            # transit (TLS 1.2+)" under "3. Processor obligations." (EduCore)
            + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)"
            + r"(?!.*\b(?:see|hosting\s+provider|sub-?\s?processor's|third[\s-]part\w*)\b)"
            + _NOT_ITS_MEASURES
            + rf"(?!.*{_AN_AGENT})"
            + r"^(?:[^:]{0,200}:\s*)?\W*(?:[a-z]\.\s+|\d[\d.]*\s+)?"
            + r"(?:[\w-]+\b\s+|technical\s*/\s*organi[sz]ational\s+|organi[sz]ational\s*/\s*technical\s+){0,2}?"
            + rf"(?:{_SECURITY_MEASURES[language]}(?:\s+[\w-]+){{0,3}}?|{_SECURITY_ALONE[language]})\s*:\s*[^.]{{0,80}}?"
            + rf"\b{_SECURITY_ITEMS[language]}",
        ],
        # the controller's objection or prior consent, not negated, not an objection to
        # marketing, not a consent given by the processor to the customer's own subcontracting
        # (the negation in the clause of the objection or after the consent: "Aucun sous-traitant
        # externe. Exception : Hébergement Cloud (avec accord préalable du Client)", Raggy, is one)
        "d": [
            rf"(?!.*\b(?:neither|nor)\b)"
            rf"(?!.*\b(?:marketing|publicit\w*|Werbung|mercadotecnia|pubblicit\w*)\b).*?"
            rf"\b{_THE_CONTROLLER[language]}\b(?:(?!\b(?:{_NEGATION_WORDS[language]}|no|ni)\b)[^.;]){{0,40}}?"
            rf"\b(?:{_OBJECTS[language]})",
            r"(?!.*\b(?:neither|nor)\b).*?"
            + _CONSENT_OF_THE_CONTROLLER[language]
            + rf"(?![^.;]{{0,40}}?\b(?:{_NEGATION_WORDS[language]}|no)\b)",
            # notice of changes with a right to object, no party named: "Aviso previo de cambios:
            # [PLAZO] con derecho de objeción" under "Subencargados" (Gearbox)
            rf"^(?!.*\b(?:{_NEGATION_WORDS[language]}|no|waive\w*|renunci\w*|renonce\w*|verzicht\w*|rinunci\w*)\b)"
            + r"(?!.*\b(?:marketing|publicit\w*|Werbung|mercadotecnia|pubblicit\w*|newsletters?|campaigns?"
            r"|unsubscribe)\b)"
            + r"(?=.*\b(?:changes?|new|additions?|replacements?|cambios?|nuev\w*|modifications?|nouveaux?"
            r"|nouvel\w*|(?:Ä|Ae)nderung\w*|neue\w*|modifiche|nuov\w*)\b)"
            + rf".*?\b{_NOTICE_OF_CHANGES[language]}[^.;]{{0,60}}?"
            + rf"\b{_WITH_A_RIGHT_TO_OBJECT[language]}",
        ],
        # help with requests, under "Data subject rights": "Processor provides the following
        # tooling so Controller can fulfill a data subject request" (Openboard); a lead-in of the
        # means offered, "GhostPass expose depuis le 2026-08-30 : ..." (GhostPass)
        "e": [
            _DATA_SUBJECTS_ACT
            + side(_DS_HELP_VERBS[language])
            + rf"(?=.*\b{controller}\b)(?!.*\b{_NEGATION_WORDS[language]}\b)"
            + r".*?"
            + _NOT[language]
            + _either_order(
                rf"\b{_DS_HELP_VERBS[language]}\b",
                rf"\b{_DS_TOPIC[language]}",
                120,
                rf"(?:(?!\b{_NEGATION_WORDS[language]}\b)[^;])",
            ),
            side(_OFFERS[language])
            + r".*?"
            + _NOT[language]
            + rf"\b{_OFFERS[language]}\b(?:(?!\b{_NEGATION_WORDS[language]}\b)[^.;:]){{0,80}}:",
            # the processor assisting, the heading saying with what: "Discelyn assiste dans un
            # délai raisonnable (ex. 10 jours ouvrés) via le support" under "Demandes personnes
            # concernées" (Discelyn) -- not users helped, not "our" support, not negated
            side(_ASSISTS[language])
            + rf"(?!.*\b(?:{_OTHERS_HELPED[language]})\b)(?!.*\b{_NEGATION_WORDS[language]}\b)(?!.*;)"
            + r".*?"
            + rf"\b{_ASSISTS[language]}\b(?![^.;]*?\b(?:{_ASSISTED_WITH[language]}))",
        ],
        # the controller's own audit, under "Audits": "Customer may audit no more than once a
        # year" (NOSHASHI), "La UBB podrá auditar con aviso razonable" (CEOUBB)
        # the controller told, under "Breach Notification": "- Processor notifies Controller within
        # 72 hours" (Chat Platform)
        "f": [
            # "- **Notification Timeline**: Notification to supervisory authorities within 72 hours"
            # under "Breach Notification" (GOAT), "- **Notification timeline**: Within 72 hours of
            # confirmed breach" (TalkToInfra): verbless, the processor's (not the controller's,
            # not negated), to an authority or the data subjects or of a breach (not an outage)
            rf"^(?!.*\b{controller}\b)(?!.*\b{_NEGATION_WORDS[language]}\b)"
            + r"(?!\W*(?:the\s+)?(?:schools?|institutions?|resellers?|partners?|merchants?|members?)\b)"
            + rf"(?!.*(?:{_NOTICE_VOICE[language]}))(?=.*{_AUTHORITY_OR_SUBJECTS[language]})"
            + rf"(?=\W*[^.;]{{0,40}}?\b{_NOTIFICATION[language]})"
            + rf"[^.;]{{0,120}}?{_WITHIN_HOURS[language]}",
            side(_TELLS[language])
            + rf"(?!.*\b{_NEGATION_WORDS[language]}\b).*?\b{_TELLS[language]}\b[^.;]{{0,40}}?"
            + rf"\b{_THE_CONTROLLER[language]}\b(?!\s+(?:of|about|de|des|du|über|von|di|del|della)\s+"
            + r"(?!(?:an?|any|the|such|this|it|un|une|tout|toute|la|le|les|el|los|eine[nr]?|jede[nr]?|ogni|una?)?\s*"
            + r"(?:personal\s+data\s+|data\s+|security\s+)?(?:breach|incident|violation|violaci|violazion"
            + r"|Verletzung|Datenpanne|incidente|brecha))\w)",
        ],
        "h": [_NOT_AUDITED_BY_OTHERS + r".*?" + _AUDITS_BY_THE_CONTROLLER[language]],
    }


def _guarded(pattern: str) -> str:
    """`pattern` after `_NOT_A_STIPULATION`. A pattern that starts with its own lookarounds (or
    "^") is read from the sentence's start, so that they are tried once, not at every position
    (they scan the whole sentence: tried at every position of a long one, the time would grow
    with the cube of its length)."""
    anchored = pattern.startswith(("^", "(?!", "(?="))
    return _NOT_A_STIPULATION + ("" if anchored else r".*?") + pattern


# [(language, heading, [sentence, ...]), ...] by clause; every sentence pattern guarded
_UNDER_HEADINGS: dict[str, list[tuple[str, str, list[str]]]] = {
    letter: [
        (
            language,
            headings[language],
            [_guarded(p) for p in _section_patterns(language)[letter]],
        )
        for language in ("en", "fr", "de", "es", "it")
    ]
    for letter, headings in _SECTION_HEADINGS.items()
}


def _add_sections(letter: str, headings: dict[str, str], sentence) -> None:
    """Another heading of clause `letter` with its sentence pattern, in each language of
    `headings`: `headings[language]`, `sentence(language)`."""
    for language, heading in headings.items():
        _UNDER_HEADINGS[letter].append((language, heading, [sentence(language)]))


# (c) measures named without a verb ("- TLS for all traffic between the visitor, the edge, and
# the host.", AgentNet; "| Chiffrement de bout en bout ... | En place |", GhostPass), only under a
# heading that names the measures or Art. 32 -- not someone else's (the controller, users, the
# account owner, "we" of a notice, a party named as the agent), not an absence ("without
# encryption", "unencrypted", "disabled"), not a plan, an option, a plan's feature or a price
_MEASURES_HEADINGS = {
    "en": r"\b(?:security|technical|organi[sz]ational|protective)\s+(?:and\s+organi[sz]ational\s+)?"
    r"(?:measures|safeguards|controls)\b|\bTOMs?\b|\b(?:art(?:icle)?\.?\s*32|28\s*\(3\)\s*\(c\))"
    # a measure itself: "3. Encryption" (APIbase)
    r"|\bencryption\b",
    "fr": r"\bmesures\s+(?:de\s+s[ée]curit[ée]|techniques)|\bart(?:icle)?\.?\s*(?:32|28\.3\.c)\b"
    r"|\bchiffrement\b",
    "de": r"Sicherheitsma(?:ß|ss)nahmen|technische\w*\s+und\s+organisatorische\w*\s+Ma(?:ß|ss)nahmen"
    r"|\bTOMs?\b|\bArt\.?\s*32\b|Verschl(?:ü|ue)sselung\b",
    "es": r"\bmedidas\s+(?:de\s+seguridad|t[ée]cnicas)|\bart(?:[íi]culo)?\.?\s*32\b"
    r"|\b(?:cifrado|encriptaci[óo]n)\b",
    "it": r"\bmisure\s+(?:di\s+sicurezza|tecniche)|\bart(?:icolo)?\.?\s*32\b"
    r"|\b(?:cifratura|crittografia)\b",
}
_ABSENCE = (
    r"\b(?:without|sans|ohne|sin|senza|unencrypted|non\s+chiffr\w*|unverschl(?:ü|ue)sselt|sin\s+cifrar"
    r"|non\s+cifrat\w*|disabled|d[ée]sactiv\w*|deaktiviert|desactivad\w*|disattivat\w*|deprecated"
    r"|planned|roadmap|pr[ée]vu\w*|geplant|previst\w*|optional\w*|optionnel\w*|opcional\w*|opzional\w*"
    r"|available\s+(?:on|in|for)|disponible\s+(?:sur|avec|en)|exempt\w*|price|prix|Preis|precio"
    r"|prezzo|responsibilit\w*|responsabilit[ée]\w*|Verantwortung|responsabilidad|[àa]\s+la\s+charge)\b"
)
_add_sections(
    "c",
    _MEASURES_HEADINGS,
    lambda language: (
        _NOT_A_STIPULATION
        + rf"(?!.*\b(?:{'|'.join(_CONTROLLER_WORDS.values())})\b)"
        + rf"(?!.*(?:{'|'.join(_OTHERS_VOICE.values())}))"
        + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)(?!.*(?:{_ABSENCE}))(?!.*{_AN_AGENT})"
        + _NOT_ITS_MEASURES
        + rf".*?\b{_SECURITY_ITEMS[language]}"
    ),
)
# (f) the processor notifying, whom unsaid, only under a heading of (personal data) breaches:
# "Processor notifies without undue delay and no later than the SLA" under "Breach notification"
# (Enterprise AI Agency OS) -- not on-call engineers, law enforcement or end users told of an
# outage or abuse under "Incident response"
_BREACH_HEADINGS = {
    "en": r"\bbreach\w*\b(?!\s+of\s+(?:this|the|these|contract|agreement|terms|warranty)\b)",
    "fr": r"\bviolations?\s+de\s+(?:donn[ée]es|s[ée]curit[ée])|\bviolations?\s+des\s+donn[ée]es",
    "de": r"Datenpanne\w*|Datenschutzverletzung\w*|Verletzung\w*\s+des\s+Schutzes",
    "es": r"\b(?:brechas?|violaci[óo]n\w*\s+de\s+(?:datos|seguridad))",
    "it": r"\b(?:data\s+breach|violazion[ei]\s+dei\s+dati)",
}
_TOLD_ELSEWHERE = (
    r"\b(?:engineers?|on-?call|astreinte|Bereitschaft\w*|law\s+enforcement|police|end\s+users|staff|employees"
    r"|usuarios\s+finales|utilisateurs\s+finaux)\b"
)
_add_sections(
    "f",
    _BREACH_HEADINGS,
    lambda language: (
        _NOT_A_STIPULATION
        + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)(?!.*{_TOLD_ELSEWHERE})"
        + r"\W*(?:the\s+|le\s+|la\s+|l'\s*|der\s+|el\s+|il\s+)?"
        + rf"{_THE_PROCESSOR[language]}\b[^.;]{{0,30}}?\b{_TELLS[language]}\b[^.;]{{0,20}}?"
        + _PROMPTLY[language]
    ),
)
# (f) and a notification's deadline, verbless, under the same heading: "- Detection-to-notification
# target: **72 hours**" under "6. Breach Notification" (ReleaseGate), at most two words before it
# -- not the controller's (nor a school's, a reseller's), not negated, not an outage's
_HOURS_OR_DAYS = {
    "en": r"(?:hours|h|(?:business\s+|working\s+)?days)",
    "fr": r"(?:heures|h|jours(?:\s+ouvr[ée]s)?)",
    "de": r"(?:Stunden|h|Tagen?|Werktagen?)",
    "es": r"(?:horas|h|d[íi]as(?:\s+h[áa]biles)?)",
    "it": r"(?:ore|h|giorni(?:\s+lavorativi)?)",
}
_add_sections(
    "f",
    _BREACH_HEADINGS,
    lambda language: (
        _NOT_A_STIPULATION
        + rf"(?!.*\b{_CONTROLLER_WORDS[language]}\b)"
        + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)(?!.*{_TOLD_ELSEWHERE})"
        + r"(?!.*\b(?:outages?|downtime|availability|uptime|maintenance|panne\w*|Ausfall\w*|ca[íi]das?"
        r"|interruzion\w*)\b)"
        # (not an insurer, a researcher or a sub-processor notified or notifying, not a log's
        # retention, not a cure period: the review of rounds 25-26's patterns)
        + r"(?!.*\b(?:insurers?|assureurs?|\w*versicherer|aseguradoras?|assicurat\w*|researchers?|chercheurs?"
        r"|acknowledg\w*|sub-?\s?processors?|sous-traitants?\s+ult\w*|Unterauftrag\w*|subencargad\w*"
        r"|sub-?responsabil\w*|logs?|journal|Protokoll\w*|retention|conservation|Aufbewahrung|cure|remedy)\b)"
        + r"(?!\W*(?:the\s+)?(?:schools?|institutions?|resellers?|partners?|merchants?|members?)\b)"
        + rf"^\W*(?:[\w-]+\s+){{0,2}}?[\w-]*?\b{_NOTIFICATION[language]}[^.;:\d]{{0,30}}?:?\s*\W*"
        + r"(?:within|under|dans\s+les|sous|innerhalb\s+(?:von\s+)?|dentro\s+de\s+las?|en|entro)?\s*"
        + rf"\d+\s*{_HOURS_OR_DAYS[language]}\b"
    ),
)
# (h) an on-site audit offered, under a heading of audit rights: "- **On-site:** available for
# enterprise customers under NDA" under "9. Audit rights" (Spooktacular) -- not a price list of
# someone's audit services, not a deployment option under "Audit log storage"
_AUDIT_RIGHTS_HEADINGS = {
    "en": r"\baudit(?:ing)?\s+rights?\b|\bright\s+(?:of|to)\s+audit\b|\baudits?\s+(?:and|&)\s+inspections?\b",
    "fr": r"\bdroits?\s+d'\s*audit\b|\baudits?\s+et\s+inspections?\b",
    "de": r"Kontrollrechte?\w*|Auditrechte?\w*|Pr(?:ü|ue)frechte?\w*|\bRecht\s+auf\s+(?:Audit|Kontrolle)",
    "es": r"\bderechos?\s+de\s+auditor[íi]a\b|\bauditor[íi]as?\s+e\s+inspecciones\b",
    "it": r"\bdiritt[oi]\s+di\s+(?:audit|verifica|ispezione)\b|\baudit\s+e\s+ispezioni\b",
}
_add_sections(
    "h",
    _AUDIT_RIGHTS_HEADINGS,
    lambda language: (
        _NOT_A_STIPULATION
        + _NOT_AUDITED_BY_OTHERS
        + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)(?!.*{_PRICE})"
        + rf"^\W*{_ON_SITE[language]}\s*[:-]\s*(?:\w+\b\s+){{0,2}}?{_AVAILABLE[language]}"
    ),
)
# (h) the audit in the passive, under a heading of audit rights: "On-site audits may be
# conducted with reasonable notice and during business hours" under "8. Audit Rights"
# (Entrolytics) -- not by someone else (a vendor's licence audit, an authority), not of
# sub-processors, not negated (the review of rounds 27-28)
_add_sections(
    "h",
    _AUDIT_RIGHTS_HEADINGS,
    lambda language: (
        _NOT_A_STIPULATION
        + rf"(?!.*\b{_NEGATION_WORDS[language]}\b)"
        + r"(?!.*\b(?:sub-?\s?processors?|supervisory|regulators?|authorit\w*|licen[cs]\w*|tax|internal"
        r"|certification|surveillance)\b)"
        + r"(?!.*\bby\s+(?!(?:the\s+)?(?:customer|controller|client)\b|(?:an?\s+|its\s+)?(?:independent\s+)?"
        r"(?:third[\s-]party\s+)?auditors?\b))"
        + r".*?\b(?:on-?site\s+|physical\s+)?(?:audits?|inspections?)\s+(?:of\s+(?:the\s+)?(?:processor|provider"
        r"|vendor|supplier)\s+)?(?:may|can|shall|will)\s+be\s+(?:conducted|carried\s+out|performed"
        r"|undertaken|made)\b"
    ),
)
# (h) the controller's right to request an audit, under a heading of audits, in Italian: "Il
# Titolare può richiedere audit annuali" (Ambrogio.ai), "Il Cliente ha diritto di richiedere, una
# volta l'anno ..., la documentazione di conformità o un audit svolto da terzi indipendenti"
# (Factory) -- the controller requesting, not a copy, a plan or the reports of an audit, not
# internal checks (the review of rounds 27-28)
_add_sections(
    "h",
    {"it": _SECTION_HEADINGS["h"]["it"]},
    lambda language: (
        _NOT_A_STIPULATION
        + r".*?\b(?:titolare|cliente)\s+(?:pu[òo]|potr[àa]|ha\s+(?:il\s+)?diritto\s+di)\s+richiedere\b"
        r"(?:(?!\b(?:report|rapport\w*|relazion\w*|certificat\w*|esiti|risultati|cop(?:ia|ie)|piano|piani)\b)[^.;])"
        r"{0,100}?\b(?:audit|ispezion[ei]|verifiche)\b(?!\s+(?:report|rapport\w*|interne|della\s+merce))"
    ),
)
# (e) also under a heading of assistance to the controller, when the sentence names a data
# subject's right or request: "6. Assistance to the Controller: The Processor provides, through
# the platform: - Erasure -- `DELETE /candidates/{email}` anonymises a candidate" (an assessment
# platform)
_ASSISTANCE_HEADINGS = {
    "en": r"\bassistance\b",
    "fr": r"\bassistance\b",
    "de": r"\bUnterst(?:ü|ue)tzung\b",
    "es": r"\basistencia\b",
    "it": r"\bassistenza\b",
}
_RIGHTS_NAMED = {
    "en": r"(?:erasure|rectification|portability|right\s+of\s+access|access\s+requests?"
    r"|data[\s-]+subjects?|individuals'?\s+requests?)\b",
    "fr": r"(?:effacement|rectification|portabilit[ée]|droit\s+d'\s*acc[èe]s|personnes\s+concern[ée]es)\b",
    "de": r"(?:L(?:ö|oe)schung|Berichtigung|Daten(?:ü|ue)bertragbarkeit|Auskunft\w*|Betroffene\w*)",
    "es": r"(?:supresi[óo]n|rectificaci[óo]n|portabilidad|derecho\s+de\s+acceso|interesados|titulares)\b",
    "it": r"(?:cancellazione|rettifica|portabilit[àa]|diritto\s+di\s+accesso|interessati)\b",
}
_add_sections(
    "e",
    _ASSISTANCE_HEADINGS,
    lambda language: (
        _processors_side(language, _DS_HELP_VERBS[language])
        + r".*?"
        + _NOT[language]
        + rf"\b{_DS_HELP_VERBS[language]}\b[^.;]{{0,80}}?(?::\s*)?.{{0,60}}?\b"
        + _RIGHTS_NAMED[language]
    ),
)


CLAUSES: Mapping[str, Clause] = MappingProxyType(
    {
        "a": _clause(
            "a",
            "documented instructions",
            "processing only on the controller's documented instructions "
            "('only on documented instructions', 'uniquement sur instruction documentée', "
            "'nur auf dokumentierte Weisung', 'siguiendo instrucciones documentadas', "
            "'su istruzione documentata')",
            {
                "en": [
                    r"\bonly\s+on\s+(?:the\s+)?(?:basis\s+of\s+)?(?:\w+'s\s+)?(?:documented|written)\s+"
                    r"instructions?",
                    # "only on documented customer instructions" (Dployr)
                    r"\b(?:documented|written)\s+instructions?\b",
                    r"\b(?:on|upon|per|following|in\s+accordance\s+with)\s+(?:the\s+)?(?:documented"
                    r"|written)\s+(?:customer|controller|client)(?:'s)?\s+instructions?\b",
                    # "on the documented directions of the Customer" (ZITADEL)
                    r"\b(?:documented|written)\s+directions?\b",
                    # "Process Customer Personal Data ... in compliance with the instructions
                    # received from Customer" (Courier)
                    r"\bprocess\w*\b.{0,250}?\b(?:in\s+(?:compliance|accordance)\s+with|pursuant\s+to"
                    r"|according\s+to)\s+(?:the\s+)?instructions?\s+(?:received\s+|given\s+|issued\s+)?"
                    r"(?:from|of|by)\s+(?:the\s+)?(?:customer|controller|client|data\s+exporter)\b",
                    # "processes personal data exclusively as contractually agreed or as instructed
                    # by the client" (fortrabbit)
                    # "only as instructed by users (Data Controllers)" (GOAT): the party instructing
                    # named as the controller
                    r"\b(?:only|solely|exclusively)\s+as\b.{0,40}?\binstructed\s+by\s+(?:the\s+)?"
                    r"(?:customer|controller|client|data\s+exporter)\b",
                    # the operations listed, then "all as directed by the Controller" (OpenDataRoom):
                    # not users' or the customer's own; data named (not goods, refunds, soil: the
                    # review of rounds 27-28)
                    r"^(?!.*\b(?:users?|you|your|customers?\s+(?:shall|must|may))\b)"
                    r"(?=.*\b(?:personal\s+data|data|documents?|files?|records?|information|content)\b)"
                    r".*?\b(?:process\w*|stor(?:e|es|ing)"
                    r"|host(?:s|ing)?|encrypt(?:s|ing)?)\b[^.;]{0,200}?[—–,:-]\s*(?:all\s+|each\s+)?as\s+(?:instructed|directed)"
                    r"\s+by\s+(?:the\s+)?(?:controller|customer|client)\b",
                    # the data processed, not someone else acting ("Agencies ... act only as
                    # instructed by advertisers (data controllers)")
                    r"\bprocess(?:es|ed)?\s+(?:[\w-]+\b\s+){0,3}?(?:only|solely|exclusively)\s+as\s+instructed\s+by\s+"
                    r"\w+\s+\((?:the\s+)?(?:data\s+)?controllers?\)",
                    r"\bonly\s+on\s+(?:the\s+)?instructions?\s+(?:of|from)\b",
                    # "will Process Personal Data solely for the purposes set forth in this DPA or
                    # as explicitly agreed upon through lawful Instructions" (CT Tornado)
                    # (whose instructions said: a defined term, or the customer's)
                    _NOT_EN
                    + r"\bprocess\w*\b[^;]{0,60}?\b(?:only|solely|exclusively)\b[^;]{0,150}?\b(?:through"
                    r"|per|by|on|upon|under|following|in\s+accordance\s+with|according\s+to)\s+(?:the\s+)?"
                    r"(?:(?:lawful|documented|written)\s+instructions\b|(?:customer|controller|client)(?:'s)?"
                    r"\s+instructions\b|instructions\s+(?:of|from)\s+(?:the\s+)?(?:customer|controller"
                    r"|client)\b)",
                    r"\binstructions?\s+(?:mutually\s+)?agreed\s+(?:upon\s+)?.{0,40}?\bin\s+writing",
                    # the processing allowed listed, then "Any other processing requires
                    # Controller's written authorization." (Veritas), "Any other use requires
                    # written Controller authorization." (Spooktacular)
                    # (only the data's use: not "Any other use of the Customer's logo requires its
                    # written approval", a publicity clause)
                    r"\bany\s+(?:other|further|additional)\s+(?:processing|use)(?:\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?"
                    r"(?:personal\s+)?data)?\s+(?:requires?|is\s+subject\s+to)\s+"
                    + _WRITTEN_AUTHORISATION_EN,
                ],
                "fr": [
                    r"\b(?:que|uniquement|seulement)\s+sur\s+(?:la\s+base\s+d'\s*)?(?:des\s+|les\s+)?"
                    r"instructions?\s+" + _WRITTEN_FR + r"document[ée]e?s?",
                    r"\binstructions?\s+(?:" + _WRITTEN_FR + r"document[ée]e?s?|[ée]crites?)\b",
                    # the wording before the GDPR (Directive 95/46/EC, Art. 17(3); the 2010/87/EU
                    # clauses, 5(a)): "n'agit que sur instruction du responsable", "pour le compte
                    # exclusif de l'exportateur de données et conformément aux instructions"
                    r"\b(?:que|uniquement|seulement|exclusivement)\s+(?:sur|selon|conform[ée]ment\s+"
                    r"aux)\s+(?:la\s+seule\s+|les\s+)?instructions?\s+(?:du|de\s+la|de\s+l'\s*|des"
                    r"|de\s+ce\s+dernier|de\s+celui-ci)\b",
                    r"\bpour\s+le\s+compte\s+exclusif\b.{0,120}?\bconform[ée]ment\s+(?:aux|[àa]\s+"
                    r"(?:ses|leurs))\s+instructions\b",
                    # "Traitement conforme aux instructions du Client" (Raggy)
                    r"\btrait\w*\s+conform(?:e|[ée]ment)\s+aux\s+instructions\s+(?:"
                    + _WRITTEN_FR
                    + r"document[ée]es\s+)?(?:du|de\s+la|de\s+l'\s*|des)\b",
                    _WRITTEN_AUTHORISATION["fr"],
                ],
                "de": [
                    r"\b(?:nur|ausschlie(?:ß|ss)lich)\s+(?:auf|nach|gem(?:ä|ae)(?:ß|ss))\s+(?:der\s+)?"
                    r"(?:Grundlage\s+)?(?:dokumentierte[rn]?|schriftliche[rn]?)\s+(?:An)?Weisung",
                    r"\b(?:dokumentierte[rn]?|schriftliche[rn]?)\s+(?:An)?Weisung(?:en)?\b",
                    # "ausschließlich im Rahmen der getroffenen Vereinbarungen und nach Weisung des
                    # Auftraggebers" (Schafe vorm Fenster)
                    r"\b(?:nur|ausschlie(?:ß|ss)lich)\s+(?:im\s+Rahmen\s+der\s+|nach\s+|auf\s+)"
                    r"(?:An)?Weisung(?:en)?\s+des\s+(?:Verantwortlichen|Auftraggebers)",
                    r"\bDaten\b[^;.]{0,40}?\b(?:nur|ausschlie(?:ß|ss)lich)\b[^;.]{0,80}?\b(?:im\s+Rahmen"
                    r"\s+der\s+|nach\s+|auf\s+|gem(?:ä|ae)(?:ß|ss)\s+(?:den\s+)?)(?:An)?Weisung(?:en)?\s+des\s+"
                    r"(?:Verantwortlichen|Auftraggebers|Kunden)\b",
                    # "nur im Auftrag des Datenexporteurs und in Übereinstimmung mit dessen
                    # Anweisungen" (2010/87/EU clause 5(a))
                    r"\b(?:nur|ausschlie(?:ß|ss)lich)\s+im\s+Auftrag\b.{0,120}?\b(?:in\s+"
                    r"Übereinstimmung\s+mit|gem(?:ä|ae)(?:ß|ss)|nach)\s+(?:dessen|deren|seinen|ihren"
                    r"|den)\s+(?:An)?Weisungen",
                    # "ausschließlich wie vertraglich vereinbart oder wie vom Auftraggeber
                    # angewiesen" (fortrabbit)
                    r"\b(?:nur|ausschlie(?:ß|ss)lich)\b.{0,60}?\b(?:vom|von\s+dem)\s+"
                    r"(?:Auftraggeber|Verantwortlichen)\s+angewiesen\b",
                    _WRITTEN_AUTHORISATION["de"],
                ],
                "es": [
                    r"\b(?:[úu]nicamente|s[óo]lo|solamente|exclusivamente)\s+(?:siguiendo|seg[úu]n|"
                    r"conforme\s+a|de\s+acuerdo\s+con|bajo)\s+(?:las\s+)?instrucciones\s+"
                    r"(?:documentadas|por\s+escrito|escritas)",
                    r"\binstrucciones\s+(?:documentadas|por\s+escrito|escritas)\b",
                    # the wording before the GDPR (2010/87/EU, 5(a)): "tratará los datos personales
                    # transferidos solo en nombre del exportador de datos, de conformidad con sus
                    # instrucciones"
                    r"\b(?:s[óo]lo|[úu]nicamente|exclusivamente)\s+(?:en\s+nombre|por\s+cuenta)\s+del?\b"
                    r".{0,80}?\b(?:de\s+conformidad\s+con|conforme\s+a|seg[úu]n|siguiendo)\s+"
                    r"(?:sus|las)\s+instrucciones\b",
                    # "trata datos personales por cuenta del Responsable, solo conforme a sus
                    # instrucciones" (compliance-uy): the limit with the instructions, after the
                    # words on whose behalf
                    r"\bpor\s+cuenta\s+del?\s+(?:responsable|cliente|exportador)\b[^;.]{0,40}?\b(?:s[óo]lo"
                    r"|[úu]nicamente|solamente|exclusivamente)\s+(?:siguiendo|seg[úu]n|conforme\s+a"
                    r"|de\s+conformidad\s+con|de\s+acuerdo\s+con)\s+sus\s+instrucciones\b",
                    _WRITTEN_AUTHORISATION["es"],
                ],
                "it": [
                    r"\b(?:soltanto|solo|solamente|unicamente|esclusivamente)\s+su\s+(?:sua\s+)?"
                    r"istruzion[ei]\s+(?:documentat[ae]|scritt[ae])",
                    r"\bistruzion[ei]\s+(?:documentat[ae]|scritt[ae])\b",
                    _WRITTEN_AUTHORISATION["it"],
                ],
            },
            sections=_UNDER_HEADINGS["a"],
        ),
        "b": _clause(
            "b",
            "confidentiality of authorised persons",
            "persons authorised to process the data (or the processor's personnel) bound by "
            "confidentiality ('persons authorised ... confidentiality', "
            "'personnes autorisées ... confidentialité', 'befugten Personen ... Vertraulichkeit', "
            "'personas autorizadas ... confidencialidad', 'persone autorizzate ... riservatezza')",
            {
                "en": [
                    # "People authorized to process Personal Data are bound by confidentiality"
                    # (NOSHASHI)
                    r"\b(?:persons?|people|individuals?)\s+authori[sz]ed\s+to\s+process\b"
                    r"(?:(?!\b(?:may|can)\s+(?:ask|request)\b).){0,200}?\bconfidential",
                    # "ensure everyone authorised to process the data is bound by confidentiality"
                    # (Secretly): the data named, bound -- not payments or refunds, not the
                    # controller's organisation, not what they keep confidential
                    r"^(?!.*\b(?:controller|customer|client)'s\b)(?!.*\b(?:not|never)\b).*?\b(?:everyone|everybody|anyone"
                    r"|anybody|all\s+those)\s+authori[sz]ed\s+to\s+process\s+(?:the\s+|any\s+)?(?:personal\s+)?data\b"
                    r"[^.;]{0,60}?\b(?:is|are)\s+(?:bound|subject)\s+(?:by|to)\s+(?:a\s+|an\s+)?(?:duty\s+of\s+)?"
                    r"confidential",
                    # "Everyone with access is under a duty of confidence." (Feasible)
                    r"\b(?:everyone|anyone|all\s+(?:staff|personnel|employees)|persons?|people|staff"
                    r"|personnel|employees)\s+(?:who\s+(?:has|have)\s+|with\s+)access\b[^.;]{0,60}?\b(?:is|are)"
                    r"\s+(?:under|bound\s+by|subject\s+to)\s+(?:an?\s+)?(?:duty|duties|obligations?)\s+of\s+"
                    r"(?:confidence|confidentiality|secrecy)\b",
                    # "anyone it authorises to process Customer Personal Data is under a duty of
                    # confidentiality" (ReleaseTwin)
                    # "Everyone the processor authorises to access personal data under this
                    # agreement is bound by a written duty of confidence" (VillageWatch)
                    r"^(?!.*\b(?:(?:is|are)\s+not|never)\b).*?"
                    r"\b(?:persons?|individuals?|anyone|anybody|everyone|those)\s+(?:it|we|the\s+processor"
                    r"|the\s+provider)\s+authori[sz]es?\s+to\s+(?:process|access|handle)\s+(?:[\w-]+\b\s+)"
                    r"{0,3}?(?:personal\s+)?data\b[^;]{0,200}?\b(?:confidentiality|(?:duty|duties|obligations?)"
                    r"\s+of\s+confidence)\b",
                    # not staff authorised to reach something other than the data ("personnel
                    # authorized to access the Platform's source code and release process",
                    # Xinity)
                    # (not "Employees' HR files: Confidentiality: restricted", a classification; not
                    # "No confidentiality agreement required")
                    r"^(?!.*\bno\s+confidentiality\b).*?\b(?:personnel|employees|staff)\b"
                    r"(?!'|\s+(?:files?|records?|data)\b)"
                    + _AUTHORISED_FOR_THE_DATA_EN
                    + r".{0,200}?\bconfidentiality\b",
                    # the staff's confidentiality named first, as an item of the processor's
                    # undertaking: "blipee shall: - Ensure confidentiality of processing personnel"
                    # (blipee) -- not the controller's staff, not personnel files
                    r"^(?!.*\b(?:customers?|clients?|controllers?|you|your|not|never|no)\b).*?\b(?:ensur\w*|maintain\w*"
                    r"|guarantee\w*|preserv\w*)\s+(?:the\s+)?confidentiality\s+(?:obligations\s+)?of\s+(?:the\s+|all\s+|its\s+)?"
                    # (also "Ensure confidentiality of authorized persons.", Datacenter Builder)
                    r"(?:processing|authori[sz]ed)\s+(?:personnel|staff|employees|persons|people|individuals)\b(?!'|\s+(?:files?"
                    r"|records?|data|who|whose|responses?|salar\w*|identit\w*|names?)\b)",
                    # "Confidentiality agreements - All staff sign NDAs" (WildPraxis)
                    # (the processor's staff: "all", "our", "its" -- not "Partner staff", "Hospital
                    # staff"; not planned)
                    r"^(?!.*\b(?:not|never|no|should|customers?|clients?|controllers?|you|users?|planned|roadmap"
                    r"|by\s+Q\d)\b).*?"
                    r"\b(?:all|our|its)\s+(?:staff|personnel|employees|team\s+members)\s+(?:sign|signs|have\s+signed"
                    r"|execute)\s+(?:an?\s+)?(?:NDAs?|non-disclosure|confidentiality)\b",
                    # "- Confidentiality agreements for all staff" under "Organizational Safeguards"
                    # (ODAVL): the agreements named with whom, not negated, not the customer's
                    r"^(?!.*\b(?:not|never|no|should|customers?|clients?|controllers?|you|users?)\b)"
                    r"(?:[^.:;]{0,60}:\s*)?\W*(?:[\w-]+\b\s+){0,2}?confidentiality\s+(?:agreements?|undertakings?"
                    r"|obligations?|commitments?)"
                    r"\s+(?:for|with|signed\s+by|from)\s+(?:all\s+)?(?:our\s+)?(?:staff|personnel|employees|team\s+members"
                    r"|contractors)\b",
                    # the undertaking named first: "Ensure confidentiality agreements are in place
                    # for personnel with access to personal data" (Coda CLI)
                    _NOT_EN
                    + r"\bconfidentiality\s+(?:agreements?|obligations?|undertakings?|commitments?"
                    r"|dut(?:y|ies))\b[^;]{0,80}?\b(?:personnel|employees|staff|persons|individuals)\s+"
                    r"(?:with|having|who\s+ha(?:ve|s))\s+access\s+to\s+(?:the\s+)?(?:personal|customer)\s+"
                    r"(?:personal\s+)?data\b",
                ],
                "fr": [
                    r"\bpersonnes?\s+autoris[ée]es?\b.{0,200}?\bconfidentialit[ée]s?",
                    r"\b(?:personnel|salari[ée]s|employ[ée]s|pr[ée]pos[ée]s)\b.{0,200}?"
                    r"\bconfidentialit[ée]s?",
                    # the confidentiality named first: "Confidentialité du personnel" (Raggy),
                    # "Garantir la confidentialité des personnes autorisées" (memoLib)
                    r"(?<!politique\sde\s)\bconfidentialit[ée]\s+(?:du|de\s+son|de\s+leur|des)\s+"
                    r"(?:personnel|personnes\s+"
                    r"autoris[ée]es|salari[ée]s|employ[ée]s|collaborateurs)\b",
                    # "Confidentialité (personnels liés par obligation)" (Leopardo RH): the staff
                    # bound, after the word
                    r"(?<!politique\sde\s)\bconfidentialit[ée]\b[^.;]{0,40}?\b(?:personnels?|salari[ée]s|employ[ée]s"
                    r"|collaborateurs)\s+(?:li[ée]s|tenus|soumis|engag[ée]s|astreints)\s+(?:par\s+(?:une\s+|leur\s+)?"
                    r"obligation|au\s+secret|[àa]\s+(?:la\s+)?confidentialit[ée]|par\s+(?:un|le)\s+(?:engagement|secret))",
                ],
                "de": [
                    r"\b(?:befugte[nr]?|berechtigte[nr]?|autorisierte[nr]?|eingesetzte[nr]?)\s+"
                    r"Personen\b.{0,200}?\b(?:Vertraulichkeit|Verschwiegenheit|Geheimhaltung)",
                    # "alle mit der Verarbeitung befassten Personen" (Handbook Generator)
                    r"\bmit\s+der\s+(?:Daten)?Verarbeitung\s+(?:\w+\s+)?(?:befasste|betraute|beschäftigte)n?"
                    r"\s+Personen\b.{0,200}?\b(?:Vertraulichkeit|Verschwiegenheit|Geheimhaltung)",
                    r"\bPersonen\b.{0,150}?\b(?:befugt|berechtigt)\w*.{0,200}?"
                    r"\b(?:Vertraulichkeit|Verschwiegenheit|Geheimhaltung)",
                    r"\b(?:Mitarbeite\w*|Beschäftigte\w*|Personal)\b.{0,200}?"
                    r"\b(?:Vertraulichkeit|Verschwiegenheit|Datengeheimnis)",
                    # "Personen, die Kenntnis von den im Auftrag verarbeiteten Daten erhalten können,
                    # haben sich schriftlich zur Vertraulichkeit zu verpflichten" (fortrabbit)
                    r"\bPersonen,?\s+die\b.{0,150}?\bDaten\b.{0,150}?\b(?:Vertraulichkeit"
                    r"|Verschwiegenheit|Geheimhaltung)\b",
                    # the undertaking named before the staff: "Vertraulichkeitsverpflichtung der
                    # Mitarbeiter" (draht)
                    r"\b(?:Vertraulichkeits|Verschwiegenheits|Geheimhaltungs)(?:verpflichtung|pflicht"
                    r"|erkl[äa]rung|vereinbarung)\w*\b.{0,80}?\b(?:Mitarbeite\w*|Besch[äa]ftigte\w*"
                    r"|Personal|Personen)\b",
                ],
                "es": [
                    # "toda persona autorizada esté sujeta a confidencialidad" (CEOUBB)
                    r"\bpersonas?\s+autorizadas?\b.{0,200}?\bconfidencialidad",
                    r"\b(?:personal|empleados|trabajadores)\b.{0,200}?\b(?:confidencialidad|secreto)",
                    # the confidentiality named first: "confidencialidad del personal" (Gearbox)
                    r"^(?!.*\b(?:cliente|es\s+responsable|protege)\b).*?\bconfidencialidad\s+del\s+personal\b",
                ],
                "it": [
                    r"\bpersone\s+autorizzate\b.{0,200}?\b(?:riservatezza|confidenzialit[àa])",
                    r"\b(?:personale|dipendenti|addetti|incaricati)\b.{0,200}?"
                    r"\b(?:riservatezza|confidenzialit[àa])",
                    # "il personale autorizzato sia vincolato al segreto" (Factory): bound to secrecy
                    # within a few words (not a secret ballot, a PIN, a doctor's secrecy: the review
                    # of rounds 27-28)
                    r"\b(?:personale|dipendenti|addetti|incaricati)\b(?:\s+[\w']+){0,3}?\s+(?:(?:sia|siano|[èe]|sono"
                    r"|viene|vengono|risulta|risultano)\s+)?(?:vincolat|tenut|obbligat|soggett|impegnat)\w*\s+(?:al|allo"
                    r"|a)\s+(?:rispetto\s+del\s+)?segreto\b(?!\s+(?:industriale|commerciale))",
                    # the confidentiality named first: "Garantire riservatezza del personale
                    # autorizzato" (ProrogaPro)
                    r"^(?!.*\b(?:cliente|titolare|responsabile\s+della|tutelare)\b).*?\b(?:riservatezza"
                    r"|confidenzialit[àa])\s+del\s+personale\b",
                ],
            },
            sections=_UNDER_HEADINGS["b"],
        ),
        "c": _clause(
            "c",
            "security of processing (Art. 32)",
            "the security measures of Art. 32: 'measures required pursuant to Article 32', "
            "'technical and organisational measures' (or administrative, technical and physical "
            "safeguards), 'mesures techniques et organisationnelles', 'technische und "
            "organisatorische Maßnahmen', 'medidas técnicas y organizativas', 'misure tecniche e "
            "organizzative'",
            {
                "en": [
                    r"\bmeasures\s+required\s+(?:pursuant\s+to|by|under)\s+" + _ART + r"32\b",
                    r"\b(?:technical|administrative|organi[sz]ational|physical)"
                    r"(?:(?:,\s*|\s+and\s+|,\s+and\s+)(?:technical|administrative|organi[sz]ational"
                    r"|physical))+\s+(?:security\s+)?(?:measures|safeguards)\b",
                    # "The Processor implements the following security measures" (Xinity): the
                    # processor the subject (not "we" of a privacy notice, not the customer)
                    _PROCESSOR_DOES_EN
                    + r"(?:implement|maintain|adopt)s?\b[^;]{0,60}?\bsecurity\s+measures\b",
                    # "The Processor shall: - Implement appropriate technical measures (encryption
                    # at rest, TLS in transit, ...)" (ProvidAPT): a list item under the processor's
                    # undertaking
                    r"\b(?:processor|provider|supplier|vendor|data\s+importer)\s+(?:shall|will|must"
                    r"|agrees\s+to)\s*:\s*" + _NOT_EN + r"(?:implement|maintain|adopt|take|apply)\b"
                    r"[^;]{0,40}?\b(?:technical|organi[sz]ational|security|protective)\s+(?:and\s+"
                    r"organi[sz]ational\s+)?(?:measures|safeguards)\b",
                    # the measures as a list under the undertaking: "The Processor maintains, at
                    # minimum: - Encryption in transit (TLS 1.3+) and at rest (AES-256)." (Clipstack)
                    _PROCESSOR_DOES_EN
                    + r"(?:implement|maintain|appl(?:y|ie)|adopt)s?\b[^.:;]{0,60}:\s*.{0,120}?"
                    r"\b(?:encrypt\w*|access\s+controls?|pseudonymi[sz]\w*|firewalls?|multi-factor"
                    r"\s+authentication|backups?)\b",
                ],
                "fr": [
                    r"\bmesures\b.{0,200}?\b(?:article|art\.)\s*32\b",
                    r"\bmesures\s+(?:de\s+s[ée]curit[ée]\s+)?techniques\s+et\s+"
                    r"(?:organisationnelles|d'organisation)",
                    # security measures or safeguards implemented or maintained: "Maintien des
                    # mesures de sécurité" (Raggy), "Implémenter des mesures de sécurité" (memoLib),
                    # "met en oeuvre des garanties" (Ikiform)
                    # (not the safeguards of transfers: Art. 46, Chapter V)
                    _NOT_FR
                    + _NOT_CONTROLLER_FR
                    + r"\b(?:maint(?:ien|enir|iendra|ient)|met(?:tre|tra|tront)?\s+en\s+"
                    r"(?:oe|œ)uvre|impl[ée]ment\w*|appliqu\w*)\s+(?:des\s+|les\s+|de\s+)?(?:mesures\s+"
                    r"(?:de\s+s[ée]curit[ée]|de\s+protection)|garanties)\b" + _TRANSFER_CONTEXT,
                ],
                "de": [
                    r"\bMa(?:ß|ss)nahmen\b.{0,200}?\b" + _ART_DE + r"32\b",
                    r"\b" + _ART_DE + r"32\b.{0,80}?\bMa(?:ß|ss)nahmen\b",
                    # also the compound: "technischen und organisatorischen Sicherheitsmaßnahmen"
                    # (2010/87/EU clause 5(c))
                    r"\btechnische\w*\s+und\s+organisatorische\w*\s+\w*ma(?:ß|ss)nahmen",
                    # "Ikiform implementiert Schutzmassnahmen" (Ikiform)
                    # (at most two words between, neither a negation; single spaces, so that the
                    # words cannot be split up when spaces are made optional)
                    _NOT_DE
                    + _NOT_CONTROLLER_DE
                    + r"\b(?:implementier|ergreif|ergriff|trifft|treff|setzt|umsetz)\w*\s"
                    r"(?:(?!kein|nicht)\w+\s){0,2}(?:Schutz|Sicherheits)ma(?:ß|ss)nahmen",
                ],
                "es": [
                    r"\bmedidas\b.{0,200}?\b" + _ART_ES + r"32\b",
                    # the encargado's duty of Colombia's Ley 1581 (art. 18 b): "Conservar la
                    # información bajo las condiciones de seguridad" (Báscula)
                    r"\bconservar\s+la\s+informaci[óo]n\s+bajo\s+las\s+condiciones\s+de\s+seguridad\b",
                    r"\bmedidas\s+(?:de\s+seguridad\s+)?t[ée]cnicas\s+y\s+(?:organizativas|"
                    r"organizacionales)",
                    # "Club+ implementa medidas apropiadas que incluyen:" (Club+, under a heading
                    # "Seguridad Técnica y Organizacional")
                    # (not "medidas adecuadas para informar a los interesados")
                    _NOT_ES
                    + _NOT_CONTROLLER_ES
                    + r"\b(?:implement|aplic|adopt)\w*\s+(?:las\s+|unas\s+)?medidas\s+"
                    r"(?:de\s+seguridad\s+)?(?:apropiadas|adecuadas)\b(?!\s+para\b(?!.{0,40}?segur))",
                    # "Ikiform aplica salvaguardas" (Ikiform)
                    _NOT_ES
                    + _NOT_CONTROLLER_ES
                    + r"\b(?:implement|aplic|adopt)\w*\s+(?:las\s+|unas\s+)?(?:salvaguardas"
                    r"|medidas\s+de\s+(?:seguridad|protecci[óo]n))\b" + _TRANSFER_CONTEXT,
                ],
                "it": [
                    r"\bmisure\b.{0,200}?\b" + _ART_IT + r"32\b",
                    r"\bmisure\s+(?:di\s+sicurezza\s+)?tecniche\s+(?:ed?\s+)?organizzative",
                    # "Ikiform implementa misure di protezione" (Ikiform)
                    _NOT_IT
                    + _NOT_CONTROLLER_IT
                    + r"\b(?:implement\w*|adott\w*|applic\w*|mett\w*\s+in\s+atto)\s+(?:le\s+"
                    r"|delle\s+)?(?:misure\s+di\s+(?:protezione|sicurezza)|garanzie)\b"
                    + _TRANSFER_CONTEXT,
                ],
            },
            sections=_UNDER_HEADINGS["c"],
        ),
        "d": _clause(
            "d",
            "sub-processors",
            "engaging another processor (sub-processor) only with the controller's "
            "authorisation, or its flow-down ('another processor ... authorisation', "
            "'sub-processor' with authorise/consent/object, 'autre sous-traitant', "
            "'sous-traitant ultérieur', 'weiterer Auftragsverarbeiter ... Genehmigung', "
            "'Unterauftragsverarbeiter', 'otro encargado ... autorización', 'subencargado', "
            "'altro responsabile ... autorizzazione', 'sub-responsabile')",
            {
                "en": [
                    r"\b(?:another|other)\s+processors?\b.{0,150}?\bauthori[sz]ation",
                    r"\bconditions\b.{0,100}?\b(?:engag|recruit|appoint)\w*\s+(?:another|other|a\s+new)"
                    r"\s+(?:sub-?\s?)?processors?",
                    _NO_SAY_EN + _either_order(_SUBPROCESSOR, _AUTHORISES_OR_OBJECTS_EN, 150),
                    # "The client can reject subcontractors." (fortrabbit)
                    _NO_SAY_EN
                    + _either_order(r"\bsub-?contractors?\b", _AUTHORISES_OR_OBJECTS_EN, 150),
                    # the controller's agreement: "The Controller agrees that the Processor may engage
                    # the following sub-processors:" (LexOculus)
                    r"^(?!.*\b(?:not|never)\b).*?\b(?:controller|customer|client)\s+(?:hereby\s+)?(?:agrees|consents"
                    r"|accepts)\s+(?:that|to)\s+"
                    r"(?:the\s+)?"
                    + _THE_PROCESSOR["en"]
                    + r"(?:(?:'s)?\s+(?:engagement|use)\s+of|\s+(?:may|can)\s+(?:\w+ly\s+)?(?:engage|use|appoint|retain"
                    r"|involve))\b[^.;]{0,40}?\b(?:sub-?\s?processors?"
                    r"|subcontractors?|third[\s-]part(?:y|ies)\s+(?:service\s+)?providers?)\b",
                ],
                "fr": [
                    r"\bautre\s+sous-traitant\b.{0,150}?\bautorisation",
                    # "Le Client autorise le recours aux sous-traitants ci-dessous" (GhostPass)
                    r"\b(?:client|responsable(?:\s+de\s+traitement)?)\s+autorise\s+(?:le\s+recours\s+(?:aux"
                    r"|[àa]\s+des?)\s+|les\s+)sous-traitan(?:ts\s+(?:ult[ée]rieurs|ci-dessous|suivants"
                    r"|list[ée]s|mentionn[ée]s)|ce)\b",
                    r"\bconditions\b.{0,100}?\b(?:recruter|recourir\s+[àa]|faire\s+appel\s+[àa])\s+"
                    r"(?:un\s+)?autre\s+sous-traitant",
                    # "Obtenir préalable autorisation avant sous-traitance" (memoLib)
                    r"\bautorisation(?:\s+(?:pr[ée]alable|[ée]crite|expresse))*(?:\s+(?:du|de\s+la|de\s+l')"
                    r"\s*(?:responsable|client|exportateur)\w*)?\s+(?:avant|pr[ée]alablement\s+[àa])\s+"
                    r"(?:toute\s+|la\s+)?sous-traitance\b",
                    _either_order(
                        r"\bsous-traita(?:nt|nts|nce)\s+(?:ult[ée]rieur|subs[ée]quent)\w*",
                        r"\b(?:autoris\w*|acte\s+juridique|contrat|m[êe]mes\s+obligations)",
                        200,
                    ),
                ],
                "de": [
                    r"\b(?:keinen|einen)\s+(?:anderen|weiteren)\s+Auftragsverarbeiter\b.{0,150}?"
                    r"\b(?:Genehmigung|Zustimmung|Einwilligung)",
                    r"\b(?:Genehmigung|Zustimmung)\b.{0,150}?\b(?:keinen|einen)\s+(?:anderen|weiteren)"
                    r"\s+Auftragsverarbeiter\b",
                    _either_order(
                        # "Der Auftraggeber kann Subunternehmer ablehnen." (fortrabbit)
                        # also "Die Vergabe von Unteraufträgen ... bedarf der vorherigen
                        # schriftlichen Zustimmung des Auftraggebers" (EUSurvey)
                        r"\b(?:Unter-?auftrags?(?:verarbeit|nehm)|Sub-?unternehm|Unter-?auftr(?:ä|ae)g)\w*",
                        r"\b(?:Genehmigung|genehmig\w*|Zustimmung|zustimm\w*"
                        r"|Einwilligung(?!\s+(?:der|des|einer|eines)\s+betroffenen)|Einspruch"
                        r"|Widerspruch|widersprech\w*|ablehn\w*|Ablehnung)"
                        # (the controller's, not the provider's: "nur mit vorheriger schriftlicher
                        # Zustimmung des Anbieters", the customer's own subcontracting)
                        r"\b(?!\s+(?:des|der)\s+(?:Anbieters|Auftragnehmers|Dienstleisters"
                        r"|Auftragsverarbeiters|Lieferanten)\b)",
                        150,
                    ),
                    _either_order(
                        r"\b(?:nachfolgende|weitere|weiterbeauftragte)[nr]?\s+"
                        r"(?:Auftragsverarbeiter|Unterauftragnehmer|Nachunternehmer)",
                        r"\b(?:Vereinbarung|Vertrag|Rechtsakt|gleichen\s+\w*\s*(?:Pflichten|"
                        r"Verpflichtungen))",
                        200,
                    ),
                ],
                "es": [
                    r"\b(?:otros?)\s+(?:encargados?|subcontratistas?|subencargados?)\b.{0,150}?"
                    r"\bautorizaci[óo]n",
                    _either_order(
                        # "subprocesadores" (Latin-American usage, Club+)
                        r"\bsub-?(?:encargad|contratist|procesad)\w*",
                        r"\b(?:autoriz|consentim|oponer|oposici|objetar)\w*",
                        150,
                    ),
                    _either_order(
                        r"\b(?:subencargad|subcontratist)\w*\s+(?:posterior|ulterior)\w*",
                        r"\b(?:acto\s+jur[íi]dico|contrato|mismas\s+obligaciones)",
                        200,
                    ),
                ],
                "it": [
                    r"\baltro\s+(?:responsabile|fornitore|sub-?responsabile|subappaltatore)\b.{0,150}?"
                    r"\b(?:autorizzazione|consenso)",
                    _either_order(
                        r"\bsub-?(?:responsabil|fornitor|appaltator)\w*",
                        r"\b(?:autorizz|consens|oppo|obiezion)\w*",
                        150,
                    ),
                    _either_order(
                        r"\bsub-?(?:responsabil|appaltator)\w*\s+(?:successiv|ulterior)\w*",
                        r"\b(?:atto\s+giuridico|contratto|stessi\s+obblighi)",
                        200,
                    ),
                ],
            },
            sections=_UNDER_HEADINGS["d"],
        ),
        "e": _clause(
            "e",
            "assistance with data-subject rights",
            "the processor assisting the controller to respond to requests of data subjects "
            "exercising their rights ('assist ... data subjects' requests', "
            "'aider ... demandes d'exercice des droits des personnes concernées', "
            "'unterstützt ... Rechte der betroffenen Personen', 'asistir ... derechos de los "
            "interesados', 'assistere ... diritti degli interessati')",
            {
                "en": [
                    # (in one clause of the sentence: not across a ";")
                    _ASSIST_EN + r"\b[^;]{0,250}?" + _DATA_SUBJECT_REQUEST_EN,
                    _ASSIST_EN + r"\b.{0,250}?\bChapter\s+III\b",
                    _SUPPORT_EN + r"[^;]{0,250}?" + _DATA_SUBJECT_REQUEST_EN,
                    # the means offered: "The Controller may exercise data-subject rights through the
                    # Service UI:" (Gauge), "Customer can fulfil data subject requests via the admin
                    # console" -- not the data subjects' own ("you" of a notice), not negated, not
                    # the customer's own tools or process (the review of rounds 25-26's patterns)
                    r"^(?!.*\b(?:not|never|cannot|outside|directly)\b)(?!.*\b(?:its|their|your)\s+own\b).*?"
                    r"\b(?:controller|customer|client)\s+(?:may|can|is\s+able\s+to)\s+"
                    r"(?:exercise|fulfil\w*|handle|respond\s+to|action|process|answer)\s+(?:all\s+|any\s+)?(?:data[\s-]+"
                    r"subjects?'?\s*|individuals'?\s+)(?:rights|requests)\b[^.;]{0,40}?\b(?:through|via|using|with)"
                    r"\s+(?:the\s+|its\s+|our\s+)?(?:[\w-]+\s+)?(?:service|platform|product|application|app|UI"
                    r"|API|dashboard|console|admin\w*|tools?|tooling|self-service|endpoints?)\b",
                    # the data subjects supported by the processor's undertaking: "The Deployer SHALL
                    # support the data subject in exercising the rights guaranteed under GDPR
                    # Articles 15-22" (Helpmefindthejob) -- not the controller's own duty, nor a
                    # merchant's, a joint controller's, a party's of a joint arrangement, a DPO's
                    r"^(?!\W*(?:the\s+|our\s+|each\s+)?(?:data\s+)?(?:customers?|controllers?|clients?|you|we"
                    r"|merchants?|part(?:y|ies)|joint\s+controllers?|data\s+protection\s+officers?|DPOs?|schools?"
                    r"|institutions?)\b)(?!.*\bjoint\s+controll\w*).*?"
                    + _NOT_EN
                    + r"\b(?:shall|will|must)\s+(?:\w+ly\s+)?(?:support|assist|help)\s+(?:the\s+|any\s+)?data[\s-]+"
                    r"subjects?\s+(?:in|with)\s+(?:the\s+)?exercis\w*\s+(?:of\s+)?(?:their\s+|the\s+|his\s+|her\s+)?"
                    r"(?:\w+\s+)?rights\b",
                    # the request told by what it asks, received, passed on, then the customer
                    # assisted: "If EpiphanyMade receives a request from one of your recipients to
                    # access, correct, or delete their data, we will forward it to you promptly and
                    # will reasonably assist you in responding" (EpiphanyMade) -- not the customer
                    # assisting, not another party assisted (the review of rounds 27-28)
                    r"^(?!\W*(?:if\s+|where\s+)?(?:the\s+)?(?:customers?|controllers?|clients?)\b)"
                    r"(?!.*\b(?:not|never)\s+(?:\w+\s+)?(?:assist|forward|help)).*?"
                    r"\b(?:receives?|gets?|is\s+sent)\s+(?:a|any)\s+request\s+(?:from|by)\s+[^.;]{0,60}?\bto\s+(?:access"
                    r"|correct|rectify|delete|erase|export|port)\b[^.;]{0,40}?\b(?:their|his|her)\s+(?:own\s+)?"
                    r"(?:personal\s+)?(?:data|information)\b[^.]{0,120}?\bassist\w*\s+(?:you|the\s+(?:customer|controller"
                    r"|client))\b",
                    # "If a data subject makes a valid request ..., Provider will assist Customer in
                    # fulfilling the request" (Common Paper): the request named first
                    _DATA_SUBJECT_REQUEST_EN + r"[^;]{0,250}?" + _ASSIST_EN + r"\b",
                    # "if data subjects assert rights against him, the contractor undertakes to
                    # support the client" (fortrabbit)
                    _DATA_SUBJECT_REQUEST_EN + r"[^;]{0,250}?" + _SUPPORT_EN,
                    # the rights named, then "requests": "Processor shall reasonably assist the
                    # controller with access, rectification, erasure ..., restriction, and
                    # portability requests" (Enterprise AI Agency OS) -- not the customer assisting,
                    # not "deletion of accounts and password reset requests"
                    r"^(?!.*\b(?:not|no|never)\s+(?:\w+\b\s+){0,2}?(?:obliged|required|obligation)\b)"
                    r"(?!\W*(?:the\s+|each\s+)?(?:customers?|controllers?|clients?|you|resellers?|partners?"
                    r"|suppliers?)\s+(?:shall|will|must|agrees\s+to)\s+(?:\w+ly\s+)?assist)"
                    # (nor help-desk tickets: "access, password, account deletion and billing
                    # requests" of users; the review of rounds 25-26's patterns)
                    r"(?!.*\b(?:passwords?|billing|invoic\w*|pricing|discounts?|log-?ins?|help\s*desk"
                    r"|(?:authori[sz]ed\s+)?users)\b).*?"
                    + _ASSIST_EN
                    + r"\b[^;]{0,100}?\b(?:access|rectification|correction|erasure|deletion)\b,\s+[^;]{0,120}?"
                    # also "access, correction, export, deletion, and retention requests" (Dude)
                    r"\b(?:portability|restriction|rectification|correction|erasure|deletion|objection)\b"
                    r"(?:(?!\bof\b)[^;]){0,40}?\brequests?\b",
                    # "We will help you, by appropriate technical and organizational measures ..., to
                    # answer Data Subjects' requests" (Formhaus): the customer helped to answer
                    _NOT_EN
                    + r"\bhelps?\s+(?:you|the\s+(?:customer|controller|client))\b[^;]{0,150}?\b(?:answer\w*"
                    r"|respond\w*|handl\w*|fulfil\w*)\b[^;]{0,40}?(?:\bdata[\s-]+subjects?\b(?:'s?)?\s+"
                    r"(?:access\s+)?requests?\b"
                    # "The Provider helps the Customer answer requests from data subjects" (AgentNet)
                    r"|\brequests?\s+(?:from|by|of)\s+(?:the\s+)?(?:data[\s-]+subjects?|individuals)\b)",
                    # "WildPraxis will cooperate with School to ensure parents and eligible students
                    # can exercise FERPA rights" (WildPraxis): not the customer's cooperation
                    r"^(?!\W*(?:if\s+requested,?\s+)?(?:the\s+|each\s+)?(?:customers?|controllers?|clients?|users?|you"
                    r"|schools?|institutions?)\b)(?!.*\b(?:not|never)\b)"
                    r"(?!.*\b(?:customer|controller|client)\s+can\s+exercise\b).*?"
                    r"\bco-?operat(?:e|es|ing)\s+with\s+(?:the\s+)?[\w-]+\s+(?:to|so\s+that)\s+"
                    r"(?:ensure|enable|allow|help)\b[^.;]{0,80}?\bexercise\s+(?:their\s+|its\s+|the\s+)?(?!audit)"
                    r"(?:[\w-]+\s+)?rights\b",
                    # the requests said with the Article's means, whoever makes them: "The
                    # processor will help the council meet a request from a resident ..., so far as
                    # it is able, by appropriate technical and organisational measures"
                    # (VillageWatch)
                    # (not negated, not the customer helping its own users)
                    r"^(?!.*\b(?:not|never)\b)(?!\W*(?:each\s+|the\s+)?(?:customers?|controllers?|clients?"
                    r"|users?)\b)(?!.*\b(?:its|their)\s+own\s+(?:end\s+)?users\b).*?"
                    r"\b(?:help|assist)(?:s|ing)?\b[^;]{0,100}?\b(?:meet|answer|respond\s+to|handle"
                    r"|fulfil+|deal\s+with)\s+(?:a|any|all|the|each)?\s*requests?\b[^;]{0,150}?\bby\s+"
                    r"(?:appropriate|suitable)\s+technical\s+and\s+organi[sz]ational\s+measures\b",
                ],
                "fr": [
                    _ASSIST_FR + r".{0,250}?\b(?:demandes?|droits?)\b.{0,60}?"
                    r"\bpersonnes?\s+concern[ée]es?",
                    # "Assister ... dans l'exercice des droits RGPD" (memoLib), "Assister dans la
                    # réponse aux demandes d'exercice de droits" (Raggy)
                    # "Aide au client pour les droits des personnes (accès, rectification,
                    # effacement)" (Leopardo RH)
                    r"^(?!\W*(?:le\s+|la\s+|l'\s*)?(?:client|responsable)\b)(?!.*\bses\s+utilisateurs\b).*?"
                    r"\b(?:aide(?:ra|r)?|assist(?:e|era|er))\s+(?:au|le)\s+(?:client|responsable)\b"
                    r"[^.;]{0,100}?\bdroits\s+des\s+personnes\b",
                    _ASSIST_FR + r".{0,250}?\bexercice\s+(?:de\s+leurs\s+|des\s+|de\s+)droits\b"
                    r"(?!\s+(?:d'\s*audit|de\s+contr[ôo]le|du\s+(?:responsable|client)))",
                    # requests received from data subjects passed on to the controller ("il
                    # communiquera sans retard à l'exportateur de données: ... toute demande reçue
                    # directement des personnes concernées", 2010/87/EU clause 5(d)(iii))
                    _FR_TELLS + r".{0,150}?\bdemandes?\b.{0,60}?\b(?:re[çc]ues?|[ée]manant"
                    r"|formul[ée]es?|adress[ée]es?)\b.{0,40}?\bpersonnes?\s+concern[ée]es?",
                ],
                "de": [
                    _ASSIST_DE
                    + r".{0,250}?(?:\bbetroffene[nr]?\s+Person\w*.{0,80}?\b(?:Rechte|Antr[äa]g\w*"
                    r"|Anfragen)|\bRechte\w*\s+(?:der\s+)?betroffenen|\bBetroffenenrechte|"
                    r"\bKapitel\s+III\b)",
                    # "bei der Wahrnehmung der Rechte betroffener Personen" (KanuControl), "bei der Wahrung
                    # der Rechte betroffener Personen zu unterstützen" (Pruefai)
                    _either_order(
                        _ASSIST_DE + r"\b(?!(?:\s\w+){0,3}\snicht\b)",
                        r"\bRechte\w*\s+betroffener\s+Person",
                        250,
                    ),
                    # "unterstützt den Auftraggeber bei: Beantwortung von Betroffenenanfragen"
                    # (Handbook Generator), "Beantwortung von Betroffenenrechten nach Art. 12-22
                    # DSGVO ... angemessen zu unterstützen" (Schafe vorm Fenster): the verb (not
                    # "Unterstützung"), not the controller's, not negated, in one clause
                    _either_order(
                        _NOT_DE
                        + _NOT_CONTROLLER_DE
                        + r"\bunterst[üu]tz(?:t|en|e|st)\b(?!(?:\s\w+){0,3}\snicht\b)",
                        r"(?<!\bnicht\sbei\s)\bBetroffenen(?:rechte|anfrage|antr[äa]g|ersuch)\w*",
                        250,
                        "[^;]",
                    ),
                    # requests of data subjects passed on ("er den Datenexporteur unverzüglich
                    # informiert über ... alle Anfragen, die direkt von den betroffenen Personen an
                    # ihn gerichtet werden", 2010/87/EU clause 5(d)(iii))
                    _DE_TELLS + r".{0,150}?\b(?:Anfragen|Antr[äa]ge|Ersuchen)\b.{0,60}?\bvon\s+"
                    r"(?:den\s+)?betroffenen\s+Person",
                    r"\b(?:Antr[äa]g\w*|Anfragen)\s+betroffener\s+Personen\b.{0,250}?" + _ASSIST_DE,
                    # "machen betroffene Personen ihm gegenüber Rechte geltend, verpflichtet sich der
                    # Auftragnehmer den Auftraggeber im erforderlichen Umfang zu unterstützen"
                    # (fortrabbit)
                    r"\bbetroffene[nr]?\s+Person\w*.{0,80}?\b(?:Rechte|Antr[äa]g\w*|Anfragen)\b"
                    r".{0,250}?" + _ASSIST_DE,
                ],
                "es": [
                    # "interesados"; Latin-American "sujetos de datos" (Club+), "titulares de los
                    # datos"
                    _ASSIST_ES + r".{0,250}?\b(?:solicitudes|derechos)\b.{0,80}?\b(?:interesad"
                    r"|sujetos?\s+de\s+(?:los\s+)?datos|titulares?\s+de\s+(?:los\s+)?datos)",
                    _ASSIST_ES + r".{0,250}?\bejercicio\s+de\s+(?:los\s+)?derechos\b",
                    # "asistir al Responsable en derechos de titulares" (compliance-uy): not the
                    # holders of cards or licences, not the controller's help, in one clause
                    _NOT_CONTROLLER_ES
                    + _ASSIST_ES
                    + r"[^;]{0,250}?\b(?:solicitudes|derechos)\b[^;]{0,80}?\btitulares\b"
                    r"(?!\s+de\s+(?!(?:los\s+)?datos))",
                    # "asistirle ... en responder a las solicitudes de los pacientes para ejercer
                    # sus derechos" (Hisamed)
                    _NOT_CONTROLLER_ES
                    + _ASSIST_ES
                    + r"[^;]{0,250}?\bejercer\s+(?:sus\s+|los\s+)?derechos\b",
                    # the encargado's duty of Colombia's Ley 1581 (art. 18 f): "Tramitar las consultas
                    # y los reclamos formulados por los Titulares" (Báscula)
                    r"\btramitar\s+las\s+consultas\s+y\s+(?:los\s+)?reclamos\s+formulados\s+por\s+los\s+"
                    r"titulares\b",
                    # requests received from data subjects passed on to the controller ("notificará
                    # sin demora al exportador de datos sobre: ... toda solicitud sin respuesta
                    # recibida directamente de los interesados", 2010/87/EU clause 5(d)(iii))
                    _ES_TELLS + r".{0,150}?\bsolicitud(?:es)?\b.{0,60}?\brecibid[ao]s?\b.{0,40}?"
                    r"\binteresad",
                ],
                "it": [
                    _ASSIST_IT + r".{0,250}?\b(?:richieste|diritti)\b.{0,80}?\binteressat",
                    _ASSIST_IT + r".{0,250}?\besercizio\s+dei\s+diritti\b",
                ],
            },
            sections=_UNDER_HEADINGS["e"],
        ),
        "f": _clause(
            "f",
            "assistance with Arts. 32-36",
            "assistance with Articles 32 to 36: security, personal data breach notification, "
            "data protection impact assessment, prior consultation ('Articles 32 to 36', "
            "'notify ... breach', 'notification des violations', 'analyse d'impact', "
            "'Datenschutz-Folgenabschätzung', 'Meldung ... Verletzung', 'evaluación de impacto', "
            "'notificación ... violación', 'valutazione d'impatto', 'notifica ... violazione')",
            {
                "en": [
                    _ART + r"32\s*(?:to|-|à|and)\s*36\b",
                    _ASSIST_EN
                    + r"\b.{0,250}?\b(?:impact\s+assessments?|prior\s+consultations?|"
                    + _ART
                    + r"3[3-6]\b|breach\w*)",
                    # "The Provider helps with data protection impact assessments" (AgentNet)
                    _NOT_EN
                    + r"\bhelps?\b[^;]{0,120}?\b(?:impact\s+assessments?|prior\s+consultations?)\b",
                    # "The Provider tells the Customer within [48] hours after it finds a breach"
                    # (AgentNet): the controller told of a breach (not of a breach of the contract)
                    _NOT_EN
                    + r"\b(?:tells?|notif(?:y|ies)|informs?)\s+(?:the\s+)?(?:customer|controller|client|you)\b"
                    r"[^;]{0,100}?\b(?:a|any|the)\s+(?:personal\s+data\s+|data\s+|security\s+)?breach\b"
                    r"(?!\s+of\s+(?:this|the|its|any)\s+(?:agreement|contract|terms|dpa|obligations?)\b)",
                    # (not the customer telling the processor: "The Customer shall notify the
                    # Provider of any security incident", also after a clause; not staff telling the
                    # IT desk, not "Nothing ... requires", not "For information on past data
                    # incidents": the review of rounds 25-26's patterns)
                    r"^(?!.*\b(?:customers?|controllers?|clients?)\s+(?:shall|will|must|agrees\s+to"
                    r"|undertakes\s+to)\s+(?:\w+ly\s+)?(?:notify|inform)\b)"
                    r"(?!.*\b(?:nothing|neither|employees|staff|(?:service|help|IT)\s+desk)\b).*?"
                    + _either_order(
                        r"\b(?:personal\s+data\s+breach|data\s+breach|security\s+incident"
                        # "notifies the merchant of a personal data incident within 72 hours"
                        # (APIbase)
                        r"|(?:personal\s+)?data\s+incidents?"
                        # "an incident that affects personal data" (the Spanish of PymesHub)
                        r"|incidents?\s+(?:\w+\b\s+){0,2}?(?:that\s+|which\s+)?affect(?:s|ing)?\s+"
                        r"(?:the\s+|any\s+)?(?:customer\s+)?personal\s+data)",
                        r"\b(?:noti(?:fy|fi\w*|ce)|inform(?:s|ed|ing)?)\b",
                        150,
                    ),
                    # "shall notify the Controller without undue delay upon becoming aware of a
                    # confirmed security vulnerability ... of personal data" (Xinity)
                    # (of a vulnerability, one that affects the personal data, in one clause)
                    _NOT_EN
                    + r"\bnotif(?:y|ies)\s+(?:the\s+)?(?:controller|customer|client)\b[^;]{0,60}?\b(?:of"
                    r"|about)\s+(?:a|any)\s+(?:confirmed\s+)?security\s+vulnerabilit(?:y|ies)\b[^;]{0,120}?"
                    r"(?<!\bnot\s)\b(?:affect\w*|compromis\w*)\b[^;]{0,80}?\bpersonal\s+data\b",
                    # the Article's "assists the controller in ensuring compliance with the
                    # obligations": "Assist Customer in responding to Data Subject requests and in
                    # ensuring compliance with Customer's obligations under applicable data
                    # protection law" (ShipGate)
                    r"^(?!\W*(?:the\s+)?(?:customers?|controllers?|clients?)\b).*?"
                    + _ASSIST_EN
                    + r"\b[^;]{0,150}?\bin\s+ensuring\s+compliance\s+with\s+(?:the\s+)?(?:customer|controller|client)"
                    r"(?:'s)?\s+obligations\b(?!\s+(?:of|to)\s+(?:the\s+)?(?:processor|provider))",
                ],
                "fr": [
                    _ASSIST_FR
                    + r".{0,250}?\b(?:analyses?\s+d'\s*impact|consultations?\s+pr[ée]alables?"
                    r"|violations?)",
                    _either_order(r"\b(?:notifi|inform|avert|signal)\w*", r"\bviolations?\b", 150),
                    # "Notifier tout incident de sécurité sous 24h" (Raggy): a verb, not the noun
                    # "informations"
                    _either_order(
                        r"\b(?:notifi(?:e|er|era|eront|ent)|inform(?:e|er|era|eront|ent)|signal(?:e|er"
                        r"|era|eront|ent)|avert(?:ir|it|ira|iront|issent))\b",
                        r"\bincidents?\s+de\s+s[ée]curit[ée]\b",
                        150,
                    ),
                    # "incident de confidentialité", Québec's word for a breach, notified to the
                    # client: "En cas ... d'un incident de confidentialité ..., Softfacture s'engage
                    # à : a) Notifier le Client dans un délai de 48 heures" (Softfacture)
                    _either_order(
                        r"\bincidents?\s+de\s+confidentialit[ée]\b",
                        _NOT_CONTROLLER_FR
                        + r"(?<!\bne\s)\b(?:notifi|inform|avert|signal)\w*\s+(?:le|au)\s+(?:client"
                        r"|responsable)\b",
                        200,
                        "[^;]",
                    ),
                    # "Collaborer pleinement avec le Client pour lui permettre d'effectuer ses propres
                    # obligations de notification" (Softfacture)
                    _NOT_FR
                    + _NOT_CONTROLLER_FR
                    + r"(?<!\bne\s)\b(?:collabor|coop[ée]r|assist|aide)\w*\s+(?:pleinement\s+)?(?:avec\s+)?"
                    r"(?:le|la|au)\s+(?:client|responsable)\b[^;]{0,150}?\bobligations?\s+de\s+"
                    r"notification\b",
                    # "Fournir les informations nécessaires aux analyses d'impact (AIPD)" (Raggy)
                    _NOT_FR
                    + _NOT_CONTROLLER_FR
                    + r"\b(?:fourni(?:r|t|ra|ront|ssent)|communiqu(?:e|er|era|eront|ent)|transmet(?:tre"
                    r"|tra|tront)?)\b.{0,80}?\b(?:analyses?\s+d'\s*impact|AIPD|DPIA)\b",
                    # a breach before the GDPR: "il communiquera sans retard à l'exportateur de
                    # données: ... tout accès fortuit ou non autorisé" (2010/87/EU clause 5(d)(ii))
                    _FR_TELLS + r".{0,150}?\bacc[èe]s\s+fortuits?\b",
                ],
                "de": [
                    _ART_DE + r"32\s*(?:bis|-)\s*36\b",
                    # "den Auftraggeber bei dessen Pflichten nach Art. 33 und 34
                    # Datenschutz-Grundverordnung im erforderlichen Umfang zu unterstützen"
                    # (fortrabbit)
                    r"\b(?:Pflichten|Verpflichtungen)\b.{0,40}?\b"
                    + _ART_DE
                    + r"3[2-6]\b.{0,150}?"
                    + _ASSIST_DE,
                    _ASSIST_DE
                    + r".{0,250}?\b(?:\w*Folgenabsch[äa]tzung\w*|\w*Konsultation\w*|Meldung\w*"
                    r"|Benachrichtigung\w*|\w*verletzung\w*|\w*versto(?:ß|ss)\w*)",
                    _either_order(
                        r"\b(?:Datenschutzverletzung|Datenverletzung|Datenpanne|Verletzung\w*\s+"
                        r"(?:des\s+Schutzes|der\s+personenbezogenen)|Datenverst(?:o|ö)(?:ß|ss)|"
                        r"Sicherheitsvorf[äa]ll)\w*",
                        r"\b(?:meld|informier|benachrichtig|mitteil|mitzuteil|unterricht)\w*",
                        150,
                    ),
                    # a breach before the GDPR: "er den Datenexporteur unverzüglich informiert über
                    # ... jeden zufälligen oder unberechtigten Zugang" (2010/87/EU clause 5(d)(ii))
                    _DE_TELLS
                    + r".{0,150}?\b(?:jede[nrs]?|alle[nr]?|eine[nrs]?)\s+(?:zuf[äa]llig|unberechtigt"
                    r"|unbefugt)\w*\s+(?:oder\s+\w+\s+)?"
                    r"Zug(?:ang|riff)\w*",
                ],
                "es": [
                    _ART_ES + r"32\s*(?:a|al|-)\s*36\b",
                    _ASSIST_ES
                    + r".{0,250}?\b(?:evaluaci[óo]n\w*\s+de\s+impacto|an[áa]lisis\s+de\s+impacto"
                    r"|consultas?\s+previas?|violaci[óo]n\w*|brechas?)",
                    _either_order(
                        r"(?:\b(?:violaci[óo]n|violaciones|brechas?|incidentes?\s+de\s+seguridad)\b"
                        # "Ante un incidente confirmado que afecte datos personales ..., Otnel S.A
                        # notificara sin demora indebida" (PymesHub)
                        r"|\bincidentes?\s+(?:\w+\b\s+){0,2}?que\s+afect\w*\s+(?:a\s+)?(?:los\s+)?datos\s+"
                        r"personales\b)",
                        r"\b(?:notific|inform|comunic)\w*",
                        150,
                    ),
                    # a breach before the GDPR: "notificará sin demora al exportador de datos
                    # sobre: ... todo acceso accidental o no autorizado" (2010/87/EU clause
                    # 5(d)(ii))
                    _ES_TELLS + r".{0,150}?\bacceso\s+(?:accidental|fortuito)\b",
                    # incidents, as a section's label, told to the controller: "6. Incidentes:
                    # Comunicar al Responsable de inmediato" (compliance-uy)
                    r"^\W*(?:\d+[.)]\s*)?incidentes\s*:\s*"
                    + _NOT_ES
                    + r"(?:notific|comunic|inform)\w*\s+(?:de\s+inmediato\s+)?(?:al|a\s+la)\s+"
                    r"(?:responsable|cliente)\b",
                ],
                "it": [
                    _ART_IT + r"(?:da\s+)?32\s*(?:a|al|-)\s*36\b",
                    _ASSIST_IT
                    + r".{0,250}?\b(?:valutazion[ei]\s+d'\s*impatto|consultazion[ei]\s+preventiv"
                    r"\w*|violazion[ei])",
                    _either_order(
                        r"\b(?:violazion[ei]|data\s+breach)\b",
                        r"\b(?:notific|inform|comunic|segnal)\w*",
                        150,
                    ),
                ],
            },
            sections=_UNDER_HEADINGS["f"],
        ),
        "g": _clause(
            "g",
            "deletion or return at the end of the services",
            "deleting or returning the personal data, at the controller's choice, at the end of "
            "the services ('at the choice of the controller, delete or return', "
            "'supprimer ou renvoyer', 'nach Wahl ... löschen oder zurückgeben', "
            "'suprimir o devolver', 'cancellare o restituire')",
            {
                "en": [
                    r"\b(?:choice|option|election)\b.{0,120}?"
                    + _either_order(_DELETE_EN, _RETURN_EN, 150)
                    + _CONTROLLERS_DUTY_EN,
                    # not the processor's duty to have its subcontractors return or delete ("to
                    # bring about the immediate return or deletion also with subcontractors",
                    # fortrabbit): that is a flow-down, not the controller's choice
                    # and not the term of the DPA: "This DPA remains in effect ... until all Personal
                    # Data has been deleted or returned" (F7)
                    rf"(?<!\bbeen\s)(?<!\bbeen\ssecurely\s)(?:{_DELETE_EN}.{{0,150}}?{_OR_EN}"
                    rf"{_RETURN_EN}|{_RETURN_EN}\s*{_OR_EN}{_DELETE_EN})"
                    rf"(?!.{{0,30}}?\bwith\s+(?:its\s+|the\s+)?sub-?(?:contractors?|processors?)\b)"
                    # (not a reference: "Termination and the return or deletion of Company
                    # Personal Data are governed by the Principal Agreement", Onetime Secret)
                    r"(?!.{0,60}?\b(?:is|are)\s+(?:governed\s+by|set\s+out\s+in|described\s+in|addressed\s+in)\b)"
                    + _CONTROLLERS_DUTY_EN,
                    # an export made available at the end, then deletion: "On termination we make a
                    # workspace export available and then delete Personal Data" (FinOps Guard)
                    _END_EN
                    + r"[^.;]{0,40}?(?<!\bcan\s)(?<!\bmay\s)(?<!\byou\s)\b(?:make|makes|will\s+make|provide"
                    r"|provides|will\s+provide|offer|offers"
                    r"|will\s+offer)\s+(?:an?\s+|the\s+)?(?:[\w-]+\b\s+){0,2}?exports?\b[^.;]{0,40}?"
                    r"(?:\bavailable\b[^.;]{0,40}?)?\b(?:then|thereafter|afterwards)\b[^.;]{0,30}?"
                    + _DELETE_EN
                    + _CONTROLLERS_DUTY_EN,
                    # the data named between: "the Provider returns the data in JSON or deletes it,
                    # as the Customer selects" (AgentNet)
                    _NOT_EN
                    + _RETURN_EN
                    + r"\s+(?:the\s+|all\s+|such\s+|any\s+)?(?:[\w-]+\b\s+){0,2}?data\b[^.;]{0,40}?"
                    + _OR_EN
                    + _DELETE_EN
                    + _CONTROLLERS_DUTY_EN,
                    # both at the end, in a list read whole: "Upon termination of the Agreement,
                    # Processor shall: - Return all Personal Data to Controller ... - Delete all
                    # copies within 30 days" (ErgoVigilance); "When School terminates agreement: -
                    # School requests data export - WildPraxis provides export within 30 days - All
                    # Student Data deleted within 60 days" (WildPraxis); not the customer's own
                    # (not the customer deleting or returning, nor things returned: "The Customer must
                    # delete all copies of the Software and return any hardware tokens")
                    _NOT_THEIR_OWN_DELETION
                    + r"(?!.*\b(?:customers?|controllers?|clients?|schools?|members?|users?|you)\s+(?:must|shall|should"
                    r"|will|may|can|deletes|erases|returns)\b)(?!.*\bdeleted\s+by\s+the\b)"
                    r"(?!.*\breturns?\s+(?:any\s+|all\s+|the\s+)?(?:loaned\s+)?(?:hardware|devices?|tokens?|equipment"
                    r"|keys|badges|laptops?)\b).*?"
                    + _end_list(
                        _END_EN,
                        r"customers?|controllers?|clients?|you",
                        r"is|are|must|shall|may|can|should",
                        _NOT_EN + _DELETE_EN,
                        rf"(?:{_NOT_EN}{_RETURN_EN}|{_EXPORT_PROVIDED_EN})",
                    ),
                ],
                "fr": [
                    r"\bchoix\b.{0,120}?" + _either_order(_DELETE_FR, _RETURN_FR, 150),
                    rf"{_DELETE_FR}.{{0,150}}?{_OR_FR}{_RETURN_FR}"
                    rf"|{_RETURN_FR}.{{0,150}}?{_OR_FR}{_DELETE_FR}",
                    # both at the end, in a list read whole: "Fin de contrat : - Suppression
                    # complète des données sous 30 jours ... - Restitution possible au format
                    # demandé par le Client" (Raggy)
                    # "À l'expiration ou à la résiliation du contrat, Softfacture s'engage à : - ...
                    # - Offrir au Client un export complet ... - Procéder ensuite à la destruction"
                    # (the processor's undertaking: not the client's; neither verb negated)
                    _end_list(
                        _END_FR,
                        r"client|responsable",
                        r"est|doit|devra|peut|pourra|s'engage",
                        _NOT_NOR_FR + _DELETE_FR,
                        rf"(?:{_NOT_NOR_FR}{_RETURN_FR}|{_EXPORT_OFFERED_FR})",
                    ),
                ],
                "de": [
                    r"\bWahl\b.{0,120}?" + _either_order(_DELETE_DE, _RETURN_DE, 150),
                    rf"{_DELETE_DE}.{{0,150}}?{_OR_DE}.{{0,60}}?{_RETURN_DE}"
                    rf"|{_RETURN_DE}.{{0,150}}?{_OR_DE}.{{0,60}}?{_DELETE_DE}",
                ],
                "es": [
                    r"\b(?:elecci[óo]n|opci[óo]n|decisi[óo]n)\b.{0,120}?"
                    + _either_order(_DELETE_ES, _RETURN_ES, 150),
                    rf"{_DELETE_ES}.{{0,150}}?{_OR_ES}{_RETURN_ES}"
                    rf"|{_RETURN_ES}.{{0,150}}?{_OR_ES}{_DELETE_ES}",
                    # both at the end, in a list read whole: "Al terminar: a. El Operador pondrá a
                    # disposición de la Finca la exportación de los datos ... b. Vencido ese plazo,
                    # el Operador suprimirá los datos personales" (Báscula); not the client's
                    # undertaking
                    _end_list(
                        rf"(?:\bal\s+(?:terminar|finalizar)\b|{_END_ES})",
                        r"cliente|responsable",
                        r"es|debe|deber[áa]|puede|podr[áa]|se\s+compromete",
                        _NOT_ES + _DELETE_ES,
                        rf"(?:{_NOT_ES}{_RETURN_ES}|{_EXPORT_OFFERED_ES})",
                    ),
                ],
                "it": [
                    r"\b(?:scelta|discrezione)\b.{0,120}?"
                    + _either_order(_DELETE_IT, _RETURN_IT, 150),
                    rf"{_DELETE_IT}.{{0,150}}?{_OR_IT}.{{0,30}}?{_RETURN_IT}"
                    rf"|{_RETURN_IT}.{{0,150}}?{_OR_IT}.{{0,30}}?{_DELETE_IT}",
                ],
            },
            partial={
                "en": [
                    _NOT_THEIR_OWN_DELETION
                    + r".*?"
                    + _either_order(
                        _NOT_EN
                        + _NOT_CUSTOMER_DELETES_EN
                        # also "removes the live account database and records" (Feasible)
                        + r"\b(?:(?:delet|eras|destr)\w*|(?:remov|purg)\w*\b(?!\s+(?:your\s+|the\s+|its\s+)?"
                        r"access))" + r".{0,80}?\b(?:data|database|records)\b",
                        _END_EN,
                        120,
                    )
                    + _CONTROLLERS_DUTY_EN,
                    # "Upon termination of the contract, the data will be destroyed." (fortrabbit);
                    # "On termination of the Agreement ...: - All copies of the dataset are removed"
                    # (Veritas)
                    _NOT_THEIR_OWN_DELETION
                    + r".*?"
                    + _END_EN
                    + r".{0,80}?\b(?:data(?:sets?)?|copies)\b.{0,40}?\b(?:(?:will|shall|must|are\s+to)\s+be"
                    r"|is|are)\s+(?:permanently\s+|securely\s+|hard-?)?(?:delet|eras|destr|remov|purg)\w*\b(?!\s+by\s+(?:you|the\s+(?:customer|controller|client)))"
                    + _CONTROLLERS_DUTY_EN,
                    # deletion offered on request, no return: "Manual deletion available on request
                    # within 72 hours" (AeneasSoft) -- not a notice's "your", not the customer's own
                    _NOT_THEIR_OWN_DELETION
                    + r"(?!.*\b(?:not|never|no|your|you|users?)\b)\W*(?:manual\s+|full\s+|complete\s+)?"
                    r"(?:data\s+)?deletion\b[^.;]{0,30}?\b(?:available\s+)?(?:on|upon)\s+(?:the\s+)?(?:(?:customer|"
                    r"controller|client)(?:'s)?\s+)?(?:written\s+)?request\b",
                    # all the controller's data deleted at its request: "On written Controller request: 1.
                    # Spooky Labs deletes all Controller data from its support and ticketing systems
                    # within 30 days." (Spooktacular)
                    _NOT_THEIR_OWN_DELETION
                    + r".*?"
                    + _either_order(
                        r"\b(?:on|upon|at)\s+(?:the\s+)?(?:(?:prior\s+)?written\s+)?(?:controller|customer"
                        r"|client)(?:'s)?\s+(?:written\s+)?request\b",
                        _NOT_EN
                        + _NOT_CUSTOMER_DELETES_EN
                        + r"\b(?:delet|eras|destr)\w*\s+all\s+(?:(?:the\s+)?(?:controller|customer|client)(?:'s)?"
                        r"\s+)?(?:personal\s+)?data\b(?!\s+of\s+(?:a|an|one|single|each|the)\b)",
                        80,
                    )
                    + _CONTROLLERS_DUTY_EN,
                    # a kind of data deleted at the close of what it served: "- Delivery address:
                    # deleted when the order is CLOSED plus 30 days" (APIbase), "Account data:
                    # erased 30 days after the account is closed" -- not a notice's "you"
                    # (data named, not a newsletter's list, not years of retention: the review of
                    # rounds 25-26's patterns)
                    _NOT_THEIR_OWN_DELETION
                    + r"(?!.*\b(?:you|your|not|never|unless|newsletters?|marketing|subscribers?|years?)\b)"
                    + r"(?=\W*(?:[\w-]+\b\s*){0,3}?(?:data|address\w*|records?|information|files?|logs?|documents?"
                    r"|details|passports?|profiles?|content|copies|backups?)\b)"
                    + r"^\W*(?:[\w-]+\b\s*){1,4}:\s*(?:(?:is|are)\s+)?(?:(?:permanently|securely)\s+)?"
                    r"(?:deleted|erased|purged|destroyed)\s+(?:(?:within\s+)?\d+\s+\w+\s+)?(?:(?:at|after)\s+the\s+)?(?:"
                    + _END_EN
                    + r"|(?:when|once|after)\s+(?:the\s+)?(?:order|account|contract|agreement|subscription"
                    r"|engagement|project|service|case)s?\s+(?:(?:is|are|has\s+been|have\s+been)\s+)?"
                    r"(?:closed|terminated|cancell?ed|ended|completed|fulfilled)\b)",
                ],
                "fr": [
                    _NOT_THEIR_OWN_DELETION_FR
                    + _either_order(_DELETE_FR + r".{0,80}?\bdonn[ée]es\b", _END_FR, 120),
                    # deletion listed under the end: "À la fin du contrat ou suppression compte :
                    # soft-delete, revocation Discord, purge secrets" (Discelyn), not the client's
                    _END_FR
                    + r"[^.:]{0,60}?:(?![^.]{0,40}?\b(?:client|responsable)\s+(?:peut|doit|pourra|devra)\b)"
                    r"[^.]{0,40}?\b(?:soft-delete|purge\w*|suppression|effacement|destruction)\b",
                ],
                "de": [_either_order(_DELETE_DE, _END_DE, 120)],
                # (also "se destruirá cualquier registro temporal de diagnóstico", SynapseAI)
                "es": [
                    _NOT_THEIR_OWN_DELETION_ES
                    + _either_order(
                        _DELETE_ES + r".{0,80}?\b(?:datos|registros?|copias|informaci[óo]n)\b",
                        _END_ES,
                        120,
                    )
                ],
                "it": [_either_order(_DELETE_IT + r".{0,80}?\bdati\b", _END_IT, 120)],
            },
            partial_looked_for="deletion at the end of the services, but no return of the data at "
            "the controller's choice",
            reads_lists=True,
        ),
        "h": _clause(
            "h",
            "information and audits",
            "making available the information necessary to demonstrate compliance and allowing "
            "for audits, including inspections ('audits, including inspections', 'permit and "
            "contribute to audits', 'audits, y compris des inspections', 'Audits, einschließlich "
            "Inspektionen', 'auditorías, incluidas las inspecciones', 'audit, comprese le "
            "ispezioni')",
            {
                "en": [
                    r"\baudits?,?\s+including\s+inspections?",
                    # both halves in one sentence: "We make available what you need to demonstrate
                    # compliance and to audit ours." (Feasible)
                    r"(?<!\byou\s)(?<!\bcustomer\s)(?<!\bcontroller\s)\bmak(?:e|es|ing)\s+available\b[^.;]{0,80}?"
                    r"\bdemonstrate\s+compliance\b[^.;]{0,40}?\b(?:to|and)\s+(?:to\s+)?(?:audit|inspect)\b",
                    # (not sub-processors' duty, a flow-down: "All sub-processors must: Submit to
                    # regular audits and assessments", ReadyCheck AI)
                    r"^(?!.*\bsub-?\s?(?:processors?|contractors?)\s+(?:shall|must|will|are\s+required\s+to)\b)"
                    r".*?"
                    + _NOT_EN
                    + r"\b(?:allow|permit|contribut|submit|carry\s+out|conduct|perform|undergo)\w*\b"
                    r".{0,60}?\baudits?\b" + _NOT_BY_AUTHORITY,
                    # "Customer may, prior to the commencement of Processing, and at regular
                    # intervals thereafter, audit the technical and organizational measures taken
                    # by Courier." (the verb, not "audit reports")
                    # "The Controller (or its third-party auditor) may audit the Processor's
                    # compliance" (Clipstack)
                    # (a parenthesis only naming an auditor; not the customer's "own" records)
                    r"\b(?:customer|controller|client|data\s+exporter)(?:\s*\((?:[^()]{0,120}?\b(?:auditors?"
                    r"|designees?|representatives?|third[\s-]part\w*)\b)[^()]{0,120}\))?\s+"
                    r"(?:may|(?:shall\s+be|is)\s+"
                    r"entitled\s+to|(?:shall\s+)?ha(?:s|ve)\s+the\s+right\s+to)\b(?!\s+not\b)"
                    r".{0,100}?\baudit\s+(?:(?:the|its|their)\b(?!\s+own\b)|compliance|processor|provider"
                    r"|vendor|supplier|\w+'s)\b",
                    # "to provide the necessary information, to demonstrate procedures and to
                    # provide the evidence required to carry out an inspection" (fortrabbit)
                    r"\b(?:information|evidence)\b.{0,60}?\b(?:required|necessary|needed)\s+"
                    r"(?:to\s+carry\s+out|for)\s+(?:an?\s+|the\s+)?(?:inspections?|audits?)\b",
                    # the audit with its conditions: "Where Data Protection Laws give you an audit
                    # right ..., you may audit, on reasonable prior notice, no more than once a year"
                    # (Formhaus)
                    # also without the comma: "Customer may audit no more than once a year" (NOSHASHI)
                    # (or with a parenthesis naming an auditor: "The Customer may audit (or appoint an
                    # independent third-party auditor ...) on reasonable prior notice", dcm-anon-vault)
                    r"(?<!\bnot\s)\b(?:you|customer|controller|client)\s+may\s+(?:audit|inspect)(?:\s*\((?=[^()]{0,120}?\b(?:auditors?"
                    r"|third[\s-]part\w*|designees?|representatives?)\b)[^()]{0,120}\))?"
                    r"\s*,?\s*(?:on"
                    r"|upon|with|at|no\s+more|once)\b(?![^;.]{0,80}?\b(?:your|its)\s+own\b(?!\s+(?:cost"
                    r"|expense)))",  # (its own records, not its own cost)
                    # audits provided for, with what they cover: "audits will focus on: - Access
                    # to infrastructure and logs" (Applied Poetics)
                    # (not internal or financial audits, not someone's own, not "only" a report)
                    r"(?<!\binternal\s)(?<!\bfinancial\s)(?<!\bannual\s)(?<!'s\s)\baudits?\s+(?:will|shall)\s+"
                    r"(?:focus\s+on|include|cover|consist\s+of)\b(?!\s+only\b)",
                    # "a business customer may request an audit no more than once per year"
                    # (NEXUSV): an audit, not its report
                    # also with a condition between and as a list's item: "Controller may, no more
                    # than once per 12 months, request: - On-site inspection" (Ome365)
                    r"(?<!\bnot\s)\b(?:you|customers?|controllers?|clients?)\s+(?:may|can|(?:is|are)\s+entitled\s+to"
                    r"|ha(?:s|ve)\s+the\s+right\s+to)(?:,[^.;:]{0,80},)?\s+request\s*:?\s+"
                    r"(?:an?\s+|the\s+)?(?:on-?\s?site\s+)?"
                    r"(?:audits?|inspections?)\b(?!\s+(?:reports?|results?|logs?|trails?|summar\w*|certificat\w*"
                    r"|of\s+(?:its\s+own|their|your)))(?![^.;]{0,60}?\b(?:invoices?|billing|bills?|websites?"
                    r"|WCAG|accessibility|equipment|goods|products?|hardware|deliver\w*|shipments?)\b)",
                    # "On-site audits are available to Enterprise customers" (not negated, not an
                    # authority's)
                    r"\b(?:on-?\s?site|onsite)\s+(?:audits?|inspections?)\s+(?:are|is|will\s+be|shall\s+be)\s+"
                    r"(?:available|possible|permitted|allowed|offered)\b(?![^.;]{0,60}?\b(?:authorit\w*"
                    r"|regulators?)\b)(?![^.;]{0,80}?\b(?:consult\w*|as\s+a\s+service|your\s+(?:premises|warehouse"
                    r"|sites?|offices?|facilit\w*))\b)",
                ],
                "fr": [
                    r"\baudits?,?\s+y\s+compris\s+(?:des\s+|les\s+)?inspections?",
                    # "Un audit sur site est possible, aux frais du Client" (GhostPass)
                    # (not by an authority: "possible uniquement par les autorités")
                    r"\b(?:audits?|inspections?)(?:\s+sur\s+(?:site|place))?\s+(?:est|sont)\s+(?:possibles?"
                    r"|autoris[ée]e?s?|permise?s?)\b(?!\s+(?:uniquement\s+|seulement\s+)?(?:par|pour)\s+"
                    r"(?:la\s+|les\s+|l'\s*)?(?:CNIL|autorit))",
                    _NOT_FR
                    + r"\b(?:autoris|permet|contribu|collabor|particip|coop[ée]r|r[ée]alis|effectu"
                    r"|proc[ée]d|soumet)\w*\b.{0,60}?\baudits?\b" + _NOT_BY_AUTHORITY,
                    # "Le Responsable a le droit d'auditer le Sous-Traitant" (memoLib)
                    r"\b(?:responsable|client|exportateur\s+de\s+donn[ée]es)\s+(?:a|aura|dispose\s+"
                    r"d[eu])\s+(?:le\s+)?droit\s+d'\s*(?:auditer|inspecter|proc[ée]der\s+[àa]\s+des\s+"
                    r"audits)\b(?!\s+(?:ses|leurs|son|sa)\s+propres?\b)",
                    # "il soumettra ses moyens de traitement de données à une vérification ... qui
                    # sera effectuée par l'exportateur de données" (2010/87/EU clause 5(f))
                    _NOT_FR + r"\bsoumet\w*\b.{0,80}?\b(?:v[ée]rifications?|inspections?)\b",
                ],
                "de": [
                    r"\b(?:Audits?|Überprüfungen|Kontrollen|Prüfungen)\s*(?:[,-]\s*)?"
                    r"einschlie(?:ß|ss)lich\s+(?:von\s+)?Inspektionen",
                    _either_order(
                        _NOT_DE + r"\b(?:erm[öo]glich|gestatt|erlaub|unterst[üu]tz|duld|zulass"
                        r"|zul[äa]ss|l[äa]sst|tr[äa]gt)\w*\b(?!\s+kein)",
                        r"\b(?:Audits?|Überprüfungen|Kontrollen|Inspektionen)\b",
                        60,
                    ),
                    # "Der Auftraggeber ist berechtigt, die Einhaltung der Vorschriften über den
                    # Datenschutz ... beim Auftragnehmer ... zu kontrollieren" (fortrabbit)
                    # "Der Auftraggeber hat das Recht, die Einhaltung ... zu überprüfen" (Schafe vorm
                    # Fenster); "Der Auftraggeber oder ein beauftragter Prüfer hat das Recht: -
                    # Inspektionen durchzuführen" (Handbook Generator)
                    # (the processor's compliance or processing to be checked, not invoices)
                    r"\b(?:Auftraggeber|Verantwortliche)\w*\s+ist\s+berechtigt\b.{0,350}?\bzu\s+"
                    r"(?:kontrollieren|überprüfen|prüfen|auditieren|inspizieren)\b",
                    r"\b(?:Auftraggeber|Verantwortliche)\w*\b.{0,60}?\b(?:ist|sind|hat|haben)\s+"
                    r"(?:berechtigt|befugt|das\s+Recht)\b(?:[^;]{0,150}?\b(?:Einhaltung|Verarbeitung"
                    r"|Ma(?:ß|ss)nahmen|Auftragnehmer\w*|Auftragsverarbeiter\w*)\b[^;]{0,200}?\bzu\s+"
                    r"(?:kontrollieren|überprüfen|prüfen|auditieren|inspizieren)|[^;]{0,150}?\b(?:Inspektionen"
                    r"|Audits?|Kontrollen|Prüfungen|Überprüfungen)\s+durchzuführen)\b",
                    # "seine für die Verarbeitung erforderlichen Datenverarbeitungseinrichtungen zur
                    # Prüfung ... zur Verfügung stellt" (2010/87/EU clause 5(f))
                    _either_order(
                        r"\b(?:Datenverarbeitungs|Verarbeitungs)einrichtungen\b",
                        r"\bzur\s+(?:Prüfung|Kontrolle|Überprüfung)\b",
                        120,
                    ),
                ],
                "es": [
                    # the controller's verification, itself or through a third party: "La Finca,
                    # directamente o por intermedio de un tercero habilitado, podrá verificar el
                    # cumplimiento de este contrato" (Báscula)
                    r"\bdirectamente\s+o\s+(?:por\s+intermedio|a\s+trav[ée]s|por\s+medio)\s+de\s+(?:un\s+)?"
                    r"(?:terceros?|auditor\w*)\b[^;.]{0,60}?\bpodr[áa]\s+(?:verificar\s+el\s+cumplimiento"
                    r"|auditar|inspeccionar)\b",
                    r"\bauditor[íi]as?,?\s+(?:incluid[ao]s?|incluyendo|incluso)\s+(?:las\s+)?"
                    r"inspecciones",
                    _NOT_ES + r"\b(?:permit|autoriz|contribu|facilit|someter|realiz)\w*\b.{0,60}?"
                    r"\bauditor[íi]as?",
                    # "El Cliente tiene derecho a: Auditar el cumplimiento de este DPA" (Club+)
                    r"\b(?:cliente|responsable|exportador\s+de\s+datos)\s+(?:tiene|tendr[áa])\s+"
                    r"(?:el\s+)?derecho\s+a\b(?:(?!\b(?:no|nunca|ning[úu]n\w*)\b).){0,100}?"
                    r"\b(?:auditar|inspeccionar)\b",
                    r"\b(?:cliente|responsable|exportador\s+de\s+datos)\s+(?:podr[áa]|puede)"
                    r"(?!\s*no\b)\s+(?:(?!\b(?:no|nunca|ning[úu]n\w*)\b).){0,100}?"
                    r"\b(?:auditar|inspeccionar)\b",
                    # "ofrecerá a petición del exportador de datos sus instalaciones de tratamiento
                    # de datos para que se lleve a cabo la auditoría" (2010/87/EU clause 5(f))
                    _NOT_ES + r"\b(?:ofrec|somet|pon)\w*\b.{0,120}?\binstalaciones\b.{0,120}?"
                    r"\b(?:auditor[íi]as?|inspecci[óo]n\w*|verificaci[óo]n\w*)",
                ],
                "it": [
                    r"\baudit\w*,?\s+(?:ivi\s+)?(?:compres[ie]|inclus[ie])\s+(?:le\s+)?ispezioni",
                    _NOT_IT
                    + r"\b(?:consent(?:e|ono|ir\w*)|permett|autorizz|contribu|sottop|effettu)\w*\b.{0,60}?"
                    r"\b(?:audit|verifiche|ispezioni)\b",
                ],
            },
            # only reports or certifications provided, no audit or inspection by the controller
            # ("will provide Customer with its most recent available third-party audit reports or
            # security certifications", Actually Reliable)
            # or only the information to demonstrate compliance, with no audit ("Dem
            # Auftraggeber alle erforderlichen Informationen zum Nachweis der Einhaltung dieses
            # Vertrags zur Verfügung zu stellen", Pruefai)
            partial={
                "en": [
                    _NOT_EN
                    + r"\b(?:provid|mak|furnish|shar|suppl)\w*\b.{0,80}?\b(?:(?:third-party\s+)?"
                    r"audit\s+reports?|security\s+certifications?|SOC\s*2\b|ISO(?:/IEC)?\s*27001\b)",
                    # "such information as is reasonably necessary to demonstrate compliance"
                    # (Xinity)
                    # also "to demonstrate this DPA" (Tagsmith)
                    r"\b(?:information|documentation)\s+(?:reasonably\s+)?(?:necessary|needed|required)\s+to"
                    r"\s+demonstrate\s+(?:compliance|(?:its\s+)?(?:adherence|conformity)|this\s+(?:DPA"
                    r"|agreement|addendum))",
                    # (the relative form only as something provided, not the customer's records)
                    r"\b(?:mak\w*\s+available|provid\w*|furnish\w*|suppl\w*)\b[^;.]{0,80}?\b(?:information"
                    r"|documentation)\s+(?:as|that)\s+(?:is|are)\s+(?:reasonably\s+)?necessary\s+to\s+"
                    r"demonstrate\s+compliance",
                    # "The Controller may request evidence of compliance with this DPA, including:"
                    # (Gauge): evidence only, no audit
                    # "may request, no more than once per year ..., evidence of the Processor's
                    # compliance" (Grantex)
                    r"\b(?:you|customer|controller|client)\s+(?:may|can)\s+request\b[^.;]{0,80}?\b(?:evidence"
                    r"|proof)\s+of\s+(?:[\w']+\b\s+){0,2}?compliance\b(?![^.;]{0,40}?\b(?:its|their|your)\s+own\b)"
                    r"(?!\s+with\s+(?!(?:this|the)\s+(?:DPA|agreement|addendum|data\s+protection|GDPR)\b))"
                    r"(?![^.;]{0,80}?\bfrom\s+(?:any|its|a|an|the)\s+(?:resellers?|suppliers?|vendors?|partners?"
                    r"|account\s+managers?)\b)",
                    # a test's or an audit's report on request: "Annual penetration test; summary
                    # available on request." (OAuthLint) -- not logs, not negated, not the customer's
                    r"^(?!.*\b(?:not|never|no\s+longer)\b)(?!.*\b(?:customer|controller|client)'s\b)"
                    r".*?\b(?:penetration\s+tests?|pen-?tests?|security\s+(?:audits?"
                    r"|assessments?|tests?)|audits?|SOC\s*2(?:\s+type\s+(?:II|2|I|1))?|ISO(?:/IEC)?\s*27001)\b[^.]{0,60}?"
                    r"\b(?:summar(?:y|ies)|reports?|results|certificates?|attestations?)\b[^.]{0,20}?\bavailable\s+"
                    r"(?:to\s+(?:the\s+)?(?:customers?|controllers?|clients?|you)\s+)?(?:on|upon)\s+(?:written\s+)?request\b",
                    # documents as the audit cooperation: "Dude will provide audit cooperation ...,
                    # such as: - current security overview and architecture summary;" (Dude)
                    # -- not given by the customer or a supplier, not for the customer's own audits
                    # (the review of rounds 25-26's patterns)
                    r"^(?!.*\b(?:not|never)\b)(?!\W*(?:the\s+|each\s+)?(?:customers?|controllers?|clients?|you"
                    r"|suppliers?|vendors?|resellers?|partners?)\b)(?!.*\bown\s+(?:\w+\s+)?audits?\b)"
                    r".*?\b(?:provid|mak|furnish|shar|suppl)\w*\b[^.;]{0,20}?\baudit\s+"
                    r"(?:cooperation|co-operation|assistance|support)\b[^.]{0,80}?\b(?:security\s+(?:overviews?"
                    r"|summar(?:y|ies)|documentation|white\s*papers?)|polic(?:y|ies)\s+summar(?:y|ies)"
                    r"|architecture\s+summar(?:y|ies))\b",
                    # a description of the measures on request: "You may request: - A summary of
                    # the security measures in place (this document)." (Gearbox Labs Relay)
                    r"\b(?:you|customer|controller|client)\s+(?:may|can)\s+request\b[^.;]{0,40}?\b(?:a\s+|an\s+"
                    r"|the\s+)?(?:summary|copy|overview|description)\s+of\s+(?:the\s+|its\s+|our\s+)?(?:security"
                    r"|technical\s+and\s+organi[sz]ational)\s+measures\b(?![^.;]{0,40}?\b(?:its|their|your)\s+own\b)"
                    # (not a notice's, not the measures the customer must take itself: the review
                    # of rounds 25-26's patterns)
                    r"(?![^.;]{0,60}?\b(?:(?:this|our)\s+(?:privacy\s+)?(?:notice|policy)|(?:it|you|they)\s+(?:must"
                    r"|should|shall|needs?\s+to|has\s+to))\b)",
                ],
                "fr": [
                    r"\binformations\s+n[ée]cessaires\s+pour\s+d[ée]montrer",
                ],
                "de": [
                    r"\bInformationen\b.{0,120}?\b(?:Nachweis|nachzuweisen|nachweisen)",
                ],
                "es": [
                    r"\binformaci[óo]n\s+necesaria\s+para\s+demostrar",
                    # "Otnel S.A podra proporcionar evidencia razonable del cumplimiento de este DPA"
                    # (PymesHub)
                    _NOT_ES
                    + r"\b(?:proporcion|facilit|entreg|suministr)\w*\s+(?:\w+\b\s+){0,3}?(?:evidencias?"
                    r"|informaci[óo]n|documentaci[óo]n)\b[^.;]{0,40}?\bcumplimiento\b",
                ],
                "it": [
                    r"\binformazioni\s+necessarie\s+(?:per|a)\s+dimostrare",
                ],
            },
            partial_looked_for="only audit reports or certifications provided, no audit or "
            "inspection by the controller",
            limits={
                "en": _LIMITS_EN,
                "fr": _LIMITS_FR,
                "de": _LIMITS_DE,
                "es": _LIMITS_ES,
                "it": _LIMITS_IT,
            },
            sections=_UNDER_HEADINGS["h"],
        ),
    }
)

# Typographic apostrophes, dashes and hyphens folded one-for-one, so match offsets stay valid.
_FOLD = str.maketrans(
    {c: "'" for c in "\u2018\u2019\u02bc"} | {c: "-" for c in "\u2010\u2011\u2013\u2014"}
)


# --------------------------------------------------------------------------- reading documents


def read_document_text(path: Path) -> str:
    """The text of a .txt/.md (UTF-8, else cp1252), .pdf (pypdf) or .docx (python-docx) file.

    Raises `DocumentError` when the file is missing, is not a file, has another extension, cannot
    be parsed (corrupt, encrypted) or holds no text (an empty file, a scanned PDF). The checks
    and the readers are shared with the other documents (`audit_lib.documents.files`).
    """
    return read_checked(Path(path), _READERS, SUPPORTED_EXTENSIONS)


def _read_pdf(path: Path) -> str:
    return normalise_pdf_text(read_pdf_text(path))


def _read_docx(path: Path) -> str:
    from docx.table import Table

    def walk(document) -> str:
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(_table_texts(block))
            else:
                blocks.append(block.text)
        return "\n\n".join(blocks)

    return open_docx(path, walk)


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
    ".txt": read_text_file,
    ".md": read_text_file,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
}


# --------------------------------------------------------------------------- sentences

_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|h[1-6]|div|tr|td|th|table|thead|tbody|center|blockquote|section)\b[^<>]*>\s*",
    re.IGNORECASE,
)
# (a JSX element's properties may hold braces; not whole arrays of objects: those hold the text,
# see `_js_text`)
_HTML_TAG = re.compile(r"</?[A-Za-z](?:[^<>{}]|\{[^{}]{0,200}\})*>")
# A page's source in JavaScript (a Next.js page whose text is in an element's properties:
# `sections={[{ title: '1. Parties', body: 'This DPA is between ...' }]}`, Lazynext): its string
# literals of two words or more are read as the text they hold -- a title as a heading, the
# strings of an array, one per line, as list items.
_JS_SOURCE = re.compile(
    r"^\s*(?:import\s[^\n]*\sfrom\s|export\s+(?:default\s+)?(?:async\s+)?(?:function|const)\b)",
    re.MULTILINE,
)
_JS_STRING = r"""(?P<quote>['"`])((?:\\.|(?!(?P=quote))[^\\\n])*)(?P=quote)"""
_JS_PROPERTY = re.compile(r"\b(\w+)\s*:\s*" + _JS_STRING)
_JS_ARRAY_ITEM = re.compile(r"^[ \t]*" + _JS_STRING + r"[ \t]*,?[ \t]*$", re.MULTILINE)
_JS_HEADING_KEYS = frozenset({"title", "heading", "subtitle"})
_JS_ESCAPE = re.compile(r"\\(.)")
# a line of the source's punctuation around them (", list: [", "], }, {"): a blank line
_JS_PUNCTUATION = re.compile(r"^[\s\[\]{}(),;]*(?:\w+\s*:\s*)?[\s\[\]{}(),;]*$", re.MULTILINE)


def _js_text(text: str) -> str:
    """`text` with the string literals of a JavaScript source as text (see `_JS_SOURCE`)."""
    if not _JS_SOURCE.search(text):
        return text

    def prose(literal: str) -> str | None:
        value = _JS_ESCAPE.sub(r"\1", literal).strip()
        return value if len(value.split()) >= 2 and "${" not in value else None

    def property_(match: re.Match[str]) -> str:
        value = prose(match.group(3))
        if value is None:
            return match.group(0)
        heading = match.group(1).lower() in _JS_HEADING_KEYS
        return f"\n\n## {value}\n\n" if heading else f"\n\n{value}\n\n"

    def item(match: re.Match[str]) -> str:
        value = prose(match.group(2))
        return match.group(0) if value is None else f"- {value}"

    text = _JS_ARRAY_ITEM.sub(item, _JS_PROPERTY.sub(property_, text))
    return _JS_PUNCTUATION.sub("", text)


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# "**Confidentiality.** Any person ..." -> "Confidentiality: Any person ..." (a run-in heading
# stays with its sentence instead of becoming a sentence of its own).
_RUN_IN_HEADING = re.compile(
    r"(^|\|)(\s*(?:[-*+\u2022]\s+|\(?[0-9]{1,3}(?:\.[0-9]{1,3})*[.)]?\s+|\(?[A-Za-z]{1,4}[.)]\s+)?)"
    r"(\*\*|__)([^*_\n]{1,100}?)(?:\s*[.:]\s*\3|\3\s*[.:])",
    re.MULTILINE,
)
_RUN_IN_WORDS = re.compile("\ue000([^\ue001]*)\ue001")
# a table row's answer that states nothing in place ("| Encryption at rest | Planned for Q3 |")
_NEGATIVE_ANSWER = re.compile(
    r"(?:no|non|nein|none|not\s+(?:yet|required|applicable|in\s+place|available)\b.*|n/?a|planned\b.*"
    r"|pr[ée]vu\w*\b.*|geplant\b.*|previst[oa]\b.*|pendiente\b.*|in\s+progress\b.*|tbd|todo|[-—–✗❌x])"
    r"\.?",
    re.IGNORECASE,
)
_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
# a bullet, or a check mark starting a checklist line ("✅ Garantir la confidentialité", memoLib)
_BULLET = re.compile(r"^[-*+\u2022\u2705\u2611\u2713\u2714\u25aa\u25b8\u25ba]\ufe0f?\s+")
_ENUMERATOR = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)|\d{1,3}(?:\.\d{1,3})*\.?|[A-Za-z]\.)(?=\s|$)",
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
      block (hard-wrapped text, PDF lines; a line ending in ``-`` is joined without a space). A
      table's header row names columns and a row answered "No", "Planned", "N/A" states nothing
      in place: their cells are left out.
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
    first of them; any other block ends it. Items whose markers were lost (a DOCX list's automatic
    numbering, a PDF, a markup of numbered keys) are recognised by their ending: paragraphs right
    after the lead-in ending in ";" are items, and so is the paragraph after one ending in
    "; and" ("; et", "; und", "; y", "; e", "; or", ...), the last of the list.
    """
    return [(unit.sentence, unit.lead_in) for unit in _units(text)]


@dataclass(frozen=True)
class _Unit:
    """A sentence as the analysis reads it.

    `lead_in`: the sentence introducing the list it is the first sentence of an item of (or
    None); `heading`: it is a heading, never evidence; `list_id`: for a sentence of a list item,
    the list it belongs to (its lead-in and items are read together when no single sentence shows
    a clause); `before`: for a sentence referring back
    ("such requests", "ces demandes", ...), the text it refers back to -- the sentences before
    it in its paragraph, or for a paragraph's first sentence the item or paragraph before it (the
    previous block of the same list kind, with the blocks nested in it), never across a heading;
    `section`: the headings it is under, outermost first, then the last run-in heading
    ("**Audits.** ...") since the innermost of them.
    """

    sentence: str
    lead_in: str | None = None
    heading: bool = False
    before: str | None = None
    list_id: int | None = None
    section: tuple[str, ...] = ()


# A sentence that refers back to what the one before it said ("provide such assistance as the
# Client requires in handling and responding to such notifications").
_REFERS_BACK = re.compile(
    r"\b(?:(?:any\s+)?such|these|those|the\s+(?:foregoing|above))\s+(?:\w+\s+)?(?:requests?"
    r"|notifications?|notices?|inquiries|enquiries|complaints|communications)\b"
    r"|\b(?:ces|cette|de\s+telles|lesdites|ladite)\s+(?:demandes?|notifications?|requ[êe]tes?"
    r"|r[ée]clamations?)\b"
    r"|\b(?:diese[rn]?|solche[rn]?|derartige[rn]?)\s+(?:Anfragen?|Antr[äa]ge?|Ersuchen"
    r"|Mitteilungen?|Benachrichtigungen?)\b"
    r"|\b(?:dichas?|tales|estas?|esas?)\s+(?:solicitud(?:es)?|peticion(?:es)?|notificacion(?:es)?"
    r"|reclamacion(?:es)?)\b"
    r"|\b(?:tali|dette|queste|suddette)\s+(?:richieste|istanze|notifiche|comunicazioni"
    r"|segnalazioni)\b",
    re.IGNORECASE,
)
_MAX_BEFORE_CHARS = 1200
# a list read whole has at most this many sentences (a long list is many provisions, not one)
_MAX_LIST_ITEMS = 8
# A paragraph that is an item of a list whose markers were lost: it ends in ";", or in "; and".
# ("...; and", "... Zugang und": the conjunction, with or without the semicolon, says another
# item follows)
_WORD_CONJUNCTION = r"(?:and|or|and/or|et|ou|et/ou|und|oder|sowie)"
_CONJUNCTION = (
    rf"(?:{_WORD_CONJUNCTION}|y|o|e)"  # "e", "o", "y" only after ";" or "," ("lettera e")
)
_UNMARKED_ITEM = re.compile(
    rf"(?:;\s*{_CONJUNCTION}?|[;,]\s*{_CONJUNCTION}|\s{_WORD_CONJUNCTION})\s*$"
)
_UNMARKED_PENULTIMATE = re.compile(rf"(?:[;,]\s*{_CONJUNCTION}|\s{_WORD_CONJUNCTION})\s*$")
# A line that is only a short bold phrase ("**8. Data Return or Deletion**.") is a heading.
_BOLD_HEADING = re.compile(
    r"^[ \t]*(\*\*|__)((?:[^*_\n:;]\s*){1,100}?)\1[ \t]*\.?[ \t]*$", re.MULTILINE
)
_HTML_HEADING = re.compile(r"<h([1-6])\b[^<>]*>(.{0,300}?)</h\1\s*>", re.IGNORECASE | re.DOTALL)


# The keys of CommonAccord's "prose objects" ("5.4.1.sec=alle Anfragen ...", "Doc.Ti=..."), the
# markup of its copies of the Commission's clauses: markup, not text.
_COMMONACCORD_KEY = re.compile(r"^[ \t]*(?:[A-Za-z0-9_]+\.)*(?:sec|Ti)=", re.MULTILINE)
# A paragraph ending without punctuation ("... informiert über", "... nach dessen Wahl") followed
# by one starting in lower case introduces a list, as one ending in ":" does.
_ENDS_OPEN = re.compile(r"[^\W\d_]$")
_STARTS_LOWER = re.compile(r"^[a-zà-ÿß]")


def _bold_heading(match: re.Match[str]) -> str:
    phrase = " ".join(match.group(2).split())
    # (the deepest level: a bold line heads a part of the section it is in, never the document)
    return f"###### {phrase}" if len(phrase.split()) <= 10 else match.group(0)


def _units(text: str) -> list[_Unit]:
    text = _js_text(_HTML_COMMENT.sub(" ", text))
    text = _HTML_HEADING.sub(
        lambda m: f"\n\n{'#' * int(m.group(1))} {' '.join(m.group(2).split())}\n\n", text
    )
    text = _html_lists_to_markdown(text)
    text = _HTML_BLOCK_TAG.sub("\n\n", text)
    text = _HTML_TAG.sub("", text)  # inline tags (<strong>, <a>, <span>) join their text
    text = html.unescape(text)
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _BOLD_HEADING.sub(_bold_heading, text)
    text = _RUN_IN_HEADING.sub("\\1\\2\ue000\\4\ue001:", text)  # the heading's words marked
    text = _COMMONACCORD_KEY.sub("", text)

    units: list[_Unit] = []
    # per block kept: its kind, whether it is a heading, its sentences
    kept: list[tuple[tuple[int, str] | None, bool, list[str]]] = []
    lead_in: str | None = None
    lead_in_kind: tuple[int, str] | None = None  # the kind of the block that ends with the lead-in
    list_kind: tuple[int, str] | None = None  # the kind of the first item after it
    unmarked: str | None = None  # items without markers: None, "items" or "last"
    blocks = []  # (block, item kind, heading level, sentences, run-in heading)
    for block, kind, level in _blocks(text):
        run_in = _RUN_IN_WORDS.search(block)
        sentences = _split_block(block.replace("\ue000", "").replace("\ue001", ""))
        if sentences:
            blocks.append((block, kind, level, sentences, run_in and run_in.group(1).strip()))
    # the document's title -- its first block, a heading of the top level -- is not a section's
    # heading ("Data Processing Agreement and Security Measures" is about everything)
    first = blocks[0][2] if blocks else 0
    titled = bool(first) and first == min(block[2] for block in blocks if block[2])
    headings: dict[int, str] = {}  # the headings the block is under, by level
    run_in_heading: str | None = None  # and the last run-in heading since the last of them
    run_in_reach = 0  # how many paragraphs after its own it still covers
    list_id = -1  # the list the current lead-in introduces (for `_Unit.list_id`)
    lists_started = 0
    # the enclosing list of a nested one ("b) notify about: i) ... ii) ..." then "c) ..."):
    # (lead-in, its kind, its items' kind, its id), restored when its next item comes
    outer: tuple[str, tuple[int, str] | None, tuple[int, str], int] | None = None
    for number, (_block, item_kind, heading, sentences, run_in) in enumerate(blocks):
        if heading:
            headings = {level: words for level, words in headings.items() if level < heading}
            if not (titled and number == 0):
                headings[heading] = " ".join(sentences)
            run_in_heading = None
        elif run_in:
            # a run-in heading covers its paragraph and the next one; in a list, its item only
            run_in_heading, run_in_reach = run_in, 0 if item_kind is not None else 1
        elif run_in_heading is not None:
            if run_in_reach and item_kind is None:
                run_in_reach -= 1
            else:
                run_in_heading = None
        section = tuple(headings[level] for level in sorted(headings))
        section += (run_in_heading,) if run_in_heading else ()
        if outer is not None and item_kind is not None and item_kind == outer[2]:
            if item_kind != list_kind:
                lead_in, lead_in_kind, list_kind, list_id = outer
                unmarked = None
            outer = None
        if lead_in is not None:
            if item_kind is None and list_kind is None and not heading and unmarked != "done":
                if unmarked == "last":  # the paragraph after "...; and": the last item
                    unmarked = "done"
                elif _UNMARKED_ITEM.search(sentences[-1]):
                    unmarked = "last" if _UNMARKED_PENULTIMATE.search(sentences[-1]) else "items"
                else:
                    lead_in = None
            elif unmarked is not None:
                lead_in = None
            else:
                if item_kind is not None and list_kind is None and item_kind != lead_in_kind:
                    list_kind = item_kind
                if item_kind is None or item_kind != list_kind:
                    lead_in = None
        # a table's rows take a lead-in only when it is the processor's undertaking
        own_lead_in = lead_in
        if item_kind == _TABLE_ROW and lead_in and not _UNDERTAKING_LEAD_IN.search(lead_in):
            own_lead_in = None
        for position, sentence in enumerate(sentences):
            before = None
            if not heading and _REFERS_BACK.search(sentence):
                if position:
                    before = " ".join(sentences[:position])
                else:
                    before = _block_before(kept, item_kind)
            units.append(
                _Unit(
                    sentence,
                    own_lead_in if position == 0 else None,
                    bool(heading),
                    before or None,
                    list_id if own_lead_in is not None else None,
                    section,
                )
            )
        kept.append((item_kind, bool(heading), sentences))
        following, following_kind = (
            blocks[number + 1][:2] if number + 1 < len(blocks) else ("", None)
        )
        if not heading and (
            sentences[-1].endswith(":")
            # not a list item followed by its next sibling ("... authority" then "- co-operate")
            or (
                _ENDS_OPEN.search(sentences[-1])
                and not _UNMARKED_ITEM.search(sentences[-1])
                and _STARTS_LOWER.match(_ENUMERATOR.sub("", following, count=1).lstrip())
                and (item_kind is None or following_kind != item_kind)
            )
        ):
            nested = lead_in is not None and item_kind is not None and item_kind == list_kind
            outer = (lead_in, lead_in_kind, list_kind, list_id) if nested else None
            lead_in, lead_in_kind, list_kind, unmarked = sentences[-1], item_kind, None, None
            list_id, lists_started = lists_started, lists_started + 1
    return units


def _block_before(
    kept: list[tuple[tuple[int, str] | None, bool, list[str]]], kind: tuple[int, str] | None
) -> str | None:
    """The previous block of list kind `kind` and the blocks after it (never across a heading)."""
    for start in range(len(kept) - 1, -1, -1):
        if kept[start][1]:
            return None
        if kept[start][0] == kind:
            text = " ".join(" ".join(sentences) for _, _, sentences in kept[start:])
            return text[-_MAX_BEFORE_CHARS:]
    return None


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


def _item_kind(raw_line: str, marker: str, previous_letter: str = "") -> tuple[int, str]:
    """Indentation and numbering style of a list item: "2.1" -> "1.1", "(b)" -> "(a)",
    "(ii)" -> "(i)".

    A roman numeral ("ii", "iv") is its own style, so that a list "i) ii) iii)" nested in item
    "d)" of a list "a) b) c) ..." is read as nested even at the same indentation; "i" (and "v",
    "x", "l", "c") right after the letter before it ("h)" then "i)") is a letter.
    """
    indent = len(raw_line.expandtabs(4)) - len(raw_line.expandtabs(4).lstrip())
    core = re.sub(r"[^A-Za-z]", "", marker).lower()
    letter_after = len(core) == 1 and previous_letter == chr(ord(core) - 1)
    roman = bool(core) and re.fullmatch(r"[ivxlc]+", core) is not None and not letter_after
    letters = "i" if roman else "a"
    style = re.sub(r"[0-9]+", "1", re.sub(r"[A-Za-z]+", letters, marker))
    return indent, style


_TABLE_ROW = (0, "|")  # the item kind of a table's row
# a table whose columns are parties ("| Area | Acme | Customer |", a shared-responsibility matrix)
# or prices and plans: its rows' cells are read apart, as joining them would give one party's or
# one product's words to another
_COLUMNS_APART = re.compile(
    r"\b(?:customers?|controllers?|clients?|you|users?|price|pricing|prix|tarifs?|preis\w*|precios?"
    r"|prezz[oi]|costs?|fees?|plans?|kunden?|auftraggeber|responsable|cliente|titolare)\b",
    re.IGNORECASE,
)
# the lead-in of a table read as its items' lead-in: the processor's undertaking, not negated,
# not someone else's ("FileForge shall assist the Controller in:"; not "We use the following
# sub-processors:", "Our support team is unable to assist with:", "The Customer shall inform Acme
# of:", "Resellers shall assist their own end customers with:")
_UNDERTAKING_LEAD_IN = re.compile(
    r"^(?!\W*(?:the\s+|each\s+|all\s+|our\s+|le\s+|la\s+|les\s+|der\s+|die\s+|el\s+|los\s+|il\s+)?"
    r"(?:customers?|controllers?|clients?|users?|resellers?|partners?|you|subscribers?|administrators?"
    r"|responsables?|utilisateurs?|Auftraggeber\w*|Kunden?|Nutzer\w*|usuarios?|titolare|utenti)\b)"
    r"(?!.*\b(?:not|never|unable|without|no|pas|jamais|sans|nicht|kein\w*|ohne|sin|nunca|non|senza)\b)"
    r"(?!.*\btheir\s+own\b)"
    r".*\b(?:shall|will|must|agrees?\s+to|undertakes?\s+to|commits?\s+to|doit|devra|s'\s*engage"
    r"|verpflichtet|wird|muss|deber[áa]|se\s+compromete|deve|dovr[àa]|si\s+impegna)\b",
    re.IGNORECASE,
)


def _blocks(text: str) -> list[tuple[str, tuple[int, str] | None, int]]:
    """Blocks of text, each with its list-item kind (None when it is not a list item) and its
    heading level (0: not a heading; 1-6: a Markdown heading, or a single line underlined with
    ``===`` (1) or ``---`` (2))."""
    blocks: list[tuple[str, tuple[int, str] | None, int]] = []
    current: list[str] = []
    kind: tuple[int, str] | None = None
    previous_letter = ""  # the last letter item marker, "h" in "h)" (not a roman "i)")
    apart = False  # the current table's cells are read apart (see `_COLUMNS_APART`)

    def close(heading: int = 0) -> None:
        if current:
            blocks.append((_join_lines(current), kind, heading))
            current.clear()

    lines = text.splitlines()
    for number, raw_line in enumerate(lines):
        line = raw_line.strip()
        if not line or _TABLE_RULE.match(line) or re.fullmatch(r"[-=_*]{3,}", line):
            # a setext heading: one line of text right above a line of "-" or "="
            setext = len(current) == 1 and kind is None and re.fullmatch(r"-{3,}|={3,}", line)
            close((1 if line[0] == "=" else 2) if setext else 0)
            continue
        heading = _HEADING.match(line)
        if heading:
            close()
            blocks.append((heading.group(2), None, len(heading.group(1))))
            continue
        if "|" in line:
            close()
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            header = number + 1 < len(lines) and _TABLE_RULE.match(lines[number + 1].strip())
            if header:  # (a header row names columns: not read)
                apart = any(_COLUMNS_APART.search(cell) for cell in cells)
            elif not any(_NEGATIVE_ANSWER.fullmatch(cell) for cell in cells[1:]):
                cells = [cell for cell in cells if cell]
                if apart or len(cells) < 2:
                    blocks.extend((cell, None, 0) for cell in cells)
                else:
                    # a row is read as one block, its first cell naming what the others say ("|
                    # Breach Notification | Alert within 24 hours |"), and as an item of a lead-in
                    # before the table ("FileForge shall assist the Controller in:", FileForge)
                    blocks.append((cells[0] + ": " + ", ".join(cells[1:]), _TABLE_ROW, 0))
            continue
        apart = False
        marker = _BULLET.match(line) or _ENUMERATOR.match(line)
        if marker:
            close()
            kind = _item_kind(raw_line, marker.group().strip(), previous_letter)
            core = re.sub(r"[^A-Za-z]", "", marker.group()).lower()
            if len(core) == 1 and "a" in kind[1]:
                previous_letter = core  # a letter ("c)" after "b)"), not a roman item ("i)")
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

#: the languages the clause patterns are written in (`processors.contract_language`)
LANGUAGES = ("en", "fr", "de", "es", "it")
ClauseStatus = Literal["present", "partial", "absent"]

# Function words that are frequent in one language and rare in the others. The language of a
# document is the one whose words occur most often in it (ties and texts without any: English).
STOP_WORDS: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "en": frozenset("the and of to shall with by any this that which be are or".split()),
        "fr": frozenset("le les des du et est une aux au sur dans qui ne pas ou".split()),
        "de": frozenset(
            "der die das und den dem nicht mit ist eine einer sich werden oder zu".split()
        ),
        "es": frozenset("el los las del y que por con una para se al o su".split()),
        # (also "del", shared with Spanish, and "di": a short Italian text otherwise reads as
        # Spanish, ProrogaPro; not "non" nor "da", which English "non-EU" and Spanish or German
        # "da" would make Italian)
        "it": frozenset(
            "il gli della delle dei degli che per con una sono alla nel o ai del di".split()
        ),
    }
)
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The language of `text` (en, fr, de, es, it) by a count of each language's stop words."""
    counts = dict.fromkeys(LANGUAGES, 0)
    for word in _WORD.findall(text.lower()):
        for language, words in STOP_WORDS.items():
            if word in words:
                counts[language] += 1
    best = max(LANGUAGES, key=lambda language: (counts[language], language == "en"))
    return best if counts[best] else "en"


@dataclass(frozen=True)
class ClauseEvidence:
    """What the analysis found for one clause: the sentence (<= ~400 chars) and the pattern.

    `status` is "present" (a pattern of the clause matched), "partial" (only half of the
    obligation: a partial pattern matched, or the clause matched together with a restriction
    such as audits by questionnaire only) or "absent"; `found` is True unless it is absent.
    `language` is the language of the pattern that matched; `limit` the restricting sentence.
    """

    letter: str
    found: bool
    sentence: str | None = None
    pattern: str | None = None
    status: ClauseStatus | None = None
    language: str | None = None
    limit: str | None = None

    def __post_init__(self) -> None:
        if self.status is None:
            object.__setattr__(self, "status", "present" if self.found else "absent")


@dataclass(frozen=True)
class DocumentAnalysis:
    """The outcome for one `contract_document` value; `evidence` holds every clause letter.

    `status` is "analysed", "missing" (no such file), "refused" (outside the parameters folder)
    or "unreadable" (any other problem, named in `reason`). Only an "analysed" document's
    `found = False` means "no evidence in the document". `language` is the language the
    document was read as, `language_source` "detected" (from its text) or "register" (the
    processor's `contract_language`).
    """

    path_value: str
    status: DocumentStatus
    reason: str | None
    evidence: dict[str, ClauseEvidence]
    language: str | None = None
    language_source: Literal["detected", "register"] | None = None


# --------------------------------------------------------------------------- text as PDFs give it

_PAGE_BREAK = "\f"
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|seite|p[áa]gina|pagina|p\.)\s*)?\d{1,4}(?:\s*(?:/|of|sur|von|de|di)\s*\d{1,4})?$",
    re.IGNORECASE,
)
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n[ \t]*(?=[a-zß-ÿ])")
_GLUED_CAPITAL = re.compile(r"(?<=[a-zß-ÿ]{2})(?=[A-ZÀ-Þ][a-zß-ÿ]{2})")


def normalise_pdf_text(text: str) -> str:
    """Undo what PDF text extraction does to a contract, before sentences are split.

    - Headers and footers: a line repeated on at least half of the pages (and on at least 3),
      and page numbers ("3", "Page 3 of 10", "3/10"), are removed.
    - A word hyphenated at a line end is joined ("pro-\\ncessor" -> "processor"); a hyphen
      before a capital or digit is kept ("sub-\\nProcessor" stays one word, with its hyphen).
    - Words glued to a following capitalised word are split ("theProvider" -> "the Provider").
    Words glued to a lower-case word ("requiredby") cannot be split without a dictionary:
    matching tolerates them instead (see `analyse_text`). Line breaks inside a sentence are
    joined by `split_sentences`. Pages are separated by form feeds (``\\f``).
    """
    pages = text.split(_PAGE_BREAK)
    seen: dict[str, int] = {}
    for page in pages:
        for line in {line.strip() for line in page.splitlines() if line.strip()}:
            seen[line] = seen.get(line, 0) + 1
    threshold = max(3, (len(pages) + 1) // 2)
    repeated = {line for line, count in seen.items() if count >= threshold and len(line) <= 120}
    kept = []
    for page in pages:
        lines = [
            line
            for line in page.splitlines()
            if line.strip() not in repeated and not _PAGE_NUMBER.match(line.strip())
        ]
        kept.append("\n".join(lines))
    text = "\n\n".join(kept)
    text = _HYPHENATED.sub("", text)
    return _GLUED_CAPITAL.sub(" ", text)


def _loose(pattern: re.Pattern[str]) -> re.Pattern[str]:
    r"""The pattern with each required space made optional (``\s+`` -> ``\s*``), for text whose
    extraction lost the spaces between words ("only ondocumented instructions")."""
    source = pattern.pattern.replace(r"\s+", r"\s*")
    return re.compile(source, pattern.flags)


# A template's placeholder ("[Audit- und Kontrollrechte des Auftraggebers]", "[List of
# sub-processors or approval process]") says what is to be written there, it stipulates nothing:
# never evidence, as a heading.
_PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
# Inside a sentence, a template variable ("{{subencargados}}") and inline code ("`[verificar
# autorización previa]`", a reviewer's note; "`GET /api/account/export`") are not contract text
# either: blanked, one space per character so that match offsets stay those of the sentence.
_NOT_CONTRACT_TEXT = re.compile(r"\{\{[^{}]*\}\}|`[^`]*`")
# In a list read with what refers back to it, an item's closing "; or" separates items, not two
# clauses of one sentence: read as a comma (one character for one, offsets kept).
_ITEM_SEMICOLON = re.compile(
    r";(?=\s*(?:and|or|and/or|et|ou|und|oder|sowie|y|o|e)\b)", re.IGNORECASE
)


def _matchable(sentence: str, items: bool = False) -> str:
    """The sentence as patterns read it: typography folded, template markup blanked; with
    `items`, a list's items joined by "; or" read as one sentence."""
    folded = _NOT_CONTRACT_TEXT.sub(lambda m: " " * len(m.group()), sentence.translate(_FOLD))
    return _ITEM_SEMICOLON.sub(",", folded) if items else folded


# A sentence naming the processor is preferred as evidence (see the module docstring).
_NAMES_PROCESSOR = re.compile(
    r"\b(?:processor|sub-?processor|data\s+importer|sous-traitant|auftragsverarbeiter\w*|"
    r"auftragnehmer\w*|encargad[oa]s?|subcontratista\w*|responsabile\s+del\s+trattamento(?!\s+"
    r"del\s+titolare)|fornitore)s?\b",
    re.IGNORECASE,
)


def analyse_text(text: str, language: str | None = None) -> dict[str, ClauseEvidence]:
    """For each clause of `CLAUSES`, the best matching sentence of `text` (see module docstring).

    `language` (en, fr, de, es, it; default: `detect_language`) orders the patterns: that
    language's first, then the others (a translated contract often keeps articles of its
    original). A list item's evidence is shown with its lead-in: "lead-in sentence: item
    sentence". A clause none of whose patterns matches is looked for again with spaces made
    optional (text extracted from PDFs), then with its partial patterns.
    """
    language = language if language in LANGUAGES else detect_language(text)
    units = _units(text)
    sentences = [f"{u.lead_in} {u.sentence}" if u.lead_in else u.sentence for u in units]
    folded = [_matchable(sentence) for sentence in sentences]
    names_processor = [bool(_NAMES_PROCESSOR.search(sentence)) for sentence in folded]
    never_evidence = [u.heading or bool(_PLACEHOLDER.fullmatch(u.sentence)) for u in units]
    # a sentence referring back, read with what it refers to: (unit, where it starts, text)
    joined = [
        (index, len(unit.before) + 1, f"{unit.before} {sentences[index]}")
        for index, unit in enumerate(units)
        if unit.before
    ]
    joined_folded = [_matchable(text, items=True) for _, _, text in joined]
    # each list read whole, its lead-in then its items: (first unit of the list, text)
    lists: dict[int, tuple[int, list[str]]] = {}
    for index, unit in enumerate(units):
        if unit.list_id is not None and not never_evidence[index]:
            first, parts = lists.setdefault(unit.list_id, (index, [unit.lead_in or ""]))
            parts.append(unit.sentence)
    whole_lists = [
        (first, " ".join(p for p in parts if p))
        for first, parts in lists.values()
        if len(parts) <= _MAX_LIST_ITEMS + 1
    ]
    whole_lists_folded = [_matchable(text, items=True) for _, text in whole_lists]

    def best(patterns) -> tuple[int, re.Match[str], str, re.Pattern[str]] | None:
        for pattern_language, pattern in patterns:  # strongest first: the first that matches wins
            hits = [
                (not names_processor[index], index, match)
                for index, sentence in enumerate(folded)
                if not never_evidence[index] and (match := pattern.search(sentence))
            ]
            if hits:
                _, index, match = min(hits, key=lambda hit: hit[:2])
                return index, match, pattern_language, pattern
        return None

    def best_joined(patterns) -> tuple[int, re.Match[str], str, re.Pattern[str]] | None:
        """A match that runs from the text referred to into the sentence referring back."""
        for pattern_language, pattern in patterns:
            for (index, start, _), text in zip(joined, joined_folded, strict=True):
                for match in pattern.finditer(text):
                    if match.start() < start - 1 and match.end() > start:
                        return index, match, pattern_language, pattern
        return None

    def best_in_section(
        sections,
    ) -> tuple[tuple[int, re.Match[str], str, re.Pattern[str]], str] | None:
        """A match in a sentence under a heading that names the clause's subject; the pattern
        as shown: the heading pattern, then the sentence pattern."""
        for pattern_language, heading, pattern in sections:
            hits = [
                (not names_processor[index], index, match)
                for index, sentence in enumerate(folded)
                if not never_evidence[index]
                and any(heading.search(title) for title in units[index].section)
                and not _OTHER_PARTYS_SECTION.search(units[index].section[-1])
                and (match := pattern.search(sentence))
            ]
            if hits:
                _, index, match = min(hits, key=lambda hit: hit[:2])
                shown = f"under a heading matching {heading.pattern} : {pattern.pattern}"
                return (index, match, pattern_language, pattern), shown
        return None

    def best_list(patterns) -> tuple[int, re.Match[str], str, re.Pattern[str]] | None:
        """A match in a list read whole: the clause spread over its items ("at the
        controller's choice: - deleted or - returned")."""
        for pattern_language, pattern in patterns:
            for number, text in enumerate(whole_lists_folded):
                if match := pattern.search(text):
                    return number, match, pattern_language, pattern
        return None

    evidence: dict[str, ClauseEvidence] = {}
    for letter, clause in CLAUSES.items():
        ordered = clause.patterns_for(language)
        hit = best(ordered) or best([(lang, _loose(p)) for lang, p in ordered])
        referred = whole_list = None
        if hit is None:
            hit = best_joined(ordered)
            referred = hit
        if hit is None and clause.reads_lists:
            hit = whole_list = best_list(ordered)
        shown_pattern = None
        if hit is None and clause.section_patterns:
            in_section = best_in_section(clause.sections_for(language))
            if in_section is not None:
                hit, shown_pattern = in_section
        status: ClauseStatus = "present"
        if hit is None and clause.partial_patterns:
            hit = best([(language, p) for p in clause.partial_patterns])
            status = "partial"
        if hit is None:
            evidence[letter] = ClauseEvidence(letter, False)
            continue
        index, match, pattern_language, pattern = hit
        limit = best([(language, p) for p in clause.limit_patterns])
        if limit is not None:
            status = "partial"
        if whole_list is not None:  # the list read whole
            shown = whole_lists[index][1]
        elif referred is not None:  # the text referred to, then the sentence referring back
            shown = next(text for i, _, text in joined if i == index)
        else:
            shown = sentences[index]
        evidence[letter] = ClauseEvidence(
            letter,
            True,
            _excerpt(shown, match.start(), match.end()),
            shown_pattern or pattern.pattern,
            status,
            pattern_language,
            _excerpt(sentences[limit[0]], limit[1].start(), limit[1].end()) if limit else None,
        )
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


def analyse_document(base_dir: Path, value: str, language: str | None = None) -> DocumentAnalysis:
    """Resolve, read and analyse one `contract_document`: a bad document gives a status, no error.

    `language` (the processor's `contract_language`) overrides the language detected from the
    text. SUB-010 reads `status`/`reason`; SUB-009 uses `evidence` only when status is "analysed".
    """
    try:
        path = resolve_document(base_dir, value)
        text = read_document_text(path)
    except DocumentError as exc:
        return DocumentAnalysis(str(value), exc.kind, exc.reason, _no_evidence())
    if language in LANGUAGES:
        source: Literal["detected", "register"] = "register"
    else:
        language, source = detect_language(text), "detected"
    return DocumentAnalysis(
        str(value), "analysed", None, analyse_text(text, language), language, source
    )


EVIDENCE_COLUMNS = ["processor_id", "clause", "article", "status", "found", "sentence", "pattern"]
#: the columns `evidence_frame(..., detail=True)` adds
DETAIL_COLUMNS = ["clause_status", "language", "language_source", "pattern_language", "limit"]


def evidence_frame(analyses: Mapping[str, DocumentAnalysis], detail: bool = False) -> pd.DataFrame:
    """One row per (processor_id, clause letter), sorted by processor_id then clause.

    With `detail`, also: clause_status (present / partial / absent), the language the document
    was read as and where it came from (detected / register), the language of the matching
    pattern, and the sentence restricting a partial clause.
    """
    none = ClauseEvidence("", False)
    rows = []
    for processor_id, analysis in sorted(analyses.items(), key=lambda item: str(item[0])):
        for letter in CLAUSES:
            item = analysis.evidence.get(letter, none)
            row = {
                "processor_id": processor_id,
                "clause": letter,
                "article": CLAUSES[letter].article,
                "status": analysis.status,
                "found": item.found,
                "sentence": item.sentence,
                "pattern": item.pattern,
            }
            if detail:
                row |= {
                    "clause_status": item.status if analysis.status == "analysed" else None,
                    "language": analysis.language,
                    "language_source": analysis.language_source,
                    "pattern_language": item.language,
                    "limit": item.limit,
                }
            rows.append(row)
    frame = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS + (DETAIL_COLUMNS if detail else []))
    return frame.astype({"found": bool})
