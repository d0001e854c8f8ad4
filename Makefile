# The shop's commands. `make run` and `make test` are all a new machine needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format schema messages bench bench-dashboard services tools clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py warm_renditions
	$(PY) manage.py ensure_admin --site http://$(HOST):$(PORT)
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.dev services tools
	$(PY) -m pytest

services:
	bash scripts/ensure-services

tools:
	bash scripts/ensure-tools

messages: $(VENV)/.runtime
	$(PY) scripts/compile-messages

schema: $(VENV)/.dev
	$(PY) manage.py spectacular --validate --fail-on-warn --file api/openapi.yaml

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/bandit --quiet --configfile pyproject.toml --recursive . --severity-level medium

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(VENV)/.dev services
	$(PY) bench/run.py

bench-dashboard: $(VENV)/.dev services
	$(PY) bench/run.py dashboard

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles var node_modules
