import Foundation
import ZoningDatabase
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Writes a layer into a PostGIS table (`postgresql://…?table=schema.name`), whole or not at
/// all.
///
/// A new table is built under a temporary name in one transaction — columns typed from the
/// schema, rows streamed with `COPY` (text format, geometries as hex WKB), the geometry column
/// then typed (`geometry(MultiPolygon, 4528)`: polygons and multipolygons mixed become
/// multipolygons), comments naming the source, a `zoning_fid` primary key in record order and
/// a GiST index on the geometry — and renamed to its name at commit. A killed load, a lost
/// connection or a refused row therefore leaves nothing visible: neither a half-filled table
/// nor the temporary one. `.replace` drops the old table in the same transaction; `.append`
/// adds the rows to an existing table in one transaction.
///
/// Field types become columns: string → `text`, integer → `integer` (width up to 9) or
/// `bigint`, real → `numeric(width, precision)` when the field has both, else
/// `double precision`, date → `date`, boolean → `boolean`.
///
/// ```swift
/// let writer = PostGISWriter(url: try DatabaseURL("postgresql:///gis?table=county.villages"), mode: .replace,
///                            provenance: .init(files: [("villages.shp", "9f86d0…")], encoding: "UTF-8"))
/// let (records, notes) = try writer.write(schema: source.schema, crs: source.crs, geometryTransform: nil) { emit in
///     try source.forEach(emit)
/// }
/// ```
public struct PostGISWriter: FeatureSink {
    /// What to do when the table exists.
    public enum Mode: String, Sendable {
        /// Refuse: the default.
        case create
        /// Drop the old table and put the new one in its place, in one transaction.
        case replace
        /// Add the rows to it (a new table when there is none).
        case append
    }

    /// Where the rows come from, for the table and column comments.
    public struct Provenance: Sendable {
        /// Each source file with its SHA-256 (hex), when known.
        public var files: [(path: String, sha256: String?)]
        /// The source's text encoding (`UTF-8`, `GBK`), when known.
        public var encoding: String?
        /// When the load started.
        public var loadedAt: Date
        /// The program that loaded it (`zoning 0.9.0`).
        public var loader: String

        public init(files: [(path: String, sha256: String?)], encoding: String? = nil, loadedAt: Date = Date(), loader: String = "zoning") {
            self.files = files
            self.encoding = encoding
            self.loadedAt = loadedAt
            self.loader = loader
        }
    }

    /// The primary key added to each new table: the records' order, from 1.
    public static let keyColumn = "zoning_fid"

    public let url: DatabaseURL
    public var mode: Mode
    public var provenance: Provenance
    /// False for an attribute table: no geometry column and no spatial index (new tables only).
    public var withGeometry: Bool

    public init(url: DatabaseURL, mode: Mode = .create, provenance: Provenance = Provenance(files: []), withGeometry: Bool = true) {
        self.url = url
        self.mode = mode
        self.provenance = provenance
        self.withGeometry = withGeometry
    }

    /// Writes the layer; `features` is called once.
    /// - Throws: `DatabaseError` (connection, refused statements, `.connectionLost`),
    ///   `LayerError.cannotWrite` when the table exists and the mode is `.create`, or when an
    ///   appended layer's CRS differs from the table's.
    public func write(
        schema: Schema, crs: CoordinateReferenceSystem?, geometryTransform: ((Geometry) throws -> Geometry)?,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> (records: Int, notes: [String]) {
        guard let text = url.table else {
            throw DatabaseError.badURL(url: url.masked, problem: "it names no table to write; add ?table=schema.name")
        }
        guard let target = TableName(parsing: text) else {
            throw DatabaseError.badURL(url: url.masked, problem: "table=\(text) is not a table name (schema.name)")
        }
        // PostgreSQL would cut a longer name, and --replace would then replace another table.
        try target.checkLength()
        let db = try DatabaseConnection(url)
        try db.requirePostGIS()
        let srid = crs?.epsg ?? 0
        var notes: [String] = []
        if crs != nil, srid == 0 {
            notes.append("the layer's CRS has no EPSG code, so the table's SRID is 0 (unknown)")
        }
        let names = try ColumnNames(schema: schema)
        let records = try db.transaction {
            if let schemaName = target.schema {
                // Two loads into one new schema at once: the second waits for the first's commit.
                try TransactionLock.take(.schema(schemaName), db, waitingFor: "waiting for another load creating schema \(schemaName)")
                try db.execute("CREATE SCHEMA IF NOT EXISTS \(try db.quoteIdentifier(schemaName))", operation: "creating schema \(schemaName)")
            }
            let existing = try db.execute("SELECT to_regclass($1)::oid", [try target.quoted(db)], operation: "the lookup of \(target)").rows.first?[0] ?? nil
            if existing != nil, mode == .append {
                return try append(db, target: target, oid: existing!, schema: schema, names: names, srid: srid, transform: geometryTransform, features: features)
            }
            if existing != nil, mode == .create {
                throw LayerError.cannotWrite(
                    path: url.masked, problem: "table \(target) already exists; pass --replace to replace it or --append to add to it")
            }
            return try create(db, target: target, replacing: existing != nil, schema: schema, names: names, srid: srid,
                              transform: geometryTransform, features: features, notes: &notes)
        }
        return (records, notes)
    }

    /// A new table under a temporary name, renamed to `target` (after dropping the old one).
    private func create(
        _ db: DatabaseConnection, target: TableName, replacing: Bool, schema: Schema, names: ColumnNames, srid: Int,
        transform: ((Geometry) throws -> Geometry)?, features: ((Feature) throws -> Void) throws -> Void, notes: inout [String]
    ) throws -> Int {
        let temporary = TableName(schema: target.schema, name: "zoning_load_" + Self.randomSuffix())
        let table = try temporary.quoted(db)
        let geometry = try db.quoteIdentifier(names.geometry)
        var columns = ["\(try db.quoteIdentifier(Self.keyColumn)) bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"]
        for field in schema.fields { columns.append("\(try db.quoteIdentifier(field.name)) \(Self.columnType(field))") }
        if withGeometry { columns.append("\(geometry) geometry") }
        try db.execute("CREATE TABLE \(table) (\(columns.joined(separator: ", ")))", operation: "creating table \(target)")
        let count = try copy(db, into: table, schema: schema, names: names, transform: transform, features: features)
        guard withGeometry else {
            try comment(db, table: table, schema: schema, names: names, srid: nil, appended: nil)
            if replacing { try db.execute("DROP TABLE \(try target.quoted(db))", operation: "dropping the old table \(target)") }
            try db.execute("ALTER TABLE \(table) RENAME TO \(try db.quoteIdentifier(target.name))", operation: "naming table \(target)")
            try db.execute(
                "ALTER INDEX \(try db.quoteQualified(schema: target.schema, name: temporary.name + "_pkey")) RENAME TO \(try db.quoteIdentifier(Self.indexName(target.name, "pkey")))",
                operation: "naming the key of \(target)")
            notes.append("table \(target): no geometry")
            return count
        }

        // The geometry column's type and SRID, from what arrived.
        let kinds = try db.execute(
            "SELECT DISTINCT upper(substr(ST_GeometryType(\(geometry)), 4)), ST_Zmflag(\(geometry)) FROM \(table) WHERE \(geometry) IS NOT NULL",
            operation: "typing the geometry column of \(target)"
        ).rows.map { (type: $0[0] ?? "GEOMETRY", zm: Int($0[1] ?? "") ?? 0) }
        let (type, promote) = Self.columnGeometryType(Set(kinds.map(\.type)))
        let zmFlags = Set(kinds.map(\.zm))
        let zm = zmFlags.count == 1 ? zmFlags.first! : 0
        if zmFlags.count > 1 { notes.append("geometries with and without Z or M: all were made 2D") }
        var expression = "ST_SetSRID(\(geometry), \(srid))"
        if zmFlags.count > 1 { expression = "ST_Force2D(\(expression))" }
        if promote { expression = "ST_Multi(\(expression))" }
        let suffix = ["", "M", "Z", "ZM"][zm]
        try db.execute(
            "ALTER TABLE \(table) ALTER COLUMN \(geometry) TYPE geometry(\(type)\(suffix), \(srid)) USING \(expression)",
            operation: "typing the geometry column of \(target)")

        try comment(db, table: table, schema: schema, names: names, srid: srid, appended: nil)
        if replacing {
            try db.execute("DROP TABLE \(try target.quoted(db))", operation: "dropping the old table \(target)")
        }
        try db.execute("ALTER TABLE \(table) RENAME TO \(try db.quoteIdentifier(target.name))", operation: "naming table \(target)")
        let final = try target.quoted(db)
        try db.execute(
            "ALTER INDEX \(try db.quoteQualified(schema: target.schema, name: temporary.name + "_pkey")) RENAME TO \(try db.quoteIdentifier(Self.indexName(target.name, "pkey")))",
            operation: "naming the key of \(target)")
        try db.execute(
            "CREATE INDEX \(try db.quoteIdentifier(Self.indexName(target.name, names.geometry + "_gist"))) ON \(final) USING gist (\(geometry))",
            operation: "indexing \(target)")
        try db.execute("ANALYZE \(final)", operation: "analysing \(target)")
        notes.append("table \(target): \(type)\(suffix), SRID \(srid), GiST index on \(names.geometry)\(replacing ? ", replacing the old table" : "")")
        return count
    }

    /// The rows added to an existing table, through a staging table dropped at commit.
    private func append(
        _ db: DatabaseConnection, target: TableName, oid: String, schema: Schema, names: ColumnNames, srid: Int,
        transform: ((Geometry) throws -> Geometry)?, features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        let final = try target.quoted(db)
        let described = try db.execute(
            """
            SELECT g.f_geometry_column, g.srid, g.type FROM geometry_columns g
            JOIN pg_class c ON c.relname = g.f_table_name JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = g.f_table_schema
            WHERE c.oid = $1::oid ORDER BY g.f_geometry_column LIMIT 1
            """, [oid], operation: "the geometry column of \(target)"
        ).rows.first
        guard let described, let column = described[0] else {
            throw LayerError.cannotWrite(path: url.masked, problem: "table \(target) has no geometry column to append to")
        }
        let tableSRID = Int(described[1] ?? "") ?? 0
        if tableSRID != 0, srid != 0, tableSRID != srid {
            throw LayerError.cannotWrite(
                path: url.masked,
                problem: "table \(target) is in EPSG:\(tableSRID) and the layer in EPSG:\(srid); reproject the layer first (zoning convert --dst-crs EPSG:\(tableSRID))")
        }
        let staging = try db.quoteIdentifier("zoning_append_" + Self.randomSuffix())
        let geometry = try db.quoteIdentifier(names.geometry)
        var columns: [String] = []
        for field in schema.fields { columns.append("\(try db.quoteIdentifier(field.name)) \(Self.columnType(field))") }
        columns.append("\(geometry) geometry")
        try db.execute("CREATE TEMPORARY TABLE \(staging) (\(columns.joined(separator: ", "))) ON COMMIT DROP", operation: "staging rows for \(target)")
        let count = try copy(db, into: staging, schema: schema, names: names, transform: transform, features: features)
        let fieldList = try schema.fields.map { try db.quoteIdentifier($0.name) }
        var expression = "ST_SetSRID(\(geometry), \(tableSRID))"
        if (described[2] ?? "").uppercased().hasPrefix("MULTI") { expression = "ST_Multi(\(expression))" }
        try db.execute(
            "INSERT INTO \(final) (\((fieldList + [try db.quoteIdentifier(column)]).joined(separator: ", "))) SELECT \((fieldList + [expression]).joined(separator: ", ")) FROM \(staging)",
            operation: "appending to \(target)")
        try comment(db, table: final, schema: nil, names: names, srid: tableSRID, appended: oid)
        return count
    }

    /// Streams the features into `table` (quoted) with COPY.
    private func copy(
        _ db: DatabaseConnection, into table: String, schema: Schema, names: ColumnNames,
        transform: ((Geometry) throws -> Geometry)?, features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        let list = try (schema.fields.map(\.name) + (withGeometry ? [names.geometry] : [])).map { try db.quoteIdentifier($0) }.joined(separator: ", ")
        return try db.copy("COPY \(table) (\(list)) FROM STDIN", operation: "loading the rows of \(url.table ?? "")") { send in
            try withoutActuallyEscaping(send) { send in try features { feature in
                var fields: [String?] = []
                fields.reserveCapacity(schema.fields.count + 1)
                for (field, value) in zip(schema.fields, feature.attributes) {
                    fields.append(try Self.copyText(value, field: field, record: feature.id, url: url))
                }
                if withGeometry {
                    fields.append(try feature.geometry.map { Self.hex(try (transform?($0) ?? $0).wkb()) })
                }
                try send(CopyText.row(fields))
            } }
        }
    }

    /// The table's comment (its source, checksum, encoding and load time) and each column's.
    /// For an append, a line is added to the table's comment instead.
    private func comment(_ db: DatabaseConnection, table: String, schema: Schema?, names: ColumnNames, srid: Int?, appended: String?) throws {
        let time = ISO8601DateFormatter().string(from: provenance.loadedAt)
        let sources = provenance.files.isEmpty
            ? "an unnamed source"
            : provenance.files.map { file in DatabaseURL.mask(file.path) + (file.sha256.map { " (SHA-256 \($0))" } ?? "") }.joined(separator: ", ")
        let encoding = provenance.encoding.map { "; text encoding \($0)" } ?? ""
        // A source may be a table (`zoning convert postgresql://… postgresql://…`): its password is never in a comment.
        let main = provenance.files.first.map { URL(fileURLWithPath: DatabaseURL.mask($0.path)).lastPathComponent } ?? "the source"
        var tableText = "\(appended == nil ? "Loaded" : "Appended") by \(provenance.loader) at \(time) from \(sources)\(encoding)."
        if let appended {
            let old = try db.execute("SELECT obj_description($1::oid, 'pg_class')", [appended], operation: "reading the table comment").rows.first?[0] ?? nil
            if let old, !old.isEmpty { tableText = old + "\n" + tableText }
        }
        try db.execute("COMMENT ON TABLE \(table) IS \(try db.quoteLiteral(tableText))", operation: "commenting the table")
        guard let schema else { return }
        for field in schema.fields {
            let text = "Field \(field.name) of \(main) (\(field.type.rawValue)\(field.width > 0 ? ", width \(field.width)" : "")), loaded at \(time)\(encoding)."
            try db.execute("COMMENT ON COLUMN \(table).\(try db.quoteIdentifier(field.name)) IS \(try db.quoteLiteral(text))", operation: "commenting the columns")
        }
        if let srid {
            let geometryText = "Geometry of \(main), SRID \(srid)\(srid > 0 ? " (EPSG:\(srid))" : ""), loaded at \(time)."
            try db.execute("COMMENT ON COLUMN \(table).\(try db.quoteIdentifier(names.geometry)) IS \(try db.quoteLiteral(geometryText))", operation: "commenting the columns")
        }
        try db.execute(
            "COMMENT ON COLUMN \(table).\(try db.quoteIdentifier(Self.keyColumn)) IS \(try db.quoteLiteral("Record number in \(main), from 1."))",
            operation: "commenting the columns")
    }

    /// The column type of a field.
    static func columnType(_ field: Field) -> String {
        switch field.type {
        case .string: "text"
        case .integer: field.width > 0 && field.width <= 9 ? "integer" : "bigint"
        case .real: field.width > 0 && field.precision > 0 && field.width <= 1000 && field.precision < field.width
            ? "numeric(\(field.width), \(field.precision))" : "double precision"
        case .date: "date"
        case .boolean: "boolean"
        }
    }

    /// The declared type for the geometry types found, and whether single parts must become
    /// multi (`POLYGON` and `MULTIPOLYGON` → `MULTIPOLYGON`).
    static func columnGeometryType(_ types: Set<String>) -> (type: String, promote: Bool) {
        if types.count == 1 { return (types.first!, false) }
        for base in ["POINT", "LINESTRING", "POLYGON"] where types == [base, "MULTI" + base] {
            return ("MULTI" + base, true)
        }
        return ("GEOMETRY", false)
    }

    /// An index name: `table_suffix`, cut to PostgreSQL's 63 bytes at a character boundary.
    static func indexName(_ table: String, _ suffix: String) -> String {
        var name = table + "_" + suffix
        while name.utf8.count > 63 { name.removeLast() }
        return name
    }

    /// A value as COPY text for its column.
    static func copyText(_ value: AttributeValue, field: Field, record: Int, url: DatabaseURL) throws -> String? {
        switch (value, field.type) {
        case (.null, _): return nil
        case (.real(let number), _) where !number.isFinite:
            return number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity"
        case (.real(let number), .integer):
            guard number == number.rounded(), abs(number) < 9.2e18 else {
                throw LayerError.badValue(path: url.masked, record: record, field: field.name, problem: "\(number) is not a whole number")
            }
            return String(Int64(number))
        case (.real(let number), _): return "\(number)"
        case (.boolean(let flag), .boolean): return flag ? "true" : "false"
        default: return value.description
        }
    }

    /// 12 random hexadecimal digits, for names no one else uses.
    static func randomSuffix() -> String {
        String(UUID().uuidString.filter { $0 != "-" }.prefix(12)).lowercased()
    }

    /// Bytes as lower-case hexadecimal.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: bytes.count * 2)
        for (index, byte) in bytes.enumerated() {
            out[2 * index] = digits[Int(byte >> 4)]
            out[2 * index + 1] = digits[Int(byte & 0x0F)]
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The geometry column's name: `geom`, unless a field has it.
struct ColumnNames {
    let geometry: String

    init(schema: Schema) throws {
        let taken = Set(schema.fields.map { $0.name.lowercased() })
        geometry = ["geom", "geometry", "zoning_geom"].first { !taken.contains($0) } ?? "zoning_geom"
        if taken.contains(PostGISWriter.keyColumn) {
            throw LayerError.cannotWrite(path: "the table", problem: "a field is named \(PostGISWriter.keyColumn), the key zoning adds; rename it")
        }
    }
}
