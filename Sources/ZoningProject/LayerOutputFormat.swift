import Foundation
import ZoningLayers

/// The format of a run's layers (`outputs.format` in a project file): shapefiles, one per
/// layer (the default), or one GeoPackage, `results.gpkg`, holding every layer under the
/// shapefile's name (`villages-classified`, `builtup-regions`, …).
///
/// ```yaml
/// outputs: {format: gpkg}      # or shp (the default)
/// ```
public enum LayerOutputFormat: String, Sendable, CaseIterable {
    case shapefile = "shp"
    case geoPackage = "gpkg"

    /// The GeoPackage a run writes its layers into.
    public static let geoPackageName = "results.gpkg"

    /// Moves every shapefile a run wrote into `folder` into one `results.gpkg` there, each as
    /// a layer named after the file, and deletes the shapefiles (all their sidecars). The
    /// field names and values are the shapefiles' own. Used on the run's staging folder, so
    /// a failure leaves nothing behind.
    /// - Parameter tables: more tables to write after the layers (QGIS's `layer_styles`).
    /// - Returns: the layer names, in file-name order.
    @discardableResult
    static func gatherShapefiles(in folder: String, tables: [FeatureSource] = []) throws -> [String] {
        let manager = FileManager.default
        let shapefiles = try manager.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".shp") }.sorted()
        guard !shapefiles.isEmpty else { return [] }
        let sources = try shapefiles.map { try LayerFile.open(folder + "/" + $0) }
        try GDALLayerWriter.writeContainer(to: folder + "/" + geoPackageName, layers: sources + tables)
        for name in shapefiles {
            let stem = String(name.dropLast(4))
            for suffix in ["shp", "shx", "dbf", "prj", "cpg"] where manager.fileExists(atPath: "\(folder)/\(stem).\(suffix)") {
                try manager.removeItem(atPath: "\(folder)/\(stem).\(suffix)")
            }
        }
        return shapefiles.map { String($0.dropLast(4)) }
    }
}
