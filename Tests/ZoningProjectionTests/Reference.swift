import Foundation
import ZoningGeometry
import ZoningProjection

/// Closed-form and numerically integrated values on the CGCS2000 ellipsoid, computed here
/// without PROJ, as independent references for the tests.
enum Reference {
    static let a = 6_378_137.0
    static let f = 1 / 298.257_222_101
    static let e2 = f * (2 - f)
    static let e = e2.squareRoot()
    static let b = a * (1 - f)

    /// Area in m² of the zone between latitudes φ1 < φ2 and Δλ degrees of longitude (bounded
    /// by parallels and meridians): Δλ·b²·[q(φ2) − q(φ1)], q(φ) = sinφ/(2(1−e²sin²φ)) +
    /// ln((1+e sinφ)/(1−e sinφ))/(4e).
    static func cellArea(south: Double, north: Double, degreesWide: Double) -> Double {
        func q(_ degrees: Double) -> Double {
            let s = sin(degrees * .pi / 180)
            return s / (2 * (1 - e2 * s * s)) + log((1 + e * s) / (1 - e * s)) / (4 * e)
        }
        return degreesWide * .pi / 180 * b * b * (q(north) - q(south))
    }

    /// Meridian arc length in metres from latitude φ1 to φ2 (degrees): ∫ M dφ with
    /// M = a(1−e²)/(1−e²sin²φ)^{3/2}, by Simpson's rule on 10 000 intervals.
    static func meridianArc(from φ1: Double, to φ2: Double) -> Double {
        let n = 10_000
        let h = (φ2 - φ1) * .pi / 180 / Double(n)
        func m(_ φ: Double) -> Double { a * (1 - e2) / pow(1 - e2 * sin(φ) * sin(φ), 1.5) }
        var sum = m(φ1 * .pi / 180) + m(φ2 * .pi / 180)
        for i in 1..<n { sum += (i % 2 == 1 ? 4 : 2) * m(φ1 * .pi / 180 + Double(i) * h) }
        return sum * h / 3
    }

    /// A lon/lat cell as a counter-clockwise polygon whose parallels are densified every
    /// `step` degrees, so that geodesic edges follow the parallels closely.
    static func cell(west: Double, south: Double, east: Double, north: Double, step: Double = 0.001) throws -> Geometry {
        let steps = Int(((east - west) / step).rounded())
        let bottom = (0...steps).map { Coordinate(x: west + Double($0) * (east - west) / Double(steps), y: south) }
        let top = bottom.reversed().map { Coordinate(x: $0.x, y: north) }
        return try Geometry.polygon(shell: bottom + top + [bottom[0]])
    }

    /// The rings of every polygon in a geometry, each as its vertices.
    static func rings(of geometry: Geometry) throws -> [[[Coordinate]]] {
        switch geometry.type {
        case .polygon: return [try ([geometry.exteriorRing] + geometry.interiorRings).map { try $0.coordinates }]
        case .multiPolygon, .geometryCollection: return try geometry.parts.flatMap(rings(of:))
        default: return []
        }
    }
}
