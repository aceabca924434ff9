"""Security review, as tests: nothing from the inputs is evaluated (no eval/exec/pickle, YAML safe-loaded
only, no XML entity expansion), every input value is escaped in HTML, and a value that looks like
a formula arrives in findings.xlsx as text. The browser side of escaping is in test_browser."""

from __future__ import annotations

import ast
import importlib
import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook

from audit_lib.errors import ParameterError
from audit_lib.params import load_params
from tests import test_bad_inputs

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "audit_lib"
NOTEBOOKS = ROOT / "notebooks"

FORBIDDEN_CALLS = {"eval", "exec", "__import__"}
FORBIDDEN_MODULES = {
    "pickle",
    "cPickle",
    "_pickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "joblib",
}
FORBIDDEN_ATTRIBUTES = {"read_pickle", "to_pickle", "unsafe_load", "full_load", "unsafe_load_all"}
UNSAFE_LOADERS = {"Loader", "FullLoader", "UnsafeLoader", "CLoader", "CFullLoader", "CUnsafeLoader"}


def sources() -> list[tuple[str, str]]:
    """(where, Python source) of the package's modules and of the notebooks' code cells."""
    found = [
        (str(path.relative_to(ROOT)), path.read_text(encoding="utf-8"))
        for path in sorted(PACKAGE.rglob("*.py"))
    ]
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"]
        # magics (%matplotlib ...) are not Python
        code = [
            "\n".join(
                line for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))
            )
            for cell in code
        ]
        found.append((str(path.relative_to(ROOT)), "\n\n".join(code)))
    return found


def dangerous(tree: ast.AST) -> list[str]:
    problems = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in FORBIDDEN_CALLS
        ):
            problems.append(f"line {node.lineno}: {node.func.id}()")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
            )
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    problems.append(f"line {node.lineno}: import {name}")
        if isinstance(node, ast.Attribute) and (
            node.attr in FORBIDDEN_ATTRIBUTES
            or (
                node.attr in UNSAFE_LOADERS
                and isinstance(node.value, ast.Name)
                and node.value.id == "yaml"
            )
        ):
            problems.append(f"line {node.lineno}: .{node.attr}")
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg in ("shell", "allow_pickle") and not (
                    isinstance(keyword.value, ast.Constant) and keyword.value.value is False
                ):
                    problems.append(f"line {node.lineno}: {keyword.arg}=...")
    return problems


def test_the_scan_finds_what_it_looks_for():
    source = (
        "import pickle\nfrom dill import loads\neval(text)\nexec(code)\npd.read_pickle(path)\n"
        "subprocess.run(cmd, shell=True)\nyaml.load(text, Loader=yaml.FullLoader)\n"
        "subprocess.run(cmd, shell=False)\n"
    )
    assert set(dangerous(ast.parse(source))) == {
        "line 1: import pickle",
        "line 2: import dill",
        "line 3: eval()",
        "line 4: exec()",
        "line 5: .read_pickle",
        "line 6: shell=...",
        "line 7: .FullLoader",
    }


def test_nothing_from_the_inputs_is_evaluated_no_eval_exec_or_pickle():
    found = {where: dangerous(ast.parse(source)) for where, source in sources()}
    assert len(found) > 20  # the scan saw the package and the notebooks
    assert {where: problems for where, problems in found.items() if problems} == {}


def yaml_load_calls():
    """(module, call) for every `yaml.load(...)` / `yaml.load_all(...)` in the package."""
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "yaml"
                and node.func.attr in ("load", "load_all")
            ):
                yield module, node


def test_yaml_is_only_safe_loaded():
    calls = list(yaml_load_calls())
    assert calls, "the parameters loader reads YAML"
    for module, call in calls:
        loader = next((k.value for k in call.keywords if k.arg == "Loader"), None)
        if loader is None and len(call.args) > 1:
            loader = call.args[1]
        assert isinstance(loader, ast.Name), (
            f"{module} line {call.lineno}: yaml.load without a named Loader"
        )
        cls = getattr(importlib.import_module(module), loader.id)
        assert issubclass(cls, yaml.SafeLoader), (
            f"{module} line {call.lineno}: {loader.id} is not a SafeLoader"
        )


def test_the_parameters_loader_refuses_python_objects(tmp_path):
    marker = tmp_path / "pwned"
    params = tmp_path / "params.yaml"
    params.write_text(
        "organisation: !!python/object/apply:os.system ['touch " + str(marker) + "']\n"
        "period: P\naudit_date: 2026-09-30\n",
        encoding="utf-8",
    )
    with pytest.raises(ParameterError, match="not valid YAML at line 1"):
        load_params(params)
    assert not marker.exists()


def test_workbooks_are_parsed_without_xml_entity_expansion():
    """openpyxl reads input XLSX through defusedxml when it is installed (billion laughs, XXE)."""
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML, (
        "install defusedxml: openpyxl then refuses XML entity tricks in input workbooks"
    )


# --------------------------------------------------------------------------- a hostile run


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory) -> test_bad_inputs.Run:
    """ROPA on a register with hostile values (the same run as test_bad_inputs')."""
    return test_bad_inputs.hostile_ropa_run(tmp_path_factory)


HOSTILE = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>")


@pytest.mark.e2e
@pytest.mark.parametrize("page", ["ropa.html", "index.html", "summary.html"])
def test_every_input_value_is_escaped_in_html(hostile_run, page):
    html = (hostile_run.out / page).read_text(encoding="utf-8")
    for value in HOSTILE:
        assert value not in html and value.upper() not in html
    assert not re.search(r"<(img|svg|iframe|object)\b[^>]*\bon[a-z]+\s*=", html, re.IGNORECASE)
    assert not re.search(r"<script\b[^>]*>\s*alert\(", html, re.IGNORECASE)
    if page == "ropa.html":  # the values are there, as text
        for value in HOSTILE[:2]:
            assert value.replace("<", "&lt;").replace(">", "&gt;") in html


@pytest.mark.e2e
def test_a_record_id_like_a_formula_arrives_as_text_in_findings_xlsx(hostile_run):
    path = hostile_run.out / "findings.xlsx"
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(path)  # formulas kept as formulas: a formula cell would show data_type "f"
    cells = [cell for row in book["ropa"].iter_rows() for cell in row if cell.value == "=1+2"]
    assert cells, "the finding for record =1+2 is in the ropa sheet"
    for cell in cells:
        assert cell.data_type == "s" and cell.quotePrefix


def test_kernels_use_unix_sockets_in_a_private_folder_not_tcp_ports():
    from audit_lib.runner import _kernel_config

    folder = Path("/tmp/gdpr-audit-kernels-abcd1234/ropa")  # only a path: nothing is created
    config = _kernel_config(folder)
    assert config.KernelManager.transport == "ipc"
    assert config.KernelManager.ip == str(folder / "kernel")
    assert config.KernelManager.connection_file == str(folder / "kernel.json")
    # a socket path the system cannot bind: local TCP, as Jupyter does by default
    assert "transport" not in _kernel_config(folder / ("x" * 100)).KernelManager
