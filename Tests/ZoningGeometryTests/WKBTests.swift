import Testing
import ZoningGeometry

@Suite struct WKBTests {
    @Test func pointBytesFollowTheISOLayout() throws {
        // ISO WKB, little-endian: 01, type 1 as UInt32 LE, x and y as Float64 LE.
        let bytes = try Geometry.point(x: 1, y: 2).wkb()
        let expected: [UInt8] =
            [0x01, 0x01, 0x00, 0x00, 0x00]
            + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]  // 1.0
            + [0, 0, 0, 0, 0, 0, 0x00, 0x40]  // 2.0
        #expect(bytes == expected)
    }

    @Test func roundTripsPolygonWithHole() throws {
        let original = try Geometry(wkt: Fixture.squareWithHole)
        let copy = try Geometry(wkb: original.wkb())
        #expect(try copy.equalsExact(original))
    }

    @Test func readsPostGISHex() throws {
        // SELECT ST_AsHexEWKB('POINT(1 2)'::geometry) in PostGIS.
        let point = try Geometry(hexWKB: "0101000000000000000000F03F0000000000000040")
        #expect(try point.coordinates == [Coordinate(x: 1, y: 2)])
    }

    @Test func truncatedBytesThrow() throws {
        let bytes = try Geometry(wkt: Fixture.square).wkb()
        #expect(throws: GEOSError.self) { try Geometry(wkb: Array(bytes.prefix(20))) }
        #expect(throws: GEOSError.self) { try Geometry(wkb: []) }
        #expect(throws: GEOSError.self) { try Geometry(hexWKB: "01ZZ") }
    }
}
