# narrascope — two commands do all set-up: `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
DEMO_DB ?= demo.duckdb

.PHONY: install demo test test-fast bench lint check clean browser

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first, pinned (a cached CPU build); then the package with every extra.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[all,dev]"
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (never a browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
	  || echo "warning: could not install Debian chromium; browser tests will be skipped"

demo: $(STAMP)
	$(BIN)/narrascope demo --db $(DEMO_DB) --out report.html

# The whole suite, after the static checks (lint, format, types, layers).
test: $(STAMP) browser check
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

test-fast: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest -m "not slow and not browser"

bench: $(STAMP)
	HF_HUB_OFFLINE=1 $(BIN)/python bench/run_all.py

lint: $(STAMP)
	$(BIN)/ruff check src tests bench examples
	$(BIN)/ruff format --check src tests bench examples

# Static checks run by `make test` (and so by CI): ruff, mypy, and the import-linter contracts
# of docs/architecture.md (layers, DuckDB only in store/, pure detectors/text/readers, no cycles).
check: lint
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) $(DEMO_DB) report.html .pytest_cache
