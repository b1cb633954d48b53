# Spirala: `make run` (install, migrate, demo data, serve) and `make test` (install, whole suite).
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test install assets translations migrate demo bench lint format messages clean

run: install assets translations migrate demo
	@echo "Spirala: http://$(HOST):$(PORT)/  (Celery tasks run eagerly; no broker needed)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install assets translations
	@$(PY) -m pytest $(PYTEST_ARGS); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; fi; \
	exit $$status

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(PY) || { interpreter=$$(scripts/find-python) && "$$interpreter" -m venv $(VENV); }
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

assets: node_modules/.installed

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "npm is needed to install Bootstrap and htmx from the npm registry: sudo apt-get install npm" >&2; exit 1; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

translations: install
	$(PY) manage.py compile_translations

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

bench: install assets translations
	$(PY) bench/run.py

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(PY) manage.py makemessages -l ro -l en --no-location --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=staticfiles

clean:
	rm -rf $(VENV) node_modules staticfiles .pytest_cache
