import ZoningGeometry
import ZoningShapefile

/// How many records of a shapefile have valid, invalid, empty or unbuildable geometries, with
/// the first problem of each kind: what `zoning info` reports.
///
/// ```swift
/// let summary = try ValiditySummary(dataset)
/// print(summary.invalid, summary.firstInvalid ?? "")  // 2  record 17: Self-intersection at (…)
/// ```
public struct ValiditySummary: Sendable, Equatable {
    public var valid = 0
    /// Geometries GEOS finds invalid (self-intersections, holes outside shells, …).
    public var invalid = 0
    /// Null records and empty shapes.
    public var empty = 0
    /// Records whose geometry cannot be built at all (unclosed rings, MultiPatch, …).
    public var unbuildable = 0
    /// E.g. `record 17: Self-intersection at (40512000, 3990000)`.
    public var firstInvalid: String?
    public var firstUnbuildable: String?

    /// Reads every record once (streaming).
    public init(_ dataset: ShapefileDataset) throws {
        guard dataset.shapeType != nil else { return }
        for index in 0..<dataset.recordCount {
            let geometry: Geometry?
            do {
                geometry = try ShapeGeometry.make(dataset.shape(at: index))
            } catch let problem as ShapeGeometry.Problem {
                unbuildable += 1
                if firstUnbuildable == nil { firstUnbuildable = "record \(index): \(problem.message)" }
                continue
            } catch let error as GEOSError {
                unbuildable += 1
                if firstUnbuildable == nil { firstUnbuildable = "record \(index): \(error)" }
                continue
            }
            guard let geometry, !geometry.isEmpty else {
                empty += 1
                continue
            }
            if let reason = try geometry.invalidityReason {
                invalid += 1
                if firstInvalid == nil { firstInvalid = "record \(index): \(reason)" }
            } else {
                valid += 1
            }
        }
    }
}
