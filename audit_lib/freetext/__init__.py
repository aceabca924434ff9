"""Free text of real registers read as the data contract's values (`real_registers.md` section 3).

Registers kept by hand, in the ICO or CNIL templates, or exported by privacy tools write legal
bases, Art. 9 conditions, countries, transfer safeguards, yes/no cells and retention periods as
text, in English, French, German, Spanish or Italian. Each reader here is a pure function of one
cell: total (any value in, a value or None out, never an exception), cheap to import (indexes are
built on first use), meant to run once per distinct value of a column.
"""

from __future__ import annotations

from .art9 import art9_condition, art9_conditions_named
from .booleans import FALSE_WORDS, TRUE_WORDS, yes_no
from .countries import EEA, countries_in, country_code, region
from .legal_basis import legal_bases_named, legal_basis
from .retention import RetentionReading, read_retention
from .safeguards import PRIVACY_SHIELD_NOTE, safeguards_named, transfer_safeguard

__all__ = [
    "EEA",
    "FALSE_WORDS",
    "PRIVACY_SHIELD_NOTE",
    "TRUE_WORDS",
    "RetentionReading",
    "art9_condition",
    "art9_conditions_named",
    "countries_in",
    "country_code",
    "legal_bases_named",
    "legal_basis",
    "read_retention",
    "region",
    "safeguards_named",
    "transfer_safeguard",
    "yes_no",
]
