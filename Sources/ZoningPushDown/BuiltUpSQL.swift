import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry
import ZoningProjection

/// Built-up regions in SQL (docs/METHOD.md §3), the rule of `BuiltUpRegions.delineate`:
///
/// 1. `members`: the parcels that are construction land or seeds, each with its cluster from
///    `ST_ClusterDBSCAN(geom, eps := gap, minpoints := 1) OVER (PARTITION BY county)` — with
///    one point per cluster enough, DBSCAN is single linkage: two parcels link when their
///    distance is ≤ the gap (inclusive, as `isWithinDistance`).
/// 2. Clusters of different counties whose parcels come within the gap are joined (their
///    extents, widened by the gap, meet first; then `ST_DWithin` between their parcels), so
///    partitioning by county changes nothing.
/// 3. Seats: the member parcel that covers each seat point (`ST_Covers`).
/// 4. The regions are assembled by the shared `BuiltUpRegions.assemble` and their assignment
///    goes back up (`regions`: parcel `idx` → region position).
/// 5. Outlines: per region `ST_Union` of the parcels (per county first, then of the
///    counties' pieces), closed by `ST_Buffer` out and back in by
///    half the gap and unioned with the parcels again, holes with a planar area under the
///    threshold dropped; their ellipsoidal area is measured here with `Geodesic`, as in process.
///
/// ```swift
/// let result = try BuiltUpSQL(tables: tables).delineate(inputs, parameters: BuiltUpParameters())
/// ```
struct BuiltUpSQL {
    let tables: WorkTables
    var db: DatabaseConnection { tables.db }

    /// `BuiltUpParameters.isConstruction` over `alias.land_use`, with the codes bound as `param`
    /// (a text array): a code in the list, or any 09… when the list holds 09.
    static func isConstruction(_ alias: String, _ param: String) -> String {
        "(\(alias).land_use = ANY(\(param)::text[]) OR ('09' = ANY(\(param)::text[]) AND \(alias).land_use LIKE '09%'))"
    }

    /// A seed: CZCSXM in the seed codes bound as `param`.
    static func isSeed(_ alias: String, _ param: String) -> String {
        "coalesce(\(alias).settlement = ANY(\(param)::text[]), false)"
    }

    func delineate(_ inputs: AnalysisInputs, parameters: BuiltUpParameters) throws -> BuiltUpRegions.Result {
        guard !inputs.crs.isGeographic, inputs.crs.unitName.lowercased().hasPrefix("met") else {
            throw AnalysisError.needsMetres(crs: inputs.crs.shortDescription)
        }
        let gap = "\(parameters.gapMetres)"
        let codes = WorkTables.array(parameters.constructionCodes.sorted()), seeds = WorkTables.array(parameters.seedSettlementCodes.sorted())
        try db.execute("DROP TABLE IF EXISTS \(tables["members"])", operation: "clearing the clusters")
        try db.execute(
            """
            CREATE UNLOGGED TABLE \(tables["members"]) AS
            SELECT p.idx, p.county, ST_ClusterDBSCAN(p.geom, eps := $1::float8, minpoints := 1) OVER (PARTITION BY p.county) AS cluster
            FROM \(tables["parcels"]) p
            WHERE \(Self.isConstruction("p", "$2")) OR \(Self.isSeed("p", "$3"))
            """, [gap, codes, seeds], operation: "clustering the construction parcels (ST_ClusterDBSCAN)")
        try db.execute("CREATE INDEX ON \(tables["members"]) (county, cluster)", operation: "indexing the clusters")
        try db.execute("ANALYZE \(tables["members"])", operation: "analysing the clusters")

        let rows = try db.execute(
            "SELECT idx, county, cluster FROM \(tables["members"]) ORDER BY idx", operation: "reading the clusters").rows
        // Clusters across county lines: pairs of clusters of different counties within the gap.
        let links = try db.execute(
            """
            WITH extents AS (
                SELECT m.county, m.cluster, ST_Expand(ST_Extent(p.geom), $1::float8)::geometry AS box
                FROM \(tables["members"]) m JOIN \(tables["parcels"]) p USING (county, idx) GROUP BY m.county, m.cluster),
            near AS (
                SELECT a.county AS a_county, a.cluster AS a_cluster, b.county AS b_county, b.cluster AS b_cluster, b.box AS b_box
                FROM extents a JOIN extents b ON a.county < b.county AND a.box && b.box)
            SELECT DISTINCT n.a_county, n.a_cluster, n.b_county, n.b_cluster
            FROM near n
            JOIN \(tables["members"]) ma ON ma.county = n.a_county AND ma.cluster = n.a_cluster
            JOIN \(tables["parcels"]) pa ON pa.county = ma.county AND pa.idx = ma.idx AND pa.geom && n.b_box
            JOIN \(tables["parcels"]) pb ON pb.county = n.b_county AND ST_DWithin(pa.geom, pb.geom, $1::float8)
            JOIN \(tables["members"]) mb ON mb.county = pb.county AND mb.idx = pb.idx AND mb.cluster = n.b_cluster
            """, [gap], operation: "joining clusters across county lines (ST_DWithin)").rows

        // One label per cluster, merged across county lines.
        var labels: [String: Int] = [:]
        func label(_ county: String?, _ cluster: String?) -> Int {
            let key = (county ?? "") + "/" + (cluster ?? "")
            if let known = labels[key] { return known }
            labels[key] = labels.count
            return labels.count - 1
        }
        var members: [Int] = [], cluster: [Int] = []
        members.reserveCapacity(rows.count)
        cluster.reserveCapacity(rows.count)
        for row in rows {
            members.append(try integer(row[0]))
            // An empty geometry has no cluster (NULL): it stays alone, as in process.
            cluster.append(label(row[1], row[2] ?? "parcel \(row[0] ?? "")"))
        }
        var sets = UnionFind(count: labels.count)
        for link in links { sets.union(label(link[0], link[1]), label(link[2], link[3])) }
        cluster = cluster.map { sets.find($0) }

        // Seats: the lowest member parcel covering each seat point.
        var position: [Int: Int] = [:]
        for (k, idx) in members.enumerated() { position[idx] = k }
        let holders = try db.execute(
            """
            SELECT s.idx, min(m.idx) FROM \(tables["seats"]) s
            JOIN \(tables["parcels"]) p ON ST_Covers(p.geom, s.geom)
            JOIN \(tables["members"]) m ON m.county = p.county AND m.idx = p.idx
            GROUP BY s.idx ORDER BY s.idx
            """, operation: "finding the parcels that hold the seats (ST_Covers)").rows.map { row -> (seat: GovernmentSeat, member: Int) in
            guard let k = position[try integer(row[1])] else { throw PushDownError.unreadable(what: "a seat's parcel", value: row[1] ?? "NULL") }
            return (inputs.seats[try integer(row[0])], k)
        }

        var result = BuiltUpRegions.assemble(parcels: inputs.parcels, members: members, cluster: cluster, seatHolders: holders, parameters: parameters)
        try uploadRegions(result.regionOfParcel, parcels: inputs.parcels)

        // Outlines.
        let outlines = try db.execute(
            """
            WITH pieces AS (
                SELECT r.region, ST_Union(p.geom) AS geom
                FROM \(tables["regions"]) r JOIN \(tables["parcels"]) p USING (county, idx) GROUP BY r.county, r.region),
            footprint AS (
                SELECT region, ST_Union(geom) AS geom FROM pieces GROUP BY region),
            closed AS (
                SELECT region, ST_Union(ST_Buffer(ST_Buffer(geom, $1::float8 / 2), -$1::float8 / 2), geom) AS geom FROM footprint),
            parts AS (
                SELECT region, (ST_Dump(geom)).geom AS polygon FROM closed),
            filled AS (
                SELECT region, ST_MakePolygon(ST_ExteriorRing(polygon), ARRAY(
                    SELECT ST_InteriorRingN(polygon, n) FROM generate_series(1, ST_NumInteriorRings(polygon)) n
                    WHERE ST_Area(ST_MakePolygon(ST_InteriorRingN(polygon, n))) >= $2::float8 ORDER BY n)) AS polygon
                FROM parts WHERE GeometryType(polygon) = 'POLYGON')
            SELECT region, ST_AsBinary(CASE WHEN count(*) = 1 THEN ST_GeometryN(ST_Collect(polygon), 1) ELSE ST_Collect(polygon) END)
            FROM filled GROUP BY region
            """, [gap, "\(parameters.fillHolesSquareMetres)"], operation: "outlining the built-up regions (ST_Union, ST_Buffer)").rows
        let geodesic = Geodesic(ellipsoid: inputs.crs.ellipsoid)
        for row in outlines {
            let region = try integer(row[0])
            guard result.regions.indices.contains(region), let outline = try WorkTables.geometry(row[1]) else { continue }
            result.regions[region].outline = outline
            result.regions[region].outlineSquareMetres = try geodesic.area(of: outline, in: inputs.crs)
        }
        return result
    }

    /// The `regions` table: each parcel of a region (with its county, the partition key),
    /// with the region's position in the result.
    func uploadRegions(_ regionOfParcel: [Int?], parcels: [LandParcel]) throws {
        try db.execute("DROP TABLE IF EXISTS \(tables["regions"])", operation: "clearing the regions")
        try db.execute(
            "CREATE UNLOGGED TABLE \(tables["regions"]) (county text NOT NULL, idx integer NOT NULL, region integer NOT NULL, PRIMARY KEY (county, idx))",
            operation: "creating the regions")
        try db.copy("COPY \(tables["regions"]) FROM STDIN", operation: "copying the regions into the work schema") { send in
            for (idx, region) in regionOfParcel.enumerated() {
                if let region { try send(CopyText.row([String(parcels[idx].unitCode.prefix(6)), String(idx), String(region)])) }
            }
        }
        try db.execute("ANALYZE \(tables["regions"])", operation: "analysing the regions")
    }
}
