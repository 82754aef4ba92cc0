# The two commands: `make run` (set up, then the demo) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
WEB := src/brinkwatch/web

.PHONY: run setup test lint typecheck pytest browser web clean

run: setup
	$(BIN)/brinkwatch demo

setup: $(STAMP) web

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# The dashboard's front end, built from npm packages into the Python package.
web:
	@if [ -f $(WEB)/package.json ]; then \
	  if [ ! -d $(WEB)/node_modules ] || [ $(WEB)/package-lock.json -nt $(WEB)/node_modules/.package-lock.json ]; then \
	    (cd $(WEB) && npm ci --no-audit --no-fund); fi; \
	  (cd $(WEB) && npm run --silent build); \
	fi

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: setup browser lint typecheck pytest

lint:
	$(BIN)/ruff check src tests benchmarks

typecheck:
	$(BIN)/mypy

pytest:
	$(BIN)/pytest -n 2

clean:
	rm -rf $(VENV) brinkwatch.db report.html
