import Foundation
import ZoningDatabase
import ZoningLayers
import ZoningSupport

/// `zoning run --db URL`: a finished run's layers and tables published into PostGIS, so that
/// QGIS sees the classified villages, built-up regions, coverage and gaps straight from the
/// database.
///
/// Each run gets a schema of its own, named by the project and the time (UTC):
/// `样例市_sample_county_20250301_093000` (`PublicationSchemas`: a name too long for
/// PostgreSQL's 63 bytes is cut and followed by a hash of the whole). It holds one table per
/// layer (`.shp`: geometry with the run's SRID, GiST index) and per table (`.csv`: columns
/// typed integer, real or text from their values), named after the files
/// (`villages-classified.shp` → `villages_classified`; `builtup-regions.csv`, beside a layer of
/// that name, → `builtup_regions_csv`), and the manifest as the table `manifest` (one row per
/// top-level key, the value as `jsonb`). A second schema, the project's name with `_latest`,
/// holds one view per table over the newest run (`LatestSchema`: it belongs to one project);
/// the views change in one transaction once every table is in, so they always show one
/// complete run.
///
/// The run schema is marked as being written (`SchemaMark`) under a session lock held for the
/// whole publication; the transaction that switches the views marks it published. A
/// publication that fails drops its schema; one killed leaves it marked, and the next
/// publication of the project (or `zoning db clean`) removes it (`LeftoverSchemas`).
///
/// Each layer's style goes into QGIS's `public.layer_styles` (for the run's tables and the
/// latest views) and the run's QGIS project, over the run's tables, into the schema's
/// `qgis_projects` table (`StylePublication`).
///
/// ```swift
/// let published = try RunPublication.publish(folder: "out/sample", projectName: "样例市", database: "postgresql:///gis")
/// published.schema        // "样例市_20250301_093000"
/// published.latestSchema  // "样例市_latest"
/// ```
public enum RunPublication {
    public struct Published: Sendable {
        /// The run's schema.
        public var schema: String
        /// The schema of the `latest` views.
        public var latestSchema: String
        /// The tables written, in order.
        public var tables: [String]
        /// True when the project's name was too long for the schemas' names, which then
        /// hold a cut of it and a hash (`PublicationSchemas`).
        public var shortened: Bool
        /// Schemas that ended runs of this project left, removed first (`LeftoverSchemas`).
        public var removedLeftovers: [String]
        /// Why the layers' styles were not written to QGIS's `public.layer_styles` (the role's
        /// rights); nil when they were.
        public var stylesRefused: String? = nil
    }

    /// Publishes the run in `folder` (a complete run: its `manifest.json` is there).
    /// - Throws: `DatabaseError` (connection, PostGIS missing, refused statements),
    ///   `PublicationError` (the latest schema is another project's, or not zoning's), the
    ///   readers' errors for unreadable outputs.
    public static func publish(folder: String, projectName: String, database: String, at date: Date = Date()) throws -> Published {
        let base = try DatabaseURL(database)
        let names = try PublicationSchemas(projectName: projectName)
        let schema = names.run(at: date), latest = names.latest
        let db = try DatabaseConnection(base)
        try db.requirePostGIS()
        // What ended runs of this project left (their writers' locks are free) goes first.
        let removed = try LeftoverSchemas.clean(db, project: projectName).filter(\.removed).map(\.schema)
        // The latest schema must be this project's: refused before anything is written.
        _ = try LatestSchema.check(latest, project: projectName, db)
        // Held until this function returns (or the process ends): while it is, no cleaner
        // touches the run schema marked with it.
        let lock = try SessionLock.acquire(db)
        defer { SessionLock.release(lock, db) }
        let quotedSchema = try db.quoteIdentifier(schema)
        try db.transaction {
            try db.execute("CREATE SCHEMA \(quotedSchema)", operation: "creating schema \(schema)")
            try SchemaMark(kind: .run, project: projectName, state: .writing, lock: lock, at: date).write(on: schema, db)
        }
        var tables: [String] = []
        var stylesRefused: String?
        do {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let loader = "zoning \(ZoningVersion.current)"
            // The layers of a results.gpkg (outputs.format: gpkg) are published as the shapefiles would be.
            // Its `layer_styles` table becomes the database's own (`publishStyles`).
            let containers = try files.filter { $0 == LayerOutputFormat.geoPackageName }.flatMap { file in
                try GDALLayerReader.all(in: folder + "/" + file, driver: .geoPackage).filter { $0.name != StyleOutputs.stylesTable }.map { (file: file, layer: $0) }
            }
            let layerNames = Set(files.filter { $0.hasSuffix(".shp") }.map { String($0.dropLast(4)) } + containers.map(\.layer.name))
            for (file, layer) in containers {
                let table = tableName(layer.name)
                let url = try base.naming(table: TableName(schema: schema, name: table).description)
                let provenance = PostGISWriter.Provenance(
                    files: [(path: "\(file)#\(layer.name)", sha256: try Manifest.sha256(of: folder + "/" + file).hex)], encoding: "UTF-8", loadedAt: date, loader: loader)
                _ = try PostGISWriter(url: url, provenance: provenance)
                    .write(schema: layer.schema, crs: layer.crs, geometryTransform: nil) { try layer.forEach($0) }
                tables.append(table)
            }
            for file in files where file.hasSuffix(".shp") || file.hasSuffix(".csv") {
                let path = folder + "/" + file
                // A table beside a layer of the same name (builtup-regions.csv and .shp) gets `_csv`.
                let layerBeside = file.hasSuffix(".csv") && layerNames.contains(String(file.dropLast(4)))
                let table = tableName(file) + (layerBeside ? "_csv" : "")
                let url = try base.naming(table: TableName(schema: schema, name: table).description)
                let provenance = PostGISWriter.Provenance(
                    files: [(path: file, sha256: try Manifest.sha256(of: path).hex)], encoding: "UTF-8", loadedAt: date, loader: loader)
                if file.hasSuffix(".shp") {
                    let source = try LayerFile.open(path)
                    _ = try PostGISWriter(url: url, provenance: provenance)
                        .write(schema: source.schema, crs: source.crs, geometryTransform: nil) { try source.forEach($0) }
                } else {
                    let csv = try CSVTableReader.table(path)
                    let fields = csv.header.enumerated().map { index, name in Field(name: name, type: columnType(csv.rows.map { $0.count > index ? $0[index] : "" })) }
                    _ = try PostGISWriter(url: url, provenance: provenance, withGeometry: false)
                        .write(schema: Schema(fields), crs: nil, geometryTransform: nil) { emit in
                            for (id, row) in csv.rows.enumerated() {
                                let values = fields.enumerated().map { index, field in value(index < row.count ? row[index] : "", field.type) }
                                try emit(Feature(id: id, geometry: nil, attributes: values))
                            }
                        }
                }
                tables.append(table)
            }
            try publishManifest(db, schema: quotedSchema, path: folder + "/manifest.json")
            tables.append("manifest")
            // Each layer's style in QGIS's layer_styles, and zoning.qgs over these tables.
            stylesRefused = try StylePublication.stylesRefused(db)
            let styles = stylesRefused == nil ? try StylePublication.styles(in: folder) : []
            try StylePublication.publishStyles(db, styles: styles, schema: schema, geometrySchema: schema)
            try StylePublication.publishProject(db, folder: folder, schema: schema)
            try db.transaction {
                // One publisher at a time per latest schema.
                try TransactionLock.take(TransactionLock("zoning latest " + latest), db, waitingFor: "waiting for other publications of \(latest)")
                try LatestSchema.replaceViews(latest, project: projectName, run: schema, tables: tables, db)
                if !styles.isEmpty { try StylePublication.publishStyles(db, styles: styles, schema: latest, geometrySchema: schema) }
                try SchemaMark(kind: .run, project: projectName, state: .published, lock: nil, at: date).write(on: schema, db)
            }
        } catch {
            // The session's statement_timeout, if any, must not leave the half-written schema;
            // should the drop fail all the same, the schema stays marked, and the next run (or
            // zoning db clean) removes it once this process has ended.
            _ = try? db.execute("SET statement_timeout = 0")
            StylePublication.removeStyles(db, schema: schema)
            _ = try? db.execute("DROP SCHEMA \(quotedSchema) CASCADE")
            throw error
        }
        return Published(schema: schema, latestSchema: latest, tables: tables, shortened: names.shortened, removedLeftovers: removed, stylesRefused: stylesRefused)
    }

    /// The manifest as rows of (key, value jsonb), in the file's key order.
    static func publishManifest(_ db: DatabaseConnection, schema: String, path: String) throws {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { throw LayerError.unreadable(path: path, problem: "not a JSON object") }
        try db.execute("CREATE TABLE \(schema).manifest (key text PRIMARY KEY, value jsonb)", operation: "creating the manifest table")
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let json = try JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
            try db.execute("INSERT INTO \(schema).manifest (key, value) VALUES ($1, $2::jsonb)", [key, String(decoding: json, as: UTF8.self)],
                           operation: "writing the manifest table")
        }
        try db.execute("COMMENT ON TABLE \(schema).manifest IS 'The run''s manifest.json: one row per top-level key.'", operation: "writing the manifest table")
    }

    /// A name's words for a schema: lower-case ASCII letters and digits and any other
    /// letters (Chinese), runs of anything else as one `_`.
    ///
    /// ```swift
    /// RunPublication.slug("样例市 (sample county)")   // "样例市_sample_county"
    /// ```
    public static func slug(_ name: String) -> String {
        var result = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber {
                result.append(character)
            } else if !result.hasSuffix("_") {
                result.append("_")
            }
        }
        let trimmed = result.trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        return trimmed.isEmpty ? "zoning" : trimmed
    }

    /// `villages-classified.shp` → `villages_classified`.
    static func tableName(_ file: String) -> String {
        URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent.replacingOccurrences(of: "-", with: "_")
    }

    /// integer when every non-empty cell is a whole number, real when every one is a number,
    /// else string.
    static func columnType(_ cells: [String]) -> Field.ValueType {
        let filled = cells.filter { !$0.isEmpty }
        if filled.isEmpty { return .string }
        if filled.allSatisfy({ Int64($0) != nil }) { return .integer }
        if filled.allSatisfy({ Double($0) != nil }) { return .real }
        return .string
    }

    static func value(_ cell: String, _ type: Field.ValueType) -> AttributeValue {
        if cell.isEmpty { return type == .string ? .string("") : .null }
        switch type {
        case .integer: return Int64(cell).map(AttributeValue.integer) ?? .string(cell)
        case .real: return Double(cell).map(AttributeValue.real) ?? .string(cell)
        default: return .string(cell)
        }
    }
}
