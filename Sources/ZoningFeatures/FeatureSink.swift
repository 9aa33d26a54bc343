import ZoningGeometry
import ZoningProjection

/// Somewhere a layer can be written: a shapefile, a GeoJSON file, a CSV table — made by its
/// driver (`LayerDrivers`) for one location, with the write options.
///
/// ```swift
/// let sink = try LayerDrivers.sink(for: "out/gaps.shp", options: .init(encoding: .gbk))
/// let report = try sink.write(schema: schema, crs: crs, geometryTransform: nil) { emit in
///     for feature in features { try emit(feature) }
/// }
/// report.notes  // ["field BUILDING_AREA is named BUILDING_A in the .dbf (10 bytes at most)"]
/// ```
public protocol FeatureSink {
    /// Writes the whole layer.
    /// - Parameters:
    ///   - geometryTransform: applied once to each geometry as it is written (a reprojection
    ///     into `crs`); it must keep each geometry's type and emptiness.
    ///   - features: called once or twice (two-pass writers, such as shapefiles and CSV, size
    ///     their fields first) with a function to pass every feature to, in the same order.
    /// - Returns: the records written, and what the user should know (renamed fields, cut text).
    func write(
        schema: Schema, crs: CoordinateReferenceSystem?, geometryTransform: ((Geometry) throws -> Geometry)?,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> (records: Int, notes: [String])
}
