#!/usr/bin/env bash
# Takes the README's screenshot of the sample report: runs the main job (Scripts/run.sh), opens
# out/sample/report.html in headless Chromium and writes the top of the page to
# docs/report-screenshot.png. Installs chromium and a CJK font when they are missing.
#
#   Scripts/report-screenshot.sh [HEIGHT]    # window height in pixels, 2400 by default
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ZONING_APT_EXTRA="chromium fonts-wqy-microhei ${ZONING_APT_EXTRA:-}"
source "$root/Scripts/setup.sh"
"$root/Scripts/run.sh" >/dev/null
mkdir -p "$root/docs"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --no-first-run --user-data-dir="$profile" --hide-scrollbars \
    --window-size="1280,${1:-2400}" --screenshot="$root/docs/report-screenshot.png" \
    "file://$root/out/sample/report.html" 2>/dev/null
echo "$root/docs/report-screenshot.png"
