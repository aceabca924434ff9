"""Pseudonyms for `subject_ref`: the raw identifier never reaches a report or an export.

With `GDPR_AUDIT_PSEUDONYM_KEY` set, a pseudonym is `subject-` + the first 12 hex digits of
HMAC-SHA-256(key, value): stable across periods and runs. Without a key, sequential tokens
`subject-0001`, `subject-0002`, ... in order of first appearance.
"""

from __future__ import annotations

import hashlib
import hmac
import os

import pandas as pd

KEY_VARIABLE = "GDPR_AUDIT_PSEUDONYM_KEY"


class Pseudonymiser:
    def __init__(self, key: str | None = None) -> None:
        self.key = key if key is not None else os.environ.get(KEY_VARIABLE) or None
        self._tokens: dict[str, str] = {}

    @property
    def keyed(self) -> bool:
        return self.key is not None

    def pseudonymise(self, values: pd.Series) -> pd.Series:
        """Replace each value by its pseudonym (empty stays empty)."""
        values = values.mask(values.astype("str").str.strip() == "", None)
        uniques = values.dropna().unique()
        for value in uniques:
            value = str(value)
            if value in self._tokens:
                continue
            if self.key is not None:
                digest = hmac.new(self.key.encode(), value.encode(), hashlib.sha256).hexdigest()
                self._tokens[value] = f"subject-{digest[:12]}"
            else:
                self._tokens[value] = f"subject-{len(self._tokens) + 1:04d}"
        return values.map(lambda v: self._tokens.get(str(v)) if pd.notna(v) else v).astype("str")
