import CShapelib
import Foundation

/// The .shx index checked against the .shp before any record is trusted: each entry must
/// point inside the .shp at a record header with the entry's record number and length, each
/// record must have the file's shape type (or be a null shape), and the .shp must hold no
/// records past the last one the index lists. shapelib reads whatever the index points at, so
/// a truncated or foreign .shx would otherwise drop or misread records without a word.
///
/// ```swift
/// ShapefileIndexCheck.problem(handle, shp: "DLTB.shp", type: .polygon)  // nil: the index fits
/// // "record 17: the .shx points at byte 40 212, where the .shp holds record 9 — …"
/// ```
enum ShapefileIndexCheck {
    /// A description of the first problems found (record numbers from 0, as messages count
    /// them), or nil when the index fits the .shp.
    static func problem(_ handle: SHPHandle, shp: String, type: ShapeType) -> String? {
        let info = handle.pointee
        let count = Int(info.nRecords)
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: shp), options: .alwaysMapped) else { return nil }
        let size = data.count
        var problems: [String] = []
        var end = 100  // the end of the last record read, in bytes
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            func bigEndian(_ at: Int) -> Int { Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))) }
            func littleEndian(_ at: Int) -> Int { Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))) }
            for record in 0..<count where problems.count < 5 {
                let offset = Int(info.panRecOffset[record]), length = Int(info.panRecSize[record])
                guard offset >= 100, offset + 8 + length <= size else {
                    problems.append("record \(record): the .shx points at bytes \(offset)–\(offset + 8 + length), beyond the .shp's \(size)")
                    continue
                }
                let number = bigEndian(offset), words = bigEndian(offset + 4)
                if number != record + 1 || words * 2 != length {
                    problems.append("record \(record): the .shx points at byte \(offset), where the .shp holds record \(number - 1) of \(words * 2) bytes, not \(length)")
                    continue
                }
                if length >= 4 {
                    let raw = littleEndian(offset + 8)
                    if raw != 0, raw != Int(type.rawValue) {
                        let name = ShapeType(rawValue: Int32(truncatingIfNeeded: raw)).map(\.description) ?? "unknown type \(raw)"
                        problems.append("record \(record) is a \(name) shape in a \(type) file")
                    }
                }
                end = max(end, offset + 8 + length)
            }
        }
        if problems.isEmpty, count > 0, end < size, size - end >= 8 {
            // Record headers after the last indexed record: the .shx is shorter than the .shp.
            problems.append("the .shp holds \(size - end) bytes of records after the \(count) the .shx lists")
        }
        return problems.isEmpty ? nil : problems.joined(separator: "; ")
    }

    /// Before shapelib rebuilds a missing .shx by walking the .shp from record header to record
    /// header: a description of the first header whose length would not move the walk forward
    /// inside the file, or nil when every step does.
    ///
    /// shapelib (1.5) adds each header's content length, in 16-bit words, to its position in
    /// 32-bit unsigned arithmetic and stops only at the length the file header declares: a
    /// negative length sent it back to an earlier header, round and round forever (found by the
    /// shapefile fuzzer), and a length near 2³¹ words wraps the position the same way. A walk
    /// that reaches the end of the bytes first stops shapelib with an error, so it passes here.
    ///
    /// ```swift
    /// ShapefileIndexCheck.walkProblem(shp: "DLTB.shp")
    /// // "the record header at byte 132 gives a content length of -34 words: …"
    /// ```
    static func walkProblem(shp: String) -> String? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: shp), options: .alwaysMapped), data.count >= 100 else {
            return nil  // shapelib refuses a file without a whole header itself
        }
        let size = data.count
        guard size < 1 << 32 else { return "it holds \(size) bytes, more than a shapefile's offsets can address" }
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
            func bigEndian(_ at: Int) -> Int32 { Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self)) }
            // The length shapelib walks to: the header's, in words, doubled in 32 bits as it does.
            let declared = Int(UInt32(bitPattern: bigEndian(24)) &* 2)
            var offset = 100
            while offset < declared, offset + 8 <= size {
                let words = Int(bigEndian(offset + 4))
                let next = offset + 8 + 2 * words
                guard words >= 0, next <= size else {
                    return "the record header at byte \(offset) gives a content length of \(words) words, which ends \(words < 0 ? "before the header itself" : "at byte \(next), past the file's \(size)"): the .shp is damaged or truncated, and its .shx cannot be rebuilt from it. Take the .shp and its .shx from the original delivery"
                }
                offset = next
            }
            return nil
        }
    }
}
