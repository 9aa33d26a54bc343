import CShapelib
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A polygon or polyline record's parts and vertices where they lie in the mapped .shp
/// (`ShapeRecords`): nothing copied, nothing allocated. The reader turns them into GEOS
/// geometries directly; `ShapefileDataset.shape(at:)` (through shapelib) stays the general path.
///
/// Only a record that is plainly well formed gets a view (`ShapeRecords.withView`): a 2D
/// Polygon or PolyLine of the file's own type, its header's number and length those of the
/// .shx, at least one part and one vertex, the part and vertex counts filling the record
/// exactly, the parts starting at vertex 0 and increasing inside the vertex count. Every other
/// record (null shapes, Z and M types, damaged ones) is read through shapelib, which says
/// what is wrong with it, so a damaged record gives the same error either way.
///
/// ```swift
/// let records = try #require(ShapeRecords(parcels))
/// records.withView(at: 0) { view in
///     view.partCount        // 1
///     view.pointCount       // 17
///     view.x(0)             // 40 512 345.6 (metres, the layer's CRS)
/// }
/// ```
public struct ShapeRecordView {
    /// `.polygon` or `.polyLine`.
    public let type: ShapeType
    public let partCount: Int
    public let pointCount: Int
    /// The part starts (little-endian Int32) followed by the vertices (little-endian x, y
    /// doubles), at any byte alignment.
    private let parts: UnsafeRawPointer
    private let points: UnsafeRawPointer

    /// The vertex where part `index` starts (0 for the first).
    public func partStart(_ index: Int) -> Int {
        Int(Int32(littleEndian: parts.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self)))
    }

    /// The vertex where part `index` ends (exclusive).
    public func partEnd(_ index: Int) -> Int {
        index + 1 < partCount ? partStart(index + 1) : pointCount
    }

    public func x(_ vertex: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: points.loadUnaligned(fromByteOffset: 16 * vertex, as: UInt64.self)))
    }

    public func y(_ vertex: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: points.loadUnaligned(fromByteOffset: 16 * vertex + 8, as: UInt64.self)))
    }

    /// Copies vertices `range` into `xy` as x0, y0, x1, y1, … (replacing its contents, keeping
    /// its capacity), for GEOS to copy in one call.
    public func copy(_ range: Range<Int>, into xy: inout [Double]) {
        xy.removeAll(keepingCapacity: true)
        xy.reserveCapacity(range.count * 2)
        for vertex in range {
            xy.append(x(vertex))
            xy.append(y(vertex))
        }
    }

    /// The view of the record at `bytes[offset...]` (its 8-byte header first) with
    /// `length` bytes of content, or nil unless it is plainly well formed (see the type).
    static func make(_ bytes: UnsafeRawBufferPointer, offset: Int, length: Int, record: Int, fileType: ShapeType) -> ShapeRecordView? {
        guard fileType == .polygon || fileType == .polyLine, offset >= 100, length >= 44,
            offset + 8 + length <= bytes.count, let base = bytes.baseAddress
        else { return nil }
        func bigEndian(_ at: Int) -> Int { Int(Int32(bigEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))) }
        func littleEndian(_ at: Int) -> Int { Int(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: Int32.self))) }
        guard bigEndian(offset) == record + 1, bigEndian(offset + 4) * 2 == length,
            littleEndian(offset + 8) == Int(fileType.rawValue)
        else { return nil }
        let content = offset + 8
        let partCount = littleEndian(content + 36), pointCount = littleEndian(content + 40)
        guard partCount >= 1, pointCount >= 1, partCount <= pointCount,
            44 + 4 * partCount + 16 * pointCount == length
        else { return nil }
        let view = ShapeRecordView(
            type: fileType, partCount: partCount, pointCount: pointCount,
            parts: base + content + 44, points: base + content + 44 + 4 * partCount)
        guard view.partStart(0) == 0 else { return nil }
        for part in 1..<partCount where !(view.partStart(part - 1) < view.partStart(part) && view.partStart(part) < pointCount) {
            return nil
        }
        return view
    }
}

/// A .shp's records mapped into memory once (the pages are read as the records are touched),
/// with the .shx's offsets and lengths: every reading thread views its records in place
/// through one mapping, released with this object. `release` lets the pages of records
/// already read go, so that a large file never sits in memory whole.
///
/// ```swift
/// let records = ShapeRecords(parcels)     // nil without a .shp, or for a file that cannot be mapped
/// records?.withView(at: 12) { $0.pointCount }
/// records?.release(0..<4096)               // done with the first 4 096 records
/// ```
public final class ShapeRecords: @unchecked Sendable {
    // @unchecked: the mapping is read-only and never changes while the object lives; madvise
    // only drops pages, which the next read brings back from the file.
    /// The file's shape type.
    public let type: ShapeType
    private let base: UnsafeRawPointer
    private let size: Int
    /// Each record's header offset and content length in bytes, from the .shx (as shapelib
    /// read it and `ShapefileIndexCheck` checked it against the .shp).
    private let offsets: [Int]
    private let lengths: [Int]

    public init?(_ dataset: ShapefileDataset) {
        guard let handle = dataset.shpHandle, let type = dataset.shapeType, let path = dataset.openedShpPath else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_size > 0,
            let mapped = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)  // MAP_FAILED
        else { return nil }
        let header = handle.pointee
        self.type = type
        base = UnsafeRawPointer(mapped)
        size = Int(info.st_size)
        offsets = (0..<dataset.recordCount).map { Int(header.panRecOffset[$0]) }
        lengths = (0..<dataset.recordCount).map { Int(header.panRecSize[$0]) }
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), size) }

    /// Calls `body` with a view of record `index` (from 0) when it is a plainly well-formed 2D
    /// polygon or polyline (`ShapeRecordView`); returns nil without calling it otherwise: read
    /// that record with `ShapefileDataset.shape(at:)`. The view is valid only inside `body`.
    public func withView<Result>(at index: Int, _ body: (ShapeRecordView) throws -> Result) rethrows -> Result? {
        guard offsets.indices.contains(index),
            let view = ShapeRecordView.make(
                UnsafeRawBufferPointer(start: base, count: size), offset: offsets[index], length: lengths[index], record: index, fileType: type)
        else { return nil }
        return try body(view)
    }

    /// Drops from memory the pages lying wholly within the bytes of `records` (a range of
    /// record numbers), once they have been read; a later read of them maps them in again.
    public func release(_ records: Range<Int>) {
        let records = records.clamped(to: offsets.indices)
        guard !records.isEmpty else { return }
        let start = records.lazy.map { self.offsets[$0] }.min()!
        let end = min(size, records.lazy.map { self.offsets[$0] + 8 + self.lengths[$0] }.max()!)
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (start + page - 1) / page * page, last = end / page * page
        guard last > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), last - first, Int32(MADV_DONTNEED))
    }
}
