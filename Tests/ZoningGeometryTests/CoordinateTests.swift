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

    /// The interleaved-buffer constructors build what the coordinate-array ones build: the
    /// 3-4-5 triangle's lengths and the 4 × 3 rectangle's area by hand, the WKB byte for byte.
    @Test func buildsFromInterleavedBuffers() throws {
        let xy = ring.flatMap { [$0.x, $0.y] }
        let polygon = try xy.withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0) }
        #expect(polygon.area == 12 && polygon.type == .polygon)
        #expect(try polygon.wkb() == Geometry.polygon(shell: ring).wkb())
        let line = try [0.0, 0, 3, 4, 3, 0].withUnsafeBufferPointer { try Geometry.lineString(xy: $0) }
        #expect(line.length == 5 + 4)
        #expect(try line.coordinates == [Coordinate(x: 0, y: 0), Coordinate(x: 3, y: 4), Coordinate(x: 3, y: 0)])
        // An unclosed ring and an odd count are refused as the array constructors refuse them.
        #expect(throws: GEOSError.self) { try Array(xy.dropLast(2)).withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0) } }
        #expect(throws: GEOSError.self) { try [0.0, 0, 3].withUnsafeBufferPointer { try Geometry.lineString(xy: $0) } }
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
