#!/usr/bin/env bash
# Writes Tests/Fixtures/townships.*: four 5 km square township-level units in CGCS2000
# 3-degree Gauss–Krüger zone 40 with the zone prefix (EPSG:4528), UTF-8 attributes — a layer
# small enough that tests can state its answers by hand (which township holds a point, how
# far a facility is). Written with shapelib's own command-line tools (Debian package
# `shapelib`), so that zoning's reader is tested on files zoning did not write.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$here/Tests/Fixtures"
if ! command -v shpcreate >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq shapelib
fi
mkdir -p "$out"
cd "$out"
rm -f townships.shp townships.shx townships.dbf townships.prj townships.cpg

shpcreate townships polygon
dbfcreate townships -s XZQDM 9 -s XZQMC 50 -s KIND 12

# 5 km squares; x is the easting with the zone prefix 40, y the northing, both in metres.
# Rings are clockwise (the shapefile convention for outer rings).
x0=40495000; y0=4015000; s=5000
add() {  # column row code name kind
    local x=$((x0 + $1 * s)) y=$((y0 + $2 * s))
    shpadd townships $x $y $x $((y + s)) $((x + s)) $((y + s)) $((x + s)) $y $x $y
    dbfadd townships "$3" "$4" "$5"
}
add 0 1 370000001 "城关街道" "街道"
add 1 1 370000101 "东湖镇" "镇"
add 0 0 370000201 "西山乡" "乡"
add 1 0 370000401 "经济开发区" "开发区"

printf 'UTF-8' > townships.cpg
printf '%s' 'PROJCS["CGCS2000_3_Degree_GK_Zone_40",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",40500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",120.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]' > townships.prj
echo "wrote $out/townships.{shp,shx,dbf,prj,cpg}"
