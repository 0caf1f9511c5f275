# Loa — two commands: `make run` (panel + simulated unit, demo data) and `make test`.
# Both install what is missing: Debian packages, the virtualenv, the project and its extras.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
DATA_DIR ?= $(CURDIR)/data
export LOA_DATA_DIR ?= $(DATA_DIR)

APT_RUN := espeak-ng ffmpeg mpg123 libportaudio2 libsndfile1 libasound2 libasound2-plugins alsa-utils sox mosquitto icecast2
APT_TEST := chromium postgresql jackd2

TEST_ENV := LOA_TEST_POSTGRES_URL=postgresql://loa:loa@127.0.0.1:5432/loa_test LOA_REQUIRE_BROWSER=1
# The second pass: more than a year ahead, a leap day, inside the demo's quiet hours (22:00–05:00).
MOVED_WALL_CLOCK ?= 2028-02-29T23:30:00+07:00
# Every test that touches time runs in the moved pass; tests/tts (normalization, TTS and
# mastering: no clock is read there) runs once, to keep make test near 20 minutes on 2 cores.
MOVED_PASS_ARGS ?= --ignore=tests/tts

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test lint setup system-deps system-test-deps venv postgres clean bench

# The demo runs beside a Mosquitto broker on loopback (push notices; docs/push.md) and a
# stand-in "VOV1 (mô phỏng)" on http://127.0.0.1:8010/vov1 (icecast2 + an ffmpeg tone; docs/relay.md).
run: setup
	bash deploy/icecast/with-demo-station.sh bash deploy/mosquitto/with-demo-broker.sh $(VENV)/bin/loa demo --data-dir "$(LOA_DATA_DIR)" --host 127.0.0.1 --port 8000

test: export LOA_REQUIRE_JACK := 1
test: export LOA_REQUIRE_ICECAST := 1
test: export LOA_REQUIRE_MOSQUITTO := 1
test: export LOA_TEST_JACK_SERVER := loa-test
test: setup system-test-deps lint
	bash deploy/dev/start-postgres.sh
	bash deploy/dev/start-jackd.sh
	$(TEST_ENV) $(VENV)/bin/pytest
	bash deploy/dev/run-schemathesis.sh
	@echo "== again with the wall clock of every process moved to $(MOVED_WALL_CLOCK) (all but tests/tts)"
	$(TEST_ENV) LOA_TEST_WALL_CLOCK=$(MOVED_WALL_CLOCK) tests/timeshift/run $(VENV)/bin/pytest $(MOVED_PASS_ARGS)

lint: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

setup: system-deps venv

# Debian packages: install only what is missing; `apt-get update` only when we must install.
system-deps:
	@missing=""; for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if ! $(PYTHON) -c 'import ensurepip, venv' >/dev/null 2>&1; then missing="$$missing python3-venv"; fi; \
	if [ -n "$$missing" ]; then echo "apt: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi
	@bash deploy/mosquitto/no-system-broker.sh
	@bash deploy/icecast/no-system-server.sh

system-test-deps:
	@missing=""; for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "apt: installing$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e '.[server,dev]'
	touch $@

bench: setup
	@for b in render bundle_tamper playout_latency unit_footprint crash_soak relay; do \
	  echo "== bench.$$b"; $(PY) -m bench.$$b | tail -n 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
