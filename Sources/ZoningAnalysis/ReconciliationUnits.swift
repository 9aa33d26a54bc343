import ZoningGeometry
import ZoningProjection
import ZoningSupport

extension Reconciliation {
    /// Each parcel's unit by code and by location, and each unit polygon's ellipsoidal area:
    /// what the parcels-against-units checks count.
    struct UnitMatch: Sendable {
        /// Per parcel, the position in `units` of the unit its code (ZLDWDM's first 12 digits)
        /// names, or −1.
        var byCode: [Int32]
        /// Per parcel, the position of the first unit whose polygon covers the parcel's
        /// interior point (GEOS's `pointOnSurface`), or −1.
        var located: [Int32]
        /// Per unit, its polygon's ellipsoidal area in m² (nil without a polygon), or why it
        /// could not be measured; the whole fails when no transform to degrees exists.
        var unitAreas: Result<[Result<Double, any Error>?], any Error>
    }

    /// Measures the units, then matches every parcel to a unit by code and by location in one
    /// pass over the parcels split over the cores. A parcel's unit by location is the first
    /// unit, in the layer's order, whose polygon covers its interior point, as with a GEOS
    /// STR-tree and prepared `covers` (`InteriorPoint`, `UnitLocator`).
    ///
    /// ```swift
    /// let matched = try Reconciliation.match(inputs)
    /// matched.byCode[0] == matched.located[0]  // true when parcel 0 lies in the unit it names
    /// ```
    /// - Throws: `GeometryError` from GEOS, the first parcel's in the layer's order.
    static func match(_ inputs: AnalysisInputs) throws -> UnitMatch {
        let units = inputs.units, parcels = inputs.parcels, crs = inputs.crs
        let unitOfCode = Dictionary(units.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
        let locator = try UnitLocator(units.map(\.geometry))
        // Parts of at most 20,000 parcels, taken by the cores as they come free; the pass starts
        // aside at once, while this thread measures the units.
        let size = max(1, min(20_000, (parcels.count + Parallel.threads - 1) / Parallel.threads))
        let ranges = stride(from: 0, to: parcels.count, by: size).map { $0..<min($0 + size, parcels.count) }
        let pass = Parallel.Pending { try Parallel.map(ranges) { range -> (byCode: [Int32], located: [Int32]) in
            var byCode = [Int32](repeating: -1, count: range.count), located = [Int32](repeating: -1, count: range.count)
            var prepared: [Int: PreparedGeometry] = [:], buffer = PolygonRingBuffer()
            var lastCode = "", lastUnit = unitOfCode[""].map { Int32($0) } ?? -1
            for (k, i) in range.enumerated() {
                let code = parcels[i].unitCode
                if code != lastCode {
                    lastCode = code
                    lastUnit = unitOfCode[code].map { Int32($0) } ?? -1
                }
                byCode[k] = lastUnit
                guard let point = try InteriorPoint.of(parcels[i].geometry, buffer: &buffer) else { continue }
                let unit = try locator.polygon(holding: point) { position in
                    guard let polygon = units[position].geometry else { return false }
                    if prepared[position] == nil { prepared[position] = try PreparedGeometry(polygon) }
                    return try prepared[position]!.covers(Geometry.point(x: point.x, y: point.y))
                }
                located[k] = unit.map { Int32($0) } ?? -1
            }
            return (byCode, located)
        } }
        // The unit areas on this thread, whose PROJ context keeps the transform for later steps
        // (the built-up and coverage areas); errors are thrown where main threw them.
        let unitAreas = Result {
            let geodesic = Geodesic(), toLonLat = try CoordinateTransform.onThisThread(from: crs, to: crs.geographic())
            return units.map { unit in unit.geometry.map { polygon in Result { try geodesic.area(ofLonLat: toLonLat.apply(to: polygon)) } } }
        }
        let done = try pass.value()
        var match = UnitMatch(byCode: [], located: [], unitAreas: unitAreas)
        match.byCode.reserveCapacity(parcels.count)
        match.located.reserveCapacity(parcels.count)
        for part in done {
            match.byCode += part.byCode
            match.located += part.located
        }
        return match
    }
}
