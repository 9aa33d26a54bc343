import Testing
import ZoningGeometry

@Suite struct CoordinateTests {
    let ring = [(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0), (0.0, 0.0)].map { Coordinate(x: $0.0, y: $0.1) }

    @Test func buildsPolygonFromRings() throws {
        let hole = [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0), (1.0, 1.0)].map { Coordinate(x: $0.0, y: $0.1) }
        let polygon = try Geometry.polygon(shell: ring, holes: [hole])
        #expect(polygon.area == 12 - 1)
        #expect(try polygon.exteriorRing.coordinates == ring)
        #expect(polygon.numberOfPoints == 10)
    }

    @Test func refusesUnclosedRing() {
        #expect(throws: GEOSError.self) { try Geometry.polygon(shell: Array(ring.dropLast())) }
    }

    @Test func buildsLinesAndCollections() throws {
        let line = try Geometry.lineString(Array(ring.prefix(3)))
        #expect(line.length == 4 + 3)
        let multi = try Geometry.collection(.multiPoint, [Geometry.point(x: 0, y: 0), Geometry.point(x: 3, y: 4)])
        #expect(multi.type == .multiPoint)
        #expect(multi.numberOfParts == 2)
    }

    @Test func refusesWrongCollectionMembers() throws {
        #expect(throws: GEOSError.self) {
            try Geometry.collection(.multiPolygon, [Geometry.point(x: 0, y: 0)])
        }
        #expect(throws: GEOSError.self) { try Geometry.collection(.polygon, []) }
    }

    @Test func coordinatesOfPolygonAreRefused() throws {
        #expect(throws: GEOSError.self) { try Geometry(wkt: Fixture.square).coordinates }
    }
}
