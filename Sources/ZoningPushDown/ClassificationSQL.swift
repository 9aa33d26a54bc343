import ZoningAnalysis
import ZoningDatabase

/// Classification in SQL (docs/METHOD.md §4), the figures of `Classifier.classify`:
///
/// - per unit (the parcels whose ZLDWDM starts with its code) and built-up region: the sum of
///   the construction parcels' TBMJ (m², ellipsoidal, as in process) — one `GROUP BY county,
///   unit, region` over the parcels joined to their regions;
/// - the seats inside each unit polygon (`ST_Covers`).
///
/// The decision rules are the shared `Classifier.decide`, so both engines apply the same
/// thresholds to the same figures.
///
/// ```swift
/// let classes = try ClassificationSQL(tables: tables).classify(inputs, builtUp: regions, codes: .init(), parameters: .init())
/// ```
struct ClassificationSQL {
    let tables: WorkTables
    var db: DatabaseConnection { tables.db }

    func classify(
        _ inputs: AnalysisInputs, builtUp: BuiltUpRegions.Result, codes: LandUseCodes, parameters: ClassificationParameters
    ) throws -> [UnitClassification] {
        let rows = try db.execute(
            """
            SELECT p.unit, r.region, sum(p.area) FILTER (WHERE \(BuiltUpSQL.isConstruction("p", "$1"))), sum(p.area)
            FROM \(tables["parcels"]) p LEFT JOIN \(tables["regions"]) r ON r.county = p.county AND r.idx = p.idx
            GROUP BY p.county, p.unit, r.region
            """, [WorkTables.array(codes.construction.sorted())],
            operation: "summing each unit's construction land per built-up region").rows
        var figures: [String: Classifier.UnitFigures] = [:]
        for row in rows {
            guard let unit = row[0] else { continue }
            var entry = figures[unit] ?? Classifier.UnitFigures(constructionSquareMetres: 0, unitSquareMetres: 0, constructionByRegion: [:], seatsInside: [])
            let built = try number(row[2])
            entry.unitSquareMetres += try number(row[3]) ?? 0
            entry.constructionSquareMetres += built ?? 0
            if let built, let region = row[1] {
                let position = try integer(region)
                guard builtUp.regions.indices.contains(position) else { throw PushDownError.unreadable(what: "a region", value: region) }
                entry.constructionByRegion[position, default: 0] += built
            }
            figures[unit] = entry
        }
        var seatsInside: [Int: [GovernmentSeat]] = [:]
        for row in try db.execute(
            """
            SELECT u.idx, s.idx FROM \(tables["units"]) u JOIN \(tables["seats"]) s ON ST_Covers(u.geom, s.geom) ORDER BY u.idx, s.idx
            """, operation: "finding the seats inside each unit (ST_Covers)").rows {
            seatsInside[try integer(row[0]), default: []].append(inputs.seats[try integer(row[1])])
        }
        let empty = Classifier.UnitFigures(constructionSquareMetres: 0, unitSquareMetres: 0, constructionByRegion: [:], seatsInside: [])
        return inputs.units.enumerated().map { index, unit in
            var mine = figures[unit.code] ?? empty
            mine.seatsInside = seatsInside[index] ?? []
            return Classifier.decide(unit, mine, builtUp: builtUp, parameters: parameters)
        }
    }
}
