import Foundation
import ZoningTestSupport

/// Inputs for the GDAL tests, made with ogr2ogr from the sample's shapefiles (never committed).
enum GDALTestFiles {
    /// Runs `ogr2ogr` with `arguments`.
    static func convert(_ arguments: [String]) throws {
        _ = try ExternalTool.ogr2ogr.run(arguments)
    }

    /// The sample's shapefile `name` (e.g. `villages`).
    static func sample(_ name: String) -> String { checkoutRoot + "/Shapefiles/\(name).shp" }

    /// ogr2ogr's open options for the sample's shapefile `name`: DLTB has no .cpg and is GBK.
    static func openOptions(_ name: String) -> [String] { name == "DLTB" ? ["-oo", "ENCODING=CP936"] : [] }

    /// Adds the sample's layer `name` to `path` (created when missing) in GDAL's format
    /// `format` (`GPKG`, `OpenFileGDB`, `FlatGeobuf`), as layer `layer`.
    static func add(_ name: String, to path: String, format: String, layer: String? = nil) throws {
        let exists = FileManager.default.fileExists(atPath: path)
        try convert(["-f", format] + (exists ? ["-update"] : []) + openOptions(name) + ["-nln", layer ?? name, path, sample(name)])
    }
}
