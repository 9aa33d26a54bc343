import Foundation
import Testing
import ZoningGeometry

/// Coordinates that are not finite numbers are refused where geometries enter from outside:
/// GEOS's envelope skips NaN, and normalizing a ring with one crashed GEOS (found by the WKB
/// fuzzer: a multipolygon read from WKB, written as GeoJSON).
@Suite struct FiniteCoordinatesTests {
    /// Little-endian WKB of a polygon with one ring.
    func polygonWKB(_ ring: [(Double, Double)]) -> [UInt8] {
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        return [1] + le(UInt32(3)) + le(UInt32(1)) + le(UInt32(ring.count))
            + ring.flatMap { le($0.0.bitPattern) + le($0.1.bitPattern) }
    }

    @Test func wkbWithNaNIsRefused() throws {
        let good = [(0.0, 0.0), (10, 0), (10, 10), (0, 0)]
        #expect(try Geometry(wkb: polygonWKB(good)).area == 50)
        for bad in [Double.nan, .infinity, -.infinity] {
            #expect { try Geometry(wkb: polygonWKB([(0, 0), (10, bad), (10, 10), (0, 0)])) } throws: {
                "\($0)".contains("not a finite number")
            }
        }
    }

    @Test func wktWithNaNIsRefused() throws {
        #expect(throws: GEOSError.self) { try Geometry(wkt: "POLYGON((0 0, 1 nan, 1 1, 0 0))") }
        #expect(throws: GEOSError.self) { try Geometry(wkt: "MULTILINESTRING((0 0, 1 1), (2 2, inf 3))") }
        #expect(throws: GEOSError.self) { try Geometry(wkt: "POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 nan, 1 1))") }
        #expect(try Geometry(wkt: "POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 1))").nonFiniteCoordinate == nil)
    }

    /// WKB writes an empty point as NaN, NaN: it reads back as the empty point, not refused.
    @Test func anEmptyPointIsNotANaN() throws {
        let empty = try Geometry(wkt: "POINT EMPTY")
        #expect(try Geometry(wkb: empty.wkb()).isEmpty)
    }

    /// Finite coordinates beyond ±1e15 are refused too: GEOS's makeValid spun for minutes on
    /// a ring whose coordinates ran from 1e-310 to 1e277 (found by the WKB fuzzer; the ring
    /// here is the shape of it, a Gauss–Krüger parcel with a run of wild vertices).
    @Test func hugeCoordinatesAreRefused() throws {
        let wild: [(Double, Double)] = [(2.4e-310, 3.3e93), (7.7e-94, 1.0e94), (1.1e-97, 3.0e94), (5.7e277, -8.4e246)]
        let ring = [(40496960.7, 4015874.8), (40497018.3, 4016326.2)] + wild + [(40497017.4, 4015588.9), (40496960.7, 4015874.8)]
        #expect { try Geometry(wkb: polygonWKB(ring)) } throws: { "\($0)".contains("beyond ±1e15") && "\($0)".contains("3.3e+93") }
        #expect { try Geometry(wkt: "LINESTRING(0 0, 1e16 1)") } throws: { "\($0)".contains("beyond ±1e15") }
        // The limit is far beyond any position: a million kilometres in millimetres passes.
        #expect(try Geometry(wkt: "LINESTRING(0 0, 1e12 -1e12)").length > 0)
        #expect(Geometry.coordinateLimit == 1e15)
    }

    /// The multipolygon the fuzzer found: one NaN among 22 coordinates, in its second part.
    @Test func theFuzzersFindIsRefused() throws {
        let wkt = "MULTIPOLYGON(((180 -16.07, 180 -16.56, 179.36 -16.80, 180 -16.07)), ((178.13 -17.50, 178.37 -17.6, 177.29 nan, 178.13 -17.50)))"
        #expect { try Geometry(wkt: wkt) } throws: { "\($0)".contains("(177.29, nan)") }
    }
}
