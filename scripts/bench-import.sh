#!/bin/sh
# Measures 'rehab log import': 100,000 ticks into an empty store, then 100,000 different ticks into
# that store (now holding 100,000). Prints rows, seconds and peak RSS of each import (GNU time).
# Usage: scripts/bench-import.sh [REHAB_BINARY] (default: .build/release/rehab)
# Environment: PLANS (default 4000), EXERCISES (default 2000) and ROWS (default 100000) set the
# size; the suite runs it small (BenchmarkScriptTests). Exits non-zero when an import stores nothing.
set -eu
[ -x /usr/bin/time ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
rehab=$(realpath "${1:-.build/release/rehab}")
plans=${PLANS:-4000}
exercises=${EXERCISES:-2000}
rows=${ROWS:-100000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$rehab" bench generate "$dir/ws" --plans "$plans" --exercises "$exercises" > /dev/null
"$rehab" bench ticks "$dir/ws" --rows "$rows" -o "$dir/first.csv"
"$rehab" bench ticks "$dir/ws" --rows "$rows" --skip "$rows" -o "$dir/second.csv"
cd "$dir/ws"
export REHAB_TODAY=2028-01-01
for batch in first second; do
    /usr/bin/time -v "$rehab" log import "../$batch.csv" > "../$batch.out" 2> "../$batch.time"
    rows=$(($(wc -l < "../$batch.csv") - 1))
    seconds=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "../$batch.time")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "../$batch.time")
    echo "$batch: $rows rows, $(cat "../$batch.out"), wall $seconds, peak RSS $rss KiB"
done
echo "store: $(ls -l .rehab/progress.sqlite | awk '{print $5}') bytes"
