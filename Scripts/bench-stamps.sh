#!/usr/bin/env bash
# Where a run's wall time goes around the steps (issue 31): runs `zoning run PROJECT --overwrite
# --out OUT` with its progress lines, stamps each line with the seconds since the start (and
# since the line before), then prints the time from "Writing layers…" to the process's exit,
# from the start to the first line (start-up: loading the libraries, the project file), the
# CPU seconds (user + system) and the load average. The manifest's step timings are in
# OUT/manifest.json.
#
#   Scripts/bench-stamps.sh PROJECT.yaml [OUT]      # OUT: a temporary folder by default
# BENCH_ZONING: the binary to time (default: this checkout's release build). Run it for two
# binaries one after the other to compare them on a shared machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="${1:?give the project file to run}"
source "$root/Scripts/bench-binary.sh"  # sets zoning: BENCH_ZONING or this checkout's release build
out="${2:-}"
if [ -z "$out" ]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    out="$work/out"
fi
python3 - "$zoning" run "$project" --overwrite --out "$out" <<'PY'
import os, resource, subprocess, sys, time
start = time.monotonic()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, bufsize=0)
first = writing = None
last = start
line = b""
while True:
    byte = child.stdout.read(1)
    if not byte:
        break
    line += byte
    if byte != b"\n":
        continue
    now = time.monotonic()
    text = line.decode(errors="replace").rstrip()
    line = b""
    first = first or now
    if text.startswith("Writing layers") and writing is None:
        writing = now
    print(f"{now - start:8.3f} (+{now - last:6.3f})  {text[:100]}")
    last = now
status = child.wait()
end = time.monotonic()
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(f"{end - start:8.3f} (+{end - last:6.3f})  exit {status}")
print(f"start-up (to the first line) {first - start if first else float('nan'):.3f} s; "
      f"writing to exit {end - writing if writing else float('nan'):.3f} s; wall {end - start:.3f} s; "
      f"CPU {usage.ru_utime + usage.ru_stime:.2f} s (user {usage.ru_utime:.2f}, sys {usage.ru_stime:.2f}); "
      f"load {os.getloadavg()[0]:.2f}")
sys.exit(status)
PY
