import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Writes features as a GeoJSON FeatureCollection, one feature per line.
///
/// Geometries are written in full precision with RFC 7946 winding (outer rings
/// counter-clockwise). RFC 7946 expects WGS 84 longitude/latitude; for any other CRS the
/// legacy `crs` member names its EPSG code (`urn:ogc:def:crs:EPSG::4528`), as GDAL does, so
/// that GDAL and QGIS place the data right. Dates are written as `YYYY-MM-DD` strings.
///
/// ```swift
/// try GeoJSONWriter.write(to: "villages.geojson", schema: layer.schema, crs: layer.crs) { emit in
///     try layer.forEach(emit)
/// }
/// ```
public enum GeoJSONWriter {
    public struct Options: Sendable {
        public var overwrite = false
        public var inputs: [String] = []

        public init(overwrite: Bool = false, inputs: [String] = []) {
            self.overwrite = overwrite
            self.inputs = inputs
        }
    }

    /// - Returns: the number of features written.
    /// - Parameter geometryTransform: applied to each geometry as it is written (e.g. a reprojection).
    /// - Throws: `LayerError.cannotWrite` for a CRS without an EPSG code (other than WGS 84).
    @discardableResult
    public static func write(
        to path: String, schema: Schema, crs: CoordinateReferenceSystem?, options: Options = Options(),
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        var header: [(key: String, value: JSONValue)] = [
            ("type", .string("FeatureCollection")),
            ("name", .string(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent)),
        ]
        if let crs, crs.epsg != 4326 {
            guard let code = crs.epsg, crs.webMapDatum == nil else {
                throw LayerError.cannotWrite(path: path, problem: "GeoJSON can name only CRSs with an EPSG code, and \(crs.name) has none; add --dst-crs EPSG:4326")
            }
            header.append(("crs", .object([("type", .string("name")), ("properties", .object([("name", .string("urn:ogc:def:crs:EPSG::\(code)"))]))])))
        }
        let files = try OutputFiles([path], inputs: options.inputs, overwrite: options.overwrite)
        return try files.writing {
            let temporary = files.temporaryPath(for: path)
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw LayerError.cannotWrite(path: path, problem: "the file cannot be created")
            }
            defer { try? handle.close() }
            let opening = JSONValue.object(header).text.dropLast() + ",\"features\":[\n"
            try handle.write(contentsOf: Data(opening.utf8))
            var count = 0
            try features { feature in
                let geometry = try feature.geometry.map { try JSONValue(parsing: (geometryTransform?($0) ?? $0).geoJSON()) } ?? .null
                let properties = zip(schema.fields, feature.attributes).map { field, value in (key: field.name, value: JSONValue(value)) }
                let text = JSONValue.object([("type", .string("Feature")), ("properties", .object(properties)), ("geometry", geometry)]).text
                try handle.write(contentsOf: Data(((count == 0 ? "" : ",\n") + text).utf8))
                count += 1
            }
            try handle.write(contentsOf: Data("\n]}\n".utf8))
            try handle.close()
            try files.commit()
            return count
        }
    }

}
