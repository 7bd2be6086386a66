#!/usr/bin/env bash
# Fuzz the YAML reader and every document reader (exercise, plan, profile, rules) with libFuzzer;
# valid plans and profiles go on through validation, the safety check, the scheduler and its renderers.
#
#   scripts/fuzz.sh SECONDS [JOBS]
#
# Builds .build/fuzz/rehab-fuzz (swiftc -sanitize=fuzzer,address), seeds the corpus from the bundled
# Exercises/, Plans/, Patients/, the default rules and Tests/Fixtures, and runs for SECONDS. The
# corpus grows in .build/fuzz/corpus; a crashing input is written to .build/fuzz/crash-* — keep it as
# a regression fixture under Tests/Fixtures/fuzz/ (FuzzRegressionTests reads every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN=${1:?usage: scripts/fuzz.sh SECONDS [JOBS]}
JOBS=${2:-1}
OUT=.build/fuzz
mkdir -p "$OUT/corpus" "$OUT/seeds" "$OUT/obj"

INCLUDES=(-I Sources/CLibYAML -I "$OUT/obj")
FLAGS=(-O -sanitize=fuzzer,address -parse-as-library -g)
# YAMLReader: its own module, as in the package.
swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -module-name YAMLReader -emit-module -emit-module-path "$OUT/obj/YAMLReader.swiftmodule" \
    -c Sources/YAMLReader/*.swift -wmo -o "$OUT/obj/YAMLReader.o"
# RehabKit's sources and the entry point: one module, so the internal readers are in reach.
swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -module-name RehabFuzz \
    Sources/RehabKit/*/*.swift Fuzz/*.swift "$OUT/obj/YAMLReader.o" -lyaml -o "$OUT/rehab-fuzz"

# Seeds: every YAML file the project ships or tests with (small files only).
find Exercises Plans Patients Sources/RehabKit/Resources Tests/Fixtures -type f \( -name '*.yaml' -o -name '*.yml' \) -size -64k \
    -exec cp -t "$OUT/seeds" {} + 2>/dev/null || true

export REHAB_RESOURCES="$PWD/Sources/RehabKit/Resources"
export REHAB_FUZZ_WORKSPACE="$PWD/Tests/Fixtures/valid"
# No leak check at exit either: it reports the globals (the default rules) as leaked and fails the run.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# Inputs up to 64 KiB; 2 GB of memory per run; a run over 10 s is a hang. Leak detection is off:
# the Swift runtime's lazily built metadata and caches read to LeakSanitizer as leaks (a 40-minute
# run stopped on one, with the empty input); address errors are still caught. With JOBS > 1 libFuzzer
# writes fuzz-N.log files to the working folder: run from $OUT.
PARALLEL=()
if [ "$JOBS" -gt 1 ]; then PARALLEL=(-jobs="$JOBS" -workers="$JOBS"); fi
cd "$OUT"
exec ./rehab-fuzz corpus seeds -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
    -rss_limit_mb=2048 -timeout=10 -detect_leaks=0 -artifact_prefix=./ -print_final_stats=1 "${PARALLEL[@]}"
