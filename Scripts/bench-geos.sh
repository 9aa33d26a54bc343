#!/usr/bin/env bash
# The GEOS wrapper's overhead: zoning-microbench times the calls the analyses make in hot
# loops — prepared intersects, distance within, intersection, area, prepared covers of a
# point — through ZoningGeometry and through the same GEOS C calls on the same context and
# geometries, best of several repetitions, on 3 000 parcel-like polygons of 33 vertices:
#   ns/op for the wrapper (target) and the direct calls (baseline), and the overhead
#   wrapper ÷ direct − 1 (goal: ≤ 10 % for each); "objects": the direct call in a Swift
#   function taking the Geometry objects, the share of the overhead any Swift caller pays.
#   Times are thread CPU time, ten slices each the best of N. All paths' results must agree,
#   or it fails (status 1).
# Usage: Scripts/bench-geos.sh [--repetitions N] [--only OPERATION]   (other options: zoning-microbench --help)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/Scripts/setup.sh"
swift build --package-path "$root" -c release --product zoning-microbench >/dev/null
"$(swift build --package-path "$root" -c release --show-bin-path)/zoning-microbench" "$@"
