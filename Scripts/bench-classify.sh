#!/usr/bin/env bash
# Benchmark: `zoning classify` (built-up regions + classification + outputs) on the default
# sample county (baseline, 20 000 parcels) and on one of 300 000 parcels, in one invocation,
# with the ratio of time per parcel. DOMAIN.md §7: one county (50k–500k parcels) in seconds.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
swift build --package-path "$root" -c release --product zoning >/dev/null
zoning="$(swift build --package-path "$root" -c release --show-bin-path)/zoning"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

seconds() {  # parcels → wall-clock seconds of one classify run (the county is made first, untimed)
    "$zoning" sample -q --out "$work/$1" --parcels "$1"
    local start end
    start=$(date +%s.%N)
    "$zoning" classify -q --land-use "$work/$1/DLTB.shp" --villages "$work/$1/villages.shp" \
        --seats "$work/$1/seats.shp" --out "$work/$1/out"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
base=$(seconds 20000)
big=$(seconds 300000)
printf 'zoning classify, release build, %s cores\n' "$(nproc)"
printf '  baseline   20 000 parcels: %6.2f s\n' "$base"
printf '  target    300 000 parcels: %6.2f s  (goal: seconds, not minutes)\n' "$big"
printf '  time per parcel, 300k / 20k: %.2f\n' "$(echo "($big / 300000) / ($base / 20000)" | bc -l)"
