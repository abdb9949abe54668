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
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/pytest

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt .python-version
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: export DJANGO_DEBUG = 1
check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
