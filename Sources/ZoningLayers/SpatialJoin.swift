import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Joins a right layer onto a left one by location: QGIS's "join attributes by location
/// (summary)", "overlap analysis" and "join by nearest" for zoning's layers.
///
/// Predicates are said from the right layer's side, as one asks the question: the right
/// features that **intersect** a left feature, lie **within** it, **contain** it, or lie
/// **within a distance** of it (metres; the layers must be in a projected CRS, which
/// Gauss–Krüger data is).
///
/// ```swift
/// let join = try SpatialJoin(right: schools, rightSchema: schema, crs: townshipsCRS)
/// let summary = try join.summary(for: township, predicate: .within, sumFields: ["BEDS"], overlap: false)
/// summary.count  // schools inside the township
/// ```
///
/// The right features are held in memory with an STR-tree; each left geometry is prepared
/// once for its exact tests. Not `Sendable` (the index is built lazily): one per task.
public final class SpatialJoin {
    /// How a right feature must relate to the left one.
    public enum Predicate: Sendable, Equatable, CustomStringConvertible {
        case intersects, within, contains
        /// Within `metres` of the left feature (inclusive).
        case withinDistance(metres: Double)

        /// The same test with the left geometry as the query (`SpatialIndex` convention).
        var fromLeft: SpatialPredicate {
            switch self {
            case .intersects: .intersects
            case .within: .contains      // right within left ⇔ left contains right
            case .contains: .within      // right contains left ⇔ left within right
            case .withinDistance(let metres): .withinDistance(metres)
            }
        }

        public var description: String {
            switch self {
            case .intersects: "intersects"
            case .within: "within"
            case .contains: "contains"
            case .withinDistance(let metres): "within \(metres) m of"
            }
        }
    }

    /// What the right features matching one left feature add up to.
    public struct Summary: Sendable, Equatable {
        public var count: Int
        /// Sum and mean of each requested numeric field over the matches (nulls skipped; the
        /// mean is nil when every value is null).
        public var sums: [Double]
        public var means: [Double?]
        /// The left feature's area covered by the matching right polygons: ellipsoidal m², and
        /// as a share (0…1) of the left feature's area. nil unless asked for.
        public var overlapSquareMetres: Double?
        public var overlapShare: Double?
    }

    public let rightSchema: Schema
    public let crs: CoordinateReferenceSystem
    private let right: [Feature]
    private let index: SpatialIndex

    /// - Parameters:
    ///   - right: the right layer's features, already in `crs`.
    ///   - crs: the CRS both layers are in.
    public init(right: [Feature], rightSchema: Schema, crs: CoordinateReferenceSystem) throws {
        self.right = right
        self.rightSchema = rightSchema
        self.crs = crs
        // Features without geometry take an empty point so positions stay aligned.
        index = try SpatialIndex(try right.map { try $0.geometry ?? Geometry(wkt: "POINT EMPTY") })
    }

    /// The positions (in `right`) of the features matching `left`.
    public func matches(for left: Geometry, predicate: Predicate) throws -> [Int] {
        if case .withinDistance = predicate { try requireMetres(near: left) }
        return try index.query(left, predicate: predicate.fromLeft)
    }

    /// Count, sums and means of `sumFields` (right schema names) over the matches, and the
    /// overlap when `overlap` is true (both layers polygonal).
    public func summary(for left: Geometry, predicate: Predicate, sumFields: [String], overlap: Bool) throws -> Summary {
        let columns = try sumFields.map { name -> Int in
            guard let column = rightSchema.index(of: name) else {
                throw LayerError.badFilter(text: name, problem: "the right layer has no field \(name); its fields are \(rightSchema.names.joined(separator: ", "))")
            }
            guard [.integer, .real].contains(rightSchema.fields[column].type) else {
                throw LayerError.badFilter(text: name, problem: "field \(name) is \(rightSchema.fields[column].type.rawValue), not a number")
            }
            return column
        }
        let found = try matches(for: left, predicate: predicate)
        var sums = [Double](repeating: 0, count: columns.count), counted = [Int](repeating: 0, count: columns.count)
        for position in found {
            for (slot, column) in columns.enumerated() {
                if let value = right[position].attributes[column].doubleValue {
                    sums[slot] += value
                    counted[slot] += 1
                }
            }
        }
        var summary = Summary(
            count: found.count, sums: sums,
            means: zip(sums, counted).map { $1 == 0 ? nil : $0 / Double($1) },
            overlapSquareMetres: nil, overlapShare: nil)
        if overlap {
            let pieces = found.compactMap { right[$0].geometry }.filter { [.polygon, .multiPolygon].contains($0.type) }
            let covered = pieces.isEmpty ? nil : try left.intersection(Geometry.unionAll(pieces))
            summary.overlapSquareMetres = try covered.map { try Geodesic(ellipsoid: crs.ellipsoid).area(of: $0, in: crs) } ?? 0
            summary.overlapShare = left.area > 0 ? (covered?.area ?? 0) / left.area : nil
        }
        return summary
    }

    /// The one right feature whose attributes a left feature takes (QGIS "join attributes by
    /// location", one-to-one): the first match in the right layer's order, or with
    /// `largestOverlap` the right polygon covering most of the left polygon (ties: the first).
    /// Nil without a match.
    ///
    /// ```swift
    /// let township = try join.attributes(for: schoolPoint, predicate: .intersects)   // the township holding it
    /// ```
    public func attributes(for left: Geometry, predicate: Predicate, largestOverlap: Bool = false) throws -> Feature? {
        let found = try matches(for: left, predicate: predicate)
        guard largestOverlap, found.count > 1 else { return found.first.map { right[$0] } }
        var best: (position: Int, area: Double)?
        for position in found {
            guard let shape = right[position].geometry else { continue }
            let area = try left.intersection(shape).area
            if best.map({ area > $0.area }) ?? true { best = (position, area) }
        }
        return best.map { right[$0.position] }
    }

    /// The nearest right feature to `left` and its distance in metres; nil when the right
    /// layer has no geometry, or when the nearest lies farther than `maximumMetres`.
    public func nearest(to left: Geometry, maximumMetres: Double? = nil) throws -> (feature: Feature, metres: Double)? {
        try requireMetres(near: left)
        guard let found = try index.nearest(to: left) else { return nil }
        if let maximumMetres, found.distance > maximumMetres { return nil }
        return (right[found.position], found.distance)
    }

    /// Distances are metres on the ground only in a projected CRS in metres; never degrees.
    private func requireMetres(near geometry: Geometry) throws {
        if !crs.isGeographic && crs.unitName.lowercased().hasPrefix("met") { return }
        let suggestion = crs.isGeographic
            ? geometry.bounds.flatMap { GaussKruger.zone(longitude: ($0.minX + $0.maxX) / 2) }.flatMap { GaussKruger.epsg(zone: $0, prefixed: false) }
            : nil
        throw LayerError.needsProjectedCRS(crs: crs.shortDescription, suggestion: suggestion.map { "EPSG:\($0)" })
    }
}
