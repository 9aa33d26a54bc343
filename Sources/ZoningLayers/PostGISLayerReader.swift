import Foundation
import ZoningDatabase
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// A PostGIS table read as a layer: `postgresql://…?table=schema.name`. Geometries arrive as
/// WKB (`ST_AsBinary`), the CRS is the geometry column's SRID (`geometry_columns`) as
/// `EPSG:n`, and the records come through a cursor 2,000 at a time, so memory stays flat.
/// A `geography` column is read as geometry (`::geometry`: longitude and latitude) in its SRID,
/// EPSG:4326 unless it says otherwise. A column without a declared SRID whose geometries carry
/// several is refused, with the count per SRID.
///
/// Column types become field types: `smallint`/`integer`/`bigint` → integer,
/// `real`/`double precision`/`numeric(p,s)` → real (width p, precision s), `text`/`varchar(n)`
/// → string (width n), `date` → date, `boolean` → boolean, anything else → string in
/// PostgreSQL's text form. The `zoning_fid` key that `zoning load` adds gives the order and
/// is not a field.
///
/// ```swift
/// let layer = try PostGISLayerReader(url: DatabaseURL("postgresql:///gis?table=county.villages"))
/// layer.crs?.epsg   // 4528
/// try layer.forEach { feature in … }
/// ```
public final class PostGISLayerReader: FeatureSource {
    /// The table's name.
    public let name: String
    public let schema: Schema
    public let crs: CoordinateReferenceSystem?
    /// None: a table is not a file an output could replace.
    public var files: [String] { [] }
    /// The URL read, as given (show `url.masked`).
    public let url: DatabaseURL
    /// The table, with the schema it was found in.
    public let table: TableName
    /// The geometry column and its declared type (`MULTIPOLYGON`, `GEOMETRY`); nil for a
    /// table without geometry.
    public let geometryColumn: (name: String, type: String)?
    /// The geometry column's SRID; 0 when unknown.
    public let srid: Int
    /// The PostGIS version of the database.
    public let postgisVersion: String

    let connection: DatabaseConnection
    let selectList: String
    let orderBy: String
    let kinds: [Field.ValueType]

    /// The table's content as one checksum, for a run's manifest (a table has no file to hash):
    /// the SHA-256 of the MD5s of its rows' text, taken in the order of those MD5s — a table is
    /// a set, so the same rows give the same checksum whatever their physical order — and the
    /// number of rows. Computed by the server; 16 bytes per row travel, not the rows.
    ///
    /// ```swift
    /// try layer.contentChecksum()   // (rows: 120, sha256: "9f2c…")
    /// ```
    public func contentChecksum() throws -> (rows: Int, sha256: String) {
        let result = try connection.execute(
            """
            SELECT count(*), encode(sha256(coalesce(string_agg(decode(md5(t::text), 'hex'), ''::bytea ORDER BY md5(t::text)), ''::bytea)), 'hex')
            FROM \(try table.quoted(connection)) t
            """, operation: "the checksum of \(table)")
        guard let row = result.rows.first, let rows = row[0].flatMap({ Int($0) }), let digest = row[1] else {
            throw DatabaseError.queryFailed(operation: "the checksum of \(table)", sqlState: nil, message: "no row came back")
        }
        return (rows, digest)
    }

    /// Connects and reads the table's description.
    /// - Parameter crsOverride: the CRS to use instead of the SRID's.
    /// - Throws: `DatabaseError` (connection, missing PostGIS, `.tableMissing`).
    public init(url: DatabaseURL, crsOverride: CoordinateReferenceSystem? = nil) throws {
        self.url = url
        guard let text = url.table else {
            throw DatabaseError.badURL(url: url.masked, problem: "it names no table; add ?table=schema.name")
        }
        guard let requested = TableName(parsing: text) else {
            throw DatabaseError.badURL(url: url.masked, problem: "table=\(text) is not a table name (schema.name)")
        }
        try requested.checkLength()
        let db = try DatabaseConnection(url)
        connection = db
        postgisVersion = try db.requirePostGIS()
        let found = try db.execute(
            """
            SELECT n.nspname, c.relname, c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'v', 'm', 'p', 'f')
            """, [try requested.quoted(db)], operation: "the lookup of table \(requested)"
        ).rows
        guard let row = found.first, let schemaName = row[0], let tableName = row[1], let oid = row[2] else {
            throw DatabaseError.tableMissing(url: url.masked, table: requested.description)
        }
        table = TableName(schema: schemaName, name: tableName)
        name = tableName
        let columns = try db.execute(
            """
            SELECT a.attname, t.typname, a.atttypmod FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, [oid], operation: "the column list of \(table)"
        ).rows.map { (name: $0[0] ?? "", type: $0[1] ?? "", modifier: Int($0[2] ?? "") ?? -1) }

        // A geography column is read as geometry (`::geometry`) in its SRID, EPSG:4326 unless it says otherwise.
        let geometries = columns.filter { $0.type == "geometry" || $0.type == "geography" }
        let chosen = url.geometryColumn.map { wanted in geometries.first { $0.name == wanted } } ?? geometries.first
        if let wanted = url.geometryColumn, chosen == nil {
            throw DatabaseError.badURL(url: url.masked, problem: "\(table) has no geometry column \(wanted)")
        }
        var srid = 0, geometryType = "GEOMETRY"
        if let chosen {
            let catalogue = chosen.type == "geography"
                ? "SELECT srid, type FROM geography_columns WHERE f_table_schema = $1 AND f_table_name = $2 AND f_geography_column = $3"
                : "SELECT srid, type FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2 AND f_geometry_column = $3"
            let described = try db.execute(catalogue, [schemaName, tableName, chosen.name], operation: "the SRID lookup of \(table)").rows.first
            srid = Int(described?[0] ?? "") ?? 0
            geometryType = described?[1] ?? geometryType
            if srid == 0 {
                // An unconstrained column: the SRID its geometries carry, which must be one.
                let column = try db.quoteIdentifier(chosen.name)
                let counts = try db.execute(
                    "SELECT ST_SRID(\(column)), count(*) FROM \(try table.quoted(db)) WHERE \(column) IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
                    operation: "the SRID lookup of \(table)"
                ).rows.map { (srid: Int($0[0] ?? "") ?? 0, count: Int($0[1] ?? "") ?? 0) }
                if counts.count > 1 {
                    throw LayerError.unreadable(path: url.masked, problem: Self.mixedSRIDs(counts, column: chosen.name, table: table))
                }
                srid = counts.first?.srid ?? 0
            }
        }
        self.srid = srid
        geometryColumn = chosen.map { ($0.name, geometryType) }
        crs = try crsOverride ?? Self.crs(srid: srid, db)

        let hasKey = columns.contains { $0.name == PostGISWriter.keyColumn && ["int8", "int4"].contains($0.type) }
        orderBy = hasKey ? " ORDER BY \(try db.quoteIdentifier(PostGISWriter.keyColumn))" : ""
        let attributes = columns.filter { $0.type != "geometry" && $0.type != "geography" && !(hasKey && $0.name == PostGISWriter.keyColumn) }
        let fields = attributes.map { Self.field(name: $0.name, type: $0.type, modifier: $0.modifier) }
        schema = Schema(fields)
        kinds = fields.map(\.type)
        var select: [String] = [try chosen.map { "ST_AsBinary(\(try db.quoteIdentifier($0.name))\($0.type == "geography" ? "::geometry" : ""))" } ?? "NULL"]
        for (column, field) in zip(attributes, fields) {
            let quoted = try db.quoteIdentifier(column.name)
            switch (field.type, column.type) {
            case (.date, _): select.append("to_char(\(quoted), 'YYYY-MM-DD')")
            case (.string, "text"), (.string, "varchar"), (.string, "bpchar"), (.integer, _), (.real, _), (.boolean, _): select.append(quoted)
            default: select.append("\(quoted)::text")
            }
        }
        selectList = select.joined(separator: ", ")
    }

    /// The number of records (`count(*)`).
    public func count() throws -> Int {
        Int(try connection.execute("SELECT count(*) FROM \(try table.quoted(connection))", operation: "counting \(table)").rows.first?[0] ?? "") ?? 0
    }

    /// The bounds of the geometries (`ST_Extent`); nil for a table without any.
    public func extent() throws -> Bounds? {
        guard let column = geometryColumn else { return nil }
        let row = try connection.execute(
            """
            SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
            FROM (SELECT ST_Extent(\(try connection.quoteIdentifier(column.name))) AS e FROM \(try table.quoted(connection))) AS extent
            """, operation: "the extent of \(table)"
        ).rows.first
        guard let row, let values = Optional(row.compactMap { $0.flatMap(Double.init) }), values.count == 4 else { return nil }
        return Bounds(minX: values[0], minY: values[1], maxX: values[2], maxY: values[3])
    }

    public func forEach(_ body: (Feature) throws -> Void) throws {
        let db = connection
        let sql = "SELECT \(selectList) FROM \(try table.quoted(db))\(orderBy)"
        try db.transaction(readOnly: true) {
            try db.execute("DECLARE zoning_read NO SCROLL CURSOR FOR \(sql)", operation: "reading \(table)")
            var id = 0
            while true {
                let batch = try db.execute("FETCH FORWARD 2000 FROM zoning_read", operation: "reading \(table)").rows
                for row in batch {
                    let geometry = try row[0].map { hex -> Geometry in
                        do {
                            return try Geometry(hexWKB: String(hex.dropFirst(2)))
                        } catch {
                            throw LayerError.badRecord(path: url.masked, record: id, problem: "\(error)")
                        }
                    }
                    let attributes = zip(row.dropFirst(), kinds).map { Self.value($0, $1) }
                    try body(Feature(id: id, geometry: geometry, attributes: attributes))
                    id += 1
                }
                if batch.count < 2000 { break }
            }
            try db.execute("CLOSE zoning_read")
        }
    }

    public func label(ofRecord id: Int) -> String { "row \(id) of \(table)" }

    /// The field a column becomes.
    static func field(name: String, type: String, modifier: Int) -> Field {
        switch type {
        case "int2", "int4", "int8": return Field(name: name, type: .integer)
        case "float4", "float8": return Field(name: name, type: .real)
        case "numeric":
            guard modifier >= 4 else { return Field(name: name, type: .real) }
            let precision = ((modifier - 4) >> 16) & 0xFFFF, scale = (modifier - 4) & 0xFFFF
            return Field(name: name, type: .real, width: precision, precision: scale)
        case "varchar", "bpchar": return Field(name: name, type: .string, width: max(0, modifier - 4))
        case "date": return Field(name: name, type: .date)
        case "bool": return Field(name: name, type: .boolean)
        default: return Field(name: name, type: .string)
        }
    }

    /// A column's text as the field's value; text that does not read as the type is kept as
    /// a string.
    static func value(_ text: String?, _ type: Field.ValueType) -> AttributeValue {
        guard let text else { return .null }
        switch type {
        case .string: return .string(text)
        case .integer: return Int64(text).map(AttributeValue.integer) ?? .string(text)
        case .real: return Double(text).map(AttributeValue.real) ?? .string(text)
        case .date: return CalendarDate(text: text).map(AttributeValue.date) ?? .string(text)
        case .boolean: return text == "t" ? .boolean(true) : text == "f" ? .boolean(false) : .string(text)
        }
    }

    /// The refusal of a geometry column holding several SRIDs: its counts, and the fix.
    static func mixedSRIDs(_ counts: [(srid: Int, count: Int)], column: String, table: TableName) -> String {
        let listed = counts.map { "\($0.count) in SRID \($0.srid)" }.joined(separator: ", ")
        let main = counts[0].srid
        return "the geometry column \(column) of \(table) mixes SRIDs (\(listed)), and a layer is read in one CRS; "
            + "transform them to one (UPDATE \(table) SET \(column) = ST_Transform(\(column), \(main)) WHERE ST_SRID(\(column)) <> \(main)) "
            + "or split the table by SRID (one view per SRID: WHERE ST_SRID(\(column)) = \(main))"
    }

    /// The CRS of an SRID: `EPSG:n` when spatial_ref_sys says it is EPSG's, else its WKT.
    static func crs(srid: Int, _ db: DatabaseConnection) throws -> CoordinateReferenceSystem? {
        guard srid > 0 else { return nil }
        let row = try db.execute(
            "SELECT auth_name, auth_srid, srtext FROM spatial_ref_sys WHERE srid = $1::integer", [String(srid)],
            operation: "the lookup of SRID \(srid)"
        ).rows.first
        if let row, row[0]?.uppercased() == "EPSG", let code = row[1] {
            return try CoordinateReferenceSystem("EPSG:\(code)")
        }
        if let text = row?[2] ?? nil, !text.isEmpty { return try CoordinateReferenceSystem(text) }
        return try CoordinateReferenceSystem("EPSG:\(srid)")
    }
}
