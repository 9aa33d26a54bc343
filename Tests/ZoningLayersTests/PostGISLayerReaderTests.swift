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
