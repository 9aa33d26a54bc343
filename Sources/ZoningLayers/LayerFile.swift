import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Opens and writes layers by file name: `.shp` (or `.dbf`) shapefiles, `.geojson`/`.json`
/// GeoJSON, `.csv` point lists (reading) and attribute tables (writing).
///
/// ```swift
/// let source = try LayerFile.open("facilities.csv", options: .init(crs: CoordinateReferenceSystem("GCJ02")))
/// let notes = try LayerFile.write(to: "facilities.shp", schema: source.schema, crs: source.crs) { emit in
///     try source.forEach(emit)
/// }
/// ```
public enum LayerFile {
    public enum Format: String, Sendable, CaseIterable {
        /// `zippedShapefile` is a .zip holding one shapefile, read only.
        case shapefile, zippedShapefile, geoJSON, csv

        /// The format a file name's extension names, or nil.
        public init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "shp", "dbf": self = .shapefile
            case "zip": self = .zippedShapefile
            case "geojson", "json": self = .geoJSON
            case "csv": self = .csv
            default: return nil
            }
        }
    }

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

    /// - Throws: `LayerError.unreadable` for an extension zoning does not read.
    public static func open(_ path: String, options: ReadOptions = ReadOptions()) throws -> FeatureSource {
        switch Format(path: path) {
        case .shapefile?:
            return try ShapefileLayerReader(path: path, encoding: options.encoding, crsOverride: options.crs)
        case .zippedShapefile?:
            return try ZippedShapefile(path: path, options: options)
        case .geoJSON?:
            return try GeoJSONLayerReader(path: path, crsOverride: options.crs)
        case .csv?:
            return try CSVPointReader(
                path: path, options: .init(xField: options.xField, yField: options.yField, crs: options.crs, encoding: options.encoding))
        case nil:
            throw LayerError.unreadable(path: path, problem: "zoning reads .shp (also zipped), .geojson, .json and .csv files")
        }
    }

    /// Writes in the format the extension names and returns what the user should know (fields
    /// renamed, strings cut), one line each.
    ///
    /// - Parameters:
    ///   - geometryTransform: applied once to each geometry as it is written, such as a
    ///     reprojection into `crs`. Shapefile and CSV writers read `features` twice, so a
    ///     producer that moved its geometries itself would move each one twice. The transform
    ///     must keep each geometry's type and emptiness.
    ///   - features: called once or twice (shapefiles, CSV) with a function to pass every
    ///     feature to, in the same order each time.
    @discardableResult
    public static func write(
        to path: String, schema: Schema, crs: CoordinateReferenceSystem?, options: WriteOptions = WriteOptions(),
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> (records: Int, notes: [String]) {
        switch Format(path: path) {
        case .shapefile?:
            var shapefileOptions = ShapefileWriter.Options(
                encoding: options.encoding, overwrite: options.overwrite, truncateStrings: options.truncateStrings, inputs: options.inputs)
            shapefileOptions.dbfDate = options.dbfDate
            let report = try ShapefileWriter.write(
                to: path, schema: schema, crs: crs, options: shapefileOptions, geometryTransform: geometryTransform, features: features)
            var notes = report.renamedFields.map { "field \($0.from) is named \($0.to) in the .dbf (10 bytes at most)" }
            if report.truncatedValues > 0 { notes.append("\(report.truncatedValues) text values were cut to 254 bytes") }
            return (report.records, notes)
        case .geoJSON?:
            let count = try GeoJSONWriter.write(
                to: path, schema: schema, crs: crs, options: .init(overwrite: options.overwrite, inputs: options.inputs),
                geometryTransform: geometryTransform, features: features)
            return (count, [])
        case .csv?:
            let count = try CSVTableWriter.write(
                to: path, schema: schema, options: .init(byteOrderMark: options.byteOrderMark, overwrite: options.overwrite, inputs: options.inputs),
                geometryTransform: geometryTransform, features: features)
            return (count, [])
        case .zippedShapefile?, nil:
            throw LayerError.cannotWrite(path: path, problem: "zoning writes .shp, .geojson and .csv files")
        }
    }
}
