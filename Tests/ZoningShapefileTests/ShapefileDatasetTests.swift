import Foundation
import Testing
import ZoningGeometry
import ZoningShapefile
import ZoningTestSupport

/// Reads the real third-party shapefiles of the shared test data (SharedData); expected figures come from their
/// publishers' documentation (sf's nc.shp: 100 NC counties, 14 fields, NAD27) and from the
/// data README.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
struct ShapefileDatasetTests {
    @Test func northCarolinaCounties() throws {
        let nc = try ShapefileDataset(path: SharedData.path("shapefiles/sf/nc.shp"))
        #expect(nc.shapeType == .polygon)
        #expect(nc.recordCount == 100 && nc.dbfRecordCount == 100)
        // sf prints: xmin -84.32385 ymin 33.88199 xmax -75.45698 ymax 36.58965
        let b = try #require(nc.bounds)
        #expect(abs(b.minX - -84.32385) < 1e-5 && abs(b.minY - 33.88199) < 1e-5)
        #expect(abs(b.maxX - -75.45698) < 1e-5 && abs(b.maxY - 36.58965) < 1e-5)
        #expect(nc.fields.map(\.name) == [
            "AREA", "PERIMETER", "CNTY_", "CNTY_ID", "NAME", "FIPS", "FIPSNO", "CRESS_ID",
            "BIR74", "SID74", "NWBIR74", "BIR79", "SID79", "NWBIR79",
        ])
        #expect(nc.fields[4].kind == .character)
        #expect(nc.fields[0].kind == .numeric && nc.fields[0].decimals > 0)
        #expect(nc.projectionText?.hasPrefix("GEOGCS[\"GCS_North_American_1927\"") == true)
        #expect(nc.codePageText == nil)
    }

    @Test func polyLineZAndMultiPatchTypes() throws {
        let storms = try ShapefileDataset(path: SharedData.path("shapefiles/sf/storms_xyz.shp"))
        #expect(storms.shapeType == .polyLineZ)
        #expect(storms.zRange != nil)
        let tin = try ShapefileDataset(path: SharedData.path("shapefiles/fiona/test_tin.shp"))
        #expect(tin.shapeType == .multiPatch)
        #expect(tin.projectionText == nil)
    }

    @Test func codePageSidecar() throws {
        let wild = try ShapefileDataset(path: SharedData.path("shapefiles/fiona/coutwildrnp"))
        #expect(wild.codePageText == "ISO-8859-1")
        #expect(wild.recordCount == 67)
    }

    @Test func missingShpOpensAsTable() throws {
        let district = try ShapefileDataset(path: SharedData.path("shapefiles/missing-shp/district.shp"))
        #expect(district.shapeType == nil && district.shpPath == nil)
        #expect(district.recordCount == 2877)
        #expect(district.codePageText == "UTF-8")
    }

    /// pyshp's latin1 has no .shx: the index is rebuilt in a private folder, and nothing is
    /// written beside the input.
    @Test func missingShxIsRebuiltPrivately() throws {
        let path = SharedData.path("shapefiles/pyshp/latin1.shp")
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        let latin1 = try ShapefileDataset(path: path)
        #expect(latin1.indexRebuilt)
        #expect(latin1.recordCount == latin1.dbfRecordCount)
        #expect(try latin1.shape(at: 0).type != .null)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
    }

    @Test func absentFileIsNamed() {
        #expect(throws: ShapefileError.notFound(path: "/nonexistent/x.shp")) {
            try ShapefileDataset(path: "/nonexistent/x.shp")
        }
    }

    @Test func inputsAreNotModified() throws {
        let path = SharedData.path("shapefiles/sf/nc.shp")
        let before = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        _ = try ShapefileDataset(path: path)
        let after = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
        #expect(before == after)
    }
}

@Suite struct ShapefilePathTests {
    @Test func garbageFileIsUnreadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for ext in ["shp", "shx"] {
            try Data("not a shapefile".utf8).write(to: folder.appendingPathComponent("bad.\(ext)"))
        }
        #expect(throws: ShapefileError.self) { try ShapefileDataset(path: folder.appendingPathComponent("bad.shp").path) }
    }

    /// A .shp without its .shx, beside a .dbf shapelib rejects: the error names the .dbf, and
    /// the copy of the .shp made to rebuild the index is removed. It was left in the temporary
    /// folder, one copy per attempt (found by the shapefile fuzzer's leftovers).
    @Test func rejectedTableLeavesNoRebuiltIndex() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // One point, at an x of this test's own, so that its copy is told from other tests'.
        let x = Double(UInt32.random(in: 1...UInt32.max)), y = 36.0
        func bigEndian(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        func littleEndian<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        var shp = bigEndian(9994) + [UInt8](repeating: 0, count: 20) + bigEndian(64)
        shp += littleEndian(Int32(1000)) + littleEndian(Int32(1)) + [x, y, x, y].flatMap { littleEndian($0) }
        shp += [UInt8](repeating: 0, count: 32)
        shp += bigEndian(1) + bigEndian(10) + littleEndian(Int32(1)) + littleEndian(x) + littleEndian(y)
        #expect(shp.count == 128)
        let base = folder.appendingPathComponent("layer").path
        try Data(shp).write(to: URL(fileURLWithPath: base + ".shp"))
        try Data(repeating: 0x20, count: 38).write(to: URL(fileURLWithPath: base + ".dbf"))

        #expect {
            try ShapefileDataset(path: base + ".shp")
        } throws: { error in
            guard case ShapefileError.unreadable(let path, _) = error else { return false }
            return path == base + ".dbf"
        }
        let temporary = FileManager.default.temporaryDirectory.path
        let copies = try FileManager.default.contentsOfDirectory(atPath: temporary).filter { name in
            name.hasPrefix("zoning-shx-") && FileManager.default.contents(atPath: temporary + "/" + name + "/layer.shp") == Data(shp)
        }
        #expect(copies.isEmpty, "left in \(temporary): \(copies)")
    }

    /// A .shp without its .shx whose record headers do not lead forward: shapelib's rebuild of
    /// the index walked back to an earlier header on a negative length and went round forever
    /// (the shapefile fuzzer's timeout of 2 December 2026), and a length near 2³¹ words wraps
    /// its 32-bit position the same way. Both are refused by the header, and no copy is left.
    @Test func recordHeadersThatDoNotLeadForwardAreRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func bigEndian(_ value: Int32) -> [UInt8] { withUnsafeBytes(of: value.bigEndian) { Array($0) } }
        func littleEndian<T>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
        // Two point records of 10 words; the second header's length is the one damaged.
        func shp(secondLength: Int32) -> [UInt8] {
            var bytes = bigEndian(9994) + [UInt8](repeating: 0, count: 20) + bigEndian(78)
            bytes += littleEndian(Int32(1000)) + littleEndian(Int32(1)) + [119.0, 36.0, 120.0, 37.0].flatMap { littleEndian($0) }
            bytes += [UInt8](repeating: 0, count: 32)
            bytes += bigEndian(1) + bigEndian(10) + littleEndian(Int32(1)) + littleEndian(119.0) + littleEndian(36.0)
            bytes += bigEndian(2) + bigEndian(secondLength) + littleEndian(Int32(1)) + littleEndian(120.0) + littleEndian(37.0)
            return bytes
        }
        let base = folder.appendingPathComponent("layer").path
        let intact = shp(secondLength: 10)
        #expect(intact.count == 156)
        try Data(intact).write(to: URL(fileURLWithPath: base + ".shp"))
        #expect(try ShapefileDataset(path: base + ".shp").recordCount == 2)
        for (length, says) in [(Int32(-34), "content length of -34 words, which ends before the header itself"),
                               (Int32(0x7FFF_FFFC), "content length of 2147483644 words, which ends at byte 4294967424, past the file's 156")] {
            try Data(shp(secondLength: length)).write(to: URL(fileURLWithPath: base + ".shp"))
            #expect {
                try ShapefileDataset(path: base + ".shp")
            } throws: { error in
                guard case ShapefileError.unreadable(let path, let message) = error else { return false }
                return path == base + ".shp" && (message ?? "").contains("the record header at byte 128 gives a " + says)
            }
        }
        let temporary = FileManager.default.temporaryDirectory.path
        let copies = try FileManager.default.contentsOfDirectory(atPath: temporary).filter { name in
            name.hasPrefix("zoning-shx-") && FileManager.default.contents(atPath: temporary + "/" + name + "/layer.shp") == Data(shp(secondLength: -34))
        }
        #expect(copies.isEmpty, "left in \(temporary): \(copies)")
    }
}
