#!/usr/bin/env python3
"""Compares zoning's outputs with the Python baseline's on the same county.

    Scripts/baseline/compare.py ZONING_OUT BASELINE_OUT [--tolerance-pp 0.1] [--zoning-coverage DIR]

ZONING_OUT is a `zoning run` output folder, or `zoning classify`'s with --zoning-coverage naming
`zoning coverage`'s.

The check (exit status 1 when it fails):
  - every village-level unit has the same class (classification.csv CLASS / class);
  - every township and facility type has residential-land and population coverage within
    --tolerance-pp percentage points (coverage.csv), and both list the same rows.
Also printed, not part of the exit status: built-up regions (count, parcels, footprint,
outline area), facilities inside each township and the nearest-facility distances
(zoning writes them rounded to whole metres).
Standard library only, so it runs with any python3.
"""
import argparse
import csv
import math
import os
import sys


def rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def number(v):
    return float(v) if v not in (None, "", "nan", "NaN") else math.nan


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("zoning")
    parser.add_argument("baseline")
    parser.add_argument("--zoning-coverage", help="zoning's coverage.csv folder (default: ZONING_OUT)")
    parser.add_argument("--tolerance-pp", type=float, default=0.1)
    parser.add_argument("--show", type=int, default=20, help="disagreements listed per table")
    args = parser.parse_args()
    tol = args.tolerance_pp / 100
    ok = True

    # Classes.
    z = {r["XZQDM"]: r for r in rows(os.path.join(args.zoning, "classification.csv"))}
    b = {r["code"]: r for r in rows(os.path.join(args.baseline, "classification.csv"))}
    both = sorted(set(z) & set(b))
    differ = [c for c in both if z[c]["CLASS"] != b[c]["class"]]
    missing = sorted(set(z) ^ set(b))
    print(f"classes: {len(both) - len(differ)} of {len(set(z) | set(b))} units agree"
          + (f"; {len(missing)} units in only one of them" if missing else ""))
    for c in differ[:args.show]:
        print(f"  {c}: zoning {z[c]['CLASS']} (s {z[c]['SHARE']}, seat {z[c]['SEAT']}, constr {z[c]['CONSTR_M2']}) "
              f"baseline {b[c]['class']} (s {float(b[c]['share']):.4f}, seat {b[c]['seat']}, "
              f"constr {float(b[c]['constr_m2']):.2f})")
    for c in missing[:args.show]:
        print(f"  {c}: only in {'zoning' if c in z else 'the baseline'}")
    ok &= not differ and not missing
    share_gap = max((abs(number(z[c]["SHARE"]) - number(b[c]["share"])) for c in both
                     if z[c]["CLASS"] != "220" and b[c]["class"] != "220"), default=0.0)
    print(f"  largest difference in s (connected units): {share_gap:.5f}")

    # Coverage.
    z = {(r["region"], r["type"]): r for r in rows(os.path.join(args.zoning_coverage or args.zoning, "coverage.csv"))}
    b = {(r["region"], r["type"]): r for r in rows(os.path.join(args.baseline, "coverage.csv"))}
    keys = sorted(set(z) | set(b))
    bad, worst, extras = [], {"residential_land_coverage": 0.0, "population_coverage": 0.0}, []
    for k in keys:
        if k not in z or k not in b:
            bad.append((k, "only in " + ("zoning" if k in z else "the baseline")))
            continue
        for field in worst:
            zv, bv = number(z[k][field]), number(b[k][field])
            if math.isnan(zv) and math.isnan(bv):
                continue
            d = abs(zv - bv) if not (math.isnan(zv) or math.isnan(bv)) else math.inf
            worst[field] = max(worst[field], d)
            if d > tol:
                bad.append((k, f"{field} zoning {zv:.4f} baseline {bv:.4f}"))
        if int(z[k]["facilities_inside"]) != int(b[k]["facilities_inside"]):
            extras.append((k, f"facilities_inside zoning {z[k]['facilities_inside']} baseline {b[k]['facilities_inside']}"))
        for field in ("nearest_mean_m", "nearest_p90_m", "nearest_max_m"):
            zv, bv = number(z[k][field]), number(b[k][field])
            if not (math.isnan(zv) and math.isnan(bv)) and not abs(zv - bv) <= 1.0:
                extras.append((k, f"{field} zoning {zv:.0f} baseline {bv:.1f}"))
    agree = len({k for k in keys} - {k for k, _ in bad})
    print(f"coverage: {agree} of {len(keys)} township × type rows agree within {args.tolerance_pp} pp "
          f"(largest difference: residential land {100 * worst['residential_land_coverage']:.3f} pp, "
          f"population {100 * worst['population_coverage']:.3f} pp)")
    for k, what in bad[:args.show]:
        print(f"  {k[0]} {k[1]}: {what}")
    ok &= not bad
    print(f"  facilities inside and nearest distances (±1 m): "
          f"{'all agree' if not extras else f'{len(extras)} differences (not part of the check)'}")
    for k, what in extras[:args.show]:
        print(f"  {k[0]} {k[1]}: {what}")

    # Regions (information).
    zr = rows(os.path.join(args.zoning, "builtup-regions.csv"))
    br = rows(os.path.join(args.baseline, "builtup-regions.csv"))
    zk = sorted((int(r["PARCELS"]), float(r["FOOT_KM2"])) for r in zr)
    bk = sorted((int(r["parcels"]), float(r["foot_km2"])) for r in br)
    same = len(zk) == len(bk) and all(a[0] == c[0] and abs(a[1] - c[1]) < 1.1e-4 for a, c in zip(zk, bk))
    zo = sum(float(r["OUTL_KM2"] or r["FOOT_KM2"]) for r in zr)
    bo = sum(number(r.get("outl_km2", "")) if r.get("outl_km2") else float(r["foot_km2"]) for r in br)
    print(f"built-up regions: zoning {len(zr)}, baseline {len(br)}; parcels and footprints "
          f"{'the same' if same else 'differ'}; built-up area zoning {zo:.4f} km², baseline {bo:.4f} km² "
          f"({100 * (bo - zo) / zo:+.3f}%)")

    print("AGREE" if ok else "DISAGREE")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
