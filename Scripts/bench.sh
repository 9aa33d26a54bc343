#!/usr/bin/env bash
# Benchmarks, each timed on the default county (baseline, 20 000 parcels) and on one of
# 300 000 parcels in the same invocation, with the ratio of time per parcel:
#   sample    zoning sample (goal: 300 000 parcels in under a minute on 2 cores)
#   classify  zoning classify (goal: one county in seconds)
#   run       zoning run on the county's project.yaml: every analysis, outputs, maps and report
#   threads   zoning run at 300 000 parcels on one thread (baseline, ZONING_THREADS=1) and on
#             all cores, with the speed-up
# Usage: Scripts/bench.sh [sample|classify|run|threads]   (all by default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
swift build --package-path "$root" -c release --product zoning >/dev/null
zoning="$(swift build --package-path "$root" -c release --show-bin-path)/zoning"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

timed() {  # command… → wall-clock seconds
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
county() {  # parcels → makes $work/<parcels> once
    [ -d "$work/$1" ] || "$zoning" sample -q --out "$work/$1" --parcels "$1"
}
sample() { timed "$zoning" sample -q --overwrite --out "$work/timed-$1" --parcels "$1"; }
classify() {
    county "$1"
    timed "$zoning" classify -q --overwrite --land-use "$work/$1/DLTB.shp" --villages "$work/$1/villages.shp" \
        --seats "$work/$1/seats.shp" --out "$work/$1/out"
}
run() {
    county "$1"
    timed "$zoning" run -q --overwrite "$work/$1/project.yaml" --out "$work/$1/run"
}
report() {  # name goal
    local base big
    base=$("$1" 20000)
    big=$("$1" 300000)
    printf 'zoning %s, release build, %s cores\n' "$1" "$(nproc)"
    printf '  baseline   20 000 parcels: %6.2f s\n' "$base"
    printf '  target    300 000 parcels: %6.2f s  (goal: %s)\n' "$big" "$2"
    printf '  time per parcel, 300k / 20k: %.2f\n' "$(echo "($big / 300000) / ($base / 20000)" | bc -l)"
}
threads() {
    local one all
    county 300000
    one=$(ZONING_THREADS=1 timed "$zoning" run -q --overwrite "$work/300000/project.yaml" --out "$work/300000/run-1")
    all=$(timed "$zoning" run -q --overwrite "$work/300000/project.yaml" --out "$work/300000/run-all")
    printf 'zoning run, 300 000 parcels, release build\n'
    printf '  baseline   1 thread:   %6.2f s\n' "$one"
    printf '  target     %d threads:  %6.2f s\n' "$(nproc)" "$all"
    printf '  speed-up: %.2f×\n' "$(echo "$one / $all" | bc -l)"
}
case "${1:-all}" in
    sample) report sample "< 60 s" ;;
    classify) report classify "seconds" ;;
    run) report run "a county in under a minute" ;;
    threads) threads ;;
    all) report sample "< 60 s"; report classify "seconds"; report run "a county in under a minute"; threads ;;
    *) echo "usage: Scripts/bench.sh [sample|classify|run|threads]" >&2; exit 2 ;;
esac
