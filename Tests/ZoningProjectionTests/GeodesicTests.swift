import Foundation
import Testing
import ZoningGeometry
import ZoningProjection
import ZoningTestSupport

@Suite struct GeodesicTests {
    let geodesic = Geodesic()

    /// A 1° × 1° cell at 35–36°N against the closed-form area of an ellipsoidal zone.
    @Test func oneDegreeCellMatchesClosedForm() throws {
        let cell = try Reference.cell(west: 117, south: 35, east: 118, north: 36)
        let expected = Reference.cellArea(south: 35, north: 36, degreesWide: 1)
        #expect(abs(expected - 10_077e6) < 20e6)  // about 10 077 km², a figure to recognise
        #expect(abs(try geodesic.area(ofLonLat: cell) / expected - 1) < 1e-8)
    }

    @Test func holesSubtractAndPartsAdd() throws {
        let outer = try Reference.cell(west: 117, south: 35, east: 117.1, north: 35.1, step: 0.0005)
        let inner = try Reference.cell(west: 117.02, south: 35.02, east: 117.05, north: 35.05, step: 0.0005)
        let holed = try outer.difference(inner)
        let expected = Reference.cellArea(south: 35, north: 35.1, degreesWide: 0.1)
            - Reference.cellArea(south: 35.02, north: 35.05, degreesWide: 0.03)
        #expect(abs(try geodesic.area(ofLonLat: holed) / expected - 1) < 1e-7)
        let pair = try Geometry.collection(.multiPolygon, [inner, try Reference.cell(west: 118, south: 35, east: 118.03, north: 35.03, step: 0.0005)])
        let expectedPair = Reference.cellArea(south: 35.02, north: 35.05, degreesWide: 0.03)
            + Reference.cellArea(south: 35, north: 35.03, degreesWide: 0.03)
        #expect(abs(try geodesic.area(ofLonLat: pair) / expectedPair - 1) < 1e-7)
        #expect(try geodesic.area(ofLonLat: Geometry(wkt: "LINESTRING(117 35, 118 36)")) == 0)
    }

    @Test func meridianLengthMatchesTheArcIntegral() throws {
        let meridian = try Geometry(wkt: "LINESTRING(117 35, 117 36)")
        #expect(abs(try geodesic.length(ofLonLat: meridian) - Reference.meridianArc(from: 35, to: 36)) < 0.001)
    }

    /// A parcel in Gauss–Krüger coordinates is measured on the ellipsoid, not the plane.
    @Test func projectedInputIsMeasuredOnTheEllipsoid() throws {
        let cell = try Reference.cell(west: 121.3, south: 36, east: 121.31, north: 36.01, step: 0.0001)
        let zone40 = try CoordinateReferenceSystem("EPSG:4528")
        let projected = try CoordinateTransform(from: CoordinateReferenceSystem("EPSG:4490"), to: zone40).apply(to: cell)
        let expected = Reference.cellArea(south: 36, north: 36.01, degreesWide: 0.01)
        #expect(abs(try geodesic.area(of: projected, in: zone40) / expected - 1) < 1e-7)
        // 1.3° east of the central meridian the plane area is about (x/R)² ≈ 0.03% larger.
        #expect(projected.area / expected - 1 > 2e-4)
    }

    /// The 136 county-level units sum to Shandong's land area, about 155 800 km², within 1%.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func countiesSumToTheProvince() throws {
        let total = try ShandongCounties.load().reduce(0) { $0 + (try geodesic.area(ofLonLat: $1)) }
        #expect(abs(total / 155_800e6 - 1) < 0.01)
    }

    /// Projected to its Gauss–Krüger zone (plain family), each county's plane area exceeds its
    /// ellipsoidal area by the mean areal scale k² − 1 ≈ x′²/R² of the projection over it: up
    /// to ~0.05% near a zone edge, to within 2·10⁻⁶.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func planarExcessFollowsTheZoneScaleFactor() throws {
        let cgcs2000 = try CoordinateReferenceSystem("EPSG:4490")
        var largest = 0.0
        for county in try ShandongCounties.load() {
            let b = try #require(county.bounds)
            let zone = try #require(GaussKruger.zone(longitude: (b.minX + b.maxX) / 2))
            let crs = try CoordinateReferenceSystem("EPSG:\(GaussKruger.epsg(zone: zone, prefixed: false)!)")
            let projected = try CoordinateTransform(from: cgcs2000, to: crs).apply(to: county)
            let excess = projected.area / (try geodesic.area(ofLonLat: county)) - 1
            let predicted = PlanarExcess.predicted(projected, latitude: (b.minY + b.maxY) / 2)
            #expect(abs(excess - predicted) < 2e-6, "county at \(b)")
            largest = max(largest, excess)
        }
        #expect(largest > 3e-4 && largest < 6e-4)  // the ~0.05% the domain spec warns of
    }
}

/// How much larger a Gauss–Krüger plane area is than the ellipsoidal one: the area scale k² of
/// the projection, k ≈ 1 + x′²/(2R²), averaged over the polygon, where x′ is the distance from
/// the central meridian and R² = M·N the Gaussian curvature radius squared.
enum PlanarExcess {
    static func predicted(_ projected: Geometry, latitude: Double) -> Double {
        let s = sin(latitude * .pi / 180)
        let w2 = 1 - Reference.e2 * s * s
        let r2 = Reference.a * Reference.a * (1 - Reference.e2) / (w2 * w2)  // M·N
        var area = 0.0, moment = 0.0
        for polygon in (try? Reference.rings(of: projected)) ?? [] {
            for (index, ring) in polygon.enumerated() {
                // Green's theorem: ∬dA = ½∮(x dy − y dx), ∬x² dA = (1/12)∮(x_i² + x_i x_j + x_j²)(x_i y_j − x_j y_i).
                var a = 0.0, m = 0.0
                for (p, q) in zip(ring, ring.dropFirst()) {
                    let x1 = p.x - 500_000, x2 = q.x - 500_000
                    let cross = x1 * q.y - x2 * p.y
                    a += cross / 2
                    m += (x1 * x1 + x1 * x2 + x2 * x2) * cross / 12
                }
                let sign: Double = (a >= 0) == (index == 0) ? 1 : -1  // shells add, holes subtract
                area += sign * a
                moment += sign * m
            }
        }
        return moment / area / r2
    }
}
