# reportkit — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT := build/2017-shuanglong.docx

.PHONY: demo test lint typecheck schema templates messages office clean bench mutate look

# Create the virtual environment and install reportkit with its test tools
# (re-run whenever pyproject.toml changes).
$(STAMP): pyproject.toml hatch_build.py $(wildcard src/reportkit/locale/*/LC_MESSAGES/*.po)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p build
	$(BIN)/reportkit validate examples/2017-shuanglong.yaml
	$(BIN)/reportkit render examples/2017-shuanglong.yaml -o $(DEMO_OUT) --force
	@echo "示例报告已生成：$(abspath $(DEMO_OUT))"

# The whole suite: lint, strict type check, then the tests.
test: lint typecheck
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench hatch_build.py
	$(BIN)/ruff format --check src tests tools bench hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy

# Regenerate the committed JSON Schemas from the models.
schema: $(STAMP)
	$(BIN)/reportkit schema -o schema --force

# Regenerate the committed .docx templates from tools/build_templates.py.
templates: $(STAMP)
	$(BIN)/python tools/build_templates.py

# Add new messages to the English catalogue (then translate the empty msgstr entries).
messages: $(STAMP)
	$(BIN)/python tools/messages.py update
	$(BIN)/python tools/messages.py check || true
	$(BIN)/python tools/codes_table.py update

# LibreOffice, poppler and the free faces that reportkit's font map (src/reportkit/publish/
# fonts.conf) puts in place of the GB/T 9704 ones, for render --to pdf and the tests that convert
# a rendered .docx to PDF; headless Chromium with its driver, for the tests that open the HTML
# page in a browser. All from Debian's packages; the tests that need them are skipped on a
# machine without them, except in CI.
OFFICE_PACKAGES := libreoffice-writer-nogui poppler-utils fonts-noto-cjk fonts-arphic-ukai \
	fonts-liberation chromium chromium-driver
office:
	dpkg-query -W -f '$${Status}\n' $(OFFICE_PACKAGES) 2>/dev/null | grep -c 'ok installed' \
	  | grep -qx '$(words $(OFFICE_PACKAGES))' || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(OFFICE_PACKAGES) >/dev/null; }

# Every example as .docx, PDF and one PNG a page under build/look/, to look at the pages
# before a release (needs `make office`). docs/example-2021-page1.png is one of them.
look: $(STAMP)
	rm -rf build/look && mkdir -p build/look
	$(BIN)/reportkit render examples/*.yaml -o build/look --to docx,pdf
	for pdf in build/look/*.pdf; do pdftoppm -png -r 96 "$$pdf" "$${pdf%.pdf}-page"; done
	@echo "页面图片在 $(abspath build/look)/"

clean:
	rm -rf build $(VENV) .pytest_cache .mypy_cache .ruff_cache

# The speed figures of docs/benchmarks.md, all of them, each beside its floor (several
# minutes: it generates and checks 38,000 files). Not part of `make test`. To try a few:
# `.venv/bin/python bench/bench.py --quick --only e,f,g` (prints, writes nothing).
bench: $(STAMP)
	$(BIN)/python bench/bench.py -o docs/benchmarks.md

# Small deliberate bugs in the core (tools/mutants.txt), each in a copy of the repository:
# does the suite notice? Writes the score to docs/mutation.md. Not part of `make test`.
mutate: $(STAMP)
	$(BIN)/python tools/mutate.py -o docs/mutation.md
