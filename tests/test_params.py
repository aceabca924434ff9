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


# --------------------------------------------------------------- real registers (issue 15)
def test_an_input_may_name_its_layout_and_sheet(tmp_path):
    params = load_params(
        write(
            tmp_path,
            BASE
            + "inputs:\n  processing_register: {path: registre.ods, layout: CNIL}\n"
            + "  processors: {path: vendors.xlsx, sheet: Processors}\n"
            + "  systems: {path: systems.xlsx, sheet: 2}\n",
        )
    )
    assert params.inputs["processing_register"] == (tmp_path / "registre.ods").resolve()
    assert params.options("processing_register").layout == "cnil"
    assert params.options("processors").sheet == "Processors"
    assert params.options("systems").sheet == 2
    assert params.options("access_log").layout == "canonical"


@pytest.mark.parametrize(
    ("mapping", "key", "problem"),
    [
        ("{path: r.xlsx, layout: ica}", "inputs.processing_register.layout", "did you mean 'ico'"),
        ("{layout: ico}", "inputs.processing_register.path", "is required"),
        ("{path: r.xlsx, tab: 1}", "inputs.processing_register.tab", "unknown key"),
        ("{path: r.xlsx, sheet: -1}", "inputs.processing_register.sheet", "counts from 0"),
    ],
)
def test_a_bad_input_mapping_names_the_key(tmp_path, mapping, key, problem):
    with pytest.raises(ParameterError) as info:
        load_params(write(tmp_path, BASE + f"inputs:\n  processing_register: {mapping}\n"))
    assert info.value.key == key and problem in str(info.value)


def test_a_template_layout_only_for_the_processing_register(tmp_path):
    with pytest.raises(ParameterError, match="the ico template is a processing register"):
        load_params(write(tmp_path, BASE + "inputs:\n  processors: {path: p.xlsx, layout: ico}\n"))


def test_empty_values_default_and_override(tmp_path):
    assert load_params(write(tmp_path, BASE)).empty_values == ("N/A", "n/a", "-", "--", "TBD", "?")
    params = load_params(write(tmp_path, BASE + 'empty_values: ["N/A", "unknown", 0]\n'))
    assert params.empty_values == ("N/A", "unknown", "0")
    with pytest.raises(ParameterError, match="'none' is a value"):
        load_params(write(tmp_path, BASE + "empty_values: [N/A, none]\n"))


def test_holidays_of_a_country_and_subdivision(tmp_path):
    params = load_params(
        write(tmp_path, BASE + "holidays: {country: de, subdivision: by, extra: [2026-12-24]}\n")
    )
    assert (params.holiday_calendar.country, params.holiday_calendar.subdivision) == ("DE", "BY")
    assert [d.isoformat() for d in params.holidays] == ["2026-12-24"]
    with pytest.raises(ParameterError, match="'XX' is not a country"):
        load_params(write(tmp_path, BASE + "holidays: {country: XX}\n"))
    with pytest.raises(ParameterError, match="'ZZ' is not a subdivision of FR"):
        load_params(write(tmp_path, BASE + "holidays: {country: FR, subdivision: ZZ}\n"))
    with pytest.raises(ParameterError, match="holidays.region"):
        load_params(write(tmp_path, BASE + "holidays: {country: FR, region: x}\n"))
