"""Tests for audit_lib.freetext.legal_basis: Art. 6(1) bases read from free text (ROPA-002)."""

from __future__ import annotations

import pytest

from audit_lib.freetext import legal_bases_named, legal_basis

# (text as registers write it, the basis expected); labelled before the patterns were written
EXAMPLES = [
    # canonical codes, any case or spacing
    ("consent", "consent"),
    ("Legitimate interests", "legitimate_interests"),
    ("legitimate-interests", "legitimate_interests"),
    ("LEGAL_OBLIGATION", "legal_obligation"),
    ("public_task", "public_task"),
    ("Vital interests", "vital_interests"),
    ("Contract", "contract"),
    # the Art. 6(1) letter
    ("6(1)(b)", "contract"),
    ("Art. 6.1.b", "contract"),
    ("Article 6(1)(f)", "legitimate_interests"),
    ("6.1 f", "legitimate_interests"),
    ("b)", "contract"),
    ("(a)", "consent"),
    ("Art 6 (1) (c) UK GDPR", "legal_obligation"),
    ("art. 6-1-e", "public_task"),
    ("Art. 6 Abs. 1 S. 1 lit. f DSGVO", "legitimate_interests"),
    ("artículo 6, apartado 1, letra d) del RGPD", "vital_interests"),
    ("article 6, paragraphe 1, point a)", "consent"),
    ("Article 6(1)(b) - performance of a contract", "contract"),
    ("Art.6(1)(b)", "contract"),
    ("6(1)(B)", "contract"),
    ("Art. 46(2)(c)", None),
    ("Vertrag (Art. 6 Abs. 1 lit. b DSGVO)", "contract"),
    # English wording
    ("Performance of a contract", "contract"),
    ("Contractual necessity", "contract"),
    ("Necessary for the performance of a contract with the data subject", "contract"),
    ("Compliance with a legal obligation", "legal_obligation"),
    ("Legal obligation (HMRC)", "legal_obligation"),
    ("Public interest", "public_task"),
    (
        "Task carried out in the public interest or in the exercise of official authority",
        "public_task",
    ),
    ("Consent (opt-in on the web form)", "consent"),
    ("Legitimate interest", "legitimate_interests"),
    ("Legitimate interests (no consent needed)", "legitimate_interests"),
    # French
    ("Exécution d'un contrat", "contract"),
    ("Exécution de mesures précontractuelles", "contract"),
    ("Intérêt légitime", "legitimate_interests"),
    ("intérêts légitimes poursuivis par le responsable", "legitimate_interests"),
    ("Obligation légale", "legal_obligation"),
    ("Respect d’une obligation légale (Code du travail)", "legal_obligation"),
    ("Mission d'intérêt public", "public_task"),
    ("Consentement", "consent"),
    ("Sauvegarde des intérêts vitaux", "vital_interests"),
    # German
    ("Einwilligung", "consent"),
    ("Vertragserfüllung", "contract"),
    ("rechtliche Verpflichtung", "legal_obligation"),
    ("Gesetzliche Verpflichtung", "legal_obligation"),
    ("Berechtigtes Interesse", "legitimate_interests"),
    ("Wahrung berechtigter Interessen", "legitimate_interests"),
    ("lebenswichtige Interessen", "vital_interests"),
    ("öffentliche Aufgabe", "public_task"),
    ("Öffentliches Interesse", "public_task"),
    # Spanish
    ("consentimiento", "consent"),
    ("Ejecución de un contrato", "contract"),
    ("interés legítimo", "legitimate_interests"),
    ("Obligación legal", "legal_obligation"),
    ("Intereses vitales", "vital_interests"),
    ("Misión de interés público", "public_task"),
    # Italian
    ("consenso", "consent"),
    ("Esecuzione di un contratto", "contract"),
    ("Legittimo interesse", "legitimate_interests"),
    ("Obbligo legale", "legal_obligation"),
    ("interessi vitali", "vital_interests"),
    ("Interesse pubblico", "public_task"),
    # letter and wording agree
    ("Legitimate interests (Art. 6(1)(f))", "legitimate_interests"),
    ("Consentement (art. 6.1.a RGPD)", "consent"),
    # several bases, or none: None (ROPA-002 quotes the text)
    ("Consent; legitimate interests", None),
    ("Contract and legal obligation", None),
    ("6(1)(b) and (c)", None),
    ("Art. 6(1)(a), 6(1)(f)", None),
    ("Exécution d'un contrat / intérêt légitime", None),
    ("N/A", None),
    ("", None),
    ("tbc", None),
    ("Marketing", None),
    ("Article 6", None),
    # Art. 9 material is not an Art. 6 basis
    ("Article 9(2)(a) explicit consent", None),
    ("Consent – Article 9(2)(a) explicit consent", "consent"),
    ("Legitimate interests; Art. 9(2)(c) vital interests", "legitimate_interests"),
    ("Art. 6(1)(b) contract; Art. 9(2)(b) employment", "contract"),
    ("Explicit consent", "consent"),
    # a basis mentioned to be set aside
    ("Legal obligation, not consent", "legal_obligation"),
    ("Intérêt légitime (sans consentement)", "legitimate_interests"),
    ("Formerly consent, now legitimate interests", "legitimate_interests"),
    # a contract word that names an employment contract still reads as contract
    ("Performance of the employment contract", "contract"),
    ("Arbeitsvertrag", "contract"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_legal_basis(text, expected):
    assert legal_basis(text) == expected


def test_several_bases_are_named_in_order():
    assert legal_bases_named("Contract; consent; contract") == ("contract", "consent")
    assert legal_bases_named("Art. 6(1)(f) and 6(1)(a)") == ("legitimate_interests", "consent")
    assert legal_bases_named("6(1)(a) and (f)") == ("consent", "legitimate_interests")
    assert legal_bases_named("N/A") == ()


def test_one_basis_named_twice_is_one_basis():
    assert legal_bases_named("Art. 6(1)(c) legal obligation") == ("legal_obligation",)


@pytest.mark.parametrize("value", [None, 3, 6.1, b"consent", ["consent"], True])
def test_non_text_is_not_a_basis(value):
    assert legal_basis(value) is None
    assert legal_bases_named(value) == ()
