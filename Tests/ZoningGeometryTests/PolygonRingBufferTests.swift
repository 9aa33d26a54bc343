import Testing
import ZoningGeometry

/// The buffer holds the rings `polygonRings` reads, vertex for vertex, one geometry after another.
@Suite struct PolygonRingBufferTests {
    func rings(_ buffer: PolygonRingBuffer) -> [(exterior: Bool, coordinates: [Coordinate])] {
        buffer.rings.map { ring in
            (ring.exterior, (ring.start..<(ring.start + ring.count)).map { k in buffer.withXY { Coordinate(x: $0[2 * k], y: $0[2 * k + 1]) } })
        }
    }

    @Test func sameRingsAsPolygonRings() throws {
        var buffer = PolygonRingBuffer()
        for wkt in [
            "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2), (6 6, 6 8, 8 8, 6 6))",
            "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), EMPTY, ((5 5, 7 5, 7 7, 5 5), (6 5.5, 6.5 6, 6 6, 6 5.5)))",
            "POLYGON((0.5 0.25, 3 0, 1 2, 0.5 0.25))",
            "POLYGON EMPTY",
        ] {
            let geometry = try Geometry(wkt: wkt)
            #expect(try buffer.load(geometry))
            let expected = try geometry.polygonRings
            let got = rings(buffer)
            #expect(got.map(\.exterior) == expected.map(\.exterior), "\(wkt)")
            #expect(got.map(\.coordinates) == expected.map(\.coordinates), "\(wkt)")
        }
        // By hand: the holed square's three rings of 5, 4 and 4 vertices, back to back.
        _ = try buffer.load(Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 2 2), (6 6, 6 8, 8 8, 6 6))"))
        #expect(buffer.rings == [.init(start: 0, count: 5, exterior: true), .init(start: 5, count: 4, exterior: false), .init(start: 9, count: 4, exterior: false)])
        #expect(buffer.vertexCount == 13 && Array(buffer.xy[10...11]) == [2, 2])
    }

    @Test func otherTypesLeaveItEmpty() throws {
        var buffer = PolygonRingBuffer()
        _ = try buffer.load(Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 0))"))
        #expect(try !buffer.load(Geometry.point(x: 1, y: 2)))
        #expect(buffer.rings.isEmpty && buffer.xy.isEmpty && buffer.vertexCount == 0)
        #expect(try !buffer.load(Geometry(wkt: "LINESTRING(0 0, 1 1)")))
    }
}
