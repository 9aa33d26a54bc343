import ArgumentParser
import Foundation
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningProjection
import ZoningSupport

/// `zoning load LAYER… --db URL`: layers (or a project's layers) into PostGIS tables.
public struct Load: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Load layers, or every layer of a project, into PostGIS tables.",
        discussion: """
            Each layer becomes one table: typed columns (text, integer/bigint,
            numeric(width, decimals) or double precision, date, boolean), the geometry
            in a column geom typed with the layer's SRID (geometry(MultiPolygon, 4528)),
            a zoning_fid key in record order and a GiST index. The table's comment names
            the source files with their SHA-256, the text encoding, the load time and
            zoning's version; each column's comment names its field.

            Rows stream with COPY in one transaction per table, into a temporary name
            renamed at commit: a failed or killed load leaves no table, and no half of
            one. An existing table is refused unless --replace (dropped and replaced in
            the same transaction) or --append (rows added).

            Table names: --table for one layer; otherwise the file name in lower case
            (DLTB.shp → dltb), or for a project file (.yaml) each layer's role
            (land_use, villages, townships, seats, facilities, population, roads).
            --schema puts them in a schema, created when missing.

            The password comes from the URL, PGPASSWORD or ~/.pgpass; messages show
            the URL with the password masked. docs/DATABASE.md has the details.

            Examples:
              zoning load Shapefiles/DLTB.shp Shapefiles/villages.shp --db postgresql://gis@localhost/county --schema sample
              zoning load Shapefiles/project.yaml --db postgresql://gis@localhost/county --schema sample --replace
              zoning load schools.csv --src-crs GCJ02 --db postgresql:///county --table facilities.schools
            """)

    @Argument(help: "The layers to load (.shp, .zip, .geojson, .csv), or one project file (.yaml).")
    var layers: [String]

    @Option(help: "The database: postgresql://user@host:port/database (password from PGPASSWORD or ~/.pgpass, or in the URL).")
    var db: String

    @Option(help: "The schema of the tables (created when missing). Default: the URL's table= schema, else public.")
    var schema: String?

    @Option(help: "The table's name (one layer only), as name or schema.name. Default: the file name in lower case.")
    var table: String?

    @Flag(help: "Add the rows to an existing table.")
    var append = false

    @Flag(help: "Drop an existing table and load in its place, in one transaction.")
    var replace = false

    @OptionGroup var encoding: InputEncodingOption

    @Option(name: .customLong("src-crs"), help: "The layers' CRS, overriding what the files say (CSV default: EPSG:4326).")
    var sourceCRS: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    public init() {}

    public func validate() throws {
        if append && replace { throw ValidationError("--append and --replace exclude each other.") }
        if table != nil && layers.count > 1 { throw ValidationError("--table names one table; give one layer, or leave it out.") }
        if layers.isEmpty { throw ValidationError("Name at least one layer or a project file.") }
        guard LayerFile.isDatabase(db) else {
            throw ValidationError("--db takes a postgresql:// URL, e.g. postgresql://gis@localhost/county.")
        }
    }

    public func run() throws {
        let base = try DatabaseURL(db)
        // The URL's table= gives the schema (and, for one layer, the name) unless the options do.
        let named = try base.table.map { text in
            try TableName(parsing: text).orThrow(CommandError(message: "table=\(text) in --db is not a table name (schema.name)"))
        }
        let schemaName = schema ?? named?.schema
        var jobs: [(location: String, table: TableName, options: LayerFile.ReadOptions)] = []
        let override = try sourceCRS.map { try CoordinateReferenceSystem($0) }
        if layers.count == 1, [".yaml", ".yml"].contains(where: layers[0].lowercased().hasSuffix) {
            let project = try Project(contentsOf: layers[0])
            for (role, layer) in project.layers.byRole {
                var options = layer.readOptions
                if let value = encoding.value { options.encoding = value }
                if let override { options.crs = override }
                jobs.append((layer.path, TableName(schema: schemaName, name: role.rawValue), options))
            }
        } else {
            for layer in layers {
                var name = TableName(schema: schemaName, name: URL(fileURLWithPath: layer).deletingPathExtension().lastPathComponent.lowercased())
                if let table {
                    name = try TableName(parsing: table).orThrow(CommandError(message: "--table \(table) is not a table name (name or schema.name)"))
                    if name.schema == nil { name.schema = schemaName }
                } else if layers.count == 1, let named {
                    name = TableName(schema: schemaName, name: named.name)
                }
                jobs.append((layer, name, .init(encoding: encoding.value, crs: override)))
            }
        }
        let mode: PostGISWriter.Mode = append ? .append : replace ? .replace : .create
        let loadedAt = Date()
        for job in jobs {
            let start = DispatchTime.now().uptimeNanoseconds
            let source = try LayerFile.open(job.location, options: job.options)
            let files = try source.files.map { (path: $0, sha256: Optional(try Manifest.sha256(of: $0).hex)) }
            let encodingName = (source as? ShapefileLayerReader)?.encoding.encoding.name ?? job.options.encoding?.name
            let target = try base.naming(table: job.table.description)
            let writer = PostGISWriter(
                url: target, mode: mode,
                provenance: .init(files: files, encoding: encodingName, loadedAt: loadedAt, loader: "zoning \(ZoningVersion.current)"))
            let (records, notes) = try writer.write(schema: source.schema, crs: source.crs, geometryTransform: nil) { emit in
                try source.forEach(emit)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if !quiet {
                print("Loaded \(records) features from \(LayerFile.shown(job.location)) into \(job.table) in \(String(format: "%.1f", seconds)) s")
                for note in notes { print("  \(note)") }
            }
        }
        if !quiet { print("Database: \(base.masked)") }
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let self else { throw error() }
        return self
    }
}
