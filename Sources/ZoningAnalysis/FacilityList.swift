import ZoningGeometry

/// The run's facilities as a list (docs/METHOD.md §7, `facilities.csv`): each one's own name,
/// type, the township whose polygon holds it and its position in the analysis CRS, so that a
/// later run can name the facilities opened and closed since (`RunComparison`, §9).
///
/// The township is the first of `townships` (in their layer's order) that covers the point —
/// the same test that counts a township's `facilities_inside` — and nil outside every one.
/// Positions are metres in the analysis CRS, to 2 decimals as the table writes them.
///
/// ```swift
/// let rows = try FacilityList.rows(facilities: inputs.facilities, townships: inputs.townships)
/// rows[0]   // 南山镇养老院, elderly, 370299102, x 500123.45, y 4012345.67
/// ```
public enum FacilityList {
    public struct Row: Sendable, Equatable {
        /// Its own name (`Facility.title`), "" when the layer has none.
        public var name: String
        /// The standard type (`FacilityType.rawValue`): `elderly`.
        public var type: String
        /// The township's 9 digits; nil outside every township.
        public var township: String?
        /// Metres in the analysis CRS.
        public var x: Double
        public var y: Double

        public init(name: String, type: String, township: String?, x: Double, y: Double) {
            self.name = name
            self.type = type
            self.township = township
            self.x = x
            self.y = y
        }
    }

    /// One row per facility, in the layer's order.
    /// - Throws: GEOS's errors.
    public static func rows(facilities: [Facility], townships: [CoverageRegion]) throws -> [Row] {
        guard !facilities.isEmpty else { return [] }
        let index = try SpatialIndex(townships.map(\.geometry))
        let prepared = try townships.map { try PreparedGeometry($0.geometry) }
        return try facilities.map { facility in
            var township: String?
            if let bounds = facility.point.bounds,
               let found = try index.query(bounds).sorted().first(where: { try prepared[$0].covers(facility.point) }) {
                township = townships[found].code
            }
            let at = try facility.point.coordinates.first ?? Coordinate(x: .nan, y: .nan)
            return Row(name: facility.title, type: facility.type.rawValue, township: township,
                       x: RunSnapshot.rounded(at.x, 2), y: RunSnapshot.rounded(at.y, 2))
        }
    }
}
