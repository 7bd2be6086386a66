# The two commands of the README's quick start: `make demo` and `make test`.
SWIFT ?= swift
REHAB := .build/debug/rehab
DEMO_PLAN ?= Plans/braced-t10-metastasis.yaml

.PHONY: setup setup-test build demo lint test sanitize bench bench-scale bench-import bench-scan fuzz clean

setup:
	@bash scripts/install-deps.sh build

setup-test:
	@bash scripts/install-deps.sh test

build: setup
	$(SWIFT) build

## Set up, build, and run the main job on the bundled examples: check them, print week 1 of a plan.
demo: build
	$(REHAB) validate
	$(REHAB) print $(DEMO_PLAN) --week 1

## Install what the tests need and run the whole suite, with a throw-away PostgreSQL server on
## loopback (scripts/pg-test-server.sh: started before, stopped after, whatever the tests do).
## The formatter's check (configuration in .swift-format): any line it would change fails the run.
## `swift format format -i -r -p Sources Tests` makes it clean.
lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests

test: setup-test lint
	$(SWIFT) build --build-tests
	bash scripts/pg-test-server.sh run -- $(SWIFT) test

## The whole suite under AddressSanitizer, then ThreadSanitizer, each in its own build folder
## (a full rebuild each; not run by CI — see README, Sanitizers).
## LeakSanitizer is off: it reports XCTest's own runner objects and boxes of Swift's indirect enums
## (whose pointers carry tag bits it does not recognise) as leaks, and the report breaks every
## command test's expected standard error.
sanitize: setup-test
	ASAN_OPTIONS=detect_leaks=0 bash scripts/pg-test-server.sh run -- $(SWIFT) test --sanitize=address --scratch-path .build/asan
	bash scripts/pg-test-server.sh run -- $(SWIFT) test --sanitize=thread --scratch-path .build/tsan

## Measure load + validate against libyaml's bare parse (release build, generated workspace),
## and PyYAML's C loader on the same files when python3-yaml is there.
BENCH_DIR := .build/bench-workspace
bench: setup
	$(SWIFT) build -c release
	rm -rf $(BENCH_DIR) && .build/release/rehab bench generate $(BENCH_DIR)
	.build/release/rehab bench load $(BENCH_DIR)
	-python3 Benchmarks/pyyaml_load.py $(BENCH_DIR)

## The scale table of Benchmarks/RESULTS.md: validate, check and schedule as whole processes over
## generated workspaces of 1k, 10k and 100k plans (seconds, peak memory), with the bare libyaml
## parse and PyYAML of the same run (release build; the workspaces are kept in .build/scale).
bench-scale: setup
	bash scripts/bench-scale.sh

## rehab log import: 100,000 ticks into an empty log, then 100,000 more (release build; seconds and
## peak memory by GNU time; PLANS and ROWS set the size).
bench-import: setup-test
	$(SWIFT) build -c release
	bash scripts/bench-import.sh .build/release/rehab

## Box accuracy of rehab log scan over 200 synthetic scans of a printed week (release build; needs
## Chromium and pdftoppm, which setup-test installs): the figures of docs/TRACKING.md, "Measured".
bench-scan: setup-test
	$(SWIFT) build -c release
	REHAB_DB=$(CURDIR)/.build/bench-scan.sqlite .build/release/rehab bench scan --count 200 --seed 11

## Fuzz the YAML and document readers for FUZZ_SECONDS (libFuzzer; see README, Fuzzing).
FUZZ_SECONDS ?= 600
fuzz: setup
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

clean:
	rm -rf .build
