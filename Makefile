# The only two commands a person needs: `make run` and `make test`.
# Every target creates the virtualenv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATA   ?= data
ARGS   ?=

.PHONY: run test lint format messages records bench crash fuzz samples clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Opens the UI on a practice data repo: the 2023 plan with three staff's history through
# spring 2023 (made on first run, kept after), as of its assumed day, 20/05/2023.
run: $(STAMP)
	@test -d $(DATA)/.git || $(BIN)/dvtui init $(DATA) --practice
	$(BIN)/dvtui --repo $(DATA) $(ARGS)

# compileall first: the tests start `python -m dvtui` and workers by the hundred, and where
# PYTHONDONTWRITEBYTECODE is set (as on the project's machine) each would compile dvtui again.
test: $(STAMP)
	$(BIN)/python -m compileall -q dvtui tests
	$(BIN)/python -m pytest -n auto

# Everything CI checks besides the tests: lint, format, types (package and tests), layers.
lint: $(STAMP)
	$(BIN)/ruff check dvtui tests bench
	$(BIN)/ruff format --check dvtui tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

# After editing a catalog (dvtui/i18n/locale/*/LC_MESSAGES/dvtui.po): put every message in its
# area's place, check every key the code uses is in every language with the same placeholders,
# and compile the .mo files the program reads.
messages: $(STAMP)
	$(BIN)/python -m dvtui.i18n.catalogs order
	$(BIN)/python -m dvtui.i18n.catalogs check
	$(BIN)/python -m dvtui.i18n.catalogs compile

# After changing the fields of a record class (dvtui/core/records.py) or of another class
# made by @frozen (dvtui.core.recordclass.GENERATED_FROM): write their methods again (dvtui/core/recordmethods.py, checked in; a test fails when it is stale).
records: $(STAMP)
	$(BIN)/python -m dvtui.core.recordclass > dvtui/core/recordmethods.py.new
	mv dvtui/core/recordmethods.py.new dvtui/core/recordmethods.py

format: $(STAMP)
	$(BIN)/ruff format dvtui tests
	$(BIN)/ruff check --fix dvtui tests

# Province-scale benchmark (issue 15): generated repos in a temp folder, figures side by side
# with Taskwarrior (when `task` is installed), bench/out/results.json. QUICK=1: 1,000 records
# only (about a minute); SIZE=200k (or SIZE=10k,50k,200k): the sizes to run.
bench: $(STAMP)
	$(BIN)/python bench/run.py $(if $(QUICK),--quick) $(if $(SIZE),--size $(SIZE)) $(BENCH_ARGS)

# Issue 6, the long versions of what `make test` runs briefly: CASES saves (default 200)
# killed with SIGKILL at named and random points, then 100 rounds of two programs saving
# at the same moment. Each prints how many cases it tried and that no data was lost.
crash: $(STAMP)
	$(BIN)/python tests/crash/harness.py $(or $(CASES),200)
	DVTUI_CONCURRENCY_ROUNDS=100 $(BIN)/python -m pytest -p no:xdist tests/test_concurrency.py

# Hypothesis with many more examples (the "fuzz" profile in tests/conftest.py).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:xdist tests/test_fuzz.py

# The README's sample pages (docs/*.png): the practice repo's six-month report and urging
# letter, printed by LibreOffice and rasterised by pdftoppm (poppler-utils). Run it after a
# change to the documents' layout and commit the images.
SAMPLE_DAY := 2023-05-26
samples: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	$(BIN)/dvtui init $$tmp/data --practice >/dev/null && \
	$(BIN)/dvtui --repo $$tmp/data summary 2023-h1 number=125 issued_on=26/05/2023 \
	    strengths="Các đơn vị chủ động triển khai Kế hoạch." >/dev/null && \
	$(BIN)/dvtui --repo $$tmp/data --today $(SAMPLE_DAY) report 2023-h1 -o $$tmp/bc.pdf && \
	$(BIN)/dvtui --repo $$tmp/data --today $(SAMPLE_DAY) overdue --period 2023-h1 \
	    --by 05/06/2023 -o $$tmp/cv.pdf && \
	second=$$(pdftotext -layout $$tmp/bc.pdf - | awk -v RS='\f' '/PHỤ LỤC/ {print NR + 1; exit}') && \
	pdftoppm -r 70 -png -singlefile -f 1 -l 1 $$tmp/bc.pdf docs/bao-cao-trang-1 && \
	pdftoppm -r 70 -png -singlefile -f $$second -l $$second $$tmp/bc.pdf docs/bao-cao-phu-luc && \
	pdftoppm -r 70 -png -singlefile -f 1 -l 1 $$tmp/cv.pdf docs/cong-van-don-doc && \
	echo "docs/bao-cao-trang-1.png docs/bao-cao-phu-luc.png (page $$second) docs/cong-van-don-doc.png"

clean:
	rm -rf $(VENV) $(DATA) .pytest_cache .mypy_cache .ruff_cache
