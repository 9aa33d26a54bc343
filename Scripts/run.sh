#!/usr/bin/env bash
# The main job on the embedded sample: builds zoning (release) and runs it on Shapefiles/.
# Installs what it needs first (Scripts/setup.sh). Works from any directory; extra arguments
# replace the default command, e.g. Scripts/run.sh info /data/DLTB.shp
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"

echo "Building zoning (release; the first build takes a few minutes)…" >&2
if ! log="$(swift build --package-path "$root" -c release --product zoning 2>&1)"; then
    echo "$log" >&2
    exit 1
fi
zoning="$(swift build --package-path "$root" -c release --show-bin-path)/zoning"

if (($#)); then
    exec "$zoning" "$@"
fi
# The main job on the sample county (until `zoning run` and its report exist): built-up regions,
# urban–rural classes, urbanization and review lists; public-service coverage from the web-map
# (GCJ-02) facility list; and the plan targets checked against both. Outputs: out/sample/.
sample="$root/Shapefiles" out="$root/out/sample"
"$zoning" classify --land-use "$sample/DLTB.shp" --villages "$sample/villages.shp" --seats "$sample/seats.shp" \
    --out "$out/classification" --overwrite
echo
"$zoning" coverage --regions "$sample/townships.shp" --facilities "$sample/facilities-gcj02.csv" --facilities-crs GCJ02 \
    --land-use "$sample/DLTB.shp" --villages "$sample/villages.shp" --include-0702 --out "$out/coverage" --overwrite
echo
exec "$zoning" targets "$sample/targets.yaml" --results "$out/classification" --results "$out/coverage" \
    --out "$out/targets.csv" --overwrite
