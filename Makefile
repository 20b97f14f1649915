# Thi đua — the two commands: `make demo` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: demo test lint serve-prod venv messages lock worker bench clean-demo

venv: $(STAMP)

$(STAMP): requirements.lock requirements-dev.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock -r requirements-dev.lock
	@touch $(STAMP)

messages: venv
	@$(BIN)/python scripts/compile_translations.py

demo: venv messages
	DEBUG=1 $(BIN)/python manage.py migrate --no-input
	DEBUG=1 $(BIN)/python manage.py load_demo
	DEBUG=1 PORT=$(PORT) HOST=$(HOST) scripts/serve.sh dev

serve-prod: venv messages
	THIDUA_LOCAL_SECRET_KEY=1 ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-0} DEBUG=0 PORT=$(PORT) HOST=$(HOST) scripts/serve.sh prod

worker: venv
	$(BIN)/python manage.py db_worker

# Tests run on every core (pytest-xdist; each worker has its own test database).
PYTEST_ARGS ?= -n auto

test: venv messages
	$(BIN)/pytest $(PYTEST_ARGS)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: venv messages
	$(BIN)/python bench/bench_parse.py
	$(BIN)/python bench/bench_portal.py
	@# Excel import of 30,000 people: a fresh SQLite database (DATABASE_URL: PostgreSQL's bench_import).
	$(BIN)/python bench/bench_import.py
	@# Search, back office and the annual report at province scale: PROVINCE_DATABASE_URL, or a
	@# province generated once into PostgreSQL's bench_province (SQLite when no server answers).
	@url=$$(PROVINCE_DATABASE_URL=$(PROVINCE_DATABASE_URL) $(BIN)/python bench/province_database.py) && \
	  DATABASE_URL=$$url $(BIN)/python bench/bench_search.py && \
	  DATABASE_URL=$$url $(BIN)/python bench/bench_backoffice.py && \
	  DATABASE_URL=$$url $(BIN)/python bench/bench_report.py

# Re-resolve the pinned dependency sets from requirements*.in in throwaway environments.
lock:
	rm -rf /tmp/thidua-lock && $(PYTHON) -m venv /tmp/thidua-lock
	/tmp/thidua-lock/bin/pip install --quiet -r requirements.in
	/tmp/thidua-lock/bin/pip freeze --exclude pip | LC_ALL=C sort > requirements.lock
	/tmp/thidua-lock/bin/pip install --quiet -r requirements-dev.in
	/tmp/thidua-lock/bin/pip freeze --exclude pip | LC_ALL=C sort | LC_ALL=C comm -23 - requirements.lock > requirements-dev.lock

clean-demo:
	rm -rf var/thidua.sqlite3 var/thidua.sqlite3-wal var/thidua.sqlite3-shm var/media var/private demo-credentials.txt
