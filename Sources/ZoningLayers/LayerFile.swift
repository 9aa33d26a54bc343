import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Opens and writes layers by location through their drivers (`LayerDrivers`): `.shp` (or
/// `.dbf`) shapefiles, zipped shapefiles, `.geojson`/`.json` GeoJSON, `.csv` point lists
/// (reading) and attribute tables (writing), `.gpkg` GeoPackages and `.fgb` FlatGeobuf files,
/// `.gdb` File Geodatabases (reading); `#LAYER` after a container names one of its layers.
///
/// ```swift
/// let source = try LayerFile.open("facilities.csv", options: .init(crs: CoordinateReferenceSystem("GCJ02")))
/// let notes = try LayerFile.write(to: "facilities.shp", schema: source.schema, crs: source.crs) { emit in
///     try source.forEach(emit)
/// }
/// ```
public enum LayerFile {
    public struct ReadOptions: Sendable {
        /// The attribute text encoding (shapefiles, CSV), overriding what the file says.
        public var encoding: TextEncoding?
        /// The CRS, overriding (or standing in for) what the file says.
        public var crs: CoordinateReferenceSystem?
        /// CSV coordinate columns.
        public var xField: String?
        public var yField: String?

        public init(encoding: TextEncoding? = nil, crs: CoordinateReferenceSystem? = nil, xField: String? = nil, yField: String? = nil) {
            self.encoding = encoding
            self.crs = crs
            self.xField = xField
            self.yField = yField
        }
    }

    public struct WriteOptions: Sendable {
        /// Shapefile attribute encoding (UTF-8 by default, or GBK).
        public var encoding: TextEncoding = .utf8
        public var overwrite = false
        public var truncateStrings = false
        /// CSV: start with a UTF-8 byte-order mark (for Excel).
        public var byteOrderMark = true
        /// Files the output must not replace.
        public var inputs: [String] = []
        /// The date a shapefile's .dbf header records; nil for today. Fix it for byte-identical output.
        public var dbfDate: CalendarDate?

        public init(encoding: TextEncoding = .utf8, overwrite: Bool = false, truncateStrings: Bool = false, byteOrderMark: Bool = true, inputs: [String] = []) {
            self.encoding = encoding
            self.overwrite = overwrite
            self.truncateStrings = truncateStrings
            self.byteOrderMark = byteOrderMark
            self.inputs = inputs
        }
    }

    /// Opens a layer with the driver its location names (`LayerDrivers`).
    /// - Throws: `LayerError.unreadable` for a location no driver reads.
    public static func open(_ path: String, options: ReadOptions = ReadOptions()) throws -> FeatureSource {
        guard let driver = LayerDrivers.driver(for: path) else {
            throw LayerError.unreadable(path: path, problem: "zoning reads .shp (also zipped), .geojson, .json, .csv, .gpkg and .fgb files, .gdb folders and postgresql:// tables")
        }
        // Permissions first, so that a file zoning may not read is not reported as missing or damaged.
        if !path.hasPrefix("postgres"), let problem = FileAccess.readProblem(LayerLocation(path).path) {
            throw LayerError.unreadable(path: LayerLocation(path).path, problem: problem)
        }
        return try driver.open(path, options: options)
    }

    /// Writes in the format the location names and returns what the user should know (fields
    /// renamed, strings cut), one line each. See `FeatureSink.write` for the parameters.
    @discardableResult
    public static func write(
        to path: String, schema: Schema, crs: CoordinateReferenceSystem?, options: WriteOptions = WriteOptions(),
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> (records: Int, notes: [String]) {
        try LayerDrivers.sink(for: path, options: options).write(schema: schema, crs: crs, geometryTransform: geometryTransform, features: features)
    }
}

/// A layer to write with one of the file writers: the driver gives the function that writes
/// it (`ShapefileWriter`, `GeoJSONWriter`, `CSVTableWriter`).
struct WriterSink: FeatureSink {
    typealias Write = (Schema, CoordinateReferenceSystem?, ((Geometry) throws -> Geometry)?, ((Feature) throws -> Void) throws -> Void) throws
        -> (records: Int, notes: [String])
    let writeLayer: Write

    func write(
        schema: Schema, crs: CoordinateReferenceSystem?, geometryTransform: ((Geometry) throws -> Geometry)?,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> (records: Int, notes: [String]) {
        try writeLayer(schema, crs, geometryTransform, features)
    }
}
