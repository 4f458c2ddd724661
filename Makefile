# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint bench scaling clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed marker files, so repeated runs do not reinstall.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-testing: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[testing]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-plot: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[plot]'
	touch $(VENV)/.installed $@

demo: $(VENV)/.installed
	$(BIN)/credal demo

test: $(VENV)/.installed-testing
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-testing
	$(BIN)/ruff check credal tests examples benchmarks

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

# Scaling curves (docs/figures/scaling_*.png and scaling.json); needs the plot extra.
scaling: $(VENV)/.installed-plot
	$(BIN)/python benchmarks/scaling.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build *.egg-info
