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
    ///
    /// `columns` (positions from 0) limits the decoding to the cells a caller uses: the others
    /// are `.null` without being read, and a bad value in them is not an error. Nil, the
    /// default, decodes every cell (`zoning info`, `convert` and `query` show them all).
    ///
    /// ```swift
    /// try parcels.attributes(at: 0, decoder: decoder, columns: [2])   // [.null, .null, .string("0702"), .null, …]
    /// ```
    /// - Throws: `ShapefileError.badValue` naming the record, field and text when a cell does not
    ///   hold what its type says (letters in a number, 20241341 in a date) or its text is not
    ///   valid in the decoder's encoding.
    public func attributes(at index: Int, decoder: TextDecoder, columns: Set<Int>? = nil) throws -> [AttributeValue] {
        guard let dbf = dbfHandle, let dbfPath else { return [] }
        guard (0..<(dbfRecordCount ?? 0)).contains(index) else {
            throw ShapefileError.unreadable(path: dbfPath, message: "record \(index) does not exist (the table has \(dbfRecordCount ?? 0))")
        }
        // Only the cells asked for are touched: a wide table's other fields cost nothing.
        func cell(_ position: Int, _ field: FieldDefinition) throws -> AttributeValue {
            let column = Int32(position)
            let bytes = rawBytes(dbf, Int32(index), column)
            func bad(_ problem: String) -> ShapefileError {
                .badValue(path: dbfPath, record: index, field: field.name, text: String(decoding: bytes, as: UTF8.self), problem: problem)
            }
            if DBFIsAttributeNULL(dbf, Int32(index), column) != 0 { return .null }
            switch field.kind {
            case .character?, nil:
                do {
                    return .string(try decoder.decode(bytes).trimmingTrailingSpaces())
                } catch {
                    throw bad("\(error)")
                }
            case .numeric?, .float?:
                let text = String(decoding: bytes, as: UTF8.self).trimmingBothSpaces()
                if field.kind == .numeric && field.decimals == 0, let integer = Int64(text) { return .integer(integer) }
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
        guard let columns else { return try fields.enumerated().map { try cell($0, $1) } }
        var values = [AttributeValue](repeating: .null, count: fields.count)
        for position in columns.sorted() where fields.indices.contains(position) {
            values[position] = try cell(position, fields[position])
        }
        return values
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
        var text = self
        while text.last == " " || text.last == "\0" { text.removeLast() }
        return text
    }

    fileprivate func trimmingBothSpaces() -> String {
        String(trimmingTrailingSpaces().drop { $0 == " " })
    }
}
