"""Dated reference data for transfers (Chapter V): the EEA and the Art. 45 adequacy decisions.

Sources: `shared/reference/gdpr_facts.md` sections 6.1 and 6.4 (Commission adequacy page, EFTA).
Adequacy is judged *on `audit_date`*: a decision adopted after it does not count, nor one that ended.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

EU27 = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
EEA = EU27 | frozenset({"IS", "LI", "NO"})
SCC_REPEALED_ON = pd.Timestamp(
    "2022-12-27"
)  # old SCCs (2001/497/EC, 2010/87/EU) invalid from this date


def canonical_country(code: str) -> str:
    code = str(code).strip().upper()
    return "GR" if code == "EL" else code


def is_eea(code: str) -> bool:
    return canonical_country(code) in EEA


@lru_cache(maxsize=1)
def adequacy_decisions() -> pd.DataFrame:
    """The Art. 45 decisions: country, name, decision, adopted, ends, scope, source."""
    with resources.files(__package__).joinpath("adequacy.csv").open(encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    frame["adopted"] = pd.to_datetime(frame["adopted"])
    frame["ends"] = pd.to_datetime(frame["ends"].replace("", None))
    return frame


def adequate_on(on: pd.Timestamp) -> frozenset[str]:
    """Countries with an adequacy decision in force on the given date."""
    decisions = adequacy_decisions()
    in_force = (decisions["adopted"] <= on) & (decisions["ends"].isna() | (decisions["ends"] >= on))
    return frozenset(decisions.loc[in_force, "country"])


def is_adequate(code: str, on: pd.Timestamp) -> bool:
    return canonical_country(code) in adequate_on(on)
