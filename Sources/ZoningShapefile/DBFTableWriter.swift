import CShapelib
import Foundation
import ZoningSupport

/// Writes a DBF attribute table record by record, cells already typed and sized by the caller.
///
/// ```swift
/// let table = try DBFTableWriter(path: "/tmp/out.dbf", fields: [FieldDefinition(name: "NAME", kind: .character, width: 20)],
///                                encoding: .gbk)
/// try table.write([.string("城关街道")])
/// try table.close()
/// ```
///
/// Text is encoded in `encoding`; the header's language-driver byte says so where dBase has a
/// code for it (0x4D for GBK, as ArcGIS writes; 0 otherwise). The .cpg file is the caller's to
/// write. Not `Sendable`.
public final class DBFTableWriter {
    public let path: String
    public let fields: [FieldDefinition]
    private let encoding: TextEncoding
    private var handle: DBFHandle?
    private var record: Int32 = 0

    /// Creates (or truncates) the table with `fields`, whose names must already be at most 10
    /// bytes in `encoding` and unique.
    ///
    /// - Parameter lastModified: the date the header records; nil for today (shapelib's
    ///   default). Give one to make the same data give the same bytes on any day.
    public init(path: String, fields: [FieldDefinition], encoding: TextEncoding, lastModified: CalendarDate? = nil) throws {
        var hooks = ShapelibHooks.make()
        let driver = encoding == .gbk || encoding == .gb18030 ? 0x4D : 0
        guard let handle = DBFCreateLL(path, "LDID/\(driver)", &hooks) else {
            throw ShapefileError.unwritable(path: path, message: ShapelibHooks.takeMessage() ?? "it cannot be created")
        }
        self.path = path
        self.fields = fields
        self.encoding = encoding
        self.handle = handle
        if let lastModified {
            DBFSetLastModifiedDate(handle, Int32(lastModified.year - 1900), Int32(lastModified.month), Int32(lastModified.day))
        }
        for field in fields {
            let nameBytes = try encoding.encode(field.name)
            guard nameBytes.count <= 10 else {
                throw ShapefileError.unwritable(path: path, message: "field name \(field.name) is \(nameBytes.count) bytes; DBF allows 10")
            }
            let name = nameBytes.map { CChar(bitPattern: $0) } + [0]
            let letter = CChar(field.typeLetter.asciiValue ?? UInt8(ascii: "C"))
            guard DBFAddNativeFieldType(handle, name, letter, Int32(field.width), Int32(field.decimals)) >= 0 else {
                throw ShapefileError.unwritable(
                    path: path, message: "field \(field.name) (\(field.typeLetter) \(field.width).\(field.decimals)) could not be added")
            }
        }
    }

    deinit {
        if let handle { DBFClose(handle) }
    }

    /// Appends one record. Strings must fit their width once encoded; numbers are written with
    /// the field's decimals and must fit its width.
    ///
    /// - Throws: `ShapefileError.unwritable` naming the record and field when a value does not
    ///   fit or cannot be encoded.
    public func write(_ values: [AttributeValue]) throws {
        guard let handle else { throw ShapefileError.unwritable(path: path, message: "the table is closed") }
        for (column, field) in fields.enumerated() {
            let value = column < values.count ? values[column] : .null
            func fail(_ problem: String) -> ShapefileError {
                .unwritable(path: path, message: "record \(record), field \(field.name): \(problem)")
            }
            guard let text = try cellText(value, field, fail) else {
                _ = DBFWriteNULLAttribute(handle, record, Int32(column))
                continue
            }
            guard text.count <= field.width else {
                throw fail("\(text.count) bytes do not fit the field's width of \(field.width)")
            }
            var bytes = text.map { CChar(bitPattern: $0) } + [0]
            guard DBFWriteAttributeDirectly(handle, record, Int32(column), &bytes) != 0 else {
                throw fail(ShapelibHooks.takeMessage() ?? "shapelib could not write it")
            }
        }
        record += 1
    }

    /// Flushes the header and closes the file.
    public func close() throws {
        guard let handle else { return }
        DBFClose(handle)
        self.handle = nil
        if let message = ShapelibHooks.takeMessage() {
            throw ShapefileError.unwritable(path: path, message: message)
        }
    }

    /// The bytes a cell holds: text left-aligned, numbers right-aligned to the width; nil for null.
    private func cellText(_ value: AttributeValue, _ field: FieldDefinition, _ fail: (String) -> ShapefileError) throws -> [UInt8]? {
        let text: String
        switch (value, field.kind) {
        case (.null, _):
            return nil
        case (_, .character?), (_, nil):
            do { return try encoding.encode(value.description) } catch { throw fail("\(error)") }
        case (.integer(let number), .numeric?), (.integer(let number), .float?):
            text = field.decimals == 0 ? String(number) : FixedDecimal.text(Double(number), decimals: field.decimals)
        case (.real(let number), .numeric?), (.real(let number), .float?):
            guard number.isFinite else { throw fail("\(number) cannot be stored in a DBF number") }
            text = FixedDecimal.text(number, decimals: field.decimals)
        case (.date(let date), .date?):
            text = date.dbfText
        case (.boolean(let flag), .logical?):
            text = flag ? "T" : "F"
        default:
            throw fail("a \(value) value cannot go in a \(field.kind?.description ?? "?") field")
        }
        let bytes = Array(text.utf8)
        return [UInt8](repeating: 0x20, count: max(0, field.width - bytes.count)) + bytes
    }
}
