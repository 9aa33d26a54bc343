import Foundation
import Testing
import ZoningShapefile
import ZoningTestSupport

@Suite struct ShapefileShapeWriterTests {
    /// Shapes written and read back are identical, for plain, Z and null records.
    @Test func writtenShapesReadBackIdentically() throws {
        let folder = try TemporaryFolder()
        // Outer ring clockwise, hole counter-clockwise, as the format requires.
        let holed = Shape(
            type: .polygon, partStarts: [0, 5], partTypes: [5, 5],
            x: [0, 0, 10, 10, 0, 4, 6, 6, 4, 4], y: [0, 10, 10, 0, 0, 4, 4, 6, 6, 4])
        let writer = try ShapefileShapeWriter(shpPath: folder.file("layer.v2.shp"), type: .polygon)
        try writer.write(holed)
        try writer.write(.null)
        try writer.close()
        #expect(folder.contents == ["layer.v2.shp", "layer.v2.shx"])  // the dotted name survives

        let read = try ShapefileDataset(path: folder.file("layer.v2.shp"))
        #expect(read.recordCount == 2 && read.shapeType == .polygon)
        #expect(read.bounds?.maxX == 10)
        #expect(try read.shape(at: 0) == holed)
        #expect(try read.shape(at: 1).type == .null)
        #expect(throws: ShapefileError.self) { try read.shape(at: 2) }
    }

    @Test func zValuesSurvive() throws {
        let folder = try TemporaryFolder()
        let line = Shape(type: .polyLineZ, partStarts: [0], partTypes: [5], x: [0, 1, 2], y: [0, 1, 0], z: [10, 20, 30])
        let writer = try ShapefileShapeWriter(shpPath: folder.file("z.shp"), type: .polyLineZ)
        try writer.write(line)
        try writer.close()
        let read = try ShapefileDataset(path: folder.file("z.shp"))
        #expect(try read.shape(at: 0).z == [10, 20, 30])
        #expect(read.zRange == 10...30)
    }

    @Test func refusesWrongTypesAndNames() throws {
        let folder = try TemporaryFolder()
        #expect(throws: ShapefileError.self) { try ShapefileShapeWriter(shpPath: folder.file("noext"), type: .point) }
        let writer = try ShapefileShapeWriter(shpPath: folder.file("p.shp"), type: .point)
        #expect(throws: ShapefileError.self) { try writer.write(Shape(type: .polyLine, partStarts: [0], x: [0, 1], y: [0, 1])) }
        #expect(throws: ShapefileError.self) {
            try ShapefileShapeWriter(shpPath: folder.file("missing/p.shp"), type: .point)
        }
    }

    /// Real shapes from a third-party file: the North Carolina counties read without error and
    /// their vertices stay inside the header's extent.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func readsRealShapes() throws {
        let nc = try ShapefileDataset(path: SharedData.path("shapefiles/sf/nc.shp"))
        let bounds = try #require(nc.bounds)
        var vertices = 0
        for index in 0..<nc.recordCount {
            let shape = try nc.shape(at: index)
            #expect(shape.type == .polygon && !shape.partStarts.isEmpty)
            #expect(shape.x.allSatisfy { $0 >= bounds.minX && $0 <= bounds.maxX })
            vertices += shape.x.count
        }
        #expect(vertices > 1000)
    }
}
