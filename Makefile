# Một Cửa: `make run` (install, migrate, seed, serve) and `make test` (everything CI runs).
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1

.PHONY: help install install-dev frontend-deps frontend run dev test check lint types backend-tests \
	openapi openapi-check frontend-check live-tests bench clean

help:
	@echo "make run    install everything, migrate, seed the demo commune if empty, serve on http://$(HOST):$(PORT)"
	@echo "make test   install what the tests need and run them all (what CI runs)"
	@echo "make dev    API with reload + Vite dev server"
	@echo "make bench  load benchmark on PostgreSQL"

$(VENV)/.installed: pyproject.toml requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is required ($(PYTHON) not found)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

install install-dev: $(VENV)/.installed

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $@

frontend-deps: frontend/node_modules/.installed

frontend/dist/index.html: frontend/node_modules/.installed $(shell find frontend/src frontend/index.html frontend/public frontend/scripts -type f 2>/dev/null) frontend/vite.config.ts
	cd frontend && npm run build

frontend: frontend/dist/index.html

# Without DATABASE_URL, `motcua run` starts the embedded PostgreSQL (data in var/postgres) and stops it on exit.
run: install frontend
	$(BIN)/motcua run --host $(HOST) --port $(PORT) --workers $(WORKERS)

dev: install frontend-deps
	$(BIN)/motcua migrate
	$(BIN)/motcua seed --if-empty
	trap 'kill 0' EXIT; \
	$(BIN)/uvicorn motcua.main:create_app --factory --reload --reload-dir backend --host $(HOST) --port $(PORT) & \
	(cd frontend && npm run dev) & wait

lint: install
	$(BIN)/ruff check backend tests migrations bench
	$(BIN)/ruff format --check backend tests migrations bench
	$(BIN)/lint-imports

types: install
	$(BIN)/mypy

backend-tests: install
	$(BIN)/pytest

openapi: install frontend-deps
	$(BIN)/motcua openapi --output openapi.yaml
	cd frontend && npm run gen:api

openapi-check: install frontend-deps
	$(BIN)/motcua openapi --output - | diff -u openapi.yaml - || { echo "openapi.yaml is stale: run 'make openapi'"; exit 1; }
	cd frontend && npm run check:api

frontend-check: frontend-deps
	cd frontend && npm run typecheck && npm run lint && npm run test

# Playwright in Chromium and schemathesis against a real server on a fresh, seeded database.
live-tests: install frontend
	$(PY) tests/live/run.py

test: install frontend-deps
	$(MAKE) lint types openapi-check backend-tests frontend-check live-tests

check: test

bench: install frontend
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist var .mypy_cache .ruff_cache .pytest_cache
