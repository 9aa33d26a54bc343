import CShapelib
import Foundation
import Testing
import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

/// Cells read in place from the mapped .dbf (`DBFRecords`) must be exactly what shapelib
/// reads: the same values, the same nulls, the same errors, the same deletion flags.
@Suite struct DBFRecordsTests {
    /// Every cell of every record, read both ways, must agree (values, or the error's words).
    static func compareEveryCell(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
        let dataset = try ShapefileDataset(path: path)
        let table = try #require(DBFRecords(dataset), sourceLocation: sourceLocation)
        let decoder = try TextDecoder(dataset.encodingDecision().encoding)
        var cells = 0
        for record in 0..<(dataset.dbfRecordCount ?? 0) {
            #expect(table.isDeleted(record) == dataset.isDeleted(record), "\(path) record \(record)", sourceLocation: sourceLocation)
            for column in dataset.fields.indices {
                let viaShapelib = Result { try dataset.attributes(at: record, decoder: decoder, columns: [column]) }
                let inPlace = Result { try dataset.attributes(at: record, decoder: decoder, columns: [column], records: table) }
                switch (viaShapelib, inPlace) {
                case (.success(let a), .success(let b)):
                    #expect(a == b, "\(path) record \(record) field \(dataset.fields[column].name)", sourceLocation: sourceLocation)
                case (.failure(let a), .failure(let b)):
                    #expect("\(a)" == "\(b)", sourceLocation: sourceLocation)
                default:
                    Issue.record("\(path) record \(record) field \(dataset.fields[column].name): \(viaShapelib) against \(inPlace)", sourceLocation: sourceLocation)
                }
                cells += 1
            }
        }
        return cells
    }

    /// The sample's tables and every real table in shared/data (GBK, UTF-8 and Latin-1 text,
    /// right-aligned numbers, dates, a table without its .shp).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func everyCellOfRealTablesAgreesWithShapelib() throws {
        let sample = ["DLTB", "villages", "townships", "seats", "facilities", "roads"].map { "\(checkoutRoot)/Shapefiles/\($0).dbf" }
        let shared = [
            "pyshp/blockgroups", "pyshp/merge", "pyshp/latin1", "sf/nc", "sf/storms_xyz", "fiona/coutwildrnp",
            "fiona/test_tin", "naturalearth/naturalearth_lowres", "china-outline/country", "missing-shp/district",
        ].map { SharedData.path("shapefiles/\($0).dbf") }
        var cells = 0
        for path in sample + shared { cells += try Self.compareEveryCell(path) }
        #expect(cells > 500_000)
    }

    /// Cells written to test shapelib's trimming and nulls: leading and trailing spaces, a
    /// NUL inside text, asterisks and blanks in numbers, signs, long digit runs, a bad number,
    /// and a record flagged deleted.
    @Test func oddCellsAgreeWithShapelib() throws {
        let folder = try TemporaryFolder()
        let path = folder.file("odd.dbf")
        let texts = ["  ab  ", "ab\u{0}cd", "   ", "城关", "x"]
        let integers = ["   12", "*****", "     ", "-42", "+7", "0012", "123456789012345678", "1234567890123456789", "-", "3 4"]
        let reals = ["  12.50", "***.**", "-0.5", "1e3", "abc"]
        let rows = (0..<max(texts.count, integers.count, reals.count)).map { row in
            [texts[row % texts.count], integers[row], reals[row % reals.count]].map { Array($0.utf8) }
        }
        try DBFFixture.write(path, fields: [("NAME", "C", 12, 0), ("COUNT", "N", 19, 0), ("AREA", "N", 12, 2)], rows: rows)
        // Put the cells' bytes in exactly (shapelib's writer pads and truncates), and flag record 3 deleted.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let header = Int(bytes[8]) | Int(bytes[9]) << 8, length = Int(bytes[10]) | Int(bytes[11]) << 8
        for (row, cells) in rows.enumerated() {
            var offset = header + row * length + 1
            for (cell, width) in zip(cells, [12, 19, 12]) {
                let padded = cell + Array(repeating: UInt8(ascii: " "), count: width - cell.count)
                bytes.replaceSubrange(offset..<offset + width, with: padded)
                offset += width
            }
        }
        bytes[header + 3 * length] = UInt8(ascii: "*")
        try bytes.write(to: URL(fileURLWithPath: path))

        #expect(try Self.compareEveryCell(path) == rows.count * 3)
        // And what they read as, worked out by hand from shapelib's rules.
        let dataset = try ShapefileDataset(path: path)
        let table = try #require(DBFRecords(dataset))
        let decoder = try TextDecoder(.utf8)
        func read(_ record: Int, _ column: Int) throws -> AttributeValue {
            try dataset.attributes(at: record, decoder: decoder, columns: [column], records: table)[column]
        }
        #expect(try [read(0, 0), read(0, 1), read(0, 2)] == [.string("ab"), .integer(12), .real(12.5)])
        #expect(try [read(1, 0), read(1, 1), read(1, 2)] == [.string("ab"), .null, .null])  // text cut at the NUL; asterisks are null
        #expect(try [read(2, 0), read(2, 1), read(2, 2)] == [.null, .null, .real(-0.5)])   // blanks are null
        #expect(try read(3, 0) == .string("城关") && read(3, 1) == .integer(-42) && read(3, 2) == .real(1000))
        #expect(table.isDeleted(3) && !table.isDeleted(2))
        #expect(try read(4, 1) == .integer(7))
        #expect(try read(5, 1) == .integer(12))
        #expect(try read(6, 1) == .integer(123_456_789_012_345_678))
        #expect(try read(7, 1) == .integer(1_234_567_890_123_456_789))  // 19 digits: the general path
        #expect(throws: ShapefileError.self) { try read(4, 2) }          // "abc"
        #expect(throws: ShapefileError.self) { try read(8, 1) }          // "-" alone
        #expect(throws: ShapefileError.self) { try read(9, 1) }          // "3 4"
    }
}
