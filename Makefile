# Two commands set everything up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test lint typecheck bench scaling docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed marker files, so repeated runs do not reinstall.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The testing extra includes cvxpy (the cvxpy cross-check tests run, never skip).
$(VENV)/.installed-testing: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[testing]'
	touch $(VENV)/.installed $(VENV)/.installed-cvxpy $@

# The benchmarks compare against cvxpy loops: they need the cvxpy extra.
$(VENV)/.installed-cvxpy: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[cvxpy]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-plot: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[plot]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[docs,plot]'
	touch $(VENV)/.installed $(VENV)/.installed-plot $@

demo: $(VENV)/.installed
	$(BIN)/credal demo

# Lint, then type-check, then the tests.
test: lint typecheck
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-testing
	$(BIN)/ruff check credal tests examples benchmarks

# mypy --strict on credal/, configured in pyproject.toml.
typecheck: $(VENV)/.installed-testing
	$(BIN)/mypy

bench: $(VENV)/.installed-cvxpy
	$(BIN)/python benchmarks/run.py

# Scaling curves (docs/figures/scaling_*.png and scaling.json); needs the plot extra.
scaling: $(VENV)/.installed-plot
	$(BIN)/python benchmarks/scaling.py

# The documentation site (docs/_build/html): offline, warnings as errors. The examples
# gallery pages (docs/examples/) are generated from examples/*.py by docs/conf.py.
docs: $(VENV)/.installed-docs
	$(BIN)/python -m sphinx -W --keep-going -b html docs docs/_build/html

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mypy_cache build *.egg-info docs/_build docs/examples
