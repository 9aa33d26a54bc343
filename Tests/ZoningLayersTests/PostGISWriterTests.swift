import Foundation
import Testing
import ZoningDatabase
import ZoningGeometry
import ZoningLayers
import ZoningTestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostGISWriterTests {
    /// The sample's villages and land-use parcels (GBK, no .cpg) go in and come back alike:
    /// counts, SRID, field types, Chinese text, and areas — PostGIS's ST_Area against GEOS's.
    @Test(arguments: ["villages.shp", "DLTB.shp"])
    func sampleLayersRoundTrip(_ file: String) throws {
        let scratch = try ScratchSchema()
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/" + file)
        let original = try ScratchSchema.features(source)
        let url = try scratch.url("layer")
        let written = try PostGISWriter(url: url, provenance: .init(files: [(file, "abc123")], encoding: "GBK"))
            .write(schema: source.schema, crs: source.crs, geometryTransform: nil) { emit in try source.forEach(emit) }
        #expect(written.records == original.count)

        let db = scratch.admin
        let table = "\(try db.quoteIdentifier(scratch.name)).layer"
        #expect(try db.execute("SELECT Find_SRID($1, 'layer', 'geom')", [scratch.name]).rows == [["4528"]])
        #expect(try db.execute("SELECT count(*) FROM \(table)").rows == [[String(original.count)]])
        let databaseArea = Double(try db.execute("SELECT sum(ST_Area(geom)) FROM \(table)").rows[0][0]!)!
        let localArea = original.reduce(0) { $0 + ($1.geometry?.area ?? 0) }
        #expect(abs(databaseArea - localArea) <= 1e-9 * localArea)

        let back = try PostGISLayerReader(url: url)
        #expect(back.crs?.epsg == 4528)
        #expect(back.schema.names == source.schema.names)
        #expect(back.schema.fields.map(\.type) == source.schema.fields.map(\.type))
        let returned = try ScratchSchema.features(back)
        #expect(returned.count == original.count)
        #expect(returned.map(\.attributes) == original.map(\.attributes))
        #expect(zip(returned, original).allSatisfy { abs(($0.geometry?.area ?? 0) - ($1.geometry?.area ?? 0)) < 1e-6 })
        // Chinese text, spot-checked in SQL too.
        let firstText = original[0].attributes.compactMap(\.stringValue).first { $0.unicodeScalars.contains { $0.value >= 0x4E00 } }
        let name = try #require(firstText)
        #expect(returned[0].attributes.contains(.string(name)))
        let comment = try db.execute("SELECT obj_description($1::regclass, 'pg_class')", [table]).rows[0][0] ?? ""
        #expect(comment.contains("from \(file) (SHA-256 abc123); text encoding GBK"))
        #expect(try db.execute("SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexdef LIKE '%USING gist (geom)%'", [scratch.name]).rows == [["1"]])
    }

    /// A schema, table and field named `x"; DROP TABLE y; --` are loaded as names, and table y
    /// is still there.
    @Test func hostileNamesAreData() throws {
        let scratch = try ScratchSchema()
        let db = scratch.admin
        let y = try db.quoteQualified(schema: scratch.name, name: "y")
        try db.execute("CREATE SCHEMA \(try db.quoteIdentifier(scratch.name))")
        try db.execute("CREATE TABLE \(y) (n integer)")
        let hostile = "x\"; DROP TABLE y; --"
        let hostileSchema = scratch.name + "_" + hostile
        defer { _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(hostileSchema)) CASCADE") }
        let schema = Schema([Field(name: hostile, type: .string)])
        let point = try Geometry(wkt: "POINT (40500000 4020000)")
        let url = try scratch.url(hostile, schema: hostileSchema)
        #expect(url.table == TableName(schema: hostileSchema, name: hostile).description)
        _ = try PostGISWriter(url: url).write(schema: schema, crs: nil, geometryTransform: nil) { emit in
            try emit(Feature(id: 0, geometry: point, attributes: [.string(hostile)]))
        }
        #expect(try db.execute("SELECT to_regclass($1) IS NOT NULL", [y]).rows == [["t"]])
        let back = try PostGISLayerReader(url: url)
        #expect(back.schema.names == [hostile])
        #expect(try ScratchSchema.features(back).map(\.attributes) == [[.string(hostile)]])
        #expect(back.name == hostile)
    }

    /// The default refuses an existing table; --replace replaces it; --append adds to it.
    @Test func existingTablesAreRefusedReplacedOrAppendedTo() throws {
        let scratch = try ScratchSchema()
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/seats.shp")
        let url = try scratch.url("seats")
        func load(_ mode: PostGISWriter.Mode) throws -> Int {
            try PostGISWriter(url: url, mode: mode, provenance: .init(files: [("seats.shp", nil)]))
                .write(schema: source.schema, crs: source.crs, geometryTransform: nil) { try source.forEach($0) }.records
        }
        #expect(try load(.create) == 9)
        #expect { try load(.create) } throws: { "\($0)".contains("already exists; pass --replace") }
        #expect(try load(.replace) == 9)
        #expect(try PostGISLayerReader(url: url).count() == 9)
        #expect(try load(.append) == 9)
        let back = try PostGISLayerReader(url: url)
        #expect(try back.count() == 18)
        let features = try ScratchSchema.features(back)
        #expect(features[9].attributes == features[0].attributes)
        let comment = try scratch.admin.execute("SELECT obj_description($1::regclass, 'pg_class')", [try TableName(schema: scratch.name, name: "seats").quoted(scratch.admin)]).rows[0][0] ?? ""
        #expect(comment.split(separator: "\n").count == 2)
        #expect(comment.contains("Appended by zoning"))
    }

    /// Two loads creating one new schema at once: the second waits for the first's commit,
    /// then finds the schema and loads. Without the lock it would pass `IF NOT EXISTS`, wait on
    /// the catalogue's unique index and then fail on its duplicate key.
    @Test func twoLoadsCreateOneSchemaAtOnce() throws {
        let scratch = try ScratchSchema()
        let first = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        // The first load holds the lock and has made the schema, not yet committed.
        try first.execute("BEGIN")
        try TransactionLock.take(.schema(scratch.name), first, waitingFor: "the test's lock")
        try first.execute("CREATE SCHEMA \(try first.quoteIdentifier(scratch.name))")
        let url = try scratch.url("seats")
        let finished = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var outcome: Result<Int, Error>?
        Thread.detachNewThread {
            outcome = Result {
                let source = try LayerFile.open(checkoutRoot + "/Shapefiles/seats.shp")
                return try PostGISWriter(url: url).write(schema: source.schema, crs: source.crs, geometryTransform: nil) { try source.forEach($0) }.records
            }
            finished.signal()
        }
        // The second waits while the first's transaction is open.
        #expect(finished.wait(timeout: .now() + 1) == .timedOut)
        try first.execute("COMMIT")
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(try outcome?.get() == 9)
        #expect(try PostGISLayerReader(url: url).count() == 9)
    }

    /// A load whose connection is killed mid-COPY (pg_terminate_backend from a second
    /// session) leaves no table — neither the table nor its temporary name — and says the
    /// connection was lost.
    @Test func aKilledLoadLeavesNothing() throws {
        let scratch = try ScratchSchema()
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/DLTB.shp")
        let url = try scratch.url("dltb")
        let killer = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        var killed = false
        do {
            _ = try PostGISWriter(url: url).write(schema: source.schema, crs: source.crs, geometryTransform: nil) { emit in
                try source.forEach { feature in
                    try emit(feature)
                    if feature.id == 5000, !killed {
                        let rows = try killer.execute(
                            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'COPY %' AND query LIKE '%' || $1 || '%'",
                            [scratch.name]).rows
                        killed = rows == [["t"]]
                    }
                }
            }
            Issue.record("the load survived its connection")
        } catch let error as DatabaseError {
            guard case .connectionLost = error else { Issue.record("\(error)"); return }
            #expect("\(error)".contains("zoning:***@"))
        }
        #expect(killed)
        #expect(try killer.execute("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1", [scratch.name]).rows == [["0"]])
        #expect(try killer.execute("SELECT to_regnamespace($1) IS NULL", [try killer.quoteIdentifier(scratch.name)]).rows == [["t"]])
    }

    /// A replacement whose last row is refused leaves the old table as it was.
    @Test func aRefusedReplacementKeepsTheOldTable() throws {
        let scratch = try ScratchSchema()
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/villages.shp")
        let url = try scratch.url("villages")
        _ = try PostGISWriter(url: url).write(schema: source.schema, crs: source.crs, geometryTransform: nil) { try source.forEach($0) }
        let population = try #require(source.schema.index(of: "POP"))
        #expect(source.schema.fields[population].type == .integer)
        #expect {
            _ = try PostGISWriter(url: url, mode: .replace).write(schema: source.schema, crs: source.crs, geometryTransform: nil) { emit in
                try source.forEach(emit)
                var bad = try ScratchSchema.features(source)[0]
                bad.attributes[population] = .string("many")
                try emit(bad)
            }
        } throws: { error in
            guard case DatabaseError.queryFailed(_, let state, let message) = error else { return false }
            return state == "22P02" && message.contains("line 121")
        }
        #expect(try PostGISLayerReader(url: url).count() == 120)
        #expect(try scratch.admin.execute("SELECT count(*) FROM pg_tables WHERE schemaname = $1", [scratch.name]).rows == [["1"]])
    }

    @Test func polygonsAndMultipolygonsBecomeMultipolygons() throws {
        let scratch = try ScratchSchema()
        let url = try scratch.url("mixed")
        let shapes = try ["POLYGON ((0 0, 1 0, 1 1, 0 0))", "MULTIPOLYGON (((5 5, 6 5, 6 6, 5 5)), ((8 8, 9 8, 9 9, 8 8)))"].map { try Geometry(wkt: $0) }
        _ = try PostGISWriter(url: url).write(schema: Schema([]), crs: nil, geometryTransform: nil) { emit in
            for (id, shape) in shapes.enumerated() { try emit(Feature(id: id, geometry: shape, attributes: [])) }
            try emit(Feature(id: 2, geometry: nil, attributes: []))
        }
        #expect(try scratch.admin.execute("SELECT type, srid FROM geometry_columns WHERE f_table_schema = $1", [scratch.name]).rows == [["MULTIPOLYGON", "0"]])
        let back = try ScratchSchema.features(PostGISLayerReader(url: url))
        #expect(back.map { $0.geometry?.type } == [.multiPolygon, .multiPolygon, nil])
        #expect(abs(back[0].geometry!.area - 0.5) < 1e-12)
    }
}
