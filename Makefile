# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 5000
FLASK  := $(BIN)/flask --app wsgi

.PHONY: run test install install-dev translations extract-messages lint audit vendor-check clean bench bench-mail load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.dev-installed

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d tracker/translations

run: install translations
	$(FLASK) db upgrade
	$(FLASK) demo
	$(FLASK) run --host $(HOST) --port $(PORT)

test: install-dev translations
	$(BIN)/pytest $(PYTEST_ARGS)

extract-messages: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location --sort-output \
		-o tracker/translations/messages.pot .
	$(BIN)/pybabel update -N --ignore-obsolete -i tracker/translations/messages.pot -d tracker/translations

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/bandit --quiet --recursive tracker --severity-level medium

# Known vulnerabilities of the pinned requirements; needs the vulnerability service of PyPI.
audit: install-dev
	$(BIN)/pip-audit --no-deps --disable-pip --progress-spinner off -r requirements.txt -r requirements-dev.txt

vendor-check:
	cd static/vendor && sha256sum -c SHA256SUMS

clean:
	rm -rf $(VENV) .pytest_cache

bench: install-dev translations
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# send-notifications for 10,000 due notifications; BENCH_MAIL_ARGS="--database-url
# postgresql://postgres@127.0.0.1/<throw-away db>" for PostgreSQL (its schema is dropped).
bench-mail: install-dev translations
	$(BIN)/python bench/notifications.py $(BENCH_MAIL_ARGS)

load: install-dev translations
	$(BIN)/python bench/load.py $(LOAD_ARGS)
