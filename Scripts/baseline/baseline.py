#!/usr/bin/env python3
"""An independent GeoPandas/Shapely 2 implementation of zoning's three analyses, for benchmarks
and as a cross-check of the Swift code (docs/METHOD.md §3, §4, §5).

    Scripts/baseline/baseline.py COUNTY/project.yaml --out DIR     # writes DIR/*.csv, timings
    Scripts/baseline/baseline.py --setup                          # only make the venv

It reads the same project file and layers as `zoning run` (land use, villages, townships,
seats, facilities) and writes:

    builtup-regions.csv   one row per built-up region (seats, rank, parcels, footprint, outline)
    classification.csv    one row per village-level unit (class, share s, seat, construction m²)
    coverage.csv          one row per township and facility type (residential-land and
                          population coverage, facilities inside, nearest-facility distances)
    timings.json          seconds per step

Everything is vectorised: spatial predicates go through Shapely 2's STRtree (`dwithin`,
`intersects`, `query_nearest`) and GeoPandas' `sjoin`; grouping is pandas; the clusters are
SciPy's connected components; files are read with pyogrio through Arrow. There is no Python
loop over parcels, units or facilities (only over the built-up regions' outline polygons, to
fill their small holes, and over the facility types).

The script runs itself in a venv (`.build/baseline-venv` in the checkout, git-ignored), made
from requirements.txt on first use; `python3-venv` is installed with apt when `python3 -m venv`
is missing.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
VENV = os.environ.get("BASELINE_VENV", os.path.join(ROOT, ".build", "baseline-venv"))


def setup():
    """Creates the venv from PyPI when missing (or when requirements.txt is newer); returns its python."""
    python = os.path.join(VENV, "bin", "python")
    requirements = os.path.join(HERE, "requirements.txt")
    stamp = os.path.join(VENV, ".requirements-installed")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(requirements):
        return python
    if not os.path.exists(python):
        probe = subprocess.run([sys.executable, "-m", "venv", "--help"], capture_output=True)
        ensurepip = subprocess.run([sys.executable, "-c", "import ensurepip"], capture_output=True)
        if probe.returncode != 0 or ensurepip.returncode != 0:
            package = "python3-venv"
            sudo = [] if os.geteuid() == 0 else ["sudo"]
            print(f"baseline setup: installing {package} with apt", file=sys.stderr)
            subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
            subprocess.run(sudo + ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-qq",
                                   "--no-install-recommends", package], check=True)
        print(f"baseline setup: creating {VENV}", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([python, "-m", "pip", "install", "-q", "-r", requirements], check=True)
    open(stamp, "w").close()
    return python


if __name__ == "__main__" and os.path.realpath(sys.prefix) != os.path.realpath(VENV):
    python = setup()
    if sys.argv[1:] == ["--setup"]:
        sys.exit(0)
    os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])

# ---------------------------------------------------------------------------------------------
import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import time  # noqa: E402

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pyproj  # noqa: E402
import shapely  # noqa: E402
import shapely.geometry.polygon  # noqa: E402
import yaml  # noqa: E402
from scipy.sparse import coo_matrix  # noqa: E402
from scipy.sparse.csgraph import connected_components  # noqa: E402

# METHOD §1: construction land; two-digit codes are whole classes (09 = every 09xx).
CONSTRUCTION = ["05H1", "0508", "0601", "0602", "0603", "0701", "0702", "08H1", "08H2", "0809",
                "0810", "0810A", "09", "1004", "1005", "1007", "1008", "1201"]
SEEDS = ["201", "201A", "202", "202A"]
RADII = {"kindergarten": 300, "primary": 500, "middle": 1000, "clinic": 1000, "elderly": 1000,
         "park": 500, "life-circle": 1000}
# METHOD §5: type names (standard, Chinese), longest match first.
TYPE_NAMES = [
    ("社区卫生服务中心", "clinic"), ("养老服务中心", "elderly"), ("日间照料中心", "elderly"),
    ("幼儿园", "kindergarten"), ("小学", "primary"), ("中学", "middle"), ("初中", "middle"),
    ("高中", "middle"), ("卫生院", "clinic"), ("卫生室", "clinic"), ("医院", "clinic"),
    ("养老院", "elderly"), ("敬老院", "elderly"), ("公园", "park"), ("生活圈", "life-circle"),
]
RANKS = ["city", "town", "xiang"]  # highest first
CGCS2000 = pyproj.Geod(a=6378137.0, rf=298.257222101)


# --- reading ---------------------------------------------------------------------------------
def on_distinct(series, normalise):
    """Applies a text normalisation to the distinct values only (a few hundred among a million)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    done = normalise(pd.Series(uniques, dtype="object")).to_numpy(dtype=object)
    return pd.Series(done[codes], index=series.index, dtype="object")


def code_text(series, digits=None):
    """Codes as text: numbers digit for digit (370881001001.0, 3.70881001001E+11), stripped."""
    def normalise(u):
        s = u.astype("string").str.strip().fillna("")
        numeric = s.str.fullmatch(r"[0-9.]+([eE][+]?[0-9]+)?") & s.str.contains(r"[.eE]", regex=True)
        if numeric.any():
            s = s.where(~numeric, s[numeric].map(lambda v: str(int(round(float(v))))))
        return (s.str[:digits] if digits else s).astype(object)
    return on_distinct(series, normalise)


def land_use_code(series):
    """DLBM as text, suffix letters kept (0810A), a 3-digit number with its leading zero (701 → 0701)."""
    def normalise(u):
        s = code_text(u).str.upper()
        return s.where(~s.str.fullmatch(r"[0-9]{3}"), "0" + s)
    return on_distinct(series, normalise)


def read_layer(spec, base, columns=None):
    if isinstance(spec, str):
        spec = {"path": spec}
    path = os.path.join(base, spec["path"])
    kwargs = {"encoding": spec["encoding"]} if spec.get("encoding") else {}
    return spec, gpd.read_file(path, engine="pyogrio", columns=columns, use_arrow=True, **kwargs)


def gcj02_to_wgs84(lng, lat):
    """GCJ-02 → WGS 84: the published forward formula, inverted by fixed-point iteration to 1e-9°."""
    a, ee = 6378245.0, 0.00669342162296594323

    def forward(x, y):
        dx, dy = x - 105.0, y - 35.0
        t_lat = (-100.0 + 2.0 * dx + 3.0 * dy + 0.2 * dy * dy + 0.1 * dx * dy + 0.2 * np.sqrt(np.abs(dx))
                 + (20.0 * np.sin(6.0 * dx * np.pi) + 20.0 * np.sin(2.0 * dx * np.pi)) * 2.0 / 3.0
                 + (20.0 * np.sin(dy * np.pi) + 40.0 * np.sin(dy / 3.0 * np.pi)) * 2.0 / 3.0
                 + (160.0 * np.sin(dy / 12.0 * np.pi) + 320 * np.sin(dy * np.pi / 30.0)) * 2.0 / 3.0)
        t_lng = (300.0 + dx + 2.0 * dy + 0.1 * dx * dx + 0.1 * dx * dy + 0.1 * np.sqrt(np.abs(dx))
                 + (20.0 * np.sin(6.0 * dx * np.pi) + 20.0 * np.sin(2.0 * dx * np.pi)) * 2.0 / 3.0
                 + (20.0 * np.sin(dx * np.pi) + 40.0 * np.sin(dx / 3.0 * np.pi)) * 2.0 / 3.0
                 + (150.0 * np.sin(dx / 12.0 * np.pi) + 300.0 * np.sin(dx / 30.0 * np.pi)) * 2.0 / 3.0)
        rad = y / 180.0 * np.pi
        magic = 1 - ee * np.sin(rad) ** 2
        sq = np.sqrt(magic)
        d_lat = (t_lat * 180.0) / ((a * (1 - ee)) / (magic * sq) * np.pi)
        d_lng = (t_lng * 180.0) / (a / sq * np.cos(rad) * np.pi)
        inside = (x > 73.66) & (x < 135.05) & (y > 3.86) & (y < 53.55)
        return np.where(inside, x + d_lng, x), np.where(inside, y + d_lat, y)

    x, y = lng.copy(), lat.copy()
    for _ in range(30):
        fx, fy = forward(x, y)
        ex, ey = fx - lng, fy - lat
        x, y = x - ex, y - ey
        if max(np.abs(ex).max(initial=0), np.abs(ey).max(initial=0)) < 1e-9:
            break
    return x, y


def facility_types(raw, type_map):
    """Standard type per facility (None: unknown or ignored), by the last level of a hierarchy."""
    last = raw.astype("string").fillna("").str.split(";").str[-1].str.strip()
    out = pd.Series(pd.NA, index=raw.index, dtype="object")
    for name, kind in type_map.items():
        out = out.mask(out.isna() & (last == name), kind)
    for standard in RADII:
        out = out.mask(out.isna() & (last.str.lower() == standard), standard)
    for name, kind in TYPE_NAMES:
        out = out.mask(out.isna() & last.str.contains(name, regex=False), kind)
    return out.where(out != "ignore")


def load(project_path):
    project = yaml.safe_load(open(project_path, encoding="utf-8"))
    base = os.path.dirname(os.path.abspath(project_path))
    layers = project["layers"]

    spec, parcels = read_layer(layers["land_use"], base)
    f = {"land_use": "DLBM", "settlement": "CZCSXM", "location": "ZLDWDM", "area": "TBMJ", **spec.get("fields", {})}
    parcels = gpd.GeoDataFrame({
        "dlbm": land_use_code(parcels[f["land_use"]]),
        "czcsxm": code_text(parcels[f["settlement"]]).str.upper(),
        "unit": code_text(parcels[f["location"]], 12),
        "tbmj": pd.to_numeric(parcels[f["area"]], errors="coerce").fillna(0.0).to_numpy(),
    }, geometry=parcels.geometry.values, crs=parcels.crs)
    crs = parcels.crs

    spec, villages = read_layer(layers["villages"], base)
    f = {"code": "XZQDM", "name": "XZQMC", "population": "POP", "official_class": "CXFLDM", "special": "TSQY",
         **spec.get("fields", {})}
    villages = villages.to_crs(crs)
    villages = gpd.GeoDataFrame({
        "code": code_text(villages[f["code"]], 12),
        "name": villages[f["name"]],
        "pop": pd.to_numeric(villages[f["population"]], errors="coerce").fillna(0).to_numpy()
        if f["population"] in villages else 0.0,
        "official": code_text(villages[f["official_class"]]) if f["official_class"] in villages else "",
        "special": villages[f["special"]].astype("string").str.strip().str.lower().isin(["y", "1", "是", "true"])
        if f["special"] in villages else False,
    }, geometry=villages.geometry.values, crs=crs)

    spec, townships = read_layer(layers["townships"], base)
    f = {"code": "XZQDM", "name": "XZQMC", "kind": "KIND", **spec.get("fields", {})}
    townships = townships.to_crs(crs)
    townships = gpd.GeoDataFrame({
        "region": code_text(townships[f["code"]]).str.replace(r"(000)+$", "", regex=True),
        "name": townships[f["name"]] if f["name"] in townships else "",
    }, geometry=townships.geometry.values, crs=crs)

    spec, seats = read_layer(layers["seats"], base)
    f = {"kind": "KIND", "code": "XZQDM", "name": "NAME", **spec.get("fields", {})}
    seats = seats.to_crs(crs)
    kind = seats[f["kind"]].astype("string").str.strip().str.lower()
    code = code_text(seats[f["code"]]) if f["code"] in seats else pd.Series("", index=seats.index)
    # METHOD §3.5 and §1: city > town (镇, 街道, a 县's seat) > 乡; county-level development
    # zones (county digits 71–80) count as city seats.
    county_digits = pd.to_numeric(code.str[4:6], errors="coerce")
    rank = np.select(
        [kind.isin(["city", "市"]),
         kind.isin(["county", "县"]) & county_digits.between(71, 80),
         kind.isin(["county", "县", "subdistrict", "街道", "town", "镇"]),
         kind.isin(["xiang", "乡"])],
        ["city", "city", "town", "xiang"], default="")
    seats = gpd.GeoDataFrame({"seat": code, "rank": rank}, geometry=seats.geometry.values, crs=crs)

    facilities = None
    if "facilities" in layers:
        spec = layers["facilities"] if isinstance(layers["facilities"], dict) else {"path": layers["facilities"]}
        path = os.path.join(base, spec["path"])
        source_crs = str(spec.get("crs", "")).upper()
        if path.lower().endswith(".csv"):
            table = pd.read_csv(path, encoding="utf-8-sig", dtype=str)
            cols = {c.lower(): c for c in table.columns}
            xcol = next(cols[c] for c in ("lng", "lon", "longitude", "x") if c in cols)
            ycol = next(cols[c] for c in ("lat", "latitude", "y") if c in cols)
            x, y = table[xcol].astype(float).to_numpy(), table[ycol].astype(float).to_numpy()
            if source_crs == "GCJ02":
                x, y = gcj02_to_wgs84(x, y)
                source_crs = "EPSG:4326"
            facilities = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(x, y), crs=source_crs or "EPSG:4326")
        else:
            facilities = gpd.read_file(path, engine="pyogrio", use_arrow=True)
            if source_crs:
                facilities = facilities.set_crs(source_crs, allow_override=True)
        facilities = facilities.to_crs(crs)
        type_field = spec.get("type_field") or next(c for c in ("TYPE", "type", "类型", "TYPENAME") if c in facilities)
        facilities = gpd.GeoDataFrame({"type": facility_types(facilities[type_field], spec.get("type_map") or {})},
                                      geometry=facilities.geometry.values, crs=crs)
        facilities = facilities[facilities["type"].notna()].reset_index(drop=True)
    return project, parcels, villages, townships, seats, facilities


# --- §3 built-up regions ---------------------------------------------------------------------
def builtup(parcels, seats, params):
    gap = float(params.get("gap_m", 100))
    codes = [str(c) for c in params.get("construction_codes", CONSTRUCTION)]
    seeds = [str(c).upper() for c in params.get("seed_codes", SEEDS)]
    whole_classes = [c for c in codes if len(c) == 2]
    construction = parcels["dlbm"].isin(codes) | parcels["dlbm"].str[:2].isin(whole_classes)
    seed = parcels["czcsxm"].isin(seeds)
    parcels["construction"] = construction.to_numpy()
    member_index = np.flatnonzero((construction | seed).to_numpy())
    geoms = parcels.geometry.values[member_index]
    n = len(geoms)

    # Single linkage: every pair of members at most `gap` apart (inclusive), then components.
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="dwithin", distance=gap)
    keep = left < right
    graph = coo_matrix((np.ones(keep.sum(), dtype=np.int8), (left[keep], right[keep])), shape=(n, n))
    _, label = connected_components(graph, directed=False)

    # Seats: the member parcel each one lies in (on a shared edge: any of them, same component).
    hits = gpd.sjoin(seats, gpd.GeoDataFrame(geometry=geoms, crs=parcels.crs), predicate="intersects", how="inner")
    hits = hits[~hits.index.duplicated()]
    seat_cluster = pd.Series(label[hits["index_right"].to_numpy()], index=hits.index)
    seats = seats.assign(cluster=seat_cluster.reindex(seats.index).fillna(-1).astype(int))

    is_seed = seed.to_numpy()[member_index]
    seeded = np.bincount(label, weights=is_seed, minlength=label.max() + 1) > 0
    with_seat = np.zeros_like(seeded)
    with_seat[seats.loc[seats.cluster >= 0, "cluster"].to_numpy()] = True
    kept = seeded | with_seat

    order = {r: i for i, r in enumerate(RANKS)}
    s = seats[seats.cluster >= 0].copy()
    s["order"] = s["rank"].map(order).fillna(len(RANKS))
    s = s.sort_values(["cluster", "order", "seat"])
    top = s.groupby("cluster").first()
    regions = pd.DataFrame({"cluster": np.flatnonzero(kept)})
    regions["rank"] = regions["cluster"].map(top["rank"]).fillna("seeds only")
    regions["seat"] = regions["cluster"].map(top["seat"]).fillna("")
    regions["seats"] = regions["cluster"].map(s.groupby("cluster")["seat"].agg(lambda v: ";".join(v))).fillna("")
    counts = np.bincount(label, minlength=label.max() + 1)
    foot = np.bincount(label, weights=parcels["tbmj"].to_numpy()[member_index], minlength=label.max() + 1)
    regions["parcels"] = counts[regions["cluster"]]
    regions["foot_km2"] = foot[regions["cluster"]] / 1e6
    regions["rank_order"] = regions["rank"].map(order).fillna(len(RANKS))
    regions = regions.sort_values(["rank_order", "foot_km2"], ascending=[True, False]).reset_index(drop=True)
    regions["region"] = np.arange(1, len(regions) + 1)

    # Each parcel's region (kept clusters only) for §4.
    cluster_region = np.zeros(label.max() + 1, dtype=np.int64)
    cluster_region[regions["cluster"].to_numpy()] = regions["region"].to_numpy()
    parcels["region"] = 0
    parcels.loc[parcels.index[member_index], "region"] = cluster_region[label]
    return regions


def outlines(parcels, regions, params):
    """§3.4: union, close by buffering out and in by half the gap, fill holes < fill_holes_km2."""
    half = float(params.get("gap_m", 100)) / 2
    min_hole = float(params.get("fill_holes_km2", 1)) * 1e6
    members = parcels[parcels["region"] > 0]
    unions = members.geometry.groupby(members["region"].to_numpy()).agg(shapely.union_all)
    closed = shapely.buffer(shapely.buffer(unions.to_numpy(), half), -half)
    filled = []
    for geom in closed:  # one per region
        parts = []
        for part in shapely.get_parts(geom):
            holes = [h for h in part.interiors if shapely.Polygon(h).area >= min_hole]
            parts.append(shapely.Polygon(part.exterior, holes))
        filled.append(shapely.MultiPolygon(parts) if len(parts) != 1 else parts[0])
    to_geographic = pyproj.Transformer.from_crs(parcels.crs, "EPSG:4490", always_xy=True)
    lonlat = lambda c: np.column_stack(to_geographic.transform(c[:, 0], c[:, 1]))  # noqa: E731
    area = [sum(CGCS2000.geometry_area_perimeter(shapely.geometry.polygon.orient(shapely.transform(p, lonlat), 1.0))[0]
                for p in shapely.get_parts(g)) / 1e6 for g in filled]
    regions["outl_km2"] = regions["region"].map(pd.Series(area, index=unions.index))
    return regions


# --- §4 classification -----------------------------------------------------------------------
def classify(parcels, villages, regions, params):
    full, partial = float(params.get("full_share", 0.5)), float(params.get("partial_share", 0.05))
    minimum, special_pop = float(params.get("partial_min_m2", 10000)), float(params.get("special_population", 3000))
    con = parcels.loc[parcels["construction"], ["unit", "region", "tbmj"]]
    total = con.groupby("unit")["tbmj"].sum()
    units = pd.DataFrame({"code": villages["code"], "pop": villages["pop"], "special": villages["special"],
                          "official": villages["official"]})
    units["constr_m2"] = units["code"].map(total).fillna(0.0)

    rank_of = regions.set_index("region")["rank"]
    seat_of = regions.set_index("region")["seat"]
    by_region = con[con["region"] > 0].groupby(["unit", "region"], as_index=False)["tbmj"].sum()
    by_region["rank"] = by_region["region"].map(rank_of)
    # The region of each rank holding most of the unit's construction land.
    best = by_region.sort_values(["unit", "rank", "tbmj", "region"], ascending=[True, True, False, True]) \
        .drop_duplicates(["unit", "rank"]).set_index(["unit", "rank"])
    conditions, choices, share_of, region_of = [], [], [], []
    for rank, (full_class, partial_class) in zip(RANKS, [("111", "112"), ("121", "122"), ("210", "210")]):
        sub = best.xs(rank, level="rank") if rank in best.index.get_level_values("rank") else best.iloc[:0].droplevel(1)
        land = units["code"].map(sub["tbmj"]).fillna(0.0).to_numpy()
        region = units["code"].map(sub["region"]).fillna(0).astype(int).to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):
            s = np.where(units["constr_m2"] > 0, land / units["constr_m2"].to_numpy(), 0.0)
        is_full = (land > 0) & (s >= full)
        is_partial = (land > 0) & (s >= partial) & (land >= minimum)
        conditions += [is_full, is_partial]
        choices += [full_class, partial_class]
        share_of += [s, s]
        region_of += [region, region]
    township_digits = pd.to_numeric(units["code"].str[6:9], errors="coerce")
    special = (units["special"] | township_digits.between(400, 599)) & (units["pop"] >= special_pop)
    conditions.append(special.to_numpy())
    choices.append("123")
    units["class"] = np.select(conditions, choices, default="220")
    decided = np.select(conditions[:-1], np.arange(len(conditions) - 1), default=-1)
    pick = lambda arrays, empty: np.where(decided >= 0, np.choose(np.maximum(decided, 0), arrays), empty)  # noqa: E731
    units["share"] = pick(share_of, 0.0)
    units["region"] = pick(region_of, 0)
    units["seat"] = units["region"].map(seat_of).fillna("")
    return units


# --- §5 coverage -----------------------------------------------------------------------------
def coverage(parcels, villages, townships, facilities, params, quad_segs):
    radii = {**RADII, **{k: float(v) for k, v in (params.get("radius_m") or {}).items()}}
    codes = ["0701"] + (["0702"] if params.get("include_0702", False) else [])
    res = parcels.loc[parcels["dlbm"].isin(codes), ["unit", "tbmj", "geometry"]].reset_index(drop=True)
    # Township: the one holding the parcel's interior point.
    points = gpd.GeoDataFrame(geometry=shapely.point_on_surface(res.geometry.values), crs=parcels.crs)
    hit = gpd.sjoin(points, townships[["region", "geometry"]], predicate="intersects", how="left")
    res["region"] = hit[~hit.index.duplicated()]["region"].to_numpy()
    # Population: each village's population spread over its residential land (by ZLDWDM) by TBMJ.
    village_land = res.groupby("unit")["tbmj"].sum()
    village_pop = villages.groupby("code")["pop"].sum()
    res["pop"] = res["tbmj"] * res["unit"].map(village_pop).fillna(0) / res["unit"].map(village_land)
    res = res[res["region"].notna()]
    geoms = res.geometry.values
    plane_area = shapely.area(geoms)
    tree = shapely.STRtree(geoms)
    in_region = gpd.sjoin(facilities, townships[["region", "geometry"]], predicate="within", how="inner")

    rows = []
    for kind, radius in radii.items():
        points = facilities.geometry.values[(facilities["type"] == kind).to_numpy()]
        if len(points) == 0:
            continue
        area = shapely.union_all(shapely.buffer(points, radius, quad_segs=quad_segs))
        parts = shapely.get_parts(area)
        shapely.prepare(parts)
        part_i, parcel_i = tree.query(parts, predicate="intersects")
        inside = shapely.contains_properly(parts[part_i], geoms[parcel_i])
        covered = np.where(inside, plane_area[parcel_i],
                           shapely.area(shapely.intersection(parts[part_i], geoms[parcel_i])))
        share = np.minimum(np.bincount(parcel_i, weights=covered, minlength=len(geoms)) / plane_area, 1.0)
        _, distance = shapely.STRtree(points).query_nearest(geoms, return_distance=True, all_matches=False)
        table = pd.DataFrame({"region": res["region"].to_numpy(), "tbmj": res["tbmj"].to_numpy(),
                              "covered_m2": res["tbmj"].to_numpy() * share, "pop": res["pop"].to_numpy(),
                              "covered_pop": res["pop"].to_numpy() * share, "d": distance})
        g = table.groupby("region")
        out = g[["tbmj", "covered_m2", "pop", "covered_pop"]].sum()
        out["nearest_mean_m"] = g["d"].mean()
        out["nearest_max_m"] = g["d"].max()
        ranked = table.sort_values(["region", "d"])
        ranked["k"] = ranked.groupby("region").cumcount() + 1
        ranked["n"] = ranked["region"].map(g.size())
        p90 = ranked[ranked["k"] == np.ceil(0.9 * ranked["n"]).astype(int)].set_index("region")["d"]
        out["nearest_p90_m"] = p90
        out = out.reindex(townships["region"])
        out.index.name = "region"
        out = out.reset_index()
        out["type"] = kind
        out["radius_m"] = radius
        out["residential_land_coverage"] = out["covered_m2"] / out["tbmj"]
        out["population_coverage"] = out["covered_pop"] / out["pop"]
        n_inside = in_region[in_region["type"] == kind].groupby("region").size()
        out["facilities_inside"] = out["region"].map(n_inside).fillna(0).astype(int)
        rows.append(out.rename(columns={"tbmj": "residential_m2", "pop": "population"}))
    table = pd.concat(rows, ignore_index=True)
    return table[["region", "type", "radius_m", "residential_m2", "residential_land_coverage", "population",
                  "population_coverage", "facilities_inside", "nearest_mean_m", "nearest_p90_m", "nearest_max_m"]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", help="the county's project.yaml (from `zoning sample`)")
    parser.add_argument("--out", required=True, help="folder for the CSV files")
    parser.add_argument("--quad-segs", type=int, default=8,
                        help="segments per quarter circle of a service circle (default 8, as zoning's buffers)")
    parser.add_argument("--no-outlines", action="store_true", help="skip the region outlines (§3.4)")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    timings, clock = {}, time.perf_counter()

    def step(name):
        nonlocal clock
        now = time.perf_counter()
        timings[name + "_s"] = round(now - clock, 3)
        clock = now

    project, parcels, villages, townships, seats, facilities = load(args.project)
    step("read")
    regions = builtup(parcels, seats, project.get("builtup") or {})
    if not args.no_outlines:
        regions = outlines(parcels, regions, project.get("builtup") or {})
    step("builtup")
    units = classify(parcels, villages, regions, project.get("classification") or {})
    step("classify")
    cover = coverage(parcels, villages, townships, facilities, project.get("coverage") or {}, args.quad_segs) \
        if facilities is not None else None
    step("coverage")

    os.makedirs(args.out, exist_ok=True)
    regions.drop(columns=["cluster", "rank_order"]).to_csv(os.path.join(args.out, "builtup-regions.csv"), index=False)
    units.to_csv(os.path.join(args.out, "classification.csv"), index=False)
    if cover is not None:
        cover.to_csv(os.path.join(args.out, "coverage.csv"), index=False)
    step("write")
    json.dump(timings, open(os.path.join(args.out, "timings.json"), "w"), indent=1)
    if not args.quiet:
        print(f"baseline: {len(parcels)} parcels, {len(regions)} regions, {len(units)} units; "
              + ", ".join(f"{k} {v}" for k, v in timings.items()))
        print(units["class"].value_counts().sort_index().to_string())


if __name__ == "__main__":
    main()
