# Aktivitetsportalen. `make serve` for the demo site, `make test` for all tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PORT   ?= 8000
PELICAN_OPTS ?=

# Several municipalities: MUNICIPALITY=lorenskog builds municipalities/lorenskog/content with the
# settings of municipalities/lorenskog/settings.py (pelicanconf.py reads MUNICIPALITY) into
# output-lorenskog/; empty (the default) is the Vestre Toten demo, content/ into output/.
MUNICIPALITY ?=
MUNICIPALITIES := $(sort $(patsubst municipalities/%/settings.py,%,$(wildcard municipalities/*/settings.py)))
ifeq ($(strip $(MUNICIPALITY)),)
CONTENT := content
OUTPUT  := output
else ifneq ($(filter-out $(MUNICIPALITIES),$(MUNICIPALITY)),)
$(error Ukjent kommune «$(MUNICIPALITY)». Kjente kommuner: $(MUNICIPALITIES) (mappene i municipalities/), eller ingen MUNICIPALITY for demoen i content/)
else
CONTENT := municipalities/$(MUNICIPALITY)/content
OUTPUT  := output-$(MUNICIPALITY)
endif
# Every command that reads the settings sees the same MUNICIPALITY (also an empty one).
SITE := MUNICIPALITY=$(strip $(MUNICIPALITY))

.PHONY: help install html serve publish validate new-event import check lint test bench clean translations lock test-deps

help:
	@echo "make serve     build the demo site and serve it on http://localhost:$(PORT) (auto-reload)"
	@echo "make html      build into output/"
	@echo "               MUNICIPALITY=lorenskog: html, serve, publish, validate, check and the others"
	@echo "               for municipalities/lorenskog/ (into output-lorenskog/); known: $(MUNICIPALITIES)"
	@echo "make validate  check every file in content/"
	@echo "               CHANGED_SINCE=origin/main: only files changed since the branch left origin/main"
	@echo "               FORMAT=markdown: a short report for a comment on a pull request"
	@echo "make new-event write a new event file: asks for each field and checks it (ARGS=\"--title ...\")"
	@echo "make import SOURCE=kalender.ics ORGANIZER=kortnavn  import a calendar (file or https address)"
	@echo "make check     build, then check that pages, feeds and open data in output/ agree"
	@echo "make test      run all tests"
	@echo "make bench     time builds at sizes S and M against plain Pelican (SIZES=\"S M L\" RUNS=3 LANGUAGES=one)"
	@echo "make translations  re-extract messages and update every catalogue"
	@echo "make lock      re-resolve exact dependency versions (requirements.lock)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions with hashes from requirements.lock (`make lock` re-resolves it from pyproject.toml).
LOCK := requirements.lock
$(STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --extra test --strip-extras --allow-unsafe \
		--no-emit-index-url --no-emit-find-links -o $(LOCK) pyproject.toml

install: $(STAMP)

html: $(STAMP)
	$(SITE) $(BIN)/pelican $(CONTENT) -o $(OUTPUT) -s pelicanconf.py $(PELICAN_OPTS)

serve: $(STAMP)
	$(SITE) $(BIN)/pelican $(CONTENT) -o $(OUTPUT) -s pelicanconf.py --listen --autoreload --port $(PORT) $(PELICAN_OPTS)

publish: $(STAMP)
	$(SITE) $(BIN)/pelican $(CONTENT) -o $(OUTPUT) -s publishconf.py $(PELICAN_OPTS)

# Every file, or with CHANGED_SINCE=origin/main only those the branch changed; FORMAT=markdown
# for the pull-request comment; ARGS for more (e.g. ARGS="--lang en" or a list of files).
validate: $(STAMP)
	$(SITE) $(BIN)/python -m aktivitetsportal.commands.validate $(CONTENT) --settings pelicanconf.py \
		$(if $(CHANGED_SINCE),--changed-since $(CHANGED_SINCE)) $(if $(FORMAT),--format $(FORMAT)) $(ARGS)

# Asks for each field in the terminal; ARGS for flags (ARGS="--title Kaffe --start ... --yes").
new-event: $(STAMP)
	$(SITE) $(BIN)/python -m aktivitetsportal.commands.new_event --content $(CONTENT) --settings pelicanconf.py $(ARGS)

# A published calendar (a file or an https address) as event files of one association.
# publishconf.py: today is the real date (pelicanconf.py pins the demo's), which decides what is past.
import: $(STAMP)
	@[ -n "$(SOURCE)" ] && [ -n "$(ORGANIZER)" ] || \
		{ echo "Skriv for eksempel: make import SOURCE=kalender.ics ORGANIZER=raufoss-il-ski"; exit 2; }
	$(SITE) $(BIN)/python -m aktivitetsportal.import_ics "$(SOURCE)" --organizer "$(ORGANIZER)" \
		--content $(CONTENT) --settings publishconf.py $(ARGS)

# After a build: do the pages, kalender.ics, events.json and the search index agree?
check: html
	$(BIN)/python -m aktivitetsportal.commands.check $(OUTPUT)

lint: $(STAMP)
	$(BIN)/ruff check plugins tests scripts pelicanconf.py publishconf.py
	PYTHONPATH=plugins $(BIN)/lint-imports

# The Nu Html Checker for the tests (npm package, run with the machine's Java).
VNU := node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $(VNU)

# Chromium, a font and Java from Debian (installed when allowed, else the command to run).
test-deps:
	@scripts/install-test-deps.sh

test: test-deps $(STAMP) $(VNU) lint
	$(BIN)/python -m pytest
	@echo "Screenshots for review (390 and 1366 px): test-artifacts/screenshots/"

# Re-extract every message from Python and the templates, and update each catalogue.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k lazy_text -k N_ --no-location --sort-output \
		--omit-header --no-wrap -o plugins/aktivitetsportal/locales/messages.pot .
	for po in plugins/aktivitetsportal/locales/*/LC_MESSAGES/messages.po; do \
		lang=$$(basename $$(dirname $$(dirname $$po))); \
		$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -l $$lang \
			-i plugins/aktivitetsportal/locales/messages.pot -o $$po; done

# Build time, rebuild time, memory and output size against plain Pelican (docs/performance.md).
# SIZES="S M L", RUNS=3, LANGUAGES=one|all.
SIZES ?= S M
RUNS ?= 3
LANGUAGES ?= all
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --size $(SIZES) --runs $(RUNS) --languages $(LANGUAGES)

clean:
	rm -rf output $(MUNICIPALITIES:%=output-%) cache
