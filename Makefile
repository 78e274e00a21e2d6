# The few commands people type. `make run` and `make test` work on a fresh clone
# with Python 3.12+ and make (see README).
.DEFAULT_GOAL := help
SHELL := /bin/bash

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
# Two test processes by default (pytest-xdist); PYTEST_ARGS="-n 0" runs serially.
PYTEST_ARGS ?= -n 2
PORT ?= 8000

# The first of python3.14, python3.13, python3.12, python3 that is 3.12 or newer.
PYTHON ?= $(shell for p in python3.14 python3.13 python3.12 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; \
	then echo $$p; break; fi; done)

# Development defaults; any of them can be overridden from the environment.
export DEBUG ?= 1
export PYTHONDONTWRITEBYTECODE = 1

.PHONY: help run test install lock lint format messages check-python clean demo worker

help:
	@echo "make run     - set up .venv, migrate, load demo data, serve on http://$(HOST):$(PORT)"
	@echo "make test    - run the whole test suite (SQLite, or DATABASE_URL=postgres://...)"
	@echo "make lint    - ruff"
	@echo "make worker  - run the background tasks worker (newsletter sending, reminders)"
	@echo "make lock    - refreeze requirements.lock from pyproject.toml"
	@echo "make messages - update and compile the translations (needs GNU gettext)"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "ERROR: Python 3.12 or newer is required (Django 6.1) and none was found." >&2; \
		echo "       Looked for python3.14, python3.13, python3.12 and python3 on PATH." >&2; \
		echo "       Install one (e.g. apt install python3.12 python3.12-venv, or pyenv install 3.13)," >&2; \
		echo "       or point to it: make run PYTHON=/path/to/python3.12" >&2; \
		exit 1; \
	fi

$(STAMP): pyproject.toml requirements.lock | check-python
	@if [ ! -x "$(PY)" ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
		rm -rf $(VENV); echo "Creating $(VENV) with $(PYTHON) ($$($(PYTHON) --version))"; \
		$(PYTHON) -m venv $(VENV); fi
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@touch $(STAMP)

install: $(STAMP)

run: install
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo

worker: install
	$(PY) manage.py db_worker --queue-name '*'

test: install
	@mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: | check-python
	rm -rf var/lockenv && $(PYTHON) -m venv var/lockenv
	var/lockenv/bin/pip install --quiet --upgrade pip
	var/lockenv/bin/pip install --quiet -e '.[dev]'
	echo "# Frozen from pyproject.toml by 'make lock'. Do not edit by hand." > requirements.lock
	var/lockenv/bin/pip freeze --exclude-editable | grep -v '^-e' >> requirements.lock
	rm -rf var/lockenv

messages: install
	$(PY) manage.py makemessages -l fr -l en --no-obsolete --ignore='.venv/*' --ignore='var/*' \
		--ignore='statistiques/*' --ignore='annuaire/*' --ignore='documentation/*' --ignore='actions/*' --ignore='newsletter/*' --ignore='rapport/*' --ignore='bench/*' --ignore='tests/*'
	for app in statistiques annuaire documentation actions newsletter rapport; do \
		(cd $$app && ../$(PY) ../manage.py makemessages -l fr -l en --no-obsolete); done
	$(PY) manage.py compilemessages --ignore='.venv/*' --ignore='var/*'

clean:
	rm -rf $(VENV) var/static
