import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningShapefile
import ZoningSupport

/// Reads a shapefile as features, in file order. `forEach` decodes batches of records on
/// every core (each thread with its own shapelib handles and text decoder) and hands them
/// over in order: only the current batch is held in memory. Records flagged deleted in the
/// .dbf are skipped, as GDAL, QGIS and ArcGIS skip them, and listed in `deletedRecords`.
///
/// ```swift
/// let parcels = try ShapefileLayerReader(path: "DLTB.shp")
/// print(parcels.encoding)   // GBK (detected: …)
/// try parcels.forEach { feature in
///     let code = feature.attributes[parcels.schema.index(of: "DLBM")!]
/// }
/// ```
///
/// Not `Sendable` (it holds open files); open one per task.
public final class ShapefileLayerReader {
    /// The shapelib handles; internal, so that no caller above the layers reaches into them.
    let dataset: ShapefileDataset
    /// The layer name: the file name without extension.
    public let name: String
    public let schema: Schema
    /// The CRS: `crsOverride`, else the .prj's; nil when there is neither.
    public let crs: CoordinateReferenceSystem?
    /// The attribute encoding and how it was decided.
    public let encoding: EncodingDecision
    private let decoder: TextDecoder
    /// The path it was opened with, to open more handles for the reading threads.
    private let path: String
    /// The records (from 0) flagged deleted in the .dbf that the last `forEach` skipped.
    public private(set) var deletedRecords: [Int] = []
    /// The attribute columns (positions from 0) `forEach` and `feature(at:)` decode; the
    /// others read as `.null`, undecoded. Nil, the default, decodes them all.
    public var selectedColumns: Set<Int>?

    /// - Parameters:
    ///   - encoding: the attribute encoding, overriding .cpg, language driver and detection.
    ///   - crsOverride: the CRS, overriding (or standing in for) the .prj.
    /// - Throws: `ShapefileError` when the files cannot be opened, `ProjectionError` when a
    ///   .prj exists but cannot be read and no override is given.
    public init(path: String, encoding: TextEncoding? = nil, crsOverride: CoordinateReferenceSystem? = nil) throws {
        dataset = try ShapefileDataset(path: path)
        self.path = path
        // The .shx says how many shapes there are; a truncated index would silently drop the
        // records beyond it (`zoning info` shows the mismatch without stopping).
        if dataset.shapeType != nil, let dbfCount = dataset.dbfRecordCount, dbfCount != dataset.recordCount {
            throw LayerError.unreadable(
                path: dataset.shpPath ?? dataset.basePath,
                problem: "the .shx index lists \(dataset.recordCount) records but the .dbf holds \(dbfCount): the index is truncated or belongs to another file. Delete the .shx (zoning rebuilds a missing one from the .shp) or take it from the original delivery")
        }
        name = URL(fileURLWithPath: dataset.basePath).lastPathComponent
        if let crsOverride {
            crs = crsOverride
        } else if let text = dataset.projectionText {
            crs = try CoordinateReferenceSystem(prj: text)
        } else {
            crs = nil
        }
        self.encoding = dataset.encodingDecision(option: encoding)
        decoder = try TextDecoder(self.encoding.encoding)
        schema = Schema(zip(dataset.fields, dataset.fieldNames(decoder: decoder)).map { definition, name in
            var field = Field(definition)
            field.name = name
            return field
        })
    }

    /// The number of records, those flagged deleted included.
    public var count: Int { dataset.recordCount }

    /// Record `index` (from 0), even one flagged deleted (`dataset.isDeleted`).
    ///
    /// - Throws: `LayerError.badRecord` naming the file and record when its geometry cannot be
    ///   built, `ShapefileError.badValue` for a bad attribute.
    public func feature(at index: Int) throws -> Feature {
        try Self.feature(at: index, Reading(dataset, decoder, selectedColumns, records: nil, table: nil))
    }

    /// Record `index`, or nil when the .dbf flags it deleted (nothing of it is decoded).
    private static func live(at index: Int, _ reading: Reading) throws -> Feature? {
        (reading.table?.isDeleted(index) ?? reading.dataset.isDeleted(index)) ? nil : try feature(at: index, reading)
    }

    private static func feature(at index: Int, _ reading: Reading) throws -> Feature {
        let dataset = reading.dataset
        let geometry: Geometry?
        if dataset.shapeType == nil {
            geometry = nil
        } else {
            do {
                // Straight from the mapped .shp when the record is plainly well formed; else
                // (and for every problem) through shapelib.
                if let fast = try reading.records?.withView(at: index, { try ShapeGeometry.make($0, xy: &reading.xy) }) ?? nil {
                    geometry = fast
                } else {
                    geometry = try ShapeGeometry.make(dataset.shape(at: index))
                }
            } catch let problem as ShapeGeometry.Problem {
                throw LayerError.badRecord(path: dataset.shpPath ?? dataset.basePath, record: index, problem: problem.message)
            } catch let error as GEOSError {
                throw LayerError.badRecord(path: dataset.shpPath ?? dataset.basePath, record: index, problem: error.description)
            }
        }
        return Feature(id: index, geometry: geometry, attributes: try dataset.attributes(at: index, decoder: reading.decoder, columns: reading.columns, records: reading.table))
    }

    /// Records per thread and batch.
    static let batchPerThread = 2048

    /// Calls `body` with every feature in file order, skipping the records flagged deleted
    /// (listed in `deletedRecords` afterwards). Records are decoded in batches on
    /// `Parallel.threads` threads, the next batch while `body` is given this one (on the
    /// calling thread); a bad record throws the same error, at the same place in the order, as
    /// reading one record at a time.
    public func forEach(_ body: (Feature) throws -> Void) throws {
        deletedRecords = []
        // The .shp and .dbf mapped once for every thread, and unmapped when the reading ends.
        let records = ShapeRecords(dataset), table = DBFRecords(dataset)
        let threads = min(Parallel.threads, max(1, count / Self.batchPerThread))
        guard threads > 1 else {
            let reading = Reading(dataset, decoder, selectedColumns, records: records, table: table)
            for index in 0..<count {
                if let feature = try Self.live(at: index, reading) { try body(feature) } else { deletedRecords.append(index) }
                if index % Self.batchPerThread == Self.batchPerThread - 1 {
                    records?.release(index + 1 - Self.batchPerThread..<index + 1)
                    table?.release(index + 1 - Self.batchPerThread..<index + 1)
                }
            }
            return
        }
        // Thread 0 reads with this reader's handles, the others with their own.
        var handles = [Reading(dataset, decoder, selectedColumns, records: records, table: table)]
        for _ in 1..<threads {
            handles.append(Reading(try ShapefileDataset(path: path), try TextDecoder(encoding.encoding), selectedColumns, records: records, table: table))
        }
        let shared = Handles(handles)
        let batch = Self.batchPerThread * threads, total = count
        // The next batch is decoded while this one is handed over: `body` runs in file order on
        // this thread, and the decoding threads never wait for it.
        @Sendable func decode(_ start: Int) -> Decoded {
            let end = min(start + batch, total)
            let decoded = Decoded(count: end - start)
            let share = (end - start + threads - 1) / threads
            DispatchQueue.concurrentPerform(iterations: threads) { t in
                let reading = shared.handles[t]
                for index in (start + t * share)..<min(start + (t + 1) * share, end) {
                    let result = Result { try Self.live(at: index, reading) }
                    decoded.set(index - start, result)
                    if case .failure = result { break }  // the rest of this share is not needed
                }
            }
            records?.release(start..<end)
            table?.release(start..<end)
            return decoded
        }
        var current = decode(0)
        for start in stride(from: 0, to: total, by: batch) {
            let next = start + batch < total ? Parallel.Pending { decode(start + batch) } : nil
            // Whatever happens to `body`, the batch decoded ahead is finished before the
            // handles and mappings it uses go.
            defer { _ = try? next?.value() }
            for k in 0..<min(batch, total - start) {
                if let feature = try current.take(k).get() { try body(feature) } else { deletedRecords.append(start + k) }
            }
            if let next { current = try next.value() }
        }
    }
}

/// What one reading thread uses: its own shapelib handles, decoder and vertex buffer (kept
/// from record to record), the columns to decode, and the mapped .shp and .dbf all threads
/// share (nil reads every record, or every cell, through shapelib).
private final class Reading {
    let dataset: ShapefileDataset
    let decoder: TextDecoder
    /// Ascending, so that a bad value is met in table order.
    let columns: [Int]?
    let records: ShapeRecords?
    let table: DBFRecords?
    var xy: [Double] = []

    init(_ dataset: ShapefileDataset, _ decoder: TextDecoder, _ columns: Set<Int>?, records: ShapeRecords?, table: DBFRecords?) {
        self.dataset = dataset
        self.decoder = decoder
        self.columns = columns?.sorted()
        self.records = records
        self.table = table
    }
}

/// Each reading thread's `Reading`, used by that thread alone.
private final class Handles: @unchecked Sendable {
    let handles: [Reading]
    init(_ handles: [Reading]) { self.handles = handles }
}

/// A batch's decoded records, each slot written by one thread before the batch is handed over.
private final class Decoded: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Feature?, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ k: Int, _ result: Result<Feature?, any Error>) { lock.withLock { slots[k] = result } }

    /// Slot `k`, emptied. A slot left empty follows a failure earlier in its share, which
    /// `forEach` reaches (and throws) first.
    func take(_ k: Int) -> Result<Feature?, any Error> {
        lock.withLock {
            defer { slots[k] = nil }
            return slots[k] ?? .failure(CancellationError())
        }
    }
}

extension ShapefileLayerReader: DeletedRecordSource, ColumnSelectingSource {
    public var files: [String] {
        ["shp", "shx", "dbf", "prj", "cpg"].compactMap { ShapefileDataset.sidecar(dataset.basePath, $0) }
    }
}
