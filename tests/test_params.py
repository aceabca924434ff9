"""The parameters file: unknown keys, wrong types and YAML pitfalls give one clear error."""

import pytest

from audit_lib.errors import ParameterError
from audit_lib.params import load_params

BASE = "organisation: Org\nperiod: 2026-Q3\naudit_date: 2026-09-30\n"


def write(tmp_path, text):
    path = tmp_path / "params.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_minimal_parameters(tmp_path):
    params = load_params(write(tmp_path, BASE + "inputs:\n  processors: p.csv\n"))
    assert params.period == "2026-Q3" and str(params.audit_date.date()) == "2026-09-30"
    assert params.inputs["processors"] == (tmp_path / "p.csv").resolve()


def test_unknown_key_is_named_with_a_suggestion(tmp_path):
    with pytest.raises(ParameterError) as info:
        load_params(write(tmp_path, BASE + "thresholdz: {}\n"))
    assert info.value.key == "thresholdz" and "thresholds" in str(info.value)


def test_unknown_register_is_named(tmp_path):
    with pytest.raises(ParameterError, match="processing_register"):
        load_params(write(tmp_path, BASE + "inputs:\n  processing_registr: x.csv\n"))


def test_audit_date_must_be_a_date(tmp_path):
    with pytest.raises(ParameterError) as info:
        load_params(write(tmp_path, "organisation: Org\nperiod: Q3\naudit_date: yesterday\n"))
    assert info.value.key == "audit_date" and "YYYY-MM-DD" in str(info.value)


def test_yaml_pitfalls_norway_and_leading_zeros_stay_strings(tmp_path):
    params = load_params(write(tmp_path, BASE + "service_accounts: [NO, 0042, yes]\n"))
    assert params.service_accounts == ["NO", "0042", "yes"]


def test_thresholds_are_checked_against_the_registry(tmp_path):
    params = load_params(write(tmp_path, BASE + "thresholds:\n  ROPA-007: {months: 6}\n"))
    assert params.thresholds == {"ROPA-007": {"months": 6}}
    with pytest.raises(ParameterError, match="months"):
        load_params(write(tmp_path, BASE + "thresholds:\n  ROPA-007: {month: 6}\n"))
    with pytest.raises(ParameterError, match="expected a number"):
        load_params(write(tmp_path, BASE + "thresholds:\n  ROPA-007: {months: six}\n"))


def test_invalid_yaml_names_the_line(tmp_path):
    with pytest.raises(ParameterError, match="line 2"):
        load_params(write(tmp_path, "organisation: Org\n  period: [\n"))


def test_missing_file():
    with pytest.raises(ParameterError, match="not found"):
        load_params("/nonexistent/params.yaml")
