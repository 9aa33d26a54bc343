import CShapelib
import Glibc
import ZoningSupport

extension ShapefileDataset {
    /// Decides the attribute encoding: `option`, else the .cpg, else the language-driver
    /// byte, else detection on the text of up to `sampleRecords` records.
    public func encodingDecision(option: TextEncoding? = nil, sampleRecords: Int = 2000) -> EncodingDecision {
        if let option { return EncodingDecision(encoding: option, source: .option) }
        var notes: [String] = []
        if let cpg = codePageText {
            if let encoding = TextEncoding(label: cpg) {
                return EncodingDecision(encoding: encoding, source: .codePageFile(cpg))
            }
            notes.append("the .cpg says \"\(cpg)\", which is not an encoding iconv knows")
        } else {
            notes.append("no .cpg file")
        }
        if let driver = languageDriver {
            if let encoding = TextEncoding.fromLanguageDriver(driver) {
                return EncodingDecision(encoding: encoding, source: .languageDriver(driver))
            }
            if driver != 0 {
                let hex = String(driver, radix: 16, uppercase: true)
                notes.append("language driver 0x\(hex.count == 1 ? "0" + hex : hex) does not name a code page")
            }
        }
        let detection = TextEncoding.detect(textSamples(limit: sampleRecords))
        return EncodingDecision(encoding: detection.encoding, source: .detected(reason: detection.reason, notes: notes))
    }

    /// The attributes of record `index` (0-based), typed by field: C → string, N/F → integer
    /// or real, D → date, L → boolean. Empty and blank cells are `.null` (as shapelib and GDAL
    /// read them).
    ///
    /// `columns` (positions from 0) limits the decoding to the cells a caller uses: the others
    /// are `.null` without being read, and a bad value in them is not an error. They are
    /// decoded in the order given: give them ascending to meet a bad value in table order, as
    /// decoding every cell does. Nil, the default, decodes every cell (`zoning info`, `convert`
    /// and `query` show them all).
    ///
    /// `records`, this table mapped (`DBFRecords`), reads the text and number cells in place
    /// instead of through shapelib: the same values and the same errors, sooner.
    ///
    /// ```swift
    /// try parcels.attributes(at: 0, decoder: decoder, columns: [2])   // [.null, .null, .string("0702"), .null, …]
    /// ```
    /// - Throws: `ShapefileError.badValue` naming the record, field and text when a cell does not
    ///   hold what its type says (letters in a number, 20241341 in a date) or its text is not
    ///   valid in the decoder's encoding.
    public func attributes(at index: Int, decoder: TextDecoder, columns: [Int]? = nil, records: DBFRecords? = nil) throws -> [AttributeValue] {
        guard let dbf = dbfHandle, let dbfPath else { return [] }
        guard (0..<(dbfRecordCount ?? 0)).contains(index) else {
            throw ShapefileError.unreadable(path: dbfPath, message: "record \(index) does not exist (the table has \(dbfRecordCount ?? 0))")
        }
        let table = records.flatMap { $0.count == dbfRecordCount ? $0 : nil }
        // Only the cells asked for are touched: a wide table's other fields cost nothing.
        // Each field's kind and decimals looked at in place: the definitions are not copied per cell.
        return try fields.withUnsafeBufferPointer { fields in
            func cell(_ position: Int) throws -> AttributeValue {
                let kind = fields[position].kind, decimals = fields[position].decimals
                switch kind {
                case .character?, .numeric?, .float?:
                    // In place when mapped: the cell's bytes trimmed as shapelib trims them.
                    if let table, let value = try table.withCell(record: index, field: position, {
                        try Self.value(Self.trimmed($0), kind, decimals: decimals, fields[position].name, record: index, path: dbfPath, decoder: decoder)
                    }) {
                        return value
                    }
                default:
                    break
                }
                let column = Int32(position)
                if DBFIsAttributeNULL(dbf, Int32(index), column) != 0 { return .null }
                return try rawBytes(dbf, Int32(index), column).withUnsafeBytes { bytes in
                    try Self.value(bytes, kind, decimals: decimals, fields[position].name, record: index, path: dbfPath, decoder: decoder)
                }
            }
            guard let columns else { return try fields.indices.map(cell) }
            var values = [AttributeValue](repeating: .null, count: fields.count)
            for position in columns where fields.indices.contains(position) {
                values[position] = try cell(position)
            }
            return values
        }
    }

    /// A cell's value from its bytes as shapelib gives them (spaces trimmed, cut at a NUL).
    /// Null as `DBFIsAttributeNULL` says for text and numbers: nothing left, or for a number a
    /// leading `*` (dBase writes asterisks for a value too wide); date and logical cells come
    /// here only when shapelib found them not null.
    private static func value(
        _ bytes: UnsafeRawBufferPointer, _ kind: FieldDefinition.Kind?, decimals: Int, _ name: @autoclosure () -> String,
        record: Int, path: String, decoder: TextDecoder
    ) throws -> AttributeValue {
        func bad(_ problem: String) -> ShapefileError {
            .badValue(path: path, record: record, field: name(), text: String(decoding: bytes, as: UTF8.self), problem: problem)
        }
        switch kind {
        case .character?, nil:
            if bytes.isEmpty { return .null }
            do {
                return .string(try decoder.decode(bytes).trimmingTrailingSpaces())
            } catch {
                throw bad("\(error)")
            }
        case .numeric?, .float?:
            if bytes.isEmpty || bytes[0] == UInt8(ascii: "*") { return .null }
            let integral = kind == .numeric && decimals == 0
            if integral, let integer = plainInteger(bytes) { return .integer(integer) }
            if !integral, let real = plainDecimal(bytes) { return .real(real) }
            let text = String(decoding: bytes, as: UTF8.self).trimmingBothSpaces()
            if integral, let integer = Int64(text) { return .integer(integer) }
            guard let real = Double(text) else { throw bad("it is not a number") }
            return .real(real)
        case .date?:
            let text = String(decoding: bytes, as: UTF8.self).trimmingBothSpaces()
            guard let date = CalendarDate(text: text) else { throw bad("it is not a date (YYYYMMDD)") }
            return .date(date)
        case .logical?:
            switch bytes.first.map({ Character(Unicode.Scalar($0)) }) {
            case "T", "t", "Y", "y": return .boolean(true)
            case "F", "f", "N", "n": return .boolean(false)
            default: throw bad("it is not a logical value (T, F, Y, N or ?)")
            }
        }
    }

    /// An optional `-` and 1 to 18 digits, read without making a string (what `Int64(text)`
    /// reads them as); nil for anything else, which takes the general path.
    private static func plainInteger(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let negative = bytes.first == UInt8(ascii: "-")
        let digits = negative ? UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) : bytes
        guard (1...18).contains(digits.count) else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return negative ? -value : value
    }

    /// An optional `-`, 1 to 15 significant digits with at most one `.`, and at most 22 digits
    /// after it, read as `Double(text)` reads it without making a string: the digits as an
    /// integer (exact below 2⁵³) divided by a power of ten (exact up to 10²²) is one correctly
    /// rounded operation, as strtod's answer is (Clinger's fast path). Nil for anything else,
    /// which takes the general path.
    static func plainDecimal(_ bytes: UnsafeRawBufferPointer) -> Double? {
        let negative = bytes.first == UInt8(ascii: "-")
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, point = false, significant = false
        for byte in negative ? UnsafeRawBufferPointer(rebasing: bytes.dropFirst()) : bytes {
            if byte == UInt8(ascii: ".") {
                guard !point else { return nil }
                point = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            digits += 1
            if point { fraction += 1 }
            if byte != UInt8(ascii: "0") { significant = true }
            if significant { mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0")) }
            guard mantissa < 1_000_000_000_000_000, fraction <= 22 else { return nil }
        }
        guard digits > 0 else { return nil }
        let magnitude = Double(mantissa) / Self.powersOfTen[fraction]
        return negative ? -magnitude : magnitude
    }

    /// 10⁰ … 10²², each exact in a Double.
    private static let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// A cell's stored bytes as `DBFReadStringAttribute` returns them: cut at the first NUL,
    /// leading and trailing spaces trimmed.
    static func trimmed(_ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard let base = raw.baseAddress, !raw.isEmpty else { return raw }
        var end = memchr(base, 0, raw.count).map { UnsafeRawPointer($0) - base } ?? raw.count
        var start = 0
        while start < end, raw[start] == UInt8(ascii: " ") { start += 1 }
        while end > start, raw[end - 1] == UInt8(ascii: " ") { end -= 1 }
        return UnsafeRawBufferPointer(rebasing: raw[start..<end])
    }

    /// The field names decoded in the attribute encoding: Chinese names in a GBK table read
    /// right. A name that is not valid there keeps its UTF-8 reading (`FieldDefinition.name`).
    public func fieldNames(decoder: TextDecoder) -> [String] {
        fields.map { (try? decoder.decode($0.nameBytes)) ?? $0.name }
    }

    /// The raw bytes of the text cells of the first `limit` records, for detection.
    func textSamples(limit: Int) -> [[UInt8]] {
        guard let dbf = dbfHandle else { return [] }
        let textColumns = fields.indices.filter { fields[$0].kind == .character }
        var samples: [[UInt8]] = []
        for record in 0..<min(limit, dbfRecordCount ?? 0) {
            for column in textColumns {
                let bytes = rawBytes(dbf, Int32(record), Int32(column))
                if bytes.contains(where: { $0 >= 0x80 }) { samples.append(bytes) }
            }
        }
        return samples
    }

    /// The cell's bytes as stored, spaces trimmed by shapelib.
    private func rawBytes(_ dbf: DBFHandle, _ record: Int32, _ column: Int32) -> [UInt8] {
        guard let text = DBFReadStringAttribute(dbf, record, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: text, count: strlen(text)))
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        // Cells come trimmed: most end in neither, and the string is kept as it is (shared).
        guard let last = utf8.last, last == UInt8(ascii: " ") || last == 0 else { return self }
        var text = self
        while text.last == " " || text.last == "\0" { text.removeLast() }
        return text
    }

    fileprivate func trimmingBothSpaces() -> String {
        String(trimmingTrailingSpaces().drop { $0 == " " })
    }
}
