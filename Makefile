# plansite — two commands on a fresh machine:
#   make site   installs what is missing, builds, writes Output/ from Content/
#   make test   the whole test suite (unit, CLI, bundled content, site audit when available)
SWIFT ?= swift
CONTENT ?= Content
TEMPLATES ?= Templates
OUTPUT ?= Output
AUDIT ?= ../shared/tools/site-audit
PLANSITE = .build/debug/plansite

.PHONY: all deps build release site check serve test unit-test audit clean memcheck bench bench-deps frictionless-deps

all: site

# Debian's cmark-gfm (C library and GFM extensions) and pkg-config; idempotent.
deps:
	@if ! pkg-config --exists libcmark-gfm 2>/dev/null || [ ! -e /usr/include/cmark-gfm-core-extensions.h ]; then \
		echo "installing libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
			libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config >/dev/null; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "swift is not on PATH (Swift 6 toolchain needed)"; exit 1; }

# plansite, and plansite-serve beside it (the preview server `plansite serve` runs).
build: deps
	$(SWIFT) build --product plansite
	$(SWIFT) build --product plansite-serve

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

# Performance harness (issue 6, docs/performance.md): release binaries, synthetic corpora
# cached in .build-bench/corpus-N (made once by scripts/gen_corpus.py), then floor (cmark-gfm
# alone), Hugo and `plansite build` alternating, RUNS timed runs each. Sizes: N="100 1000"
# by default, N=10000 on request (1.1 GB of Markdown). Don't compile anything meanwhile.
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

# The release program as it is deployed to CI: plansite with the Swift runtime linked in
# (--static-swift-stdlib: runs where Swift is not installed, needing only libcmark-gfm,
# libstdc++ and libc; 6 MB less peak memory than linked to the shared runtime). The preview
# server is for editors' machines: `make build` builds it (linking it statically as well would
# need libcurl's development files, and changing the flag rebuilds every module).
STATIC = --static-swift-stdlib

release: deps
	$(SWIFT) build -c release $(STATIC) --product plansite

# plansite and the floor are linked the same way (the floor: cmark-gfm alone).
bench: bench-deps
	$(SWIFT) build -c release $(STATIC) --product plansite
	$(SWIFT) build -c release $(STATIC) --product plansite-floor
	python3 scripts/bench.py --bin .build/release --sizes $(N) --runs $(RUNS) $(BENCH_ARGS)
	python3 scripts/bench_search.py --bin .build/release --plans 1000
