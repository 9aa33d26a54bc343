import Testing
import ZoningGeometry

@Suite struct GeometryTests {
    @Test(arguments: [
        ("POINT(1 2)", GeometryType.point, 1, 1),
        ("LINESTRING(0 0, 1 1, 2 0)", .lineString, 3, 1),
        ("LINEARRING(0 0, 1 0, 1 1, 0 0)", .linearRing, 4, 1),
        (Fixture.squareWithHole, .polygon, 10, 1),
        ("MULTIPOINT((0 0), (1 1), (2 2))", .multiPoint, 3, 3),
        ("MULTILINESTRING((0 0, 1 1), (2 2, 3 3))", .multiLineString, 4, 2),
        ("GEOMETRYCOLLECTION(POINT(0 0), LINESTRING(0 0, 1 1))", .geometryCollection, 3, 2),
    ])
    func typeAndCounts(wkt: String, type: GeometryType, points: Int, parts: Int) throws {
        let geometry = try Geometry(wkt: wkt)
        #expect(geometry.type == type)
        #expect(geometry.numberOfPoints == points)
        #expect(geometry.numberOfParts == parts)
        #expect(!geometry.isEmpty)
    }

    @Test func typeNamesAndDimensions() {
        #expect(GeometryType.multiPolygon.description == "MultiPolygon")
        #expect(GeometryType.polygon.dimension == 2)
        #expect(GeometryType.multiLineString.dimension == 1)
        #expect(GeometryType.point.dimension == 0)
        #expect(GeometryType.geometryCollection.dimension == nil)
    }

    @Test func emptyGeometries() throws {
        for wkt in ["POINT EMPTY", "POLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY"] {
            let empty = try Geometry(wkt: wkt)
            #expect(empty.isEmpty)
            #expect(empty.numberOfPoints == 0)
            #expect(empty.area == 0)
        }
    }
}
