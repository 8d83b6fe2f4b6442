# Pamong: everything starts from here. Only python3, pip and make are needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

# The demo runs the production settings on plain http://127.0.0.1 (no TLS, so no secure-only cookies),
# without the TOTP second factor so that the printed demo logins work at once, and with SMS and e-mail
# written to files under var/sms and var/mail instead of a real gateway.
DEMO_ENV := DEBUG=0 SECRET_KEY=pamong-demo-key-not-for-production SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 \
	SECURE_HSTS_SECONDS=0 ALLOWED_HOSTS=127.0.0.1,localhost PAMONG_REQUIRE_OTP=0 \
	PAMONG_SMS_BACKEND=pamong.notifications.backends.FileSmsBackend \
	EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
DEV_ENV  := DEBUG=1

.PHONY: install demo run worker test test-fast lint format bench chaos migrate clean

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput

demo: install
	@mkdir -p var
	$(DEMO_ENV) $(PY) manage.py migrate --noinput
	$(DEMO_ENV) $(PY) manage.py load_demo
	$(DEMO_ENV) $(PY) manage.py collectstatic --noinput -v0
	@echo "Pamong demo: http://$(HOST):$(PORT)/  (Ctrl+C untuk berhenti)"
	$(DEMO_ENV) HOST=$(HOST) PORT=$(PORT) PY=$(PY) bin/serve

run: install
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(DEV_ENV) $(PY) manage.py run_worker --queue-name '*'

test: install
	$(BIN)/pytest -n 2

test-fast: install
	$(BIN)/pytest -n 2 -m "not slow"

lint: install
	$(BIN)/ruff check . bin/serve bin/chaos
	$(BIN)/ruff format --check . bin/serve bin/chaos
	$(BIN)/mypy . bin/serve
	$(BIN)/mypy bin/chaos
	$(BIN)/lint-imports --no-cache
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install
	$(PY) bench/run.py

# The reliability run (not part of CI): a private PostgreSQL cluster on a free loopback port (never 5432),
# bin/serve against it, citizens submitting while PostgreSQL, the SMS gateway and the worker fail in turn.
# About 10 minutes; CHAOS_SHORT=1 for a quick check (about 5). See docs/OPERATIONS.md.
chaos: install
	PY=$(PY) $(PY) bin/chaos

clean:
	rm -rf $(VENV) var staticfiles
