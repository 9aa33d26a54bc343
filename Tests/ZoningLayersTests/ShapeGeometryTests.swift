import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningShapefile
import ZoningTestSupport

@Suite struct ShapeGeometryTests {
    /// Rings as parts of one shape; x and y flattened.
    func polygonShape(_ rings: [[(Double, Double)]]) -> Shape {
        var starts: [Int32] = [], xs: [Double] = [], ys: [Double] = []
        for ring in rings {
            starts.append(Int32(xs.count))
            xs += ring.map(\.0)
            ys += ring.map(\.1)
        }
        return Shape(type: .polygon, partStarts: starts, partTypes: starts.map { _ in 5 }, x: xs, y: ys)
    }

    func square(_ x0: Double, _ y0: Double, _ size: Double, clockwise: Bool = true) -> [(Double, Double)] {
        let ring = [(x0, y0), (x0, y0 + size), (x0 + size, y0 + size), (x0 + size, y0), (x0, y0)]
        return clockwise ? ring : ring.reversed()
    }

    @Test func holeFoundByContainmentWhateverItsOrderAndOrientation() throws {
        // The hole comes first and both rings run the same way: ring order and orientation
        // are both "wrong", containment still decides.
        let shape = polygonShape([square(4, 4, 2), square(0, 0, 10)])
        let geometry = try #require(try ShapeGeometry.make(shape))
        #expect(geometry.type == .polygon)
        #expect(try geometry.interiorRings.count == 1)
        #expect(geometry.area == 100 - 4)
    }

    @Test func islandInAHoleIsAnotherPolygon() throws {
        // A 10×10 square with a 6×6 hole holding a 2×2 island: 100 − 36 + 4 = 68.
        let shape = polygonShape([square(0, 0, 10), square(2, 2, 6, clockwise: false), square(4, 4, 2)])
        let geometry = try #require(try ShapeGeometry.make(shape))
        #expect(geometry.type == .multiPolygon && geometry.numberOfParts == 2)
        #expect(geometry.area == 68)
        #expect(geometry.isValid)
    }

    @Test func separateRingsAreSeparatePolygons() throws {
        let geometry = try #require(try ShapeGeometry.make(polygonShape([square(0, 0, 1), square(5, 5, 2)])))
        #expect(geometry.type == .multiPolygon && geometry.area == 5)
    }

    @Test func pointsAndLines() throws {
        #expect(try ShapeGeometry.make(Shape(type: .point, x: [3], y: [4]))?.wkt() == "POINT (3 4)")
        #expect(try ShapeGeometry.make(Shape(type: .multiPoint, x: [0, 1], y: [0, 1]))?.type == .multiPoint)
        let twoParts = Shape(type: .polyLine, partStarts: [0, 2], x: [0, 3, 10, 10], y: [0, 4, 0, 5])
        let lines = try #require(try ShapeGeometry.make(twoParts))
        #expect(lines.type == .multiLineString && lines.length == 5 + 5)
        #expect(try ShapeGeometry.make(.null) == nil)
    }

    @Test func badShapesAreProblems() {
        #expect(throws: ShapeGeometry.Problem.self) {  // unclosed ring
            try ShapeGeometry.make(Shape(type: .polygon, partStarts: [0], x: [0, 1, 1, 0], y: [0, 0, 1, 1]))
        }
        #expect(throws: ShapeGeometry.Problem.self) {  // one-vertex line
            try ShapeGeometry.make(Shape(type: .polyLine, partStarts: [0], x: [0], y: [0]))
        }
        #expect(throws: ShapeGeometry.Problem.self) {
            try ShapeGeometry.make(Shape(type: .multiPatch, partStarts: [0], x: [0, 1, 1], y: [0, 0, 1]))
        }
    }

    /// Total planar area of real layers equals GDAL's, which assembles rings with its own code
    /// (`ogrinfo -dialect SQLite -sql "SELECT SUM(ST_Area(geometry)) FROM layer"`; plain OGR
    /// SQL's OGR_GEOM_AREA is unusable on pyshp/merge, whose own AREA column it confuses).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason), arguments: [
        ("shapefiles/sf/nc.shp", 100, 12.6278021197795),
        ("shapefiles/china-outline/country.shp", 1, 965.334307025404),
        ("shapefiles/pyshp/merge.shp", 6630, 0.169797314455002),
        ("shapefiles/fiona/coutwildrnp.shp", 67, 1.7057658634003),
        ("shapefiles/naturalearth/naturalearth_lowres.shp", 177, 21496.9909879927),
    ])
    func areasAgreeWithGDAL(path: String, count: Int, gdalArea: Double) throws {
        let layer = try ShapefileLayerReader(path: SharedData.path(path)), dataset = try ShapefileDataset(path: SharedData.path(path))
        #expect(layer.count == count)
        var total = 0.0, vertices = 0, shapeVertices = 0
        try layer.forEach { feature in
            let geometry = try #require(feature.geometry)
            total += geometry.area
            vertices += geometry.numberOfPoints
            shapeVertices += try dataset.shape(at: feature.id).x.count
        }
        #expect(abs(total / gdalArea - 1) < 1e-9)
        #expect(vertices == shapeVertices)  // no vertex lost or added
    }

    /// A NaN or infinite coordinate (a damaged .shp) is refused with the vertex, before GEOS.
    @Test func nonFiniteCoordinatesAreRefused() throws {
        let ring = Shape(type: .polygon, partStarts: [0], x: [0, 10, .nan, 0], y: [0, 0, 10, 0])
        #expect { try ShapeGeometry.make(ring) } throws: { "\($0)".contains("vertex 2 has a coordinate that is not a finite number") }
        #expect { try ShapeGeometry.make(Shape(type: .point, x: [.infinity], y: [1])) } throws: { "\($0)".contains("vertex 0") }
    }

    /// A finite coordinate beyond ±1e15 (on which GEOS's makeValid can spin) is refused too.
    @Test func hugeCoordinatesAreRefused() throws {
        let ring = Shape(type: .polygon, partStarts: [0], x: [0, 10, 5.7e277, 0], y: [0, 0, 10, 0])
        #expect { try ShapeGeometry.make(ring) } throws: { "\($0)".contains("vertex 2 has a coordinate that is beyond ±1e15") }
        #expect(try ShapeGeometry.make(Shape(type: .point, x: [4.05e7], y: [4.0e6])) != nil)
    }
}
