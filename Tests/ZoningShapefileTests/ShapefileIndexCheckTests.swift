import Foundation
import Testing
import ZoningShapefile
import ZoningTestSupport

/// The .shx is checked against the .shp before any record is read: copies of the sample's
/// villages (120 polygons) damaged in the test, byte by byte.
@Suite struct ShapefileIndexCheckTests {
    /// A copy of villages.shp/.shx/.dbf in a new folder, with the .shx and .shp as byte arrays to edit.
    struct Copy {
        let folder: TemporaryFolder
        var shx: [UInt8]
        var shp: [UInt8]

        init() throws {
            folder = try TemporaryFolder()
            for ext in ["shp", "shx", "dbf"] {
                try FileManager.default.copyItem(atPath: checkoutRoot + "/Shapefiles/villages.\(ext)", toPath: folder.file("v.\(ext)"))
            }
            shx = Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("v.shx"))))
            shp = Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("v.shp"))))
        }

        func save() throws {
            try Data(shx).write(to: URL(fileURLWithPath: folder.file("v.shx")))
            try Data(shp).write(to: URL(fileURLWithPath: folder.file("v.shp")))
        }

        func open() throws -> ShapefileDataset { try ShapefileDataset(path: folder.file("v.shp")) }

        static func bigEndian(_ bytes: [UInt8], _ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        static func setBigEndian(_ bytes: inout [UInt8], _ at: Int, _ value: Int) {
            for k in 0..<4 { bytes[at + k] = UInt8((value >> (8 * (3 - k))) & 0xFF) }
        }
        /// The byte offset in the .shp of record `n` (from 0), from the .shx.
        func offset(_ n: Int) -> Int { Self.bigEndian(shx, 100 + 8 * n) * 2 }
    }

    func failure(_ copy: Copy) -> String? {
        do { _ = try copy.open(); return nil } catch { return "\(error)" }
    }

    @Test func theIntactCopyOpens() throws {
        #expect(try Copy().open().recordCount == 120)
    }

    /// A .shx cut to 100 entries (its header says so): the .shp's last 20 records would be lost.
    @Test func aShorterIndexIsRefused() throws {
        var copy = try Copy()
        copy.shx = Array(copy.shx.prefix(100 + 8 * 100))
        Copy.setBigEndian(&copy.shx, 24, copy.shx.count / 2)
        try copy.save()
        let message = try #require(failure(copy))
        #expect(message.contains("the .shx index does not fit the .shp") && message.contains("after the 100 the .shx lists"), "\(message)")
    }

    /// Entry 3 pointing at record 5: record 3 would be read as record 5's shape.
    @Test func anEntryPointingElsewhereIsRefused() throws {
        var copy = try Copy()
        let five = Array(copy.shx[(100 + 8 * 5)..<(100 + 8 * 6)])
        copy.shx.replaceSubrange((100 + 8 * 3)..<(100 + 8 * 4), with: five)
        try copy.save()
        let message = try #require(failure(copy))
        #expect(message.contains("record 3: the .shx points at byte \(copy.offset(5)), where the .shp holds record 5"), "\(message)")
    }

    /// Record 2's shape type changed to 1 (Point) inside a polygon file.
    @Test func aRecordOfAnotherTypeIsRefused() throws {
        var copy = try Copy()
        copy.shp[copy.offset(2) + 8] = 1
        try copy.save()
        let message = try #require(failure(copy))
        #expect(message.contains("record 2 is a Point shape in a Polygon file"), "\(message)")
    }

    /// An entry pointing past the end of the .shp.
    @Test func anEntryPastTheEndIsRefused() throws {
        var copy = try Copy()
        Copy.setBigEndian(&copy.shx, 100 + 8 * 7, copy.shp.count)  // offset in 16-bit words: twice the file
        try copy.save()
        let message = try #require(failure(copy))
        #expect(message.contains("record 7: the .shx points at bytes") && message.contains("beyond the .shp's \(copy.shp.count)"), "\(message)")
    }
}
