import Testing
import ZoningGeometry

@Suite struct GeoJSONTests {
    @Test func readsGeometryObjects() throws {
        let polygon = try Geometry(geoJSON: """
            {"type":"Polygon","coordinates":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}
            """)
        #expect(polygon.area == 100)
        let feature = try Geometry(geoJSON: """
            {"type":"Feature","properties":{"name":"x"},"geometry":{"type":"Point","coordinates":[117,36]}}
            """)
        #expect(try feature.coordinates == [Coordinate(x: 117, y: 36)])
    }

    @Test func writesPolygonsCounterClockwiseWithClockwiseHoles() throws {
        // Input shell is counter-clockwise and the hole counter-clockwise too; RFC 7946 wants
        // the hole clockwise. Signed (shoelace) area tells the orientation of each ring.
        let input = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))")
        let written = try Geometry(geoJSON: input.geoJSON())
        #expect(try signedArea(written.exteriorRing.coordinates) > 0)       // counter-clockwise
        #expect(try signedArea(written.interiorRings[0].coordinates) < 0)   // clockwise
        #expect(try written.equals(input))
    }

    @Test func linesKeepTheirDirection() throws {
        let line = try Geometry(wkt: "LINESTRING(0 0, 5 0, 5 5)")
        #expect(try Geometry(geoJSON: line.geoJSON()).equalsExact(line))
    }

    @Test func malformedThrows() {
        #expect(throws: GEOSError.self) { try Geometry(geoJSON: "{\"type\":\"Polygon\"}") }
        #expect(throws: GEOSError.self) { try Geometry(geoJSON: "[1,2") }
    }

    /// An empty position crashed GEOS 3.11's reader (it reads two numbers past the end of the
    /// array; found by the GeoJSON fuzzer): every geometry type whose coordinates nest
    /// positions is refused by name instead. Empty geometries and empty arrays in strings or
    /// properties are read as before.
    @Test func emptyPositionsAreRefusedBeforeGEOS() throws {
        let refused = [
            #"{"type":"LineString","coordinates":[[0,0],[]]}"#,
            #"{"type":"Polygon","coordinates":[[[0,0],[ ],[1,1],[0,0]]]}"#,
            #"{"type":"Polygon","coordinates":[[]]}"#,
            #"{"type":"MultiPoint","coordinates":[[]]}"#,
            #"{"type":"MultiLineString","coordinates":[[[1,2],[]]]}"#,
            #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]],[[]]]]}"#,
            #"{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[1,2],[\#n\#t]]}]}"#,
        ]
        for text in refused {
            #expect(throws: GEOSError.self, "\(text)") { try Geometry(geoJSON: text) }
            #expect { try Geometry(geoJSON: text) } throws: { "\($0)".contains("an empty position or ring") }
        }
        #expect(try Geometry(geoJSON: #"{"type":"LineString","coordinates":[]}"#).isEmpty)
        #expect(try Geometry(geoJSON: #"{"type":"Point","coordinates":[]}"#).isEmpty)
        #expect(try Geometry(geoJSON: #"{"type":"GeometryCollection","geometries":[]}"#).isEmpty)
        let feature = try Geometry(geoJSON: #"{"type":"Feature","properties":{"note":"[[]]","tags":{"a":[]}},"geometry":{"type":"LineString","coordinates":[[0,0],[3,4]]}}"#)
        #expect(feature.length == 5)
    }

    /// Shoelace formula: positive for counter-clockwise rings.
    private func signedArea(_ ring: [Coordinate]) -> Double {
        zip(ring, ring.dropFirst()).reduce(0) { $0 + ($1.0.x * $1.1.y - $1.1.x * $1.0.y) } / 2
    }
}
