# The two commands of the quick start: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BENCH := $(VENV)/.installed-bench

.PHONY: run test lint typecheck unit browser golden bench bench-view bench-serve bench-store clean

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
	$(BIN)/mypy kg kg_dev

browser:
	bash scripts/setup-browser

unit: $(STAMP_DEV) browser
	$(BIN)/python -m pytest

test: lint typecheck unit

# Rewrite tests/golden/ from the current code (after a change meant to change what kg makes of the
# sample articles; commit the files with that change).
golden: $(STAMP_DEV)
	$(BIN)/python tests/golden/regenerate.py

$(STAMP_BENCH): pyproject.toml $(STAMP_DEV)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $@

# Issue #8's figures in one run, written to docs/BENCHMARKS.md: 15-30 minutes on 2 cores (the
# 10,000-article build dominates; a named query is stopped after 60 s).
bench: $(STAMP_BENCH)
	$(BIN)/kg bench data/raw --repeat 5 --scale --sizes 1000,10000 --output docs/BENCHMARKS.md

bench-view: $(STAMP_DEV) browser
	$(BIN)/python scripts/bench_view.py

bench-serve: $(STAMP_DEV)
	$(BIN)/python scripts/bench_serve.py --runaways 100

bench-store: $(STAMP_DEV)
	$(BIN)/python scripts/bench_store.py

clean:
	rm -rf out .pytest_cache .mypy_cache .ruff_cache
