# Two commands on a fresh machine: `make start` (the course) and `make test` (the whole suite).
# Both create .venv with pip and install what they need.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: start test faults install install-test build chromium node-tools postgresql lint format bench clean help

help:
	@echo "make start   build the course and serve the self-study dashboards at http://127.0.0.1:$(PORT)"
	@echo "make test    install test tools (and Debian's chromium if missing) and run the whole suite"
	@echo "make faults  the full fault-injection suite in a real browser (over 100 faults; prints a summary line)"
	@echo "make bench   run the benchmarks (figures as ratios against a same-run baseline)"
	@echo "make lint    ruff check and format check"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(TSTAMP): $(STAMP)
	$(BIN)/pip install --quiet -e ".[test]"
	touch $@

install: $(STAMP)

install-test: $(TSTAMP) chromium node-tools postgresql

# Debian's chromium, for the browser tests (Playwright drives it; it never downloads a browser).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's PostgreSQL server, for the test of a PostgreSQL gradebook (the test starts its own on loopback).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the PostgreSQL gradebook test"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

# Test tools from the npm registry (package.json): JupyterHub's proxy and axe-core. No lock file is kept.
node-tools:
	@[ -x node_modules/.bin/configurable-http-proxy ] && [ -f node_modules/axe-core/axe.min.js ] || { \
	  echo "Installing configurable-http-proxy and axe-core for the hub and accessibility tests"; \
	  npm install --no-package-lock --no-audit --no-fund --silent; }

build: $(STAMP)
	$(BIN)/backa-course build

start: $(STAMP)
	$(BIN)/backa-course start --port $(PORT)

test: install-test
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

# Kernel kills, closed and crashed tabs, two tabs, damaged answers files and a full disk while a learner
# types (tests/browser/test_faults.py); `make test` runs one fault of each kind.
faults: install-test
	BACKA_FAULTS=full BACKA_ONLY=stance,listening,handling-conflict,co-creative-dialogue,capstone PATH="$(CURDIR)/$(BIN):$$PATH" \
	  $(BIN)/python -m pytest -p no:cacheprovider -m faults tests/browser/test_faults.py $(PYTEST_ARGS)

lint: $(TSTAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(TSTAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: $(TSTAMP) chromium
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf build learner test-artifacts .pytest_cache
