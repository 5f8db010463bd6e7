# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: demo serve test bench bench-serve clean
DEMO_DB := $(VENV)/demo.db

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "dateline needs Python 3.11 or newer: set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: $(STAMP)
	$(BIN)/dateline extract examples/kirkuk-market-bomb.md
	@echo
	@echo "To browse the examples in the workbench: make serve, then open http://127.0.0.1:8000"

# The workbench over the example articles (ingest is idempotent: re-running adds nothing).
serve: $(STAMP)
	$(BIN)/dateline ingest examples/ --db $(DEMO_DB)
	$(BIN)/dateline serve --db $(DEMO_DB)

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

bench-serve: $(STAMP)
	$(BIN)/python bench/serve.py

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache
