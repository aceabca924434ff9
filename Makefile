# GDPR audit notebook suite. `make` alone lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PARAMS ?= parameters/sample.yaml
OUT    ?= reports/sample
# pytest-xdist workers of `make test`: the cores, at most 4 (each worker holds its own sample runs)
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); [ $$n -gt 4 ] && n=4; echo $$n)

.PHONY: help venv reports test test-large test-fast lint format lab sample clean distclean verify rules bench bench-xlarge

## Show this help
help:
	@awk 'BEGIN {FS = ":.*"} /^## / {doc = substr($$0, 4); next} /^[a-zA-Z_-]+:/ && doc {printf "  \033[1m%-10s\033[0m %s\n", $$1, doc; doc = ""} {if ($$0 !~ /^## /) doc = doc}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	@echo "Creating $(VENV) from requirements.lock (Python: $(PYTHON))"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . 2>/dev/null \
		|| $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

## Create the virtual environment .venv from the pinned lock (fast when it is up to date)
venv: $(STAMP)

## Run every audit on the sample organisation: reports/sample-2026Q2/, then reports/sample/ (with the trend)
reports: $(STAMP)
	$(BIN)/gdpr-audit run --params parameters/sample-2026Q2.yaml --out reports/sample-2026Q2 --force
	$(BIN)/gdpr-audit run --params $(PARAMS) --out $(OUT) --force

## Run the whole test suite (lint, unit tests, notebook end-to-end tests), TEST_JOBS test files at a time
test: $(STAMP)
	$(BIN)/ruff check audit_lib tests tools
	$(BIN)/python -m pytest -q -n $(TEST_JOBS) --dist loadfile

## Run the slow comparison of the engines on the large sample (Dask = pandas, byte for byte)
test-large: $(STAMP)
	GDPR_AUDIT_LARGE_TESTS=1 $(BIN)/python -m pytest -q tests/test_dask_large.py

## Run only the fast unit tests (no notebook execution)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not e2e"

## Check the code style (ruff)
lint: $(STAMP)
	$(BIN)/ruff check audit_lib tests tools
	$(BIN)/ruff format --check audit_lib tests tools

## Format the code (ruff format)
format: $(STAMP)
	$(BIN)/ruff format audit_lib tests tools
	$(BIN)/ruff check --fix audit_lib tests tools

## Open JupyterLab on the notebooks (outputs are stripped from git by nbstripout)
lab: $(STAMP)
	$(BIN)/nbstripout --install --attributes .gitattributes
	$(BIN)/jupyter lab --notebook-dir=notebooks

## Regenerate the committed sample organisation in data/sample/ and data/sample-2026Q2/
sample: $(STAMP)
	$(BIN)/gdpr-audit sample-data --out data/sample
	$(BIN)/gdpr-audit sample-data --out data/sample-2026Q2 --period 2026-Q2

## Check the reports in OUT against their manifest
verify: $(STAMP)
	$(BIN)/gdpr-audit verify $(OUT)

## Print the rule catalog
rules: $(STAMP)
	@$(BIN)/gdpr-audit rules

## Benchmark a large and an xlarge organisation (generated once under benchmarks/data/) -> benchmarks/results.md
bench: $(STAMP)
	@test ! -f benchmarks/requirements-bench.txt || $(BIN)/python -m pip install --quiet --disable-pip-version-check -r benchmarks/requirements-bench.txt
	$(BIN)/python -m benchmarks.run --scale large --repeat 3 --xlarge

## Benchmark only the xlarge scale, pandas vs Dask (its section of benchmarks/results.md)
bench-xlarge: $(STAMP)
	$(BIN)/python -m benchmarks.xlarge --update benchmarks/results.md

## Remove caches and unfinished output folders (keeps .venv and the reports)
clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis test-artifacts
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +
	find reports -maxdepth 1 -name '.*partial-*' -exec rm -rf {} +

## clean, and remove .venv too
distclean: clean
	rm -rf $(VENV)
