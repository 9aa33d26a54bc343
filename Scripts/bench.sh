#!/usr/bin/env bash
# Benchmarks, each timed on the default county (baseline, 20 000 parcels) and on one of
# 300 000 parcels in the same invocation, with the ratio of time per parcel:
#   sample    zoning sample (goal: 300 000 parcels in under a minute on 2 cores)
#   classify  zoning classify (goal: one county in seconds)
#   run       zoning run on the county's project.yaml: every analysis, outputs, maps and report
#   threads   zoning run at 300 000 parcels on one thread (baseline, ZONING_THREADS=1) and on
#             all cores, with the speed-up
#   scale     zoning run -q at 20 000, 100 000, 300 000 and 1 000 000 parcels: wall and CPU
#             time, peak RSS and the manifest's seconds per step, one table; then the growth
#             exponent k of time ∝ n^k (least squares on log–log) beside n log n's
#   baseline  at 300 000 parcels, the Python baseline (Scripts/baseline: GeoPandas/Shapely 2,
#             the same built-up regions, classes and coverage) against zoning run and against
#             zoning classify + zoning coverage (the same analyses only) on the same files:
#             wall, CPU and peak RSS with the ratios baseline / zoning; then the check that
#             both give the same class to every unit and coverage within 0.1 point
#             (Scripts/baseline/compare.py; a disagreement fails the script)
#   province  zoning run --each over 20 copies of the 300 000-parcel county
#             (Scripts/bench-province.sh: seconds and peak memory per county, total time)
#   irregular the 300 000-parcel county with irregular parcels (`zoning sample --irregular`: bent
#             edges, 8–24 vertices a parcel, as surveyed parcels have; the lattice's quadrilaterals
#             flatter the built-up step): the Python baseline, then `zoning run` without and with
#             the roads layer, in the same invocation: wall, CPU, peak, the machine's load
#             (`uptime`) before each, zoning's step times, and the ratios baseline / zoning
#             (BENCH_BEFORE=path/to/an/earlier/zoning also times that binary: before / now;
#             BENCH_REPEAT=N times N baseline / zoning pairs and prints the medians' ratio)
#   irregular-province  zoning run --each over 20 copies of that county (bench-province.sh;
#             BENCH_JOBS=N for --jobs N, zoning's own default without; BENCH_NOROADS=1 without roads)
#   report    the 300 000-parcel county's report.html opened in headless Chromium, against an
#             empty page (baseline: Chromium's own start), with its size (goals < 2 s, < 5 MB)
# Usage: Scripts/bench.sh [sample|classify|run|threads|scale|baseline|province|report|irregular|irregular-province]
# (all but the irregular ones by default)
# BENCH_SIZES="20000 100000" limits scale's sizes (and replaces baseline's 300000) for quick
# runs; BENCH_ZONING=path/to/zoning times that binary instead of building one. Counties are
# generated once and kept in BENCH_WORK (default .build/bench in the checkout, git-ignored),
# made again when the zoning binary's version changes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
source "$root/Scripts/bench-binary.sh"  # sets zoning: BENCH_ZONING or this checkout's release build
work="${BENCH_WORK:-$root/.build/bench}"
mkdir -p "$work"

timed() {  # command… → wall-clock seconds
    local start end
    start=$(date +%s.%N)
    "$@"
    end=$(date +%s.%N)
    echo "$end - $start" | bc -l
}
county() {  # parcels → makes $work/<parcels> once (again when zoning's version changes)
    local version
    version="$("$zoning" --version)"
    [ -f "$work/$1/.zoning-version" ] && [ "$(cat "$work/$1/.zoning-version")" = "$version" ] && return
    rm -rf "$work/$1" "$work/$1.partial"
    "$zoning" sample -q --out "$work/$1.partial" --parcels "$1" >&2
    echo "$version" >"$work/$1.partial/.zoning-version"
    mv "$work/$1.partial" "$work/$1"
}
sample() { timed "$zoning" sample -q --overwrite --out "$work/timed-$1" --parcels "$1"; rm -rf "$work/timed-$1"; }
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
measured() {  # command… → "wall cpu peak_mb" (GNU time: elapsed, user + sys, max RSS)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" "$@" >/dev/null
    awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$work/time.txt"
}
scale() {
    local n wall cpu peak load sizes=(${BENCH_SIZES:-20000 100000 300000 1000000})
    : >"$work/scale.txt"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    for n in "${sizes[@]}"; do
        county "$n"
        read -r wall cpu peak < <(measured "$zoning" run -q --overwrite "$work/$n/project.yaml" --out "$work/$n/run")
        echo "$n $wall $cpu $peak $(python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["timings"]
print(" ".join(f"{k[:-2]}={v}" for k, v in t.items() if k.endswith("_s")))' "$work/$n/run/manifest.json")" >>"$work/scale.txt"
    done
    printf 'zoning run -q, release build, %s cores, load average before: %s (seconds; peak resident memory in MB)\n' \
        "$(nproc)" "$load"
    awk '{
        steps = ""; header = ""
        for (i = 5; i <= NF; i++) { split($i, kv, "="); header = header sprintf(" %9s", kv[1]); steps = steps sprintf(" %9.2f", kv[2]) }
        if (NR == 1) printf "%10s %8s %8s %8s %s\n", "parcels", "wall", "CPU", "peak MB", header
        printf "%10d %8.2f %8.2f %8d %s\n", $1, $2, $3, $4, steps
    }' "$work/scale.txt"
    [ "${#sizes[@]}" -ge 2 ] || return 0
    scale_exponents "$work/scale.txt"
}
scale_exponents() {  # scale.txt → k of time ∝ n^k: least squares over all sizes, and between neighbours
    awk '
        function slope(col, from, to,   i, k, mx, my, sxy, sxx) {
            mx = 0; my = 0; k = to - from + 1
            for (i = from; i <= to; i++) { mx += x[i]; my += log(v[i, col]) }
            mx /= k; my /= k; sxy = 0; sxx = 0
            for (i = from; i <= to; i++) { sxy += (x[i] - mx) * (log(v[i, col]) - my); sxx += (x[i] - mx) ^ 2 }
            return sxy / sxx
        }
        {
            m++; x[m] = log($1); v[m, 2] = $2; v[m, 3] = $3; v[m, 4] = $1 * log($1)
            for (i = 5; i <= NF; i++) { split($i, kv, "="); name[i] = kv[1]; v[m, i] = (kv[2] > 0 ? kv[2] : 0.001) }
            fields = NF
        }
        END {
            printf "growth exponent k of time ∝ n^k, %.0f to %.0f parcels (least squares on log–log):\n", exp(x[1]), exp(x[m])
            printf "  wall %.2f, CPU %.2f; n log n over the same sizes: %.2f (n: 1.00)\n", slope(2, 1, m), slope(3, 1, m), slope(4, 1, m)
            printf "  between neighbouring sizes (steps under 0.1 s at the smaller size are left out):\n"
            printf "  %19s %6s %6s %8s", "", "wall", "CPU", "n log n"
            for (i = 5; i <= fields; i++) printf " %s", name[i]
            printf "\n"
            for (j = 2; j <= m; j++) {
                printf "  %8.0f → %8.0f %6.2f %6.2f %8.2f", exp(x[j - 1]), exp(x[j]), slope(2, j - 1, j), slope(3, j - 1, j), slope(4, j - 1, j)
                for (i = 5; i <= fields; i++)
                    printf " %*s", length(name[i]), (v[j - 1, i] >= 0.1 ? sprintf("%.2f", slope(i, j - 1, j)) : "–")
                printf "\n"
            }
        }' "$1"
}
baseline() {
    local n python b r c sizes=(${BENCH_SIZES:-300000}) status=0
    python3 "$root/Scripts/baseline/baseline.py" --setup  # makes the venv once, not timed
    python="${BASELINE_VENV:-$root/.build/baseline-venv}/bin/python"
    for n in "${sizes[@]}"; do
        county "$n"
        local d="$work/$n" load
        load=$(cut -d' ' -f1-3 /proc/loadavg)
        b=$(measured "$python" "$root/Scripts/baseline/baseline.py" -q "$d/project.yaml" --out "$d/baseline")
        r=$(measured "$zoning" run -q --overwrite "$d/project.yaml" --out "$d/run")
        c=$(measured sh -c '"$1" classify -q --overwrite --land-use "$2/DLTB.shp" --villages "$2/villages.shp" \
                --seats "$2/seats.shp" --out "$2/classify" &&
            "$1" coverage -q --overwrite --regions "$2/townships.shp" --facilities "$2/facilities-gcj02.csv" \
                --facilities-crs GCJ02 --include-0702 --land-use "$2/DLTB.shp" --villages "$2/villages.shp" \
                --out "$2/coverage"' sh "$zoning" "$d")
        printf 'Python baseline (GeoPandas %s, Shapely %s) against zoning, %s parcels, %s cores, load average before: %s\n' \
            "$("$python" -c 'import geopandas; print(geopandas.__version__)')" \
            "$("$python" -c 'import shapely; print(shapely.__version__)')" "$n" "$(nproc)" "$load"
        printf '  %-28s %8s %8s %8s   %s\n' "" "wall s" "CPU s" "peak MB" "baseline / zoning: wall, CPU, peak"
        printf '  %-28s %8.2f %8.2f %8d\n' "Python baseline" $b
        for row in "zoning run (everything)|$r" "zoning classify + coverage|$c"; do
            printf '  %-28s %8.2f %8.2f %8d   %s\n' "${row%%|*}" ${row#*|} "$(echo "$b ${row#*|}" |
                awk '{ printf "%.2f×  %.2f×  %.2f×", $1 / $4, $2 / $5, $3 / $6 }')"
        done
        python3 - "$d/baseline/timings.json" "$d/run/manifest.json" <<'STEPS'
import json, sys
b = json.load(open(sys.argv[1]))
z = json.load(open(sys.argv[2]))["timings"]
print("  seconds per step (the baseline's timings.json, zoning run's manifest):")
print(f"  {'':28s} {'baseline':>8s} {'zoning':>8s}   baseline / zoning")
for name, steps in [("read (zoning: and checks)", None), ("built-up regions", ["builtup_s"]),
                    ("classification", ["classify_s"]), ("coverage", ["coverage_s"]),
                    ("the three analyses", ["builtup_s", "classify_s", "coverage_s"])]:
    bs = b["read_s"] if steps is None else sum(b[s] for s in steps)
    zs = z["read_s"] + z["checks_s"] if steps is None else sum(z[s] for s in steps)
    print(f"  {name:28s} {bs:8.2f} {zs:8.2f}   {bs / zs:.2f}×" if zs > 0 else f"  {name:28s} {bs:8.2f} {zs:8.2f}")
STEPS
        echo "  check against zoning run:"
        python3 "$root/Scripts/baseline/compare.py" "$d/run" "$d/baseline" | sed 's/^/    /' || status=1
        echo "  check against zoning classify + coverage:"
        python3 "$root/Scripts/baseline/compare.py" "$d/classify" "$d/baseline" --zoning-coverage "$d/coverage" |
            sed 's/^/    /' || status=1
    done
    return $status
}
irregular_county() {  # parcels → $work/irregular-<parcels> once, with project-noroads.yaml (and its targets) beside project.yaml
    local dir="$work/irregular-$1" version
    version="$("$zoning" --version)"
    [ -f "$dir/.zoning-version" ] && [ "$(cat "$dir/.zoning-version")" = "$version" ] && return
    rm -rf "$dir" "$dir.partial"
    "$zoning" sample -q --irregular --out "$dir.partial" --parcels "$1" >&2
    python3 - "$dir.partial" <<'NOROADS'
import re, sys
# project-noroads.yaml: project.yaml without the roads layer, its targets without those on foot.
folder = sys.argv[1]
out, skip = [], False
for line in open(f"{folder}/project.yaml", encoding="utf-8").read().split("\n"):
    if line.startswith("  roads:"):
        skip = True
        continue
    if skip and line.startswith("    "):
        continue
    skip = False
    out.append(re.sub(r"^targets: targets.yaml", "targets: targets-noroads.yaml", line))
open(f"{folder}/project-noroads.yaml", "w", encoding="utf-8").write("\n".join(out))
text = open(f"{folder}/targets.yaml", encoding="utf-8").read()
head, _, entries = text.partition("\n  - ")
kept = [e for e in entries.split("\n  - ") if not e.startswith("indicator: network_")]
open(f"{folder}/targets-noroads.yaml", "w", encoding="utf-8").write(head + "".join("\n  - " + e for e in kept))
NOROADS
    echo "$version" >"$dir.partial/.zoning-version"
    mv "$dir.partial" "$dir"
}
paired() {  # python county "baseline figures" "zoning figures" → with BENCH_REPEAT=N, N − 1 more
    # baseline / zoning-without-roads pairs, one after the other, and the median of each (the
    # baseline's wall time moves by a second or more between runs on the same quiet machine)
    local n="${BENCH_REPEAT:-1}" i walls_b=("${3%% *}") walls_z=("${4%% *}") b r
    [ "$n" -gt 1 ] || return 0
    for ((i = 1; i < n; i++)); do
        b=$(measured "$1" "$root/Scripts/baseline/baseline.py" -q "$2/project-noroads.yaml" --out "$2/baseline")
        r=$(measured "$zoning" run -q --overwrite "$2/project-noroads.yaml" --out "$2/run-noroads")
        walls_b+=("${b%% *}") walls_z+=("${r%% *}")
    done
    python3 - "${walls_b[*]}" "${walls_z[*]}" <<'PAIRS'
import statistics, sys
b, z = ([float(x) for x in a.split()] for a in sys.argv[1:])
print(f"  {len(b)} pairs, baseline then zoning run without roads, one after the other (wall s):")
print("    baseline " + " ".join(f"{x:6.2f}" for x in b))
print("    zoning   " + " ".join(f"{x:6.2f}" for x in z))
print("    ratio    " + " ".join(f"{x / y:5.2f}×" for x, y in zip(b, z)))
print(f"  median: baseline {statistics.median(b):.2f} s, zoning {statistics.median(z):.2f} s, "
      f"ratio of medians {statistics.median(b) / statistics.median(z):.2f}× (goal ≥ 4×)")
PAIRS
}
irregular() {  # the baseline, then zoning run without and with roads, one after the other
    local n="${BENCH_PARCELS:-300000}" python d b r w lb lr lw
    python3 "$root/Scripts/baseline/baseline.py" --setup
    python="${BASELINE_VENV:-$root/.build/baseline-venv}/bin/python"
    irregular_county "$n"
    d="$work/irregular-$n"
    lb=$(uptime | sed 's/.*load average: //')
    b=$(measured "$python" "$root/Scripts/baseline/baseline.py" -q "$d/project-noroads.yaml" --out "$d/baseline")
    lr=$(uptime | sed 's/.*load average: //')
    r=$(measured "$zoning" run -q --overwrite "$d/project-noroads.yaml" --out "$d/run-noroads")
    lw=$(uptime | sed 's/.*load average: //')
    w=$(measured "$zoning" run -q --overwrite "$d/project.yaml" --out "$d/run-roads")
    printf 'irregular county: %s parcels (zoning sample --irregular), %s, %s cores\n' \
        "$(python3 -c 'import sys; print(int.from_bytes(open(sys.argv[1], "rb").read()[4:8], "little"))' "$d/DLTB.dbf")" \
        "$("$zoning" --version | head -1)" "$(nproc)"
    printf '  %-30s %8s %8s %8s   %-30s %s\n' "" "wall s" "CPU s" "peak MB" "baseline / zoning: wall, CPU" "load average before"
    printf '  %-30s %8.2f %8.2f %8d   %-30s %s\n' "Python baseline (no roads)" $b "" "$lb"
    for row in "zoning run, no roads|$r|$lr" "zoning run, with roads|$w|$lw"; do
        IFS='|' read -r name figures load <<<"$row"
        printf '  %-30s %8.2f %8.2f %8d   %-30s %s\n' "$name" $figures "$(echo "$b $figures" |
            awk '{ printf "%.2f×  %.2f×", $1 / $4, $2 / $5 }')" "$load"
    done
    python3 - "$d/baseline/timings.json" "$d/run-noroads/manifest.json" "$d/run-roads/manifest.json" <<'STEPS'
import json, sys
b = json.load(open(sys.argv[1]))
runs = [json.load(open(p))["timings"] for p in sys.argv[2:]]
steps = [k for k in runs[1] if k.endswith("_s")]
print("  zoning's step times (s, the manifest's timings):")
print(f"  {'':14s}" + "".join(f"{k[:-2]:>{max(len(k), 8)}s}" for k in steps))
for name, t in zip(["no roads", "with roads"], runs):
    print(f"  {name:14s}" + "".join(f"{t.get(k, 0):{max(len(k), 8)}.2f}" for k in steps))
print("  the three analyses (built-up, classification, coverage), baseline / zoning without roads: "
      + f"{b['builtup_s'] + b['classify_s'] + b['coverage_s']:.2f} s / "
      + f"{runs[0]['builtup_s'] + runs[0]['classify_s'] + runs[0]['coverage_s']:.2f} s")
STEPS
    python3 - "$d/run-noroads" "$d/run-roads" <<'SIZES'
import os, sys
for folder in sys.argv[1:]:
    size = lambda f: os.path.getsize(os.path.join(folder, f)) / 1048576 if os.path.exists(os.path.join(folder, f)) else 0
    print(f"  {os.path.basename(folder)}: report.html {size('report.html'):.2f} MB (goal ≤ 3 MB), gaps.shp {size('gaps.shp'):.1f} MB + .dbf {size('gaps.dbf'):.1f} MB, "
          f"all files {sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(folder) for f in fs) / 1048576:.0f} MB")
SIZES
    echo "  check against zoning run (no roads):"
    python3 "$root/Scripts/baseline/compare.py" "$d/run-noroads" "$d/baseline" | sed 's/^/    /'
    paired "$python" "$d" "$b" "$r"
    [ -n "${BENCH_BEFORE:-}" ] || return 0
    # An earlier zoning binary on the same county, right after: before / now.
    local bl bw
    lb=$(uptime | sed 's/.*load average: //')
    bl=$(measured "$BENCH_BEFORE" run -q --overwrite "$d/project-noroads.yaml" --out "$d/before-noroads")
    lw=$(uptime | sed 's/.*load average: //')
    bw=$(measured "$BENCH_BEFORE" run -q --overwrite "$d/project.yaml" --out "$d/before-roads")
    printf '  BENCH_BEFORE=%s on the same county:\n' "$BENCH_BEFORE"
    printf '  %-30s %8s %8s %8s   %-30s %s\n' "" "wall s" "CPU s" "peak MB" "before / now: wall, CPU, peak" "load average before"
    for row in "before, no roads|$bl|$r|$lb" "before, with roads|$bw|$w|$lw"; do
        IFS='|' read -r name figures now load <<<"$row"
        printf '  %-30s %8.2f %8.2f %8d   %-30s %s\n' "$name" $figures "$(echo "$figures $now" |
            awk '{ printf "%.2f×  %.2f×  %.2f×", $1 / $4, $2 / $5, $3 / $6 }')" "$load"
    done
    python3 - "$d/before-noroads" "$d/run-noroads" "$d/before-roads" "$d/run-roads" <<'BEFORE'
import json, os, sys
for label, folder in zip(["before, no roads", "now, no roads", "before, roads", "now, roads"], sys.argv[1:]):
    t = json.load(open(os.path.join(folder, "manifest.json")))["timings"]
    steps = " ".join(f"{k[:-2]} {v:.2f}" for k, v in t.items() if k.endswith("_s"))
    print(f"  {label:18s} report {os.path.getsize(os.path.join(folder, 'report.html')) / 1048576:5.2f} MB, gaps.shp {os.path.getsize(os.path.join(folder, 'gaps.shp')) / 1048576:5.1f} MB; {steps}")
BEFORE
}
report_open() {  # the 300k county's report in headless Chromium, against an empty page
    command -v chromium >/dev/null || ZONING_APT_EXTRA="chromium fonts-wqy-microhei" source "$root/Scripts/setup.sh"
    county 300000
    "$zoning" run -q --overwrite "$work/300000/project.yaml" --out "$work/300000/run"
    local page="$work/300000/run/report.html" empty="$work/empty.html" base=() open=()
    echo "<html><body>.</body></html>" >"$empty"
    open_in_chromium() {
        local profile start end
        profile="$(mktemp -d)"
        start=$(date +%s.%N)
        chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" \
            --window-size=1280,2400 --screenshot="$profile/shot.png" "file://$1" >/dev/null 2>&1
        end=$(date +%s.%N)
        rm -rf "$profile"
        echo "$end - $start" | bc -l
    }
    for _ in 1 2 3; do base+=("$(open_in_chromium "$empty")"); open+=("$(open_in_chromium "$page")"); done
    local best_base best_open
    best_base=$(printf '%s\n' "${base[@]}" | sort -n | head -1)
    best_open=$(printf '%s\n' "${open[@]}" | sort -n | head -1)
    printf 'report.html of 300 000 parcels in headless Chromium (best of 3, screenshot taken)\n'
    printf '  size: %.2f MB (goal < 5 MB)\n' "$(echo "$(stat -c %s "$page") / 1048576" | bc -l)"
    printf '  baseline  empty page: %.2f s\n  report:             %.2f s; the report itself %.2f s (goal < 2 s)\n' \
        "$best_base" "$best_open" "$(echo "$best_open - $best_base" | bc -l)"
}

case "${1:-all}" in
    sample) report sample "< 60 s" ;;
    classify) report classify "seconds" ;;
    run) report run "a county in under a minute" ;;
    threads) threads ;;
    scale) scale ;;
    baseline) baseline ;;
    province) BENCH_ZONING="$zoning" "$root/Scripts/bench-province.sh" 20 300000 ;;
    report) report_open ;;
    irregular) irregular ;;
    irregular-province) BENCH_ZONING="$zoning" BENCH_IRREGULAR=1 "$root/Scripts/bench-province.sh" 20 "${BENCH_PARCELS:-300000}" "${BENCH_JOBS:-}" ;;
    all) report sample "< 60 s"; report classify "seconds"; report run "a county in under a minute"; threads
         scale; baseline; report_open; BENCH_ZONING="$zoning" "$root/Scripts/bench-province.sh" 20 300000 ;;
    *) echo "usage: Scripts/bench.sh [sample|classify|run|threads|scale|baseline|province|report|irregular|irregular-province]" >&2; exit 2 ;;
esac
