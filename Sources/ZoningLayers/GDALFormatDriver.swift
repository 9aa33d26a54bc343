import Foundation
import ZoningGDAL

/// GeoPackage, FlatGeobuf and File Geodatabase through GDAL, one driver per format.
///
/// | format | location | reads | writes |
/// |---|---|---|---|
/// | GeoPackage (`GPKG`) | `results.gpkg`, `results.gpkg#villages` | yes | yes, a new file |
/// | FlatGeobuf | `villages.fgb` | yes | yes (dates as date-times, read back as text) |
/// | File Geodatabase (`OpenFileGDB`) | `county.gdb` (a folder), `county.gdb#DLTB` | yes | no |
///
/// A container with several layers needs one named after `#` (`county.gdb#DLTB`); without it
/// the error lists the layers. Written files are new: one layer (named after `#`, else after
/// the file), every record in one transaction where the format has them (GeoPackage), under
/// a temporary name renamed at the end, never over an input and over an existing file only
/// with `overwrite`.
///
/// ```swift
/// let parcels = try LayerFile.open("县级数据库.gdb#DLTB")
/// try LayerFile.write(to: "out/results.gpkg#parcels", schema: parcels.schema, crs: parcels.crs) { emit in
///     try parcels.forEach(emit)
/// }
/// ```
public struct GDALFormatDriver: LayerDriver {
    public let name: String
    /// GDAL's short name of the driver (`GPKG`, `FlatGeobuf`, `OpenFileGDB`).
    public let gdalName: String
    public let extensions: [String]
    /// Whether zoning writes the format.
    public let writes: Bool
    /// Whether a file holds several layers, so that `#LAYER` names one.
    public let isContainer: Bool

    public static let geoPackage = GDALFormatDriver(name: "GeoPackage", gdalName: "GPKG", extensions: ["gpkg"], writes: true, isContainer: true)
    public static let flatGeobuf = GDALFormatDriver(name: "FlatGeobuf", gdalName: "FlatGeobuf", extensions: ["fgb"], writes: true, isContainer: false)
    public static let fileGeodatabase = GDALFormatDriver(
        name: "File Geodatabase", gdalName: "OpenFileGDB", extensions: ["gdb"], writes: false, isContainer: true)

    public func open(_ location: String, options: LayerFile.ReadOptions) throws -> FeatureSource {
        try GDALLayerReader(location: location, driver: self, crsOverride: options.crs)
    }

    public func sink(_ location: String, options: LayerFile.WriteOptions) throws -> FeatureSink {
        guard writes else {
            throw LayerError.cannotWrite(path: location, problem: "zoning reads \(name)s (through GDAL's read-only \(gdalName) driver) but does not write them; write a .gpkg instead")
        }
        return WriterSink { schema, crs, transform, features in
            let count = try GDALLayerWriter.write(
                to: location, driver: self, schema: schema, crs: crs, overwrite: options.overwrite, inputs: options.inputs,
                geometryTransform: transform, features: features)
            return (count, [])
        }
    }
}

/// A location naming a file and, after `#`, one layer in it: `county.gdb#DLTB`,
/// `results.gpkg#villages`. It splits at the first `#` after which what comes before ends in
/// an extension a driver claims, so a layer's name may hold `#` or end in `.shp`
/// (`results.gpkg#x#y` is layer `x#y`, `results.gpkg#x.shp` layer `x.shp`); a file name
/// holding `#` stays whole (`plot#2.shp`), as does any location that is an existing file.
///
/// ```swift
/// LayerLocation("county.gdb#DLTB")   // path "county.gdb", layer "DLTB"
/// LayerLocation("DLTB.shp")          // path "DLTB.shp", layer nil
/// ```
public struct LayerLocation: Sendable, Equatable {
    public var path: String
    public var layer: String?

    public init(_ location: String) {
        if !location.contains("://"), !FileManager.default.fileExists(atPath: location) {
            var start = location.startIndex
            while let hash = location[start...].firstIndex(of: "#") {
                let path = String(location[..<hash]), layer = String(location[location.index(after: hash)...])
                if !layer.isEmpty, LayerDrivers.driver(byExtensionOf: path) != nil {
                    self.init(path: path, layer: layer)
                    return
                }
                start = location.index(after: hash)
            }
        }
        self.init(path: location, layer: nil)
    }

    public init(path: String, layer: String?) {
        self.path = path
        self.layer = layer
    }

    /// The location as one string: `path#layer`, or the path.
    public var text: String { layer.map { "\(path)#\($0)" } ?? path }
}
