# The two Quick start commands (README.md) and a few common tasks.
# Every target installs what it needs first, so each works on a fresh clone.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: serve test install lint format check clean

serve: export DJANGO_DEBUG = 1
serve: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content --staff-login
	$(BIN)/python manage.py load_demo_updates --verbosity 0
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt .python-version
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else \
		"Django 6 needs Python 3.12 or newer; $(PYTHON) is " + sys.version.split()[0] + \
		". Install 3.13 (pyenv install 3.13) or run: make PYTHON=python3.13 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# The checks CI runs first, fastest first (.ci/run): formatting, lint, template
# indentation, then Django's checks, migrations and the layers' import contracts.
lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/djhtml --check --tabwidth 2 templates

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml --tabwidth 2 templates

check: export DJANGO_DEBUG = 1
check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache

# Reliability (docs/reliability.md): 10,000 hostile requests per fuzz test, and the
# load test (64 clients for 60 s on PostgreSQL, an editor saving every second).
.PHONY: fuzz load

fuzz: install
	HYPOTHESIS_PROFILE=thorough DJANGO_REQUEST_LOG_LEVEL=WARNING $(BIN)/pytest -p no:cacheprovider tests/reliability/test_fuzz.py --log-cli-level=INFO

load: install
	$(BIN)/python -m bench.load
