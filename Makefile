# The two commands of the README:
#   make run    install, index the bundled corpus, serve the UI on http://127.0.0.1:5000/
#   make test   install (with test extras and Debian's chromium), run the whole test suite
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 5000
# The index folder, named absolutely in every message (as the CLI does): $SEARCHAPP_INDEX when
# set, else index/ here. INDEX=DIR on the command line picks another.
INDEX   ?= $(abspath $(or $(SEARCHAPP_INDEX),$(CURDIR)/index))

.PHONY: run run-banner test test-fast install index serve screenshots bench clean

# Says first what is about to happen and where, since installing takes a minute the first time.
run: run-banner install index serve

run-banner:
	@echo "searchapp: install into $(VENV), index corpus/ into $(INDEX), then serve on http://$(HOST):$(PORT)/"

install: $(VENV)/.installed

# pip is not quiet: each package shows as it comes (a silent minute looked like a hang).
$(VENV)/.installed: pyproject.toml
	@echo "==> installing searchapp and its dependencies into $(VENV) (pip; a minute or two the first time)"
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install -e '.[test,bench]'
	touch $@
	@echo "==> installed"

index: install
	@echo "==> indexing corpus/ into $(INDEX)"
	$(BIN)/searchapp index corpus/ --index "$(INDEX)"

serve: install
	@echo "==> serving $(INDEX) on http://$(HOST):$(PORT)/ (Ctrl+C stops)"
	$(BIN)/searchapp serve --host $(HOST) --port $(PORT) --index "$(INDEX)"

test: install node_modules/.installed
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -q

# axe-core for the accessibility tests, exactly as package-lock.json pins it (npm ci). Without
# npm the tests that need it skip (fail under CI); the next `make test` tries again.
node_modules/.installed: package.json package-lock.json
	bash scripts/ensure-npm
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; fi

# The README's screenshots (docs/screenshots/), from the bundled corpus in Debian's Chromium.
screenshots: install
	$(BIN)/python scripts/ui_screenshots.py

# Optional while developing: the fast lane, every test not marked slow (under a minute on 2 cores;
# tests of about half a second or more, i.e. browser, wheel, kill, server, PDF and build tests, are slow).
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python -m bench.all

clean:
	rm -rf $(VENV) index .pytest_cache .hypothesis node_modules
