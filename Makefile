# Two commands do everything on a fresh machine (see README):
#   make run   set up, ingest the bundled sample into the embedded store, serve the dashboard
#   make test  set up (with the browser for the end-to-end test) and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup run test lint bench browser stop clean neo4j neo4j-stop

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

run: setup
	$(BIN)/edugraph ingest data/sample
	$(BIN)/edugraph serve --port $(PORT)

# Debian's Chromium and fonts for the browser test (never a browser download).
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -d /usr/share/fonts/truetype/dejavu ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null; \
	fi

test: setup browser
	$(BIN)/ruff check .
	$(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check . || true

bench: setup
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/store.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/dashboard.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/resolution.py

# The project's own Neo4j for DATA (default ./data): Bolt on 127.0.0.1, DATA/edugraph.toml points at it.
DATA ?= data
neo4j: setup
	$(BIN)/edugraph neo4j start --data-dir $(DATA)

neo4j-stop: setup
	$(BIN)/edugraph neo4j stop --data-dir $(DATA)

stop: setup
	$(BIN)/edugraph stop

clean:
	rm -rf $(VENV) .pytest_cache
