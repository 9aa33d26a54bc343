import Testing
import ZoningSupport

/// Byte values from the GBK (CP936) and Unicode code charts: 城 U+57CE = GBK B3 C7 = UTF-8
/// E5 9F 8E; 关 U+5173 = GBK B9 D8; é U+00E9 = Latin-1 E9.
@Suite struct TextEncodingTests {
    @Test func decodesAndEncodesGBK() throws {
        #expect(try TextEncoding.gbk.decode([0xB3, 0xC7, 0xB9, 0xD8]) == "城关")
        #expect(try TextEncoding.gbk.encode("城关") == [0xB3, 0xC7, 0xB9, 0xD8])
        #expect(try TextEncoding.gbk.encode("ABC") == [0x41, 0x42, 0x43])
        #expect(try TextEncoding.utf8.encode("城") == [0xE5, 0x9F, 0x8E])
        #expect(try TextEncoding.latin1.decode([0x63, 0x61, 0x66, 0xE9]) == "café")
    }

    @Test func badBytesAndUnencodableTextThrow() {
        #expect(throws: TextEncodingError.undecodable(encoding: "UTF-8", offset: 2)) {
            try TextEncoding.utf8.decode([0x41, 0x42, 0xB3, 0xC7])
        }
        #expect(throws: TextEncodingError.undecodable(encoding: "GBK", offset: 1)) {
            try TextEncoding.gbk.decode([0x41, 0xFF, 0x20])
        }
        #expect(throws: TextEncodingError.self) { try TextEncoding.gbk.encode("😀") }
        #expect(throws: TextEncodingError.unknownEncoding(name: "NO-SUCH")) {
            try TextDecoder(TextEncoding(name: "NO-SUCH"))
        }
    }

    @Test(arguments: [
        ("UTF-8", "UTF-8"), ("utf8", "UTF-8"), ("65001", "UTF-8"),
        ("GBK", "GBK"), ("936", "GBK"), ("CP936", "GBK"), ("gb2312", "GBK"), ("GB18030", "GB18030"),
        ("ISO-8859-1", "ISO-8859-1"), ("88591", "ISO-8859-1"), ("1252", "CP1252"), ("ANSI 1252", "CP1252"),
        ("950", "BIG5"), ("koi8-r", "KOI8-R"),
    ])
    func labels(label: String, name: String) {
        #expect(TextEncoding(label: label)?.name == name)
    }

    @Test func unknownLabelsAreNil() {
        #expect(TextEncoding(label: "") == nil)
        #expect(TextEncoding(label: "klingon") == nil)
    }

    @Test func languageDrivers() {
        #expect(TextEncoding.fromLanguageDriver(0x4D) == .gbk)  // ArcGIS, code page 936
        #expect(TextEncoding.fromLanguageDriver(0x7A) == .gbk)
        #expect(TextEncoding.fromLanguageDriver(0x57) == nil)   // "ANSI": undecided
        #expect(TextEncoding.fromLanguageDriver(0x00) == nil)
        #expect(TextEncoding.fromLanguageDriver(0x03) == .windows1252)
    }

    @Test func detection() {
        #expect(TextEncoding.detect([Array("Jinan".utf8)]).encoding == .utf8)
        #expect(TextEncoding.detect([Array("城关街道".utf8), Array("x".utf8)]).encoding == .utf8)
        let gbk = TextEncoding.detect([[0xB3, 0xC7, 0xB9, 0xD8, 0xBD, 0xD6, 0xB5, 0xC0]])  // 城关街道
        #expect(gbk.encoding == .gbk && gbk.reason.contains("GBK"))
        // "café au lait" in Latin-1: E9 followed by a space is neither UTF-8 nor GBK.
        #expect(TextEncoding.detect([Array("caf".utf8) + [0xE9] + Array(" au lait".utf8)]).encoding == .latin1)
    }

    @Test func reusableDecoderHandlesManyValues() throws {
        let decoder = try TextDecoder(.gbk)
        for _ in 0..<1000 { #expect(try decoder.decode([0xB3, 0xC7]) == "城") }
        #expect(try decoder.decode(Array("ASCII only".utf8)) == "ASCII only")
    }

    /// Remembered values come back as converted, bad bytes still throw each time, and past the
    /// cache's limit values are still converted right (checked against a fresh decoder each).
    @Test func repeatedValuesAreConvertedOnceAndStayRight() throws {
        let decoder = try TextDecoder(.gbk)
        let bad: [UInt8] = [0xB3, 0x20]  // a lead byte without its trail byte
        for _ in 0..<3 {
            #expect(try decoder.decode([0xB3, 0xC7]) == "城")
            #expect(throws: TextEncodingError.self) { try decoder.decode(bad) }
        }
        // More distinct values than the cache holds: pairs of GBK level-1 hanzi (B0A1…D7F9,
        // 3,755 characters), 10,000 of them, three times round.
        var characters: [[UInt8]] = []
        for lead in UInt8(0xB0)...0xD7 { for trail in UInt8(0xA1)...0xFE where !(lead == 0xD7 && trail > 0xF9) { characters.append([lead, trail]) } }
        #expect(characters.count == 3_755)
        let values = (0..<10_000).map { characters[$0 % 3_755] + characters[$0 / 3_755] }
        #expect(values.count > TextDecoder.cacheLimit)
        let fresh = try TextDecoder(.gbk)
        let expected = try values.map { try fresh.decode($0) }  // each seen once: all through iconv
        for _ in 0..<3 {
            #expect(try values.map { try decoder.decode($0) } == expected)
        }
    }

    /// Long values (past a small string's 15 bytes) are remembered too, in every encoding:
    /// 19-character survey codes and UTF-8 names, more of them than the cache holds, come back
    /// as a fresh decoder reads them, and bad UTF-8 still throws each time with its offset.
    @Test func longValuesAreRememberedAndStayRight() throws {
        let codes = (0..<(TextDecoder.cacheLimit + 500)).map { Array(String(format: "370299%03d%03d0000000", $0 / 1000, $0 % 1000).utf8) }
        #expect(codes[1].count == 19)
        let names = (0..<300).map { Array("东营区第\($0)村民委员会".utf8) }
        for encoding in [TextEncoding.utf8, .gbk] {
            let decoder = try TextDecoder(encoding)
            for _ in 0..<2 {
                #expect(try codes.map { try decoder.decode($0) } == codes.map { String(decoding: $0, as: UTF8.self) })
            }
            // In place, from a buffer, as the .dbf reader decodes its cells.
            #expect(try codes[7].withUnsafeBytes { try decoder.decode($0) } == "3702990000070000000")
        }
        let utf8 = try TextDecoder(.utf8)
        for _ in 0..<2 { #expect(try names.map { try utf8.decode($0) } == names.map { String(decoding: $0, as: UTF8.self) }) }
        let badUTF8 = Array("东营区第一村".utf8) + [0xE4, 0xB8]  // cut inside a character
        for _ in 0..<2 {
            #expect(throws: TextEncodingError.undecodable(encoding: "UTF-8", offset: 18)) { try utf8.decode(badUTF8) }
        }
        // The offset is the longest valid prefix even where a shorter prefix cuts a character.
        #expect(throws: TextEncodingError.undecodable(encoding: "UTF-8", offset: 5)) { try utf8.decode(Array("ab东".utf8) + [0xFF, 0x41]) }
        #expect(throws: TextEncodingError.undecodable(encoding: "UTF-8", offset: 0)) { try utf8.decode([0xB4, 0xE5]) }
    }
}
