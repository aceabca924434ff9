"""The marketing sample (audit_lib/sample/marketing.py): what it holds, that its clean rows give
no finding, and the fast writers it relies on (fixed-width text, Arrow CSV)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import audit_lib.sample as sample
from audit_lib.context import AuditContext
from audit_lib.params import Params
from audit_lib.privacy import Pseudonymiser
from audit_lib.rules import run_rules
from audit_lib.sample import marketing
from audit_lib.schemas import check_register

REGISTERS = ("marketing_sends", "marketing_preferences")


@pytest.fixture(scope="module", params=["2026-Q3", "2026-Q2"])
def quarter(request):
    org, frames, expected = sample.build(period=request.param)
    return org, frames, expected[expected["audit"] == "marketing"]


def test_the_sample_finds_exactly_what_was_planted(quarter):
    """In process (the e2e test runs the notebook): clean rows give no finding at all."""
    org, frames, expected = quarter
    params = Params(
        path=Path("/nonexistent/params.yaml"),
        organisation="O",
        period=org.period,
        audit_date=org.audit_date,
    )
    ctx = AuditContext(audit="marketing", params=params)
    pseudonymiser = Pseudonymiser(key="test")
    for name in (*REGISTERS, "processors"):
        frame = frames[name].copy()
        if "subject_ref" in frame.columns:
            frame["subject_ref"] = pseudonymiser.pseudonymise(frame["subject_ref"])
        ctx.frames[name], dq = check_register(frame, name)
        assert dq.empty, dq["message"].head().tolist()
    findings = run_rules("marketing", ctx).findings
    got = set(zip(findings["rule_id"], findings["record_key"], strict=True))
    assert got == set(zip(expected["rule_id"], expected["record_key"], strict=True))
    assert set(expected["rule_id"]) == {f"MKT-{n:03d}" for n in range(1, 6)}


def test_people_are_e_mail_addresses_and_mobile_numbers_in_both_registers(quarter):
    _, frames, _ = quarter
    refs = {name: set(frames[name]["subject_ref"]) for name in REGISTERS}
    both = refs["marketing_sends"] & refs["marketing_preferences"]
    emails = {r for r in both if re.fullmatch(r"[a-z]+\.[a-z]+\d+@example\.com", r)}
    phones = {r for r in both if re.fullmatch(r"\+336\d{8}", r)}
    assert len(emails) > 100 and len(phones) > 50 and emails | phones == both
    events = frames["marketing_preferences"]
    assert set(events["event"]) == {"consent_given", "consent_withdrawn", "objection"}
    assert (events["channel"] == "").any()  # events for every channel
    assert set(frames["marketing_sends"]["channel"]) == {"email", "sms", "phone", "post"}


def test_ids_are_stable_between_the_quarters():
    _, q3, _ = sample.build(period="2026-Q3")
    _, q2, _ = sample.build(period="2026-Q2")
    for name, key in (("marketing_sends", "send_id"), ("marketing_preferences", "event_id")):
        earlier = q2[name].set_index(key)
        later = q3[name].set_index(key).reindex(earlier.index)
        same = (earlier == later).all(axis=1)
        # the rows planted after the Q2 audit date are in both files too, with the same ids
        assert same.all(), name
        assert len(q3[name]) > len(q2[name])


def test_the_large_scale_sizes():
    """10,000,000 sends and 1,000,000 events in the default period (checked on the sizes, not
    generated here: `make bench` does)."""
    assert marketing.SIZES["large"]["sends"] == 10_000_000
    assert marketing.SIZES["large"]["events"] == 1_000_000


def test_fixed_width_text_is_what_python_writes():
    seconds = np.array([0, 951_782_399, 951_782_400, 1_776_000_061, 1_790_000_000, 4_102_444_799])
    assert marketing._stamps(seconds).to_pylist() == [
        str(np.datetime64(int(s), "s")) for s in seconds
    ]
    assert marketing._ids("MS-", np.array([1, 42, 99_999_999]), 8).to_pylist() == [
        "MS-00000001",
        "MS-00000042",
        "MS-99999999",
    ]


def test_write_csv_gives_the_bytes_of_pandas(tmp_path, monkeypatch):
    monkeypatch.setattr(sample, "ARROW_CSV_ROWS", 1)
    _, frames, _ = sample.build(period="2026-Q2")
    for name in REGISTERS:
        frame = frames[name]
        sample.write_csv(frame, tmp_path / "arrow.csv")
        frame.to_csv(tmp_path / "pandas.csv", index=False, lineterminator="\n", encoding="utf-8")
        assert (tmp_path / "arrow.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
    # values that need quotes, numbers, NaN: pandas writes them
    odd = pd.DataFrame({"a": ["x, y", 'say "hi"', "line\nbreak", ""], "b": [1.5, None, 3.0, 4.0]})
    text = pd.DataFrame({"a": ["x, y", "plain", None, ""], "b": ["1", "2", "3", "4"]})
    for frame in (odd, text):
        sample.write_csv(frame, tmp_path / "arrow.csv")
        frame.to_csv(tmp_path / "pandas.csv", index=False, lineterminator="\n", encoding="utf-8")
        assert (tmp_path / "arrow.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
