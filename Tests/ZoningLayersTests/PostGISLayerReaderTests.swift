import Foundation
import Testing
import ZoningDatabase
import ZoningLayers
import ZoningSupport
import ZoningTestSupport

@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostGISLayerReaderTests {
    /// A table made in SQL, not by zoning: column types become field types, values keep their
    /// type, the SRID becomes the CRS, and rows come in more than one batch.
    @Test func columnsOfEveryTypeAreRead() throws {
        let scratch = try ScratchSchema()
        let db = scratch.admin
        let schema = try db.quoteIdentifier(scratch.name)
        try db.execute("CREATE SCHEMA \(schema)")
        try db.execute(
            """
            CREATE TABLE \(schema).t (名称 varchar(20), n integer, big bigint, share double precision, area numeric(12,2),
              day date, flag boolean, stamp timestamp, shape geometry(Point, 4490))
            """)
        try db.execute(
            """
            INSERT INTO \(schema).t SELECT '村' || i, i, i * 10000000000, i / 4.0, i + 0.25, DATE '2024-05-01' + i, i % 2 = 0,
              TIMESTAMP '2024-05-01 08:00', ST_SetSRID(ST_MakePoint(117 + i / 10000.0, 36), 4490)
            FROM generate_series(1, 4500) AS i
            """)
        let layer = try PostGISLayerReader(url: scratch.url("t"))
        #expect(layer.crs?.epsg == 4490)
        #expect(layer.srid == 4490)
        #expect(layer.geometryColumn?.name == "shape" && layer.geometryColumn?.type == "POINT")
        #expect(layer.schema.fields == [
            Field(name: "名称", type: .string, width: 20), Field(name: "n", type: .integer), Field(name: "big", type: .integer),
            Field(name: "share", type: .real), Field(name: "area", type: .real, width: 12, precision: 2), Field(name: "day", type: .date),
            Field(name: "flag", type: .boolean), Field(name: "stamp", type: .string),
        ])
        var count = 0, sum: Int64 = 0
        var first: [AttributeValue] = []
        try layer.forEach { feature in
            if count == 0 { first = feature.attributes }
            count += 1
            if case .integer(let n) = feature.attributes[1] { sum += n }
        }
        #expect(count == 4500)
        #expect(sum == 4500 * 4501 / 2)
        #expect(first == [
            .string("村1"), .integer(1), .integer(10_000_000_000), .real(0.25), .real(1.25), .date(CalendarDate(year: 2024, month: 5, day: 2)!),
            .boolean(false), .string("2024-05-01 08:00:00"),
        ])
        #expect(try layer.count() == 4500)
    }

    /// A geography column is the layer's geometry, in EPSG:4326, with the coordinates given;
    /// before, it came as a text attribute and the layer had no geometry.
    @Test func aGeographyColumnIsReadAsGeometry() throws {
        let scratch = try ScratchSchema()
        let db = scratch.admin
        let schema = try db.quoteIdentifier(scratch.name)
        try db.execute("CREATE SCHEMA \(schema)")
        try db.execute("CREATE TABLE \(schema).places (名称 text, place geography(Point, 4326))")
        try db.execute("INSERT INTO \(schema).places VALUES ('村委会', 'SRID=4326;POINT(119.95 36.78)'), ('学校', 'SRID=4326;POINT(120.01 36.80)')")
        try db.execute("CREATE TABLE \(schema).loose (place geography)")
        try db.execute("INSERT INTO \(schema).loose VALUES ('POINT(119.95 36.78)')")
        for table in ["places", "loose"] {
            let layer = try PostGISLayerReader(url: scratch.url(table))
            #expect(layer.crs?.epsg == 4326, "\(table)")
            #expect(layer.geometryColumn?.name == "place", "\(table)")
            #expect(!layer.schema.names.contains("place"), "\(table)")
            let first = try #require(try ScratchSchema.features(layer).first)
            let box = try #require(first.geometry?.bounds)
            #expect(abs(box.minX - 119.95) < 1e-9 && abs(box.minY - 36.78) < 1e-9, "\(table)")
        }
        #expect(try ScratchSchema.features(PostGISLayerReader(url: scratch.url("places"))).map(\.attributes) == [[.string("村委会")], [.string("学校")]])
    }

    /// A geometry column without a declared SRID whose rows mix 4528 and 4326 is refused,
    /// with the count per SRID and the fix; before, all of it was read as 4528.
    @Test func mixedSRIDsAreRefused() throws {
        let scratch = try ScratchSchema()
        let db = scratch.admin
        let schema = try db.quoteIdentifier(scratch.name)
        try db.execute("CREATE SCHEMA \(schema)")
        try db.execute("CREATE TABLE \(schema).mixed (id integer, geom geometry)")
        try db.execute("INSERT INTO \(schema).mixed SELECT i, ST_SetSRID(ST_MakePoint(40500000 + i, 4070000), 4528) FROM generate_series(1, 3) i")
        try db.execute("INSERT INTO \(schema).mixed SELECT i, ST_SetSRID(ST_MakePoint(119.9, 36.7), 4326) FROM generate_series(4, 5) i")
        try db.execute("INSERT INTO \(schema).mixed VALUES (6, NULL)")
        let url = try scratch.url("mixed")
        let error = #expect(throws: LayerError.self) { try PostGISLayerReader(url: url) }
        let text = error?.description ?? ""
        #expect(text.contains("mixes SRIDs (3 in SRID 4528, 2 in SRID 4326)"), "\(text)")
        #expect(text.contains("ST_Transform(geom, 4528)"), "\(text)")
        // One SRID, however many rows: read.
        try db.execute("DELETE FROM \(schema).mixed WHERE id IN (4, 5)")
        #expect(try PostGISLayerReader(url: url).crs?.epsg == 4528)
    }

    @Test func aMissingTableSaysSo() throws {
        let scratch = try ScratchSchema()
        let url = try scratch.url("nothing_here")
        #expect(throws: DatabaseError.tableMissing(url: url.masked, table: "\(scratch.name).nothing_here")) { try PostGISLayerReader(url: url) }
        #expect(throws: DatabaseError.self) { try PostGISLayerReader(url: DatabaseURL(TestDatabase.requiredURL())) }
    }
}

/// A table's checksum for the manifest: computed again outside the database (coreutils'
/// md5sum and sha256sum over the rows' text), the same for the same rows in another order,
/// different when one value changes.
@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
struct PostGISContentChecksumTests {
    /// The checksum by its definition: the MD5 of each row's text, sorted, concatenated as
    /// bytes, hashed with SHA-256 — with the coreutils programs.
    func independentChecksum(_ db: DatabaseConnection, _ table: String) throws -> String {
        let folder = try TemporaryFolder()
        var digests: [String] = []
        for (index, row) in try db.execute("SELECT t::text FROM \(table) t").rows.enumerated() {
            let file = folder.file("row-\(index)")
            try Data((row[0] ?? "").utf8).write(to: URL(fileURLWithPath: file))
            digests.append(String(try ProcessOutcome.run("/usr/bin/md5sum", [file]).output.prefix(32)))
        }
        let bytes = digests.sorted().flatMap { hex in
            stride(from: 0, to: 32, by: 2).map { UInt8(hex.dropFirst($0).prefix(2), radix: 16)! }
        }
        try Data(bytes).write(to: URL(fileURLWithPath: folder.file("all")))
        return String(try ExternalTool.sha256sum.run([folder.file("all")]).prefix(64))
    }

    @Test func theChecksumIsTheRowsNotTheirOrder() throws {
        let scratch = try ScratchSchema()
        let db = scratch.admin
        let schema = try db.quoteIdentifier(scratch.name)
        try db.execute("CREATE SCHEMA \(schema)")
        for (table, order) in [("a", "ASC"), ("b", "DESC")] {
            try db.execute("CREATE TABLE \(schema).\(table) (名称 text, pop integer, shape geometry(Point, 4528))")
            try db.execute(
                """
                INSERT INTO \(schema).\(table) SELECT * FROM (VALUES ('熊社区', 11112, ST_SetSRID(ST_MakePoint(40500000, 4010000), 4528)),
                  ('东村', 2048, ST_SetSRID(ST_MakePoint(40501000, 4011000), 4528)), ('西村', NULL, NULL)) v(n, p, g) ORDER BY p \(order)
                """)
        }
        let a = try PostGISLayerReader(url: scratch.url("a")).contentChecksum()
        let b = try PostGISLayerReader(url: scratch.url("b")).contentChecksum()
        #expect(a.rows == 3)
        #expect(a.sha256 == (try independentChecksum(db, "\(schema).a")))
        #expect(b.sha256 == a.sha256)
        try db.execute("UPDATE \(schema).b SET pop = 2049 WHERE pop = 2048")
        let changed = try PostGISLayerReader(url: scratch.url("b")).contentChecksum()
        #expect(changed.rows == 3 && changed.sha256 != a.sha256)
        try db.execute("DELETE FROM \(schema).b")
        // No rows: the SHA-256 of nothing.
        #expect(try PostGISLayerReader(url: scratch.url("b")).contentChecksum().sha256 == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
