# sitegen: the two commands a practice owner needs are `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: build serve test lint typecheck tools clean help

help:
	@echo "make build   build the sample practice site into output/"
	@echo "make serve   preview it (drafts included) at http://127.0.0.1:8000/, reloading on save"
	@echo "make test    run linters, type checks and the whole test suite"
	@echo "make import-score  how close 'sitegen import' comes to the hand-made articles of tests/import_corpus/"
	@echo "make bench   measure build speed against Pelican and Hugo (about 5 minutes on a quiet machine)"
	@echo "make clean   remove output/, caches and the virtual environment"

# Setting up says one line; pip speaks again only if something fails (-qq keeps its notes and
# setuptools' to itself: a practice owner can act on an error, not on a packaging notice).
$(BIN)/python:
	@echo "setting up sitegen in $(VENV)/ (only the first time; it needs the internet)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -qq --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@$(BIN)/python -m pip install -qq -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	@echo "installing sitegen's test tools into $(VENV)/"
	@$(BIN)/python -m pip install -qq -e '.[test]'
	@touch $@ $(STAMP)

build: $(STAMP)
	@$(BIN)/sitegen build

# A live preview with drafts, built into .sitegen-preview/ (never output/). `make serve PORT=8080` for another port.
serve: $(STAMP)
	$(BIN)/sitegen serve $(if $(PORT),--port $(PORT))

# Debian's chromium drives the browser tests and a Java runtime runs the Nu HTML Checker.
# Never `playwright install`: it downloads from a host these machines cannot reach.
APT_PACKAGES := $(if $(shell command -v chromium),,chromium) $(if $(shell command -v java),,default-jre-headless)

tools:
	@if [ -n "$(strip $(APT_PACKAGES))" ] && [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing $(strip $(APT_PACKAGES)) from Debian's packages for the browser and HTML tests"; \
	  (apt-get update -q && apt-get install -y -q $(APT_PACKAGES)) >/dev/null; \
	fi
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "error: the browser tests need Chromium. Install it with 'sudo apt-get install chromium'" \
	       "(Debian/Ubuntu), or put a chromium executable on PATH." >&2; exit 1; }
	@command -v java >/dev/null 2>&1 || { \
	  echo "error: the HTML validity tests need Java. Install it with" \
	       "'sudo apt-get install default-jre-headless' (Debian/Ubuntu)." >&2; exit 1; }

lint: $(TEST_STAMP)
	$(BIN)/ruff check sitegen tests bench
	$(BIN)/lint-imports --no-logo --no-cache

typecheck: $(TEST_STAMP)
	$(BIN)/mypy --strict sitegen

test: $(TEST_STAMP) tools lint typecheck
	$(BIN)/python -m pytest -n 2 -q

clean:
	rm -rf output .output.staging .output.previous .sitegen-cache .sitegen-preview .pytest_cache .mypy_cache .ruff_cache
	rm -rf $(VENV) *.egg-info

# Not part of `make test`: about 5 minutes on a quiet 2-core machine. `make bench BENCH_ARGS=--quick` for 1,000 articles once.
.PHONY: bench
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Regenerate the golden copy of the sample site after an intended change; review `git diff tests/golden`.
.PHONY: golden
golden: $(TEST_STAMP)
	SITEGEN_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

# Import every post of tests/import_corpus/ into a copy of its scoring site and compare with the hand-made
# articles. `make import-score ARGS=-v` lists the lines classified wrongly; ARGS=--write-floor rewrites the floor.
.PHONY: import-score
import-score: $(TEST_STAMP)
	@$(BIN)/python tests/import_scoring.py $(ARGS)
