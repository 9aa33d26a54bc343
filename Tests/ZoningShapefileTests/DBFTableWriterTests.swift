import Foundation
import Testing
import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

@Suite struct DBFTableWriterTests {
    @Test func typedValuesRoundTrip() throws {
        let folder = try TemporaryFolder()
        let fields = [
            FieldDefinition(name: "NAME", kind: .character, width: 8),
            FieldDefinition(name: "POP", kind: .numeric, width: 6),
            FieldDefinition(name: "TBMJ", kind: .numeric, width: 10, decimals: 2),
            FieldDefinition(name: "DAY", kind: .date, width: 8),
            FieldDefinition(name: "OK", kind: .logical, width: 1),
        ]
        let table = try DBFTableWriter(path: folder.file("t.dbf"), fields: fields, encoding: .gbk)
        let day = CalendarDate(year: 2024, month: 5, day: 1)!
        try table.write([.string("城关街道"), .integer(-12345), .real(1234.567), .date(day), .boolean(true)])
        try table.write([.null, .null, .null, .null, .null])
        try table.close()

        let read = try ShapefileDataset(path: folder.file("t.dbf"))
        #expect(read.languageDriver == 0x4D)  // GBK, as ArcGIS marks it
        let decoder = try TextDecoder(.gbk)
        // 1234.567 at 2 decimals is written as 1234.57.
        #expect(try read.attributes(at: 0, decoder: decoder) == [.string("城关街道"), .integer(-12345), .real(1234.57), .date(day), .boolean(true)])
        #expect(try read.attributes(at: 1, decoder: decoder) == [.null, .null, .null, .null, .null])
        // The name is stored as GBK bytes: 城 B3 C7, 关 B9 D8, 街 BD D6, 道 B5 C0.
        let bytes = try #require(FileManager.default.contents(atPath: folder.file("t.dbf")))
        #expect(bytes.range(of: Data([0xB3, 0xC7, 0xB9, 0xD8, 0xBD, 0xD6, 0xB5, 0xC0])) != nil)
    }

    @Test func valuesThatDoNotFitAreErrors() throws {
        let folder = try TemporaryFolder()
        let table = try DBFTableWriter(
            path: folder.file("t.dbf"),
            fields: [FieldDefinition(name: "NAME", kind: .character, width: 4), FieldDefinition(name: "N", kind: .numeric, width: 3)],
            encoding: .utf8)
        #expect(throws: ShapefileError.self) { try table.write([.string("城关"), .integer(1)]) }  // 6 bytes in UTF-8
        #expect(throws: ShapefileError.self) { try table.write([.string("ok"), .integer(12345)]) }
        #expect(throws: ShapefileError.self) { try table.write([.string("ok"), .string("x")]) }  // text in a number
        #expect(throws: ShapefileError.self) {
            try DBFTableWriter(path: folder.file("u.dbf"), fields: [FieldDefinition(name: "ELEVENBYTES", kind: .character, width: 1)], encoding: .utf8)
        }
    }
}
