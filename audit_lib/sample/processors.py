"""Sample processors register (Art. 28), DPA documents and published sub-processor lists, with
planted violations of every SUB rule.

Clean processors (every clause `yes`, DPA signed, valid transfer mechanism, audits and
certifications current) give no SUB finding; each planted processor triggers exactly the rules
listed for it in `expected`. The DPA documents are fictional texts written for this sample; they
go into `org.shared["documents"]` and are written beside the registers by `audit_lib.sample.write`.
"""

from __future__ import annotations

import io
import textwrap
import zipfile

import pandas as pd

from ..schemas.processors import CLAUSE_COLUMNS
from .org import Organisation, iso

# name stem, service, country, mechanism, scc_version
STEMS = [
    ("Nimbus Hosting", "cloud hosting", "FR", "", ""),
    ("Atlas Payroll Services", "payroll processing", "FR", "", ""),
    ("Mailwave", "e-mail campaigns", "IE", "", ""),
    ("Helpline Partners", "customer support outsourcing", "PT", "", ""),
    ("DataVault", "backup and archiving", "DE", "", ""),
    ("Signet Identity", "identity verification", "NL", "", ""),
    ("Cloudline Inc.", "CRM software as a service", "US", "adequacy", ""),
    ("Ledgerly", "accounting software", "BE", "", ""),
    ("TalentBridge", "recruitment platform", "GB", "adequacy", ""),
    ("SecureBadge", "physical access control", "FR", "", ""),
    ("Insight Analytics", "web analytics", "US", "scc", "2021"),
    ("Coastal Print & Mail", "printing and mailing", "ES", "", ""),
    ("Bengaluru Dev Centre", "application maintenance", "IN", "scc", "2021"),
    ("Alpine Data", "data warehouse hosting", "CH", "adequacy", ""),
    ("Medicus Occupational Health", "occupational medicine", "FR", "", ""),
    ("Shredwell", "secure destruction", "FR", "", ""),
    ("PayFlow", "payment processing", "LU", "", ""),
    ("Nordic Translate", "translation", "NO", "", ""),
    ("SurveyHub", "customer surveys", "US", "adequacy", ""),
    ("Courier Express", "parcel delivery", "DE", "", ""),
]
TIERS = {"high": 12, "medium": 24, "low": 36}
CONTROLLER = "Example Group SA"
FICTION = "Fictional agreement written for the gdpr-audit sample organisation; not legal advice."

# --------------------------------------------------------------------------- DPA documents

# One stipulation per Art. 28(3) letter, worded after the GDPR and the 2021/915 clauses.
CLAUSES_EN = {
    "a": "Instructions. The Processor shall process the personal data only on documented instructions "
    "from the Controller, including with regard to transfers of personal data to a third country, "
    "unless Union or Member State law requires otherwise.",
    "b": "Confidentiality. The Processor shall ensure that persons authorised to process the personal "
    "data have committed themselves to confidentiality or are under an appropriate statutory "
    "obligation of confidentiality.",
    "c": "Security. The Processor shall take all measures required pursuant to Article 32 of the GDPR, "
    "as described in Annex 2.",
    "d": "Sub-processors. The Processor shall not engage another processor without the prior specific "
    "or general written authorisation of the Controller, and shall impose the same data protection "
    "obligations on any such sub-processor by contract.",
    "e": "Requests of data subjects. Taking into account the nature of the processing, the Processor "
    "shall assist the Controller by appropriate technical and organisational measures in responding "
    "to requests of data subjects exercising their rights.",
    "f": "Assistance. The Processor shall assist the Controller in ensuring compliance with the "
    "obligations of Articles 32 to 36 of the GDPR (security, personal data breach notification, data "
    "protection impact assessment and prior consultation).",
    "g": "End of the services. At the choice of the Controller, the Processor shall delete or return "
    "all the personal data after the end of the provision of services, and delete existing copies "
    "unless Union or Member State law requires their storage.",
    "h": "Information and audits. The Processor shall make available to the Controller all information "
    "necessary to demonstrate compliance with Article 28 of the GDPR and shall allow for and "
    "contribute to audits, including inspections, conducted by the Controller or an auditor it "
    "mandates.",
}
# What a weaker agreement says instead (no evidence of the clause).
GAPS_EN = {
    "g": "Retention. The Processor keeps the personal data for as long as the main agreement runs.",
    "h": "Information. The Processor answers the Controller's questions about the processing within "
    "thirty days.",
}
CLAUSES_FR = {
    "a": "Le Sous-traitant traite les données à caractère personnel uniquement sur instruction "
    "documentée du Responsable du traitement, y compris en ce qui concerne les transferts vers un "
    "pays tiers.",
    "b": "Le Sous-traitant veille à ce que les personnes autorisées à traiter les données à caractère "
    "personnel s'engagent à respecter la confidentialité ou soient soumises à une obligation légale "
    "appropriée de confidentialité.",
    "c": "Le Sous-traitant prend toutes les mesures requises en vertu de l'article 32 du RGPD, "
    "décrites à l'annexe 2.",
    "d": "Le Sous-traitant ne recrute pas un autre sous-traitant sans l'autorisation écrite préalable, "
    "spécifique ou générale, du Responsable du traitement.",
    "e": "Le Sous-traitant aide le Responsable du traitement, par des mesures techniques et "
    "organisationnelles appropriées, à donner suite aux demandes d'exercice des droits des personnes "
    "concernées.",
    "f": "Le Sous-traitant aide le Responsable du traitement à garantir le respect des obligations "
    "prévues aux articles 32 à 36 du RGPD (sécurité, notification des violations de données, analyse "
    "d'impact, consultation préalable).",
    "g": "Au terme de la prestation, selon le choix du Responsable du traitement, le Sous-traitant "
    "supprime toutes les données à caractère personnel ou les renvoie au Responsable du traitement, "
    "et détruit les copies existantes.",
    "h": "Le Sous-traitant met à la disposition du Responsable du traitement toutes les informations "
    "nécessaires pour démontrer le respect de l'article 28 du RGPD et permet la réalisation "
    "d'audits, y compris des inspections.",
}

# The same stipulations in German, Spanish and Italian, worded after the GDPR's own text.
CLAUSES_DE = {
    "a": "Der Auftragsverarbeiter verarbeitet die personenbezogenen Daten nur auf dokumentierte "
    "Weisung des Verantwortlichen, auch in Bezug auf die Übermittlung an ein Drittland.",
    "b": "Der Auftragsverarbeiter gewährleistet, dass sich die zur Verarbeitung befugten Personen "
    "zur Vertraulichkeit verpflichtet haben.",
    "c": "Der Auftragsverarbeiter ergreift alle gemäß Artikel 32 DSGVO erforderlichen Maßnahmen.",
    "d": "Der Auftragsverarbeiter nimmt keinen weiteren Auftragsverarbeiter ohne vorherige "
    "schriftliche Genehmigung des Verantwortlichen in Anspruch.",
    "e": "Der Auftragsverarbeiter unterstützt den Verantwortlichen bei der Beantwortung von "
    "Anträgen auf Wahrnehmung der Rechte der betroffenen Personen.",
    "f": "Der Auftragsverarbeiter unterstützt den Verantwortlichen bei der Einhaltung der in den "
    "Artikeln 32 bis 36 DSGVO genannten Pflichten.",
    "g": "Nach Abschluss der Leistungen löscht der Auftragsverarbeiter nach Wahl des "
    "Verantwortlichen alle personenbezogenen Daten oder gibt sie zurück.",
    "h": "Der Auftragsverarbeiter stellt alle erforderlichen Informationen zum Nachweis zur "
    "Verfügung und ermöglicht Überprüfungen, einschließlich Inspektionen.",
}
CLAUSES_ES = {
    "a": "El encargado tratará los datos personales únicamente siguiendo instrucciones "
    "documentadas del responsable.",
    "b": "El encargado garantizará que las personas autorizadas para tratar datos personales se "
    "hayan comprometido a respetar la confidencialidad.",
    "c": "El encargado tomará todas las medidas necesarias de conformidad con el artículo 32 del "
    "RGPD.",
    "d": "El encargado no recurrirá a otro encargado sin la autorización previa por escrito del "
    "responsable.",
    "e": "El encargado asistirá al responsable para responder a las solicitudes de ejercicio de "
    "los derechos de los interesados.",
    "f": "El encargado ayudará al responsable a garantizar el cumplimiento de las obligaciones de "
    "los artículos 32 a 36 del RGPD.",
    "g": "A elección del responsable, el encargado suprimirá o devolverá todos los datos "
    "personales al finalizar la prestación de los servicios.",
    "h": "El encargado permitirá y contribuirá a la realización de auditorías, incluidas "
    "inspecciones, por parte del responsable.",
}
CLAUSES_IT = {
    "a": "Il responsabile tratta i dati personali soltanto su istruzione documentata del titolare "
    "del trattamento.",
    "b": "Il responsabile garantisce che le persone autorizzate al trattamento si siano impegnate "
    "alla riservatezza.",
    "c": "Il responsabile adotta tutte le misure richieste ai sensi dell'articolo 32 del GDPR.",
    "d": "Il responsabile non ricorre a un altro responsabile senza previa autorizzazione scritta "
    "del titolare.",
    "e": "Il responsabile assiste il titolare nel dare seguito alle richieste per l'esercizio dei "
    "diritti dell'interessato.",
    "f": "Il responsabile assiste il titolare nel garantire il rispetto degli obblighi di cui agli "
    "articoli da 32 a 36 del GDPR.",
    "g": "Su scelta del titolare, il responsabile cancella o restituisce tutti i dati personali al "
    "termine della prestazione dei servizi.",
    "h": "Il responsabile consente e contribuisce alle attività di revisione, comprese le "
    "ispezioni, realizzate dal titolare.",
}


def dpa_paragraphs(name: str, service: str, gaps: tuple[str, ...] = ()) -> list[str]:
    """An English DPA as paragraphs: a title, the parties, then one stipulation per clause letter
    (the weaker wording of `GAPS_EN` for the letters in `gaps`)."""
    paragraphs = [
        "Data processing agreement",
        f"Between {CONTROLLER} (the Controller) and {name} (the Processor). {FICTION}",
        "1. Subject matter and duration",
        f"The Processor processes personal data on behalf of the Controller to provide {service}, "
        "for the duration of the main services agreement. Annex 1 lists the categories of data "
        "subjects and of personal data.",
        "2. Obligations of the Processor",
    ]
    for number, letter in enumerate(CLAUSES_EN, 1):
        paragraphs.append(
            f"2.{number}. {GAPS_EN[letter] if letter in gaps else CLAUSES_EN[letter]}"
        )
    return paragraphs


def markdown_document(paragraphs: list[str]) -> bytes:
    title, parties, *rest = paragraphs
    lines = [f"# {title}", "", parties, ""]
    for paragraph in rest:
        heading = paragraph[:1].isdigit() and "." in paragraph[:3] and len(paragraph) < 60
        lines += [f"## {paragraph}" if heading else paragraph, ""]
    return "\n".join(lines).encode("utf-8")


def pdf_document(paragraphs: list[str]) -> bytes:
    """A one-page A4 PDF with extractable (TrueType) text, hard-wrapped like a printed contract."""
    import matplotlib
    from matplotlib.figure import Figure

    buffer = io.BytesIO()
    # matplotlib's defaults, whatever the process set before (the report style changes fonts and
    # colours): the same paragraphs always give the same bytes
    with matplotlib.rc_context():
        matplotlib.rcdefaults()
        matplotlib.rcParams["pdf.fonttype"] = 42
        figure = Figure(figsize=(8.27, 11.69))
        y = 0.95
        for paragraph in paragraphs:
            for line in textwrap.wrap(paragraph, 100):
                figure.text(0.06, y, line, fontsize=8.5, family="DejaVu Sans")
                y -= 0.018
            y -= 0.012
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Producer": None})
    return buffer.getvalue()


def docx_document(title: str, paragraphs: list[str]) -> bytes:
    """A DOCX (python-docx) with fixed properties and zip entry dates, so it is byte-stable."""
    import datetime as dt

    import docx

    document = docx.Document()
    fixed = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.created = properties.modified = fixed
    properties.last_printed = fixed
    properties.author = properties.last_modified_by = "gdpr-audit sample"
    properties.title = title
    properties.revision = 1
    document.add_heading(title, level=1)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    raw = io.BytesIO()
    document.save(raw)
    return _stable_zip(raw.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01 (zip entries carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# A PDF whose body is cut short: no cross-reference table, no pages.
CORRUPT_PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n"


def docx_table_document(
    title: str, intro: str, header: list[str], rows: list[list[str]], notes: list[str] = ()
) -> bytes:
    """A DOCX (python-docx) with a heading, a paragraph, a table and closing paragraphs, with
    fixed properties and zip entry dates, so it is byte-stable."""
    import datetime as dt

    import docx

    document = docx.Document()
    fixed = dt.datetime(2026, 1, 15, tzinfo=dt.UTC)
    properties = document.core_properties
    properties.created = properties.modified = fixed
    properties.last_printed = fixed
    properties.author = properties.last_modified_by = "gdpr-audit sample"
    properties.title = title
    properties.revision = 1
    document.add_heading(title, level=1)
    document.add_paragraph(intro)
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    for note in notes:
        document.add_paragraph(note)
    raw = io.BytesIO()
    document.save(raw)
    return _stable_zip(raw.getvalue())


# --------------------------------------------------------------------------- sub-processor lists
# Published lists of a few processors, in the shapes processors publish them (fictional texts
# written for this sample). `previous` is the quarter before: two lists changed since.

LISTS_FOLDER = "subprocessors"
LIST_FICTION = "Fictional list written for the gdpr-audit sample organisation."


def _nimbus_markdown() -> str:
    """PR-001: a Markdown table with a processing-location column, a name given twice, a region
    ("EU") and "Worldwide"; notes and a changelog that are not entries."""
    return (
        "---\ntitle: Nimbus Hosting sub-processors\n---\n\n# Nimbus Hosting sub-processors\n\n"
        "_Last updated: 1 June 2026. "
        + LIST_FICTION
        + "_\n\nNimbus Hosting engages the following sub-processors to provide its cloud "
        "hosting services.\n\n"
        "| Sub-processor | Purpose | Location of processing | Corporate location |\n"
        "|---|---|---|---|\n"
        "| OVH SAS | Data centres | France | France |\n"
        "| Scaleway S.A.S. | Object storage | France, Netherlands | France |\n"
        "| Cloudflare, Inc. | DDoS protection and CDN | Worldwide | United States |\n"
        "| Brevo SAS | Service e-mails | EU | France |\n"
        "| OVH SAS | Off-site backups | Germany | France |\n\n"
        "> Changes are announced to customers 30 days in advance.\n\n"
        "## Changelog\n\n- 2026-06-01: Brevo SAS added for service e-mails.\n"
    )


def _mailwave_html() -> str:
    """PR-003: an HTML page, bulleted links grouped under headings and a sentence giving the
    location of each group; navigation and links to previous versions are not entries."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>Mailwave sub-processors</title></head>\n<body>\n"
        '<nav><ul><li><a href="#eu">European Union</a></li><li><a href="#uk">United '
        'Kingdom</a></li><li><a href="#us">United States</a></li></ul></nav>\n'
        "<main>\n<h1>Mailwave sub-processors</h1>\n"
        f"<p>Last updated 1 July 2026. {LIST_FICTION}</p>\n"
        '<h2 id="eu">European Union</h2>\n'
        "<p>These sub-processors are located in the European Union:</p>\n<ul>\n"
        '<li><a href="https://aws.example">Amazon Web Services EMEA SARL</a> &ndash; cloud '
        "hosting</li>\n"
        '<li><a href="https://nimbus.example">Nimbus Hosting SAS</a> &ndash; backups</li>\n'
        '<li><a href="https://mailjet.example">Mailjet SAS</a> &ndash; transactional '
        "e-mail</li>\n</ul>\n"
        '<h2 id="uk">United Kingdom</h2>\n<ul>\n'
        '<li><a href="https://litmus.example">Litmus Software UK Ltd</a> &ndash; e-mail '
        "previews</li>\n</ul>\n"
        '<h2 id="us">United States</h2>\n<ul>\n'
        '<li><a href="https://twilio.example">Twilio Inc.</a> (SendGrid) &ndash; delivery of '
        "campaign e-mails</li>\n</ul>\n</main>\n"
        '<footer><p>Previous versions:</p><ul><li><a href="2026-01.html">Version of January '
        "2026</a></li></ul></footer>\n</body></html>\n"
    )


def _atlas_rst(previous: bool) -> str:
    """PR-002: a reStructuredText definition list under section titles, the location of a section
    given by a sentence, dates in a field list; PayFit SAS is no longer listed this quarter."""
    payroll = [
        ("Yousign SAS", "Electronic signature of pay slips and contracts. Location: France."),
    ]
    if previous:
        payroll.insert(0, ("PayFit SAS", "Payroll engine. Location: France."))
    body = "".join(f"{name}\n    {text}\n\n" for name, text in payroll)
    return (
        "Atlas Payroll Services: sub-processors\n=====================================\n\n"
        ":Updated: 2026-07-01\n\n"
        f"{LIST_FICTION}\n\n.. contents::\n\n"
        "Hosting\n-------\n\nThese sub-processors are located in France.\n\n"
        "Outscale SAS\n    Hosting of the payroll application.\n\n"
        "Payroll and HR\n--------------\n\n" + body + ".. note:: A sub-processor is added only "
        "after 30 days' notice.\n"
    )


def _insight_docx(previous: bool) -> bytes:
    """PR-031: a DOCX table (sub-processor, purpose, country); Snowflake Inc. is new this quarter."""
    rows = [["Amazon Web Services, Inc.", "Hosting", "United States"]]
    if not previous:
        rows.append(["Snowflake Inc.", "Data warehouse", "United States"])
    rows.append(["Datadog, Inc.", "Monitoring", "United States, Germany"])
    return docx_table_document(
        "Insight Analytics sub-processors",
        f"Insight Analytics uses the sub-processors below. {LIST_FICTION}",
        ["Sub-processor", "Purpose", "Country"],
        rows,
        ["Transfers to the United States are covered by the 2021 standard contractual clauses."],
    )


def _securebadge_pdf() -> bytes:
    """PR-030: a PDF whose bulleted lines follow a sentence giving their location."""
    return pdf_document(
        [
            "SecureBadge sub-processors",
            LIST_FICTION,
            "These sub-processors are located in the EU:",
            "\u2022 Nimbus Hosting SAS - hosting of the badge server",
            "\u2022 Ledgerly SA - invoicing",
        ]
    )


def _shredwell_html() -> str:
    """PR-036: a page that names no sub-processor (SUB-013)."""
    return (
        "<html><body><h1>Sub-processors</h1><p>Our list of sub-processors is available on "
        f"request from our data protection officer. {LIST_FICTION}</p></body></html>\n"
    )


def subprocessor_list_documents(previous: bool) -> dict[str, bytes]:
    """{path relative to the parameters folder: bytes} of the sample's published lists."""
    folder = LISTS_FOLDER
    return {
        f"{folder}/PR-001_subprocessors.md": _nimbus_markdown().encode("utf-8"),
        f"{folder}/PR-002_subprocessors.rst": _atlas_rst(previous).encode("utf-8"),
        f"{folder}/PR-003_subprocessors.html": _mailwave_html().encode("utf-8"),
        f"{folder}/PR-030_subprocessors.pdf": _securebadge_pdf(),
        f"{folder}/PR-031_subprocessors.docx": _insight_docx(previous),
        f"{folder}/PR-036_subprocessors.html": _shredwell_html().encode("utf-8"),
    }


# --------------------------------------------------------------------------- the register


#: builders run in this order (smaller first): a register may use what an earlier one made
BUILD_ORDER = 10


def build(org: Organisation, frames: dict[str, pd.DataFrame], expected: list[dict]) -> None:
    rng = org.rng("processors")
    n = org.size["processors"]
    audit = org.audit_date
    rows = []
    for i in range(n):
        name, service, country, mechanism, scc = STEMS[i % len(STEMS)]
        suffix = (
            ""
            if i < len(STEMS)
            else f" {['Europe', 'Services', 'Group', 'Solutions'][i // len(STEMS) % 4]} {i // len(STEMS)}"
        )
        tier = ["high", "medium", "low"][int(rng.integers(0, 3))]
        months_since_audit = int(rng.integers(1, TIERS[tier] - 1))
        rows.append(
            {
                "processor_id": f"PR-{i + 1:03d}",
                "name": name + suffix,
                "service": service,
                "country": country,
                "active": "yes",
                "risk_tier": tier,
                "contract_id": f"CT-{2020 + i % 6}-{i + 1:04d}",
                "dpa_signed": "yes",
                "contract_end": ""
                if rng.random() < 0.6
                else (audit + pd.DateOffset(months=int(rng.integers(3, 48)))).strftime("%Y-%m-%d"),
                **{column: "yes" for column in CLAUSE_COLUMNS},
                "subprocessor_authorisation": "general" if rng.random() < 0.7 else "specific",
                "subprocessors": ""
                if rng.random() < 0.5
                else "; ".join(sorted({STEMS[int(j)][0] for j in rng.integers(0, len(STEMS), 2)})),
                "transfer_mechanism": mechanism,
                "scc_version": scc,
                "certification": "ISO 27001" if rng.random() < 0.6 else "",
                "certification_expiry": "",
                "last_audit_date": (audit - pd.DateOffset(months=months_since_audit)).strftime(
                    "%Y-%m-%d"
                ),
                "contract_document": "",
                "contract_language": "",
                "subprocessor_list": "",
            }
        )
    frame = pd.DataFrame(rows)
    certified = frame["certification"] != ""
    frame.loc[certified, "certification_expiry"] = iso(
        [audit + pd.DateOffset(months=int(m)) for m in rng.integers(2, 30, certified.sum())]
    ).to_numpy()
    # a few processors that no longer work for the organisation (ROPA-011 points at them)
    inactive = [f"PR-{i:03d}" for i in range(n - 3, n + 1)]
    frame.loc[frame["processor_id"].isin(inactive), "active"] = "no"

    documents, unreferenced = _plant(org, frame, expected)
    org.shared["processors_active"] = sorted(
        set(frame["processor_id"]) - set(inactive) - unreferenced
    )
    org.shared["processors_inactive"] = inactive
    org.shared.setdefault("documents", {}).update(documents)
    frames["processors"] = frame


def _plant(
    org: Organisation, frame: pd.DataFrame, expected: list[dict]
) -> tuple[dict[str, bytes], set[str]]:
    """Plant violations (and compliant boundary cases) on the first processors.

    Returns the DPA documents {relative path: bytes} and the processors no activity may reference.
    """
    audit = org.audit_date
    index = {pid: i for i, pid in enumerate(frame["processor_id"])}

    def day(ts: pd.Timestamp) -> str:
        return ts.strftime("%Y-%m-%d")

    def set_(pid: str, **changes: str) -> None:
        for column, value in changes.items():
            frame.at[index[pid], column] = value

    # In the previous quarter three of today's violations did not exist yet (they show as "new")
    # and two others had not been fixed yet (they show as "resolved" today).
    not_yet = {"PR-012", "PR-018", "PR-022"} if org.previous else set()

    def plant(pid: str, findings: list[tuple[str, str]], **changes: str) -> None:
        if pid in not_yet:
            return
        set_(pid, **changes)
        for rule_id, note in findings:
            expected.append(
                {"audit": "processors", "rule_id": rule_id, "record_key": pid, "note": note}
            )

    def stem(pid: str) -> tuple[str, str]:
        row = frame.loc[index[pid]]
        return str(row["name"]), str(row["service"])

    documents: dict[str, bytes] = {}
    # -- contract documents: three complete DPAs (Markdown, DOCX in French, PDF), all clauses found
    documents["contracts/PR-001_dpa.md"] = markdown_document(dpa_paragraphs(*stem("PR-001")))
    set_("PR-001", contract_document="contracts/PR-001_dpa.md")
    fr_title = "Accord de sous-traitance (article 28 du RGPD)"
    fr = [
        f"Entre {CONTROLLER} (le Responsable du traitement) et {stem('PR-002')[0]} "
        "(le Sous-traitant). Accord fictif rédigé pour l'organisation exemple de gdpr-audit.",
        *(f"{number}. {text}" for number, text in enumerate(CLAUSES_FR.values(), 1)),
    ]
    documents["contracts/PR-002_accord.docx"] = docx_document(fr_title, fr)
    set_("PR-002", contract_document="contracts/PR-002_accord.docx")
    documents["contracts/PR-003_dpa.pdf"] = pdf_document(dpa_paragraphs(*stem("PR-003")))
    set_("PR-003", contract_document="contracts/PR-003_dpa.pdf")
    # -- SUB-009: the register says yes for (g) and (h), the document has neither
    documents["contracts/PR-004_dpa.md"] = markdown_document(
        dpa_paragraphs(*stem("PR-004"), gaps=("g", "h"))
    )
    plant(
        "PR-004",
        [
            ("SUB-009", "Art. 28(3)(g) yes in the register, not in the document"),
            ("SUB-009", "Art. 28(3)(h) yes in the register, not in the document"),
        ],
        contract_document="contracts/PR-004_dpa.md",
    )
    # -- SUB-010: missing file, path escaping the folder (refused, never read), corrupt PDF
    plant(
        "PR-005",
        [("SUB-010", "contract document missing")],
        contract_document="contracts/PR-005_dpa.pdf",
    )
    plant(
        "PR-006",
        [("SUB-010", "path escapes the folder: refused")],
        contract_document="../outside.md",
    )
    documents["contracts/PR-007_dpa.pdf"] = CORRUPT_PDF
    plant("PR-007", [("SUB-010", "corrupt PDF")], contract_document="contracts/PR-007_dpa.pdf")
    # -- SUB-001: one finding per clause
    plant("PR-008", [("SUB-001", "Art. 28(3)(d) no (high)")], clause_d_subprocessors="no")
    plant(
        "PR-009",
        [
            ("SUB-001", "Art. 28(3)(b) partial (medium)"),
            ("SUB-001", "Art. 28(3)(h) partial (medium)"),
        ],
        clause_b_confidentiality="Partial",
        clause_h_audits="partial",
    )
    plant("PR-010", [("SUB-001", "Art. 28(3)(g) not recorded (high)")], clause_g_deletion_return="")
    # the document lacks (g) and (h), but the register does not claim them: SUB-001 only
    plant(
        "PR-023",
        [
            ("SUB-001", "Art. 28(3)(g) partial (medium)"),
            ("SUB-001", "Art. 28(3)(h) partial (medium)"),
        ],
        contract_document="contracts/PR-004_dpa.md",
        clause_g_deletion_return="partial",
        clause_h_audits="partial",
    )
    plant("PR-011", [("SUB-002", "DPA not signed")], dpa_signed="no")
    plant(
        "PR-012",
        [("SUB-003", "contract ended the day before the audit date")],
        contract_end=day(audit - pd.Timedelta(days=1)),
    )
    plant(
        "PR-013",
        [("SUB-004", "India, no transfer mechanism")],
        country="IN",
        transfer_mechanism="",
        scc_version="",
    )
    plant(
        "PR-014",
        [("SUB-004", "adequacy claimed for Singapore")],
        country="SG",
        transfer_mechanism="adequacy",
        scc_version="",
    )
    plant(
        "PR-015",
        [("SUB-004", "India on the repealed 2010 SCCs")],
        country="IN",
        transfer_mechanism="scc",
        scc_version="2010",
    )
    plant(
        "PR-016",
        [("SUB-004", "United States, transfer mechanism none")],
        country="us",
        transfer_mechanism="none",
        scc_version="",
    )
    plant(
        "PR-017",
        [("SUB-005", "sub-processors without authorisation")],
        subprocessors="Shredwell; Courier Express",
        subprocessor_authorisation="none",
    )
    plant(
        "PR-018",
        [("SUB-006", "certification expired the day before the audit date")],
        certification="ISO 27001",
        certification_expiry=day(audit - pd.Timedelta(days=1)),
    )
    plant(
        "PR-019",
        [("SUB-007", "high tier, last audit 12 months and one day ago")],
        risk_tier="high",
        last_audit_date=day(audit - pd.DateOffset(months=12) - pd.Timedelta(days=1)),
    )
    plant("PR-020", [("SUB-007", "never audited")], last_audit_date="")
    plant(
        "PR-021",
        [("SUB-007", "low tier, last audit 37 months ago")],
        risk_tier="low",
        last_audit_date=day(audit - pd.DateOffset(months=37)),
    )
    # SUB-008: active, but left out of processors_active so that no activity references it
    plant("PR-022", [("SUB-008", "active processor used by no processing activity")])

    if org.previous:
        plant(
            "PR-027", [("SUB-002", "DPA not signed (fixed by the next quarter)")], dpa_signed="no"
        )
        plant(
            "PR-028",
            [("SUB-001", "Art. 28(3)(e) partial (fixed by the next quarter)")],
            clause_e_data_subject_rights="partial",
        )

    # -- compliant boundary cases (no finding expected)
    set_(
        "PR-024",
        risk_tier="high",
        last_audit_date=day(audit - pd.DateOffset(months=12)),  # exactly 12 months: not overdue
        contract_end=day(audit),  # ends on the audit date: not before it
        certification="ISO 27001",
        certification_expiry=day(audit),  # expires on the audit date: still valid
        country="el",  # Greece, inside the EEA: no mechanism needed
        transfer_mechanism="",
        scc_version="",
    )
    set_("PR-025", country="BR", transfer_mechanism="adequacy", scc_version="")  # decision of 2026
    set_("PR-026", country="JP", transfer_mechanism="scc", scc_version="2021")
    # complete DPAs in German (Markdown), Spanish (DOCX) and Italian (PDF, language given in the
    # register): every clause found, no finding
    for pid, title, clauses, name in (
        ("PR-024", "Auftragsverarbeitungsvertrag (Art. 28 DSGVO)", CLAUSES_DE, "avv.md"),
        (
            "PR-025",
            "Contrato de encargo del tratamiento (art. 28 RGPD)",
            CLAUSES_ES,
            "contrato.docx",
        ),
        ("PR-026", "Accordo sul trattamento dei dati (art. 28 GDPR)", CLAUSES_IT, "accordo.pdf"),
    ):
        paragraphs = [title, f"{CONTROLLER} / {stem(pid)[0]}. {FICTION}"]
        paragraphs += [f"{number}. {text}" for number, text in enumerate(clauses.values(), 1)]
        path = f"contracts/{pid}_{name}"
        if name.endswith(".md"):
            documents[path] = markdown_document(paragraphs)
        elif name.endswith(".docx"):
            documents[path] = docx_document(title, paragraphs[1:])
        else:
            documents[path] = pdf_document(paragraphs)
        set_(pid, contract_document=path)
    set_("PR-026", contract_language="it")
    # -- published sub-processor lists (SUB-011..SUB-014): the register's subprocessors against
    # each list; clean lists first (names spelled differently, a processor id, "Worldwide")
    documents.update(subprocessor_list_documents(bool(org.previous)))
    lists = LISTS_FOLDER
    set_(
        "PR-001",
        subprocessor_list=f"{lists}/PR-001_subprocessors.md",
        subprocessors="OVH; Scaleway SAS; Cloudflare Inc; Brevo (Sendinblue)",
    )
    set_(
        "PR-030",
        subprocessor_list=f"{lists}/PR-030_subprocessors.pdf",
        subprocessors="PR-001; Ledgerly",
    )
    plant(
        "PR-003",
        [("SUB-012", "list names a US sub-processor (Twilio), transfer_mechanism empty")],
        subprocessor_list=f"{lists}/PR-003_subprocessors.html",
        subprocessors="Amazon Web Services EMEA; Nimbus Hosting; Mailjet; Litmus Software UK; SendGrid",
    )
    set_(
        "PR-002",
        subprocessor_list=f"{lists}/PR-002_subprocessors.rst",
        subprocessors="Outscale; Yousign; PayFit",
    )
    set_(
        "PR-031",
        subprocessor_list=f"{lists}/PR-031_subprocessors.docx",
        subprocessors="Amazon Web Services; Datadog",
    )
    if not org.previous:  # both lists changed during the quarter
        expected.append(
            {
                "audit": "processors",
                "rule_id": "SUB-014",
                "record_key": "PR-002",
                "note": "PayFit in the register, no longer in the published list",
            }
        )
        expected.append(
            {
                "audit": "processors",
                "rule_id": "SUB-011",
                "record_key": "PR-031",
                "note": "Snowflake Inc. added to the published list, not in the register",
            }
        )
    plant(
        "PR-032",
        [("SUB-013", "sub-processor list missing")],
        subprocessor_list=f"{lists}/PR-032_subprocessors.html",
    )
    plant(
        "PR-035",
        [("SUB-013", "sub-processor list path escapes the folder: refused")],
        subprocessor_list="../subprocessors.md",
    )
    plant(
        "PR-036",
        [("SUB-013", "sub-processor list names no sub-processor")],
        subprocessor_list=f"{lists}/PR-036_subprocessors.html",
    )
    # an inactive processor in breach of everything: SUB rules judge active processors only (the
    # second one: ROPA-011's planted record points at the first)
    second_inactive = str(frame.loc[frame["active"] == "no", "processor_id"].iloc[1])
    set_(
        second_inactive,
        dpa_signed="no",
        clause_a_instructions="no",
        contract_end=day(audit - pd.DateOffset(years=1)),
        country="IN",
        transfer_mechanism="none",
        last_audit_date="",
        contract_document="contracts/missing.md",
        subprocessor_list="../outside.md",
    )
    return documents, {"PR-022"} - not_yet
