"""Tests for audit_lib.documents.contracts: evidence of the Art. 28(3)(a)-(h) clauses (SUB-009, SUB-010)."""

from __future__ import annotations

import builtins
import dataclasses
import io
import os
import re
from pathlib import Path

import docx
import matplotlib
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from pypdf import PdfWriter

from audit_lib.documents import contracts
from audit_lib.documents.contracts import (
    CLAUSES,
    MAX_EVIDENCE_CHARS,
    REFUSED_REASON,
    ClauseEvidence,
    DocumentAnalysis,
    DocumentError,
    analyse_document,
    analyse_text,
    evidence_frame,
    read_document_text,
    resolve_document,
    split_sentences,
)
from audit_lib.errors import AuditError

FIXTURES = Path(__file__).parent / "fixtures" / "contracts"
CORPUS = FIXTURES / "corpus"
LETTERS = tuple("abcdefgh")

# --------------------------------------------------------------------------- corpus labels
# Made by reading each document before running the detector on it: which Art. 28(3) points the
# document stipulates, with the sentence that shows it. A letter that is absent is not stipulated.
CORPUS_LABELS: dict[str, set[str]] = {
    # GitHub DPA (2021). Attachment 3 ("GDPR Related Terms") restates Art. 28(2)-(4) nearly
    # verbatim; the main DPA and the attached 2021/914 SCCs repeat most points.
    "01_github_data_protection_agreement_2021.md": {
        "a",  # Att. 3, 2(a): "process the Personal Data only on documented instructions from
        #       Customer, including with regard to transfers of Personal Data to a third country"
        "b",  # Att. 3, 2(b): "ensure that persons authorised to process the Personal Data have
        #       committed themselves to confidentiality"
        "c",  # Att. 3, 2(c): "take all measures required pursuant to Article 32 of the GDPR"
        "d",  # Att. 3, 1: "GitHub shall not engage another processor without prior specific or
        #       general written authorisation of Customer"
        "e",  # Att. 3, 2(e): "assist Customer by appropriate technical and organisational measures
        #       ... to respond to requests for exercising the data subject's rights"
        "f",  # Att. 3, 2(f): "assist Customer in ensuring compliance with the obligations pursuant
        #       to Articles 32 to 36 of the GDPR"
        "g",  # Att. 3, 2(g): "at the choice of Customer, delete or return all the Personal Data to
        #       Customer after the end of the provision of services"
        "h",  # Att. 3, 2(h): "make available to Customer all information necessary to demonstrate
        #       compliance ... and allow for and contribute to audits, including inspections"
    },
    # Cloud Temple DPA annex v2.0 (2024), French.
    "08_cloudtemple_annexe_dpa_v2_2024_fr.md": {
        "a",  # Art. 4.1: "ne traiter les données à caractère personnel que sur instruction
        #       documentée du Responsable de traitement"
        "b",  # Art. 4.2: "les personnes autorisées à traiter les données à caractère personnel
        #       s'engagent à respecter la confidentialité"
        "c",  # Art. 4.3: "Le Sous-traitant s'engage à mettre en œuvre les mesures techniques et
        #       organisationnelles appropriées ... conformément à l'article 32 du RGPD"
        "d",  # Art. 4.4: "ne doit pas recourir à un autre sous-traitant sans l'autorisation
        #       préalable écrite et spécifique du Responsable de traitement"
        # (e) NOT stipulated: Art. 6 only says both parties "doivent permettre aux personnes
        #     concernées d'exercer leurs droits d'accès et de rectification"; the assistance of
        #     Art. 4.5 covers security, breach notification, DPIA and prior consultation, not
        #     answering data-subject requests. At most "partial" in a register.
        "f",  # Art. 4.5: "assister le Responsable de traitement ... de notification des violations
        #       de données, de réalisation d'analyses d'impact"; Art. 8 breach notification
        "g",  # Art. 7: "Selon le choix du Responsable de Traitement, supprimer ou renvoyer les
        #       Données à caractère personnel"; Art. 10 "supprimer ... ou à les retourner"
        "h",  # Art. 11: "mettra à la disposition ... toutes les informations nécessaires pour
        #       démontrer ... et autorisera les audits, y compris les inspections"
    },
    # Pydantic Logfire Data Processing Addendum (2024), US style.
    "10_pydantic_logfire_dpa_2024.md": {
        "a",  # s. 2 "Documented Instructions.": "PSI shall Process Customer Personal Data ... in
        #       accordance with ... any instructions mutually agreed upon by parties in writing"
        "b",  # s. 2 "Confidentiality.": "Any person authorized to Process Customer Personal Data
        #       must be legally bound or obligated to maintain the confidentiality"
        "c",  # s. 3: "implement and maintain reasonable administrative, technical, and physical
        #       safeguards" (weaker than Art. 32: "commercially reasonable efforts")
        "d",  # s. 2: "Customer hereby authorizes PSI to engage Subprocessors" + 7 days' notice,
        #       flow-down "written agreement with Subprocessors"
        "e",  # s. 2: "provide reasonable assistance ... related to any requests from individuals
        #       exercising their rights"
        "f",  # s. 2: "reasonable assistance ... requires a data protection impact assessment
        #       and/or prior consultation"; s. 4 Security Incident notice within 72 hours
        "g",  # s. 7: "at Customer's option ..., delete or return all Customer Personal Data"
        "h",  # s. 2: "provide information reasonably necessary to demonstrate compliance";
        #       s. 6: "carry out an audit of PSI's policies, procedures, and records"
    },
    # 37signals privacy policy: a controller's notice to its users, not a DPA. None stipulated:
    # "processes End User Communications under the instructions of the relevant customer" only
    # points to a separate DPA; "If we are audited by a tax authority" is not (h); "We use some
    # third-party subprocessors" carries no authorisation; "we'll delete the content within 60
    # days" is the controller's retention, not (g).
    "12_37signals_privacy_policy.md": set(),
    # The 2021/915 Art. 28(7) SCCs as adopted by Liberate Science GmbH.
    "eu_2021_915_scc_art28_as_adopted_researchequals.md": {
        "a",  # 7.1(a): "The processor shall process personal data only on documented
        #       instructions from the controller"
        "b",  # 7.4(b): "persons authorised to process the personal data received have committed
        #       themselves to confidentiality"
        "c",  # 7.4(a): "implement the technical and organisational measures specified in Annex
        #       III to ensure the security of the personal data"
        "d",  # 7.7(a): "The processor has the controller's general authorisation for the
        #       engagement of sub-processors from an agreed list" (notice period left unfilled)
        "e",  # 8(b): "assist the controller in fulfilling its obligations to respond to data
        #       subjects' requests to exercise their rights"
        "f",  # 8(c): DPIA, prior consultation, Art. 32; 9: "assist the controller ... under
        #       Articles 33 and 34"
        "g",  # 10(d): "at the choice of the controller, delete all personal data ... or, return
        #       all the personal data"
        "h",  # 7.6(c): "make available to the controller all information necessary to
        #       demonstrate compliance ... permit and contribute to audits"
    },
}


def found_letters(evidence: dict[str, ClauseEvidence]) -> set[str]:
    return {letter for letter, item in evidence.items() if item.found}


def status_under(heading: str, body: str, letter: str, language: str = "en") -> str:
    """The status of clause `letter` read in `body` under the heading `heading` of a short DPA."""
    return analyse_text(f"# DPA\n\n## {heading}\n\n{body}\n", language)[letter].status


def corpus_confusion() -> dict[str, int]:
    """True/false positives/negatives over every (document, clause) pair of the corpus."""
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for name, labels in CORPUS_LABELS.items():
        found = found_letters(analyse_text((CORPUS / name).read_text(encoding="utf-8")))
        for letter in LETTERS:
            key = ("t" if (letter in found) == (letter in labels) else "f") + (
                "p" if letter in found else "n"
            )
            counts[key] += 1
    return counts


def test_corpus_fixtures_keep_their_attribution():
    assert sorted(p.name for p in CORPUS.glob("*.md")) == sorted(CORPUS_LABELS)
    for path in CORPUS.glob("*.md"):
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith("<!-- provenance: repo "), path.name
        assert "licence" in first_line and first_line.endswith("-->"), path.name


@pytest.mark.parametrize("name", sorted(CORPUS_LABELS))
def test_detector_finds_exactly_the_labelled_clauses(name):
    evidence = analyse_text((CORPUS / name).read_text(encoding="utf-8"))
    assert found_letters(evidence) == CORPUS_LABELS[name]


def test_corpus_precision_and_recall():
    counts = corpus_confusion()
    print(f"\ncorpus confusion over {sum(counts.values())} (document, clause) pairs: {counts}")
    assert counts == {"tp": 31, "fp": 0, "fn": 0, "tn": 9}
    precision = counts["tp"] / (counts["tp"] + counts["fp"])
    recall = counts["tp"] / (counts["tp"] + counts["fn"])
    assert (precision, recall) == (1.0, 1.0)


def test_privacy_policy_is_not_read_as_a_dpa():
    evidence = analyse_text((CORPUS / "12_37signals_privacy_policy.md").read_text("utf-8"))
    assert len(found_letters(evidence)) < len(CLAUSES)
    assert found_letters(evidence) == set()


@pytest.mark.parametrize("name", sorted(CORPUS_LABELS))
def test_evidence_is_a_sentence_the_pattern_matches(name):
    for letter, item in analyse_text((CORPUS / name).read_text("utf-8")).items():
        assert item.letter == letter
        if not item.found:
            assert item.sentence is None and item.pattern is None
            continue
        assert item.pattern in {p.pattern for p in CLAUSES[letter].patterns}
        assert len(item.sentence) <= MAX_EVIDENCE_CHARS
        folded = item.sentence.translate(contracts._FOLD)
        assert re.search(item.pattern, folded, re.IGNORECASE), (letter, item.sentence)


# --------------------------------------------------------------------------- French


def test_cloud_temple_french_annex_finds_its_clauses():
    evidence = analyse_text((CORPUS / "08_cloudtemple_annexe_dpa_v2_2024_fr.md").read_text("utf-8"))
    assert found_letters(evidence) == set("abcdfgh")
    assert "que sur instruction documentée" in evidence["a"].sentence
    assert "personnes autorisées" in evidence["b"].sentence
    assert "autre sous-traitant" in evidence["d"].sentence
    assert "notification des violations" in evidence["f"].sentence
    assert "supprimer ou renvoyer" in evidence["g"].sentence
    assert "audits, y compris les inspections" in evidence["h"].sentence
    assert not evidence["e"].found  # see CORPUS_LABELS


def test_evidence_prefers_the_processors_duty_over_the_controllers():
    # Art. 3.5 (the controller's own security duty) comes first and matches the same pattern as
    # Art. 4.3 (the processor's); the sentence naming the processor is kept.
    evidence = analyse_text((CORPUS / "08_cloudtemple_annexe_dpa_v2_2024_fr.md").read_text("utf-8"))
    assert evidence["c"].sentence.startswith("3. Sécurité des traitements: Le Sous-traitant")


def test_evidence_prefers_the_strongest_pattern():
    # GitHub's DPA mentions technical and organisational measures long before Attachment 3; the
    # stronger "measures required pursuant to Article 32" wins, shown with its list's lead-in.
    evidence = analyse_text((CORPUS / "01_github_data_protection_agreement_2021.md").read_text())
    assert evidence["c"].sentence == (
        "In particular, GitHub shall: take all measures required pursuant to Article 32 of the "
        "GDPR;"
    )
    assert "audits, including inspections" in evidence["h"].sentence


# The GDPR's own wording of Art. 28(3), in English and French, and the French 2021/915 SCCs.
REGULATION_WORDING = [
    ("a", "processes the personal data only on documented instructions from the controller"),
    (
        "a",
        "ne traite les données à caractère personnel que sur instruction documentée du "
        "responsable du traitement",
    ),
    (
        "b",
        "ensures that persons authorised to process the personal data have committed "
        "themselves to confidentiality",
    ),
    (
        "b",
        "veille à ce que les personnes autorisées à traiter les données à caractère personnel "
        "s'engagent à respecter la confidentialité",
    ),
    ("c", "takes all measures required pursuant to Article 32"),
    ("c", "prend toutes les mesures requises en vertu de l'article 32"),
    (
        "c",
        "Le sous-traitant met au moins en œuvre les mesures techniques et organisationnelles "
        "précisées à l'annexe III",
    ),
    (
        "d",
        "respects the conditions referred to in paragraphs 2 and 4 for engaging another processor",
    ),
    (
        "d",
        "respecte les conditions visées aux paragraphes 2 et 4 pour recruter un autre "
        "sous-traitant",
    ),
    (
        "d",
        "Le sous-traitant dispose d'une autorisation générale du responsable du traitement pour "
        "faire appel à des sous-traitants ultérieurs figurant sur une liste convenue.",
    ),
    (
        "e",
        "taking into account the nature of the processing, assists the controller by "
        "appropriate technical and organisational measures, insofar as this is possible, for the "
        "fulfilment of the controller's obligation to respond to requests for exercising the data "
        "subject's rights laid down in Chapter III",
    ),
    (
        "e",
        "tient compte de la nature du traitement, aide le responsable du traitement, par des "
        "mesures techniques et organisationnelles appropriées, dans toute la mesure du possible, "
        "à s'acquitter de son obligation de donner suite aux demandes dont les personnes "
        "concernées le saisissent en vue d'exercer leurs droits prévus au chapitre III",
    ),
    (
        "f",
        "assists the controller in ensuring compliance with the obligations pursuant to "
        "Articles 32 to 36",
    ),
    (
        "f",
        "aide le responsable du traitement à garantir le respect des obligations prévues aux "
        "articles 32 à 36",
    ),
    (
        "f",
        "En cas de violation de données à caractère personnel concernant des données traitées "
        "par le sous-traitant, celui-ci en informe le responsable du traitement dans les meilleurs "
        "délais après en avoir pris connaissance.",
    ),
    (
        "g",
        "at the choice of the controller, deletes or returns all the personal data to the "
        "controller after the end of the provision of services relating to processing",
    ),
    (
        "g",
        "selon le choix du responsable du traitement, supprime toutes les données à caractère "
        "personnel ou les renvoie au responsable du traitement au terme de la prestation de "
        "services",
    ),
    (
        "h",
        "makes available to the controller all information necessary to demonstrate compliance "
        "with the obligations laid down in this Article and allow for and contribute to audits, "
        "including inspections",
    ),
    (
        "h",
        "met à la disposition du responsable du traitement toutes les informations nécessaires "
        "pour démontrer le respect des obligations prévues au présent article et pour permettre la "
        "réalisation d'audits, y compris des inspections",
    ),
]


@pytest.mark.parametrize(("letter", "sentence"), REGULATION_WORDING)
def test_the_regulations_own_wording_is_found(letter, sentence):
    assert analyse_text(sentence)[letter].found


# Sentences a controller's notice or a commercial contract may hold, which stipulate nothing.
NOT_A_STIPULATION = [
    "We take appropriate measures to keep your data secure.",
    "If you need assistance exercising these rights, please contact us.",
    "You have the right to request the deletion of your data.",
    "If you delete your account, we'll delete the content within 60 days.",
    "We use some third-party subprocessors to help run our applications.",
    "If we are audited by a tax authority, we may be required to disclose billing information.",
    "We don't undergo regular third-party security audits or hold formal certifications.",
    "The supplier will not assist with requests from individuals about their rights.",
    "Le prestataire n'autorise pas les audits sur site.",
    "Our staff answer support tickets within two business days.",
    "Vous pouvez exercer vos droits d'accès et de rectification en nous écrivant.",
]


@pytest.mark.parametrize("sentence", NOT_A_STIPULATION)
def test_sentences_that_stipulate_nothing_are_not_evidence(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_a_list_item_is_read_with_the_sentence_that_introduces_it():
    text = (
        "2.5 Assistance. Le Prestataire doit aider le Responsable de traitement, notamment :\n\n"
        "  a) en matière de réponse aux demandes d'exercice des droits des personnes concernées ;\n"
        "  b) en matière de conduite d'analyses d'impact.\n\n"
        "2.6 Durée. Le traitement dure le temps du contrat.\n"
    )
    evidence = analyse_text(text)
    assert evidence["e"].found
    assert evidence["e"].sentence == (
        "Le Prestataire doit aider le Responsable de traitement, notamment : a) en matière de "
        "réponse aux demandes d'exercice des droits des personnes concernées ;"
    )
    # the next numbered article is a sibling of "2.5", not an item of its list
    units = dict(contracts._sentence_units(text))
    assert units["2.6 Durée."] is None


def test_html_list_items_keep_their_lead_in():
    text = (
        "<p>The supplier will ensure that its employees:</p>\n<ul>\n  <li>are bound by an "
        "obligation of confidentiality,</li>\n  <li>are trained.</li>\n</ul>"
    )
    evidence = analyse_text(text)
    assert evidence["b"].sentence == (
        "The supplier will ensure that its employees: are bound by an obligation of "
        "confidentiality,"
    )


def test_long_evidence_is_cut_around_the_match():
    filler = "the parties agree on many ordinary commercial matters and payment terms " * 12
    sentence = f"Whereas {filler}the processor shall delete or return all personal data {filler}."
    item = analyse_text(sentence)["g"]
    assert item.found and len(item.sentence) <= MAX_EVIDENCE_CHARS
    assert item.sentence.startswith("…") and item.sentence.endswith("…")
    assert "delete or return all personal data" in item.sentence


# --------------------------------------------------------------------------- clauses and sentences


def test_clauses_cover_art_28_3_a_to_h_in_order():
    assert tuple(CLAUSES) == LETTERS
    for letter, clause in CLAUSES.items():
        assert clause.letter == letter
        assert clause.article == f"Art. 28(3)({letter})"
        assert clause.title and clause.looked_for
        assert clause.patterns and all(isinstance(p, re.Pattern) for p in clause.patterns)
    with pytest.raises(dataclasses.FrozenInstanceError):
        CLAUSES["a"].title = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CLAUSES["z"] = CLAUSES["a"]  # type: ignore[index]


def test_split_sentences_handles_abbreviations_and_numbering():
    text = (
        "7.1. Instructions\n"
        "The processor acts under Art. 28 GDPR, e.g. for hosting. It informs the controller.\n"
        "See Reg. No. 1182/71 and the U.S. Federal Code. Done!"
    )
    assert split_sentences(text) == [
        "7.1. Instructions The processor acts under Art. 28 GDPR, e.g. for hosting.",
        "It informs the controller.",
        "See Reg. No. 1182/71 and the U.S. Federal Code.",
        "Done!",
    ]


def test_split_sentences_handles_markdown_structure():
    text = (
        "<!-- provenance: not contract text -->\n"
        "# Data   Processing\n\n"
        "* **Confidentiality.** Any person authorised\n  to process   the data is bound.\n"
        "* Second item. With two sentences.\n"
        "1. Numbered item\n"
        "(b) Lettered item\n\n"
        "| Domain | Practice |\n|---|---|\n| Access | Logged. |\n\n"
        "See [the list](https://example.com/list) of sub-processors."
    )
    assert split_sentences(text) == [
        "Data Processing",
        "Confidentiality: Any person authorised to process the data is bound.",
        "Second item.",
        "With two sentences.",
        "1. Numbered item",
        "(b) Lettered item",
        "Access: Logged.",  # a table's row, its first cell naming what the next says
        "See the list of sub-processors.",
    ]


def test_split_sentences_does_not_split_at_a_bold_word_inside_a_sentence():
    text = "c) Adresse une **attestation écrite de destruction**.\n\n2.8 Audit. Texte."
    assert split_sentences(text) == [
        "c) Adresse une attestation écrite de destruction.",
        "2.8 Audit.",
        "Texte.",
    ]


# --------------------------------------------------------------------------- reading files

SAMPLE_LINES = [
    "7.1 Instructions",
    "The processor shall process personal data only on documented instructions",
    "from the controller, unless required to do so by Union or Member State law.",
    "The processor shall make available all information necessary to demonstrate",
    "compliance and allow for and contribute to audits, including inspections.",
]


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF with TrueType (extractable) text; no lines gives a page without text."""
    figure = Figure(figsize=(8.27, 11.69))
    for index, line in enumerate(lines):
        figure.text(0.05, 0.95 - index * 0.03, line, fontsize=10)
    if not lines:  # a "scanned" page: graphics only
        figure.add_artist(Rectangle((0.1, 0.1), 0.8, 0.8, transform=figure.transFigure))
    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure.savefig(path, format="pdf", metadata={"CreationDate": None, "Producer": None})
    return path


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Data processing agreement", level=1)
    document.add_paragraph(
        "The processor shall process personal data only on documented instructions from the "
        "controller."
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Obligations of the processor"
    table.cell(1, 0).text = "Deletion"
    table.cell(1, 1).text = (
        "At the choice of the controller, the processor shall delete or return all the personal "
        "data after the end of the provision of services."
    )
    document.add_paragraph("Le sous-traitant autorisera les audits, y compris des inspections.")
    document.save(path)
    return path


def test_reads_pdf_text_and_finds_clauses(tmp_path):
    path = write_pdf(tmp_path / "dpa.pdf", SAMPLE_LINES)
    text = read_document_text(path)
    assert "only on documented instructions" in text
    assert found_letters(analyse_text(text)) == {"a", "h"}
    assert analyse_text(text)["a"].sentence == (
        "7.1 Instructions The processor shall process personal data only on documented "
        "instructions from the controller, unless required to do so by Union or Member State law."
    )


def test_pdf_fixture_is_deterministic(tmp_path):
    first = write_pdf(tmp_path / "one.pdf", SAMPLE_LINES).read_bytes()
    assert write_pdf(tmp_path / "two.pdf", SAMPLE_LINES).read_bytes() == first


def test_reads_docx_paragraphs_and_tables(tmp_path):
    text = read_document_text(write_docx(tmp_path / "dpa.docx"))
    assert text.count("Obligations of the processor") == 1  # a merged cell is read once
    assert "delete or return all the personal data" in text
    evidence = analyse_text(text)
    assert found_letters(evidence) == {"a", "g", "h"}
    assert evidence["g"].sentence.startswith("At the choice of the controller")
    assert evidence["h"].sentence == (
        "Le sous-traitant autorisera les audits, y compris des inspections."
    )


def test_reads_text_as_utf8_then_cp1252(tmp_path):
    utf8 = tmp_path / "utf8.md"
    utf8.write_bytes("\ufeffDonnées traitées".encode())
    assert read_document_text(utf8) == "Données traitées"
    legacy = tmp_path / "legacy.TXT"
    legacy.write_bytes("Données traitées – sous-traitant".encode("cp1252"))
    assert read_document_text(legacy) == "Données traitées – sous-traitant"


def encrypted_pdf(tmp_path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=write_pdf(tmp_path / "plain.pdf", SAMPLE_LINES))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    path = tmp_path / f"encrypted-{bool(user_password)}.pdf"
    writer.write(path)
    return path


def test_owner_password_only_pdf_is_read(tmp_path):
    assert "documented instructions" in read_document_text(encrypted_pdf(tmp_path, ""))


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "no text found"),
        ("blank.md", b" \n\t\n", "no text found"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary content"),
        ("corrupt.pdf", b"%PDF-1.7\nthis is not really a PDF\n", "corrupt or unreadable PDF"),
        ("truncated.pdf", None, "corrupt or unreadable PDF"),
        ("corrupt.docx", b"not a zip file at all", "corrupt or unreadable DOCX"),
        ("protected.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "encrypted DOCX"),
        ("contract.doc", b"old word file", "unsupported file type '.doc'"),
        ("contract", b"no extension", "unsupported file type 'no extension'"),
    ],
)
def test_unreadable_files_raise_document_error(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is None:
        content = write_pdf(tmp_path / "whole.pdf", SAMPLE_LINES).read_bytes()[:-400]
    path.write_bytes(content)
    with pytest.raises(DocumentError) as caught:
        read_document_text(path)
    assert caught.value.reason.startswith(reason)
    assert caught.value.kind == "unreadable"
    assert isinstance(caught.value, AuditError)
    assert str(caught.value) == f"{path}: {caught.value.reason}"


def test_scanned_and_encrypted_pdfs_raise_document_error(tmp_path):
    with pytest.raises(DocumentError, match="no text found"):
        read_document_text(write_pdf(tmp_path / "scan.pdf", []))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        read_document_text(encrypted_pdf(tmp_path, "secret"))


def test_missing_file_and_folder_raise_document_error(tmp_path):
    with pytest.raises(DocumentError) as caught:
        read_document_text(tmp_path / "nowhere.pdf")
    assert (caught.value.kind, caught.value.reason) == ("missing", "file not found")
    with pytest.raises(DocumentError) as caught:
        read_document_text(tmp_path)
    assert (caught.value.kind, caught.value.reason) == ("unreadable", "not a file")


# --------------------------------------------------------------------------- resolving paths


@pytest.fixture
def params_dir(tmp_path: Path) -> Path:
    """A parameters folder with a contract in it, and a secret file beside (outside) it."""
    base = tmp_path / "params"
    (base / "contracts").mkdir(parents=True)
    (base / "contracts" / "dpa.md").write_text(
        "The processor shall process personal data only on documented instructions.",
        encoding="utf-8",
    )
    (tmp_path / "secret.txt").write_text(
        "The processor shall delete or return all personal data.", encoding="utf-8"
    )
    return base


def test_resolves_paths_inside_the_parameters_folder(params_dir):
    expected = (params_dir / "contracts" / "dpa.md").resolve()
    assert resolve_document(params_dir, "contracts/dpa.md") == expected
    assert resolve_document(params_dir, " contracts/../contracts/dpa.md ") == expected
    assert resolve_document(params_dir, "contracts\\dpa.md") == expected
    (params_dir / "link.md").symlink_to(params_dir / "contracts" / "dpa.md")
    assert resolve_document(params_dir, "link.md") == expected


@pytest.mark.parametrize(
    "value",
    ["../secret.txt", "contracts/../../secret.txt", "..\\secret.txt", "C:\\contracts\\dpa.md"],
)
def test_refuses_paths_that_escape_the_parameters_folder(params_dir, value):
    with pytest.raises(DocumentError) as caught:
        resolve_document(params_dir, value)
    assert (caught.value.kind, caught.value.reason) == ("refused", REFUSED_REASON)


def test_refuses_absolute_paths_even_inside_the_folder(params_dir):
    for value in (str(params_dir.parent / "secret.txt"), str(params_dir / "contracts/dpa.md")):
        with pytest.raises(DocumentError, match=REFUSED_REASON):
            resolve_document(params_dir, value)


def test_refuses_symlinks_that_leave_the_parameters_folder(params_dir):
    (params_dir / "contracts" / "evil.txt").symlink_to(params_dir.parent / "secret.txt")
    (params_dir / "outside").symlink_to(params_dir.parent, target_is_directory=True)
    for value in ("contracts/evil.txt", "outside/secret.txt"):
        with pytest.raises(DocumentError, match=REFUSED_REASON):
            resolve_document(params_dir, value)


# --------------------------------------------------------------------------- analyse_document


@pytest.fixture
def opened_files(monkeypatch) -> list[str]:
    """Every path opened through open()/io.open() (pathlib, pypdf, zipfile) while the test runs."""
    opened: list[str] = []
    real_open = builtins.open

    def spy(file, *args, **kwargs):
        if isinstance(file, str | bytes | os.PathLike):
            opened.append(os.path.realpath(os.fsdecode(file)))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    monkeypatch.setattr(io, "open", spy)
    return opened


def test_analyses_a_good_document(params_dir):
    analysis = analyse_document(params_dir, "contracts/dpa.md")
    assert (analysis.path_value, analysis.status, analysis.reason) == (
        "contracts/dpa.md",
        "analysed",
        None,
    )
    assert found_letters(analysis.evidence) == {"a"}


@pytest.mark.parametrize(
    ("value", "status", "reason"),
    [
        ("contracts/nowhere.pdf", "missing", "file not found"),
        ("", "missing", "no document path given"),
        ("contracts/empty.txt", "unreadable", "no text found"),
        ("contracts/corrupt.pdf", "unreadable", "corrupt or unreadable PDF"),
        ("contracts/dpa.rtf", "unreadable", "unsupported file type '.rtf'"),
        ("contracts", "unreadable", "not a file"),
        ("loop.md", "unreadable", "cannot resolve the path"),
        ("../secret.txt", "refused", REFUSED_REASON),
        ("ABSOLUTE", "refused", REFUSED_REASON),
        ("contracts/evil.txt", "refused", REFUSED_REASON),
    ],
)
def test_bad_documents_give_a_status_not_an_exception(
    params_dir, opened_files, value, status, reason
):
    contracts_dir = params_dir / "contracts"
    (contracts_dir / "empty.txt").write_bytes(b"")
    (contracts_dir / "corrupt.pdf").write_bytes(b"%PDF-1.4\n%%garbage")
    (contracts_dir / "dpa.rtf").write_text("{\\rtf1 documented instructions}", encoding="utf-8")
    (contracts_dir / "evil.txt").symlink_to(params_dir.parent / "secret.txt")
    (params_dir / "loop.md").symlink_to(params_dir / "loop.md")
    secret = os.path.realpath(params_dir.parent / "secret.txt")
    if value == "ABSOLUTE":
        value = secret

    analysis = analyse_document(params_dir, value)

    assert isinstance(analysis, DocumentAnalysis)
    assert analysis.status == status
    assert analysis.reason.startswith(reason)
    assert analysis.path_value == value
    assert tuple(analysis.evidence) == LETTERS
    assert found_letters(analysis.evidence) == set()
    assert secret not in opened_files  # the refused file is never opened


def test_a_refused_document_is_never_read(params_dir, opened_files, monkeypatch):
    reads: list[Path] = []
    monkeypatch.setattr(
        contracts, "read_document_text", lambda path: reads.append(path) or "never used"
    )
    analysis = analyse_document(params_dir, "../secret.txt")
    assert analysis.status == "refused"
    assert reads == [] and opened_files == []


# --------------------------------------------------------------------------- evidence_frame


def test_evidence_frame_has_one_row_per_processor_and_clause(params_dir):
    analyses = {
        "P-2": analyse_document(params_dir, "contracts/dpa.md"),
        "P-1": analyse_document(params_dir, "../secret.txt"),
    }
    frame = evidence_frame(analyses)
    assert list(frame.columns) == [
        "processor_id",
        "clause",
        "article",
        "status",
        "found",
        "sentence",
        "pattern",
    ]
    assert list(zip(frame["processor_id"], frame["clause"], strict=True)) == [
        (pid, letter) for pid in ("P-1", "P-2") for letter in LETTERS
    ]
    assert frame["article"].iloc[0] == "Art. 28(3)(a)"
    assert frame["found"].dtype == bool
    refused = frame[frame["processor_id"] == "P-1"]
    assert set(refused["status"]) == {"refused"} and not refused["found"].any()
    found = frame[frame["found"]]
    assert found[["processor_id", "clause", "status"]].values.tolist() == [["P-2", "a", "analysed"]]
    assert found["sentence"].iloc[0].endswith("only on documented instructions.")
    pd.testing.assert_frame_equal(frame, evidence_frame(dict(reversed(analyses.items()))))


def test_evidence_frame_of_nothing_is_empty_with_the_columns():
    frame = evidence_frame({})
    assert frame.empty
    assert list(frame.columns) == contracts.EVIDENCE_COLUMNS


# --------------------------------------------------------------------------- languages (issue 19)

LABELS = FIXTURES / "labels.csv"


def test_labelled_corpus_has_every_clause_and_its_attribution():
    labels = pd.read_csv(LABELS, keep_default_na=False)
    assert set(labels["label"]) <= {"present", "partial", "absent"}
    assert set(labels["split"]) == {"tuning", "heldout"}
    assert set(labels["round"]) <= set(range(1, 30))
    for document, rows in labels.groupby("document"):
        assert sorted(rows["clause"]) == list(LETTERS), document
        text = (FIXTURES / document).read_text(encoding="utf-8")
        first_line = text.splitlines()[0]
        assert first_line.startswith("<!-- provenance: repo ") and "licence" in first_line
        for sentence in rows["sentence"]:
            assert sentence in text, (document, sentence)  # the labelled sentence is quoted
    per_language = labels.drop_duplicates("document").groupby("language")["document"].count()
    assert set(per_language.index) == {"en", "fr", "de", "es", "it"}


@pytest.mark.parametrize(
    ("folder", "language"), [("en", "en"), ("de", "de"), ("es", "es"), ("it", "it"), ("fr", "fr")]
)
def test_language_is_detected_from_the_text(folder, language):
    for path in (FIXTURES / folder).glob("*.md"):
        assert contracts.detect_language(path.read_text(encoding="utf-8")) == language, path
    for path in CORPUS.glob("*.md"):
        expected = "fr" if path.name.startswith("08_") else "en"
        assert contracts.detect_language(path.read_text(encoding="utf-8")) == expected


#: clause cells right / cells on the held-out documents (README, "Contract languages";
#: tests/fixtures/contracts/README.md). Each round's fresh held-out documents moved to tuning in
#: the next round that tuned and were tuned on: rounds 17 and 18's in round 19, round 19's in
#: round 20, round 20's in round 21, round 21's in round 22, rounds 22 and 23's (measured once:
#: round 22 English 61 of 64; round 23, a confirmation, English 72 of 80, and 133 of 144, 92 %,
#: on the two rounds' eighteen English documents; Spanish 5 of 8, Italian 6 of 8; no absent clause
#: reported present) in round 24, round 24's (measured once, with the patterns frozen at 28bac1b:
#: English 43 of 48, 90 %, no absent clause reported present) in round 25, round 25's (measured
#: once, with the patterns frozen at d46cf31: English 52 of 56, 93 %, Spanish 6 of 8, no absent
#: clause reported present) in round 26, round 26's (measured once, with the patterns frozen at
#: ad762c1: 22 of 24, 92 %, no absent clause reported present) in round 27; the documents held
#: out in rounds 1 and 2 (French, German, Spanish, Italian) stay held out; round 27's (measured
#: once, with the patterns frozen at 9b01ee6: English 61 of 72, 85 %, Italian 13 of 16, no absent
#: clause reported present) moved to tuning in round 28, round 28's (measured once, with the
#: patterns frozen at ffc403f: 30 of 32, 94 %, no absent clause reported present) in round 29.
#: Round 29's (measured once, with the patterns frozen at 0835363: 20 of 24, 83 %, no absent
#: clause reported present) moved to tuning in round 30, whose fresh documents are a next
#: session's to seek (the search budget was spent). This records what is achieved; a regression
#: fails, and so does reaching or missing a target without updating the README.
HELD_OUT_RIGHT = {"fr": (16, 16), "de": (16, 16), "es": (16, 16), "it": (16, 16)}
HELD_OUT_TARGET_MISSED: set[str] = set()
#: the same on the documents labelled in a round still held out (the fresh held-out sets)
FRESH_HELD_OUT_RIGHT: dict[int, dict[str, tuple[int, int]]] = {}
#: (round 20's two, HeroForge (d) and ODAVL (d), "a list of authorized Sub-processors" read as an
#: authorisation, are tuning cells since round 21 and read absent)
HELD_OUT_ABSENT_REPORTED_PRESENT: set[tuple[str, str]] = set()
#: tuning cells the detector gets wrong, as (document, clause): GOV.UK Forms (g), "delete or
#: return" only as a condition of a transfer outside the EU (labelled partial); Gluecron (d), see
#: below; Applied Poetics (g), "there is no data to return upon termination. Processor will: -
#: Continue to delete ...", the end in the sentence before the list's lead-in; Báscula (a), a
#: purpose limit ("exclusivamente para prestar el servicio Báscula") with no instructions named,
#: labelled present on several clauses read together; Crosscode (g), deletion on termination in
#: one paragraph, an export on request in the next under a run-in "Return." (both under "Deletion
#: and return"; read one sentence at a time, neither says both). OAuthLint (c), measures listed
#: without a verb under "How we protect it": read under such a heading, a privacy notice's "How we
#: secure your data" (37signals' in the corpus, labelled absent) is read too. EpiphanyMade (g),
#: deletion "on request" after a retention window, the window told in another document. Secretly
#: (g) and (h), "delete or return the data ..., as set out in section 9" and "allow the audits
#: described in section 10", items whose sections then give deletion only and a questionnaire
#: (labelled partial; each item read alone says the whole clause). (Raggy (d), GhostPass (c) and
#: (e), Clipstack (d) and Gluecron (c), wrong until round 11 or 12, are read with the heading they
#: are under since rounds 12 and 13.) TimeProofs (c), measures listed without a verb ("TLS in
#: transit; HMAC-SHA256 server signatures; key rotation.") under a heading "Security" alone:
#: reading such items under that heading also read the review's texts written under it (a third
#: party's encryption, a blank, a bare "TLS"), so they are read only under a heading naming the
#: measures or Art. 32. FileForge (g), return then deletion as the steps of a table ("Export | 15
#: days | FileForge provides data", "Deletion | 90 days | FileForge deletes all data") under "Data
#: Return Process". (Gauge (e), the rights served through the service's endpoints, and ReleaseGate
#: (e), "supports the following on request:" under "Data Subject Rights", are read since round 25.)
#: justfastllm (c), measures said with "should" (a recommendation to the detector; the labellers
#: read the template's "should" as its way of stipulating), and (h), "The operator can provide
#: gateway evidence from:" API endpoints (partial). Politiface (g), "Provider deletes cohort
#: associations and, at the Institution's election, the underlying pseudonymous activity" (no
#: "data" named; partial); Leopardo RH (c), "sécurité (chiffrement au repos/en transit)" in a list
#: of obligations under a heading "Obligations" naming no party, and (h), "Audit : accès aux
#: registres de traitements sur demande motivée" (records only; partial). ReleaseGate (h), self-service checks
#: ("The data controller may: - Inspect append-only trigger protection status") read as an audit
#: (its (f), a "Detection-to-notification target: 72 hours", is read since round 25);
#: Gearbox (c), "medidas de seguridad conforme a SECURITY.md" without a verb under "Obligaciones
#: del encargado"; ProrogaPro (h), "Le verifiche avvengono con preavviso" (checks described, no
#: one named as auditing).
TUNING_WRONG: set[tuple[str, str]] = {
    ("en/releasegate_dpa_template_en.md", "h"),
    ("es/gearbox_dpa_plantilla_es.md", "c"),
    ("it/evolutionsystem_prorogapro_dpa_template_it.md", "h"),
    ("en/politiface_dpa_template_en.md", "g"),
    ("fr/leopardo_rh_dpa_fr.md", "c"),
    ("fr/leopardo_rh_dpa_fr.md", "h"),
    ("en/justfastllm_dpa_template_en.md", "c"),
    ("en/justfastllm_dpa_template_en.md", "h"),
    ("en/fileforge_dpa_en.md", "g"),
    ("en/timeproofs_dpa_en.md", "c"),
    ("es/bascula_contrato_encargo_es.md", "a"),
    ("en/gds_govukforms_agreement_2026_en.md", "g"),
    ("en/gluecron_dpa_template_en.md", "d"),
    ("en/appliedpoetics_dpa_2026_en.md", "g"),
    ("en/crosscode_dpa_draft_en.md", "g"),
    ("en/oauthlint_dpa_en.md", "c"),
    ("en/epiphanymade_coldemail_dpa_en.md", "g"),
    ("en/secretly_dpa_en.md", "g"),
    ("en/secretly_dpa_en.md", "h"),
}
#: tuning cells labelled absent that the detector reports present: Gluecron (d), "Customer
#: authorises the following sub-processors", new ones only notified -- labelled absent by both
#: round-9 labellers, while Hisamed's like "Usted autoriza a Hisamed a emplear los siguientes
#: subencargados" was settled present in round 7; the labels were not changed after the
#: evaluation, and the detector reads both as (d)
TUNING_ABSENT_REPORTED_PRESENT = {("en/gluecron_dpa_template_en.md", "d")}


def test_held_out_scores_meet_the_targets():
    from benchmarks.contract_detection import TARGETS, cells, score

    selected = cells("heldout")
    assert {c.language for c in selected} == set(HELD_OUT_RIGHT)
    for language, (right, n_cells) in HELD_OUT_RIGHT.items():
        mine = score([c for c in selected if c.language == language])
        assert mine.cells == n_cells and mine.right >= right, (language, mine)
        met = mine.accuracy >= TARGETS[language]
        assert met == (language not in HELD_OUT_TARGET_MISSED), (language, mine)
    for earlier in range(3, 30):  # each round's held-out documents moved to tuning later
        assert cells("heldout", round=earlier) == []
    for fresh_round, rights in FRESH_HELD_OUT_RIGHT.items():
        fresh = cells("heldout", round=fresh_round)
        assert {c.language for c in fresh} == set(rights)
        for language, (right, n_cells) in rights.items():
            mine = score([c for c in fresh if c.language == language])
            assert mine.cells == n_cells and mine.right >= right, (language, mine)
    reported = {
        (c.document, c.clause) for c in selected if c.label == "absent" and c.detected != c.label
    }
    assert reported <= HELD_OUT_ABSENT_REPORTED_PRESENT  # no new one
    tuning = cells("tuning")
    reported_in_tuning = {
        (c.document, c.clause) for c in tuning if c.label == "absent" and c.detected != c.label
    }
    assert reported_in_tuning == TUNING_ABSENT_REPORTED_PRESENT
    assert {(c.document, c.clause) for c in tuning if not c.right} == TUNING_WRONG


# The GDPR's own wording of Art. 28(3) in German, Spanish and Italian, and phrasings of processor
# agreements in those languages.
REGULATION_WORDING_I18N = [
    (
        "a",
        "verarbeitet die personenbezogenen Daten nur auf dokumentierte Weisung des Verantwortlichen",
    ),
    (
        "a",
        "trata los datos personales únicamente siguiendo instrucciones documentadas del responsable",
    ),
    (
        "a",
        "tratta i dati personali soltanto su istruzione documentata del titolare del trattamento",
    ),
    (
        "b",
        "gewährleistet, dass sich die zur Verarbeitung der personenbezogenen Daten befugten Personen "
        "zur Vertraulichkeit verpflichtet haben",
    ),
    (
        "b",
        "garantiza que las personas autorizadas para tratar datos personales se hayan comprometido a "
        "respetar la confidencialidad",
    ),
    (
        "b",
        "garantisce che le persone autorizzate al trattamento dei dati personali si siano impegnate "
        "alla riservatezza",
    ),
    ("c", "ergreift alle gemäß Artikel 32 erforderlichen Maßnahmen"),
    ("c", "tomará todas las medidas necesarias de conformidad con el artículo 32"),
    ("c", "adotta tutte le misure richieste ai sensi dell'articolo 32"),
    (
        "d",
        "Der Auftragsverarbeiter nimmt keinen weiteren Auftragsverarbeiter ohne vorherige Genehmigung in Anspruch.",
    ),
    (
        "d",
        "El encargado no recurrirá a otro encargado sin la autorización previa por escrito del responsable.",
    ),
    (
        "d",
        "Il responsabile non ricorre a un altro responsabile senza previa autorizzazione scritta del titolare.",
    ),
    (
        "e",
        "unterstützt angesichts der Art der Verarbeitung den Verantwortlichen bei seiner Pflicht zur "
        "Beantwortung von Anträgen auf Wahrnehmung der in Kapitel III genannten Rechte der betroffenen Person",
    ),
    (
        "e",
        "asistirá al responsable para que este pueda cumplir con su obligación de responder a las "
        "solicitudes que tengan por objeto el ejercicio de los derechos de los interesados",
    ),
    (
        "e",
        "assiste il titolare del trattamento con misure adeguate al fine di soddisfare l'obbligo di "
        "dare seguito alle richieste per l'esercizio dei diritti dell'interessato",
    ),
    (
        "f",
        "unterstützt den Verantwortlichen bei der Einhaltung der in den Artikeln 32 bis 36 genannten Pflichten",
    ),
    (
        "f",
        "ayudará al responsable a garantizar el cumplimiento de las obligaciones establecidas en los artículos 32 a 36",
    ),
    (
        "f",
        "assiste il titolare del trattamento nel garantire il rispetto degli obblighi di cui agli articoli da 32 a 36",
    ),
    (
        "g",
        "nach Abschluss der Erbringung der Verarbeitungsleistungen alle personenbezogenen Daten nach "
        "Wahl des Verantwortlichen entweder löscht oder zurückgibt",
    ),
    (
        "g",
        "a elección del responsable, suprimirá o devolverá todos los datos personales una vez "
        "finalice la prestación de los servicios",
    ),
    (
        "g",
        "su scelta del titolare del trattamento, cancella o gli restituisce tutti i dati personali "
        "dopo che è terminata la prestazione dei servizi",
    ),
    (
        "h",
        "ermöglicht Überprüfungen – einschließlich Inspektionen –, die vom Verantwortlichen "
        "durchgeführt werden, und trägt dazu bei",
    ),
    ("h", "permitirá y contribuirá a la realización de auditorías, incluidas inspecciones"),
    (
        "h",
        "consente e contribuisce alle attività di revisione, comprese le ispezioni, realizzate dal titolare",
    ),
]


@pytest.mark.parametrize(("letter", "sentence"), REGULATION_WORDING_I18N)
def test_the_regulations_wording_is_found_in_german_spanish_italian(letter, sentence):
    assert analyse_text(sentence)[letter].found


@pytest.mark.parametrize(
    "sentence",
    [
        "Der Anbieter gestattet keine Audits.",
        "Sie können Ihre Rechte jederzeit bei uns geltend machen.",
        "El proveedor no permite auditorías en sus instalaciones.",
        "Il fornitore non consente audit presso le proprie sedi.",
        "Puede ejercer sus derechos de acceso y supresión escribiéndonos.",
    ],
)
def test_sentences_in_other_languages_that_stipulate_nothing(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_partial_clauses_keep_their_evidence():
    text = (
        "The Processor shall delete all personal data at the end of the services.\n\n"
        "The Processor shall permit audits by the Controller. Audits are limited to a written "
        "questionnaire and the Processor's certifications.\n"
    )
    evidence = analyse_text(text)
    assert (evidence["g"].status, evidence["g"].found) == ("partial", True)
    assert evidence["g"].sentence.startswith("The Processor shall delete")
    assert evidence["h"].status == "partial"
    assert evidence["h"].limit.startswith("Audits are limited to a written questionnaire")
    de = analyse_text("Der Auftragsverarbeiter löscht die Daten nach Ende des Vertrags.")
    assert de["g"].status == "partial"
    full = analyse_text(
        "At the choice of the controller, the processor shall delete or return all data."
    )
    assert full["g"].status == "present" and full["a"].status == "absent"


# Round 3 of issue 19: wordings of the tuning documents the patterns missed (the round-2 English
# held-out documents, moved to tuning), each a genuine way of stating the obligation.
ROUND_3_WORDING = [
    # (a) "directions" for "instructions" (ZITADEL)
    (
        "a",
        "The Processor processes personal data in accordance with its privacy policy and on the "
        "documented directions of the Customer.",
    ),
    # (e) "support the Customer" (ZITADEL)
    (
        "e",
        "The Processor shall support the Customer as far as possible with suitable technical and "
        "organizational measures in fulfilling its obligation to respond to requests to exercise "
        "the data subject's rights.",
    ),
    # (e) the data subject's request named before "assist" (Common Paper)
    (
        "e",
        "If a data subject makes a valid request under Applicable Data Protection Laws to delete "
        "or opt out, Provider will assist Customer in fulfilling the request.",
    ),
]


def _found_as_written(letter: str, sentence: str) -> None:
    """The wording is read as clause `letter`, and the evidence is the sentence as written."""
    evidence = analyse_text(sentence)
    assert evidence[letter].status == "present"
    assert evidence[letter].sentence == " ".join(sentence.split())


@pytest.mark.parametrize(("letter", "sentence"), ROUND_3_WORDING)
def test_round_3_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Driving directions to our office are on the contact page.",
        "Please contact our support team about your customer account or your rights as a user.",
        "We support the customer success team in answering questions about pricing.",
        "If a data subject makes a request, the Customer will respond to it without our help.",
        "Individuals may request a copy of their data; the Customer answers such requests.",
    ],
)
def test_round_3_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_audit_rights_exercised_only_through_reports_are_partial():
    # Common Paper: a full audit clause, then a restriction to reports and due diligence
    text = (
        "Provider will allow for and contribute to audits, including inspections by Customer. "
        "Customer acknowledges and agrees that it will only exercise its audit rights under this "
        "DPA by instructing Provider to comply with the reporting and due diligence requirements "
        "below.\n"
    )
    evidence = analyse_text(text)
    assert evidence["h"].status == "partial"
    assert evidence["h"].limit.startswith("Customer acknowledges and agrees that it will only")
    # an audit right that is not limited stays present
    full = analyse_text(
        "Provider will allow for and contribute to audits, including inspections by Customer. "
        "Provider will also give Customer a summary copy of its audit reports."
    )
    assert full["h"].status == "present" and full["h"].limit is None


def test_language_decides_which_patterns_come_first():
    text = (
        "Der Auftragsverarbeiter gestattet Audits, einschließlich Inspektionen. "
        "Le sous-traitant autorise les audits, y compris les inspections."
    )
    assert analyse_text(text, "de")["h"].language == "de"
    assert analyse_text(text, "fr")["h"].language == "fr"


def test_pdf_text_is_normalised():
    page = "ACME GmbH - Auftragsverarbeitungsvertrag\n{body}\nSeite {n} von 3\n"
    bodies = [
        "Der Auftragsverarbeiter verarbeitet die Daten nur auf dokumentierte Wei-\nsung des "
        "Verantwortlichen.",
        "Der Auftragsverarbeiter gestattet Audits, einschließlich Inspektionen.",
        "DerAuftragsverarbeiter informiert.",
    ]
    text = "\f".join(page.format(body=b, n=i + 1) for i, b in enumerate(bodies))
    normalised = contracts.normalise_pdf_text(text)
    assert "ACME GmbH" not in normalised and "Seite" not in normalised
    assert "dokumentierte Weisung" in normalised
    assert "Der Auftragsverarbeiter informiert" in normalised
    assert found_letters(analyse_text(normalised)) == {"a", "h"}


def test_glued_words_from_a_pdf_still_match():
    evidence = analyse_text(
        "The processor shall process personal data only ondocumented instructions."
    )
    assert evidence["a"].found


def write_pages(path: Path, pages: list[list[str]]) -> Path:
    """A PDF of several pages, each with a running header and footer (extractable text)."""
    from matplotlib.backends.backend_pdf import PdfPages

    with (
        matplotlib.rc_context({"pdf.fonttype": 42}),
        PdfPages(path, metadata={"CreationDate": None}) as pdf,
    ):
        for number, lines in enumerate(pages, 1):
            figure = Figure(figsize=(8.27, 11.69))
            figure.text(0.05, 0.97, "Contrato de encargo - ACME S.L.", fontsize=8)
            for index, line in enumerate(lines):
                figure.text(0.05, 0.9 - index * 0.03, line, fontsize=10)
            figure.text(0.05, 0.02, f"Página {number} de {len(pages)}", fontsize=8)
            pdf.savefig(figure)
    return path


def test_a_real_pdf_in_spanish_with_headers_and_hyphenation(tmp_path):
    pages = [
        [
            "El encargado tratará los datos personales únicamente siguiendo instruccio-",
            "nes documentadas del responsable.",
        ],
        [
            "El encargado permitirá y contribuirá a la realización de auditorías, incluidas",
            "inspecciones, por parte del responsable.",
        ],
        ["A elección del responsable, el encargado suprimirá o devolverá todos los datos."],
    ]
    text = read_document_text(write_pages(tmp_path / "contrato.pdf", pages))
    assert "ACME" not in text and "Página" not in text
    assert "instrucciones documentadas" in text
    analysis = analyse_document(tmp_path, "contrato.pdf")
    assert (analysis.language, analysis.language_source) == ("es", "detected")
    assert found_letters(analysis.evidence) == {"a", "g", "h"}
    assert analyse_document(tmp_path, "contrato.pdf", "it").language_source == "register"


def test_evidence_frame_detail_columns(params_dir):
    frame = evidence_frame({"P-1": analyse_document(params_dir, "contracts/dpa.md")}, detail=True)
    assert list(frame.columns) == contracts.EVIDENCE_COLUMNS + contracts.DETAIL_COLUMNS
    assert frame.set_index("clause").loc["a", "clause_status"] == "present"
    assert set(frame["language"]) == {"en"} and set(frame["language_source"]) == {"detected"}


# Round 4 of issue 19: wordings of round 3's held-out documents (moved to tuning) that the
# patterns missed, each a genuine way of stating the obligation.


def test_a_heading_is_not_a_stipulation():
    # Bonterms: the heading "Data Return or Deletion", then deletion only at the end: partial
    body = (
        "(a) Following termination or expiration of the Agreement, Provider will delete all "
        "Customer Personal Data from Provider's systems.\n"
    )
    for heading in (
        "**8. Data Return or Deletion**.\n\n",
        "## 8. Data Return or Deletion\n\n",
        "Data Return or Deletion\n-----------------------\n\n",
        "<h3>Data Return or Deletion</h3>\n",
    ):
        evidence = analyse_text(heading + body)
        assert evidence["g"].status == "partial", heading
        assert evidence["g"].sentence.startswith("(a) Following termination"), heading
    # the heading is still a sentence of the document, only not evidence
    assert "8. Data Return or Deletion" in split_sentences("**8. Data Return or Deletion**.\n")
    # a whole bold sentence is not a heading: it stipulates
    bold = (
        "**At the choice of the Customer, the Processor shall delete or return all the personal "
        "data to the Customer after the end of the provision of services.**\n"
    )
    assert analyse_text(bold)["g"].status == "present"
    # a bold run-in heading stays with its sentence, as before
    run_in = "**Return or deletion.** The Processor shall delete or return all personal data.\n"
    assert analyse_text(run_in)["g"].status == "present"


def test_delete_or_obtain_copies_is_a_choice_of_return():
    # Markprompt
    sentence = (
        "Upon termination of the Agreement, as instructed by Customer, to the extent that "
        "Markprompt retains Personal Data, permit Customer to delete or obtain copies of such "
        "Personal Data consistent with the functionality of the Services and applicable law."
    )
    assert analyse_text(sentence)["g"].status == "present"
    # copies obtained for another purpose are no return
    other = "Customer may obtain copies of the audit report after the end of the agreement."
    assert analyse_text(other)["g"].status == "absent"


TRAVIS_NOTIFICATIONS = (
    "### Notifications\n\n"
    "1. Travis-CI shall, without undue delay, notify the Client if:\n"
    "- it becomes aware of a personal data breach; or\n"
    "- it receives a request from or on behalf of a data subject of Client's Personal Data to "
    "exercise any of the rights given to data subjects by Data Protection Legislation; or\n"
    "- it receives a request from the Press, a Data Protection authority or another public "
    "authority.\n"
    "2. Travis-CI shall (at the Client's expense) provide such further information and "
    "assistance as the Client reasonably requires in handling and responding to such "
    "notifications in accordance with its obligations under Data Protection Legislation.\n"
)


def test_a_sentence_referring_back_is_read_with_the_item_before_it():
    # Travis CI: the data subject's request in item 1, the assistance with "such notifications"
    # in item 2
    evidence = analyse_text(TRAVIS_NOTIFICATIONS)["e"]
    assert evidence.status == "present"
    assert "data subject" in evidence.sentence and "assistance" in evidence.sentence
    assert len(evidence.sentence) <= MAX_EVIDENCE_CHARS
    # (as patterns read a list with what refers back to it: the items' "; or" as commas)
    assert re.search(evidence.pattern, contracts._matchable(evidence.sentence, items=True), re.I)
    # two sentences of one paragraph
    paragraph = (
        "The Processor will promptly notify the Customer of any request from a data subject. "
        "The Processor will assist the Customer in answering such requests."
    )
    assert analyse_text(paragraph)["e"].status == "present"


@pytest.mark.parametrize(
    "text",
    [
        # no sentence referring back: two paragraphs are not read together
        TRAVIS_NOTIFICATIONS.replace("responding to such notifications", "responding to them"),
        # what is referred to says nothing of data subjects
        "1. Provider shall notify Customer of any request from a public authority.\n"
        "2. Provider shall assist Customer in responding to such requests.\n",
        # a heading between them
        "Data subjects may send requests to exercise their rights to the Customer.\n\n"
        "## Support\n\n"
        "The Provider will assist the Customer with such requests for a fee.\n",
        # the referring sentence asks nothing of the processor: its text matches on its own terms
        # or not at all
        "Data subjects may request access to their data.\n\n"
        "Such requests are answered by the Customer.\n",
    ],
)
def test_sentences_are_not_read_together_without_a_reference_back(text):
    assert analyse_text(text)["e"].status == "absent"


# The 2010/87/EU processor clauses in French (CommonAccord's markup: each item a "N.sec=" line),
# items whose list markers were lost: a paragraph ending in ";" after a lead-in is an item of it,
# and so is the paragraph after one ending in "; et".
SCC_2010_FR = (
    "5.0.sec=L'importateur de données accepte et garantit ce qui suit:\n\n"
    "5.1.sec=il traitera les données à caractère personnel pour le compte exclusif de "
    "l'exportateur de données et conformément aux instructions de ce dernier et aux présentes "
    "clauses;\n\n"
    "5.4.0.sec=il communiquera sans retard à l'exportateur de données:\n\n"
    "5.4.1.sec=toute demande contraignante de divulgation des données à caractère personnel "
    "émanant d'une autorité de maintien de l'ordre;\n\n"
    "5.4.2.sec=tout accès fortuit ou non autorisé; et\n\n"
    "5.4.3.sec=toute demande reçue directement des personnes concernées sans répondre à cette "
    "demande, à moins qu'il n'ait été autorisé à le faire;\n\n"
    "5.5.sec=il traitera rapidement et comme il se doit toutes les demandes de renseignements "
    "émanant de l'exportateur de données;\n\n"
    "5.6.sec=à la demande de l'exportateur de données, il soumettra ses moyens de traitement de "
    "données à une vérification des activités de traitement couvertes par les présentes clauses "
    "qui sera effectuée par l'exportateur de données;\n"
)


def test_the_2010_87_clauses_pre_gdpr_wording_is_found():
    evidence = analyse_text(SCC_2010_FR)
    assert {letter for letter in "aefh" if evidence[letter].status == "present"} == set("aefh")
    assert "conformément aux instructions de ce dernier" in evidence["a"].sentence
    # the CommonAccord keys ("5.4.0.sec=") are markup, not in the evidence
    assert evidence["e"].sentence.startswith("il communiquera sans retard")
    assert "personnes concernées" in evidence["e"].sentence
    assert evidence["f"].sentence.endswith("tout accès fortuit ou non autorisé; et")
    assert "vérification" in evidence["h"].sentence
    units = dict(contracts._sentence_units(SCC_2010_FR))
    # the lead-in holds for the three items and ends after the one following "; et"
    assert (
        units[
            "toute demande reçue directement des personnes concernées sans répondre "
            "à cette demande, à moins qu'il n'ait été autorisé à le faire;"
        ]
        is not None
    )
    assert (
        units[
            "il traitera rapidement et comme il se doit toutes les demandes de renseignements "
            "émanant de l'exportateur de données;"
        ]
        is None
    )


def test_unmarked_items_end_where_the_list_ends():
    text = (
        "Le sous-traitant s'engage à:\n\n"
        "tenir un registre;\n\n"
        "Les personnes concernées exercent leurs droits auprès du responsable.\n"
    )
    units = dict(contracts._sentence_units(text))
    assert units["tenir un registre;"] == "Le sous-traitant s'engage à:"
    assert units["Les personnes concernées exercent leurs droits auprès du responsable."] is None


@pytest.mark.parametrize(
    "sentence",
    [
        # the definition of processing on instructions is not a ban on other processing
        "Le responsable du traitement donne ses instructions au sous-traitant.",
        # nouns, not a verb of telling
        "Les informations relatives aux demandes reçues des personnes concernées sont archivées.",
        "Les mesures protègent les données contre la destruction fortuite ou l'accès non autorisé.",
        # the processor is subject to the authority's controls, not the controller's audits
        "Le sous-traitant est soumis au contrôle de la CNIL.",
        "Le client communique ses instructions par écrit.",
    ],
)
def test_round_4_french_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


# Round 5 of issue 19: wordings of round 4's held-out documents (moved to tuning) that the
# patterns missed, each a genuine way of stating the obligation.
ROUND_5_WORDING = [
    # (a) instructions "received from Customer" (Courier)
    (
        "a",
        "Process Customer Personal Data (i) only for the purpose of providing, supporting and "
        "improving The Service, using appropriate technical and organizational security measures; "
        "and (ii) in compliance with the instructions received from Customer.",
    ),
    # (a) "as instructed by the client" (fortrabbit, English and German)
    (
        "a",
        "The contractor processes personal data exclusively as contractually agreed or as "
        "instructed by the client, unless the contractor is legally obliged to perform certain "
        "processing.",
    ),
    (
        "a",
        "Der Auftragnehmer verarbeitet personenbezogene Daten ausschließlich wie vertraglich "
        "vereinbart oder wie vom Auftraggeber angewiesen.",
    ),
    # (a) before the GDPR, in Spanish (2010/87/EU clause 5(a))
    (
        "a",
        "tratará los datos personales transferidos solo en nombre del exportador de datos, de "
        "conformidad con sus instrucciones y las cláusulas.",
    ),
    # (b) "Personen, die Kenntnis von den ... Daten erhalten können" (fortrabbit)
    (
        "b",
        "Personen, die Kenntnis von den im Auftrag verarbeiteten Daten erhalten können, haben "
        "sich schriftlich zur Vertraulichkeit zu verpflichten.",
    ),
    # (d) the right to reject subcontractors (fortrabbit, English and German)
    ("d", "The client can reject subcontractors."),
    ("d", "Der Auftraggeber kann Subunternehmer ablehnen."),
    # (e) the data subjects' rights named before "support" / "unterstützen" (fortrabbit)
    (
        "e",
        "If the client is subject to inspection by supervisory authorities or other bodies or if "
        "data subjects assert rights against him, the contractor undertakes to support the client "
        "to the extent necessary.",
    ),
    (
        "e",
        "Machen betroffene Personen ihm gegenüber Rechte geltend, verpflichtet sich der "
        "Auftragnehmer den Auftraggeber im erforderlichen Umfang zu unterstützen.",
    ),
    # (f) the articles named before "unterstützen" (fortrabbit)
    (
        "f",
        "Der Auftragnehmer sichert zu, den Auftraggeber bei dessen Pflichten nach Art. 33 und 34 "
        "Datenschutz-Grundverordnung im erforderlichen Umfang zu unterstützen.",
    ),
    # (h) the controller "may ... audit" (Courier); the evidence for an inspection (fortrabbit)
    (
        "h",
        "Customer may, prior to the commencement of Processing, and at regular intervals "
        "thereafter, audit the technical and organizational measures taken by Courier.",
    ),
    (
        "h",
        "The contractor is required to provide the necessary information, to demonstrate "
        "procedures and to provide the evidence required to carry out an inspection.",
    ),
    (
        "h",
        "Der Auftraggeber ist berechtigt, die Einhaltung der Vorschriften über den Datenschutz "
        "beim Auftragnehmer in angemessenem Umfang selbst oder durch Dritte zu kontrollieren.",
    ),
    # (h) before the GDPR, in Spanish (2010/87/EU clause 5(f))
    (
        "h",
        "ofrecerá a petición del exportador de datos sus instalaciones de tratamiento de datos "
        "para que se lleve a cabo la auditoría de las actividades de tratamiento.",
    ),
]


@pytest.mark.parametrize(("letter", "sentence"), ROUND_5_WORDING)
def test_round_5_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


def test_the_2010_87_clauses_pre_gdpr_wording_is_found_in_spanish_items():
    # the Spanish clauses 5(d)(ii) and (iii), items of their lead-in (in the corpus copy the
    # CommonAccord markup puts every item marker on a line of its own, which reads clause 5 as
    # one sentence: these two are then missed there)
    text = (
        "El importador de datos notificará sin demora al exportador de datos sobre:\n\n"
        "- todo acceso accidental o no autorizado;\n"
        "- toda solicitud sin respuesta recibida directamente de los interesados.\n"
    )
    evidence = analyse_text(text)
    assert evidence["f"].status == "present"
    assert evidence["e"].status == "present"


def test_reports_only_are_part_of_h():
    # Actually Reliable: reports and certifications, no audit by the controller
    sentence = (
        "Upon written request from Customer at reasonable intervals, Actually Reliable will "
        "provide Customer with its most recent available third-party audit reports or security "
        "certifications, or where such documentation does not exist, a written summary of its "
        "current security practices."
    )
    assert analyse_text(sentence)["h"].status == "partial"
    # an audit by the controller as well: present
    both = sentence + " Customer may audit the Processor's compliance once a year."
    assert analyse_text(both)["h"].status == "present"


def test_deletion_flowed_down_to_subcontractors_is_not_the_controllers_choice():
    # fortrabbit: destroyed at the end (partial); "return or deletion" only of the subcontractors
    text = (
        "1. Upon termination of the contract, the data will be destroyed.\n"
        "2. The contractor is obliged to bring about the immediate return or deletion also with "
        "subcontractors.\n"
    )
    evidence = analyse_text(text)["g"]
    assert evidence.status == "partial"
    assert evidence.sentence == "1. Upon termination of the contract, the data will be destroyed."


@pytest.mark.parametrize(
    "sentence",
    [
        # the controller's instructions to its own staff, no processing on them
        "The customer gives instructions to its employees in writing.",
        "Customer may not audit the Processor's premises.",
        "Customer may request the audit reports of its own auditors.",
        "Our subcontractors are listed on the website.",
        "Der Auftraggeber kann den Vertrag kündigen.",
        "Betroffene Personen können ihre Rechte beim Verantwortlichen geltend machen.",
        "La notificación de la información se hará por escrito.",
        "The data will be destroyed by the customer at its own discretion.",
        "Personen, die das Büro betreten, tragen einen Ausweis.",
    ],
)
def test_round_5_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_a_placeholder_is_not_a_stipulation():
    # after round 5's evaluation (the draht outline template): a placeholder in brackets says
    # what is to be written there
    outline = (
        "## 6. Unterauftragsverarbeiter\n"
        "[Liste der Unterauftragsverarbeiter oder Prozess zur Genehmigung]\n\n"
        "## 8. Kontrollrechte\n"
        "[Audit- und Kontrollrechte des Auftraggebers]\n"
    )
    assert found_letters(analyse_text(outline)) == set()
    # a sentence with a placeholder in it still stipulates
    filled = (
        "Einsatz von Unterauftragsverarbeitern nur mit vorheriger Zustimmung des Auftraggebers: "
        "[Liste]."
    )
    assert analyse_text(filled)["d"].status == "present"


#: round 6 of issue 19: wordings of round 5's held-out documents (moved to tuning once their
#: misses were seen), each a genuine way of stating the obligation
ROUND_6_WORDING = [
    # (b) the undertaking named before the staff (draht)
    ("b", "Vertraulichkeitsverpflichtung der Mitarbeiter"),
    ("b", "Die Verschwiegenheitspflicht der Beschäftigten bleibt nach Vertragsende bestehen."),
    # (c) "implementa medidas apropiadas" (Club+)
    ("c", "Club+ implementa medidas apropiadas que incluyen cifrado y controles de acceso."),
    ("c", "El Encargado aplicará las medidas de seguridad adecuadas al riesgo."),
    # (d) Latin-American "subprocesadores" (Club+)
    (
        "d",
        "Club+ puede contratar subprocesadores con el consentimiento previo específico o general "
        "del Cliente.",
    ),
    # (e) "sujetos de datos", "titulares de los datos" (Club+; Latin-American usage)
    ("e", "Club+ asistirá al Cliente en responder a solicitudes de sujetos de datos."),
    (
        "e",
        "El Procesador ayudará al Controlador a atender los derechos de los titulares de los "
        "datos.",
    ),
    # (g) the participle "gelöscht" (NADOO)
    (
        "g",
        "Nach Abschluss der Verarbeitung werden personenbezogene Daten nach Weisung des "
        "Auftraggebers gelöscht oder zurückgegeben.",
    ),
    # (h) the controller's right to audit, as an infinitive (Club+)
    ("h", "El Cliente tiene derecho a auditar el cumplimiento de este DPA por Club+."),
    ("h", "El Responsable podrá auditar o inspeccionar las instalaciones del Encargado."),
]


@pytest.mark.parametrize(("letter", "sentence"), ROUND_6_WORDING)
def test_round_6_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


def test_the_end_of_the_contract_as_a_compound_makes_deletion_partial():
    # draht: "Löschung nach Auftragsende" -- deletion at the end, no return
    for sentence in ("Löschung nach Auftragsende", "Die Daten werden bei Vertragsende gelöscht."):
        evidence = analyse_text(sentence)["g"]
        assert (evidence.status, evidence.sentence) == ("partial", sentence)
    # the compound alone, without a deletion, is not (g); nor "Abschluss des Vertrages" (the
    # signature) without one: the alternatives of the end are one group
    assert analyse_text("Das Vertragsende richtet sich nach dem Hauptvertrag.")["g"].status == (
        "absent"
    )
    assert (
        analyse_text("Die Zustimmung ist mit Abschluss des Vertrages erteilt.")["g"].status
        == "absent"
    )


def test_item_markers_on_lines_of_their_own():
    # the CommonAccord copy of the 2010/87/EU clauses: "d)" on one line, the item's text on the
    # next, and a roman list "i) ii) iii)" nested in item d) at the same indentation
    text = (
        "El importador de datos se compromete a:\n"
        "c)\nha puesto en práctica las medidas de seguridad técnicas y organizativas;\n"
        "d)\nnotificará sin demora al exportador de datos sobre:\n"
        "i)\ntoda solicitud jurídicamente vinculante de divulgar los datos personales presentada "
        "por una autoridad encargada de la aplicación de ley, a menos que esté prohibido por el "
        "Derecho penal para preservar la confidencialidad de una investigación,\n"
        "ii)\ntodo acceso accidental o no autorizado,\n"
        "iii)\ntoda solicitud sin respuesta recibida directamente de los interesados;\n"
        "e)\ntratará adecuadamente las consultas del exportador de datos;\n"
    )
    evidence = analyse_text(text)
    assert evidence["f"].sentence == (
        "d) notificará sin demora al exportador de datos sobre: ii) todo acceso accidental o no "
        "autorizado,"
    )
    assert evidence["e"].status == "present"
    # the lead-in ends with its list: item e) is not read with "sobre:"
    units = contracts._units(text)
    assert [u.lead_in for u in units if u.sentence.startswith("e)")] == [None]


def test_a_letter_i_after_h_is_a_letter_not_a_roman_numeral():
    text = "Se compromete a:\nh)\nprimero;\ni)\nsegundo;\nj)\ntercero.\n"
    # h), i), j) are siblings, each read with the lead-in
    assert [u.lead_in for u in contracts._units(text)][1:] == ["Se compromete a:"] * 3


@pytest.mark.parametrize(
    "sentence",
    [
        # confidentiality named before people who are not the processor's staff
        "Die Vertraulichkeitsvereinbarung wird vom Auftraggeber unterzeichnet.",
        # measures of the controller, or negated
        "El Cliente no adopta medidas adecuadas.",
        "Se recomienda implementar controles.",
        # sub-processors without any authorisation
        "La lista de subprocesadores está publicada en el sitio web.",
        # data subjects' rights with no assistance
        "Los sujetos de datos pueden ejercer sus derechos ante el Controlador.",
        # the controller may not audit
        "El Cliente no tiene derecho a auditar las instalaciones.",
        "El Cliente puede no auditar.",
        # deletion by the controller, not at the end
        "Der Auftraggeber hat die Daten gelöscht.",
    ],
)
def test_round_6_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


#: round 7 of issue 19: wordings of round 6's held-out documents (moved to tuning once their
#: misses were seen), each a genuine way of stating the obligation
ROUND_7_WORDING = [
    # (a) "documented customer instructions" (Dployr); "conforme aux instructions du Client" (Raggy)
    ("a", "Process personal data only on documented customer instructions."),
    ("a", "Traitement conforme aux instructions du Client."),
    (
        "a",
        "Er verarbeitet die personenbezogenen Daten nur im Auftrag des Datenexporteurs und in "
        "Übereinstimmung mit dessen Anweisungen.",
    ),
    # (b) the confidentiality named before the staff (Raggy, memoLib)
    ("b", "Confidentialité du personnel."),
    ("b", "Garantir la confidentialité des personnes autorisées."),
    # (c) security measures or safeguards implemented (Raggy, memoLib, Ikiform in four languages)
    ("c", "Maintien des mesures de sécurité."),
    ("c", "Implémenter des mesures de sécurité."),
    ("c", "Ikiform met en oeuvre des garanties conformes au droit applicable."),
    ("c", "Ikiform implementiert Schutzmassnahmen im Einklang mit dem Datenschutzrecht."),
    ("c", "Ikiform aplica salvaguardas conforme a la normativa aplicable."),
    ("c", "Ikiform implementa misure di protezione conformi alla legge."),
    (
        "c",
        "Er hat die in Anhang 2 beschriebenen technischen und organisatorischen "
        "Sicherheitsmaßnahmen ergriffen.",
    ),
    # (d) "autorisation avant sous-traitance" (memoLib); "Einwilligung" (2010/87/EU, German)
    ("d", "Obtenir préalable autorisation avant sous-traitance."),
    (
        "d",
        "Der Datenimporteur darf ohne die vorherige schriftliche Einwilligung des Datenexporteurs "
        "keinen Verarbeitungsauftrag an einen Unterauftragnehmer vergeben.",
    ),
    # (e) "l'exercice des droits" (memoLib, Raggy); "Rechte betroffener Personen" (KanuControl,
    # Pruefai)
    ("e", "Assister le Responsable dans l'exercice des droits RGPD."),
    ("e", "Assister dans la réponse aux demandes d'exercice de droits."),
    (
        "e",
        "Der Auftragsverarbeiter unterstützt den Verantwortlichen bei der Wahrnehmung der Rechte "
        "betroffener Personen.",
    ),
    ("e", "Den Auftraggeber bei der Wahrung der Rechte betroffener Personen zu unterstützen."),
    # (f) "Notifier tout incident de sécurité", "informations nécessaires aux analyses d'impact"
    ("f", "Notifier tout incident de sécurité sous 24h."),
    ("f", "Fournir les informations nécessaires aux analyses d'impact (AIPD)."),
    # (g) "zerstören", "je nach Wunsch"; umlauts written "ue", "oe" (Ikiform)
    (
        "g",
        "Bei Beendigung der Dienste wird er je nach Wunsch des Datenexporteurs alle Daten an den "
        "Datenexporteur zurückschicken oder alle personenbezogenen Daten zerstören.",
    ),
    ("g", "Nach Vertragsende werden Kundendaten zurueckgegeben oder geloescht."),
    # (h) the controller's right to audit (memoLib); "Collaborer aux audits" (Raggy); facilities
    # made available for inspection (2010/87/EU, German)
    ("h", "Le Responsable a le droit d'auditer le Sous-Traitant."),
    ("h", "Collaborer aux audits et inspections."),
    (
        "h",
        "Er stellt auf Verlangen des Datenexporteurs seine Datenverarbeitungseinrichtungen zur "
        "Prüfung der Verarbeitungstätigkeiten zur Verfügung.",
    ),
]


@pytest.mark.parametrize(("letter", "sentence"), ROUND_7_WORDING)
def test_round_7_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


def test_information_to_demonstrate_compliance_alone_is_part_of_h():
    # Pruefai: information, no audit or inspection by the controller
    sentence = (
        "Dem Auftraggeber alle erforderlichen Informationen zum Nachweis der Einhaltung dieses "
        "Vertrags zur Verfügung zu stellen."
    )
    assert analyse_text(sentence)["h"].status == "partial"
    english = "Processor makes available the information necessary to demonstrate compliance."
    assert analyse_text(english)["h"].status == "partial"
    # with an audit as well: present
    both = english + " Processor allows for and contributes to audits by the Controller."
    assert analyse_text(both)["h"].status == "present"


def test_the_term_of_the_dpa_is_not_a_deletion_or_return():
    # F7: how long the DPA lasts, not what happens to the data at the end
    text = (
        "Upon termination of the service agreement:\n"
        "- F7 will delete all Customer Personal Data within 30 days\n"
        "- Customer may request data export before deletion\n\n"
        "This DPA remains in effect until all Personal Data has been deleted or returned.\n"
    )
    evidence = analyse_text(text)["g"]
    assert evidence.status == "partial"
    assert "F7 will delete" in evidence.sentence


def test_a_list_is_read_whole_when_no_item_shows_the_clause():
    # KanuControl: the choice in the lead-in (no colon), deletion and return in two items
    text = (
        "Nach Beendigung der Nutzung werden die Daten des Verantwortlichen nach dessen Wahl\n\n"
        "- gelöscht oder\n"
        "- in einem geeigneten Format zur Verfügung gestellt.\n"
    )
    evidence = analyse_text(text)["g"]
    assert evidence.status == "present"
    assert evidence.sentence == (
        "Nach Beendigung der Nutzung werden die Daten des Verantwortlichen nach dessen Wahl "
        "gelöscht oder in einem geeigneten Format zur Verfügung gestellt."
    )
    # a list whose items say nothing of the clause together is no evidence
    other = "Der Auftragsverarbeiter\n\n- speichert Daten in der EU\n- nutzt Verschlüsselung\n"
    assert analyse_text(other)["g"].status == "absent"


def test_commonaccord_keys_and_an_unpunctuated_lead_in():
    # the German 2010/87/EU clauses as CommonAccord keeps them: a key before each paragraph, a
    # lead-in ending in "über" (no colon), an item ending in "und" (no semicolon)
    text = (
        "5.4.0.sec=er den Datenexporteur unverzüglich informiert über\n\n"
        "5.4.1.sec=alle rechtlich bindenden Aufforderungen einer Vollstreckungsbehörde;\n\n"
        "5.4.2.sec=jeden zufälligen oder unberechtigten Zugang und\n\n"
        "5.4.3.sec=alle Anfragen, die direkt von den betroffenen Personen an ihn gerichtet "
        "werden, ohne diese zu beantworten;\n\n"
        "5.5.sec=er alle Anfragen des Datenexporteurs unverzüglich bearbeitet;\n"
    )
    evidence = analyse_text(text)
    assert evidence["f"].sentence == (
        "er den Datenexporteur unverzüglich informiert über jeden zufälligen oder unberechtigten "
        "Zugang und"
    )
    assert evidence["e"].status == "present"
    units = dict(contracts._sentence_units(text))
    assert units["er alle Anfragen des Datenexporteurs unverzüglich bearbeitet;"] is None
    assert not any(".sec=" in sentence for sentence in units)


def test_a_list_item_without_punctuation_is_not_a_lead_in_of_its_sibling():
    # Travis CI: "... the competent data protection authority" then "- co-operate and assist"
    text = (
        "Travis-CI shall:\n"
        "- make the record available to the competent data protection authority\n"
        "- co-operate and assist the Client with any privacy impact assessments\n"
    )
    units = dict(contracts._sentence_units(text))
    assert units["co-operate and assist the Client with any privacy impact assessments"] == (
        "Travis-CI shall:"
    )


def test_checklist_marks_are_bullets():
    text = (
        "Le Sous-Traitant s'engage à :\n"
        "✅ **Garantir la confidentialité** des personnes autorisées\n"
        "✅ **Implémenter des mesures de sécurité**\n"
    )
    evidence = analyse_text(text)
    assert evidence["b"].sentence == (
        "Le Sous-Traitant s'engage à : Garantir la confidentialité des personnes autorisées"
    )
    assert (
        evidence["c"].sentence
        == "Le Sous-Traitant s'engage à : Implémenter des mesures de sécurité"
    )


@pytest.mark.parametrize(
    "sentence",
    [
        # security measures of the controller, negated, or recommended
        "Le client n'applique pas de mesures de sécurité.",
        "Der Auftraggeber prüft die Schutzmaßnahmen.",
        # sub-processing mentioned without any authorisation before it
        "La sous-traitance est décrite en annexe.",
        # rights exercised with no assistance
        "Les personnes concernées exercent leurs droits auprès du Client.",
        "Betroffene Personen können ihre Rechte beim Verantwortlichen geltend machen.",
        # information about impact assessments, no duty to provide it
        "Les analyses d'impact sont réalisées par le Client.",
        # the DPA's term
        "This DPA remains in effect until all Personal Data has been deleted or returned.",
        # audits by the controller of its own staff; the right to audit denied
        "Le client ne peut pas auditer le sous-traitant.",
        # facilities with no inspection
        "Die Einrichtungen des Auftragnehmers befinden sich in der EU.",
    ],
)
def test_round_7_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


@pytest.mark.parametrize(
    "sentence",
    [
        # found by a review of round 7's patterns: each read as a stipulation before the fix
        "Zutrittskontrolle: Alarmeinrichtungen zur Kontrolle der Zugänge sind installiert.",
        "Benachrichtigungen des Systems werden vor unbefugtem Zugriff geschützt.",
        "Die Mitteilung an Dritte ist vor unberechtigtem Zugang zu schützen.",
        "Der Auftraggeber teilt mit, dass Anfragen der betroffenen Personen an ihn zu richten sind.",
        "Der Auftragnehmer ergreift keine zusätzlichen Schutzmaßnahmen.",
        "Der Auftraggeber trifft eigene Schutzmaßnahmen für seine Endgeräte.",
        "Der Auftragnehmer unterstützt den Auftraggeber nicht bei der Wahrung der Rechte "
        "betroffener Personen.",
        "Der Auftragnehmer darf Subunternehmer einsetzen, soweit die Verarbeitung auf einer "
        "Einwilligung der betroffenen Person beruht.",
        "Veraltete Protokolle werden gelöscht oder dem Auftraggeber als Bericht zur Verfügung "
        "gestellt.",
        "Le fournisseur n'est pas responsable des analyses d'impact.",
        "Le responsable communique au sous-traitant le résultat de son AIPD.",
        "Les informations relatives aux incidents de sécurité sont conservées cinq ans.",
        "Le sous-traitant assiste le responsable dans l'exercice des droits d'audit prévus.",
        "Le présent accord ne couvre pas la politique de confidentialité des employés du Client.",
        "Le sous-traitant applique des garanties appropriées conformément à l'article 46 pour "
        "tout transfert.",
        "Si applicano le garanzie previste dal Capo V per i trasferimenti.",
        "Il titolare mette le misure di sicurezza a disposizione del pubblico.",
        "El responsable aplica salvaguardas para las transferencias internacionales.",
        "El responsable adoptará las medidas adecuadas para informar a los interesados.",
        "Le client doit obtenir une autorisation de la CNIL avant toute sous-traitance.",
        "El cliente puede solicitar un resumen, pero no tendrá derecho a auditar las instalaciones.",
        "El cliente tiene derecho a recibir informes; en ningún caso podrá auditar.",
        "Le client aura le droit d'auditer ses propres systèmes.",
        "Customer shall provide documented customer instructions only for support tickets.",
        "This DPA remains in effect until all Personal Data has been securely deleted or returned.",
    ],
)
def test_review_of_round_7_these_are_not_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_a_list_read_whole_never_uses_placeholders_definitions_or_other_clauses():
    placeholders = (
        "The processor shall:\n\n- [Deletion of personal data at the end of the services]\n"
        "- [or return of personal data to the controller]\n"
    )
    assert analyse_text(placeholders)["g"].status == "absent"
    definitions = (
        "In this DPA:\n\n"
        '- "Sub-processor" means any processor engaged by Processor.\n'
        '- "Authorised Affiliate" means an affiliate of Customer.\n'
    )
    assert analyse_text(definitions)["d"].status == "absent"  # only (g) reads lists whole
    duties = (
        "Annex 2 - Customer responsibilities\n\n"
        "- keep a record of data subjects' requests\n- assist its users with onboarding\n"
    )
    assert analyse_text(duties)["e"].status == "absent"


def test_a_letter_after_a_nested_roman_list_is_a_letter():
    text = (
        "The processor shall:\n\n"
        "a) process on instructions;\n"
        "b) inform the controller about:\n"
        "i) any request;\n"
        "ii) any breach;\n"
        "c) delete or return the data.\n"
    )
    units = {u.sentence: u.lead_in for u in contracts._units(text)}
    assert units["c) delete or return the data."] == "The processor shall:"
    assert units["i) any request;"] == "b) inform the controller about:"


def test_a_title_before_a_lettered_list_is_not_a_lead_in():
    # a title paragraph (DOCX, PDF) before "a) A list ...": the item starts in upper case after
    # its marker, so the title introduces nothing
    text = (
        "Sub-processors\n\n"
        "a) A list of current sub-processors is on the website.\n"
        "b) Customer authorises its own users.\n"
    )
    assert analyse_text(text)["d"].status == "absent"
    assert all(u.lead_in is None for u in contracts._units(text))


def test_building_blocks_are_single_groups():
    # a block used inside larger patterns must not be a bare alternation ("A|B" inside
    # "x.{0,120}?" + block reads as "(x.{0,120}?A)|B"): twice a source of false positives
    import re._parser as sre_parse

    blocks = {
        name: value
        for name, value in vars(contracts).items()
        if re.fullmatch(
            r"_(?:DELETE|RETURN|END|OR|ASSIST|SUPPORT|DE_TELLS|FR_TELLS|ES_TELLS)\w*", name
        )
        and isinstance(value, str)
    }
    assert len(blocks) >= 20
    for name, value in blocks.items():
        # between two markers, a single group keeps the markers at the ends of the sequence
        top = list(sre_parse.parse("\x00" + value + "\x00"))
        assert top[0] == (sre_parse.LITERAL, 0) and top[-1] == (sre_parse.LITERAL, 0), name


def test_no_pattern_nests_a_loosened_word_repetition():
    # `_loose` makes \s+ optional; "(?:\w+\s+){0,2}" would become "(?:\w+\s*){0,2}", which
    # backtracks cubically over a long word
    for clause in contracts.CLAUSES.values():
        for pattern in (*clause.patterns, *clause.partial_patterns, *clause.limit_patterns):
            loose = contracts._loose(pattern).pattern
            # any word repeated a counted number of times must end at a word boundary
            assert not re.search(r"\+\\s\*\)\{", loose), pattern.pattern


# Round 8's tuning: the wordings of round 7's held-out documents, moved to tuning once a fresh set
# was being labelled, that were missed or misread at round 7's evaluation
ROUND_8_TUNING_WORDING = [
    # (a) the purposes limited, then the instructions (CT Tornado)
    (
        "a",
        "CTT will Process Personal Data solely for the purposes set forth in this DPA or as "
        "explicitly agreed upon through lawful Instructions, except as required by applicable law.",
    ),
    # (c) security measures the processor implements, with no "technical and organisational"
    # (Xinity)
    ("c", "The Processor implements the following security measures in the Platform."),
    # (e) requests "para ejercer sus derechos" (Hisamed)
    (
        "e",
        "Hisamed se compromete a asistirle, en la medida razonablemente posible, en responder a "
        "las solicitudes de los pacientes para ejercer sus derechos.",
    ),
    # (f) a security vulnerability affecting personal data notified (Xinity)
    (
        "f",
        "The Processor shall notify the Controller without undue delay upon becoming aware of a "
        "confirmed security vulnerability in the Platform that materially affects the "
        "confidentiality of personal data processed by the Controller.",
    ),
    # (g) the data made available for export "y/o" deleted (Hisamed)
    (
        "g",
        "Al terminar el Servicio, Hisamed, a su elección, pondrá a disposición sus datos de "
        "pacientes para exportación y/o los eliminará de los sistemas activos.",
    ),
]


ROUND_8_TUNING_NOT_STIPULATIONS = [
    # staff authorised to reach something other than the data (Xinity)
    "The Processor shall ensure that personnel authorized to access the Platform's source "
    "code and release process are subject to appropriate confidentiality obligations.",
    "Employees authorised to enter the building are bound by the confidentiality policy.",
    # the controller's own security measures
    "The Controller shall implement appropriate security measures for its own servers.",
    "The Customer must maintain security measures on its endpoints.",
    # deletion or return said to be the controller's (Xinity)
    "Obligations to delete or return personal data upon termination of the Agreement rest "
    "with the Controller.",
    "Deleting the data at the end of the contract is the sole responsibility of the Customer.",
    # audits by a supervisory authority only (Xinity), in English and French
    "The Processor shall cooperate with any audit conducted by a Supervisory Authority.",
    "Le sous-traitant coopère à tout audit mené par une autorité de contrôle.",
    # the controller telling the processor of a vulnerability
    "The Client shall notify the Processor of any security vulnerability it discovers.",
    # purposes limited, instructions mentioned apart
    "The processor processes only the data needed; the controller's instructions are listed "
    "in Annex 1.",
    # rights exercised with no assistance
    "Los pacientes pueden ejercer sus derechos ante el Médico.",
]


def test_an_audit_by_the_controller_or_an_authority_is_still_an_audit():
    # the authority named after the controller: the controller's audit stands
    sentence = (
        "The Processor shall allow for audits conducted by the Controller or a supervisory "
        "authority."
    )
    assert analyse_text(sentence)["h"].status == "present"
    # staff authorised to process the data, bound by confidentiality
    staff = "Personnel authorised to access Customer Personal Data are bound by confidentiality."
    assert analyse_text(staff)["b"].status == "present"


def test_deletion_and_return_listed_under_the_end_of_the_contract_are_both_there():
    # Raggy: the end of the contract as a lead-in, deletion and return as separate items
    listed = (
        "**Fin de contrat** :\n"
        "- Suppression complète des données sous 30 jours\n"
        "- Génération d'un certificat de destruction cryptographique\n"
        "- Restitution possible au format demandé par le Client\n"
    )
    assert analyse_text(listed)["g"].status == "present"
    # deletion alone at the end stays half of the clause
    alone = "**Fin de contrat** :\n- Suppression complète des données sous 30 jours\n"
    assert analyse_text(alone)["g"].status == "partial"


# Round 9's tuning: the wordings of round 8's held-out documents, moved to tuning once a fresh set
# was being labelled, that were missed at round 8's evaluation (each in a more general form)
ROUND_9_TUNING_WORDING = [
    # (a) "nur/ausschließlich ... nach Weisung des Auftraggebers" with words between
    (
        "a",
        "Der Auftragnehmer verpflichtet sich, Daten ausschließlich im Rahmen der getroffenen "
        "Vereinbarungen und nach Weisung des Auftraggebers zu verarbeiten.",
    ),
    # (b) anyone authorised, the undertaking named first, staff "befasst" with the processing
    (
        "b",
        "Provider ensures that anyone it authorises to process Customer Personal Data is under a "
        "duty of confidentiality.",
    ),
    (
        "b",
        "Processor shall ensure confidentiality agreements are in place for personnel with access "
        "to personal data.",
    ),
    (
        "b",
        "Der Auftragnehmer stellt sicher, dass sich alle mit der Verarbeitung befassten Personen "
        "zur Vertraulichkeit verpflichtet haben.",
    ),
    # (c) the measures listed under the undertaking
    ("c", "The Processor maintains, at minimum: encryption in transit and at rest."),
    # (d) the controller authorising the sub-processors listed
    ("d", "Le Client autorise le recours aux sous-traitants ci-dessous."),
    # (e) "data-subject requests" with a hyphen and a list between; "Betroffenenanfragen"
    (
        "e",
        "The Processor assists the Controller in responding to data-subject access, correction, "
        "deletion, portability, and objection requests.",
    ),
    (
        "e",
        "Der Auftragnehmer unterstützt den Auftraggeber bei der Beantwortung von Betroffenenanfragen.",
    ),
    (
        "e",
        "Der Auftragnehmer hat den Auftraggeber bei der Beantwortung von Betroffenenrechten "
        "angemessen zu unterstützen.",
    ),
    # (h) the controller's right with an auditor in parentheses, "hat das Recht ... zu
    # überprüfen", an on-site audit "possible"
    (
        "h",
        "The Controller (or its third-party auditor) may audit the Processor's compliance with "
        "this DPA once per year.",
    ),
    (
        "h",
        "Der Auftraggeber hat das Recht, die Einhaltung der gesetzlichen und vertraglichen "
        "Pflichten zu überprüfen.",
    ),
    (
        "h",
        "Der Auftraggeber oder ein beauftragter Prüfer hat das Recht, Inspektionen durchzuführen.",
    ),
    (
        "h",
        "Un audit sur site est possible, aux frais du Client, moyennant un préavis de trente jours.",
    ),
]


ROUND_9_TUNING_NOT_STIPULATIONS = [
    # the controller's own undertakings and rights that are not audits
    "The Controller shall impose confidentiality obligations on its own staff.",
    "The Controller shall maintain, at minimum: a list of its users.",
    "The Customer must maintain, at minimum: encryption of its own laptops.",
    "Der Auftraggeber hat das Recht, Weisungen zu erteilen.",
    "Der Auftraggeber hat nicht das Recht, Inspektionen durchzuführen.",
    "Le client n'autorise pas le recours à des sous-traitants.",
    "Un audit sur site n'est pas possible.",
    # data subjects' requests with no assistance
    "Data-subject requests are handled by the Controller.",
    "Betroffenenanfragen beantwortet der Auftraggeber selbst.",
    # persons authorised for something else
    "Anyone authorised to use the dashboard must keep their password secret.",
    # the end of the subscription with no deletion
    "After cancellation of the subscription, invoices remain available for download.",
]


_AUDIT = "The Controller may audit the Processor's compliance with this DPA once per year. "


@pytest.mark.parametrize(
    ("limit", "status"),
    [
        # reports instead of an audit as the controller's option, not a limit (Clipstack, Malon)
        (
            "The Controller may also rely on the Processor's SOC 2 reports in lieu of on-site audit.",
            "present",
        ),
        (
            "Alternatively, the Controller may accept a SOC 2 Type 2 report in lieu of an on-site audit.",
            "present",
        ),
        # reports the processor may offer instead (ReadyCheck AI)
        (
            "The Processor maintains certifications and may provide reports in lieu of audits.",
            "present",
        ),
        (
            "The Processor maintains certifications and will provide reports in lieu of audits.",
            "partial",
        ),
        # a report not yet available (Bumblebee), a limit for some customers only (Cadence)
        ("SOC2 Type 2 report (when available) satisfies this in lieu of on-site audit.", "present"),
        (
            "For institutions below 1,000 users, audit information is provided in writing (no "
            "on-site audit).",
            "present",
        ),
        # reports in lieu of the audit: a limit
        ("The Processor will provide SOC 2 reports in lieu of on-site audits.", "partial"),
        ("SOC 2 reports are provided in lieu of audits.", "partial"),
    ],
)
def test_what_limits_an_audit_to_reports_and_what_leaves_it(limit, status):
    assert analyse_text(_AUDIT + limit)["h"].status == status


def test_template_variables_and_inline_code_are_not_contract_text():
    # compliance-uy: a reviewer's note in inline code after a template variable (round 9's
    # evaluation reported it as the sub-processor authorisation; fixed after it)
    note = "4. **Subencargados.** {{subencargados}} `[verificar autorización previa]`."
    assert analyse_text(note)["d"].status == "absent"
    in_code = "{{processor}} `shall assist the controller with data subject requests`"
    assert analyse_text(in_code)["e"].status == "absent"
    # the words around them still count, and the evidence is the sentence as written
    sentence = (
        "El encargado no recurrirá a otro encargado ({{nombre}}) sin la autorización previa y "
        "por escrito del responsable."
    )
    assert analyse_text(sentence)["d"].sentence == sentence


# Round 10's tuning: the wordings of round 9's held-out documents missed at its evaluation
ROUND_10_TUNING_WORDING = [
    # (a) the limit with the instructions after the words on whose behalf (compliance-uy)
    (
        "a",
        "El Encargado trata datos personales por cuenta del Responsable, solo conforme a sus "
        "instrucciones.",
    ),
    # (e) "derechos de titulares" (compliance-uy)
    ("e", "El encargado debe asistir al Responsable en derechos de titulares."),
    # (f) incidents told to the controller; "incident de confidentialité" (Québec); help with
    # the controller's notification duties (Softfacture)
    ("f", "Incidentes: comunicar al Responsable de inmediato."),
    (
        "f",
        "En cas d'incident de confidentialité, le prestataire s'engage à notifier le Client dans "
        "un délai de 48 heures.",
    ),
    (
        "f",
        "Le prestataire s'engage à collaborer pleinement avec le Client pour lui permettre "
        "d'effectuer ses propres obligations de notification.",
    ),
    # (h) audits provided for, with what they cover (Applied Poetics)
    ("h", "Given the ephemeral nature of processing, audits will focus on access to logs."),
]


def test_an_export_offered_at_the_end_then_destruction_is_return_and_deletion():
    # Softfacture: the end of the contract in the lead-in, an export and the destruction in items
    listed = (
        "À l'expiration ou à la résiliation du contrat, Softfacture s'engage à :\n\n"
        "- Maintenir les données accessibles pendant une période de grâce de 90 jours ;\n"
        "- Offrir au Client un export complet de ses données ;\n"
        "- Procéder ensuite à la destruction irréversible des données.\n"
    )
    assert analyse_text(listed)["g"].status == "present"
    # the data exporter of the Commission's clauses is no export of data
    exporter = (
        "Le sous-traitant supprime les données à la fin du contrat et en informe l'exportateur."
    )
    assert analyse_text(exporter)["g"].status == "partial"


ROUND_10_TUNING_NOT_STIPULATIONS = [
    "El responsable informa al cliente de los incidentes de su propia red.",
    "Los incidentes no se comunican al responsable.",
    "Les titulaires exercent leurs droits auprès du Client.",
    "El responsable atiende los derechos de los titulares.",
    "Le Client collabore avec l'autorité pour ses obligations de notification.",
]


# Found by a review of rounds 8-10's patterns (after round 10's evaluation): sentences a processor
# agreement, a privacy notice or terms of use could contain, each read as the clause before the
# fix (two about reports only may read partial, never present)
REVIEW_OF_ROUNDS_8_TO_10 = [
    (
        "a",
        "We process your personal data only for the purposes described in this notice and in accordance with the instructions you give us in your account settings.",
    ),
    (
        "a",
        "Our employees process customer data only on a need-to-know basis and following the instructions in our internal data protection policy.",
    ),
    (
        "a",
        "The Controller's staff process patient records only within the clinic and under the instructions of the treating physician.",
    ),
    ("a", "Payment data are processed exclusively by Stripe, according to its instructions."),
    (
        "a",
        "Sub-processors process personal data only as needed and per the Processor's instructions.",
    ),
    (
        "a",
        "The Processor shall not process personal data solely on the instructions of any third party.",
    ),
    (
        "a",
        "Zahlungen erfolgen nur nach Rechnungsstellung und nach Weisung des Kunden per Überweisung.",
    ),
    ("a", "Lieferungen erfolgen ausschließlich an die Adresse nach Weisung des Kunden."),
    (
        "a",
        "Der Support ist nur werktags erreichbar; Änderungen erfolgen gemäß den Weisungen des Kunden.",
    ),
    ("a", "Utilice el producto únicamente según las instrucciones de uso."),
    (
        "a",
        "El usuario debe instalar la aplicación solo siguiendo las instrucciones del fabricante.",
    ),
    (
        "a",
        "El Cliente configurará el servicio solo de acuerdo con las instrucciones de la documentación técnica.",
    ),
    (
        "a",
        "El Responsable tratará los datos solo conforme a sus instrucciones internas de seguridad.",
    ),
    (
        "a",
        "El encargado no tratará los datos solo conforme a sus instrucciones cuando la ley le obligue a otra cosa.",
    ),
    (
        "b",
        "Anyone authorised to process payments on your behalf must keep your card details confidential.",
    ),
    ("b", "Those authorised to process refunds can see confidential order information."),
    (
        "b",
        "The Customer shall ensure that anyone it authorises to process personal data through the Service keeps its credentials confidential.",
    ),
    (
        "b",
        "Everyone authorised to process data in the Controller's organisation is bound by the Controller's confidentiality policy.",
    ),
    (
        "b",
        "The Controller shall put confidentiality agreements in place for its personnel with access to the Processor's systems.",
    ),
    (
        "b",
        "Confidentiality obligations of the Customer towards its own employees with access to the Platform are not affected.",
    ),
    (
        "b",
        "This Section does not create confidentiality obligations for personnel with access to public data.",
    ),
    (
        "b",
        "Confidentiality undertakings signed by Customer staff with access to the Portal are the Customer's responsibility.",
    ),
    ("b", "Die beim Kunden tätigen Personen unterliegen dessen Geheimhaltungsregeln."),
    (
        "b",
        "Die mit der Wartung der Website betrauten Personen wahren die Vertraulichkeit ihrer Passwörter.",
    ),
    ("c", "We implement security measures to protect your personal data."),
    (
        "c",
        "We implement industry-standard security measures, but no method of transmission over the Internet is 100% secure.",
    ),
    (
        "c",
        "The Customer is responsible for maintaining adequate security measures on its own devices.",
    ),
    (
        "c",
        "Customer shall itself implement and maintain security measures for accounts it manages.",
    ),
    (
        "c",
        "If the Customer fails to implement reasonable security measures, the Processor is not liable.",
    ),
    ("c", "The Controller and its staff shall implement security measures."),
    ("c", "The Controller has implemented security measures."),
    ("c", "You should adopt security measures such as strong passwords."),
    ("c", "Maintaining security measures is the responsibility of the Customer."),
    (
        "c",
        "The Processor shall not be obliged to implement security measures beyond those listed in Annex II.",
    ),
    ("c", "Our app implements the following features: offline mode and encrypted backups."),
    (
        "c",
        "To use the Service, you must apply the following settings: enable multi-factor authentication.",
    ),
    ("c", "Users who implement the API must: store access tokens securely and use encryption."),
    (
        "c",
        "The following best practices are recommended for users who maintain their own installation: regular backups.",
    ),
    (
        "d",
        "Le Client autorise le Sous-traitant à traiter, pour son compte, les données à caractère personnel nécessaires.",
    ),
    ("d", "Le responsable de traitement autorise le sous-traitant à accéder à la base clients."),
    (
        "d",
        "Le Client autorise le sous-traitant à utiliser son logo dans ses références commerciales.",
    ),
    ("d", "Le client autorise l'accès de ses sous-traitants à l'interface d'administration."),
    (
        "d",
        "Le Client autorise expressément ses utilisateurs à inviter des sous-traitants dans leur espace de travail.",
    ),
    (
        "d",
        "Le Client autorise le Prestataire à communiquer la liste des sous-traitants aux autorités.",
    ),
    ("d", "Le client autorise-t-il le recours à des sous-traitants ? Voir la section 7."),
    (
        "e",
        "The Processor assists the Controller with marketing; data-subject requests are handled by the Controller.",
    ),
    (
        "e",
        "Our support team can assist you in using the Service; data-subject access requests should be sent to privacy@example.com.",
    ),
    (
        "e",
        "Der Auftragnehmer unterstützt den Auftraggeber bei der Rechnungsstellung; Betroffenenanfragen beantwortet der Auftraggeber selbst.",
    ),
    ("e", "Der Auftraggeber unterstützt seine Kunden bei Betroffenenanfragen."),
    (
        "e",
        "Unser Datenschutzteam unterstützt Sie gerne; Betroffenenanfragen richten Sie bitte an datenschutz@example.de.",
    ),
    (
        "e",
        "Zur Unterstützung bei Betroffenenanfragen stellt der Auftragnehmer keine Hilfsmittel bereit.",
    ),
    ("e", "Der Auftragnehmer wird den Auftraggeber nicht bei Betroffenenanfragen unterstützen."),
    (
        "e",
        "Colaboramos con los bancos emisores; las solicitudes de contracargo de los titulares de tarjetas se tramitan en 10 días.",
    ),
    (
        "e",
        "El Proveedor asistirá al Cliente con la migración; los derechos de autor pertenecen a los titulares de las licencias.",
    ),
    (
        "e",
        "El Cliente colaborará con el Encargado para gestionar las solicitudes de alta de nuevos usuarios titulares de cuentas.",
    ),
    (
        "e",
        "El equipo de soporte le ayudará con su cuenta; los titulares pueden ejercer sus derechos ante el responsable.",
    ),
    (
        "e",
        "Nuestro equipo de soporte le ayudará; usted puede ejercer sus derechos escribiendo a privacidad@example.com.",
    ),
    ("e", "El Responsable colaborará con los pacientes para que puedan ejercer sus derechos."),
    (
        "f",
        "The Processor will notify the Customer of new features; the Customer must report any security vulnerability it finds in its own code.",
    ),
    (
        "f",
        "The Processor will notify the Client of scheduled maintenance windows, including patches for security vulnerabilities.",
    ),
    (
        "f",
        "The Processor may notify the Customer by email; it does not scan for security vulnerabilities.",
    ),
    (
        "f",
        "The Processor is not required to notify the Controller of a security vulnerability that does not affect personal data.",
    ),
    (
        "f",
        "Le responsable informe les personnes concernées de tout incident de confidentialité présentant un risque de préjudice sérieux.",
    ),
    (
        "f",
        "L'organisation notifie à la Commission d'accès à l'information tout incident de confidentialité.",
    ),
    (
        "f",
        "Le Client avertit le prestataire de tout incident de confidentialité survenu sur ses propres postes.",
    ),
    ("f", "Le prestataire ne notifie pas les incidents de confidentialité mineurs."),
    ("f", "Le prestataire ne collabore pas aux obligations de notification du Client."),
    (
        "f",
        "Nous collaborons avec nos partenaires ; vos obligations de notification envers vos clients restent les vôtres.",
    ),
    ("f", "Incidentes de soporte: comunicar al cliente por el portal de tickets."),
    ("f", "Los incidentes técnicos del servicio se informan al cliente por correo."),
    (
        "g",
        "After cancellation of the subscription, you can delete your data yourself from the settings page.",
    ),
    (
        "g",
        "Post-cancellation, the Customer may delete its account data at any time via the dashboard.",
    ),
    (
        "g",
        "You can delete your data at any time; after termination, your invoices remain available.",
    ),
    ("g", "Cancellation of the subscription does not delete data stored in your own backups."),
    ("g", "We will not delete your data after cancellation unless you ask us to."),
    ("g", "Deleting the data after cancellation of the subscription is up to the Customer."),
    (
        "g",
        "At the Customer's option, the Customer may delete or export its data before the end of the subscription.",
    ),
    (
        "g",
        "After cancellation of the subscription, your data will be deleted by you from your device.",
    ),
    (
        "g",
        "Deleting personal data after termination of the agreement is the Customer's responsibility.",
    ),
    (
        "g",
        "Vous pouvez, à votre choix, exporter vos données ou supprimer votre compte à tout moment.",
    ),
    (
        "g",
        "Le Client peut, à son choix, exporter ses données ou supprimer son compte depuis l'interface.",
    ),
    (
        "g",
        "Le Client a le choix du format d'export ; les exports générés sont supprimés après 7 jours.",
    ),
    ("g", "Le Client peut supprimer ses factures ou les exporter au format CSV à tout moment."),
    (
        "g",
        "Le Client peut à tout moment supprimer un utilisateur ou exporter la liste des utilisateurs.",
    ),
    (
        "g",
        "À la résiliation du contrat, le Client s'engage à : - supprimer les copies du logiciel installées sur ses postes ; - restituer le matériel prêté ; - régler les factures en cours.",
    ),
    (
        "g",
        "À la fin du contrat, aucune donnée n'est conservée : il n'y a rien à restituer ni à supprimer.",
    ),
    (
        "g",
        "À l'issue du contrat, rappel : le Client est seul responsable de l'export de ses données et de leur suppression de ses propres systèmes.",
    ),
    (
        "g",
        "Usted puede, a su elección, eliminar su cuenta o descargar sus datos; el equipo de soporte se pone a su disposición para cualquier duda.",
    ),
    (
        "g",
        "El Proveedor pone a su disposición un servicio de soporte o elimina los mensajes no deseados.",
    ),
    ("g", "El Cliente puede poner a disposición del Proveedor los datos de prueba o borrarlos."),
    ("h", "Our internal audits will focus on billing accuracy."),
    ("h", "The Controller's annual internal audits will include a review of its own access logs."),
    ("h", "Financial audits will include a review of the invoices issued under this Agreement."),
    ("h", "Audits may include penetration tests carried out by the Processor's own security team."),
    (
        "h",
        "The Processor's internal audits will cover its ISO 27001 scope; no audits by the Customer are permitted.",
    ),
    ("h", "Audits shall include only a review of the Processor's published SOC 2 report."),
    ("h", "Un audit de l'autorité de contrôle est possible à tout moment."),
    ("h", "Un contrôle est possible par la CNIL dans les locaux du Client."),
    ("h", "L'inspection sur place est possible uniquement par les autorités."),
    ("h", "Les contrôles sont autorisés uniquement sur les équipements du Client."),
    ("h", "Der Auftraggeber hat das Recht, Rechnungen vor Zahlung zu prüfen."),
    (
        "h",
        "Der Auftraggeber hat das Recht, Weisungen zu erteilen und Sicherheitsupdates auf seinen eigenen Systemen zu prüfen.",
    ),
    (
        "h",
        "The Controller (as the party responsible to data subjects) may audit its own records before exercising any right.",
    ),
    ("h", "The Customer (acting as a controller) may audit the logs available in its dashboard."),
    (
        "h",
        "The Controller shall keep such information as is necessary to demonstrate compliance with its own obligations.",
    ),
    (
        "h",
        "The Customer shall retain documentation that is necessary to demonstrate compliance with Article 5(2).",
    ),
]


@pytest.mark.parametrize(("letter", "sentence"), REVIEW_OF_ROUNDS_8_TO_10)
def test_review_of_rounds_8_to_10_these_are_not_the_clause(letter, sentence):
    status = analyse_text(sentence)[letter].status
    reports_only = sentence.startswith(("Audits shall include only", "The Processor's internal"))
    assert status == "absent" or (status == "partial" and reports_only), status


# Round 11's tuning: the wordings of round 10's held-out documents missed at its evaluation
ROUND_11_TUNING_WORDING = [
    # (e) the customer helped to answer (Formhaus)
    (
        "e",
        "We will help you, by appropriate technical and organizational measures and as far as "
        "possible, to answer Data Subjects' requests to exercise their rights.",
    ),
    # (h) "you may audit," with its conditions (Formhaus); directly or through a third party
    # (Báscula)
    (
        "h",
        "Where Data Protection Laws give you an audit right that this information does not "
        "satisfy, you may audit, on reasonable prior notice, no more than once a year.",
    ),
    (
        "h",
        "La Finca, directamente o por intermedio de un tercero habilitado, podrá verificar el "
        "cumplimiento de este contrato.",
    ),
    # (c), (e) the encargado's duties of Colombia's Ley 1581, art. 18 (Báscula)
    (
        "c",
        "El Operador debe conservar la información bajo las condiciones de seguridad necesarias.",
    ),
    (
        "e",
        "El Operador debe tramitar las consultas y los reclamos formulados por los Titulares.",
    ),
]


def test_the_end_of_the_contract_as_a_lead_in_in_spanish_and_english():
    # Báscula: an export made available, then deletion, as items under "Al terminar:"
    listed = (
        "Al terminar:\n\n"
        "a. El Operador pondrá a disposición de la Finca la exportación de los datos durante "
        "treinta días.\n"
        "b. Vencido ese plazo, el Operador suprimirá los datos personales.\n"
    )
    assert analyse_text(listed)["g"].status == "present"
    # the client's own export and deletion are no undertaking of the processor
    own = "Al terminar:\n\na. El Cliente podrá exportar sus datos y eliminarlos de sus sistemas.\n"
    assert analyse_text(own)["g"].status == "absent"
    # Formhaus: "on termination" alone is the end
    ended = "On termination for any other reason, we delete Customer Personal Data within 30 days."
    assert analyse_text(ended)["g"].status == "partial"


ROUND_11_TUNING_NOT_STIPULATIONS = [
    "We will help you exercise your rights as a data subject.",
    "You may audit, at any time, your own account activity log.",
    "El responsable, directamente o a través de un tercero, podrá verificar la identidad "
    "del titular.",
    "On termination, the Customer must delete all copies of the data it downloaded.",
    "After termination, you can delete your data from the dashboard.",
]


# The tuning of rounds 8 to 11: each wording found, as written, and none of the sentences beside it
# read as a stipulation
TUNED_IN_ROUNDS_8_TO_11 = (
    ROUND_8_TUNING_WORDING
    + ROUND_9_TUNING_WORDING
    + ROUND_10_TUNING_WORDING
    + ROUND_11_TUNING_WORDING
)
NOT_STIPULATIONS_OF_ROUNDS_8_TO_11 = (
    ROUND_8_TUNING_NOT_STIPULATIONS
    + ROUND_9_TUNING_NOT_STIPULATIONS
    + ROUND_10_TUNING_NOT_STIPULATIONS
    + ROUND_11_TUNING_NOT_STIPULATIONS
)


@pytest.mark.parametrize(("letter", "sentence"), TUNED_IN_ROUNDS_8_TO_11)
def test_rounds_8_to_11_tuned_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


@pytest.mark.parametrize("sentence", NOT_STIPULATIONS_OF_ROUNDS_8_TO_11)
def test_rounds_8_to_11_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


# Round 12's tuning: the wordings of round 11's held-out documents missed at its evaluation
ROUND_12_TUNING_WORDING = [
    # (b) "People authorized" (NOSHASHI), one "persona autorizada" (CEOUBB)
    ("b", "People authorized to process Personal Data are bound by confidentiality."),
    (
        "b",
        "CEOUBB deberá asegurar que toda persona autorizada esté sujeta a confidencialidad.",
    ),
    # (h) "may audit" with its conditions and no comma, "at its own cost" (NOSHASHI)
    (
        "h",
        "Customer may audit no more than once a year, with thirty (30) days' notice, during "
        "business hours, at its own cost, and under confidentiality.",
    ),
]
ROUND_12_TUNING_NOT_STIPULATIONS = [
    "Customer may audit no more than once a year its own records of the Service's use.",
]


# Sentences that show a clause only under a heading naming its subject (round 12's tuning): the
# sentence alone says too little, the heading says what it is about. (clause, heading, sentence)
UNDER_A_HEADING = [
    # round 11's held-out documents (NOSHASHI, Openboard, CEOUBB) and earlier misses (Clipstack,
    # Raggy, GhostPass), as written
    ("c", "3. Obligations", "**Security.** NOSHASHI implements the measures in Annex 2."),
    (
        "a",
        "Processing instructions",
        "Processor processes personal data only:\n\n1. to provide the Service per Controller's "
        "configuration (forms, review rounds, schedule), and\n2. as required to comply with law.",
    ),
    (
        "e",
        "Data subject rights assistance",
        "Processor provides the following tooling so Controller can fulfill a data subject request "
        "without engineering support:\n\n- export of a speaker's data\n- erasure of a speaker",
    ),
    (
        "c",
        "6. Seguridad y continuidad",
        "6.1. Antes de recibir datos reales, CEOUBB deberá acreditar al menos:\n\n- cifrado en "
        "tránsito y en reposo;\n- autenticación institucional y mínimo privilegio.",
    ),
    (
        "h",
        "10. Auditoría y demostración",
        "10.2. La UBB podrá auditar con aviso razonable, protegiendo secretos de otros clientes.",
    ),
    (
        "d",
        "5. Sub-processors",
        "Material additions get 30 days' notice. The Controller may object in writing.",
    ),
    (
        "d",
        "5. Sous-traitance ultérieure",
        "**Exception** : Hébergement Cloud (avec accord préalable du Client)",
    ),
    (
        "e",
        "7. Assistance au Client",
        "**Droits des personnes.** GhostPass expose depuis le 2026-08-30 :\n\n- un export\n- un "
        "effacement",
    ),
    # the same mechanism in the other languages
    (
        "h",
        "Kontrollrechte",
        "Der Auftraggeber darf einmal jährlich Vor-Ort-Kontrollen durchführen.",
    ),
    (
        "b",
        "Riservatezza",
        "Il Fornitore garantisce che tutti i suoi collaboratori sono vincolati da un obbligo di "
        "segreto, anche dopo la fine del rapporto di lavoro.",
    ),
    ("d", "Unterauftragsverarbeiter", "Der Auftraggeber kann binnen 14 Tagen widersprechen."),
    (
        "h",
        "Verifiche",
        "Il Titolare può ispezionare i locali del Fornitore con un preavviso di dieci giorni, anche "
        "tramite un revisore che è da esso incaricato.",
    ),
    # measures named without a verb under a heading of security (round 13's tuning: AgentNet,
    # Switchyard; earlier misses Gluecron, GhostPass)
    (
        "c",
        "8. Security measures",
        "- TLS for all traffic between the visitor, the edge, and the host.",
    ),
    (
        "c",
        "5. Security measures",
        "Encryption in transit (TLS 1.2+), encryption at rest, least-privilege access, audit logging.",
    ),
    (
        "c",
        "Sécurité (art. 28.3.c et art. 32)",
        "| Mesure | État |\n|---|---|\n| Chiffrement de bout en bout, clés dérivées du mot de passe "
        "maître | En place |",
    ),
]


@pytest.mark.parametrize(("letter", "heading", "text"), UNDER_A_HEADING)
def test_a_sentence_is_read_with_the_heading_it_is_under(letter, heading, text):
    # (read in the sentence's language: a heading's patterns are those of the document's language)
    language = contracts.detect_language(f"{heading} {text}")
    under = analyse_text(f"# Data Processing Agreement\n\n## {heading}\n\n{text}\n", language)[
        letter
    ]
    assert under.status == "present"
    assert under.pattern.startswith("under a heading matching ")
    alone = re.sub(r"\*\*[^*]+\*\*\s*:?\s*", "", text)  # (without its run-in heading)
    assert analyse_text(alone)[letter].status == "absent"  # alone, the sentence says too little
    # under a heading of something else it is not read either
    assert analyse_text(f"# DPA\n\n## Liability\n\n{alone}\n")[letter].status == "absent"


def test_a_heading_covers_its_section_and_no_more():
    audit = "The Agency may audit once a year."
    # a run-in heading covers the paragraphs after it, until the next heading of either kind
    run_in = f"**Records and audits.** NOSHASHI keeps records.\n\n{audit}\n"
    assert analyse_text(run_in)["h"].status == "present"
    assert analyse_text(f"**Records and audits.** Records.\n\n**Fees.** Fees.\n\n{audit}\n")[
        "h"
    ].status == ("absent")
    assert analyse_text(f"## Audits\n\nRecords.\n\n## Fees\n\n{audit}\n")["h"].status == "absent"
    # a deeper heading stays under the one above it; the next heading of that level ends both
    nested = "# DPA\n\n## 7. Audits\n\n### 7.1 Frequency\n\n" + audit
    assert analyse_text(nested)["h"].status == "present"
    assert (
        analyse_text("# DPA\n\n## 7. Audits\n\n## 8. Fees\n\n### 8.1\n\n" + audit)["h"].status
        == "absent"
    )
    # the document's title is about everything: not a section's heading
    titled = f"# Data Processing Agreement and Audit Terms\n\n## Fees\n\n{audit}\n"
    assert analyse_text(titled)["h"].status == "absent"
    # a heading of incidents is no heading of security measures
    measures = "NOSHASHI implements the measures in Annex 2."
    assert analyse_text(f"# DPA\n\n## Security\n\n{measures}")["c"].status == "present"
    assert analyse_text(f"# DPA\n\n## Security incidents\n\n{measures}")["c"].status == "absent"


_CLAUSE_HEADINGS = {
    "en": {
        "a": "Processing instructions",
        "b": "Confidentiality",
        "c": "Security",
        "d": "Sub-processors",
        "e": "Data subject rights",
        "f": "Personal data breach",
        "h": "Audits",
    },
    "fr": {
        "a": "Instructions",
        "b": "Confidentialité",
        "c": "Sécurité",
        "d": "Sous-traitance ultérieure",
        "e": "Droits des personnes",
        "f": "Violations de données",
        "h": "Audits",
    },
    "de": {
        "a": "Weisungen",
        "b": "Vertraulichkeit",
        "c": "Sicherheit",
        "d": "Unterauftragsverarbeiter",
        "e": "Betroffenenrechte",
        "f": "Datenpannen",
        "h": "Kontrollrechte",
    },
    "es": {
        "a": "Instrucciones",
        "b": "Confidencialidad",
        "c": "Seguridad",
        "d": "Subencargados",
        "e": "Derechos de los interesados",
        "f": "Brechas de seguridad",
        "h": "Auditoría",
    },
}


_OBLIGATIONS_HEADINGS = {
    "en": "Data Processor Obligations",
    "fr": "Obligations du sous-traitant",
    "de": "Pflichten des Auftragnehmers",
    "es": "Obligaciones del encargado",
}


@pytest.mark.parametrize("language", sorted(_CLAUSE_HEADINGS))
def test_sentences_that_stipulate_nothing_are_not_read_under_a_heading_either(language):
    # the review's sentences and the negatives of rounds 8-12, each under a heading of the clause
    # it was mistaken for (or of every clause): they stay what they are alone
    pairs = list(REVIEW_OF_ROUNDS_8_TO_10) + [
        (letter, sentence)
        for sentence in NOT_STIPULATIONS_OF_ROUNDS_8_TO_11 + ROUND_12_TUNING_NOT_STIPULATIONS
        for letter in "abcdefh"
    ]
    read = []
    for letter, sentence in pairs:
        if letter not in _CLAUSE_HEADINGS[language]:
            continue
        headings = [_CLAUSE_HEADINGS[language][letter]]
        if letter == "c":  # measures are also read under a heading of the processor's obligations
            headings.append(_OBLIGATIONS_HEADINGS[language])
        for heading in headings:
            under = analyse_text(f"# DPA\n\n## {heading}\n\n{sentence}\n")[letter].status
            if under != analyse_text(sentence)[letter].status:
                read.append((letter, heading, sentence))
    assert read == []


# Round 13's tuning: the wordings of round 12's held-out documents missed at its evaluation
ROUND_13_TUNING_WORDING = [
    # (e), (f) "helps", "tells" (AgentNet)
    ("e", "The Provider helps the Customer answer requests from data subjects."),
    ("f", "The Provider helps with data protection impact assessments when the Customer asks."),
    ("f", "The Provider tells the Customer within [48] hours after it finds a breach."),
    # (g) the data named between "returns" and "or deletes" (AgentNet)
    (
        "g",
        "At the end of the agreement, the Provider returns the data in JSON or deletes it, as "
        "the Customer selects, within [30] days.",
    ),
]
ROUND_13_TUNING_NOT_STIPULATIONS = [
    "The Provider tells the Customer within 48 hours of any breach of this agreement by its staff.",
    "We will help you respond to requests from journalists.",
    "Customers can help each other answer requests from data subjects in the community forum.",
    "You can return the device with its data or delete the app at any time.",
]


def test_deletion_on_account_termination_is_a_partial_deletion_or_return():
    # Switchyard: "On account termination:" is the end of the services; deletion, no return
    ended = (
        "On account termination: full deletion of Personal Data within 30 days, except where "
        "retention is legally required."
    )
    assert analyse_text(ended)["g"].status == "partial"


@pytest.mark.parametrize(
    "sentence",
    [
        "Customers should enable multi-factor authentication for their accounts.",
        "We use TLS for all traffic.",
        "[TODO: describe encryption at rest and backups]",
        "Is personal data encrypted at rest?",
        "Backups are not encrypted.",
        "Multi-factor authentication is optional and can be enabled per workspace.",
    ],
)
def test_measures_under_a_heading_of_security_are_the_processors_only(sentence):
    # named without a verb, a measure is read under "Security" -- not someone else's, not
    # recommended, optional, negated, asked or a placeholder
    assert analyse_text(f"# DPA\n\n## Security\n\n{sentence}\n")["c"].status == "absent"


# Round 14's tuning: the wordings of round 13's held-out documents missed at its evaluation
ROUND_14_TUNING_WORDING = [
    # (c) a list item under the processor's undertaking (ProvidAPT)
    (
        "c",
        "The Processor shall:\n\n- Process data only on documented instructions\n- Implement "
        "appropriate technical measures (encryption at rest, TLS in transit)",
    ),
    # (f) an incident that affects personal data, told (PymesHub), also in English
    (
        "f",
        "Ante un incidente confirmado que afecte datos personales tratados por cuenta del cliente, "
        "el proveedor notificara sin demora indebida.",
    ),
    (
        "f",
        "The Provider will notify the Customer of any incident that affects Customer personal data.",
    ),
]
ROUND_14_TUNING_NOT_STIPULATIONS = [
    "The Customer shall: implement appropriate technical measures on its own devices.",
    "Ante un incidente que afecte datos personales, el usuario puede contactar al soporte.",
]


def test_round_14_partial_audits_and_limits():
    # information to demonstrate "this DPA", on-site audits only if required by law (Tagsmith)
    tagsmith = (
        "On reasonable written notice, Provider will make available information reasonably "
        "necessary to demonstrate this DPA (security overview, this policy set). On-site audits "
        "only if required by law and at Customer's cost."
    )
    assert analyse_text(tagsmith)["h"].status == "partial"
    # evidence of compliance offered, invasive audits only by a separate agreement (PymesHub)
    pymeshub = (
        "Otnel S.A podra proporcionar evidencia razonable del cumplimiento de este DPA. Las "
        "auditorias invasivas requeriran acuerdo especifico."
    )
    assert analyse_text(pymeshub)["h"].status == "partial"
    # a report said not to exist restricts nothing (ProveKit)
    provekit = (
        "The Processor allows for and contributes to audits, including inspections, conducted by "
        "the Controller. There is no third-party audit report to offer in lieu of an inspection."
    )
    assert analyse_text(provekit)["h"].status == "present"
    offered = provekit.replace("There is no", "The Processor will provide a")
    assert analyse_text(offered)["h"].status == "partial"


def test_a_heading_of_the_processors_obligations_reads_its_measures():
    # "5. Data Processor Obligations: - Implement appropriate security measures" (CRM SaaS)
    items = "- Process data only per Controller's instructions\n- Implement appropriate security measures\n"
    assert (
        analyse_text(f"# DPA\n\n## 5. Data Processor Obligations\n\n{items}", "en")["c"].status
        == "present"
    )
    assert (
        analyse_text(f"# DPA\n\n## 6. Customer Obligations\n\n{items}", "en")["c"].status
        == "absent"
    )
    assert (
        analyse_text(
            "# DPA\n\n## Obligaciones del encargado\n\n- Aplicar las medidas descritas en el Anexo II\n",
            "es",
        )["c"].status
        == "present"
    )


# Round 15's tuning: the wordings of round 14's held-out documents missed at its evaluation
ROUND_15_TUNING_WORDING = [
    # (a) the processing allowed listed, any other needing the controller's written authorization
    # (Veritas)
    ("a", "Any other processing requires Controller's written authorization."),
    # (g) an export made available at the end, then deletion (FinOps Guard)
    (
        "g",
        "On termination we make a workspace export available and then delete Personal Data after "
        "[X] days, unless law requires retention.",
    ),
]
ROUND_15_TUNING_NOT_STIPULATIONS = [
    "Any other processing requires a new order form signed by both parties.",
    "All sub-processors must: submit to regular audits and assessments by the Processor.",
    "On termination you can make an export of your workspace and then delete your account.",
]


def test_round_15_deletion_at_the_end():
    # copies removed at the end, no return: partial (Veritas); deletion listed under the end in
    # French, with an export before (Discelyn)
    removed = (
        "On termination of the Agreement or at the Controller's written request:\n\n- All copies "
        "of the dataset are removed from the Processor's HPC cluster within 30 days.\n"
    )
    assert analyse_text(removed)["g"].status == "partial"
    listed = (
        "À la fin du contrat ou suppression compte : soft-delete, révocation, purge des secrets. "
        "Export CSV disponible avant suppression."
    )
    assert analyse_text(listed)["g"].status == "partial"
    own = "À la fin du contrat : le client peut procéder à la suppression de ses comptes."
    assert analyse_text(own)["g"].status == "absent"


def test_assistance_with_requests_read_under_its_heading():
    # self-service tools under "Assistance to the Controller", when they name a right (an
    # assessment platform); the processor assisting under a heading of requests (Discelyn)
    tools = (
        "# DPA\n\n## 6. Assistance to the Controller\n\nThe Processor provides, through the "
        "platform:\n\n- **Erasure** — an endpoint anonymises a candidate everywhere.\n"
    )
    assert analyse_text(tools)["e"].status == "present"
    dpia = (
        "# DPA\n\n## 6. Assistance to the Controller\n\nThe Processor provides, on request:\n\n"
        "- support with data protection impact assessments.\n"
    )
    assert analyse_text(dpia)["e"].status == "absent"
    assists = (
        "# DPA\n\n## Demandes personnes concernées\n\nLe client reste l'interlocuteur principal de "
        "ses apprenants. Discelyn assiste dans un délai raisonnable (ex. 10 jours ouvrés) via le "
        "support.\n"
    )
    assert analyse_text(assists)["e"].status == "present"
    for other in (
        "Discelyn assiste le client avec la facturation.",
        "Notre support assiste les utilisateurs dans un délai raisonnable.",
        "Discelyn n'assiste pas le client.",
    ):
        text = f"# DPA\n\n## Demandes personnes concernées\n\n{other}\n"
        assert analyse_text(text)["e"].status == "absent", other


# Round 17's tuning: the wordings of rounds 15 and 16's held-out documents missed at their
# evaluations
ROUND_17_TUNING_WORDING = [
    # (b) "a duty of confidence" of everyone with access (Feasible)
    ("b", "Everyone with access is under a duty of confidence."),
    # (h) both halves in one sentence (Feasible)
    ("h", "We make available what you need to demonstrate compliance and to audit ours."),
    # (d) "Unteraufträge" with the controller's prior written consent (EUSurvey)
    (
        "d",
        "Die Vergabe von Unteraufträgen für die Dienste bedarf der vorherigen schriftlichen "
        "Zustimmung des Auftraggebers.",
    ),
]
ROUND_17_TUNING_NOT_STIPULATIONS = [
    "Der Kunde darf Unteraufträge nur mit vorheriger schriftlicher Zustimmung des Anbieters vergeben.",
    "Everyone with access to the office is under a duty to wear a badge.",
    "Customers make available what their users need to demonstrate compliance with the policy.",
    "Termination and the return or deletion of Company Personal Data are governed by the Principal "
    "Agreement and Section 10.",
]


def test_round_17_deletion_at_the_end():
    # the end of the processing period in German (EUSurvey), the cessation of the services
    # (Microlink), removal of the live database at the end (Feasible): deletion only, partial
    for text in (
        "Nach Ablauf dieser Frist löscht der Diensteanbieter auf Antrag alle personenbezogenen Daten.",
        "Processor shall within 10 business days of the date of cessation of any Services delete "
        "and procure the deletion of all copies of those Company Personal Data.",
        "At the end of the service the hourly sweep immediately removes the live account database "
        "and records.",
    ):
        assert analyse_text(text)["g"].status == "partial", text
    # the customer's access removed is no deletion of the data
    access = "At the end of the service we remove your access to the data."
    assert analyse_text(access)["g"].status == "absent"


def test_a_breach_told_under_a_heading_of_breaches():
    # "## Breach Notification: - Processor notifies Controller within 72 hours" (Chat Platform)
    told = "# DPA\n\n## Breach Notification\n\n- Processor notifies Controller within 72 hours\n"
    assert analyse_text(told, "en")["f"].status == "present"
    assert analyse_text("- Processor notifies Controller within 72 hours", "en")["f"].status == (
        "absent"
    )
    for other in (
        "The Processor will notify the Customer of new features.",
        "The Customer notifies the supervisory authority within 72 hours.",
        "The Processor does not notify the Customer.",
    ):
        text = f"# DPA\n\n## Personal data breach\n\n{other}\n"
        assert analyse_text(text, "en")["f"].status == "absent", other


@pytest.mark.parametrize(("letter", "text"), ROUND_14_TUNING_WORDING)
def test_round_14_tuned_wordings_in_lists_are_found(letter, text):
    assert analyse_text(text)[letter].status == "present"


# Round 19's tuning: the wordings of rounds 17 and 18's held-out documents missed at their
# evaluations, in general forms
ROUND_19_TUNING_WORDING = [
    # (a) any other use needing the controller's written authorisation (Spooktacular), in every
    # order of its words and in the other languages
    ("a", "Any other use requires written Controller authorization."),
    ("a", "Any other processing requires the written authorisation of the Customer."),
    ("a", "Toute autre utilisation nécessite l'autorisation écrite du Client."),
    (
        "a",
        "Jede andere Verarbeitung bedarf der vorherigen schriftlichen Zustimmung des Auftraggebers.",
    ),
    ("a", "Cualquier otro uso requiere autorización previa por escrito del responsable."),
    ("a", "Qualsiasi altro trattamento richiede l'autorizzazione scritta del titolare."),
    # (b) "a written duty of confidence" of everyone authorised to access the data (VillageWatch)
    (
        "b",
        "Everyone the processor authorises to access personal data under this agreement is "
        "bound by a written duty of confidence that continues after their engagement ends.",
    ),
    # (e) the requests with the Article's means, whoever makes them (VillageWatch)
    (
        "e",
        "The processor will help the council meet a request from a resident or from somebody "
        "described in a report, so far as it is able, by appropriate technical and organisational "
        "measures.",
    ),
    # (h) on-site audits offered (Spooktacular)
    ("h", "On-site audits are available to Enterprise customers under NDA."),
]
ROUND_19_TUNING_NOT_STIPULATIONS = [
    "Any other use of your data requires your consent.",
    "Any other use of the Software requires the written approval of the Licensor.",
    "Any other use requires written Customer consent.",
    "Jede andere Nutzung der Inhalte bedarf der schriftlichen Zustimmung des Autors.",
    "Everyone the processor authorises to access the office is bound by the house rules.",
    "Everyone we authorise to access personal data has our full confidence.",
    "Everyone the customer authorises to access personal data is bound by a duty of confidence.",
    "The processor will not help the council meet a request from a resident.",
    "Our support team helps customers handle billing requests quickly.",
    "On-site audits are not available.",
    "On-site audits are possible only for the supervisory authority.",
    "On customer request we export all data.",
    "Upon Customer's request, the Customer may delete all data.",
]


def test_deletion_of_all_the_controllers_data_on_its_request_is_partial():
    # "On written Controller request: 1. Spooky Labs deletes all Controller data from its support
    # and ticketing systems within 30 days." (Spooktacular): deletion, no return -- partial
    listed = (
        "## 6. Deletion on request\n\nOn written Controller request:\n\n1. Spooky Labs deletes "
        "all Controller data from its support and ticketing systems within 30 days.\n"
    )
    assert analyse_text(listed)["g"].status == "partial"
    assert (
        analyse_text(
            "The processor deletes all customer data upon the customer's written request."
        )["g"].status
        == "partial"
    )
    for other in (
        "On written Controller request the processor provides a copy of the logs.",
        "Upon the customer's request, the customer can delete all data in the dashboard.",
        "The processor deletes all logs after 30 days.",
    ):
        assert analyse_text(other)["g"].status == "absent", other


def test_an_on_site_audit_offered_under_a_heading_of_audits():
    # "- **On-site:** available for enterprise customers under NDA" under "Audit rights"
    # (Spooktacular)
    on_site = "- **On-site:** available for enterprise customers under NDA, once per 12 months."
    assert analyse_text(f"# DPA\n\n## 9. Audit rights\n\n{on_site}\n", "en")["h"].status == (
        "present"
    )
    assert analyse_text(f"# DPA\n\n## 9. Fees\n\n{on_site}\n", "en")["h"].status == "absent"
    french = "- **Audits sur site :** possibles une fois par an."
    assert analyse_text(f"# DPA\n\n## Droits d'audit\n\n{french}\n", "fr")["h"].status == "present"
    # only under a heading of audit rights: not "Audit log storage" nor a price list of audits
    assert analyse_text(f"# DPA\n\n## Audit log storage\n\n{on_site}\n", "en")["h"].status == (
        "absent"
    )
    for other in (
        "- On-site: available only to the supervisory authority.",
        "- On-site: not available.",
        "- Onsite parking: available for visitors.",
    ):
        assert analyse_text(f"# DPA\n\n## Audits\n\n{other}\n", "en")["h"].status == "absent", other


# Round 20's tuning: the wordings of round 19's held-out documents missed at its evaluation, in
# general forms
ROUND_20_TUNING_WORDING = [
    # (a) the party instructing named as the controller in a parenthesis (GOAT)
    ("a", "GOAT processes personal data only as instructed by users (Data Controllers)"),
    # (h) an audit requested by the customer, not its report (NEXUSV)
    (
        "h",
        "If that information is insufficient, a business customer may request an audit no more "
        "than once per year.",
    ),
]
ROUND_20_TUNING_NOT_STIPULATIONS = [
    "Users process personal data only as instructed by their employer.",
    "The customer may request an audit report.",
    "The customer may request audit logs of its own account.",
    "The Customer may request evidence of compliance with its own policies.",
    # an English "consent" is not the Italian "consente" (Grantex)
    "Recording consent records and audit entries linked to data principals.",
    # "object storage" is no objection (a table row read as one sentence, Veritas)
    "The Processor uses the following sub-processors: Cloud provider: Object storage of reports.",
]


def test_a_tables_rows_are_items_of_the_lead_in_before_it():
    # "FileForge shall assist the Controller in:" then a table of what with (FileForge)
    table = (
        "FileForge shall assist the Controller in:\n\n| Obligation | Method |\n|---|---|\n"
        "| Breach Notification | Alert within 24 hours |\n| Data Subject Requests | API access, "
        "export tools |\n"
    )
    evidence = analyse_text(table)
    assert evidence["e"].status == evidence["f"].status == "present"
    assert evidence["f"].sentence.startswith("FileForge shall assist the Controller in:")
    # the rows alone say nothing of assisting
    rows = table.split("\n\n", 1)[1]
    assert found_letters(analyse_text(rows)) == set()
    # a row answered "No" states nothing, with or without a lead-in
    assert found_letters(analyse_text(table.replace("Alert within 24 hours", "No"))) == {"e"}


def test_round_20_the_end_said_as_a_compound_and_evidence_of_compliance():
    # "subscription termination" (Gauge), "on a verified deletion request or termination"
    # (NEXUSV): deletion at the end, partial
    for text in (
        "Within 30 days of subscription termination, all Personal Data tied to the Controller is "
        "hard-deleted from primary storage.",
        "On a verified deletion request or termination, NexusV will delete requested Customer "
        "Personal Data from active systems within 7 days.",
    ):
        assert analyse_text(text)["g"].status == "partial", text
    assert analyse_text("On termination the customer can delete its data.")["g"].status == (
        "absent"
    )
    # evidence of compliance on request, no audit: partial (Gauge, Grantex)
    for text in (
        "The Controller may request evidence of compliance with this DPA, including:",
        "The Controller may request, no more than once per year and on at least 60 days' notice, "
        "evidence of the Processor's compliance with this Addendum.",
    ):
        assert analyse_text(text)["h"].status == "partial", text


def test_round_20_under_headings():
    # "You have the right to: - Audit our processing" under "Your Audit Rights" (NextCRM)
    audit = "You have the right to:\n\n- Audit our processing\n- Request records of processing\n"
    assert analyse_text(f"# DPA\n\n## 11. Audit Rights\n\n{audit}", "en")["h"].status == "present"
    assert analyse_text(f"# DPA\n\n## 11. Fees\n\n{audit}", "en")["h"].status == "absent"
    # a verbless notification within a time under a heading of breaches (GOAT)
    told = "- **Notification Timeline**: Notification to supervisory authorities within 72 hours\n"
    assert analyse_text(f"# DPA\n\n## 10. Breach Notification\n\n{told}", "en")["f"].status == (
        "present"
    )
    assert analyse_text(f"# DPA\n\n## 10. Fees\n\n{told}", "en")["f"].status == "absent"
    for other in (
        "- Notification to the supervisory authority within 72 hours is the Controller's duty.",
        "- Notification: not within 72 hours.",
    ):
        text = f"# DPA\n\n## Personal data breach\n\n{other}\n"
        assert analyse_text(text, "en")["f"].status == "absent", other


# Round 21's tuning: the wordings of round 20's held-out documents missed at its evaluation, in
# general forms
ROUND_21_TUNING_WORDING = [
    # (b) confidentiality agreements for all staff, an item of safeguards (ODAVL)
    ("b", "Organizational Safeguards: Confidentiality agreements for all staff"),
    # (e) "DSARs" (Ecomind)
    ("e", "Assist Customer with GDPR/CCPA compliance (DSARs, DPIAs)"),
]
ROUND_21_TUNING_NOT_STIPULATIONS = [
    # an adjective of the sub-processors is no authorisation (HeroForge, ODAVL)
    "Maintain a list of authorized Sub-processors (Annex A)",
    "Authorized Sub-processors: Current sub-processors include:",
    "The list of approved subcontractors is in Annex B.",
    "Customers should sign confidentiality agreements with all staff.",
    "We do not require confidentiality agreements for all staff.",
    "Deletion of your account on request.",
]


def test_round_21_partial_deletion_on_request_and_a_run_in_notification():
    # deletion offered on request, no return: partial (AeneasSoft)
    assert analyse_text("- Manual deletion available on request within 72 hours")["g"].status == (
        "partial"
    )
    # an authorisation still read when it is one
    assert analyse_text("Sub-processors must be authorized by the Customer.")["d"].status == (
        "present"
    )
    # a breach told under a run-in "Controller Notification:" (ODAVL): not the controller acting
    told = (
        "# DPA\n\n## Breach Notification\n\n**Controller Notification:**\n\n- Notify Controller "
        "within 24 hours of becoming aware of breach\n"
    )
    assert analyse_text(told, "en")["f"].status == "present"


# Round 22's tuning: the wordings of round 21's held-out documents missed at its evaluation, in
# general forms
ROUND_22_TUNING_WORDING = [
    # (b) staff signing NDAs (WildPraxis); the staff bound named after "Confidentialité" (Leopardo)
    ("b", "Administrative Safeguards: Confidentiality agreements - All staff sign NDAs"),
    ("b", "Confidentialité (personnels liés par obligation), sécurité, notification de violation."),
    # (e) "Data Principal Rights" (India's DPDP Act) and "data principals"
    ("e", "The Processor shall assist the Customer with requests of data principals."),
    # (e) cooperating so that the persons can exercise their rights (WildPraxis)
    (
        "e",
        "WildPraxis will cooperate with School to ensure parents and eligible students can "
        "exercise FERPA rights:",
    ),
    ("e", "Aide au client pour les droits des personnes (accès, rectification, effacement)."),
]
ROUND_22_TUNING_NOT_STIPULATIONS = [
    "Customers sign NDAs with their own staff.",
    "Not all staff sign NDAs.",
    "Customers cooperate with us to ensure their users can exercise their rights.",
    "Le Client aide ses utilisateurs pour les droits des personnes.",
    "Confidentialité : les salariés du Client sont tenus au secret.",
]


def test_round_22_deletion_and_return_listed_under_the_end_and_a_breach_timeline():
    # both as items under the end (ErgoVigilance, WildPraxis): present
    listed = (
        "Upon termination of the Agreement, Processor shall:\n\n- Return all Personal Data to "
        "Controller in a structured format\n- Delete all copies within 30 days\n"
    )
    assert analyse_text(listed)["g"].status == "present"
    export = (
        "When School terminates agreement:\n\n- School requests data export\n- WildPraxis "
        "provides export within 30 days\n- All Student Data deleted within 60 days\n"
    )
    assert analyse_text(export)["g"].status == "present"
    # the customer's own undertaking is not the processor's
    own = (
        "Upon termination of the Agreement, the Customer shall:\n\n- Return all equipment\n"
        "- Delete all copies of the software\n"
    )
    assert analyse_text(own)["g"].status == "absent"
    # a breach's timeline under a heading of breaches (TalkToInfra), not an outage's
    breach = "- **Notification timeline**: Within 72 hours of confirmed breach\n"
    assert analyse_text(f"# DPA\n\n## 6. Breach Notification\n\n{breach}", "en")["f"].status == (
        "present"
    )
    outage = "- **Notification timeline**: Within 2 hours of an outage\n"
    assert analyse_text(f"# DPA\n\n## 6. Incidents\n\n{outage}", "en")["f"].status == "absent"


# Round 24's tuning: the wordings of rounds 22 and 23's held-out documents missed at their
# evaluations, in general forms
ROUND_24_TUNING_WORDING = [
    # (b) the confidentiality named first (Gearbox, ProrogaPro)
    ("b", "Tratar sólo bajo instrucciones documentadas · confidencialidad del personal."),
    ("b", "Garantire riservatezza del personale autorizzato."),
    # (e) the rights named, then "requests" (Enterprise AI Agency OS)
    (
        "e",
        "Processor shall reasonably assist the controller with access, rectification, erasure, "
        "restriction, and portability requests within the operational SLA.",
    ),
    # (f) the Article's "in ensuring compliance with the obligations" (ShipGate)
    (
        "f",
        "Assist Customer in ensuring compliance with Customer's obligations under applicable data "
        "protection law, where relevant.",
    ),
    # (h) an audit with a parenthesis naming an auditor (dcm-anon-vault)
    (
        "h",
        "The Customer may audit (or appoint an independent third-party auditor under written "
        "confidentiality terms) on reasonable prior notice, no more than once per 12 months.",
    ),
]
ROUND_24_TUNING_NOT_STIPULATIONS = [
    "We assist our sales team with access, pricing, and discount requests.",
    "You may request information about our inspection schedule.",
    "Customer may request a copy of the audit report.",
    "The confidentiality of the personnel files is the Customer's responsibility.",
]


def test_round_24_under_headings():
    # notice of changes with a right to object, no party named, under a heading of
    # sub-processors (Gearbox); not negated
    notice = "Aviso previo de cambios: [PLAZO] con derecho de objeción."
    assert analyse_text(f"# DPA\n\n## 6. Subencargados\n\n{notice}\n", "es")["d"].status == (
        "present"
    )
    assert analyse_text(f"# DPA\n\n## 6. Precios\n\n{notice}\n", "es")["d"].status == "absent"
    # the processor notifying, whom unsaid, under a heading of breaches (Enterprise AI Agency OS)
    told = "Processor notifies without undue delay and no later than the SLA."
    assert analyse_text(f"# DPA\n\n## 9. Breach notification\n\n{told}\n", "en")["f"].status == (
        "present"
    )
    assert analyse_text(f"# DPA\n\n## 9. Billing\n\n{told}\n", "en")["f"].status == "absent"
    # an on-site inspection as an item of what the controller may request (Ome365)
    items = (
        "Controller may, no more than once per 12 months, request:\n\n- Self-audit questionnaire "
        "response within 30 days\n- On-site inspection with 30-day notice\n"
    )
    assert analyse_text(items)["h"].status == "present"


# Round 25's tuning: the wordings of round 24's held-out documents missed at its evaluation, in
# general forms
ROUND_25_TUNING_WORDING = [
    # (e) the data subjects supported by the processor's undertaking (Helpmefindthejob)
    (
        "e",
        "The Deployer SHALL support the data subject in exercising the rights guaranteed under "
        "GDPR Articles 15-22.",
    ),
    # (f) "a personal data incident" (APIbase)
    (
        "f",
        "APIbase notifies the merchant of a personal data incident within 72 hours of becoming "
        "aware of it.",
    ),
]
ROUND_25_TUNING_NOT_STIPULATIONS = [
    "The Customer shall notify the Provider of any personal data incident within 72 hours.",
    "The Customer shall notify the Provider of any security incident within 72 hours.",
    "Data incidents are logged in our incident tracker.",
    "The Controller shall support data subjects in exercising their rights.",
    "The Processor shall not support data subjects in exercising their rights directly.",
    "You may request a copy of your personal data.",
    "You may request a summary of our pricing.",
    "Your profile: deleted when you close your account.",
    "Logs: deleted after 30 days.",
    "Invoices: not deleted when the contract ends.",
]


def test_round_25_tuning():
    # (c) measures in the processor's own words under a heading naming one (APIbase), in each
    # language; not the customer's, not "we", not an option, not a blank
    def under_encryption(body: str, heading: str = "Encryption", language: str = "en") -> str:
        return status_under(f"3. {heading}", body, "c", language)

    assert under_encryption("APIbase stores only the ciphertext and its sha256.") == "present"
    assert under_encryption("APIbase stores only the ciphertext.", "Pricing") == "absent"
    for body in [
        "Encryption keys are managed by the Customer.",
        "Encryption at rest: N/A",
        "Encryption is optional and available on the Enterprise plan.",
        "The Customer encrypts its files before upload.",
        "We encrypt data in transit with TLS.",
    ]:
        assert under_encryption(body) == "absent", body
    for language, heading, body in [
        ("fr", "Chiffrement", "Les données sont chiffrées au repos (AES-256)."),
        ("de", "Verschlüsselung", "Alle Daten werden mit AES-256 verschlüsselt gespeichert."),
        ("es", "Cifrado", "Los datos se almacenan cifrados con AES-256."),
        ("it", "Cifratura", "I dati sono conservati con cifratura AES-256."),
    ]:
        assert under_encryption(body, heading, language) == "present", language
    # (g) a kind of data deleted at the close of what it served (APIbase): deletion, no return
    for item in [
        "- Delivery address: deleted when the order is CLOSED plus 30 days (dispute window).",
        "Account data: erased 30 days after the account is closed.",
        "Backups: deleted at the end of the agreement.",
    ]:
        assert analyse_text(item, "en")["g"].status == "partial", item
    # (h) a summary of the measures on request, no audit (Gearbox Labs Relay): partial
    requested = (
        "# DPA\n\n## 7. Audit and Compliance Rights\n\nYou may request:\n\n- A summary of the "
        "security measures in place (this document).\n- Access logs related to your account.\n"
    )
    assert analyse_text(requested, "en")["h"].status == "partial"
    # (e) the means the controller is given (Gauge), what the processor supports under a heading
    # of data subjects' rights (ReleaseGate); not the customer's, not under another heading
    means = "The Controller may exercise data-subject rights through the Service UI:"
    assert analyse_text(means, "en")["e"].status == "present"
    for not_means in [
        "You can exercise your rights through our privacy portal.",
        "The Controller cannot fulfil data subject requests via the platform.",
        "Data subjects may exercise their rights through the app.",
    ]:
        assert analyse_text(not_means, "en")["e"].status == "absent", not_means
    supports = "ReleaseGate supports the following on request:\n\n- **Access**: Export of records\n"
    for heading, status in [("Data Subject Rights", "present"), ("Features", "absent")]:
        assert status_under(f"5. {heading}", supports, "e") == status, heading

    # (f) a notification's deadline, verbless, under a heading of breaches (ReleaseGate), in each
    # language; not under "Incidents", not an outage's, not the controller's
    def under(heading: str, item: str, language: str = "en") -> str:
        return status_under(f"6. {heading}", f"- {item}", "f", language)

    deadline = "Detection-to-notification target: **72 hours**"
    assert under("Breach Notification", deadline) == "present"
    assert under("Incidents", deadline) == "absent"
    assert under("Breach Notification", "Outage notification target: 2 hours") == "absent"
    assert under("Breach Notification", "Customer notification to the authority: 72 hours") == (
        "absent"
    )
    for language, heading, item in [
        ("fr", "Violations de données", "Délai de notification : 48 heures"),
        ("de", "Datenpannen", "Erste Meldung: innerhalb von 24 Stunden"),
        ("es", "Brechas de seguridad", "Plazo de notificación: 48 horas"),
        ("it", "Data breach", "Termine di notifica: 48 ore"),
    ]:
        assert under(heading, item, language) == "present", language
    customer = supports.replace("ReleaseGate", "The Customer")
    assert status_under("5. Data Subject Rights", customer, "e") == "absent"


# Round 26's tuning: the wordings of round 25's held-out documents missed at its evaluation, in
# general forms
ROUND_26_TUNING_WORDING = [
    # (e) the rights named, then "requests", the list's lead-in read with it (Dude)
    (
        "e",
        "Dude will reasonably assist Customer with: access, correction, export, deletion, and "
        "retention requests;",
    ),
]
ROUND_26_TUNING_NOT_STIPULATIONS = [
    "The Customer shall assist the Processor with access, correction and deletion requests.",
    "We assist our agents with access, deletion of accounts and password reset requests.",
    "Provider will not provide audit cooperation beyond a security overview.",
    "Al finalizar la relación contractual, el Cliente podrá borrar sus registros.",
]


def test_round_26_tuning():
    def under(heading: str, body: str, language: str) -> str:
        return status_under(heading, body, "c", language)

    # (c) measures named then listed, after a list's lead-in and an item's letter, the noun's
    # adjectives after it, or security alone (SynapseAI, EduCore), in each language
    obligations = "3. Processor obligations."
    assert under(obligations, "b. Security: encryption in transit (TLS 1.2+).", "en") == "present"
    lead_in = (
        "El Encargado se compromete a:\n\n1. Medidas de seguridad técnicas: Aplicar cifrado AES."
    )
    assert under("3. Obligaciones del Encargado", lead_in, "es") == "present"
    for language, heading, body in [
        ("fr", "3. Obligations du sous-traitant", "Sécurité : chiffrement des données (AES-256)."),
        ("de", "3. Pflichten des Auftragnehmers", "Datensicherheit: Verschlüsselung (AES-256)."),
        ("it", "3. Obblighi del responsabile", "Sicurezza: cifratura dei dati (AES-256)."),
    ]:
        assert under(heading, body, language) == "present", language
    # not negated, not someone else's, not a plan, not the controller's, not under another heading
    for heading, body, language in [
        (obligations, "b. Security: not included; encryption is left to each party.", "en"),
        (obligations, "b. Security: see the hosting provider's encryption.", "en"),
        (obligations, "b. Security: TLS everywhere (planned).", "en"),
        ("3. Customer obligations.", "b. Security: encryption of its own devices.", "en"),
        ("3. Pricing", "b. Security: encryption included in every plan.", "en"),
        ("3. Obligaciones del Responsable", lead_in.replace("Encargado", "Responsable"), "es"),
    ]:
        assert under(heading, body, language) == "absent", body
    # (g) deletion at the end of the contractual relation, of records (SynapseAI): partial
    records = "Una vez concluida la relación contractual, se destruirán los registros en 15 días."
    assert analyse_text(records, "es")["g"].status == "partial"
    # (h) the audit made through reports and a questionnaire (EduCore): partial; not when an
    # inspection is offered beside them
    audit = "The Customer may audit Processor compliance annually via reports and a written questionnaire."
    assert analyse_text(audit, "en")["h"].status == "partial"
    either = "The Customer may audit the Processor via reports or an on-site inspection."
    assert analyse_text(either, "en")["h"].status == "present"
    # (h) documents as the audit cooperation (Dude): partial; an audit beside them is present
    documents = (
        "Provider will provide audit cooperation such as: a security overview and policy summaries."
    )
    assert analyse_text(documents, "en")["h"].status == "partial"
    on_site = "Provider will provide audit cooperation, including on-site audits by the Customer."
    assert analyse_text(on_site, "en")["h"].status == "present"


# Round 27's tuning: round 26's held-out documents missed at its evaluation
ROUND_27_TUNING_NOT_STIPULATIONS = [
    "Audit logs available on request.",
    "Penetration test results are not available on request.",
    "A pricing summary is available on request.",
    "The Customer's audit report is available on request.",
]


def test_round_27_tuning():
    # (h) a test's or an audit's report on request, no audit (OAuthLint): partial
    for report in [
        "Annual penetration test; summary available on request.",
        "Our SOC 2 Type II report is available to customers upon request.",
    ]:
        assert analyse_text(report, "en")["h"].status == "partial", report
    # (c) OAuthLint's measures under "How we protect it" stay unread: a privacy notice's "How we
    # secure your data" would be read too
    notice = "# Privacy policy\n\n## How we secure your data\n\nThe database backups are also encrypted.\n"
    assert analyse_text(notice, "en")["c"].status == "absent"


# Round 28's tuning: the wordings of round 27's held-out documents missed at its evaluation, in
# general forms
ROUND_28_TUNING_WORDING = [
    # (a) the operations listed, then "all as directed by the Controller" (OpenDataRoom)
    (
        "a",
        "Specifically: encrypting and storing documents, enforcing access controls, and "
        "delivering access logs — all as directed by the Controller.",
    ),
    # (d) the controller's agreement to the sub-processors (LexOculus)
    ("d", "The Controller agrees that the Processor may engage the following sub-processors:"),
    # (e) the request told by what it asks (EpiphanyMade)
    (
        "e",
        "If EpiphanyMade receives a request from one of your recipients to access, correct, or "
        "delete their data, we will forward it to you promptly and will reasonably assist you in "
        "responding.",
    ),
    # (b) the staff bound to secrecy, in Italian (Factory)
    ("b", "Garantire che il personale autorizzato sia vincolato al segreto."),
]
ROUND_28_TUNING_NOT_STIPULATIONS = [
    "Users store files in their workspace — all as directed by the Controller.",
    "The Controller agrees that the Processor may not engage sub-processors.",
    "The Processor agrees that the Customer may engage its own subcontractors.",
    "We will assist you with requests from agents to access their dashboards.",
    "Users may send a request from the settings page to delete their data.",
    "Il personale tutela il segreto industriale del Cliente.",
]


def test_round_28_tuning():
    # a page's text in a JSX element's properties (Lazynext): the titles read as headings, the
    # bodies as paragraphs, an array's strings as list items
    page = (
        "import { LegalPage } from '@/components/LegalPage';\n\nexport default function Dpa() {\n"
        '  return (\n    <LegalPage\n      title="Data Processing Agreement"\n      sections={[\n'
        "        {\n          title: '2. Roles',\n          body: 'The Processor processes personal "
        "data only on documented instructions from the Controller.',\n        },\n        {\n"
        "          title: '6. Security Measures',\n          list: [\n            'Encryption in "
        "transit (TLS 1.2+) and at rest.',\n            'Access controls: role-based "
        "authorization.',\n          ],\n        },\n      ]}\n    />\n  );\n}\n"
    )
    evidence = analyse_text(page, "en")
    assert evidence["a"].sentence == (
        "The Processor processes personal data only on documented instructions from the Controller."
    )
    assert evidence["c"].status == "present"
    # not one-word literals (class names, paths)
    code = "import x from 'y';\n\nconst a = { className: 'flex', href: '/dpa' };\n"
    assert analyse_text(code, "en")["a"].status == "absent"

    # (h) the controller may request an audit, under a heading of audits, in Italian (Ambrogio.ai,
    # Factory); not the reports of an audit
    def audit(sentence: str) -> str:
        return status_under("7. Audit", sentence, "h", "it")

    assert (
        audit("Il Titolare può richiedere audit annuali con preavviso di 30 giorni.") == "present"
    )
    assert audit("Il Cliente ha diritto di richiedere un audit svolto da terzi indipendenti.") == (
        "present"
    )
    assert audit("Il Titolare può richiedere i report di audit annuali.") == "absent"


# Round 29's tuning: the wordings of round 28's held-out documents missed at its evaluation, in
# general forms
ROUND_29_TUNING_WORDING = [
    # (b) the staff's confidentiality named first, in English (blipee)
    ("b", "Ensure confidentiality of processing personnel."),
    # round 30's: "authorized persons" (Datacenter Builder), "everyone authorised to process"
    # (Secretly)
    ("b", "Ensure confidentiality of authorized persons."),
    ("b", "Ensure everyone authorised to process the data is bound by confidentiality."),
]
ROUND_29_TUNING_NOT_STIPULATIONS = [
    "The Customer shall ensure confidentiality of its personnel.",
    "Provider shall maintain the confidentiality of personnel files.",
    "Audits of sub-processors may be conducted by the Processor.",
    "Inspections may be carried out by the supervisory authority.",
    "On-site audits will not be conducted.",
    "The Customer shall ensure confidentiality of authorized persons.",
    "Everyone authorised to process the data may ask for confidentiality of their identity.",
]


def test_round_29_tuning():
    # (h) the audit in the passive, under a heading of audit rights (Entrolytics); not elsewhere,
    # not by someone else
    def under(heading: str, sentence: str) -> str:
        return status_under(f"8. {heading}", sentence, "h")

    passive = "On-site audits may be conducted with reasonable notice and during business hours."
    assert under("Audit Rights", passive) == "present"
    assert under("Service levels", passive) == "absent"
    for other in [
        "License compliance audits may be conducted by Vendor once per year.",
        "Inspections may be carried out by the supervisory authority.",
        "On-site audits will not be conducted.",
    ]:
        assert under("Audit Rights", other) == "absent", other


# The tuning of rounds 12 to 29: each wording found (as written, or, for a list, found), and none
# of the sentences beside it read as a stipulation
TUNED_IN_ROUNDS_12_TO_29 = (
    ROUND_12_TUNING_WORDING
    + ROUND_13_TUNING_WORDING
    + ROUND_15_TUNING_WORDING
    + ROUND_17_TUNING_WORDING
    + ROUND_19_TUNING_WORDING
    + ROUND_20_TUNING_WORDING
    + ROUND_21_TUNING_WORDING
    + ROUND_22_TUNING_WORDING
    + ROUND_24_TUNING_WORDING
    + ROUND_25_TUNING_WORDING
    + ROUND_26_TUNING_WORDING
    + ROUND_28_TUNING_WORDING
    + ROUND_29_TUNING_WORDING
)
NOT_STIPULATIONS_OF_ROUNDS_12_TO_29 = (
    ROUND_12_TUNING_NOT_STIPULATIONS
    + ROUND_13_TUNING_NOT_STIPULATIONS
    + ROUND_14_TUNING_NOT_STIPULATIONS
    + ROUND_15_TUNING_NOT_STIPULATIONS
    + ROUND_17_TUNING_NOT_STIPULATIONS
    + ROUND_19_TUNING_NOT_STIPULATIONS
    + ROUND_20_TUNING_NOT_STIPULATIONS
    + ROUND_21_TUNING_NOT_STIPULATIONS
    + ROUND_22_TUNING_NOT_STIPULATIONS
    + ROUND_24_TUNING_NOT_STIPULATIONS
    + ROUND_25_TUNING_NOT_STIPULATIONS
    + ROUND_26_TUNING_NOT_STIPULATIONS
    + ROUND_27_TUNING_NOT_STIPULATIONS
    + ROUND_28_TUNING_NOT_STIPULATIONS
    + ROUND_29_TUNING_NOT_STIPULATIONS
)


@pytest.mark.parametrize(("letter", "sentence"), TUNED_IN_ROUNDS_12_TO_29)
def test_rounds_12_to_29_tuned_wordings_are_found(letter, sentence):
    _found_as_written(letter, sentence)


@pytest.mark.parametrize("sentence", NOT_STIPULATIONS_OF_ROUNDS_12_TO_29)
def test_rounds_12_to_29_patterns_do_not_read_these_as_stipulations(sentence):
    assert found_letters(analyse_text(sentence)) == set()


def test_a_new_benchmark_run_keeps_the_rounds_measured_once(tmp_path):
    # a round's held-out documents are measured once, then tuned on: `make bench` cannot measure
    # them again, so it keeps their sections of the results file as they are
    from benchmarks.run import measured_once

    results = tmp_path / "results.md"
    assert measured_once(results) == []
    results.write_text(
        "# Benchmark results\n\n## Contract clause detection (heldout documents)\n\nnow\n\n"
        "## Contract clause detection (heldout documents of round 24, as measured in round 24)"
        "\n\n| en | 43 |\n\n## Contract clause detection (heldout documents of round 23, as "
        "measured in round 23)\n\n| en | 72 |\n",
        encoding="utf-8",
    )
    kept = measured_once(results)
    assert kept[0].endswith("as measured in round 24)") and "| en | 43 |" in kept
    assert kept[-1] == "| en | 72 |" and "now" not in kept
