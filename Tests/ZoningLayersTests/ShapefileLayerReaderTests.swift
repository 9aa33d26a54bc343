import Foundation
import Testing
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

@Suite struct ShapefileLayerReaderTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    /// The starter sample: four 5 km squares (25 km² each) with UTF-8 Chinese names.
    @Test func readsTheSampleTownships() throws {
        let layer = try ShapefileLayerReader(path: Self.sample)
        #expect(layer.name == "townships" && layer.count == 4)
        #expect(layer.crs?.epsg == 4528)
        #expect(layer.encoding.encoding == .utf8 && layer.encoding.source == .codePageFile("UTF-8"))
        #expect(layer.schema.names == ["XZQDM", "XZQMC", "KIND"])
        #expect(layer.schema.fields.map(\.type) == [.string, .string, .string])
        var names: [String] = [], areas: [Double] = []
        try layer.forEach { feature in
            names.append(feature.attributes[layer.schema.index(of: "xzqmc")!].stringValue ?? "")
            areas.append(feature.geometry?.area ?? 0)
        }
        #expect(names == ["城关街道", "东湖镇", "西山乡", "经济开发区"])
        #expect(areas == [25e6, 25e6, 25e6, 25e6])
    }

    @Test func overridesWin() throws {
        let layer = try ShapefileLayerReader(
            path: Self.sample, encoding: .latin1, crsOverride: CoordinateReferenceSystem("EPSG:4549"))
        #expect(layer.crs?.epsg == 4549 && layer.encoding.source == .option)
    }

    @Test func badRecordIsNamed() throws {
        let folder = try TemporaryFolder()
        let writer = try ShapefileShapeWriter(shpPath: folder.file("bad.shp"), type: .polygon)
        try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 0, 1, 1, 0], y: [0, 1, 1, 0, 0]))
        try writer.write(Shape(type: .polygon, partStarts: [0], partTypes: [5], x: [0, 0, 1, 1], y: [0, 1, 1, 0]))  // not closed
        try writer.close()
        let layer = try ShapefileLayerReader(path: folder.file("bad.shp"))
        #expect(try layer.feature(at: 0).geometry?.area == 1)
        #expect {
            try layer.feature(at: 1)
        } throws: { error in
            guard case .badRecord(_, let record, let problem) = error as? LayerError else { return false }
            return record == 1 && problem.contains("not closed")
        }
    }

    @Test func unreadablePrjIsAnError() throws {
        let folder = try TemporaryFolder()
        for ext in ["shp", "shx", "dbf"] {
            try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships.\(ext)", toPath: folder.file("t.\(ext)"))
        }
        try Data("GEOGCS[nonsense".utf8).write(to: URL(fileURLWithPath: folder.file("t.prj")))
        #expect(throws: ProjectionError.self) { try ShapefileLayerReader(path: folder.file("t.shp")) }
        #expect(try ShapefileLayerReader(path: folder.file("t.shp"), crsOverride: CoordinateReferenceSystem("EPSG:4528")).count == 4)
    }

    /// A .dbf whose header claims more records than the file holds (truncated, or a damaged
    /// count) is refused by name, rather than read as millions of empty records.
    @Test func truncatedDBFIsRefused() throws {
        let folder = try TemporaryFolder()
        for sidecar in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships." + sidecar, toPath: folder.file("t." + sidecar))
        }
        var dbf = try Data(contentsOf: URL(fileURLWithPath: folder.file("t.dbf")))
        let recordLength = Int(dbf[10]) | Int(dbf[11]) << 8
        dbf.removeLast(recordLength + 1)  // the last record and the end-of-file mark
        try dbf.write(to: URL(fileURLWithPath: folder.file("t.dbf")))
        #expect { try ShapefileLayerReader(path: folder.file("t.shp")) } throws: { "\($0)".contains("claims 4 records") && "\($0)".contains("holds 3") }
    }

    /// An index that does not match the table (a truncated .shx, or one of another file) stops
    /// reading instead of silently dropping the records beyond it.
    @Test func indexAndTableMustAgree() throws {
        let folder = try TemporaryFolder()
        for sidecar in ["shp", "shx", "prj"] {
            try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships." + sidecar, toPath: folder.file("t." + sidecar))
        }
        // A table of 9 records (the sample's seats) beside an index of 4.
        try FileManager.default.copyItem(atPath: checkoutRoot + "/Shapefiles/seats.dbf", toPath: folder.file("t.dbf"))
        #expect { try ShapefileLayerReader(path: folder.file("t.shp")) } throws: { "\($0)".contains("lists 4 records but the .dbf holds 9") }
        #expect(try ShapefileDataset(path: folder.file("t.shp")).dbfRecordCount == 9)  // info still opens it, and shows the mismatch
    }
}

/// `forEach` decodes batches on several threads; what it hands over is what reading one
/// record at a time gives, in file order.
@Suite struct ShapefileParallelReadingTests {
    static let parcels = checkoutRoot + "/Shapefiles/DLTB.shp"

    @Test func batchesGiveTheRecordsOneByOneReadingGives() throws {
        let reader = try ShapefileLayerReader(path: Self.parcels)
        #expect(reader.count > 2 * 2048 * 2)  // several batches on two threads
        let single = try ShapefileLayerReader(path: Self.parcels)
        var next = 0
        try reader.forEach { feature in
            let alone = try single.feature(at: next)
            #expect(feature.id == next)
            #expect(feature.attributes == alone.attributes)
            #expect(try feature.geometry?.wkb() == alone.geometry?.wkb())
            next += 1
        }
        #expect(next == reader.count)
    }

    /// A failure in the body stops the reading there, as it did one record at a time.
    @Test func aThrowingBodyStopsAtItsRecord() throws {
        struct Stop: Error {}
        let reader = try ShapefileLayerReader(path: Self.parcels)
        var seen: [Int] = []
        #expect(throws: Stop.self) {
            try reader.forEach { feature in
                seen.append(feature.id)
                if feature.id == 5000 { throw Stop() }
            }
        }
        #expect(seen == Array(0...5000))
    }
}
