"""Tests for audit_lib.freetext.countries: ISO 3166-1 alpha-2 from codes and names (pycountry)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from audit_lib.freetext import EEA, countries_in, country_code, region
from audit_lib.freetext.countries import name_index

CORPUS = "/work/shared/corpus/registers/cnil_registre_traitement_simplifie.ods"
needs_corpus = pytest.mark.skipif(
    not Path(CORPUS).exists(), reason="the shared corpus of real registers is not here"
)

EXAMPLES = [
    # codes
    ("US", "US"),
    ("us", "US"),
    (" fr ", "FR"),
    ("USA", "US"),
    ("GBR", "GB"),
    ("can", "CA"),
    ("EL", "GR"),
    ("UK", "GB"),
    ("uk", "GB"),
    ("U.S.", "US"),
    ("U.S.A.", "US"),
    # English names (pycountry names, official names, common names)
    ("United States", "US"),
    ("United States of America", "US"),
    ("the United States", "US"),
    ("Germany", "DE"),
    ("South Korea", "KR"),
    ("Korea, Republic of", "KR"),
    ("Republic of Korea", "KR"),
    ("Vietnam", "VN"),
    ("Viet Nam", "VN"),
    ("Czech Republic", "CZ"),
    ("Czechia", "CZ"),
    ("Russia", "RU"),
    ("Russian Federation", "RU"),
    ("Switzerland", "CH"),
    ("united kingdom", "GB"),
    ("Iran", "IR"),
    ("Moldova", "MD"),
    ("Congo, The Democratic Republic of the", "CD"),
    ("Congo", "CG"),
    ("Bosnia and Herzegovina", "BA"),
    ("Saint Lucia", "LC"),
    ("St. Lucia", "LC"),
    ("Türkiye", "TR"),
    ("Turkey", "TR"),
    ("Holy See (Vatican City State)", "VA"),
    # French
    ("États-Unis", "US"),
    ("Etats-Unis", "US"),
    ("ETATS UNIS", "US"),
    ("Royaume-Uni", "GB"),
    ("Allemagne", "DE"),
    ("Suisse", "CH"),
    ("Corée du Sud", "KR"),
    ("Russie", "RU"),
    ("Tchéquie", "CZ"),
    ("Andorre", "AD"),
    ("Île de Man", "IM"),
    # German
    ("Vereinigte Staaten", "US"),
    ("Vereinigte Staaten von Amerika", "US"),
    ("Vereinigtes Königreich", "GB"),
    ("Deutschland", "DE"),
    ("Schweiz", "CH"),
    ("Südkorea", "KR"),
    ("Tschechien", "CZ"),
    ("Russland", "RU"),
    # Spanish, Italian (pycountry ships them too)
    ("Estados Unidos", "US"),
    ("Stati Uniti", "US"),
    ("Alemania", "DE"),
    ("Regno Unito", "GB"),
    # not a country
    ("Korea", None),
    ("Europe", None),
    ("EU", None),
    ("Worldwide", None),
    ("N/A", None),
    ("No", None),
    ("none", None),
    ("", None),
    ("123", None),
    ("Narnia", None),
    ("New York", None),
    ("CAN, USA, GBR", None),
    ("ＵＳ", "US"),
    ("ﬁnland", "FI"),
    ("Biélorussie", "BY"),
    ("Rép. dém. du Congo", "CD"),
    ("Dem. Rep. of the Congo", "CD"),
    ("Marshall", "MH"),
    ("Salvador", "SV"),
    ("Peoples Republic of China", "CN"),
    ("People's Republic of China", "CN"),
    ("China (PRC)", "CN"),
    ("Germany (Frankfurt)", "DE"),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_country_code(text, expected):
    assert country_code(text) == expected


def test_norway_is_the_upper_case_code_only():
    """`NO` is Norway; `No`/`no` in a countries cell means no transfer, not Norway."""
    assert country_code("NO") == "NO"
    assert country_code("Norway") == "NO"
    assert country_code("Norvège") == "NO"


LISTS = [
    ("CAN, USA, GBR", (("CA", "US", "GB"), ())),
    ("United States; Ireland", (("US", "IE"), ())),
    ("US | DE | us", (("US", "DE"), ())),
    ("Korea, Republic of, Japan", (("KR", "JP"), ())),
    ("Japan, Korea, Republic of", (("JP", "KR"), ())),
    ("United States and Canada", (("US", "CA"), ())),
    ("Allemagne et Suisse", (("DE", "CH"), ())),
    ("Deutschland und Österreich", (("DE", "AT"), ())),
    ("Trinidad and Tobago", (("TT",), ())),
    ("Bonaire, Sint Eustatius and Saba", (("BQ",), ())),
    ("Saint Helena, Ascension and Tristan da Cunha; France", (("SH", "FR"), ())),
    ("United States, Ireland, Narnia", (("US", "IE"), ("Narnia",))),
    ("EU/EEA", ((), ("EU/EEA",))),
    ("United States, EU", (("US",), ("EU",))),
    ("Worldwide", ((), ("Worldwide",))),
    ("United States (Virginia), Ireland (Dublin)", (("US", "IE"), ())),
    ("United States\nIreland", (("US", "IE"), ())),
    ("N/A", ((), ("N/A",))),
    ("", ((), ())),
    ("  ;  ", ((), ())),
    (" & ", ((), ())),
    ("Germany, and France", (("DE", "FR"), ())),
    ("US/UK", (("US", "GB"), ())),
    ("Narnia, Atlantis", ((), ("Narnia", "Atlantis"))),
    ("Research and development", ((), ("Research and development",))),
    ("Europe (EU and EEA), United States", (("US",), ("Europe (EU and EEA)",))),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_countries_in(text, expected):
    assert countries_in(text) == expected


REGIONS = [
    ("EU", "EEA"),
    ("European Union", "EEA"),
    ("EEA", "EEA"),
    ("European Economic Area", "EEA"),
    ("Europe (EU)", "EEA"),
    ("EU/EEA", "EEA"),
    ("UE", "EEA"),
    ("Union européenne", "EEA"),
    ("EWR", "EEA"),
    ("Europäische Union", "EEA"),
    ("Unione europea", "EEA"),
    ("Unión Europea", "EEA"),
    ("Worldwide", "WORLDWIDE"),
    ("Global", "WORLDWIDE"),
    ("Monde", "WORLDWIDE"),
    ("weltweit", "WORLDWIDE"),
    ("International", "WORLDWIDE"),
    ("Europe", None),
    ("France", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), REGIONS)
def test_region(text, expected):
    assert region(text) == expected


def test_eea_is_eu27_and_efta3():
    assert len(EEA) == 30
    assert {"IS", "LI", "NO", "GR", "FR", "DE"} <= EEA
    assert not {"GB", "CH", "EL"} & EEA


def test_every_iso_country_is_found_by_its_english_name_and_codes():
    import pycountry

    for country in pycountry.countries:
        assert country_code(country.name) == country.alpha_2, country.name
        assert country_code(country.alpha_3.lower()) == country.alpha_2


@needs_corpus
def test_cnil_model_country_list_is_read():
    """The CNIL register model's drop-down list of countries (French names, as published)."""
    sheets = pd.read_excel(CORPUS, engine="odf", sheet_name=None, header=None)
    lists = sheets["5_-_Listes"]
    column = next(c for c in lists.columns if lists.at[0, c] == "Pays")
    names = [str(v) for v in lists[column].dropna()][2:]
    assert len(names) > 170 and names[0] == "Andorre"
    missed = [name for name in names if country_code(name) is None]
    # Kosovo has no ISO 3166-1 code
    assert missed == ["Kosovo"]


def test_no_name_points_at_two_countries():
    """A name two countries share (in any language read) is left out of the index, never guessed."""
    index = name_index()
    assert "korea" not in index
    assert index["congo"] == "CG"


@pytest.mark.parametrize("value", [None, 840, 1.5, ("US",), b"US"])
def test_non_text_is_no_country(value):
    assert country_code(value) is None
    assert countries_in(value) == ((), ())
    assert region(value) is None
