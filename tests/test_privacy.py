"""Privacy by design: `subject_ref` values (and no e-mail address from the inputs) ever reach an output.

The pseudonymiser is tested with and without `GDPR_AUDIT_PSEUDONYM_KEY`; then every implemented
audit runs on the bundled sample (with a key set, as in production) and every output file is
scanned: HTML, CSV, JSON, the XML inside findings.xlsx, the executed notebooks and run.log.
The direct-marketing registers identify people by e-mail address and by mobile number: both
registers are pseudonymised with one mapping per audit (so sends and preference events join), and
no address or number -- as written, or with its digits spaced or dotted -- reaches an output.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from audit_lib.audits import implemented
from audit_lib.context import load_inputs
from audit_lib.params import load_params
from audit_lib.privacy import KEY_VARIABLE, Pseudonymiser
from audit_lib.runner import run

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PARAMS = ROOT / "parameters" / "sample.yaml"
TEST_KEY = "test-only-pseudonym-key"
# bounded repeats: long base64 runs (the embedded DataTables bundle) must not make it quadratic
EMAIL = re.compile(
    rb"[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}"
)
TOKEN = re.compile(rb"[^\s\"'<>,;|()\[\]{}\\=:&]+")
# digits joined by single spaces, dots or dashes (`+33 6 12 34 56 78`, `06.12.34.56.78`)
DIGIT_RUN = re.compile(rb"\d(?:[ .-]?\d){8,}")
MARKETING = ("marketing_sends", "marketing_preferences")


def hmac_pseudonym(key: str, value: str) -> str:
    return "subject-" + hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()[:12]


# --------------------------------------------------------------------------- the pseudonymiser


def test_without_a_key_pseudonyms_are_sequential_in_order_of_first_appearance(monkeypatch):
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    pseudonymiser = Pseudonymiser()
    assert not pseudonymiser.keyed
    first = pseudonymiser.pseudonymise(
        pd.Series(["b@example.com", "a@example.com", "b@example.com"])
    )
    second = pseudonymiser.pseudonymise(pd.Series(["c@example.com", "a@example.com", "", None]))
    assert first.tolist() == ["subject-0001", "subject-0002", "subject-0001"]
    assert second.tolist()[:2] == ["subject-0003", "subject-0002"]
    assert second.isna().tolist()[2:] == [True, True]  # empty stays empty


def test_with_the_key_set_pseudonyms_are_hmac_sha256(monkeypatch):
    monkeypatch.setenv(KEY_VARIABLE, TEST_KEY)
    values = pd.Series(["jane.doe@example.com", "C-000042", "jane.doe@example.com", ""])
    pseudonymiser = Pseudonymiser()
    assert pseudonymiser.keyed
    result = pseudonymiser.pseudonymise(values)
    expected = hmac_pseudonym(TEST_KEY, "jane.doe@example.com")
    assert result.tolist()[:3] == [expected, hmac_pseudonym(TEST_KEY, "C-000042"), expected]
    assert re.fullmatch(r"subject-[0-9a-f]{12}", expected)
    assert pd.isna(result.iloc[3])
    # stable across runs and periods (a new pseudonymiser, other values first) ...
    again = Pseudonymiser().pseudonymise(pd.Series(["x@example.com", "jane.doe@example.com"]))
    assert again.iloc[1] == expected
    # ... and useless without the key
    monkeypatch.setenv(KEY_VARIABLE, "another-key")
    assert Pseudonymiser().pseudonymise(values).iloc[0] != expected
    assert not any("jane" in str(v) or "C-000042" in str(v) for v in result)


def test_registers_are_pseudonymised_on_load_even_on_rows_with_errors(monkeypatch, tmp_path):
    monkeypatch.setenv(KEY_VARIABLE, TEST_KEY)
    (tmp_path / "inventory.csv").write_text(
        "record_id,system,data_category,subject_ref,collected_at\n"
        "R1,CRM,customer,jane.doe@example.com,2026-01-01\n"
        "R1,CRM,customer,john.roe@example.com,not a date\n"
        ",CRM,customer,C-000042,\n",
        encoding="utf-8",
    )
    (tmp_path / "params.yaml").write_text(
        "organisation: O\nperiod: P\naudit_date: 2026-09-30\n"
        "inputs:\n  data_inventory: inventory.csv\n",
        encoding="utf-8",
    )
    ctx = load_inputs("retention", load_params(tmp_path / "params.yaml"), ("data_inventory",))
    refs = ctx.frames["data_inventory"]["subject_ref"].tolist()
    assert refs == [
        hmac_pseudonym(TEST_KEY, v)
        for v in ("jane.doe@example.com", "john.roe@example.com", "C-000042")
    ]
    messages = " ".join(ctx.dq["data_inventory"]["message"])
    assert "not a date" in messages and "appears more than once" in messages  # DQ ran
    for raw in ("jane.doe", "john.roe", "C-000042"):
        assert raw not in messages


def test_the_marketing_registers_share_one_mapping_so_sends_and_events_join(monkeypatch, tmp_path):
    (tmp_path / "sends.csv").write_text(
        "send_id,sent_at,subject_ref,channel,campaign,legal_basis\n"
        "S1,2026-04-01T09:00:00,jane.doe@example.com,email,Spring,consent\n"
        "S2,2026-04-01T09:00:00,+33612345678,sms,Spring,consent\n",
        encoding="utf-8",
    )
    (tmp_path / "events.csv").write_text(
        "event_id,subject_ref,event,channel,at\n"
        "E1,+33612345678,objection,,2026-03-01T09:00:00\n"
        "E2, jane.doe@example.com ,consent_given,email,2025-03-01T09:00:00\n",
        encoding="utf-8",
    )
    (tmp_path / "params.yaml").write_text(
        "organisation: O\nperiod: P\naudit_date: 2026-09-30\n"
        "inputs:\n  marketing_sends: sends.csv\n  marketing_preferences: events.csv\n",
        encoding="utf-8",
    )
    from audit_lib.notebook import AuditSession

    for key in (None, TEST_KEY):
        if key is None:
            monkeypatch.delenv(KEY_VARIABLE, raising=False)
        else:
            monkeypatch.setenv(KEY_VARIABLE, key)
        session = AuditSession.open("marketing", tmp_path / "params.yaml")
        sends = session.ctx.frames["marketing_sends"]["subject_ref"].tolist()
        events = session.ctx.frames["marketing_preferences"]["subject_ref"].tolist()
        assert events == sends[::-1]  # the same two people, the blanks trimmed before hashing
        if key is None:
            assert sends == ["subject-0001", "subject-0002"]
        else:
            assert sends == [
                hmac_pseudonym(key, "jane.doe@example.com"),
                hmac_pseudonym(key, "+33612345678"),
            ]
        findings = session.run()
        found = set(zip(findings["rule_id"], findings["record_key"], strict=True))
        # jane's consent (E2, written with blanks) covers S1; the number objected and never consented
        assert found == {("MKT-001", "S2"), ("MKT-003", "S2")}
        text = findings.to_csv()
        assert "jane" not in text and "612345678" not in text


def phone_digits(params: Path) -> set[bytes]:
    """The digits of every subject_ref of the marketing registers that is a phone number."""
    numbers = set()
    for register in MARKETING:
        frame = pd.read_csv(load_params(params).inputs[register], dtype=str, keep_default_na=False)
        for ref in frame["subject_ref"]:
            if re.fullmatch(r"\+?[\d .-]{9,}", ref.strip()):
                numbers.add(re.sub(r"\D", "", ref).encode())
    return numbers


def leaked_numbers(data: bytes, numbers: set[bytes]) -> set[bytes]:
    """The phone numbers of `numbers` whose last nine digits (the national number without its
    trunk prefix) appear in `data`, written with or without spaces, dots or dashes."""
    runs = {re.sub(rb"\D", b"", run) for run in DIGIT_RUN.findall(data)}
    return {number for number in numbers if any(number[-9:] in run for run in runs)}


def test_the_phone_scan_finds_a_leak():
    numbers = {b"33612345678", b"33698765432"}
    data = b"<td>+33 6 12 34 56 78</td> sha 0123456789abcdef 336987654 and 0698.76.54.31"
    assert leaked_numbers(data, numbers) == {b"33612345678"}
    assert leaked_numbers(b"call 06.98.76.54.32 now", numbers) == {b"33698765432"}


# --------------------------------------------------------------------------- every output of a run


@dataclass
class SampleRun:
    code: int
    out: Path
    params: Path


_RUNS: dict[str, SampleRun] = {}


def sample_params_without_previous(folder: Path) -> Path:
    """parameters/sample.yaml with absolute paths and without `previous:` (last quarter's findings
    may not exist in a fresh tree)."""
    raw = yaml.safe_load(SAMPLE_PARAMS.read_text(encoding="utf-8"))
    raw.pop("previous", None)
    if raw.get("actions"):  # the filled plan of last quarter, beside the sample's registers
        raw["actions"] = str((SAMPLE_PARAMS.parent / raw["actions"]).resolve())
    base = SAMPLE_PARAMS.parent
    raw["inputs"] = {name: str((base / path).resolve()) for name, path in raw["inputs"].items()}
    if raw.get("documents_dir"):
        raw["documents_dir"] = str((base / raw["documents_dir"]).resolve())
    path = folder / "sample.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")
    return path


def sample_run(tmp_path_factory) -> SampleRun:
    """Every implemented audit on the sample, with a pseudonym key set; shared with test_browser."""
    if "run" not in _RUNS:
        folder = tmp_path_factory.mktemp("sample-run")
        params = sample_params_without_previous(folder)
        saved = os.environ.get(KEY_VARIABLE)
        os.environ[KEY_VARIABLE] = TEST_KEY  # the kernels inherit it
        try:
            code = run(params, folder / "out", stream=None)
        finally:
            if saved is None:
                os.environ.pop(KEY_VARIABLE, None)
            else:
                os.environ[KEY_VARIABLE] = saved
        _RUNS["run"] = SampleRun(code, folder / "out", params)
    return _RUNS["run"]


@pytest.fixture(scope="session")
def full_run(tmp_path_factory) -> SampleRun:
    return sample_run(tmp_path_factory)


def input_secrets(params: Path) -> set[bytes]:
    """Every subject_ref value and every e-mail address in the run's input files."""
    secrets: set[bytes] = set()
    for path in load_params(params).inputs.values():
        if path.suffix != ".csv":  # the action plan (XLSX) holds findings, not subjects
            continue
        secrets |= set(EMAIL.findall(path.read_bytes()))
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "subject_ref" in frame.columns:
            secrets |= {ref.encode() for ref in frame["subject_ref"] if ref.strip()}
    return secrets


def output_texts(out: Path):
    """(name, bytes) of every output file; an XLSX gives each XML part of its archive."""
    for path in sorted(out.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(out).as_posix()
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    yield f"{name}!{member}", archive.read(member)
        else:
            yield name, path.read_bytes()


def tokens(data: bytes) -> set[bytes]:
    """The words of an output, raw and with HTML entities decoded, split where a value ends in
    HTML, CSV, JSON, XML or Markdown."""
    text = html.unescape(data.decode("utf-8", errors="replace")).encode()
    return set(TOKEN.findall(data)) | set(TOKEN.findall(text))


def test_the_scan_finds_a_leak(tmp_path):
    """The scan below is worth something: a subject_ref or an e-mail in any output is found."""
    (tmp_path / "report.html").write_text(
        "<td>C-000042</td><p>QUJD" + "x" * 5000 + " jane.doe@example.com</p>", encoding="utf-8"
    )
    with zipfile.ZipFile(tmp_path / "findings.xlsx", "w") as archive:
        archive.writestr("xl/sharedStrings.xml", "<t>C&#45;000043</t>")
    found = {
        name: (EMAIL.findall(data), tokens(data) & {b"C-000042", b"C-000043"})
        for name, data in output_texts(tmp_path)
    }
    assert found == {
        "findings.xlsx!xl/sharedStrings.xml": ([], {b"C-000043"}),
        "report.html": ([b"jane.doe@example.com"], {b"C-000042"}),
    }


@pytest.mark.e2e
def test_no_subject_ref_or_input_email_in_any_output(full_run):
    assert full_run.code in (0, 1), "the sample run did not complete"
    results = json.loads((full_run.out / "audit_results.json").read_text(encoding="utf-8"))
    assert {name: results[name]["status"] for name in implemented()} == dict.fromkeys(
        implemented(), "ok"
    )
    secrets = input_secrets(full_run.params)
    assert len(secrets) > 1000  # the sample's customers and data subjects
    scanned = set()
    for name, data in output_texts(full_run.out):
        scanned.add(name.split("!")[0])
        # no e-mail address at all (every e-mail-shaped substring, wherever it sits) ...
        assert not EMAIL.findall(data), (name, EMAIL.findall(data)[:5])
        # ... and no other subject_ref (customer numbers) as a value
        leaked = sorted(token.decode() for token in tokens(data) & secrets)
        assert not leaked, (name, leaked[:5])
    expected = {"index.html", "summary.html", "findings.csv", "findings.xlsx", "run.log"}
    expected |= {f"{name}.html" for name in implemented()} | {
        f"{name}.ipynb" for name in implemented()
    }
    assert expected <= scanned


@pytest.mark.e2e
def test_no_marketing_address_or_phone_number_in_any_output(full_run):
    """Both marketing registers identify people by e-mail address and by mobile number (the
    sample holds both, and the same people in both registers); none appears in any output."""
    assert full_run.code in (0, 1), "the sample run did not complete"
    refs: dict[str, set[str]] = {}
    for register in MARKETING:
        path = load_params(full_run.params).inputs[register]
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        refs[register] = set(frame["subject_ref"]) - {""}
    people = refs["marketing_sends"] | refs["marketing_preferences"]
    emails = {ref for ref in people if EMAIL.fullmatch(ref.encode())}
    numbers = phone_digits(full_run.params)
    assert emails and len(numbers) > 10, "the sample must hold e-mail addresses and phone numbers"
    assert refs["marketing_sends"] & refs["marketing_preferences"]  # the registers join
    secrets = {ref.encode() for ref in people}
    for name, data in output_texts(full_run.out):
        assert not EMAIL.findall(data), (name, EMAIL.findall(data)[:5])
        assert not tokens(data) & secrets, name
        assert not leaked_numbers(data, numbers), (name, sorted(leaked_numbers(data, numbers))[:5])
