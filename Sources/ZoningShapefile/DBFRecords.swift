import CShapelib
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A .dbf's records mapped into memory once, shared by the reading threads: each cell of a
/// text or number column read as a slice of its fixed-width record, with no shapelib call and
/// no copy. `ShapefileDataset.attributes(at:decoder:columns:records:)` reads text (`C`) and
/// number (`N`, `F`) cells through it, trimmed and tested for null exactly as shapelib's
/// `DBFReadStringAttribute` and `DBFIsAttributeNULL` do; dates, logicals and other types still
/// go through shapelib. `release` lets the pages of records already read go.
///
/// The layout is shapelib's own reading of the header (header length, record length, each
/// field's offset and width); a table whose fields do not fit its records, or that is smaller
/// than its header says, gets no mapping (nil), and is read through shapelib as before.
///
/// ```swift
/// let table = DBFRecords(parcels)          // nil without a .dbf
/// table?.withCell(record: 0, field: 2) { Array($0) }   // the bytes of DLBM in record 0: "0702" padded with spaces
/// table?.isDeleted(0)                      // false
/// ```
public final class DBFRecords: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes while the object lives; madvise
    // only drops pages, which the next read brings back from the file.
    private let base: UnsafeRawPointer
    private let size: Int
    private let headerLength: Int
    private let recordLength: Int
    /// The number of records the header gives (and the file holds).
    public let count: Int
    /// Each field's offset in its record (the deletion flag is byte 0) and width, in bytes.
    private let offsets: [Int]
    private let widths: [Int]

    public init?(_ dataset: ShapefileDataset) {
        guard let handle = dataset.dbfHandle, let path = dataset.dbfPath else { return nil }
        let header = handle.pointee
        let headerLength = Int(header.nHeaderLength), recordLength = Int(header.nRecordLength)
        let count = Int(header.nRecords), fields = Int(header.nFields)
        guard headerLength > 0, recordLength > 0, count >= 0, fields == dataset.fields.count,
            fields == 0 || (header.panFieldOffset != nil && header.panFieldSize != nil)
        else { return nil }
        let offsets = (0..<fields).map { Int(header.panFieldOffset[$0]) }
        let widths = (0..<fields).map { Int(header.panFieldSize[$0]) }
        for field in 0..<fields where !(offsets[field] >= 1 && widths[field] >= 0 && offsets[field] + widths[field] <= recordLength) {
            return nil
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0, Int(info.st_size) >= headerLength + count * recordLength,
            let mapped = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)  // MAP_FAILED
        else { return nil }
        base = UnsafeRawPointer(mapped)
        size = Int(info.st_size)
        self.headerLength = headerLength
        self.recordLength = recordLength
        self.count = count
        self.offsets = offsets
        self.widths = widths
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// Whether record `index` is flagged deleted (`*` as its first byte); false outside the table.
    public func isDeleted(_ index: Int) -> Bool {
        guard (0..<count).contains(index) else { return false }
        return base.load(fromByteOffset: headerLength + index * recordLength, as: UInt8.self) == UInt8(ascii: "*")
    }

    /// Calls `body` with the bytes of cell (`record`, `field`) as stored (padding included),
    /// valid only inside `body`; nil without calling it outside the table.
    public func withCell<Result>(record: Int, field: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result? {
        guard (0..<count).contains(record), offsets.indices.contains(field) else { return nil }
        return try body(UnsafeRawBufferPointer(start: base + headerLength + record * recordLength + offsets[field], count: widths[field]))
    }

    /// Drops from memory the pages lying wholly within `records` (a range of record numbers),
    /// once they have been read; a later read of them maps them in again.
    public func release(_ records: Range<Int>) {
        let records = records.clamped(to: 0..<count)
        guard !records.isEmpty else { return }
        let start = headerLength + records.lowerBound * recordLength, end = headerLength + records.upperBound * recordLength
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page, last = end / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
    }
}
