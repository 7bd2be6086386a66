#!/usr/bin/env bash
# Fuzz the YAML reader, every document reader (exercise, plan, profile, rules) and the progress-log CSV
# reader with libFuzzer; valid plans and profiles go on through validation, the safety check, the
# scheduler and its renderers. Every input goes to both: the YAML side must end with a value or
# diagnostics; the CSV side (LogCSV.consistencyProblem) must also read the same whatever the chunks
# a file arrives in, and every row it reads must survive export → import → export unchanged.
#
#   scripts/fuzz.sh SECONDS [JOBS]
#
# A PNG or JPEG input is decoded as `rehab log scan` decodes a scan, and searched for QR codes.
#
# Builds .build/fuzz/rehab-fuzz (swiftc -sanitize=fuzzer,address) from RehabKit's sources, the
# GRDB-free CSV files of RehabTracking (CSV_SOURCES below, compiled into the same module, so their
# `import RehabKit` is taken out of the copies) and Fuzz/*.swift; seeds the corpus from the bundled
# Exercises/, Plans/, Patients/, the default rules and Tests/Fixtures (YAML and CSV), and runs for
# SECONDS. The corpus grows in .build/fuzz/corpus; a crashing input is written to .build/fuzz/crash-*
# — keep it as a regression fixture under Tests/Fixtures/fuzz/ (FuzzRegressionTests reads every file
# there: through the YAML readers, and a .csv one through the CSV reader's checks too).
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
# The progress log's CSV reader, without the store (GRDB): the reader, its scanner, the entry types
# and the consistency checks. Copied without `import RehabKit`, as they join RehabKit's module here.
CSV_SOURCES=(CSVScanner LogCSV LogCSVConsistency LogEntry StoredEntry Voiding)
rm -rf "$OUT/csv" && mkdir -p "$OUT/csv"
for name in "${CSV_SOURCES[@]}"; do
    grep -v '^import RehabKit$' "Sources/RehabTracking/$name.swift" > "$OUT/csv/$name.swift"
    if grep -q '^import GRDB' "$OUT/csv/$name.swift"; then echo "fuzz.sh: $name.swift imports GRDB" >&2; exit 1; fi
done
# The scan decoders (libspng, libjpeg-turbo) and the QR finder (zbar): scans come from outside.
SCAN_SOURCES=(ScanError GrayImage ImageCodec QRFinder Point)
# RehabKit's sources, the CSV reader, the scan decoders and the entry point: one module, so the
# internal readers are in reach.
swiftc "${FLAGS[@]}" "${INCLUDES[@]}" -I Sources/CScanImage -module-name RehabFuzz \
    $(find Sources/RehabKit -name '*.swift' | sort) "$OUT"/csv/*.swift $(printf 'Sources/RehabScan/%s.swift ' "${SCAN_SOURCES[@]}") \
    Fuzz/*.swift "$OUT/obj/YAMLReader.o" -lyaml -lspng -lturbojpeg -lzbar -o "$OUT/rehab-fuzz"

# Seeds: every YAML, CSV, PNG and JPEG file the project ships or tests with (small files only).
find Exercises Plans Patients Sources/RehabKit/Resources Tests/Fixtures Fuzz/seeds -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.csv' -o -name '*.png' -o -name '*.jpg' \) -size -64k \
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
