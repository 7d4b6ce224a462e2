# sitegen: the two commands a practice owner needs are `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: build test lint typecheck browser clean help

help:
	@echo "make build   build the sample practice site into output/"
	@echo "make test    run linters, type checks and the whole test suite"
	@echo "make clean   remove output/, caches and the virtual environment"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(STAMP)

build: $(STAMP)
	$(BIN)/sitegen build

# Debian's chromium drives the browser tests; never `playwright install` (no network for it here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian's chromium for the browser tests"; \
	    (apt-get update -q && apt-get install -y -q chromium) >/dev/null; \
	  fi; }
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "error: the browser tests need Chromium. Install it with 'sudo apt-get install chromium'" \
	       "(Debian/Ubuntu), or put a chromium executable on PATH." >&2; exit 1; }

lint: $(TEST_STAMP)
	$(BIN)/ruff check sitegen tests

typecheck: $(TEST_STAMP)
	$(BIN)/mypy --strict sitegen

test: $(TEST_STAMP) browser lint typecheck
	$(BIN)/python -m pytest -n 2 -q

clean:
	rm -rf output .output.staging .output.previous .sitegen-cache .pytest_cache .mypy_cache .ruff_cache
	rm -rf $(VENV) *.egg-info
