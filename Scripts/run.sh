#!/usr/bin/env bash
# The main job on the embedded sample: builds zoning (release) and runs `zoning run` on
# Shapefiles/project.yaml, writing out/sample/report.html and every other output.
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
# The main job on the embedded sample county: every analysis, its layers, tables, maps, the
# HTML report and the manifest, in out/sample/ (replaced on each run).
exec "$zoning" run --overwrite
