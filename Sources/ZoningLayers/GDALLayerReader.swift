import Foundation
import ZoningGDAL
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// One layer of a GeoPackage, FlatGeobuf file or File Geodatabase, read through GDAL
/// (`GDALFormatDriver`). Geometries arrive as WKB (curves made linear), the CRS is `EPSG:n`
/// when the layer's SRS has an EPSG authority (else its WKT), text is UTF-8 as GDAL gives it.
///
/// Field types: `Integer`/`Integer64` → integer, `Real` → real (width and precision kept),
/// `String` → string, `Date` → date, `Integer(Boolean)` → boolean; `DateTime`, `Time`, lists
/// and binary → string in GDAL's text form.
///
/// ```swift
/// let parcels = try GDALLayerReader(location: "county.gdb#DLTB", driver: .fileGeodatabase)
/// parcels.crs?.epsg        // 4528
/// try parcels.forEach { feature in … }
/// ```
public final class GDALLayerReader: FeatureSource {
    /// The layer's name inside its file.
    public let name: String
    public let schema: Schema
    public let crs: CoordinateReferenceSystem?
    /// The file (or, for a File Geodatabase, every file in its folder).
    public let files: [String]
    /// The file or folder, without `#LAYER`.
    public let path: String
    /// The driver that read it.
    public let driver: GDALFormatDriver
    /// The names of all layers in the file, in GDAL's order.
    public let layerNames: [String]

    let dataset: VectorDataset
    let layer: VectorLayer

    /// Opens one layer: the one named after `#` in `location`, or the only one.
    /// - Parameter crsOverride: the CRS to use instead of the layer's.
    /// - Throws: `VectorError` (cannot open, no such layer, several layers and none named, a
    ///   CRS named but unreadable and no `crsOverride`), `ProjectionError` when PROJ cannot
    ///   read the layer's CRS.
    public init(location: String, driver: GDALFormatDriver, crsOverride: CoordinateReferenceSystem? = nil) throws {
        let parsed = LayerLocation(location)
        path = parsed.path
        self.driver = driver
        dataset = try VectorDataset(reading: parsed.path, drivers: [driver.gdalName])
        layerNames = dataset.layerNames
        layer = try dataset.layer(named: parsed.layer)
        name = layer.name
        schema = Schema(layer.fields.map(Self.field))
        if let crsOverride {
            crs = crsOverride
        } else if let problem = layer.crsProblem {
            throw VectorError.unreadableCRS(path: parsed.path, layer: layer.name, message: problem)
        } else if let code = layer.epsg {
            crs = try CoordinateReferenceSystem("EPSG:\(code)")
        } else {
            crs = try layer.crsWKT.map { try CoordinateReferenceSystem($0) }
        }
        files = Self.files(of: parsed.path)
    }

    /// Another layer of the same open file.
    init(sibling: GDALLayerReader, layer name: String) throws {
        path = sibling.path
        driver = sibling.driver
        dataset = sibling.dataset
        layerNames = sibling.layerNames
        layer = try dataset.layer(named: name)
        self.name = layer.name
        if let problem = layer.crsProblem { throw VectorError.unreadableCRS(path: path, layer: layer.name, message: problem) }
        schema = Schema(layer.fields.map(Self.field))
        crs = try layer.epsg.map { try CoordinateReferenceSystem("EPSG:\($0)") } ?? layer.crsWKT.map { try CoordinateReferenceSystem($0) }
        files = sibling.files
    }

    /// Every layer of a file, each as its own reader over the one open dataset.
    ///
    /// ```swift
    /// try GDALLayerReader.all(in: "results.gpkg", driver: .geoPackage).map(\.name)   // ["villages", "parcels"]
    /// ```
    public static func all(in path: String, driver: GDALFormatDriver) throws -> [GDALLayerReader] {
        let dataset = try VectorDataset(reading: path, drivers: [driver.gdalName])
        guard let first = dataset.layerNames.first else { throw VectorError.noLayers(path: path) }
        let reader = try GDALLayerReader(location: LayerLocation(path: path, layer: first).text, driver: driver)
        return try [reader] + reader.layerNames.dropFirst().map { try GDALLayerReader(sibling: reader, layer: $0) }
    }

    /// Each layer of a file — its name, declared geometry type and the feature count the file
    /// states (nil when it states none) — without reading a feature or a CRS, and the GDAL
    /// driver that opened it.
    public static func summaries(in path: String, driver: GDALFormatDriver) throws -> (gdalDriverName: String, layers: [(name: String, geometryType: String, declaredCount: Int?)]) {
        let dataset = try VectorDataset(reading: path, drivers: [driver.gdalName])
        return (dataset.driverName, dataset.layerSummaries())
    }

    /// The number of features.
    public var featureCount: Int { layer.featureCount }
    /// The bounds of the geometries; nil for a layer without any.
    public var extent: Bounds? { layer.extent.map { Bounds(minX: $0.minX, minY: $0.minY, maxX: $0.maxX, maxY: $0.maxY) } }
    /// GDAL's name of the declared geometry type (`Multi Polygon`).
    public var geometryTypeName: String { layer.geometryTypeName }
    /// GDAL's driver that opened the file (`GPKG`).
    public var gdalDriverName: String { dataset.driverName }
    /// The layer's CRS as its file states it (WKT), for `zoning info`.
    public var crsText: String? { layer.crsWKT }

    public func forEach(_ body: (Feature) throws -> Void) throws {
        let kinds = schema.fields.map(\.type)
        try layer.forEach { record in
            let geometry: Geometry?
            do {
                geometry = try record.wkb.map { try Geometry(wkb: $0) }
            } catch {
                throw LayerError.badRecord(path: LayerLocation(path: path, layer: name).text, record: record.index, problem: "\(error)")
            }
            let values = zip(record.values, kinds).map { value, kind -> AttributeValue in
                // Date-times and other types arrive as text in a string field; all else matches.
                kind == .string && !value.isNull && value.stringValue == nil ? .string(value.description) : value
            }
            try body(Feature(id: record.index, geometry: geometry, attributes: values))
        }
    }

    public func label(ofRecord id: Int) -> String { "record \(id) of layer \(name)" }

    /// The field a GDAL column becomes.
    static func field(_ field: VectorField) -> Field {
        switch field.kind {
        case .integer, .integer64: Field(name: field.name, type: .integer, width: field.width)
        case .real: Field(name: field.name, type: .real, width: field.width, precision: field.precision)
        case .string, .dateTime, .other: Field(name: field.name, type: .string, width: field.width)
        case .date: Field(name: field.name, type: .date)
        case .boolean: Field(name: field.name, type: .boolean)
        }
    }

    /// The files a location is made of: the file, or every file in a geodatabase folder.
    static func files(of path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).path }.filter { file in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) && !isFolder.boolValue
        }
    }
}
