"""Tests for audit_lib.freetext.retention: retention periods written out (ROPA-012, RET-*)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from audit_lib.freetext import RetentionReading, read_retention

CORPUS = "/work/shared/corpus/registers"
needs_corpus = pytest.mark.skipif(
    not Path(CORPUS).exists(), reason="the shared corpus of real registers is not here"
)

# (text, ISO 8601 duration, trigger); labelled before the patterns were written
EXAMPLES = [
    # the spec's examples
    ("30 days after account deletion", "P30D", "account_closed"),
    ("6 years after the end of the contract", "P6Y", "contract_end"),
    ("3 ans à compter du dernier contact", "P3Y", "last_contact"),
    ("5 Jahre nach Austritt", "P5Y", "employment_end"),
    ("P3Y", "P3Y", None),
    # ISO durations
    ("P6M", "P6M", None),
    ("P1Y6M", "P1Y6M", None),
    ("P2W", "P14D", None),
    ("P30D after account closure", "P30D", "account_closed"),
    # English
    ("three years", "P3Y", None),
    ("1 year", "P1Y", None),
    ("12 months", "P12M", None),
    ("2 weeks", "P14D", None),
    ("one month after the end of the contract", "P1M", "contract_end"),
    ("1 year and 6 months", "P1Y6M", None),
    ("2 years, 6 months", "P2Y6M", None),
    ("six (6) years", "P6Y", None),
    ("6 (six) years from contract termination", "P6Y", "contract_end"),
    ("a year after the last contact", "P1Y", "last_contact"),
    ("Up to 5 yrs from collection", "P5Y", "collected"),
    ("7 years after the employee leaves", "P7Y", "employment_end"),
    ("6 years after end of employment", "P6Y", "employment_end"),
    ("2 years after the end of the employment contract", "P2Y", "employment_end"),
    ("13 months from collection", "P13M", "collected"),
    ("24 months of inactivity", "P24M", "last_contact"),
    ("Duration of the contract plus 6 years", "P6Y", "contract_end"),
    ("30 days after the account is closed", "P30D", "account_closed"),
    ("1.5 years", "P1Y6M", None),
    ("90 calendar days", "P90D", None),
    ("5y", "P5Y", None),
    ("10 years from the end of the financial year", "P10Y", None),
    ("Life of relationship + 7 years", "P7Y", "contract_end"),
    ("End of employment + 6 years", "P6Y", "employment_end"),
    ("Current tax year + 6 years", "P6Y", None),
    ("Deleted after 12 months of account inactivity", "P12M", "last_contact"),
    # several durations: the longest governs
    ("3 years for customers, 5 years for invoices", "P5Y", None),
    ("3 years after the last contact; 10 years for invoices", "P10Y", None),
    (
        "1 year from collection, then 5 years in archive after the end of the contract",
        "P5Y",
        "contract_end",
    ),
    ("3 to 5 years", "P5Y", None),
    ("After account closure: 30 days for logs, 1 year for invoices", "P1Y", "account_closed"),
    ("3 years after the end of the contract, 5 years after last contact", "P5Y", "last_contact"),
    ("3 years for customers after the end of the contract, 5 years for invoices", "P5Y", None),
    # French (including the CNIL model's example fiche)
    ("5 ans à compter du versement de la paie", "P5Y", None),
    ("trois ans", "P3Y", None),
    ("1 an et 6 mois", "P1Y6M", None),
    ("13 mois", "P13M", None),
    ("deux semaines", "P14D", None),
    ("30 jours après la suppression du compte", "P30D", "account_closed"),
    ("10 ans après la fin du contrat", "P10Y", "contract_end"),
    ("5 ans après la fin du contrat de travail", "P5Y", "employment_end"),
    ("5 ans après le départ du salarié", "P5Y", "employment_end"),
    ("3 ans à compter de la collecte", "P3Y", "collected"),
    ("3 ans à compter de la collecte ou du dernier contact", "P3Y", "last_contact"),
    ("Durée du contrat + 5 ans", "P5Y", "contract_end"),
    ("une année", "P1Y", None),
    # German
    ("6 Monate", "P6M", None),
    ("zehn Jahre nach Vertragsende", "P10Y", "contract_end"),
    ("3 Jahre nach Ende des Vertrags", "P3Y", "contract_end"),
    ("2 Wochen nach Kontolöschung", "P14D", "account_closed"),
    ("1 Jahr nach dem letzten Kontakt", "P1Y", "last_contact"),
    ("zwölf Monate ab Erhebung", "P12M", "collected"),
    ("nach einem Jahr", "P1Y", None),
    ("6 Jahre nach Ausscheiden des Mitarbeiters", "P6Y", "employment_end"),
    ("14 Tage", "P14D", None),
    ("10 Jahre gemäß § 147 AO, 6 Jahre gemäß § 257 HGB", "P10Y", None),
    ("Dauer der Geschäftsbeziehung zzgl. 3 Jahre", "P3Y", "contract_end"),
    # Spanish
    ("5 años desde el fin del contrato", "P5Y", "contract_end"),
    ("dos años desde el último contacto", "P2Y", "last_contact"),
    ("seis meses desde la recogida", "P6M", "collected"),
    ("4 años tras el cese", "P4Y", "employment_end"),
    ("30 días", "P30D", None),
    ("5 años tras la finalización de la relación contractual", "P5Y", "contract_end"),
    # Italian
    ("10 anni dalla fine del contratto", "P10Y", "contract_end"),
    ("dodici mesi dall'ultimo contatto", "P12M", "last_contact"),
    ("24 mesi dalla raccolta", "P24M", "collected"),
    ("un anno", "P1Y", None),
    ("due settimane", "P14D", None),
    ("15 giorni", "P15D", None),
    ("durata del rapporto contrattuale e 10 anni successivi", "P10Y", "contract_end"),
    # no duration: ROPA-012 (the event may still be read)
    ("Account termination", None, "account_closed"),
    ("as long as necessary", None, None),
    ("permanent", None, None),
    ("see the schedule", None, None),
    ("Indefinitely", None, None),
    ("N/A", None, None),
    ("", None, None),
    ("For the duration of the contract", None, "contract_end"),
    ("Pendant la durée de la relation commerciale", None, "contract_end"),
    ("years", None, None),
    ("2023", None, None),
    ("10 working days", None, None),
    ("½ year", None, None),
    ("٣ years", None, None),
    ("３ years", "P3Y", None),
    ("99999 years", None, None),
    ("PT24H", None, None),
    ("P1Y2M3W4D", "P1Y2M25D", None),
    ("5 ans (minimum)", "P5Y", None),
    ("30 gg", "P30D", None),
    ("30j", "P30D", None),
    ("6m", "P6M", None),
]


@pytest.mark.parametrize(("text", "duration", "trigger"), EXAMPLES)
def test_read_retention(text, duration, trigger):
    reading = read_retention(text)
    assert (reading.duration, reading.trigger) == (duration, trigger)
    assert reading.text == text
    assert reading.note


def test_note_says_what_was_understood():
    assert read_retention("30 days after account deletion").note == "30 days from account_closed"
    assert read_retention("6 years after the end of the contract").note == (
        "6 years from contract_end"
    )
    assert read_retention("P3Y").note == "3 years; no start event stated"
    assert read_retention("as long as necessary").note == "no duration found"
    assert read_retention("Account termination").note == (
        "no duration found; start event: account_closed"
    )
    assert read_retention("1 year and 6 months").note == "1 year 6 months; no start event stated"


def test_note_says_the_longest_governs():
    note = read_retention("3 years for customers, 5 years for invoices").note
    assert note.startswith("longest of 2 periods (3 years; 5 years)")
    assert "5 years" in note


def test_note_says_when_several_events_are_stated():
    reading = read_retention("6 years after the end of the contract or the last contact")
    assert reading.duration == "P6Y"
    assert reading.trigger is None
    assert "contract_end" in reading.note and "last_contact" in reading.note


def test_reading_is_a_frozen_dataclass():
    reading = read_retention("P3Y")
    assert isinstance(reading, RetentionReading)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.duration = "P1Y"  # type: ignore[misc]


@pytest.mark.parametrize("value", [None, 30, 2.5, ["P3Y"], b"P3Y"])
def test_non_text_is_an_empty_reading(value):
    reading = read_retention(value)
    assert reading.duration is None
    assert reading.trigger is None
    assert reading.text == ""


@needs_corpus
def test_fides_retention_texts():
    """The Fides data-map export (ICO layout): its 'Retention schedule' column."""
    import openpyxl

    sheet = openpyxl.load_workbook(f"{CORPUS}/fides_datamap_2022-10-24.xlsx").active
    rows = list(sheet.iter_rows(min_row=10, values_only=True))
    texts = {row[11] for row in rows if row[11]}
    assert texts == {"30 days after account deletion", "Account termination", "N/A"}
    assert read_retention("30 days after account deletion").duration == "P30D"
    assert read_retention("Account termination").duration is None


@needs_corpus
def test_cnil_example_fiche_retention_texts():
    """The CNIL model's example fiche: one 'durée de conservation' per data category."""
    sheets = pd.read_excel(
        f"{CORPUS}/cnil_registre_traitement_simplifie.ods",
        engine="odf",
        sheet_name=None,
        header=None,
    )
    fiche = sheets["4_-_Exemple_de_fiche"]
    texts = [str(v) for v in fiche[4].iloc[20:23]]
    assert texts == ["5 ans à compter du versement de la paie"] * 3
    assert {read_retention(text).duration for text in texts} == {"P5Y"}
