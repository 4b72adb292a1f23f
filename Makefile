# Two commands for a fresh machine with Python 3.11+:
#   make run   - set up, migrate SQLite, load the sample data, generate the snapshots, serve
#                on http://127.0.0.1:$(PORT) (gunicorn keeps the snapshots fresh)
#   make test  - set up and run the whole suite on SQLite, and on PostgreSQL when
#                DATABASE_URL points at one
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install messages gazetteer lint format clean bench bench-instructions bench-quick screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed messages gazetteer

# The ZIP gazetteer's read-only file (var/gazetteer-*.sqlite3), built from the installed
# `zipcodes` package if missing; the workers share it through the page cache.
gazetteer: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py build_gazetteer --verbosity 0

# The Spanish labels (locale/, and any app's own locale/ folder) compiled from their
# .po files: the .mo binaries are built here, never committed. Needs GNU gettext (msgfmt).
messages: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0

run: install
	mkdir -p var
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py compilemessages --ignore=.venv --ignore=var --verbosity 0
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py load_sample_data --if-empty
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py refresh_snapshots
	DEBUG=$${DEBUG:-1} PORT=$(PORT) $(BIN)/gunicorn directory.wsgi

test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@echo "== test suite on SQLite =="
	DATABASE_URL= $(BIN)/python -m pytest
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== test suite on $${DATABASE_URL%%:*} =="; \
		$(BIN)/python -m pytest; \
	fi

# The README's screenshots (docs/screenshots), taken by the browser tests: the admin
# at 1366 px, the public search page and the staff console at 1366 and 390 px.
screenshots: install
	SCREENSHOT_DIR=docs/screenshots DATABASE_URL= $(BIN)/python -m pytest -q tests/browser -k "laptop or screenshots"

# A million synthetic listings in PostgreSQL (BENCH_DATABASE_URL, default a `bench`
# database on 127.0.0.1:5432), then database and HTTP figures into BENCHMARKS.md.
bench: install
	$(BIN)/python bench/run.py

# CPU instructions per request of each `make bench` endpoint against the ceiling view,
# counted by callgrind: the same on a noisy machine as on a quiet one (needs the
# database `make bench` seeded).
bench-instructions: install
	$(BIN)/python bench/instructions.py

# Quick: 20,000 synthetic listings in PostgreSQL (DATABASE_URL, e.g. a `bench_quick`
# database you created), one edit, then the server time of every anonymous request
# path of the README and the OpenAPI schema, right after the edit.
bench-quick: install
	$(BIN)/python bench/after_edit.py

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format:
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .hypothesis .ruff_cache
