# The two commands in the README: `make demo` and `make test`. Each creates .venv and installs what it needs.
# `make bench` runs the benchmarks in .venv-bench (see below); `make test` never needs it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck docs pytest bench contract clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,jp,postgres,cli,fleet,dataframe]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python examples/demo.py

lint: $(STAMP)
	$(BIN)/ruff check src tests examples benchmarks tools
	$(BIN)/ruff format --check src tests examples benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

# The suite in PYTEST_WORKERS processes (pytest-xdist); each starts its own PostgreSQL when a test needs one.
PYTEST_WORKERS ?= 2

pytest: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

docs: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

# The suite's docs tests read the site this run's `docs` step built (when it is newer than every source).
test: export TIKTOKSHOP_BUILT_SITE = $(abspath $(VENV))/site
test: lint typecheck docs pytest

# Benchmarks run in their own venv: the project plus the peer client tiktok-shop-api, measured
# side by side for issue 19 (never a project dependency; it needs Python >= 3.11, httpx < 0.29).
BENCH_VENV  ?= .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(BENCH_VENV)/bin/python -m pip install --quiet -e '.[dev,jp,postgres,fleet]'
	$(BENCH_VENV)/bin/python -m pip install --quiet 'tiktok-shop-api==0.1.0' \
		|| echo "tiktok-shop-api not installed: the benchmarks measure without the peer"
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	$(BENCH_VENV)/bin/python benchmarks/run.py

# Refresh the contract fixtures and docs/reference/compatibility.md from TikTok's snapshot.
contract: $(STAMP)
	PYTHONPATH=tests $(BIN)/python -m conformance

clean:
	rm -rf $(VENV) $(BENCH_VENV) dist build site
