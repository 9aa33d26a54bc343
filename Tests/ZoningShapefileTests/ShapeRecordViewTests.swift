import Foundation
import Testing
import ZoningShapefile
import ZoningTestSupport

/// The in-place view of a record (`ShapeRecords`) against shapelib's reading of the same record (the second
/// method): the same parts and vertices wherever a view is given, and no view for a record
/// whose counts or part starts do not add up.
@Suite struct ShapeRecordViewTests {
    /// The parts and vertices of `index` as the view sees them, or nil without a view.
    func viewed(_ dataset: ShapefileDataset, _ index: Int) -> Shape? {
        viewed(ShapeRecords(dataset), index)
    }

    func viewed(_ records: ShapeRecords?, _ index: Int) -> Shape? {
        records?.withView(at: index) { view in
            Shape(
                type: view.type, partStarts: (0..<view.partCount).map { Int32(view.partStart($0)) },
                partTypes: (0..<view.partCount).map { _ in 5 },
                x: (0..<view.pointCount).map(view.x), y: (0..<view.pointCount).map(view.y))
        }
    }

    /// Every record of `path` has a view equal to shapelib's shape (part types aside, which
    /// only MultiPatch uses).
    func everyRecordAgrees(_ path: String) throws -> Int {
        let dataset = try ShapefileDataset(path: path), records = ShapeRecords(dataset)
        var viewedCount = 0
        for index in 0..<dataset.recordCount {
            let general = try dataset.shape(at: index)
            guard let view = viewed(records, index) else { continue }
            viewedCount += 1
            #expect(view.type == general.type && view.partStarts == general.partStarts, "record \(index)")
            #expect(view.x == general.x && view.y == general.y, "record \(index)")
        }
        return viewedCount
    }

    @Test func theSampleParcelsAreAllViewedAsShapelibReadsThem() throws {
        let path = checkoutRoot + "/Shapefiles/DLTB.shp"
        #expect(try everyRecordAgrees(path) == ShapefileDataset(path: path).recordCount)
    }

    /// Real files from other writers: nc.shp (multi-part counties), pyshp's merge.shp (6 630
    /// records), Natural Earth (islands, holes). Every record is a plain polygon, so every one
    /// gets a view.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason), arguments: [
        ("shapefiles/sf/nc.shp", 100), ("shapefiles/pyshp/merge.shp", 6630), ("shapefiles/naturalearth/naturalearth_lowres.shp", 177),
    ])
    func realFilesAgree(path: String, count: Int) throws {
        #expect(try everyRecordAgrees(SharedData.path(path)) == count)
    }

    /// Records whose pages were released read the same afterwards: the pages come back from
    /// the file (the sample's 20 000 parcels released in batches, then every one viewed again
    /// and compared with shapelib's reading).
    @Test func releasedRecordsReadTheSame() throws {
        let dataset = try ShapefileDataset(path: checkoutRoot + "/Shapefiles/DLTB.shp")
        let records = try #require(ShapeRecords(dataset))
        for start in stride(from: 0, to: dataset.recordCount, by: 1000) {
            _ = records.withView(at: start) { $0.pointCount }
            records.release(start..<min(start + 1000, dataset.recordCount))
        }
        records.release(0..<dataset.recordCount)
        for index in 0..<dataset.recordCount {
            let shape = try dataset.shape(at: index)
            #expect(viewed(records, index)?.x == shape.x && viewed(records, index)?.y == shape.y, "record \(index)")
        }
    }

    /// Z types, points and null records are left to shapelib.
    @Test func otherTypesGetNoView() throws {
        let folder = try TemporaryFolder()
        let writer = try ShapefileShapeWriter(shpPath: folder.file("z.shp"), type: .polygonZ)
        try writer.write(Shape(type: .polygonZ, partStarts: [0], partTypes: [5], x: [0, 0, 1, 1, 0], y: [0, 1, 1, 0, 0]))
        try writer.close()
        let dataset = try ShapefileDataset(path: folder.file("z.shp"))
        #expect(try dataset.shape(at: 0).x.count == 5)
        #expect(viewed(dataset, 0) == nil)
        #expect(viewed(dataset, 1) == nil)  // no such record
    }

    /// A unit square written twice; the second record's bytes are then damaged at
    /// `byteOffset` (its content starts at 244: type, box, parts at 280, points at 284, the
    /// part start at 288).
    @Test(arguments: [
        (280, Int32(0)),   // no parts
        (280, Int32(2)),   // two parts: the counts no longer fill the record
        (284, Int32(6)),   // six vertices in a record of five
        (284, Int32(-1)),  // a negative count
        (288, Int32(1)),   // the first part starts at vertex 1
        (288, Int32(9)),   // … or beyond the vertices
    ])
    func damagedCountsGetNoView(byteOffset: Int, value: Int32) throws {
        let folder = try TemporaryFolder()
        let writer = try ShapefileShapeWriter(shpPath: folder.file("d.shp"), type: .polygon)
        for _ in 0..<2 {
            try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 0, 1, 1, 0], y: [0, 1, 1, 0, 0]))
        }
        try writer.close()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: folder.file("d.shp")))
        #expect(bytes.count == 100 + 2 * (8 + 128))
        withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(byteOffset..<byteOffset + 4, with: $0) }
        try bytes.write(to: URL(fileURLWithPath: folder.file("d.shp")))
        let dataset = try ShapefileDataset(path: folder.file("d.shp"))
        #expect(viewed(dataset, 0)?.x == [0, 0, 1, 1, 0])
        #expect(viewed(dataset, 1) == nil)
    }
}
