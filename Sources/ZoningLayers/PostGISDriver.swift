import ZoningDatabase

/// PostGIS tables, named by URL: `postgresql://user@host:port/database?table=schema.name`
/// (or `postgres://`). Reads with `PostGISLayerReader`, writes with `PostGISWriter`; the
/// password comes from the URL, `PGPASSWORD` or `~/.pgpass`, and messages show the URL masked.
///
/// ```swift
/// let source = try LayerFile.open("postgresql://gis@db/county?table=dltb.parcels")
/// try LayerFile.write(to: "postgresql://gis@db/county?table=work.housing", schema: source.schema, crs: source.crs) { emit in
///     try source.forEach(emit)
/// }
/// ```
public struct PostGISDriver: LayerDriver {
    public let name = "PostgreSQL/PostGIS"
    public let extensions: [String] = []
    public let schemes = DatabaseURL.schemes

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try PostGISLayerReader(url: DatabaseURL(location), crsOverride: options.crs)
    }

    /// A writer that replaces the table with `options.overwrite`, and otherwise refuses an
    /// existing one; the comments name `options.inputs`. `zoning load` makes its own
    /// `PostGISWriter` for `--append` and checksums.
    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        PostGISWriter(
            url: try DatabaseURL(location), mode: options.overwrite ? .replace : .create,
            provenance: .init(files: options.inputs.map { (path: $0, sha256: nil) }))
    }
}

extension LayerFile {
    /// A location as messages show it: a database URL with its password masked, a path
    /// unchanged.
    ///
    /// ```swift
    /// LayerFile.shown("postgresql://gis:secret@db/county?table=t")   // "postgresql://gis:***@db/county?table=t"
    /// ```
    public static func shown(_ location: String) -> String {
        // Masked even when it is no valid URL: a malformed one may still hold a password.
        DatabaseURL.mask(location)
    }

    /// True when the location is a database URL rather than a file.
    public static func isDatabase(_ location: String) -> Bool {
        (try? DatabaseURL(location)) != nil
    }
}
