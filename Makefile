# Customer Pad: `make run` serves the app on the SQLite default, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test install install-test browser lint init bench bench-quick

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

install-test: $(TEST_STAMP)

init: install
	$(BIN)/python -m customer_pad init

# Bytecode is written first: where PYTHONDONTWRITEBYTECODE is set, every start would compile the app again.
run: init
	$(BIN)/python -m compileall -q customer_pad components pages models >/dev/null
	$(BIN)/python main.py

# Debian's Chromium drives the real-browser tests (test tools cannot download a browser of their own here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi; }

lint: install-test
	$(BIN)/ruff check .

test: install-test browser
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# Benchmarks, run on demand (never by `make test`): one table of ratios against bare baselines measured in the same
# run, printed and written to docs/benchmarks.md. The generated data is cached in bench/.cache/.
bench: install-test browser
	$(BIN)/python -m bench

bench-quick: install-test browser
	$(BIN)/python -m bench --quick
