# The two commands of the README:
#   make run    install, index the bundled corpus, serve the UI on http://127.0.0.1:5000/
#   make test   install (with test extras and Debian's chromium), run the whole test suite
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 5000

.PHONY: run test test-fast install index serve bench clean

run: install index serve

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

index: install
	$(BIN)/searchapp index corpus/

serve: install
	$(BIN)/searchapp serve --host $(HOST) --port $(PORT)

test: install
	bash scripts/ensure-chromium
	$(BIN)/python -m pytest -q

# Optional while developing: everything not marked slow (no browser, no wheel, no kill tests).
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python -m bench.all

clean:
	rm -rf $(VENV) index .pytest_cache .hypothesis
