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
/// Two fields of one name (a damaged DBF, a CSV with a repeated column) would become duplicate
/// keys, of which readers keep only the last: the later ones get `_2`, `_3`, … (`propertyKeys`,
/// whose notes `LayerFile.write` returns).
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
        let keys = propertyKeys(schema).keys
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
                let properties = zip(keys, feature.attributes).map { key, value in (key: key, value: JSONValue(value)) }
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

    /// The properties' keys: the field names, a repeated one with `_2`, `_3`, … (a key no other
    /// field has), and a note for each renamed field.
    ///
    /// ```swift
    /// GeoJSONWriter.propertyKeys(Schema([Field(name: "NAME", type: .string), Field(name: "NAME", type: .string)]))
    /// // (["NAME", "NAME_2"], ["field 2 repeats the name NAME of an earlier field: written as NAME_2, …"])
    /// ```
    public static func propertyKeys(_ schema: Schema) -> (keys: [String], notes: [String]) {
        var used = Set(schema.names), seen = Set<String>(), keys: [String] = [], notes: [String] = []
        for (position, name) in schema.names.enumerated() {
            guard seen.contains(name) else {
                seen.insert(name)
                keys.append(name)
                continue
            }
            var counter = 2
            while used.contains("\(name)_\(counter)") { counter += 1 }
            let key = "\(name)_\(counter)"
            used.insert(key)
            keys.append(key)
            notes.append("field \(position + 1) repeats the name \(name) of an earlier field: written as \(key), since GeoJSON readers keep only one of two equal keys")
        }
        return (keys, notes)
    }
}
