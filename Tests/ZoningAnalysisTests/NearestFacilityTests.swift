import Testing
@testable import ZoningAnalysis
import ZoningGeometry

@Suite struct NearestFacilityTests {
    /// On 1 100 random parcels and 40 random facilities, the search gives GEOS's nearest
    /// distance to the last bit, and every parcel it calls inside lies in the service area's
    /// interior (GEOS's `containsProperly`); most parcels near a facility are called inside.
    @Test func agreesWithGEOSOnRandomParcels() throws {
        var shapes = RandomShapes(seed: 5)
        let parcels = try shapes.grid(columns: 15, rows: 15, cell: 40) + shapes.stars(950, side: 3000)
        let facilities = try (0..<40).map { _ in try Geometry.point(x: 40_500_000 + shapes.next() * 3000, y: 4_000_000 + shapes.next() * 3000) }
        let outlines = try ShapeOutlines(parcels)
        for radius in [120.0, 500] {
            let near = try #require(try NearestFacility(facilities, radius: radius))
            let area = try PreparedGeometry(Geometry.unionAll(facilities.map { try $0.buffer(radius) }))
            var inside = 0, within = 0
            for (k, parcel) in parcels.enumerated() {
                let found = try #require(try near.search(parcel, k, outlines))
                #expect(found.distance == (try near.index.nearest(to: parcel)?.distance), "parcel \(k)")
                if found.inside {
                    inside += 1
                    #expect(try area.containsProperly(parcel), "parcel \(k)")
                }
                if try area.containsProperly(parcel) { within += 1 }
                if found.distance > radius { #expect(try !area.intersects(parcel)) }
            }
            #expect(inside > within * 3 / 4 && within > 20, "radius \(radius): \(inside) of \(within)")
        }
        #expect(try NearestFacility([], radius: 100) == nil)
    }

    /// By hand: a 10 m square 300 m east of a school (radius 500). Distance 300; inside the
    /// inscribed circle (radius 500·cos(π/32) = 497.59 m) since its far corner is √(310² + 10²)
    /// = 310.2 m away. A second square 492–502 m out is not inside: its far corner lies beyond.
    @Test func handCase() throws {
        let school = Geometry.point(x: 0, y: 0)
        let squares = try [300.0, 492].map { x in try Geometry(wkt: "POLYGON((\(x) 0, \(x + 10) 0, \(x + 10) 10, \(x) 10, \(x) 0))") }
        let outlines = try ShapeOutlines(squares)
        let near = try #require(try NearestFacility([school], radius: 500))
        let first = try #require(try near.search(squares[0], 0, outlines))
        #expect(first.distance == 300 && first.inside)
        let second = try #require(try near.search(squares[1], 1, outlines))
        #expect(second.distance == 492 && !second.inside)
    }
}
