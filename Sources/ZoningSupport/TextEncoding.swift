#if canImport(Glibc)
import Glibc
#endif

/// A character encoding of text in files (UTF-8, GBK, Latin-1, …), converted through glibc's
/// iconv; Foundation on Linux cannot convert GBK, and a hand-written table would drift from
/// the standard.
///
/// ```swift
/// let gbk = TextEncoding(label: "936")!              // what a .cpg may say
/// try gbk.decode([0xB3, 0xC7, 0xB9, 0xD8])           // "城关"
/// try TextEncoding.gbk.encode("城关")                 // [0xB3, 0xC7, 0xB9, 0xD8]
/// ```
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// The name iconv knows it by: `UTF-8`, `GBK`, `ISO-8859-1`, `CP1252`, …
    public let name: String

    public init(name: String) {
        self.name = name
    }

    public static let utf8 = TextEncoding(name: "UTF-8")
    /// GBK (code page 936): simplified Chinese as Windows and ArcGIS write it, the usual
    /// encoding of Chinese shapefiles without a .cpg.
    public static let gbk = TextEncoding(name: "GBK")
    /// GB 18030, the superset of GBK that covers all of Unicode.
    public static let gb18030 = TextEncoding(name: "GB18030")
    public static let latin1 = TextEncoding(name: "ISO-8859-1")
    public static let windows1252 = TextEncoding(name: "CP1252")
    public static let big5 = TextEncoding(name: "BIG5")

    public var description: String { name }

    /// Reads a label as .cpg files, GDAL and users write them: `UTF-8`, `utf8`, `65001`, `GBK`,
    /// `CP936`, `936`, `GB2312`, `GB18030`, `ISO-8859-1`, `88591`, `LATIN1`, `1252`,
    /// `ANSI 1252`, `BIG5`, `950`, or any name iconv knows; nil when none fits.
    public init?(label: String) {
        let key = label.trimmingSpaces().uppercased()
            .replacingAll(["_", "-", " "], with: "")
        let known: [String: TextEncoding] = [
            "UTF8": .utf8, "65001": .utf8, "UTF8BOM": .utf8,
            "GBK": .gbk, "CP936": .gbk, "936": .gbk, "MS936": .gbk, "WINDOWS936": .gbk, "ANSI936": .gbk,
            "GB2312": .gbk, "EUCCN": .gbk,  // GB 2312 text is GBK text
            "GB18030": .gb18030, "54936": .gb18030,
            "ISO88591": .latin1, "88591": .latin1, "LATIN1": .latin1,
            "1252": .windows1252, "CP1252": .windows1252, "WINDOWS1252": .windows1252, "ANSI1252": .windows1252,
            "BIG5": .big5, "950": .big5, "CP950": .big5,
        ]
        if let encoding = known[key] {
            self = encoding
            return
        }
        let candidate = label.trimmingSpaces()
        guard !candidate.isEmpty, Self.iconvKnows(candidate) else { return nil }
        self.init(name: candidate.uppercased())
    }

    /// The encoding a dBase language-driver byte names, when it names one decisively.
    ///
    /// 0x4D and 0x7A are code page 936 (GBK), as ArcGIS writes for Chinese data. 0x00 (none)
    /// and 0x57 ("ANSI": whatever the writing machine's code page was) decide nothing.
    public static func fromLanguageDriver(_ byte: UInt8) -> TextEncoding? {
        switch byte {
        case 0x4D, 0x7A: .gbk
        case 0x4F, 0x78: .big5
        case 0x03, 0x58, 0x59: .windows1252
        case 0x01, 0x0B, 0x0D, 0x0F, 0x11, 0x15, 0x18, 0x19, 0x1B: TextEncoding(name: "CP437")
        case 0x02, 0x0A, 0x0E, 0x10, 0x12, 0x14, 0x16, 0x1A, 0x1D, 0x25, 0x37: TextEncoding(name: "CP850")
        case 0x13, 0x7B: TextEncoding(name: "CP932")
        case 0x4E, 0x79: TextEncoding(name: "CP949")
        case 0x50, 0x7C: TextEncoding(name: "CP874")
        case 0xC8: TextEncoding(name: "CP1250")
        case 0xC9: TextEncoding(name: "CP1251")
        case 0xCA: TextEncoding(name: "CP1254")
        case 0xCB: TextEncoding(name: "CP1253")
        case 0xCC: TextEncoding(name: "CP1257")
        default: nil
        }
    }

    /// Converts `bytes` to a string.
    /// - Throws: `TextEncodingError.undecodable` with the byte offset where it fails.
    public func decode(_ bytes: [UInt8]) throws -> String {
        try TextDecoder(self).decode(bytes)
    }

    /// Converts `text` to bytes.
    /// - Throws: `TextEncodingError.unencodable` when a character has no form here (e.g. 😀 in GBK).
    public func encode(_ text: String) throws -> [UInt8] {
        if self == .utf8 { return Array(text.utf8) }
        return try Converter(from: .utf8, to: self).convert(Array(text.utf8)) { _ in
            TextEncodingError.unencodable(encoding: name, text: text)
        }
    }

    /// Which encoding text samples are in: UTF-8 when every sample is valid UTF-8 (or plain
    /// ASCII), else GBK when every sample is valid GBK, else Latin-1 (every byte a character,
    /// so nothing is lost). The reason says which test decided.
    public static func detect(_ samples: [[UInt8]]) -> (encoding: TextEncoding, reason: String) {
        let nonASCII = samples.filter { $0.contains { $0 >= 0x80 } }
        if nonASCII.isEmpty { return (.utf8, "all text is ASCII") }
        if nonASCII.allSatisfy({ String(validating: $0, as: UTF8.self) != nil }) {
            return (.utf8, "all non-ASCII text is valid UTF-8")
        }
        if let decoder = try? TextDecoder(.gbk), nonASCII.allSatisfy({ (try? decoder.decode($0)) != nil }) {
            return (.gbk, "the text is not UTF-8 but is valid GBK")
        }
        return (.latin1, "the text is neither UTF-8 nor GBK, so each byte is read as a Latin-1 character")
    }

    static func iconvKnows(_ name: String) -> Bool {
        let handle = iconv_open("UTF-8", name)
        guard handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }
}

/// Why text could not be converted.
public enum TextEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// iconv does not know the encoding.
    case unknownEncoding(name: String)
    /// The bytes are not valid in the encoding, from `offset` on.
    case undecodable(encoding: String, offset: Int)
    /// The text has a character the encoding cannot represent.
    case unencodable(encoding: String, text: String)

    public var description: String {
        switch self {
        case .unknownEncoding(let name):
            return "unknown text encoding \"\(name)\"; use e.g. UTF-8, GBK, GB18030, ISO-8859-1, CP1252"
        case let .undecodable(encoding, offset):
            return "the text is not valid \(encoding) from byte \(offset) on; is the encoding right?"
        case let .unencodable(encoding, text):
            return "\"\(text)\" has characters that \(encoding) cannot hold; write UTF-8 instead"
        }
    }
}

/// Decodes many strings in one encoding with one iconv handle: what readers use per field
/// value. ASCII bytes skip iconv altogether, and a value longer than a small string (15 bytes
/// of UTF-8, which Swift keeps inline) is remembered by its bytes (up to `cacheLimit` distinct
/// values), so a value repeated on every record — a village's name or its 19-character code on
/// each of its 2,500 parcels, a land-use name — is converted and stored once, and every record
/// shares that one string.
///
/// ```swift
/// let decoder = try TextDecoder(.gbk)
/// try decoder.decode([0xB4, 0xE5])   // "村"
/// ```
///
/// Not `Sendable`: an iconv handle keeps conversion state, and the cache is not locked. Make
/// one per task.
public final class TextDecoder {
    public let encoding: TextEncoding
    private let converter: Converter?
    /// Decoded text by a hash of its bytes, with the bytes to confirm a hit; values past the
    /// limit, and a value whose hash another value took first, are decoded each time.
    private var cache: [UInt64: (bytes: [UInt8], text: String)] = [:]
    /// The value last found in or added to the cache.
    private var last: (bytes: [UInt8], text: String)?
    public static let cacheLimit = 8192

    public init(_ encoding: TextEncoding) throws {
        self.encoding = encoding
        self.converter = encoding == .utf8 ? nil : try Converter(from: encoding, to: .utf8)
    }

    /// - Throws: `TextEncodingError.undecodable` with the offset of the first bad byte.
    public func decode(_ bytes: [UInt8]) throws -> String {
        try bytes.withUnsafeBytes { try decode($0) }
    }

    /// The same as `decode(_:)` for bytes in place (a cell of a mapped table): nothing is
    /// copied unless the value is new.
    /// - Throws: `TextEncodingError.undecodable` with the offset of the first bad byte.
    public func decode(_ bytes: UnsafeRawBufferPointer) throws -> String {
        let ascii = !bytes.contains { $0 >= 0x80 }
        // Inline strings cost no allocation: nothing to share.
        if ascii, bytes.count <= 15 { return String(decoding: bytes, as: UTF8.self) }
        // The value before, again (a parcel's unit code, as its neighbours in the file have it).
        if let last, Self.same(last.bytes, bytes) { return last.text }
        let key = Self.hash(bytes)
        if let known = cache[key], Self.same(known.bytes, bytes) {
            last = known
            return known.text
        }
        let text: String
        if ascii {
            text = String(decoding: bytes, as: UTF8.self)
        } else if let converter {
            let utf8 = try converter.convert(Array(bytes)) { offset in
                TextEncodingError.undecodable(encoding: encoding.name, offset: offset)
            }
            text = String(decoding: utf8, as: UTF8.self)
        } else {
            guard let valid = String(validating: bytes, as: UTF8.self) else {
                throw TextEncodingError.undecodable(encoding: encoding.name, offset: Self.firstInvalidUTF8(Array(bytes)))
            }
            text = valid
        }
        if cache.count < Self.cacheLimit, cache[key] == nil {
            cache[key] = (Array(bytes), text)
            last = cache[key]
        }
        return text
    }

    private static func same(_ known: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        known.count == bytes.count && known.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
    }

    /// FNV-1a over the bytes: cheap, and good enough to spread a few thousand distinct values.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The offset of the first byte that does not begin a valid UTF-8 character: the length
    /// of the longest valid prefix. (Validity of a prefix is not monotone — a prefix that cuts
    /// a character is invalid while a longer one is not — so it is found by decoding, not by
    /// bisection.)
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: return offset
            }
        }
    }
}

/// One iconv handle converting between two encodings.
final class Converter {
    private let handle: iconv_t

    init(from source: TextEncoding, to target: TextEncoding) throws {
        let handle = iconv_open(target.name, source.name)
        guard let handle, handle != iconv_t(bitPattern: -1) else {
            throw TextEncodingError.unknownEncoding(name: TextEncoding.iconvKnows(source.name) ? target.name : source.name)
        }
        self.handle = handle
    }

    deinit { iconv_close(handle) }

    /// Converts all of `input`; `failure` makes the error for the offset where it stops.
    func convert(_ input: [UInt8], failure: (Int) -> TextEncodingError) throws -> [UInt8] {
        _ = iconv(handle, nil, nil, nil, nil)  // reset shift state
        var source = input.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: input.count * 4 + 8)
        var sourceLeft = source.count, outputLeft = output.count
        let status = source.withUnsafeMutableBufferPointer { sourceBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                var sourcePointer = sourceBuffer.baseAddress
                var outputPointer = outputBuffer.baseAddress
                return iconv(handle, &sourcePointer, &sourceLeft, &outputPointer, &outputLeft)
            }
        }
        guard status != -1 else { throw failure(source.count - sourceLeft) }
        return output.prefix(output.count - outputLeft).map { UInt8(bitPattern: $0) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    func replacingAll(_ characters: [Character], with replacement: String) -> String {
        String(flatMap { characters.contains($0) ? Array(replacement) : [$0] })
    }
}
