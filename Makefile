# The two commands of the quick start: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint typecheck unit browser bench bench-view bench-store clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/kg build data/raw --out out

lint: $(STAMP_DEV)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP_DEV)
	$(BIN)/mypy kg

browser:
	bash scripts/setup-browser

unit: $(STAMP_DEV) browser
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(STAMP_DEV)
	$(BIN)/kg bench data/raw

bench-view: $(STAMP_DEV) browser
	$(BIN)/python scripts/bench_view.py

bench-store: $(STAMP_DEV)
	$(BIN)/python scripts/bench_store.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
