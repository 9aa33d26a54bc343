import Foundation
import Testing
import ZoningGeometry
import ZoningProjection
import ZoningTestSupport

@Suite struct CoordinateTransformTests {
    let cgcs2000 = try! CoordinateReferenceSystem("EPSG:4490")
    let zone40 = try! CoordinateReferenceSystem("EPSG:4528")

    /// On the central meridian, Gauss–Krüger x is the false easting and y the meridian arc from
    /// the equator (scale factor 1): both known without PROJ.
    @Test func centralMeridianMapsToFalseEastingAndMeridianArc() throws {
        let transform = try CoordinateTransform(from: cgcs2000, to: zone40)
        let projected = try transform.apply(Coordinate(x: 120, y: 36))  // x = longitude: axis order normalised
        #expect(abs(projected.x - 40_500_000) < 1e-6)
        #expect(abs(projected.y - Reference.meridianArc(from: 0, to: 36)) < 0.001)
    }

    @Test func inverseReturnsToTheStart() throws {
        let forward = try CoordinateTransform(from: cgcs2000, to: zone40)
        let back = try forward.inverse()
        let start = Coordinate(x: 120.7, y: 36.3)
        let end = try back.apply(forward.apply(start))
        #expect(abs(end.x - start.x) < 1e-10 && abs(end.y - start.y) < 1e-10)
    }

    @Test func batchAgreesWithSinglePoints() throws {
        let transform = try CoordinateTransform(from: cgcs2000, to: zone40)
        var xs = (0..<100).map { 119.0 + Double($0) * 0.02 }
        var ys = (0..<100).map { 35.0 + Double($0) * 0.015 }
        let singles = try zip(xs, ys).map { try transform.apply(Coordinate(x: $0, y: $1)) }
        try transform.apply(x: &xs, y: &ys)
        #expect(zip(singles, zip(xs, ys)).allSatisfy { $0.x == $1.0 && $0.y == $1.1 })
    }

    @Test func geometriesKeepTheirShape() throws {
        let transform = try CoordinateTransform(from: cgcs2000, to: zone40)
        let square = try Geometry(wkt: "POLYGON((120 36, 120.01 36, 120.01 36.01, 120 36.01, 120 36), (120.004 36.004, 120.006 36.004, 120.006 36.006, 120.004 36.004))")
        let projected = try transform.apply(to: square)
        #expect(projected.type == .polygon && projected.numberOfPoints == square.numberOfPoints)
        #expect(try projected.interiorRings.count == 1)
        // 0.01° × 0.01° at 36°N is about 900 m × 1110 m.
        let b = try #require(projected.bounds)
        #expect((890...910).contains(b.width) && (1100...1120).contains(b.height))
    }

    @Test func failuresNameThePoint() throws {
        let transform = try CoordinateTransform(from: cgcs2000, to: zone40)
        #expect {
            try transform.apply(Coordinate(x: 120, y: 100))  // latitude 100°
        } throws: { error in
            guard case .transformFailed(let x, let y, let from, let to, _) = error as? ProjectionError else { return false }
            return x == 120 && y == 100 && from == "EPSG:4490" && to == "EPSG:4528"
        }
        var xs = [120.0, 120.0], ys = [36.0, 100.0]
        #expect(throws: ProjectionError.self) { try transform.apply(x: &xs, y: &ys) }
        #expect(xs == [120, 120] && ys == [36, 100])  // left unchanged
        let line = try Geometry(wkt: "LINESTRING(120 36, 120 100)")
        #expect(throws: ProjectionError.self) { try transform.apply(to: line) }
    }

    /// A facility scraped from Amap (GCJ-02) lands where the same point given in CGCS2000
    /// does, to a centimetre.
    @Test func webMapSourceLandsOnTheTruePosition() throws {
        let gcj = try CoordinateReferenceSystem("GCJ02")
        let zone39 = try CoordinateReferenceSystem("EPSG:4527")
        let fromWebMap = try CoordinateTransform(from: gcj, to: zone39)
            .apply(Coordinate(x: 116.41024449916938, y: 39.91640428150164))
        let fromTruth = try CoordinateTransform(from: cgcs2000, to: zone39).apply(Coordinate(x: 116.404, y: 39.915))
        #expect(abs(fromWebMap.x - fromTruth.x) < 0.01 && abs(fromWebMap.y - fromTruth.y) < 0.01)
        // And back out to Baidu's BD-09, the published value.
        let toBaidu = try CoordinateTransform(from: cgcs2000, to: CoordinateReferenceSystem("BD09"))
        let bd = try toBaidu.apply(Coordinate(x: 116.404, y: 39.915))
        #expect(abs(bd.x - 116.41662724378733) < 1e-9 && abs(bd.y - 39.922699552216216) < 1e-9)
    }

    @Test func prefixedAndPlainZonesDifferByTheZoneNumber() throws {
        let plain = try CoordinateReferenceSystem("EPSG:4549")
        let p = try CoordinateTransform(from: zone40, to: plain).apply(Coordinate(x: 40_512_345.678, y: 4_000_000))
        #expect(abs(p.x - 512_345.678) < 1e-6 && abs(p.y - 4_000_000) < 1e-6)
    }

    /// Every vertex of the 136 Shandong counties, projected to its zone and back, moves less
    /// than 1 mm (1e-8° is about 1.1 mm of latitude).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func countiesRoundTripWithinAMillimetre() throws {
        let counties = try ShandongCounties.load()
        var worst = 0.0
        for county in counties {
            let zone = try #require(GaussKruger.zone(longitude: county.bounds!.minX / 2 + county.bounds!.maxX / 2))
            let crs = try CoordinateReferenceSystem("EPSG:\(GaussKruger.epsg(zone: zone, prefixed: true)!)")
            let forward = try CoordinateTransform(from: cgcs2000, to: crs)
            let back = try forward.inverse().apply(to: forward.apply(to: county))
            for (a, b) in zip(try ShandongCounties.vertices(county), try ShandongCounties.vertices(back)) {
                worst = max(worst, abs(a.x - b.x), abs(a.y - b.y))
            }
        }
        #expect(worst < 1e-8)
    }
}

/// `shandong/counties-cgcs2000.geojson`: 136 county-level units in EPSG:4490, lon/lat.
enum ShandongCounties {
    static func load() throws -> [Geometry] {
        let text = try String(contentsOfFile: SharedData.path("shandong/counties-cgcs2000.geojson"), encoding: .utf8)
        return try Geometry(geoJSON: text).parts
    }

    /// Every vertex of every ring, in order.
    static func vertices(_ geometry: Geometry) throws -> [Coordinate] {
        switch geometry.type {
        case .polygon: return try ([geometry.exteriorRing] + geometry.interiorRings).flatMap { try $0.coordinates }
        case .multiPolygon, .geometryCollection: return try geometry.parts.flatMap(vertices)
        default: return try geometry.coordinates
        }
    }
}
