import Foundation
import ZoningGeometry

/// The land survey's own ellipsoidal area method: the "ellipsoidal trapezoid" series of the
/// second national land survey (TD/T 1014-2007; notice 国土调查办发〔2008〕32号), which the
/// third survey's software keeps. zoning uses it to check its figures against `TBMJ` the way
/// the survey computed them; `Geodesic` is the exact reference.
///
/// Each ring edge from (B₁, L₁) to (B₂, L₂), in radians, contributes the area of the strip
/// between the reference meridian and the edge's mean longitude ΔL = (L₁ + L₂)/2 − L₀:
///
///     S = 2b²·ΔL·[A·sin(ΔB/2)·cos Bm − B·sin(3ΔB/2)·cos 3Bm + C·sin(5ΔB/2)·cos 5Bm
///                 − D·sin(7ΔB/2)·cos 7Bm + E·sin(9ΔB/2)·cos 9Bm]
///
/// with ΔB = B₂ − B₁, Bm = (B₁ + B₂)/2, and A…E the series in the first eccentricity e²
/// (below). The signed sum over a ring is Green's theorem ∮L dB on the ellipsoid, positive for
/// counter-clockwise rings; holes subtract. The notice's sample code puts the *second*
/// eccentricity e′² into A…E, contrary to its own formula, which makes every area 2.3·10⁻⁵ too
/// large; zoning follows the formula (e²), which agrees with the exact integral to 10⁻¹³.
///
/// # Units
/// m². Input coordinates as for `Geodesic`.
///
/// ```swift
/// let m2 = try SurveyArea().area(of: parcel, in: CoordinateReferenceSystem("EPSG:4528"))
/// ```
public struct SurveyArea: Sendable {
    public let ellipsoid: Ellipsoid

    public init(ellipsoid: Ellipsoid = .cgcs2000) {
        self.ellipsoid = ellipsoid
    }

    /// The area of a geometry in any CRS, in m² (projected coordinates are first taken back to
    /// longitude/latitude, as the survey converts Gauss–Krüger vertices to B, L).
    public func area(of geometry: Geometry, in crs: CoordinateReferenceSystem) throws -> Double {
        try area(ofLonLat: Geodesic.lonLat(geometry, crs))
    }

    /// The area of a geometry whose x is longitude and y latitude, in degrees, in m².
    public func area(ofLonLat geometry: Geometry) throws -> Double {
        try Geodesic.polygonalArea(of: geometry, ringArea: ringArea)
    }

    /// The signed area of one ring in m², positive counter-clockwise.
    func ringArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let e2 = ellipsoid.eccentricitySquared
        let e4 = e2 * e2, e6 = e4 * e2, e8 = e6 * e2
        let a = 1 + e2 / 2 + 3 * e4 / 8 + 5 * e6 / 16 + 35 * e8 / 128
        let b = e2 / 6 + 3 * e4 / 16 + 3 * e6 / 16 + 35 * e8 / 192
        let c = 3 * e4 / 80 + e6 / 16 + 5 * e8 / 64
        let d = e6 / 112 + 5 * e8 / 256
        let e = 5 * e8 / 2304
        let radians = Double.pi / 180
        let semiMinor = ellipsoid.semiMinorAxis
        // The first vertex's meridian as L₀: a closed ring's sum does not depend on L₀, and a
        // near one keeps ΔL small, so less is lost to cancellation.
        let referenceLongitude = ring[0].x * radians
        var sum = 0.0
        for (p, q) in zip(ring, ring.dropFirst() + [ring[0]]) {
            let b1 = p.y * radians, b2 = q.y * radians
            let dB = b2 - b1, bm = (b1 + b2) / 2
            let dL = (p.x + q.x) / 2 * radians - referenceLongitude
            let series = a * sin(dB / 2) * cos(bm) - b * sin(3 * dB / 2) * cos(3 * bm)
                + c * sin(5 * dB / 2) * cos(5 * bm) - d * sin(7 * dB / 2) * cos(7 * bm)
                + e * sin(9 * dB / 2) * cos(9 * bm)
            sum += 2 * semiMinor * semiMinor * dL * series
        }
        return sum
    }
}
