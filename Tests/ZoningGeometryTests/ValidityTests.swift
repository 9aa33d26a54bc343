import Testing
import ZoningGeometry

@Suite struct ValidityTests {
    @Test func bowTieIsInvalidWithReasonAndLocation() throws {
        let bowTie = try Geometry(wkt: Fixture.bowTie)
        #expect(!bowTie.isValid)
        #expect(try bowTie.invalidityReason == "Self-intersection at (5, 5)")
    }

    @Test func validHasNoReason() throws {
        let square = try Geometry(wkt: Fixture.square)
        #expect(square.isValid)
        #expect(try square.invalidityReason == nil)
    }

    @Test func makeValidSplitsBowTieIntoTwoTriangles() throws {
        let fixed = try Geometry(wkt: Fixture.bowTie).makeValid()
        #expect(fixed.isValid)
        #expect(fixed.type == .multiPolygon)
        // Two triangles with base 10 and height 5: 2 × 25.
        #expect(fixed.area == 50)
    }
}
