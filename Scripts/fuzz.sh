#!/usr/bin/env bash
# Fuzzes zoning's readers with libFuzzer and the address sanitizer (docs/FUZZING.md).
#
#   Scripts/fuzz.sh TARGET SECONDS     # one target: shapefile, geojson, csv, wkt, wkb, project or geopackage
#   Scripts/fuzz.sh all SECONDS        # every target in turn, SECONDS each
#   Scripts/fuzz.sh wkb 86400 -runs=1000000   # arguments after SECONDS go to libFuzzer
#
# Builds zoning-fuzz with -sanitize=fuzzer,address (in .build-fuzz, release mode), seeds each
# target's corpus (fuzz/corpus/TARGET) from Shapefiles/, the test fixtures and the shared test
# data beside the checkout, and runs libFuzzer. A finding (a crash, a sanitizer report, a hang
# over 10 s, over 4 GB of memory) is saved in fuzz/findings/TARGET/ and fails the script;
# replay it with: .build/debug/zoning-fuzz replay TARGET fuzz/findings/TARGET/crash-…
# The targets write their files in a folder of the run's under TMPDIR, or under /dev/shm when
# TMPDIR is not set and /dev/shm is there (the file targets then do not wait on the disk); the
# folder is removed at the end, since libFuzzer leaves by exit() without removing it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
targets=(shapefile geojson csv wkt wkb project geopackage)
if [ $# -lt 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: Scripts/fuzz.sh TARGET|all SECONDS [LIBFUZZER-OPTION…]   (targets: ${targets[*]})" >&2
    exit 2
fi
if [ "$1" = "all" ]; then chosen=("${targets[@]}"); else chosen=("$1"); fi
seconds="$2"
extra=("${@:3}")   # e.g. -runs=1000000; after the script's own options, so they win
scratch="${TMPDIR:-}"
if [ -z "$scratch" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then scratch=/dev/shm; fi
scratch="$(mktemp -d "${scratch:-/tmp}/zoning-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
source "$root/Scripts/setup.sh"

# The seeds come from the normal build's zoning-fuzz, the fuzzing from the instrumented one,
# linked with the toolchain's lld (Debian's gold fails on the sanitizers' symbols).
swift build --package-path "$root" --scratch-path "$root/.build" --product zoning-fuzz >&2
swift build --package-path "$root" --scratch-path "$root/.build-fuzz" -c release --product zoning-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >&2
replayer="$(swift build --package-path "$root" --scratch-path "$root/.build" --show-bin-path)/zoning-fuzz"
fuzzer="$(swift build --package-path "$root" --scratch-path "$root/.build-fuzz" -c release --show-bin-path \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)/zoning-fuzz"

shared="$(cd "$root/.." && pwd)/shared/data/shapefiles"
sources=("$root/Shapefiles" "$root/Tests/Fixtures")
[ -d "$shared" ] && sources+=("$shared")

failed=()
for target in "${chosen[@]}"; do
    corpus="$root/fuzz/corpus/$target"
    findings="$root/fuzz/findings/$target"
    mkdir -p "$corpus" "$findings"
    [ -n "$(ls -A "$corpus")" ] || "$replayer" seeds "$target" "$corpus" "${sources[@]}"
    echo "zoning fuzz: $target for $seconds s" >&2
    # Leaks are not findings here (the Swift runtime keeps caches); the tests run under ASan too.
    # No allocation stacks while fuzzing (malloc_context_size=0): recording one per malloc,
    # GEOS's included, grew the sanitizer's stack store by about 1 KB per execution and its
    # compression took half the time of a long run. A finding is run again with them below.
    environment=(TMPDIR="$scratch" ZONING_FUZZ_TARGET="$target" ZONING_FUZZ_SAMPLE="$root/Shapefiles")
    if ! env "${environment[@]}" ASAN_OPTIONS=detect_leaks=0:malloc_context_size=0 \
        "$fuzzer" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$findings/" -print_final_stats=1 "${extra[@]}" 2>"$root/fuzz/$target.log"; then
        failed+=("$target")
        tail -40 "$root/fuzz/$target.log" >&2
        finding="$(ls -t "$findings"/crash-* 2>/dev/null | head -1 || true)"
        if [ -n "$finding" ]; then
            echo "zoning fuzz: $finding again, with the sanitizer's allocation stacks:" >&2
            env "${environment[@]}" ASAN_OPTIONS=detect_leaks=0 "$fuzzer" "$finding" 2>&1 | tail -60 >&2 || true
        fi
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$root/fuzz/$target.log" | sed "s/^/  $target: /" >&2 || true
done
if ((${#failed[@]})); then
    echo "zoning fuzz: findings in ${failed[*]} (fuzz/findings/)" >&2
    exit 1
fi
echo "zoning fuzz: ${chosen[*]} ran clean" >&2
