# The two commands of README.md: `make site` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site test serve check lint chromium clean

site: $(INSTALLED)
	$(PY) -m builder build

check: $(INSTALLED)
	$(PY) -m builder check

serve: $(INSTALLED)
	$(PY) -m builder serve

test: $(INSTALLED) chromium
	$(PY) -m ruff check builder tests
	$(PY) -m ruff format --check builder tests
	$(PY) -m pytest

lint: $(INSTALLED)
	$(PY) -m ruff check builder tests
	$(PY) -m ruff format --check builder tests

$(INSTALLED): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	touch $@

# Browser tests drive Debian's Chromium (never a browser downloaded by Playwright).
chromium:
	@test -x $(CHROMIUM) || ($(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium)

clean:
	rm -rf site build .pytest_cache .ruff_cache
