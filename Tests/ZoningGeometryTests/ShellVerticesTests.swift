import Testing
import ZoningGeometry

@Suite struct ShellVerticesTests {
    /// A polygon gives its exterior ring only (closing vertex included); holes are left out.
    @Test func polygonShellWithoutHoles() throws {
        var xy: [Double] = [-1, -1]  // appended after what is there
        let count = try Fixture.geometry(Fixture.squareWithHole).appendShellVertices(to: &xy)
        #expect(count == 5)
        #expect(xy == [-1, -1, 0, 0, 10, 0, 10, 10, 0, 10, 0, 0])
    }

    /// Multi-polygons give every part's shell; points and lines their vertices; empty nothing.
    @Test func partsPointsLinesAndEmpty() throws {
        var xy: [Double] = []
        #expect(try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))").appendShellVertices(to: &xy) == 8)
        #expect(xy[8] == 5 && xy[9] == 5)  // the second part starts after the first's 4 vertices
        xy = []
        #expect(try Geometry.point(x: 3, y: 4).appendShellVertices(to: &xy) == 1 && xy == [3, 4])
        xy = []
        #expect(try Geometry(wkt: "LINESTRING(0 0, 2 0, 2 2)").appendShellVertices(to: &xy) == 3 && xy == [0, 0, 2, 0, 2, 2])
        xy = []
        #expect(try Geometry(wkt: "POLYGON EMPTY").appendShellVertices(to: &xy) == 0 && xy.isEmpty)
        #expect(try Geometry(wkt: "MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), EMPTY)").appendShellVertices(to: &xy) == 4)
    }
}
