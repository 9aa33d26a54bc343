import Testing
import ZoningGeometry

/// Expected matrices follow from the DE-9IM definition (rows: interior, boundary, exterior of
/// A; columns: the same of B), worked out for each figure by hand.
@Suite struct RelateTests {
    @Test(arguments: [
        // Squares overlapping diagonally: interiors meet in an area; boundaries cross at two
        // points, (10, 5) and (5, 10).
        (Fixture.square, "POLYGON((5 5, 15 5, 15 15, 5 15, 5 5))", "212101212"),
        // Squares overlapping side by side: the bottom and top edges run together over
        // x ∈ [5, 10], so boundary ∩ boundary is a line (1), not points.
        (Fixture.square, Fixture.shiftedSquare, "212111212"),
        // Squares sharing the edge x = 10: only boundaries meet, along a line.
        (Fixture.square, Fixture.neighbourSquare, "FF2F11212"),
        // A point inside a polygon, and the polygon against the point (the transpose).
        ("POINT(5 5)", Fixture.square, "0FFFFF212"),
        (Fixture.square, "POINT(5 5)", "0F2FF1FF2"),
        // A line crossing the polygon from outside to outside.
        ("LINESTRING(-5 5, 15 5)", Fixture.square, "101FF0212"),
        // Identical polygons.
        (Fixture.square, Fixture.square, "2FFF1FFF2"),
    ])
    func matrix(a: String, b: String, expected: String) throws {
        #expect(try Geometry(wkt: a).relate(Geometry(wkt: b)) == expected)
    }

    @Test func patterns() throws {
        let a = try Geometry(wkt: Fixture.square), b = try Geometry(wkt: Fixture.shiftedSquare)
        #expect(try a.relate(b, pattern: "T*T***T**"))   // overlaps
        #expect(try !a.relate(b, pattern: "FF*FF****"))  // disjoint
        #expect(throws: GEOSError.self) { try a.relate(b, pattern: "T*T") }
        #expect(throws: GEOSError.self) { try a.relate(b, pattern: "T*T***T*X") }
    }
}
