import Testing
import ZoningLayers
import ZoningShapefile
import ZoningTestSupport

@Suite struct ValiditySummaryTests {
    @Test func countsEachKindWithTheFirstReason() throws {
        let folder = try TemporaryFolder()
        let writer = try ShapefileShapeWriter(shpPath: folder.file("mixed.shp"), type: .polygon)
        try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 0, 10, 10, 0], y: [0, 10, 10, 0, 0]))
        // A bow-tie: self-intersecting at (5, 5).
        try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 10, 10, 0, 0], y: [0, 10, 0, 10, 0]))
        try writer.write(.null)
        try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 1, 1], y: [0, 0, 1]))  // 3 vertices
        try writer.close()
        let summary = try ValiditySummary(ShapefileDataset(path: folder.file("mixed.shp")))
        #expect(summary.valid == 1 && summary.invalid == 1 && summary.empty == 1 && summary.unbuildable == 1)
        #expect(summary.firstInvalid == "record 1: Self-intersection at (5, 5)")
        #expect(summary.firstUnbuildable?.hasPrefix("record 3: a ring has 3 vertices") == true)
    }
}
