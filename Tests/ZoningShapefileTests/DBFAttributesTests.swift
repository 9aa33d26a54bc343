import Foundation
import Testing
@testable import ZoningShapefile
import ZoningSupport
import ZoningTestSupport

@Suite struct DBFAttributesTests {
    /// sf's nc.shp: the first county is Ashe (sf prints AREA 0.114, PERIMETER 1.442,
    /// CNTY_ 1825, FIPS "37009", CRESS_ID 5, BIR74 1091, SID74 1).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func northCarolinaFirstRecord() throws {
        let nc = try ShapefileDataset(path: SharedData.path("shapefiles/sf/nc.shp"))
        let decision = nc.encodingDecision()
        #expect(decision.encoding == .utf8)  // all ASCII
        let row = try nc.attributes(at: 0, decoder: TextDecoder(decision.encoding))
        let named = Dictionary(uniqueKeysWithValues: zip(nc.fields.map(\.name), row))
        #expect(named["NAME"] == .string("Ashe"))
        #expect(named["FIPS"] == .string("37009"))
        #expect(named["AREA"] == .real(0.114))
        #expect(named["PERIMETER"] == .real(1.442))
        #expect(named["CNTY_"] == .real(1825))       // N 24.15: a real, though whole
        #expect(named["CRESS_ID"] == .integer(5))    // N 9.0: an integer
        #expect(named["BIR74"] == .real(1091) && named["SID74"] == .real(1))
    }

    /// pyshp's latin1.dbf has no .cpg and language driver 0: its text is detected as Latin-1.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func latin1IsDetected() throws {
        let latin1 = try ShapefileDataset(path: SharedData.path("shapefiles/pyshp/latin1.shp"))
        let decision = latin1.encodingDecision()
        #expect(decision.encoding == .latin1)
        guard case .detected(_, let notes) = decision.source else { Issue.record("not detected"); return }
        #expect(notes.contains("no .cpg file"))
        let text = try (0..<latin1.recordCount).flatMap { try latin1.attributes(at: $0, decoder: TextDecoder(.latin1)) }
        #expect(text.contains { $0.stringValue?.contains(where: { !$0.isASCII }) == true })
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func codePageFileDecides() throws {
        let wild = try ShapefileDataset(path: SharedData.path("shapefiles/fiona/coutwildrnp.shp"))
        #expect(wild.encodingDecision() == EncodingDecision(encoding: .latin1, source: .codePageFile("ISO-8859-1")))
        #expect(wild.encodingDecision(option: .utf8).source == .option)
    }

    /// A GBK table without .cpg, written here with shapelib's own DBF functions through a
    /// small helper: detected as GBK and decoded to the right characters.
    @Test func gbkWithoutCodePageIsDetected() throws {
        let folder = try TemporaryFolder()
        try DBFFixture.write(folder.file("villages.dbf"), fields: [("NAME", "C", 20, 0), ("POP", "N", 10, 0)], rows: [
            [TextEncoding.gbk.encode("城关街道"), Array("3500".utf8)],
            [TextEncoding.gbk.encode("东湖镇"), Array("".utf8)],
        ])
        let table = try ShapefileDataset(path: folder.file("villages.dbf"))
        let decision = table.encodingDecision()
        #expect(decision.encoding == .gbk)
        #expect(decision.description.hasPrefix("GBK (detected: the text is not UTF-8 but is valid GBK; no .cpg file"))
        let decoder = try TextDecoder(decision.encoding)
        #expect(try table.attributes(at: 0, decoder: decoder) == [.string("城关街道"), .integer(3500)])
        #expect(try table.attributes(at: 1, decoder: decoder) == [.string("东湖镇"), .null])  // blank number
    }

    @Test func badCellsNameRecordAndField() throws {
        let folder = try TemporaryFolder()
        try DBFFixture.write(folder.file("bad.dbf"), fields: [("TBMJ", "N", 12, 2), ("DAY", "D", 8, 0), ("OK", "L", 1, 0)], rows: [
            [Array("12.5".utf8), Array("20240229".utf8), Array("T".utf8)],
            [Array("abc".utf8), Array("20240229".utf8), Array("F".utf8)],
            [Array("1".utf8), Array("20231301".utf8), Array("?".utf8)],
        ])
        let table = try ShapefileDataset(path: folder.file("bad.dbf"))
        let decoder = try TextDecoder(.utf8)
        #expect(try table.attributes(at: 0, decoder: decoder) == [.real(12.5), .date(CalendarDate(year: 2024, month: 2, day: 29)!), .boolean(true)])
        #expect {
            try table.attributes(at: 1, decoder: decoder)
        } throws: { error in
            guard case .badValue(_, let record, let field, let text, _) = error as? ShapefileError else { return false }
            return record == 1 && field == "TBMJ" && text == "abc"
        }
        #expect {
            try table.attributes(at: 2, decoder: decoder)
        } throws: { error in
            guard case .badValue(_, 2, "DAY", "20231301", _) = error as? ShapefileError else { return false }
            return true
        }
        // Non-UTF-8 bytes read as UTF-8 are an error, not silent replacement characters.
        try DBFFixture.write(folder.file("gbk.dbf"), fields: [("NAME", "C", 10, 0)], rows: [[TextEncoding.gbk.encode("城")]])
        #expect(throws: ShapefileError.self) {
            try ShapefileDataset(path: folder.file("gbk.dbf")).attributes(at: 0, decoder: TextDecoder(.utf8))
        }
    }

    /// Decoding only some columns: those give what decoding every column gives, the others
    /// are null without being read, so a bad cell there (letters in TBMJ) is no error.
    @Test func onlyTheColumnsAskedForAreDecoded() throws {
        let folder = try TemporaryFolder()
        try DBFFixture.write(folder.file("t.dbf"), fields: [("TBMJ", "N", 12, 2), ("NAME", "C", 20, 0), ("POP", "N", 10, 0)], rows: [
            [Array("abc".utf8), TextEncoding.gbk.encode("东湖镇"), Array("3500".utf8)],
        ])
        let table = try ShapefileDataset(path: folder.file("t.dbf"))
        let decoder = try TextDecoder(.gbk)
        #expect(try table.attributes(at: 0, decoder: decoder, columns: [1, 2]) == [.null, .string("东湖镇"), .integer(3500)])
        #expect(try table.attributes(at: 0, decoder: decoder, columns: []) == [.null, .null, .null])
        #expect(throws: ShapefileError.self) { try table.attributes(at: 0, decoder: decoder, columns: [0]) }
        #expect(throws: ShapefileError.self) { try table.attributes(at: 0, decoder: decoder) }
    }

    /// Decimal cells are read without a string when they are plain (`plainDecimal`): every
    /// value must be the one `Double(text)` gives, bit for bit, including the shortest and
    /// longest plain forms, negative zero and the cases left to the general path (nil).
    @Test func plainDecimalsReadAsDoubleReadsThem() {
        var random = SystemRandomNumberGenerator()
        var texts = ["0", "-0", "0.0", "-0.000", "5.", ".5", "-.25", "1234.56", "0.1", "0.3", "123456789012345",
                     "99999999999999.9", "0.0000000000000000000001", "000123.4500"]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...15, using: &random), point = Int.random(in: 0...digits, using: &random)
            var text = String((0..<digits).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
            if point < digits { text.insert(".", at: text.index(text.startIndex, offsetBy: point)) }
            texts.append(Bool.random(using: &random) ? "-" + text : text)
        }
        for text in texts {
            let fast = Array(text.utf8).withUnsafeBytes { ShapefileDataset.plainDecimal($0) }
            #expect(fast != nil, "\(text)")
            #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
        // Left to the general path: more than 15 significant digits, exponents, signs, spaces, two points.
        for text in ["1234567890123456", "1.7976931348623157", "1e5", "+1.5", " 1.5", "1.2.3", "", "-", ".", "1,5", "0x1p3", "inf", "nan"] {
            #expect(Array(text.utf8).withUnsafeBytes { ShapefileDataset.plainDecimal($0) } == nil, "\(text)")
        }
    }
}
