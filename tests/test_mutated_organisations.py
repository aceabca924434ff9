"""The whole suite on mutated copies of the sample organisation (issue 14, part 3).

Each copy changes every register of the sample the same way -- optional columns dropped, optional
values blank, one row per register, header only, every row twice, dates moved to 1900 and 2099,
odd Unicode and blank cells -- and `gdpr-audit run` must finish without a traceback and without a
failed audit (exit 3): exit 0, or 1 never (no --fail-on here), or 2 for the header-only copy only,
with a clear message.
"""

from __future__ import annotations

import io
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from audit_lib.runner import run
from audit_lib.schemas import SCHEMAS, column_specs

from .conftest import SAMPLE_DATA

ODD = ("Zoë ‮evil", "日本語", "😀", '=HYPERLINK("x")', "<b>x</b>", " ", "N/A", "\u200b")


def _optional(register: str) -> list[str]:
    return [name for name, spec in column_specs(register).items() if not spec.required]


def _kinds(register: str, *kinds: str) -> list[str]:
    return [name for name, spec in column_specs(register).items() if spec.kind in kinds]


def drop_optional_columns(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    return frame.drop(columns=[c for c in _optional(register) if c in frame.columns])


def blank_optional_values(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    for column in _optional(register):
        if column in frame.columns:
            frame[column] = ""
    return frame


def one_row(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    return frame.head(1)


def header_only(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    return frame.head(0)


def every_row_twice(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    return pd.concat([frame, frame], ignore_index=True)


def extreme_dates(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    for column in _kinds(register, "date", "datetime"):
        if column not in frame.columns:
            continue
        values = frame[column].tolist()
        for i in range(len(values)):
            if values[i] and rng.random() < 0.3:
                values[i] = rng.choice(("1900-01-01", "2099-12-31"))
        frame[column] = values
    return frame


def odd_text_and_blanks(register: str, frame: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    for column in frame.columns:
        values = frame[column].tolist()
        text = column in _kinds(register, "str", "list")
        for i in range(len(values)):
            draw = rng.random()
            if draw < 0.1:
                values[i] = ""
            elif text and draw < 0.25:
                values[i] = rng.choice(ODD)
        frame[column] = values
    return frame


MUTATIONS: dict[str, Callable] = {
    "optional columns dropped": drop_optional_columns,
    "optional values blank": blank_optional_values,
    "one row per register": one_row,
    "header only": header_only,
    "every row twice": every_row_twice,
    "dates in 1900 and 2099": extreme_dates,
    "odd Unicode and blank cells": odd_text_and_blanks,
}


#: rows of each register kept before mutating: the mutations, not the sample's size, are tested
#: (the whole access log twice would cost a minute per copy)
BASE_ROWS = 400


def mutated_copy(target: Path, mutate: Callable) -> Path:
    """The sample organisation in `target` (its first BASE_ROWS rows of each register), each
    register mutated; returns its params.yaml."""
    shutil.copytree(SAMPLE_DATA, target)
    rng = random.Random(14)
    for register in SCHEMAS:
        path = target / f"{register}.csv"
        if not path.exists():
            continue
        frame = pd.read_csv(path, dtype=str, keep_default_na=False).head(BASE_ROWS)
        frame = mutate(register, frame.copy(), rng)
        path.write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    return target / "params.yaml"


@pytest.mark.e2e
@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_the_suite_survives_a_mutated_organisation(mutation, tmp_path):
    params = mutated_copy(tmp_path / "org", MUTATIONS[mutation])
    console = io.StringIO()
    code = run(params, tmp_path / "out", stream=console)
    said = console.getvalue()
    assert "Traceback" not in said
    assert code != 3, said
    if mutation == "header only":
        assert code in (0, 2), said
        for line in said.splitlines():
            if "input error" in line:  # one clear line naming the file
                assert ".csv" in line or ".yaml" in line, line
    else:
        assert code == 0, said
    out = tmp_path / "out"
    assert (out / "summary.html").is_file() and (out / "index.html").is_file()
    for page in out.glob("*.html"):
        assert "Traceback" not in page.read_text(encoding="utf-8"), page.name
    findings = pd.read_csv(out / "findings.csv", dtype=str, keep_default_na=False)
    assert findings["finding_id"].is_unique
