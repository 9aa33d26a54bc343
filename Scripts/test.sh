#!/usr/bin/env bash
# Runs the whole test suite. Installs what it needs first (Scripts/setup.sh), and starts a
# throw-away PostGIS server for the database tests (Scripts/postgis.sh), stopped and deleted on
# exit whatever the outcome. Works from any directory. Tests on real third-party data read the shared test data beside the checkout
# (see Tests/ZoningTestSupport/SharedData.swift).
#
#   Scripts/test.sh                       # all tests
#   Scripts/test.sh --sanitize=thread     # all tests under the thread sanitizer (own build folder)
#   Scripts/test.sh --sanitize=address    # all tests under the address sanitizer (own build folder)
#   Scripts/test.sh --filter Geometry     # any other `swift test` options pass through
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# gdal-bin: tests open zoning's outputs with GDAL's ogrinfo, as other GIS software would.
# chromium and a CJK font: a test opens the HTML report in headless Chromium and counts what it draws;
# poppler-utils: a test prints the report to PDF and reads it page by page.
# python3-qgis: QGIS itself, headless, opens the run's layers, styles and project (Scripts/qgis-check.py).
# qgis-server: a test serves the sample run with QGIS Server's qgis_mapserver (zoning serve).
export ZONING_APT_EXTRA="gdal-bin chromium fonts-wqy-microhei poppler-utils python3-qgis qgis-server ${ZONING_APT_EXTRA:-}"
source "$root/Scripts/setup.sh"

scratch=(--scratch-path "$root/.build")
for argument in "$@"; do
    # A sanitized build goes to its own folder so that it does not rebuild the normal one.
    case "$argument" in --sanitize=*) scratch=(--scratch-path "$root/.build-${argument#--sanitize=}") ;; esac
    # Under the address sanitizer, leaks are not failures: the Swift runtime keeps caches for
    # the process's life. Overflows, use-after-free and the like are.
    case "$argument" in --sanitize=address) export ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" ;; esac
done

# The database tests' server. Outside CI, a machine where PostgreSQL cannot be installed runs
# the other tests and skips those, saying why; in CI (CI=true) that is a failure.
if server="$("$root/Scripts/postgis.sh" start)"; then
    eval "$server"
    trap '"$root/Scripts/postgis.sh" stop "$ZONING_TEST_POSTGIS_FOLDER"' EXIT
    trap 'exit 130' INT TERM  # so that the EXIT trap runs on Ctrl-C and kill too
elif [ "${CI:-}" = "true" ]; then
    echo "zoning test: the PostGIS test server did not start (above); CI needs it" >&2
    exit 1
else
    echo "zoning test: the PostGIS test server did not start (above); the database tests will be skipped" >&2
fi
swift test --package-path "$root" "${scratch[@]}" "$@"
