import CGDAL
import Foundation

/// A bound on the time one GDAL read call may take on a SQLite-based file (a GeoPackage):
/// a view over an endless recursive query would otherwise hang `zoning info` and `convert`
/// inside a single call. SQLite's progress handler checks the deadline as it works and
/// interrupts the statement once it has passed; the caller then reports `VectorError.tooSlow`.
///
/// The bound is per call (one feature, one count), never for the whole layer, so a large
/// layer reads as long as it takes. `ZONING_GDAL_CALL_SECONDS` sets it (default 300).
///
/// ```swift
/// watch.start(); defer { watch.stop() }
/// let feature = OGR_L_GetNextFeature(layer)
/// if watch.timedOut { throw VectorError.tooSlow(…) }
/// ```
final class CallWatch {
    /// Seconds one call may take.
    static let limit: Double = ProcessInfo.processInfo.environment["ZONING_GDAL_CALL_SECONDS"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 300

    /// Nanoseconds of uptime at which the current call is interrupted; 0 between calls.
    private(set) var deadline: UInt64 = 0
    /// Whether the last call was interrupted.
    private(set) var timedOut = false

    /// Installs the handler on the dataset's SQLite connection, when it has one.
    func attach(to dataset: GDALDatasetH) {
        guard let database = GDALGetInternalHandle(dataset, "SQLITE_HANDLE") else { return }
        sqlite3_progress_handler(OpaquePointer(database), 10_000, { context in
            guard let context else { return 0 }
            let watch = Unmanaged<CallWatch>.fromOpaque(context).takeUnretainedValue()
            guard watch.deadline > 0, DispatchTime.now().uptimeNanoseconds > watch.deadline else { return 0 }
            watch.timedOut = true
            return 1
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Removes the handler (before the dataset closes).
    func detach(from dataset: GDALDatasetH) {
        guard let database = GDALGetInternalHandle(dataset, "SQLITE_HANDLE") else { return }
        sqlite3_progress_handler(OpaquePointer(database), 0, nil, nil)
    }

    /// Starts the clock for one call.
    func start() {
        timedOut = false
        deadline = DispatchTime.now().uptimeNanoseconds + UInt64(Self.limit * 1e9)
    }

    /// Stops the clock.
    func stop() { deadline = 0 }
}
