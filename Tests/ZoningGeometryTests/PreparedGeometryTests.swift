import Testing
import ZoningGeometry

@Suite struct PreparedGeometryTests {
    /// Every prepared predicate agrees with the plain one on a grid of probe geometries.
    @Test func agreesWithPlainPredicates() throws {
        let township = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 5 6, 0 10, 0 0))")
        let prepared = try PreparedGeometry(township)
        let predicates: [SpatialPredicate] = [
            .intersects, .contains, .containsProperly, .within, .covers, .coveredBy,
            .touches, .crosses, .overlaps, .withinDistance(1.5),
        ]
        var probes: [Geometry] = []
        for x in stride(from: -2.0, through: 12, by: 2.5) {
            for y in stride(from: -2.0, through: 12, by: 2.5) {
                probes.append(Geometry.point(x: x, y: y))
                probes.append(try Geometry.point(x: x, y: y).buffer(2, style: BufferStyle(quadrantSegments: 2)))
                probes.append(try Geometry(wkt: "LINESTRING(\(x) \(y), \(x + 3) \(y + 1))"))
            }
        }
        for probe in probes {
            for predicate in predicates {
                #expect(try prepared.evaluate(predicate, probe) == plain(predicate, township, probe))
            }
        }
        #expect(try prepared.disjoint(Geometry.point(x: 50, y: 50)))
    }

    private func plain(_ predicate: SpatialPredicate, _ a: Geometry, _ b: Geometry) throws -> Bool {
        switch predicate {
        case .intersects: try a.intersects(b)
        case .contains: try a.contains(b)
        case .containsProperly: try a.containsProperly(b)
        case .within: try a.within(b)
        case .covers: try a.covers(b)
        case .coveredBy: try a.coveredBy(b)
        case .touches: try a.touches(b)
        case .crosses: try a.crosses(b)
        case .overlaps: try a.overlaps(b)
        case .withinDistance(let d): try a.isWithinDistance(d, of: b)
        }
    }
}
