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
