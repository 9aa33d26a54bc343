import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry

/// The run's inputs in the engine's work schema, copied with `COPY` (geometries as hex WKB in
/// the run's projected CRS, SRID 0) and indexed:
///
/// | table | rows | columns |
/// |---|---|---|
/// | `parcels` | land-use parcels | `idx` (position in the run's list), `county` (ZLDWDM digits 1–6), `township` (1–9), `unit` (1–12), `land_use` (DLBM), `settlement` (CZCSXM), `area` (TBMJ, m²), `geom` |
/// | `units` | village-level units | `idx`, `code`, `county`, `population`, `geom` (NULL without one) |
/// | `townships` | coverage regions | `idx`, `code`, `county`, `geom` |
/// | `seats` | government seats | `idx`, `county`, `geom` |
/// | `facilities` | facility points | `idx`, `type` (`elderly`, …), `geom` |
/// | `people` | population points, when given | `idx`, `residents`, `geom` |
///
/// `county` is the partition key of the parcels (the distribution column on Citus); the other
/// tables are small and joined whole (reference tables on Citus).
///
/// ```swift
/// let tables = try WorkTables.upload(inputs, into: "zoning_engine_0a1b2c3d4e5f", mark: mark, db)
/// try tables.db.execute("SELECT count(*) FROM \(tables["parcels"])")
/// ```
struct WorkTables {
    let db: DatabaseConnection
    /// The schema, quoted.
    let schema: String

    /// `schema.table`, quoted; table names are the fixed lower-case words above.
    subscript(_ table: String) -> String { schema + "." + table }

    /// - Parameter created: called once `CREATE SCHEMA` succeeded, so that the caller drops
    ///   only a schema it made.
    /// - Parameter mark: the schema's mark, written in the transaction that creates it.
    static func upload(_ inputs: AnalysisInputs, into schemaName: String, mark: SchemaMark, _ db: DatabaseConnection, created: () -> Void = {}) throws -> WorkTables {
        let tables = WorkTables(db: db, schema: try db.quoteIdentifier(schemaName))
        try db.transaction {
            try db.execute("CREATE SCHEMA \(tables.schema)", operation: "creating the work schema \(schemaName)")
            try mark.write(on: schemaName, db)
        }
        created()
        try tables.create(
            "parcels", "idx integer NOT NULL, county text NOT NULL, township text NOT NULL, unit text NOT NULL, land_use text NOT NULL, settlement text, area double precision NOT NULL, geom geometry NOT NULL, PRIMARY KEY (county, idx)",
            rows: inputs.parcels.enumerated().lazy.map { index, parcel in
                [String(index), String(parcel.unitCode.prefix(6)), String(parcel.unitCode.prefix(9)), parcel.unitCode, parcel.landUse, parcel.settlement,
                 "\(parcel.area)", try hex(parcel.geometry)]
            })
        try db.execute("CREATE INDEX ON \(tables["parcels"]) (county, unit)", operation: "indexing the work parcels by unit")
        try tables.create(
            "units", "idx integer PRIMARY KEY, code text NOT NULL, county text NOT NULL, population bigint, geom geometry",
            rows: inputs.units.enumerated().lazy.map { index, unit in
                [String(index), unit.code, String(unit.code.prefix(6)), unit.population.map(String.init), try unit.geometry.map(hex)]
            })
        try tables.create(
            "townships", "idx integer PRIMARY KEY, code text NOT NULL, county text NOT NULL, geom geometry NOT NULL",
            rows: inputs.townships.enumerated().lazy.map { index, region in
                [String(index), region.code, String(region.code.prefix(6)), try hex(region.geometry)]
            })
        try tables.create(
            "seats", "idx integer PRIMARY KEY, county text NOT NULL, geom geometry NOT NULL",
            rows: inputs.seats.enumerated().lazy.map { index, seat in [String(index), String(seat.code.prefix(6)), try hex(seat.point)] })
        try tables.create(
            "facilities", "idx integer PRIMARY KEY, type text NOT NULL, geom geometry NOT NULL",
            rows: inputs.facilities.enumerated().lazy.map { index, facility in [String(index), facility.type.rawValue, try hex(facility.point)] })
        try tables.create(
            "people", "idx integer PRIMARY KEY, residents double precision NOT NULL, geom geometry NOT NULL",
            rows: (inputs.population ?? []).enumerated().lazy.map { index, person in [String(index), "\(person.residents)", try hex(person.point)] })
        return tables
    }

    /// Creates an unlogged work table, streams its rows with COPY, indexes its geometry
    /// (GiST) and gathers its statistics for the planner.
    func create<Rows: Sequence>(_ table: String, _ columns: String, rows: Rows) throws where Rows.Element == [String?] {
        try db.execute("CREATE UNLOGGED TABLE \(self[table]) (\(columns))", operation: "creating the work table \(table)")
        try db.copy("COPY \(self[table]) FROM STDIN", operation: "copying the \(table) into the work schema") { send in
            for row in rows { try send(CopyText.row(row)) }
        }
        try db.execute("CREATE INDEX ON \(self[table]) USING gist (geom)", operation: "indexing the work table \(table)")
        try db.execute("ANALYZE \(self[table])", operation: "analysing the work table \(table)")
    }

    /// A geometry as hex WKB, the text form COPY reads into a `geometry` column.
    static func hex(_ geometry: Geometry) throws -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        let bytes = try geometry.wkb()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// A geometry read back as `ST_AsBinary` (bytea, `\x…`).
    static func geometry(_ text: String?) throws -> Geometry? {
        guard let text else { return nil }
        guard let bytes = QueryResult.bytes(fromHex: text) else { throw PushDownError.unreadable(what: "a geometry", value: String(text.prefix(40))) }
        return try Geometry(wkb: bytes)
    }

    /// A text array parameter (`{"0701","0702"}`), each element quoted.
    static func array(_ values: some Sequence<String>) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }
}

/// What can go wrong between the engine and the database beyond `DatabaseError`.
public enum PushDownError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The database answered with a value the engine cannot read: a PostGIS or PostgreSQL
    /// version it does not know. Report it with the versions (`SELECT postgis_full_version()`).
    case unreadable(what: String, value: String)

    public var description: String {
        switch self {
        case .unreadable(let what, let value):
            "The database returned \(what) the PostGIS engine cannot read (\(value)…); run with --engine in-process and report the PostGIS version (SELECT postgis_full_version())"
        }
    }
}

/// Reads a text value from a result row as a number.
func number(_ text: String?) throws -> Double? {
    guard let text else { return nil }
    guard let value = Double(text) else { throw PushDownError.unreadable(what: "a number", value: text) }
    return value
}

func integer(_ text: String?) throws -> Int {
    guard let text, let value = Int(text) else { throw PushDownError.unreadable(what: "an integer", value: text ?? "NULL") }
    return value
}
