# Mesa — set-up, run and test. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint install translations system-deps node-deps clean bench messages

run: install
	WORKSHOP_DEMO=$${WORKSHOP_DEMO:-1} $(PY) run.py

# Lint first (seconds), then the suite. pytest's exit code 5 means it collected no test: a failure too.
test: install system-deps lint
	node_modules/.bin/tsc -p jsconfig.json  # the live screens' ES modules: // @ts-check + JSDoc types
	@$(PY) -m pytest $(PYTEST_ARGS) || { status=$$?; \
	  if [ $$status = 5 ]; then echo "make test: pytest collected no test" >&2; fi; exit $$status; }

LINT_PATHS := workshop tests bench config.py run.py migrations

# pyflakes, pycodestyle and import order (ruff; settings in pyproject.toml).
lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINT_PATHS)

install: $(STAMP) translations node-deps

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

# Compiled catalogues are build output (git-ignored); the .po files are the source.
translations: $(STAMP)
	@$(VENV)/bin/pybabel compile --directory workshop/translations --statistics

# Front-end packages come from npm and are served by Flask (no CDN at the venue).
node-deps: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json
	npm install --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages for the browser tests, for looking at PDFs and for deploy/cluster (nginx, redis-server)
# (needs root, as on CI).
system-deps:
	@if command -v chromium >/dev/null && command -v pdftoppm >/dev/null && command -v nginx >/dev/null \
	  && command -v redis-server >/dev/null && command -v zbarimg >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium poppler-utils nginx redis-server zbar-tools; \
	else echo "note: chromium, poppler-utils, nginx, redis-server or zbar-tools is missing and this is not root: browser, cluster and QR-decoding tests will skip"; fi

# Mesa against a bare Flask-SocketIO server, side by side (docs/performance.md); BENCH_ARGS="--phones 2000"…
bench: install
	$(PY) bench/suite.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules instance/*.sqlite* .pytest_cache

# Refresh the message catalogues after changing user-facing strings (then translate the .po files).
# Keywords: gettext's own (_, gettext, ngettext, pgettext…), lazy `_l`, the `N_` marker, the second
# argument of every refusal class (`workshop.refusals`) and the voting rules' `_bad`/`_bad_round`.
MESSAGE_KEYWORDS := _l N_ Refusal:2 Unauthorized:2 Forbidden:2 NotFound:2 Conflict:2 TooMany:2 \
	TransitionError:2 Refused:2 AccountError:2 SessionError:2 VotingError:2 InvalidVote:2 _bad _bad_round

messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg $(addprefix -k ,$(MESSAGE_KEYWORDS)) \
	  --no-location --omit-header -o workshop/translations/messages.pot .
	$(VENV)/bin/pybabel update -i workshop/translations/messages.pot -d workshop/translations --no-fuzzy-matching --ignore-obsolete
