# Gongkai — the two commands are `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
# pytest-xdist workers for `make test` (each pass under 6 minutes on 2 cores; PYTEST_WORKERS=0 runs in-process)
PYTEST_WORKERS ?= 3
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-only install install-test lint lock bench bench-search bench-data bench-city demo worker clean cluster cluster-down bench-cluster

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements/base.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements/base.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

$(VENV)/.installed-test: requirements/test.txt pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements/test.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@ $(VENV)/.installed-run

install: $(VENV)/.installed-run
install-test: $(VENV)/.installed-test

## make run: install, migrate SQLite under var/, load the demo, start the worker, serve with gunicorn.
run: install
	@PORT=$(PORT) BIN=$(BIN) scripts/run.sh

## make test: install what the tests need and run the whole suite (lint, contracts, migrations, pytest).
test: install-test test-only

test-only:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/gongkai makemigrations --check --dry-run --settings=config.settings.test
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist worksteal

lint: install-test
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

## make lock: re-resolve the pinned dependency sets after changing pyproject.toml.
lock: install-test
	$(BIN)/pip install -q pip-tools
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras --output-file requirements/base.txt pyproject.toml
	$(BIN)/pip-compile -q --no-emit-index-url --no-emit-find-links --strip-extras --extra test --output-file requirements/test.txt pyproject.toml

demo: install
	$(BIN)/gongkai migrate --noinput && $(BIN)/gongkai demo load

worker: install
	$(BIN)/gongkai worker

bench: install-test
	$(BIN)/python benchmarks/run_all.py

## make bench-search: the 1,000,000-document search benchmark on both backends (needs a quiet machine).
bench-search: install-test
	$(BIN)/python benchmarks/search/bench.py --docs 1000000

## make bench-city: 500 agencies and 2,000,000 documents on PostgreSQL — city-wide search, an agency's
## catalogue page and the city portal, p50/p95 and query plans (issue 18 item 11; `make bench` runs it at
## 50 agencies / 20,000 documents). CITY_AGENCIES / CITY_DOCS choose another size.
CITY_AGENCIES ?= 500
CITY_DOCS ?= 2000000
bench-city: install-test
	$(BIN)/python benchmarks/city_scale.py --agencies $(CITY_AGENCIES) --docs $(CITY_DOCS)

## make bench-data: 10,000,000 statistical observations on SQLite and PostgreSQL, p95 of /api/v1/data queries (~25 min).
bench-data: install-test
	$(BIN)/python benchmarks/data/bench.py --obs 10000000 --backend both

clean:
	rm -rf $(VENV) var/staticfiles

## make cluster: nginx, two gunicorn nodes, pgbouncer, a PostgreSQL primary and streaming replica, Redis,
## the worker — real processes on this machine (deploy/cluster.py, ADR 0046). `make cluster-down` stops it.
cluster: install
	$(BIN)/python deploy/cluster.py up --nodes 2 --demo

cluster-down:
	$(BIN)/python deploy/cluster.py destroy

## make bench-cluster: throughput with 1 and 2 nodes, a node killed, the replica stopped (demo data).
bench-cluster: install-test
	$(BIN)/python benchmarks/cluster.py --demo
