import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningShapefile
import ZoningSupport

/// Reads a shapefile as features, one record at a time: nothing but the current record is
/// held in memory.
///
/// ```swift
/// let parcels = try ShapefileLayerReader(path: "DLTB.shp")
/// print(parcels.encoding)   // GBK (detected: …)
/// try parcels.forEach { feature in
///     let code = feature.attributes[parcels.schema.index(of: "DLBM")!]
/// }
/// ```
///
/// Not `Sendable` (it holds open files); open one per task.
public final class ShapefileLayerReader {
    /// The shapelib handles; internal, so that no caller above the layers reaches into them.
    let dataset: ShapefileDataset
    /// The layer name: the file name without extension.
    public let name: String
    public let schema: Schema
    /// The CRS: `crsOverride`, else the .prj's; nil when there is neither.
    public let crs: CoordinateReferenceSystem?
    /// The attribute encoding and how it was decided.
    public let encoding: EncodingDecision
    private let decoder: TextDecoder

    /// - Parameters:
    ///   - encoding: the attribute encoding, overriding .cpg, language driver and detection.
    ///   - crsOverride: the CRS, overriding (or standing in for) the .prj.
    /// - Throws: `ShapefileError` when the files cannot be opened, `ProjectionError` when a
    ///   .prj exists but cannot be read and no override is given.
    public init(path: String, encoding: TextEncoding? = nil, crsOverride: CoordinateReferenceSystem? = nil) throws {
        dataset = try ShapefileDataset(path: path)
        // The .shx says how many shapes there are; a truncated index would silently drop the
        // records beyond it (`zoning info` shows the mismatch without stopping).
        if dataset.shapeType != nil, let dbfCount = dataset.dbfRecordCount, dbfCount != dataset.recordCount {
            throw LayerError.unreadable(
                path: dataset.shpPath ?? dataset.basePath,
                problem: "the .shx index lists \(dataset.recordCount) records but the .dbf holds \(dbfCount): the index is truncated or belongs to another file. Delete the .shx (zoning rebuilds a missing one from the .shp) or take it from the original delivery")
        }
        name = URL(fileURLWithPath: dataset.basePath).lastPathComponent
        if let crsOverride {
            crs = crsOverride
        } else if let text = dataset.projectionText {
            crs = try CoordinateReferenceSystem(text)
        } else {
            crs = nil
        }
        self.encoding = dataset.encodingDecision(option: encoding)
        decoder = try TextDecoder(self.encoding.encoding)
        schema = Schema(zip(dataset.fields, dataset.fieldNames(decoder: decoder)).map { definition, name in
            var field = Field(definition)
            field.name = name
            return field
        })
    }

    /// The number of records.
    public var count: Int { dataset.recordCount }

    /// Record `index` (from 0).
    ///
    /// - Throws: `LayerError.badRecord` naming the file and record when its geometry cannot be
    ///   built, `ShapefileError.badValue` for a bad attribute.
    public func feature(at index: Int) throws -> Feature {
        let geometry: Geometry?
        if dataset.shapeType == nil {
            geometry = nil
        } else {
            do {
                geometry = try ShapeGeometry.make(dataset.shape(at: index))
            } catch let problem as ShapeGeometry.Problem {
                throw LayerError.badRecord(path: dataset.shpPath ?? dataset.basePath, record: index, problem: problem.message)
            } catch let error as GEOSError {
                throw LayerError.badRecord(path: dataset.shpPath ?? dataset.basePath, record: index, problem: error.description)
            }
        }
        return Feature(id: index, geometry: geometry, attributes: try dataset.attributes(at: index, decoder: decoder))
    }

    /// Calls `body` with every feature in file order.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        for index in 0..<count { try body(feature(at: index)) }
    }
}
