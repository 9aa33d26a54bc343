import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry

/// Coverage in SQL (docs/METHOD.md §5), the rules of `Coverage.compute`:
///
/// - `homes`: the residential parcels (DLBM 0701, and 0702 with `include_0702`), each with its
///   township (the lowest-numbered one covering its `ST_PointOnSurface`) and its residents:
///   the village's population spread over the village's residential land by TBMJ, or, with
///   population points, the residents of the points it covers (each point counted in the
///   lowest-numbered parcel covering it).
/// - per facility type with radius r, `home_cover`: each home's covered share — 0 when no
///   facility is within r (`ST_DWithin`), 1 when the union of those facilities' buffers
///   (`ST_Buffer`, 8 segments per quarter circle, as in process) properly contains it, else the
///   plane area of the intersection ÷ its plane area — and its distance to the nearest facility
///   of the type (KNN `<->`, then `ST_Distance`; 0 inside).
/// - per township: residential land (Σ TBMJ) and its covered part, population and its covered
///   part, facilities inside (`ST_Covers`), mean, nearest-rank 90th percentile
///   (`percentile_disc(0.9)`) and maximum distance.
/// - the gaps (homes with a covered share of 0) and each type's service area (`ST_Union` of the
///   buffers) are read back as they are.
///
/// Only the buffers of the facilities within r of a home are unioned for it: the others cannot
/// reach it, so its covered share is that of the whole service area.
///
/// ```swift
/// let coverage = try CoverageSQL(tables: tables).compute(inputs, parameters: Coverage.Parameters())
/// ```
struct CoverageSQL {
    let tables: WorkTables
    var db: DatabaseConnection { tables.db }

    func compute(_ inputs: AnalysisInputs, parameters: Coverage.Parameters) throws -> Coverage.Result {
        guard !inputs.crs.isGeographic, inputs.crs.unitName.lowercased().hasPrefix("met") else {
            throw AnalysisError.needsMetres(crs: inputs.crs.shortDescription)
        }
        let fromPoints = inputs.population != nil
        try makeHomes(residentialCodes: parameters.residentialCodes.sorted(), fromPoints: fromPoints)
        try db.execute("DROP TABLE IF EXISTS \(tables["home_cover"])", operation: "clearing the coverage")
        try db.execute(
            """
            CREATE UNLOGGED TABLE \(tables["home_cover"]) (type text NOT NULL, idx integer NOT NULL, county text NOT NULL, region integer,
                area double precision NOT NULL, population double precision NOT NULL, covered double precision NOT NULL, distance double precision)
            """, operation: "creating the coverage table")

        var result = Coverage.Result(regions: [], gaps: [], serviceAreas: [:], populationFromPoints: fromPoints)
        for type in Coverage.reportedTypes(facilities: inputs.facilities, parameters: parameters) {
            let radius = parameters.radii[type] ?? type.defaultRadiusMetres
            let bound = [type.rawValue, "\(radius)"]
            try db.execute(
                """
                INSERT INTO \(tables["home_cover"])
                SELECT $1, h.idx, h.county, h.region, h.area, h.population,
                    coalesce((
                        SELECT CASE WHEN NOT ST_Intersects(u.geom, h.geom) THEN 0
                                    WHEN ST_ContainsProperly(u.geom, h.geom) THEN 1
                                    ELSE least(1, ST_Area(ST_Intersection(h.geom, u.geom)) / ST_Area(h.geom)) END
                        FROM (SELECT ST_Union(ST_Buffer(f.geom, $2::float8)) AS geom FROM \(tables["facilities"]) f
                              WHERE f.type = $1 AND ST_DWithin(f.geom, h.geom, $2::float8)) u
                        WHERE u.geom IS NOT NULL), 0),
                    (SELECT ST_Distance(h.geom, f.geom) FROM \(tables["facilities"]) f WHERE f.type = $1 ORDER BY f.geom <-> h.geom LIMIT 1)
                FROM \(tables["homes"]) h
                """, bound, operation: "covering the residential parcels by \(type.rawValue) (ST_DWithin, ST_Intersection)")
            let area = try db.execute(
                "SELECT ST_AsBinary(ST_Union(ST_Buffer(geom, $2::float8))) FROM \(tables["facilities"]) WHERE type = $1",
                bound, operation: "the service area of \(type.rawValue)").rows.first?[0] ?? nil
            if let area = try WorkTables.geometry(area) { result.serviceAreas[type] = area }
            result.regions += try regionRows(type, radius: radius, inputs: inputs, fromPoints: fromPoints)
            for row in try db.execute(
                "SELECT idx, region, population, distance FROM \(tables["home_cover"]) WHERE type = $1 AND covered = 0 ORDER BY idx",
                [type.rawValue], operation: "the coverage gaps of \(type.rawValue)").rows {
                result.gaps.append(CoverageGap(
                    parcel: try integer(row[0]), type: type, region: try row[1].map { inputs.townships[try integer($0)].code },
                    population: try number(row[2]) ?? 0, nearestMetres: try number(row[3])))
            }
        }
        return result
    }

    /// The `homes` table (and `people_region` with population points).
    private func makeHomes(residentialCodes: [String], fromPoints: Bool) throws {
        for table in ["homes", "people_region"] {
            try db.execute("DROP TABLE IF EXISTS \(tables[table])", operation: "clearing \(table)")
        }
        try db.execute(
            """
            CREATE UNLOGGED TABLE \(tables["homes"]) AS
            WITH homes AS (
                SELECT p.idx, p.county, p.unit, p.area, p.geom, sum(p.area) OVER (PARTITION BY p.county, p.unit) AS unit_land
                FROM \(tables["parcels"]) p WHERE p.land_use = ANY($1::text[])),
            population AS (
                SELECT DISTINCT ON (code) code, coalesce(population, 0)::float8 AS population FROM \(tables["units"]) ORDER BY code, idx)
            SELECT h.idx, h.county, h.area, h.geom,
                (SELECT min(t.idx) FROM \(tables["townships"]) t WHERE ST_Covers(t.geom, ST_PointOnSurface(h.geom))) AS region,
                CASE WHEN h.unit_land > 0 THEN coalesce(v.population, 0) * h.area / h.unit_land ELSE 0 END AS population
            FROM homes h LEFT JOIN population v ON v.code = h.unit
            """, [WorkTables.array(residentialCodes)], operation: "finding the residential parcels, their townships and residents")
        try db.execute("CREATE INDEX ON \(tables["homes"]) USING gist (geom)", operation: "indexing the residential parcels")
        try db.execute("ANALYZE \(tables["homes"])", operation: "analysing the residential parcels")
        guard fromPoints else { return }
        try db.execute(
            """
            CREATE UNLOGGED TABLE \(tables["people_region"]) AS
            SELECT pp.idx, pp.residents, pp.geom, (SELECT min(t.idx) FROM \(tables["townships"]) t WHERE ST_Covers(t.geom, pp.geom)) AS region
            FROM \(tables["people"]) pp
            """, operation: "finding the township of each population point")
        try db.execute("UPDATE \(tables["homes"]) SET population = 0", operation: "clearing the spread population")
        try db.execute(
            """
            UPDATE \(tables["homes"]) h SET population = x.residents FROM (
                SELECT home, sum(residents) AS residents FROM (
                    SELECT DISTINCT ON (pp.idx) pp.idx, pp.residents, hh.idx AS home
                    FROM \(tables["people"]) pp JOIN \(tables["homes"]) hh ON ST_Covers(hh.geom, pp.geom)
                    ORDER BY pp.idx, hh.idx) firsts
                GROUP BY home) x
            WHERE h.idx = x.home
            """, operation: "counting the residents of each residential parcel")
    }

    /// One row per township for `type`, in the townships' order.
    private func regionRows(_ type: FacilityType, radius: Double, inputs: AnalysisInputs, fromPoints: Bool) throws -> [RegionCoverage] {
        struct Figures { var land = 0.0, coveredLand = 0.0, people = 0.0, coveredPeople = 0.0, mean: Double?, p90: Double?, max: Double?, facilities = 0 }
        var figures = [Figures](repeating: Figures(), count: inputs.townships.count)
        for row in try db.execute(
            """
            SELECT region, sum(area), sum(area * covered), sum(population), sum(population * covered),
                avg(distance), percentile_disc(0.9) WITHIN GROUP (ORDER BY distance), max(distance)
            FROM \(tables["home_cover"]) WHERE type = $1 AND region IS NOT NULL GROUP BY region
            """, [type.rawValue], operation: "summing the coverage of \(type.rawValue) per township").rows {
            let r = try integer(row[0])
            figures[r].land = try number(row[1]) ?? 0
            figures[r].coveredLand = try number(row[2]) ?? 0
            figures[r].people = try number(row[3]) ?? 0
            figures[r].coveredPeople = try number(row[4]) ?? 0
            (figures[r].mean, figures[r].p90, figures[r].max) = (try number(row[5]), try number(row[6]), try number(row[7]))
        }
        if fromPoints {
            for r in figures.indices { (figures[r].people, figures[r].coveredPeople) = (0, 0) }
            for row in try db.execute(
                """
                SELECT pr.region, sum(pr.residents), coalesce(sum(pr.residents) FILTER (WHERE EXISTS (
                    SELECT 1 FROM \(tables["facilities"]) f
                    WHERE f.type = $1 AND ST_DWithin(f.geom, pr.geom, $2::float8) AND ST_Covers(ST_Buffer(f.geom, $2::float8), pr.geom))), 0)
                FROM \(tables["people_region"]) pr WHERE pr.region IS NOT NULL GROUP BY pr.region
                """, [type.rawValue, "\(radius)"], operation: "counting the residents covered by \(type.rawValue)").rows {
                let r = try integer(row[0])
                (figures[r].people, figures[r].coveredPeople) = (try number(row[1]) ?? 0, try number(row[2]) ?? 0)
            }
        }
        for row in try db.execute(
            """
            SELECT t.idx, count(*) FROM \(tables["townships"]) t JOIN \(tables["facilities"]) f ON f.type = $1 AND ST_Covers(t.geom, f.geom)
            GROUP BY t.idx
            """, [type.rawValue], operation: "counting the \(type.rawValue) facilities per township (ST_Covers)").rows {
            figures[try integer(row[0])].facilities = try integer(row[1])
        }
        return zip(inputs.townships, figures).map { region, f in
            RegionCoverage(
                region: region.code, type: type, radiusMetres: radius, residentialSquareMetres: f.land,
                residentialCoverage: f.land > 0 ? f.coveredLand / f.land : nil, population: f.people,
                populationCoverage: f.people > 0 ? f.coveredPeople / f.people : nil, facilities: f.facilities,
                meanDistance: f.mean, p90Distance: f.p90, maxDistance: f.max)
        }
    }
}
