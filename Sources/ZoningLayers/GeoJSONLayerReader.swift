import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Reads a GeoJSON file (RFC 7946) as features: a FeatureCollection, a single Feature, or a
/// bare geometry. The file is read whole (GeoJSON cannot be streamed simply); use shapefiles
/// for land-use layers with hundreds of thousands of parcels.
///
/// - **CRS**: `crsOverride`, else the legacy `crs` member (`urn:ogc:def:crs:EPSG::4490`,
///   `EPSG:4490`, `…CRS84`), else WGS 84 longitude/latitude as RFC 7946 prescribes.
/// - **Schema**: the property names in order of first appearance. A column is integer when all
///   its values are integers, real when all are numbers, boolean when all are booleans,
///   otherwise string. Nested objects and arrays are kept as their JSON text (so they survive
///   a trip through a DBF); `null` and missing properties are null.
///
/// ```swift
/// let counties = try GeoJSONLayerReader(path: "counties.geojson")
/// counties.crs?.epsg  // 4490
/// ```
public final class GeoJSONLayerReader: FeatureSource {
    public let name: String
    public let schema: Schema
    public let crs: CoordinateReferenceSystem?
    public let files: [String]
    private let path: String
    private let records: [(geometry: JSONValue?, properties: [(key: String, value: JSONValue)])]

    public init(path: String, crsOverride: CoordinateReferenceSystem? = nil) throws {
        try ReadBudget.check(path, format: "GeoJSON")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LayerError.unreadable(path: path, problem: FileAccess.readProblem(path) ?? "the file cannot be read")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw LayerError.unreadable(path: path, problem: "GeoJSON must be UTF-8 text (RFC 7946), and this file is not")
        }
        let root: JSONValue
        do { root = try JSONValue(parsing: text) } catch {
            throw LayerError.unreadable(path: path, problem: "not JSON: \(error)")
        }
        self.path = path
        self.files = [path]
        self.name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        switch root["type"]?.stringValue {
        case "FeatureCollection":
            guard case .array(let items)? = root["features"] else {
                throw LayerError.unreadable(path: path, problem: "a FeatureCollection needs a \"features\" array")
            }
            records = try items.enumerated().map { try Self.record($1, index: $0, path: path) }
        case "Feature":
            records = [try Self.record(root, index: 0, path: path)]
        case let type? where ["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"].contains(type):
            records = [(root, [])]
        default:
            throw LayerError.unreadable(path: path, problem: "the top-level \"type\" must be FeatureCollection, Feature or a geometry type")
        }
        schema = Self.inferSchema(records.map(\.properties))
        if let crsOverride {
            crs = crsOverride
        } else {
            crs = try Self.declaredCRS(root, path: path) ?? CoordinateReferenceSystem("EPSG:4326")
        }
    }

    public func forEach(_ body: (Feature) throws -> Void) throws {
        for (index, record) in records.enumerated() {
            var geometry: Geometry?
            if let json = record.geometry, json != .null {
                do { geometry = try Geometry(geoJSON: json.text) } catch {
                    throw LayerError.badRecord(path: path, record: index, problem: "\(error)")
                }
            }
            let values = schema.fields.map { field in
                Self.attribute(record.properties.first { $0.key == field.name }?.value ?? .null, as: field.type)
            }
            try body(Feature(id: index, geometry: geometry, attributes: values))
        }
    }

    // MARK: Internals

    private static func record(_ value: JSONValue, index: Int, path: String) throws -> (geometry: JSONValue?, properties: [(key: String, value: JSONValue)]) {
        guard value["type"]?.stringValue == "Feature" else {
            throw LayerError.badRecord(path: path, record: index, problem: "a member of \"features\" is not a Feature")
        }
        let properties: [(key: String, value: JSONValue)]
        switch value["properties"] {
        case .object(let members)?: properties = members
        case .null?, nil: properties = []
        default: throw LayerError.badRecord(path: path, record: index, problem: "\"properties\" must be an object or null")
        }
        return (value["geometry"], properties)
    }

    private static func inferSchema(_ rows: [[(key: String, value: JSONValue)]]) -> Schema {
        var order: [String] = []
        var kinds: [String: Set<String>] = [:]
        for row in rows {
            for (key, value) in row {
                if kinds[key] == nil { order.append(key); kinds[key] = [] }
                switch value {
                case .null: break
                case .integer: kinds[key]?.insert("integer")
                case .number: kinds[key]?.insert("real")
                case .bool: kinds[key]?.insert("boolean")
                default: kinds[key]?.insert("string")
                }
            }
        }
        return Schema(order.map { key in
            let seen = kinds[key] ?? []
            let type: Field.ValueType =
                seen == ["integer"] ? .integer
                : seen.isSubset(of: ["integer", "real"]) && !seen.isEmpty ? .real
                : seen == ["boolean"] ? .boolean : .string
            return Field(name: key, type: type)
        })
    }

    static func attribute(_ value: JSONValue, as type: Field.ValueType) -> AttributeValue {
        switch (value, type) {
        case (.null, _): .null
        case (.integer(let number), .integer): .integer(number)
        case (.integer(let number), .real): .real(Double(number))
        case (.number(let number), .real): .real(number)
        case (.bool(let flag), .boolean): .boolean(flag)
        case (.string(let text), _): .string(text)
        case (.bool(let flag), _): .string(flag ? "true" : "false")
        case (.integer(let number), _): .string(String(number))
        default: .string(value.text)  // numbers in string columns, nested objects and arrays
        }
    }

    private static func declaredCRS(_ root: JSONValue, path: String) throws -> CoordinateReferenceSystem? {
        guard let name = root["crs"]?["properties"]?["name"]?.stringValue else { return nil }
        if name.uppercased().hasSuffix("CRS84") { return try CoordinateReferenceSystem("EPSG:4326") }
        // urn:ogc:def:crs:EPSG::4490, urn:ogc:def:crs:EPSG:6.6:4490, EPSG:4490
        if let code = name.split(separator: ":").last.flatMap({ Int($0) }), name.uppercased().contains("EPSG") {
            return try CoordinateReferenceSystem("EPSG:\(code)")
        }
        do { return try CoordinateReferenceSystem(name) } catch {
            throw LayerError.unreadable(path: path, problem: "its \"crs\" member names \(name), which PROJ does not know")
        }
    }
}
