# Camino: `make run` serves the app on an embedded SQLite database; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# WORKERS=N above 1 serves N Streamlit processes behind nginx (sticky sessions) on the same PORT.
WORKERS ?= 1
# The app's own packages: compiled to bytecode before the server starts (see run).
APP_PACKAGES := calculators curricula db i18n reports ui
# Two workers use both cores; a test file stays on one worker.
PYTEST_ARGS ?= -n 2 --dist loadfile

.PHONY: run test audit demo demo-code bench backup restore lint format i18n i18n-extract i18n-update i18n-compile check-python clean

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Camino needs Python 3.11 or newer")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## run: install, migrate the embedded database under var/, and serve http://localhost:8501
## (make run WORKERS=3: three Streamlit processes behind nginx, for a workshop room)
run: $(VENV)/.runtime
	@if [ "$(WORKERS)" -gt 1 ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then \
		echo "WORKERS=$(WORKERS) needs nginx (Debian: sudo apt-get install nginx)"; exit 2; fi
	$(BIN)/python -m db.migrate
	@# Bytecode written now, not left to each start (skipped where PYTHONDONTWRITEBYTECODE is set):
	@# a newly started server imports the first page's modules about 0.2 s sooner.
	$(BIN)/python -m compileall -q $(APP_PACKAGES)
	@# One worker too is served behind nginx where it is installed (the page shell from nginx's copy).
	$(BIN)/python -m ui.workers --workers $(WORKERS) --port $(PORT)

## test: lint, rule and content checks, unit, AppTest, SQLite + PostgreSQL, and Chromium tests
test: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/python -m calculators.rules check
	$(BIN)/python -m curricula.tenant_rights lint
	$(BIN)/python -m pytest -m "not serial" $(PYTEST_ARGS)
	$(BIN)/python -m pytest -m serial
	@$(MAKE) --no-print-directory audit

## audit: known vulnerabilities in the installed packages (fails only on a reported vulnerability)
audit: $(VENV)/.dev
	@mkdir -p var
	@timeout 300 $(BIN)/pip-audit --local --progress-spinner off > var/pip-audit.txt 2>&1 || true
	@if grep -qE "Found [0-9]+ known vulnerabilit" var/pip-audit.txt; then cat var/pip-audit.txt; exit 1; fi
	@echo "pip-audit: $$(grep -m1 -E 'vulnerabilit|Error|error' var/pip-audit.txt || echo 'no result')"

## demo: fill the database named by DATABASE_URL (default: the embedded one) with a fictional caseload
demo: $(VENV)/.runtime
	$(BIN)/python -m db.migrate
	$(BIN)/python -m db.seed --demo

## demo-code: the demo administrator's current second-factor code (public demo secret; demo data only)
demo-code: $(VENV)/.runtime
	@$(BIN)/python -m db.seed --demo-code

bench: $(VENV)/.dev
	$(BIN)/python -m bench

backup: $(VENV)/.runtime
	$(BIN)/python -m db.backup create --out $${OUT:-var/backups/camino-$$(date +%Y%m%d-%H%M%S).backup}

restore: $(VENV)/.runtime
	@test -n "$(FILE)" || (echo "usage: make restore FILE=path/to/backup" && exit 2)
	$(BIN)/python -m db.backup restore $(FILE)

lint: $(VENV)/.dev
	$(BIN)/ruff check .

format: $(VENV)/.dev
	$(BIN)/ruff format .

## i18n: extract strings and update the Spanish catalog (then translate the new entries)
i18n: i18n-extract i18n-update

i18n-extract: $(VENV)/.dev
	$(BIN)/pybabel extract -F i18n/babel.cfg -k _ -k N_ -k ngettext:1,2 -o i18n/messages.pot --no-location --sort-output .

i18n-update: $(VENV)/.dev
	$(BIN)/pybabel update -i i18n/messages.pot -d i18n/locales -l es --no-fuzzy-matching --ignore-obsolete

i18n-compile: $(VENV)/.dev
	$(BIN)/pybabel compile -d i18n/locales --statistics

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
