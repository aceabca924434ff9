"""Tests for audit_lib.freetext.art9: Art. 9(2) conditions and Art. 10 read from free text."""

from __future__ import annotations

import pytest

from audit_lib.freetext import art9_condition, art9_conditions_named

EXAMPLES = [
    # canonical codes and letter references
    ("9_2_a", "9_2_a"),
    ("9_2_J", "9_2_j"),
    ("9(2)(a)", "9_2_a"),
    ("Art. 9.2.a", "9_2_a"),
    ("Article 9(2)(h)", "9_2_h"),
    ("9-2-a", "9_2_a"),
    ("art. 9, par. 2, lett. g)", "9_2_g"),
    ("Art. 9 Abs. 2 Buchst. b DSGVO", "9_2_b"),
    ("artículo 9.2.j) RGPD", "9_2_j"),
    ("Article 9 (2) (e)", "9_2_e"),
    ("Art.9.2.a", "9_2_a"),
    ("Art. 49(2)(a)", None),
    ("Dati relativi alla salute - art. 9, par. 2, lett. h)", "9_2_h"),
    ("Consentimiento explícito (art. 9.2.a RGPD)", "9_2_a"),
    ("art10", "art10"),
    ("Article 10", "art10"),
    ("Art. 10 UK GDPR", "art10"),
    # English wording
    ("Explicit consent", "9_2_a"),
    ("Consent", "9_2_a"),
    ("Employment and social security", "9_2_b"),
    ("Employment, social security and social protection", "9_2_b"),
    ("Vital interests", "9_2_c"),
    (
        "Vital interests of the data subject who is physically incapable of giving consent",
        "9_2_c",
    ),
    ("Not-for-profit bodies", "9_2_d"),
    ("Made public by the data subject", "9_2_e"),
    ("Manifestly made public", "9_2_e"),
    ("Legal claims", "9_2_f"),
    ("Establishment, exercise or defence of legal claims", "9_2_f"),
    ("Substantial public interest", "9_2_g"),
    ("Health or social care", "9_2_h"),
    ("Preventive or occupational medicine", "9_2_h"),
    ("Public health", "9_2_i"),
    ("Archiving", "9_2_j"),
    ("Archiving in the public interest", "9_2_j"),
    ("Scientific or historical research", "9_2_j"),
    ("Statistical purposes", "9_2_j"),
    ("Criminal offence data", "art10"),
    ("Article 9(2)(h) - health or social care", "9_2_h"),
    # French
    ("Consentement explicite", "9_2_a"),
    ("Obligations en matière de droit du travail et de la sécurité sociale", "9_2_b"),
    ("Sauvegarde des intérêts vitaux", "9_2_c"),
    ("Organisme à but non lucratif", "9_2_d"),
    ("Données manifestement rendues publiques par la personne", "9_2_e"),
    ("Constatation, exercice ou défense d'un droit en justice", "9_2_f"),
    ("Motif d'intérêt public important", "9_2_g"),
    ("Médecine du travail", "9_2_h"),
    ("Médecine préventive", "9_2_h"),
    ("Santé publique", "9_2_i"),
    ("Archivage dans l'intérêt public", "9_2_j"),
    ("Recherche scientifique ou historique", "9_2_j"),
    ("Fins statistiques", "9_2_j"),
    ("Données relatives aux condamnations pénales", "art10"),
    # German, Spanish, Italian: the most common conditions
    ("ausdrückliche Einwilligung", "9_2_a"),
    ("Arbeitsrecht und Recht der sozialen Sicherheit", "9_2_b"),
    ("Arbeitsmedizin", "9_2_h"),
    ("öffentliche Gesundheit", "9_2_i"),
    ("consentimiento explícito", "9_2_a"),
    ("Medicina preventiva o laboral", "9_2_h"),
    ("Salud pública", "9_2_i"),
    ("consenso esplicito", "9_2_a"),
    ("Sanità pubblica", "9_2_i"),
    ("Ricerca scientifica", "9_2_j"),
    # several conditions, or none: None
    ("Explicit consent; legal claims", None),
    ("9(2)(b) and 9(2)(h)", None),
    ("9(2)(a) or Article 10", None),
    ("N/A", None),
    ("Legitimate interests", None),
    ("Article 9", None),
    ("", None),
    # letter and wording agree
    ("Art. 9(2)(a) explicit consent", "9_2_a"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_art9_condition(text, expected):
    assert art9_condition(text) == expected


def test_conditions_named_in_order():
    assert art9_conditions_named("Legal claims; explicit consent") == ("9_2_f", "9_2_a")
    assert art9_conditions_named("9(2)(b) employment") == ("9_2_b",)


@pytest.mark.parametrize("value", [None, 9, ("9_2_a",), 2.5])
def test_non_text_is_no_condition(value):
    assert art9_condition(value) is None
