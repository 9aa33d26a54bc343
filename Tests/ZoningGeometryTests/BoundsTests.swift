import Testing
import ZoningGeometry

@Suite struct BoundsTests {
    @Test func sizeAndUnion() {
        let a = Bounds(minX: 0, minY: 0, maxX: 4, maxY: 3)
        let b = Bounds(minX: -1, minY: 2, maxX: 2, maxY: 5)
        #expect(a.width == 4 && a.height == 3)
        #expect(a.union(b) == Bounds(minX: -1, minY: 0, maxX: 4, maxY: 5))
        #expect(a.description == "0.0, 0.0, 4.0, 3.0")
    }

    @Test func rectangleRoundTripsBounds() throws {
        let box = Bounds(minX: 40_495_000, minY: 4_015_000, maxX: 40_505_000, maxY: 4_025_000)
        let rectangle = try Geometry.rectangle(box)
        #expect(rectangle.type == .polygon)
        #expect(rectangle.area == 10_000 * 10_000)
        #expect(rectangle.bounds == box)
    }
}
