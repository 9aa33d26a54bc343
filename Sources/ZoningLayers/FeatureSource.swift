import ZoningProjection
import ZoningShapefile

/// Anything features can be read from: a shapefile, a GeoJSON file, a CSV point list.
///
/// ```swift
/// let source = try LayerFile.open("villages.geojson")
/// try source.forEach { feature in … }
/// ```
public protocol FeatureSource: AnyObject {
    /// The layer name (file name without extension).
    var name: String { get }
    var schema: Schema { get }
    /// The CRS of the geometries; nil when the file does not say and none was given.
    var crs: CoordinateReferenceSystem? { get }
    /// The files read, which outputs must never replace.
    var files: [String] { get }
    /// Calls `body` with every feature in file order. May be called more than once.
    func forEach(_ body: (Feature) throws -> Void) throws
    /// How messages name a feature: `record 12` (from 0), or `line 14` for a CSV file.
    func label(ofRecord id: Int) -> String
}

extension FeatureSource {
    public func label(ofRecord id: Int) -> String { "record \(id)" }
}

extension ShapefileLayerReader: FeatureSource {
    public var files: [String] {
        ["shp", "shx", "dbf", "prj", "cpg"].compactMap { ShapefileDataset.sidecar(dataset.basePath, $0) }
    }
}
