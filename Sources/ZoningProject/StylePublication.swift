import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZoningDatabase
import ZoningLayers
import ZoningReport

/// A published run's styles and QGIS project in the database, where QGIS looks for them:
///
/// - each layer's style (the run's `NAME.qml` and `NAME.sld`, or `results.gpkg`'s
///   `layer_styles` rows) as a row of QGIS's `public.layer_styles` table (made, in QGIS's own
///   layout, when missing), the default of its table, for the run's schema and for the
///   `_latest` views (whose rows are replaced with each run), so that QGIS applies it when it
///   opens a table or a view;
/// - the run's `zoning.qgs` pointing at the run's tables instead of its files, stored as QGIS
///   stores projects in PostgreSQL: a `.qgz` named `zoning` in the run's `qgis_projects` table
///   (QGIS: Project ▸ Open From ▸ PostgreSQL; `postgresql:?…&schema=RUN&project=zoning`).
///
/// The password is never written: QGIS takes it from its own connection, `~/.pgpass` or
/// `PGPASSWORD`.
enum StylePublication {
    /// QGIS's `layer_styles` table, as QGIS 3 creates it.
    static let stylesTableDDL = """
        CREATE TABLE IF NOT EXISTS public.layer_styles (id SERIAL PRIMARY KEY, f_table_catalog varchar, f_table_schema varchar, \
        f_table_name varchar, f_geometry_column varchar, stylename text, styleqml xml, stylesld xml, useasdefault boolean, description text, \
        owner varchar(63) DEFAULT CURRENT_USER, ui xml, update_time timestamp DEFAULT CURRENT_TIMESTAMP, type varchar)
        """

    /// The name of the project in `qgis_projects`.
    static let projectName = "zoning"

    /// One layer's style as the run wrote it.
    struct Style {
        var layer: String
        var qml: String
        var sld: String
        var title: String
    }

    /// The styles in `folder`: beside the shapefiles, or in `results.gpkg`.
    static func styles(in folder: String) throws -> [Style] {
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        if files.contains(LayerOutputFormat.geoPackageName) {
            let path = folder + "/" + LayerOutputFormat.geoPackageName
            guard let table = try GDALLayerReader.all(in: path, driver: .geoPackage).first(where: { $0.name == StyleOutputs.stylesTable }) else { return [] }
            let names = table.schema.fields.map(\.name)
            var styles: [Style] = []
            try table.forEach { feature in
                func value(_ column: String) -> String {
                    guard let index = names.firstIndex(of: column), case .string(let text) = feature.attributes[index] else { return "" }
                    return text
                }
                styles.append(Style(layer: value("f_table_name"), qml: value("styleqml"), sld: value("stylesld"), title: value("description")))
            }
            return styles
        }
        return try files.filter { $0.hasSuffix(".qml") && files.contains(String($0.dropLast(4)) + ".shp") }.map { file in
            let stem = String(file.dropLast(4))
            let qml = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let sld = (try? String(contentsOfFile: folder + "/" + stem + ".sld", encoding: .utf8)) ?? ""
            return Style(layer: stem, qml: qml, sld: sld, title: title(ofSLD: sld) ?? stem)
        }
    }

    /// The style's title: the `UserStyle`'s `se:Title`.
    static func title(ofSLD sld: String) -> String? {
        guard let start = sld.range(of: "<se:Title>"), let end = sld.range(of: "</se:Title>", range: start.upperBound..<sld.endIndex) else { return nil }
        return String(sld[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A published layer's geometry: its column, type and SRID (`geometry_columns`).
    static func geometry(_ db: DatabaseConnection, schema: String, table: String) throws -> (column: String, type: String, srid: String)? {
        let rows = try db.execute("SELECT f_geometry_column, type, srid FROM geometry_columns WHERE f_table_schema = $1 AND f_table_name = $2",
                                  [schema, table], operation: "reading the geometry column of \(table)").rows
        guard let row = rows.first, let column = row[0] else { return nil }
        return (column, row[1] ?? "GEOMETRY", row[2] ?? "0")
    }

    /// Whether this role may write QGIS's `public.layer_styles` (make it, or insert into and
    /// delete from it); nil when it may, else why not. A role without that right publishes the
    /// run without those rows (the project in `qgis_projects` carries the styles all the same).
    static func stylesRefused(_ db: DatabaseConnection) throws -> String? {
        let exists = try db.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL").rows.first?.first ?? nil
        if exists == "t" {
            let allowed = try db.execute("SELECT has_table_privilege('public.layer_styles', 'INSERT') AND has_table_privilege('public.layer_styles', 'DELETE')").rows.first?.first ?? nil
            return allowed == "t" ? nil : "this role may not insert into and delete from public.layer_styles (GRANT INSERT, DELETE, SELECT ON public.layer_styles, and USAGE on its id sequence)"
        }
        let allowed = try db.execute("SELECT has_schema_privilege('public', 'CREATE')").rows.first?.first ?? nil
        return allowed == "t" ? nil : "public.layer_styles does not exist and this role may not create it (GRANT CREATE ON SCHEMA public, or make it once as QGIS does)"
    }

    /// Writes the style rows of `schema`'s tables (replacing earlier rows for them).
    static func publishStyles(_ db: DatabaseConnection, styles: [Style], schema: String, geometrySchema: String) throws {
        guard !styles.isEmpty else { return }
        try makeStylesTable(db)
        let database = db.endpoint.database
        for style in styles {
            let table = RunPublication.tableName(style.layer)
            guard let geometry = try geometry(db, schema: geometrySchema, table: table) else { continue }
            try db.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = $1 AND f_table_schema = $2 AND f_table_name = $3",
                           [database, schema, table], operation: "replacing the style of \(schema).\(table)")
            try db.execute(
                """
                INSERT INTO public.layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, stylename, styleqml, stylesld, \
                useasdefault, description, owner, ui, update_time) VALUES ($1, $2, $3, $4, $5, XMLPARSE(DOCUMENT $6), XMLPARSE(DOCUMENT $7), true, $8, \
                CURRENT_USER, NULL, CURRENT_TIMESTAMP)
                """,
                [database, schema, table, geometry.column, style.layer, style.qml, style.sld.isEmpty ? nil : style.sld, style.title],
                operation: "writing the style of \(schema).\(table)")
        }
    }

    /// The lock whoever creates `public.layer_styles` holds.
    static let stylesTableLock = TransactionLock("zoning public.layer_styles")

    /// Makes QGIS's `public.layer_styles` when it does not exist yet. Two runs publishing at
    /// once (province mode with `--db`, two offices) would both pass `IF NOT EXISTS` and one
    /// fail on the id sequence's name, so the creation waits on a transaction-level advisory
    /// lock and looks again once it holds it. Outside any transaction (the table exists by the
    /// time the latest views' styles are written inside one).
    static func makeStylesTable(_ db: DatabaseConnection) throws {
        let exists = try db.execute("SELECT to_regclass('public.layer_styles') IS NOT NULL").rows.first?.first ?? nil
        if exists == "t" { return }
        try db.transaction {
            try TransactionLock.take(stylesTableLock, db, waitingFor: "waiting for another run making QGIS's layer_styles table")
            try db.execute(stylesTableDDL, operation: "creating QGIS's layer_styles table")
        }
    }

    /// Removes the style rows of `schema` (a publication that failed).
    static func removeStyles(_ db: DatabaseConnection, schema: String) {
        _ = try? db.execute("DELETE FROM public.layer_styles WHERE f_table_catalog = $1 AND f_table_schema = $2", [db.endpoint.database, schema])
    }

    /// `zoning.qgs` of `folder` with every layer read from `schema`'s tables, stored as
    /// `qgis_projects.zoning` in that schema.
    static func publishProject(_ db: DatabaseConnection, folder: String, schema: String) throws {
        let path = folder + "/" + StyleOutputs.projectFile
        guard FileManager.default.fileExists(atPath: path) else { return }
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [.nodePreserveAll])
        let endpoint = db.endpoint
        let connection = "dbname=\(literal(endpoint.database)) host=\(endpoint.host) port=\(endpoint.port) user=\(literal(endpoint.user))"
        func postgres(_ source: String) throws -> String {
            // ./NAME.shp|subset=… or ./results.gpkg|layername=NAME|subset=…
            let parts = source.components(separatedBy: "|")
            var layer = URL(fileURLWithPath: parts[0]).deletingPathExtension().lastPathComponent
            var subset: String?
            for part in parts.dropFirst() {
                if part.hasPrefix("layername=") { layer = String(part.dropFirst("layername=".count)) }
                if part.hasPrefix("subset=") { subset = String(part.dropFirst("subset=".count)) }
            }
            let table = RunPublication.tableName(layer)
            let geometry = try geometry(db, schema: schema, table: table) ?? ("geom", "GEOMETRY", "0")
            return connection + " key='\(PostGISWriter.keyColumn)' srid=\(geometry.srid) type=\(geometry.type) checkPrimaryKeyUnicity='0'"
                + " table=\"\(schema.replacingOccurrences(of: "\"", with: "\"\""))\".\"\(table)\" (\(geometry.column))" + (subset.map { " sql=\($0)" } ?? "")
        }
        for layer in try document.nodes(forXPath: "//maplayer") {
            guard let element = layer as? XMLElement,
                let source = element.elements(forName: "datasource").first, let provider = element.elements(forName: "provider").first
            else { continue }
            source.stringValue = try postgres(source.stringValue ?? "")
            provider.stringValue = "postgres"
        }
        for node in try document.nodes(forXPath: "//layer-tree-layer") {
            guard let element = node as? XMLElement, let source = element.attribute(forName: "source") else { continue }
            source.stringValue = try postgres(source.stringValue ?? "")
            element.attribute(forName: "providerKey")?.stringValue = "postgres"
        }
        let qgs = Data(document.xmlString(options: [.nodePreserveAll]).utf8)
        let qgz = try ZipPacking.archive([(name: projectName + ".qgs", data: qgs)])
        let quoted = try db.quoteIdentifier(schema)
        try db.execute("CREATE TABLE IF NOT EXISTS \(quoted).qgis_projects (name TEXT PRIMARY KEY, metadata JSONB, content BYTEA)",
                       operation: "creating the schema's qgis_projects table")
        let formatter = ISO8601DateFormatter()
        let metadata = #"{"last_modified_time": "\#(formatter.string(from: Date()))", "last_modified_user": "\#(endpoint.user.replacingOccurrences(of: "\"", with: ""))"}"#
        try db.execute("INSERT INTO \(quoted).qgis_projects (name, metadata, content) VALUES ($1, $2::jsonb, decode($3, 'hex'))",
                       [projectName, metadata, qgz.map { String(format: "%02x", $0) }.joined()], operation: "storing the QGIS project")
    }

    /// A value in a QGIS data source: `'…'` with `\` and `'` escaped.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
