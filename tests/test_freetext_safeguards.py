"""Tests for audit_lib.freetext.safeguards: Chapter V transfer mechanisms read from free text."""

from __future__ import annotations

import pytest

from audit_lib.freetext import PRIVACY_SHIELD_NOTE, safeguards_named, transfer_safeguard

EXAMPLES = [
    # canonical codes
    ("scc", "scc"),
    ("ADEQUACY", "adequacy"),
    ("derogation_49", "derogation_49"),
    ("bcr", "bcr"),
    ("none", "none"),
    # SCCs
    ("Standard contractual clauses", "scc"),
    ("SCC", "scc"),
    ("SCCs", "scc"),
    ("EU SCCs", "scc"),
    ("Model clauses", "scc"),
    ("CCT", "scc"),
    ("Clauses contractuelles types (CCT)", "scc"),
    ("Clauses types de la Commission", "scc"),
    ("CCT 2021/914", "scc"),
    ("DPF and SCCs", None),
    ("Standardvertragsklauseln", "scc"),
    ("Cláusulas contractuales tipo", "scc"),
    ("Clausole contrattuali standard", "scc"),
    ("SCCs (Module 3) + transfer impact assessment", "scc"),
    ("Art. 46(2)(c) GDPR", "scc"),
    # BCRs
    ("BCR", "bcr"),
    ("Binding corporate rules", "bcr"),
    ("Règles d'entreprise contraignantes (BCR)", "bcr"),
    ("verbindliche interne Datenschutzvorschriften", "bcr"),
    # adequacy
    ("Adequacy", "adequacy"),
    ("Adequacy decision", "adequacy"),
    ("Pays adéquat", "adequacy"),
    ("Décision d'adéquation", "adequacy"),
    ("Angemessenheitsbeschluss", "adequacy"),
    ("Decisión de adecuación", "adequacy"),
    ("Decisione di adeguatezza", "adequacy"),
    ("Data Privacy Framework", "adequacy"),
    ("DPF", "adequacy"),
    ("EU-US DPF", "adequacy"),
    ("EU-US Data Privacy Framework (formerly Privacy Shield)", "adequacy"),
    # derogations
    ("Derogation", "derogation_49"),
    ("Art. 49", "derogation_49"),
    ("Article 49(1)(b)", "derogation_49"),
    ("Dérogations (art 49)", "derogation_49"),
    # none
    ("None", "none"),
    ("No safeguard", "none"),
    ("Aucune", "none"),
    ("keine", "none"),
    ("Ninguna", "none"),
    ("nessuna", "none"),
    # Privacy Shield
    ("Privacy Shield", "privacy_shield"),
    ("Privacy shield", "privacy_shield"),
    ("EU-US Privacy Shield", "privacy_shield"),
    # unknown, several, or not a mechanism of the enum
    ("SCCs / BCR", None),
    ("Adequacy or SCCs", None),
    ("Code de conduite", None),
    ("Certification", None),
    ("N/A", None),
    ("", None),
    ("Non adéquat", None),
    ("see DPA", None),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_transfer_safeguard(text, expected):
    assert transfer_safeguard(text) == expected


def test_safeguards_named_in_order():
    assert safeguards_named("SCCs / BCR") == ("scc", "bcr")
    assert safeguards_named("none") == ("none",)
    assert safeguards_named("") == ()


def test_privacy_shield_note_states_date_and_case():
    assert "2020-07-16" in PRIVACY_SHIELD_NOTE
    assert "C-311/18" in PRIVACY_SHIELD_NOTE


@pytest.mark.parametrize("value", [None, 49, ["scc"]])
def test_non_text_is_no_safeguard(value):
    assert transfer_safeguard(value) is None
