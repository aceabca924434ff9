"""Pseudonyms for `subject_ref`: the raw identifier never reaches a report or an export.

With `GDPR_AUDIT_PSEUDONYM_KEY` set, a pseudonym is `subject-` + the first 12 hex digits of
HMAC-SHA-256(key, value): stable across periods and runs. Without a key, sequential tokens
`subject-0001`, `subject-0002`, ... in order of first appearance.
"""

from __future__ import annotations

import hmac
import os

import numpy as np
import pandas as pd

KEY_VARIABLE = "GDPR_AUDIT_PSEUDONYM_KEY"


class Pseudonymiser:
    def __init__(self, key: str | None = None) -> None:
        self.key = key if key is not None else os.environ.get(KEY_VARIABLE) or None
        # the values seen so far and their pseudonyms, position for position
        self._seen = pd.Index([], dtype="str")
        self._tokens = pd.array([], dtype="str")

    @property
    def keyed(self) -> bool:
        return self.key is not None

    def seen(self) -> tuple[pd.Index, pd.api.extensions.ExtensionArray]:
        """The values pseudonymised so far and their pseudonyms, position for position (the
        Dask engine numbers the values of its big register after them, in its workers)."""
        return self._seen, self._tokens

    def _new_tokens(self, values: pd.Index) -> pd.api.extensions.ExtensionArray:
        if self.key is not None:
            key = self.key.encode()
            return pd.array(
                [
                    "subject-" + hmac.digest(key, value.encode(), "sha256").hex()[:12]
                    for value in values.tolist()
                ],
                dtype="str",
            )
        numbers = pd.Series(range(len(self._seen) + 1, len(self._seen) + 1 + len(values)))
        return ("subject-" + numbers.astype("str").str.zfill(4)).array

    def pseudonymise(self, values: pd.Series) -> pd.Series:
        """Replace each value by its pseudonym (empty stays empty).

        The value is trimmed first, as the loader trims every cell: ` a@example.com` and
        `a@example.com` are one person, so that registers pseudonymised in one run join on it."""
        values = values.astype("str").str.strip()
        values = values.mask(values == "", None)
        # one pseudonym per distinct value, in order of first appearance, then spread by code
        # (2M values: under a second; a Python call per value took seconds)
        codes, uniques = pd.factorize(values.astype("str"))
        uniques = pd.Index(uniques, dtype="str")
        position = self._seen.get_indexer(uniques)
        new = position == -1  # values not seen before get the next positions, in order
        if new.any():
            position[new] = len(self._seen) + np.arange(new.sum())
            added = pd.Series(self._new_tokens(uniques[new]))
            self._tokens = pd.concat([pd.Series(self._tokens), added], ignore_index=True).array
            self._seen = self._seen.append(uniques[new])
        tokens = self._tokens.take(position)
        return pd.Series(tokens.take(codes, allow_fill=True), index=values.index, name=values.name)
