import Testing
import ZoningGeometry

@Suite struct NodingTests {
    /// Two crossing lines become four pieces meeting at the crossing, which neither had as a vertex.
    @Test func crossingLinesAreSplitAtTheCrossing() throws {
        let pieces = try Geometry(wkt: "MULTILINESTRING((0 0, 10 0), (5 -5, 5 5))").noded()
        let parts = try pieces.parts
        #expect(parts.count == 4)
        #expect(parts.allSatisfy { abs($0.length - 5) < 1e-12 })
        let ends = try parts.flatMap { try [$0.coordinates.first!, $0.coordinates.last!] }
        #expect(ends.filter { $0.x == 5 && $0.y == 0 }.count == 4)
    }

    /// Lines that do not meet stay whole.
    @Test func separateLinesStayWhole() throws {
        #expect(try Geometry(wkt: "MULTILINESTRING((0 0, 10 0), (0 5, 10 5))").noded().parts.count == 2)
    }
}

