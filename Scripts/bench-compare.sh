#!/usr/bin/env bash
# The comparison's cost (issue 29; goal: at 300 000 parcels it adds at most 10 % to a run):
# the sample county at P parcels, year 1 and year 2 (`zoning sample --year 2`), each run once;
# then year 2 run again with `compare_with:` year 1's folder. Prints the wall and CPU seconds
# of year 2's run without and with the comparison, the comparison step's own seconds from the
# manifest (`compare_s`), its share of the run, and `zoning compare` on the two folders alone.
#
#   Scripts/bench-compare.sh [PARCELS]        # 300000 by default
# BENCH_ZONING and BENCH_WORK as for Scripts/bench.sh (a binary to time; where counties are kept).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
parcels="${1:-300000}"
source "$root/Scripts/bench-binary.sh"  # sets zoning: BENCH_ZONING or this checkout's release build
cache="${BENCH_WORK:-$root/.build/bench}/compare-$parcels"
[ -f "$cache/year1/project.yaml" ] || "$zoning" sample -q --overwrite --out "$cache/year1" --parcels "$parcels"
[ -f "$cache/year2/project.yaml" ] || "$zoning" sample -q --overwrite --out "$cache/year2" --parcels "$parcels" --year 2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cpu() {  # command… → CPU seconds (user + system) of the command
    python3 - "$@" <<'PY'
import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{usage.ru_utime + usage.ru_stime:.2f}")
PY
}

"$zoning" run -q "$cache/year1/project.yaml" --out "$work/year1"
cp "$cache/year2/project.yaml" "$work/plain.yaml"
sed -i "s#^output:.*#output: $work/plain#" "$work/plain.yaml"
{ cat "$cache/year2/project.yaml"; echo; echo "compare_with: $work/year1"; } | sed "s#^output:.*#output: $work/compared#" > "$work/compared.yaml"
# The project files stay beside the data: their relative paths resolve there.
cp "$work/plain.yaml" "$cache/year2/bench-plain.yaml"
cp "$work/compared.yaml" "$cache/year2/bench-compared.yaml"
wall() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc -l; }
plain_cpu=$(cpu "$zoning" run -q "$cache/year2/bench-plain.yaml" --overwrite)
compared_cpu=$(cpu "$zoning" run -q "$cache/year2/bench-compared.yaml" --overwrite)
plain_wall=$(wall "$zoning" run -q "$cache/year2/bench-plain.yaml" --overwrite)
compared_wall=$(wall "$zoning" run -q "$cache/year2/bench-compared.yaml" --overwrite)
alone_wall=$(wall "$zoning" compare -q "$work/year1" "$work/compared" --out "$work/alone")
rm -f "$cache/year2/bench-plain.yaml" "$cache/year2/bench-compared.yaml"
python3 - "$work/compared/manifest.json" "$parcels" "$plain_wall" "$compared_wall" "$plain_cpu" "$compared_cpu" "$alone_wall" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1]))
parcels = int(sys.argv[2])
plain_wall, compared_wall, plain_cpu, compared_cpu, alone = map(float, sys.argv[3:8])
step = manifest["timings"].get("compare_s", 0.0)
total = sum(v for k, v in manifest["timings"].items() if k.endswith("_s"))
print(f"comparison at {parcels} parcels (year 2 against year 1):")
print(f"  zoning run           wall {plain_wall:7.2f} s   CPU {plain_cpu:7.2f} s")
print(f"  with compare_with:   wall {compared_wall:7.2f} s   CPU {compared_cpu:7.2f} s")
print(f"  added                wall {100 * (compared_wall / plain_wall - 1):+6.1f} %   CPU {100 * (compared_cpu / plain_cpu - 1):+6.1f} %   (goal: at most +10 %)")
print(f"  the step (manifest)  {step:.3f} s of the run's {total:.2f} s ({100 * step / total:.1f} %), writing its files included in write_s")
print(f"  zoning compare alone wall {alone:7.2f} s (reading both folders back)")
PY
