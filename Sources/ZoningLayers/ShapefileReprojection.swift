import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningShapefile

/// Reprojects a shapefile into another CRS, record by record.
///
/// Only coordinates change. Each record keeps its part structure and Z/M values; ring
/// orientation is kept, which is right because every CRS zoning handles has east/north axes.
/// The .dbf and .cpg are copied byte for byte, so attribute values and their encoding (GBK or
/// UTF-8) cannot be damaged, and the .prj is written as ESRI WKT. Output files appear only
/// when all is written (`OutputFiles`).
///
/// ```swift
/// let summary = try ShapefileReprojection.run(
///     input: "DLTB.shp", output: "DLTB_4549.shp",
///     target: CoordinateReferenceSystem("EPSG:4549"))
/// ```
public enum ShapefileReprojection {
    /// What a run did.
    public struct Summary: Sendable {
        public var records: Int
        public var source: CoordinateReferenceSystem
        public var target: CoordinateReferenceSystem
        public var output: String
    }

    /// - Parameters:
    ///   - source: overrides the .prj; required when there is none.
    ///   - progress: called with (records done, records in all) every 1 000 records and at the end.
    /// - Throws: `LayerError` for output and CRS problems, `ShapefileError` for unreadable
    ///   input, `ProjectionError` for points that cannot be transformed (naming the point).
    public static func run(
        input: String, output: String, target: CoordinateReferenceSystem,
        source: CoordinateReferenceSystem? = nil, overwrite: Bool = false,
        progress: ((Int, Int) -> Void)? = nil
    ) throws -> Summary {
        let dataset = try ShapefileDataset(path: input)
        guard let shapeType = dataset.shapeType, let inputShp = dataset.shpPath else {
            throw ShapefileError.unreadable(path: input, message: "there is no .shp, so nothing to reproject")
        }
        let sourceCRS = try source ?? sourceFromPrj(dataset, inputShp)
        // Both checked before anything is written: a CRS without ESRI WKT cannot be saved.
        let prjText = try target.esriWKT()
        let transform = try CoordinateTransform(from: sourceCRS, to: target)

        let outputBase = strippingShapefileExtension(output)
        let extensions = ["shp", "shx", "dbf", "prj", "cpg"]
        let finals = extensions.map { "\(outputBase).\($0)" }
        let inputs = ["shp", "shx", "dbf", "prj", "cpg"].compactMap { ShapefileDataset.sidecar(dataset.basePath, $0) }
        let files = try OutputFiles(finals, inputs: inputs, overwrite: overwrite)

        try files.writing {
            let temporaryShp = files.temporaryPath(for: "\(outputBase).shp")
            let writer = try ShapefileShapeWriter(shpPath: temporaryShp, type: shapeType)
            for index in 0..<dataset.recordCount {
                var shape = try dataset.shape(at: index)
                if !shape.x.isEmpty { try transform.apply(x: &shape.x, y: &shape.y) }
                try writer.write(shape)
                if (index + 1) % 1000 == 0 { progress?(index + 1, dataset.recordCount) }
            }
            try writer.close()
            // shapelib names the index after the .shp; OutputFiles names temporaries the same way,
            // so this is a no-op unless that scheme changes.
            let writtenShx = writer.shxPath
            let temporaryShx = files.temporaryPath(for: "\(outputBase).shx")
            if writtenShx != temporaryShx { try FileManager.default.moveItem(atPath: writtenShx, toPath: temporaryShx) }
            if let dbf = dataset.dbfPath {
                try FileManager.default.copyItem(atPath: dbf, toPath: files.temporaryPath(for: "\(outputBase).dbf"))
            }
            if let cpg = ShapefileDataset.sidecar(dataset.basePath, "cpg") {
                try FileManager.default.copyItem(atPath: cpg, toPath: files.temporaryPath(for: "\(outputBase).cpg"))
            }
            try Data(prjText.utf8).write(to: URL(fileURLWithPath: files.temporaryPath(for: "\(outputBase).prj")))
            try files.commit()
        }
        progress?(dataset.recordCount, dataset.recordCount)
        return Summary(records: dataset.recordCount, source: sourceCRS, target: target, output: "\(outputBase).shp")
    }

    /// The CRS of the .prj; without one, an error that suggests the Gauss–Krüger zone when the
    /// x values carry a zone prefix.
    static func sourceFromPrj(_ dataset: ShapefileDataset, _ path: String) throws -> CoordinateReferenceSystem {
        if let text = dataset.projectionText { return try CoordinateReferenceSystem(prj: text) }
        let suggestion = dataset.bounds
            .flatMap { GaussKruger.prefixedZone(minX: $0.minX, maxX: $0.maxX) }
            .flatMap { zone in GaussKruger.epsg(zone: zone, prefixed: true).map { "EPSG:\($0) (CGCS2000 Gauss–Krüger zone \(zone), zone-prefixed eastings)" } }
        throw LayerError.unknownSourceCRS(path: path, suggestion: suggestion)
    }

    static func strippingShapefileExtension(_ path: String) -> String {
        path.lowercased().hasSuffix(".shp") ? String(path.dropLast(4)) : path
    }
}
