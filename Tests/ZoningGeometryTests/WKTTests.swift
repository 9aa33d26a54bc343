import Testing
import ZoningGeometry

@Suite struct WKTTests {
    @Test func readsAndWritesTrimmedText() throws {
        let point = try Geometry(wkt: "POINT (117.5 36.25)")
        #expect(try point.wkt() == "POINT (117.5 36.25)")
        #expect(point.type == .point)
    }

    @Test func roundsWhenAsked() throws {
        let point = Geometry.point(x: 1.0 / 3.0, y: 2)
        #expect(try point.wkt(decimals: 3) == "POINT (0.333 2)")
    }

    @Test func fullPrecisionRoundTripsExactly() throws {
        let x = 40_512_345.678_901_2, y = 3_901_234.567_890_1
        let copy = try Geometry(wkt: Geometry.point(x: x, y: y).wkt())
        #expect(try copy.coordinates == [Coordinate(x: x, y: y)])
    }

    @Test func keepsZ() throws {
        let point = try Geometry(wkt: "POINT Z (1 2 3)")
        #expect(point.hasZ)
        #expect(try point.wkt() == "POINT Z (1 2 3)")
    }

    @Test func badTextThrowsWithGEOSMessage() {
        #expect {
            try Geometry(wkt: "POLYGON((0 0, 1 0))")
        } throws: { error in
            guard case .unreadable(let format, let message) = error as? GEOSError else { return false }
            return format == "WKT" && message.contains("LinearRing")
        }
        #expect(throws: GEOSError.self) { try Geometry(wkt: "not wkt at all") }
        #expect(throws: GEOSError.self) { try Geometry(wkt: "") }
    }

    @Test func descriptionIsWKT() throws {
        #expect(try Geometry(wkt: Fixture.square).description == "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))")
    }
}
