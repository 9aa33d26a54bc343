import Testing
import ZoningGeometry

@Suite struct PredicatesTests {
    let square = try! Geometry(wkt: Fixture.square)
    let inside = Geometry.point(x: 5, y: 5)
    let onEdge = Geometry.point(x: 10, y: 5)
    let outside = Geometry.point(x: 11, y: 5)

    @Test func pointAndPolygon() throws {
        #expect(try square.contains(inside))
        #expect(try !square.contains(onEdge))      // boundary is not interior
        #expect(try square.covers(onEdge))
        #expect(try onEdge.coveredBy(square))
        #expect(try onEdge.touches(square))
        #expect(try inside.within(square))
        #expect(try square.disjoint(outside))
        #expect(try !square.intersects(outside))
        #expect(try square.intersects(onEdge))
    }

    @Test func containsProperlyExcludesTheBoundary() throws {
        let small = try Geometry(wkt: "POLYGON((1 1, 2 1, 2 2, 1 2, 1 1))")
        let touchingInside = try Geometry(wkt: "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))")
        #expect(try square.containsProperly(small))
        #expect(try square.contains(touchingInside))
        #expect(try !square.containsProperly(touchingInside))
    }

    @Test func polygonPairs() throws {
        let shifted = try Geometry(wkt: Fixture.shiftedSquare)
        let neighbour = try Geometry(wkt: Fixture.neighbourSquare)
        #expect(try square.overlaps(shifted))
        #expect(try !square.overlaps(neighbour))
        #expect(try square.touches(neighbour))
        #expect(try !square.touches(shifted))
    }

    @Test func lineCrossesPolygon() throws {
        let road = try Geometry(wkt: "LINESTRING(-5 5, 15 5)")
        #expect(try road.crosses(square))
        #expect(try !road.within(square))
    }

    @Test func equalityTopologicalAndStructural() throws {
        let rotatedStart = try Geometry(wkt: "POLYGON((10 0, 10 10, 0 10, 0 0, 10 0))")
        #expect(try square.equals(rotatedStart))
        #expect(try !square.equalsExact(rotatedStart))
        let nudged = try Geometry(wkt: "POLYGON((0 0, 10.0004 0, 10 10, 0 10, 0 0))")
        #expect(try !square.equalsExact(nudged))
        #expect(try square.equalsExact(nudged, tolerance: 0.001))
        #expect(throws: GEOSError.self) { try square.equalsExact(nudged, tolerance: -1) }
    }

    @Test func withinDistanceIsInclusive() throws {
        // Distance from the square to (13, 5) is exactly 3.
        let p = Geometry.point(x: 13, y: 5)
        #expect(try square.isWithinDistance(3, of: p))
        #expect(try !square.isWithinDistance(2.999, of: p))
        #expect(throws: GEOSError.self) { try square.isWithinDistance(-1, of: p) }
    }

    /// A predicate GEOS cannot evaluate throws with GEOS's own message (overlapping polygons in
    /// one collection are invalid input to GEOS 3.11's relate), and the next predicate on the
    /// thread is unaffected.
    @Test func failedPredicatesCarryTheGEOSMessage() throws {
        let overlapping = try Geometry(wkt: "GEOMETRYCOLLECTION(POLYGON((1 1, 2 1, 2 2, 1 2, 1 1)), POLYGON((1.5 1.5, 3 1.5, 3 3, 1.5 3, 1.5 1.5)))")
        #expect {
            _ = try square.touches(overlapping)
        } throws: { error in
            guard case let .operationFailed(operation, message) = error as? GEOSError else { return false }
            return operation == "touches" && message.contains("TopologyException")
        }
        #expect(try square.contains(Geometry.point(x: 5, y: 5)))
    }
}
