# unkg: two commands set it up on a fresh machine with only Python:
#   make demo   build the example into the embedded store, validate it, ask it a question
#   make test   run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEPS := $(VENV)/.deps-installed
PACKAGE := $(VENV)/.unkg-installed
SOURCES := $(shell find src ontology mappers shapes queries -type f -not -path '*/__pycache__/*')

.PHONY: demo test vocab goldens clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Pinned dependencies (pyproject.toml), then unkg itself as a wheel, so the data
# folders are loaded from the package as users get them.
$(DEPS): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[test]" hatchling==1.33.0
	touch $@

$(PACKAGE): $(DEPS) $(SOURCES)
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --force-reinstall .
	touch $@

demo: $(PACKAGE)
	$(BIN)/unkg build examples/A_RES_78_72.zh.txt
	$(BIN)/unkg validate
	@echo
	@echo "Which resolutions recall resolution 62/217?"
	$(BIN)/unkg query recalling --param symbol=62/217

test: $(PACKAGE)
	$(BIN)/python -m pytest

# Regenerate the closed namespace after editing ontology/unkg.ttl.
vocab: $(PACKAGE)
	$(BIN)/python -m unkg.ontology src/unkg/vocab.py

# Rewrite the golden files from the current code (review the diff before committing).
goldens: $(PACKAGE)
	$(BIN)/python -m pytest tests/test_golden.py --update-goldens

clean:
	rm -rf $(VENV) .unkg build dist
