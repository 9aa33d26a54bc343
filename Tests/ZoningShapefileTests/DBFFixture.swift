import CShapelib
import Foundation

/// Writes small DBF tables for tests with shapelib's own functions, cell bytes as given (so
/// a test controls the encoding exactly).
enum DBFFixture {
    static func write(_ path: String, fields: [(String, Character, Int, Int)], rows: [[[UInt8]]]) throws {
        guard let dbf = DBFCreate(path) else { throw CocoaError(.fileWriteUnknown) }
        defer { DBFClose(dbf) }
        for (name, type, width, decimals) in fields {
            _ = DBFAddNativeFieldType(dbf, name, CChar(type.asciiValue!), Int32(width), Int32(decimals))
        }
        for (record, row) in rows.enumerated() {
            for (field, bytes) in row.enumerated() {
                if bytes.isEmpty {
                    _ = DBFWriteNULLAttribute(dbf, Int32(record), Int32(field))
                } else {
                    var text = bytes.map { CChar(bitPattern: $0) } + [0]
                    _ = DBFWriteAttributeDirectly(dbf, Int32(record), Int32(field), &text)
                }
            }
        }
    }
}
