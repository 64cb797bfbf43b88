# Samspill: `make run` serves the demo, `make test` checks everything.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS ?= never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/.venv
UV := $(CURDIR)/.tools/bin/uv
PY := $(CURDIR)/.venv/bin/python
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/samspill
HOST ?= 127.0.0.1
PORT ?= 8000

help:  ## List the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(UV):
	scripts/bootstrap-uv

.venv/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --python "$$(scripts/find-python)"
	touch $@

install: .venv/.synced  ## Create the virtual environment from uv.lock

run: install  ## Migrate, load the demo community, serve on http://127.0.0.1:8000
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	scripts/serve $(HOST) $(PORT)

lint: install  ## ruff format check, ruff check, mypy
	.venv/bin/ruff format --check .
	.venv/bin/ruff check .
	.venv/bin/mypy .

test-sqlite: install
	env -u DATABASE_URL .venv/bin/pytest -m "not browser" -n 2 -q

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-$(PG_TEST_URL)} .venv/bin/pytest -m "not browser" -n 2 -q

test-browser: install
	scripts/ensure-system-packages
	env -u DATABASE_URL .venv/bin/pytest -m browser -q

test: lint test-sqlite test-postgres test-browser  ## Everything CI runs

format: install  ## Rewrite code with ruff
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

messages: install  ## Refresh and compile the bokmål translations
	scripts/messages

.PHONY: help install run lint test test-sqlite test-postgres test-browser format messages
