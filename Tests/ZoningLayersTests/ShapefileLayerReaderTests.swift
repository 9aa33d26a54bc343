import Foundation
#if canImport(Glibc)
import Glibc
#endif
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

/// Records flagged deleted in a .dbf (`*` as their first byte) and files that are not regular
/// files (FIFOs, links to devices, links to the file itself).
@Suite struct ShapefileOddFilesTests {
    /// A copy of the fixture townships (or of `layer` from the sample) in a new folder.
    static func copy(_ source: String, to folder: TemporaryFolder, as name: String = "t") throws {
        let base = String(source.dropLast(4))
        for sidecar in ["shp", "shx", "dbf", "prj", "cpg"] where FileManager.default.fileExists(atPath: base + "." + sidecar) {
            try FileManager.default.copyItem(atPath: base + "." + sidecar, toPath: folder.file(name + "." + sidecar))
        }
    }

    /// Writes `*` at the first byte of each record in `records` of a .dbf.
    static func flagDeleted(_ dbf: String, _ records: [Int]) throws {
        var data = try Data(contentsOf: URL(fileURLWithPath: dbf))
        let header = Int(data[8]) | Int(data[9]) << 8, length = Int(data[10]) | Int(data[11]) << 8
        for record in records { data[header + record * length] = UInt8(ascii: "*") }
        try data.write(to: URL(fileURLWithPath: dbf))
    }

    /// The sample's 20 280 parcels (read in parallel batches) with four records flagged
    /// deleted, across batch boundaries: zoning reads the records GDAL reads, by number.
    @Test(.enabled(if: ExternalTool.ogrinfo.isAvailable)) func deletedRecordsAreSkippedAsGDALSkipsThem() throws {
        let folder = try TemporaryFolder()
        try Self.copy(checkoutRoot + "/Shapefiles/DLTB.shp", to: folder, as: "DLTB")
        let deleted = [0, 5, 4096, 20279]  // 4096: where a batch of two threads starts
        try Self.flagDeleted(folder.file("DLTB.dbf"), deleted)
        let layer = try ShapefileLayerReader(path: folder.file("DLTB.shp"), encoding: .gbk)
        var read: [Int] = []
        try layer.forEach { read.append($0.id) }
        #expect(layer.deletedRecords == deleted)
        // GDAL's reading: ogrinfo lists each feature it reads as OGRFeature(DLTB):FID, the record number.
        let listing = try ExternalTool.ogrinfo.run(["-q", "-geom=NO", "-fields=NO", folder.file("DLTB.shp"), "DLTB"])
        let gdal = listing.split(separator: "\n").compactMap { line in
            line.hasPrefix("OGRFeature(DLTB):") ? Int(line.dropFirst("OGRFeature(DLTB):".count)) : nil
        }
        #expect(gdal.count == 20280 - deleted.count)
        #expect(read == gdal)
        // One at a time, a deleted record can still be looked at.
        let dataset = try ShapefileDataset(path: folder.file("DLTB.shp"))
        #expect(try layer.feature(at: 5).id == 5 && dataset.isDeleted(5) && !dataset.isDeleted(6))
    }

    /// Runs `open` on a thread; when it has not returned after 5 seconds it is blocked on a
    /// FIFO, which is recorded and then unblocked (by opening the FIFO for writing and closing it).
    static func returnsAtOnce(fifo: String, _ open: @escaping @Sendable () -> Void) -> Bool {
        let done = DispatchSemaphore(value: 0)
        Thread { open(); done.signal() }.start()
        if done.wait(timeout: .now() + 5) == .success { return true }
        let writer = Glibc.open(fifo, O_WRONLY | O_NONBLOCK)
        if writer >= 0 { close(writer) }
        _ = done.wait(timeout: .now() + 10)
        return false
    }

    /// A FIFO in place of any of a shapefile's files is refused at once, by name, instead of
    /// blocking forever in shapelib's (or Foundation's) read.
    @Test(arguments: ["shp", "shx", "dbf", "prj", "cpg"]) func aFIFOIsRefusedAtOnce(_ sidecar: String) throws {
        let folder = try TemporaryFolder()
        try Self.copy(ShapefileLayerReaderTests.sample, to: folder)
        try FileManager.default.removeItem(atPath: folder.file("t." + sidecar))
        #expect(mkfifo(folder.file("t." + sidecar), 0o644) == 0)
        let path = folder.file("t.shp")
        let outcome = Outcome()
        let returned = Self.returnsAtOnce(fifo: folder.file("t." + sidecar)) {
            do { _ = try ShapefileLayerReader(path: path); outcome.set("opened") } catch { outcome.set("\(error)") }
        }
        #expect(returned, "opening the shapefile blocked on the .\(sidecar) FIFO")
        #expect(outcome.text.contains("t.\(sidecar) cannot be read: it is a FIFO (named pipe), not a regular file"), "\(outcome.text)")
    }

    /// A .prj or .cpg that is a link to a device is an error naming it, never taken as absent
    /// (which would guess the CRS or the encoding).
    @Test(arguments: ["prj", "cpg"]) func aLinkToADeviceIsAnError(_ sidecar: String) throws {
        let folder = try TemporaryFolder()
        try Self.copy(ShapefileLayerReaderTests.sample, to: folder)
        try FileManager.default.removeItem(atPath: folder.file("t." + sidecar))
        try FileManager.default.createSymbolicLink(atPath: folder.file("t." + sidecar), withDestinationPath: "/dev/zero")
        #expect { try ShapefileLayerReader(path: folder.file("t.shp")) } throws: {
            "\($0)".contains("t.\(sidecar) cannot be read: it is a character device (a link to /dev/zero), not a regular file")
        }
    }

    /// A .dbf (or any file) given as a symbolic link to a regular file is read through the link.
    @Test func linkedFilesAreFollowed() throws {
        let folder = try TemporaryFolder()
        try Self.copy(ShapefileLayerReaderTests.sample, to: folder)
        for sidecar in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.moveItem(atPath: folder.file("t." + sidecar), toPath: folder.file("real." + sidecar))
            try FileManager.default.createSymbolicLink(atPath: folder.file("t." + sidecar), withDestinationPath: folder.file("real." + sidecar))
        }
        let layer = try ShapefileLayerReader(path: folder.file("t.shp"))
        var names: [String] = []
        try layer.forEach { names.append($0.attributes[1].stringValue ?? "") }
        #expect(names == ["城关街道", "东湖镇", "西山乡", "经济开发区"])
        #expect(layer.crs?.epsg == 4528 && layer.encoding.source == .codePageFile("UTF-8"))
    }
}

/// What a thread found, read after it is done.
final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var value = "nothing"
    func set(_ text: String) { lock.withLock { value = text } }
    var text: String { lock.withLock { value } }
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

    /// With `selectedColumns`, the batches decode those columns as reading everything does
    /// and leave the others null; nil decodes everything again.
    @Test func selectedColumnsAreTheOnlyOnesDecoded() throws {
        let reader = try ShapefileLayerReader(path: Self.parcels), full = try ShapefileLayerReader(path: Self.parcels)
        let code = try #require(reader.schema.index(of: "DLBM")), area = try #require(reader.schema.index(of: "TBMJ"))
        reader.selectedColumns = [code, area]
        var next = 0
        try reader.forEach { feature in
            let all = try full.feature(at: next).attributes
            for column in all.indices {
                #expect(feature.attributes[column] == ([code, area].contains(column) ? all[column] : .null))
            }
            next += 1
        }
        #expect(next == reader.count)
        reader.selectedColumns = nil
        #expect(try reader.feature(at: 7).attributes == full.feature(at: 7).attributes)
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
