# plansite — two commands on a fresh machine:
#   make site   installs what is missing, builds, writes Output/ from Content/
#   make test   the whole test suite (unit, CLI, bundled content, site audit when available)
SWIFT ?= swift
CONTENT ?= Content
TEMPLATES ?= Templates
OUTPUT ?= Output
AUDIT ?= ../shared/tools/site-audit
PLANSITE = .build/debug/plansite

.PHONY: all deps build release install site check serve test unit-test audit clean memcheck bench bench-deps frictionless-deps

all: site

# What plansite needs from Debian, installed only when missing; idempotent:
#   cmark-gfm (C library and GFM extensions) and pkg-config, to build;
#   libcurl's development files: the preview server links Foundation's networking;
#   pandoc: `plansite import` reads .docx and .html through it.
deps:
	@missing=""; \
	pkg-config --exists libcmark-gfm 2>/dev/null && [ -e /usr/include/cmark-gfm-core-extensions.h ] \
		|| missing="$$missing libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config"; \
	pkg-config --exists libcurl 2>/dev/null || missing="$$missing libcurl4-openssl-dev pkg-config"; \
	command -v pandoc >/dev/null 2>&1 || missing="$$missing pandoc"; \
	if [ -n "$$missing" ]; then \
		echo "installing$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)"; exit 1; }

# One program: build, check, serve, init, outline, import (templates and example content inside).
build: deps
	$(SWIFT) build --product plansite

site: build
	$(PLANSITE) build --content $(CONTENT) --templates $(TEMPLATES) --output $(OUTPUT)

check: build
	$(PLANSITE) check --content $(CONTENT)

serve: build
	$(PLANSITE) serve --content $(CONTENT) --templates $(TEMPLATES) --output $(OUTPUT)

unit-test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Frictionless (PyPI) checks the open data against data/datapackage.json; it is installed once
# into a virtual environment of its own (python3-venv from Debian when venv is missing).
FRICTIONLESS_VENV ?= $(HOME)/.cache/plansite/frictionless-venv
FRICTIONLESS = $(FRICTIONLESS_VENV)/bin/frictionless

frictionless-deps:
	@if [ ! -x $(FRICTIONLESS) ]; then \
		if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c "import ensurepip" 2>/dev/null; then \
			echo "installing python3-venv"; \
			SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
			$$SUDO apt-get update -qq && \
			DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3-venv >/dev/null; \
		fi; \
		echo "installing frictionless into $(FRICTIONLESS_VENV)"; \
		python3 -m venv $(FRICTIONLESS_VENV) && $(FRICTIONLESS_VENV)/bin/pip install -q frictionless; \
	fi

# The whole suite, the open data against its data package, then the bundled site through the
# real-browser audit when the shared audit tool is present (it is beside every checkout and in CI).
test: unit-test frictionless-deps
	$(SWIFT) build --product plansite
	$(PLANSITE) check --content $(CONTENT) --strict
	$(PLANSITE) build --content $(CONTENT) --templates $(TEMPLATES) --output $(OUTPUT)
	$(FRICTIONLESS) validate $(OUTPUT)/data/datapackage.json
	@if [ -x $(AUDIT) ]; then \
		$(AUDIT) $(OUTPUT) --pages 0 --screenshots .build/audit-shots --json .build/audit.json && \
		$$(ls -d $${SITE_AUDIT_HOME:-$$HOME/.cache/site-audit}/venv-py3.*/bin/python | head -1) Tests/Browser/browser_tests.py $(OUTPUT); \
	else echo "site audit and browser tests skipped: $(AUDIT) not found"; fi

audit: site
	$(AUDIT) $(OUTPUT) --pages 0 --screenshots .build/audit-shots --json .build/audit.json

clean:
	rm -rf .build $(OUTPUT)

# cmark-gfm layer under valgrind's memcheck (valgrind 3.19 cannot read Swift's DWARF 5, so a
# copy without debug info is checked). Expect "definitely lost: 0" and "indirectly lost: 0".
memcheck: build
	cp $(PLANSITE) .build/plansite-nodebug && strip --strip-debug .build/plansite-nodebug
	valgrind --leak-check=full --show-leak-kinds=definite,indirect .build/plansite-nodebug check --content $(CONTENT) 2>&1 \
		| grep -E "definitely lost|indirectly lost|ERROR SUMMARY"

# Performance harness (docs/performance.md): release binaries, synthetic corpora cached in
# .build-bench/corpus-N (made once by scripts/gen_corpus.py), then floor (cmark-gfm alone),
# Hugo, Hugo on the equivalent site (../shared/tools/hugo-equiv) and `plansite build`
# alternating, RUNS timed runs each. Sizes: N="100 1000" by default, N=10000 on request
# (1.1 GB of Markdown). Don't compile anything meanwhile.
N ?= 100 1000
RUNS ?= 5
BENCH_ARGS ?=

bench-deps: deps
	@if ! command -v hugo >/dev/null || ! command -v python3 >/dev/null; then \
		echo "installing hugo python3"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends hugo python3 >/dev/null; \
	fi

# The release program as it is deployed to CI and installed: plansite with the Swift runtime
# linked in (--static-swift-stdlib: runs where Swift is not installed, needing libcmark-gfm,
# libcurl, libstdc++ and libc).
STATIC = --static-swift-stdlib
PREFIX ?= /usr/local

release: deps
	$(SWIFT) build -c release $(STATIC) --product plansite

# Puts plansite on PATH ($(PREFIX)/bin; DESTDIR for packaging). It carries its default
# templates and example content: `plansite init mysite` works anywhere.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/plansite $(DESTDIR)$(PREFIX)/bin/plansite

# plansite and the floor are linked the same way (the floor: cmark-gfm alone).
bench: bench-deps
	$(SWIFT) build -c release $(STATIC) --product plansite
	$(SWIFT) build -c release $(STATIC) --product plansite-floor
	python3 scripts/bench.py --bin .build/release --sizes $(N) --runs $(RUNS) $(BENCH_ARGS)
	python3 scripts/bench_search.py --bin .build/release --plans 1000
