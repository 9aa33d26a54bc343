#!/usr/bin/env bash
# The zoning binary a benchmark times, for the bench scripts to source (bench.sh,
# bench-compare.sh, bench-province.sh, bench-stamps.sh) after setting `root` to the checkout.
# Sets `zoning` to the path of that binary: BENCH_ZONING when it is set (a binary built
# elsewhere, e.g. main's, to compare two builds one after the other; nothing is built), else
# this checkout's release build, built first (Scripts/setup.sh puts Swift on PATH).
#
#   root=/path/to/checkout; source "$root/Scripts/bench-binary.sh"; "$zoning" --version
if [ -n "${BENCH_ZONING:-}" ]; then
    zoning="$BENCH_ZONING"
    [ -x "$zoning" ] || { echo "BENCH_ZONING=$zoning is not an executable file" >&2; exit 1; }
else
    source "$root/Scripts/setup.sh"
    swift build --package-path "$root" -c release --product zoning >/dev/null
    zoning="$(swift build --package-path "$root" -c release --show-bin-path)/zoning"
fi
