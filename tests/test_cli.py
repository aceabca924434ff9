"""The console script: catalog, parameter errors as one line, exit codes."""

import subprocess
import sys

from audit_lib.cli import main
from audit_lib.rules import RULES


def test_rules_prints_the_catalog(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule_id in ("ROPA-001", "ROPA-011", "DQ-001"):
        assert rule_id in out
    assert len(RULES) >= 15


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "audit_lib", "rules", "--format", "csv"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and result.stdout.startswith("rule_id,audit,severity")


def test_bad_parameters_give_one_line_and_exit_2(tmp_path, capsys):
    params = tmp_path / "p.yaml"
    params.write_text("organisation: O\nperiod: P\naudit_date: yesterday\n", encoding="utf-8")
    assert main(["run", "--params", str(params), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "audit_date" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_unknown_audit_in_only(tmp_path, capsys):
    params = tmp_path / "p.yaml"
    params.write_text("organisation: O\nperiod: P\naudit_date: 2026-09-30\n", encoding="utf-8")
    assert (
        main(["run", "--params", str(params), "--only", "ropa,nope", "--out", str(tmp_path / "o")])
        == 2
    )
    assert "nope" in capsys.readouterr().err


def test_sample_data_is_deterministic(tmp_path):
    """Another seed, twice, the same bytes. (2026-Q2: the 2026-Q3 sample also audits both
    quarters to write its action plan; test_repository checks that one against the committed
    bytes, generated earlier.)"""
    args = ["--seed", "7", "--period", "2026-Q2"]
    assert main(["sample-data", "--out", str(tmp_path / "a"), *args]) == 0
    assert main(["sample-data", "--out", str(tmp_path / "b"), *args]) == 0
    for path in sorted(p for p in (tmp_path / "a").rglob("*") if p.is_file()):
        rel = path.relative_to(tmp_path / "a")
        assert path.read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
