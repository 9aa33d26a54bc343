#!/usr/bin/env bash
# Benchmark: how long `zoning sample` takes for the default county (baseline, 20 000 parcels)
# and for 300 000 parcels, in one invocation, with the ratio of time per parcel. The goal
# (issue 5): 300 000 parcels in under a minute on 2 cores.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
swift build --package-path "$root" -c release --product zoning >/dev/null
zoning="$(swift build --package-path "$root" -c release --show-bin-path)/zoning"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds() {  # parcels → wall-clock seconds of one run
    local start end
    start=$(date +%s.%N)
    "$zoning" sample -q --out "$work/$1" --parcels "$1"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
base=$(seconds 20000)
big=$(seconds 300000)
printf 'zoning sample, release build, %s cores\n' "$(nproc)"
printf '  baseline   20 000 parcels: %6.2f s\n' "$base"
printf '  target    300 000 parcels: %6.2f s  (goal < 60 s)\n' "$big"
printf '  time per parcel, 300k / 20k: %.2f\n' "$(echo "($big / 300000) / ($base / 20000)" | bc -l)"
