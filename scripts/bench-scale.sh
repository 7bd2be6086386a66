#!/usr/bin/env bash
# The scale table of Benchmarks/RESULTS.md: whole processes of a release build over generated
# workspaces of 2,000 exercises and 1k, 10k and 100k plans, each command's wall seconds, CPU
# seconds (user + system) and peak resident memory (/usr/bin/time), with two baselines of the same
# run: libyaml's bare event parse of the same files (`rehab bench parse`) and PyYAML's C loader
# (Benchmarks/pyyaml_load.py --runs 1, when python3 has yaml with libyaml).
#
#   scripts/bench-scale.sh [SIZES...]        default: 1000 10000 100000
#
# Environment: RUNS (default 3; the median wall and CPU and the largest peak are reported),
# RUNS_LARGE (runs from 100,000 plans up; default 1), SCALE_DIR (default .build/scale; generated
# workspaces are kept there and reused), REHAB (a built rehab to use instead of building),
# BARE_REHAB (the rehab whose `bench parse` is the baseline; default REHAB: an older build without
# it can be measured against a newer one's), BASE_REHAB (an older build whose `validate` and `check`
# are measured in the same run, row by row beside the new one's: before and after under the same
# load), SKIP_PYYAML=1, RESULTS (the table's file).
# Prints a Markdown table and writes it to $SCALE_DIR/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 100000)
RUNS=${RUNS:-3}
RUNS_LARGE=${RUNS_LARGE:-1}
SCALE_DIR=${SCALE_DIR:-.build/scale}
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }

if [ -z "${REHAB:-}" ]; then
    swift build -c release >&2
    REHAB=.build/release/rehab
fi
REHAB=$(cd "$(dirname "$REHAB")" && pwd)/$(basename "$REHAB")
BARE_REHAB=${BARE_REHAB:-$REHAB}
BASE_REHAB=${BASE_REHAB:+$(cd "$(dirname "$BASE_REHAB")" && pwd)/$(basename "$BASE_REHAB")}
PYYAML=0
[ -z "${SKIP_PYYAML:-}" ] && python3 -c 'import yaml, sys; sys.exit(0 if yaml.__with_libyaml__ else 1)' 2>/dev/null && PYYAML=1

mkdir -p "$SCALE_DIR"
RESULTS=${RESULTS:-$SCALE_DIR/results.md}
export REHAB_TODAY=2026-11-30   # fixed: the generated assessments are dated 2026-11-20
out=$(mktemp)
trap 'rm -f "$out" "$out.t"' EXIT

# measure LABEL RUNS CMD...: prints "wall cpu peak_mb" (median wall, median cpu, largest peak).
measure() {
    local runs=$1; shift
    local walls=() cpus=() peak=0
    for _ in $(seq "$runs"); do
        # Exit codes 1 and 3 are answers (errors found, a plan blocked), not failures of the run.
        "$TIME" -f "%e %U %S %M" -o "$out.t" "$@" >/dev/null 2>&1 || true
        read -r wall user sys kb < <(tail -1 "$out.t")
        walls+=("$wall")
        cpus+=("$(echo "$user $sys" | awk '{printf "%.2f", $1 + $2}')")
        [ "$kb" -gt "$peak" ] && peak=$kb
    done
    local mw mc
    mw=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    mc=$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$(( (runs + 1) / 2 ))p")
    echo "$mw $mc $(( (peak + 512) / 1024 ))"
}

{
    echo "$(date -u +%Y-%m-%d) on $(uname -m), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo); $("$REHAB" --version | head -1) ($REHAB${BASE_REHAB:+; before: $BASE_REHAB}); runs: $RUNS (from 100k plans: $RUNS_LARGE); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
    echo "| plans | files | command | wall s | CPU s | peak MB | wall / bare | CPU / bare |"
    echo "|---:|---:|---|---:|---:|---:|---:|---:|"
} > "$RESULTS"

for n in "${SIZES[@]}"; do
    dir="$SCALE_DIR/p$n"
    if [ ! -f "$dir/.complete" ]; then
        rm -rf "$dir"
        "$REHAB" bench generate "$dir" --plans "$n" >&2
        touch "$dir/.complete"
    fi
    files=$(( $(find "$dir/Exercises" "$dir/Plans" -name '*.yaml' | wc -l) ))
    runs=$RUNS
    [ "$n" -ge 100000 ] && runs=$RUNS_LARGE
    # Warm the page cache once, so that no command pays for the first read from disk.
    "$BARE_REHAB" bench parse "$dir" >/dev/null
    echo "== $n plans ($files files), $runs run(s) each" >&2
    read -r bw bc bm < <(measure "$runs" "$BARE_REHAB" bench parse "$dir")
    row() { # label wall cpu peak
        local rw rc
        rw=$(echo "$2 $bw" | awk '{printf "%.2f", $1 / $2}'); rc=$(echo "$3 $bc" | awk '{printf "%.2f", $1 / $2}')
        echo "| $n | $files | $1 | $2 | $3 | $4 | ${rw}× | ${rc}× |" | tee -a "$RESULTS" >&2
    }
    row "bare libyaml parse (\`rehab bench parse\`)" "$bw" "$bc" "$bm"
    if [ -n "$BASE_REHAB" ]; then
        read -r w c m < <(measure "$runs" "$BASE_REHAB" validate --root "$dir"); row "\`validate\` (before: BASE_REHAB)" "$w" "$c" "$m"
    fi
    read -r w c m < <(measure "$runs" "$REHAB" validate --root "$dir"); row "\`validate\`" "$w" "$c" "$m"
    if [ -n "$BASE_REHAB" ]; then
        read -r w c m < <(measure "$runs" "$BASE_REHAB" check --all --root "$dir" --as-of 2026-11-30); row "\`check --all\` (before: BASE_REHAB)" "$w" "$c" "$m"
    fi
    read -r w c m < <(measure "$runs" "$REHAB" check --all --root "$dir" --as-of 2026-11-30); row "\`check --all\`" "$w" "$c" "$m"
    read -r w c m < <(measure "$runs" "$REHAB" schedule --all --root "$dir" --week 1); row "\`schedule --all --week 1\`" "$w" "$c" "$m"
    if [ "$PYYAML" = 1 ]; then
        read -r w c m < <(measure "$runs" python3 Benchmarks/pyyaml_load.py "$dir" --runs 1); row "PyYAML CSafeLoader (whole script)" "$w" "$c" "$m"
    fi
done

echo "" >> "$RESULTS"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RESULTS"
echo >&2
cat "$RESULTS"
