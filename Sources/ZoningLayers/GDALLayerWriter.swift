import Foundation
import ZoningGDAL
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Writes one layer as a new GeoPackage or FlatGeobuf file through GDAL.
///
/// The features are read twice: once for the layer's geometry type (one type, or its multi
/// form when single and multi parts mix — single parts are then written as multi; `Unknown`
/// when kinds mix), once to write them. Field types: integer → `Integer` (width 1–9) or
/// `Integer64`, real → `Real` (width and precision kept, values rounded to the precision),
/// string → `String`, date → `Date`, boolean → `Integer(Boolean)`. The CRS is written by its
/// EPSG code when it has one, else as WKT. A GeoPackage gets all records in one transaction;
/// a FlatGeobuf file is written without a spatial index, so that its order is the input's.
/// The file is written under a temporary name and renamed when complete.
///
/// ```swift
/// try GDALLayerWriter.write(to: "out/results.gpkg#villages", driver: .geoPackage, schema: layer.schema, crs: layer.crs) { emit in
///     try layer.forEach(emit)
/// }
/// ```
public enum GDALLayerWriter {
    /// - Returns: the number of features written.
    /// - Throws: `LayerError.outputExists`, `.outputIsInput`, `.outputFolderMissing`,
    ///   `.cannotWrite` (a web-map CRS, which no file can name), `VectorError` from GDAL.
    @discardableResult
    public static func write(
        to location: String, driver: GDALFormatDriver, schema: Schema, crs: CoordinateReferenceSystem?, overwrite: Bool = false, inputs: [String] = [],
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        let parsed = LayerLocation(location)
        let path = parsed.path
        if let crs, crs.webMapDatum != nil {
            throw LayerError.cannotWrite(path: path, problem: "\(crs.name) has no EPSG code or WKT a GIS understands; add --dst-crs EPSG:4326")
        }
        let files = try OutputFiles([path], inputs: inputs, overwrite: overwrite)
        let layerName = parsed.layer ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent

        return try fill(files, path: path, driver: driver) { dataset in
            try writeLayer(
                into: dataset, named: layerName, driver: driver, schema: schema, crs: crs, geometryTransform: geometryTransform, features: features)
        }
    }

    /// Writes several layers into one new GeoPackage, each named after its source
    /// (`FeatureSource.name`), each in its own transaction; the file appears only when all are
    /// written.
    ///
    /// ```swift
    /// try GDALLayerWriter.writeContainer(to: "out/results.gpkg", layers: [regions, villages])
    /// ```
    /// - Returns: the number of features written per layer, in order.
    /// - Throws: as `write`.
    @discardableResult
    public static func writeContainer(to path: String, layers: [FeatureSource], overwrite: Bool = false, inputs: [String] = []) throws -> [Int] {
        let driver = GDALFormatDriver.geoPackage
        let files = try OutputFiles([path], inputs: inputs, overwrite: overwrite)
        return try fill(files, path: path, driver: driver) { dataset in
            try layers.map { layer in
                if let crs = layer.crs, crs.webMapDatum != nil {
                    throw LayerError.cannotWrite(path: path, problem: "\(crs.name) has no EPSG code or WKT a GIS understands")
                }
                return try writeLayer(
                    into: dataset, named: layer.name, driver: driver, schema: layer.schema, crs: layer.crs, geometryTransform: nil,
                    features: { try layer.forEach($0) })
            }
        }
    }

    /// Creates the dataset under the temporary name of `path`, lets `body` fill it, and puts
    /// it in place; on failure GDAL closes (and rolls back) before the temporary file is
    /// deleted, and the error is explained while the disk is as full as the write found it.
    private static func fill<T>(_ files: OutputFiles, path: String, driver: GDALFormatDriver, _ body: (VectorDataset) throws -> T) throws -> T {
        let dataset = try files.writing { try VectorDataset(creating: files.temporaryPath(for: path), driver: driver.gdalName) }
        let result: T
        do {
            result = try body(dataset)
        } catch {
            let explained = files.explained(error)
            dataset.close()
            files.discard()
            throw explained
        }
        try files.writing {
            dataset.close()
            try files.commit()
        }
        return result
    }

    /// Creates one layer in `dataset` and writes the features into it (two passes: the
    /// geometry type, then the records, in one transaction where the format has them).
    static func writeLayer(
        into dataset: VectorDataset, named layerName: String, driver: GDALFormatDriver, schema: Schema, crs: CoordinateReferenceSystem?,
        geometryTransform: ((Geometry) throws -> Geometry)?, features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        var types = Set<GeometryType>(), hasZ = false, hasGeometry = false
        try features { feature in
            guard let geometry = feature.geometry else { return }
            hasGeometry = true
            types.insert(geometry.type == .linearRing ? .lineString : geometry.type)
            if geometry.hasZ { hasZ = true }
        }
        let geometryType = hasGeometry || schema.fields.isEmpty ? layerType(types) : .none
        let fields = schema.fields.map(vectorField)
        let layer = try dataset.createLayer(
            named: layerName, geometryType: geometryType, hasZ: hasZ, epsg: crs?.epsg, wkt: crs?.epsg == nil ? try crs?.wkt2() : nil, fields: fields,
            options: driver.gdalName == "FlatGeobuf" ? ["SPATIAL_INDEX=NO"] : [])
        var count = 0
        let inTransaction = dataset.beginTransaction()
        try features { feature in
            let wkb = try feature.geometry.map { try (geometryTransform?($0) ?? $0).wkb() }
            let values = zip(schema.fields, feature.attributes).map { field, value in field.written(value) }
            try layer.append(wkb: wkb, values: values, record: count)
            count += 1
        }
        if inTransaction { try dataset.commit() }
        return count
    }

    /// The declared type for the geometry types present.
    static func layerType(_ types: Set<GeometryType>) -> VectorGeometryType {
        let single: [GeometryType: VectorGeometryType] = [.point: .point, .lineString: .lineString, .polygon: .polygon]
        let multi: [GeometryType: VectorGeometryType] = [.multiPoint: .multiPoint, .multiLineString: .multiLineString, .multiPolygon: .multiPolygon]
        if types.isEmpty { return .unknown }
        if types.count == 1, let only = types.first {
            return single[only] ?? multi[only] ?? (only == .geometryCollection ? .geometryCollection : .unknown)
        }
        let families = Set(types.map { $0.dimension ?? -1 })
        guard families.count == 1, let family = families.first, family >= 0 else { return .unknown }
        return [0: .multiPoint, 1: .multiLineString, 2: .multiPolygon][family] ?? .unknown
    }

    /// The GDAL column a field becomes.
    static func vectorField(_ field: Field) -> VectorField {
        switch field.type {
        case .string: VectorField(name: field.name, kind: .string, width: field.width)
        case .integer: VectorField(name: field.name, kind: (1...9).contains(field.width) ? .integer : .integer64, width: field.width)
        case .real: VectorField(name: field.name, kind: .real, width: field.width, precision: field.precision)
        case .date: VectorField(name: field.name, kind: .date)
        case .boolean: VectorField(name: field.name, kind: .boolean)
        }
    }
}
