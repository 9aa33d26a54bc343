import Foundation

/// A format zoning reads or writes, behind one interface: it opens a location as a
/// `FeatureSource` and makes a `FeatureSink` for one. Locations are file paths, chosen by
/// extension, or URLs, chosen by scheme (the PostGIS driver claims `postgresql://`).
///
/// | driver | extensions | reads | writes |
/// |---|---|---|---|
/// | `ShapefileDriver` | shp, dbf | yes | yes |
/// | `ZippedShapefileDriver` | zip | yes | no |
/// | `GeoJSONDriver` | geojson, json | yes | yes |
/// | `CSVDriver` | csv | point lists | attribute tables |
/// | `PostGISDriver` | (`postgresql://`, `postgres://`) | tables | tables |
/// | `GDALFormatDriver` | gpkg, fgb, gdb (a folder) | yes; `#LAYER` picks a layer | gpkg, fgb |
///
/// A new format is one type conforming to this protocol, added to `LayerDrivers.all`.
public protocol LayerDriver: Sendable {
    /// The driver's name in messages, e.g. `ESRI Shapefile` (GDAL's names where they exist).
    var name: String { get }
    /// The file extensions it claims, lower case, without the dot.
    var extensions: [String] { get }
    /// The URL schemes it claims (none for file formats).
    var schemes: [String] { get }
    func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource
    func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink
}

extension LayerDriver {
    public var schemes: [String] { [] }
}

/// The drivers zoning has, and the choice among them.
///
/// ```swift
/// LayerDrivers.driver(for: "DLTB.shp")?.name          // "ESRI Shapefile"
/// LayerDrivers.driver(for: "postgresql://host/db?table=public.villages")?.name  // "PostgreSQL/PostGIS"
/// ```
public enum LayerDrivers {
    public static let all: [any LayerDriver] = [
        ShapefileDriver(), ZippedShapefileDriver(), GeoJSONDriver(), CSVDriver(), PostGISDriver(),
        GDALFormatDriver.geoPackage, GDALFormatDriver.flatGeobuf, GDALFormatDriver.fileGeodatabase,
    ]

    /// The driver for a location: by URL scheme (`scheme://…`), else by file extension: of
    /// the part before `#LAYER` when the location names a layer (`LayerLocation`), else of
    /// the whole; nil when none claims it.
    public static func driver(for location: String) -> (any LayerDriver)? {
        if let range = location.range(of: "://") {
            let scheme = location[..<range.lowerBound].lowercased()
            return all.first { $0.schemes.contains(scheme) }
        }
        // A layer of a container first: `results.gpkg#x.shp` is a GeoPackage's layer.
        let parsed = LayerLocation(location)
        return driver(byExtensionOf: parsed.layer == nil ? location : parsed.path)
    }

    /// The driver claiming the extension of `path` as written (no `#LAYER` split).
    static func driver(byExtensionOf path: String) -> (any LayerDriver)? {
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        return all.first { $0.extensions.contains(suffix) }
    }

    /// A sink for `location`.
    /// - Throws: `LayerError.cannotWrite` when no driver writes it.
    public static func sink(for location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        guard let driver = driver(for: location) else {
            throw LayerError.cannotWrite(path: location, problem: "zoning writes .shp, .geojson, .csv, .gpkg and .fgb files and postgresql:// tables")
        }
        return try driver.sink(location, options: options)
    }
}

/// Shapefiles through shapelib, with GBK detection and `.shx` rebuild on reading.
public struct ShapefileDriver: LayerDriver {
    public let name = "ESRI Shapefile"
    public let extensions = ["shp", "dbf"]

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try ShapefileLayerReader(path: location, encoding: options.encoding, crsOverride: options.crs)
    }

    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        WriterSink { schema, crs, transform, features in
            var shapefileOptions = ShapefileWriter.Options(
                encoding: options.encoding, overwrite: options.overwrite, truncateStrings: options.truncateStrings, inputs: options.inputs)
            shapefileOptions.dbfDate = options.dbfDate
            let report = try ShapefileWriter.write(
                to: location, schema: schema, crs: crs, options: shapefileOptions, geometryTransform: transform, features: features)
            var notes = report.renamedFields.map { "field \($0.from) is named \($0.to) in the .dbf (10 bytes at most)" }
            if report.truncatedValues > 0 { notes.append("\(report.truncatedValues) text values were cut to 254 bytes") }
            return (report.records, notes)
        }
    }
}

/// A `.zip` holding one shapefile, unpacked to a private folder while it is read.
public struct ZippedShapefileDriver: LayerDriver {
    public let name = "ESRI Shapefile (zipped)"
    public let extensions = ["zip"]

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try ZippedShapefile(path: location, options: options)
    }

    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        throw LayerError.cannotWrite(path: location, problem: "zoning reads zipped shapefiles but does not write them; it writes .shp, .geojson, .csv, .gpkg and .fgb files and postgresql:// tables")
    }
}

/// GeoJSON (RFC 7946), read whole.
public struct GeoJSONDriver: LayerDriver {
    public let name = "GeoJSON"
    public let extensions = ["geojson", "json"]

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try GeoJSONLayerReader(path: location, crsOverride: options.crs)
    }

    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        WriterSink { schema, crs, transform, features in
            let count = try GeoJSONWriter.write(
                to: location, schema: schema, crs: crs, options: .init(overwrite: options.overwrite, inputs: options.inputs),
                geometryTransform: transform, features: features)
            return (count, GeoJSONWriter.propertyKeys(schema).notes)
        }
    }
}

/// CSV: point lists to read, attribute tables to write.
public struct CSVDriver: LayerDriver {
    public let name = "CSV"
    public let extensions = ["csv"]

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try CSVPointReader(path: location, options: .init(xField: options.xField, yField: options.yField, crs: options.crs, encoding: options.encoding))
    }

    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        WriterSink { schema, _, transform, features in
            let count = try CSVTableWriter.write(
                to: location, schema: schema,
                options: .init(byteOrderMark: options.byteOrderMark, overwrite: options.overwrite, inputs: options.inputs),
                geometryTransform: transform, features: features)
            return (count, [])
        }
    }
}
