#!/usr/bin/env bash
# Province mode benchmark: `zoning run --each` over N counties of P parcels (default 20 counties
# of 300 000, goal: under 90 s on 2 cores, memory flat — issue 31). The counties are copies of one
# generated county (its layers hard-linked, each with its own project file), so they take the
# disk of one. Prints each county's seconds and peak memory (from province-summary.csv), the
# total wall time, and how flat memory stayed: the last county's peak over the first's.
#
#   Scripts/bench-province.sh [COUNTIES] [PARCELS] [JOBS]     # 20 300000 1 by default
# BENCH_ZONING and BENCH_WORK as for Scripts/bench.sh (a binary to time; where counties are kept);
# BENCH_IRREGULAR=1 copies the county of irregular parcels (`zoning sample --irregular`) instead;
# BENCH_NOROADS=1 runs each county without its roads layer (its `project-noroads.yaml`).
# JOBS empty: zoning's own default.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
counties="${1:-20}"
parcels="${2:-300000}"
jobs="${3-1}"
source "$root/Scripts/bench-binary.sh"  # sets zoning: BENCH_ZONING or this checkout's release build
if [ -n "${BENCH_IRREGULAR:-}" ]; then
    cache="${BENCH_WORK:-$root/.build/bench}/irregular-$parcels"
    [ -f "$cache/project.yaml" ] || "$zoning" sample -q --overwrite --irregular --out "$cache" --parcels "$parcels"
else
    cache="${BENCH_WORK:-$root/.build/bench}/$parcels"
    [ -f "$cache/project.yaml" ] || "$zoning" sample -q --overwrite --out "$cache" --parcels "$parcels"
fi
load=$(uptime | sed 's/.*load average: //')
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
projects=()
project_file=project.yaml
[ -n "${BENCH_NOROADS:-}" ] && project_file=project-noroads.yaml
for k in $(seq -w 1 "$counties"); do
    folder="$work/counties/3799$k"
    mkdir -p "$folder"
    for file in "$cache"/*; do
        [ -f "$file" ] || continue
        ln "$file" "$folder/$(basename "$file")" 2>/dev/null || cp "$file" "$folder/"
    done
    rm -f "$folder/project.yaml" && cp "$cache/$project_file" "$folder/project.yaml"
    projects+=("$folder/project.yaml")
done
start=$(date +%s.%N)
"$zoning" run --each "${projects[@]}" --out "$work/province" --overwrite ${jobs:+--jobs "$jobs"} >"$work/progress.txt"
end=$(date +%s.%N)
total=$(echo "$end - $start" | bc -l)
grep '^Province:' "$work/progress.txt" || true  # with the default --jobs: the choice zoning made
python3 - "$work/province/province-summary.csv" "$total" "$counties" "$parcels" "${jobs:-default}" "$load" "${BENCH_IRREGULAR:+irregular }" <<'EOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
total, counties, parcels, jobs = float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"zoning run --each: {counties} counties of {parcels:,} {sys.argv[7]}parcels, release build, --jobs {jobs}, load average before: {sys.argv[6]}")
print(f"  {'county':<10}{'status':<9}{'seconds':>9}{'CPU s':>9}{'peak MB':>9}")
for r in rows:
    print(f"  {r['folder']:<10}{r['status']:<9}{float(r['seconds']):>9.1f}{float(r['cpu_seconds']):>9.1f}{float(r['peak_mb']):>9.0f}")
peaks = [float(r["peak_mb"]) for r in rows]
print(f"  total wall time: {total:.1f} s (goal for 20 × 300k: ≤ 90 s); {total / counties:.1f} s a county")
print(f"  peak memory: first county {peaks[0]:.0f} MB, last {peaks[-1]:.0f} MB, largest {max(peaks):.0f} MB (last/first {peaks[-1] / peaks[0]:.2f})")
EOF
