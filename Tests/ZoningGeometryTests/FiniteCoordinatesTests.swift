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

    /// The multipolygon the fuzzer found: one NaN among 22 coordinates, in its second part.
    @Test func theFuzzersFindIsRefused() throws {
        let wkt = "MULTIPOLYGON(((180 -16.07, 180 -16.56, 179.36 -16.80, 180 -16.07)), ((178.13 -17.50, 178.37 -17.6, 177.29 nan, 178.13 -17.50)))"
        #expect { try Geometry(wkt: wkt) } throws: { "\($0)".contains("(177.29, nan)") }
    }
}
