import CGEOS
import ZoningSupport

/// One GEOS context handle per OS thread, with that thread's last error message.
///
/// GEOS's reentrant API requires that a context is never used by two threads at once. Every
/// wrapper call takes the calling thread's own — `GEOSContext.current`, or `currentHandle` when
/// it needs only the handle — so no context is ever shared and callers never see one. The
/// handle is finished when its thread exits.
///
/// Geometries are not bound to a context: GEOS geometries refer only to the process-wide
/// default geometry factory, so a geometry made on one thread can be read on another.
final class GEOSContext {
    let handle: GEOSContextHandle_t

    /// The message of the last GEOS error on this thread, until `takeError()` reads it.
    fileprivate(set) var lastError: String?

    private static let perThread = ThreadLocal { GEOSContext() }

    /// The calling thread's context.
    static var current: GEOSContext { perThread.value }

    /// The calling thread's context handle, read without retaining the context: the path of
    /// the calls that need only the handle (predicates, measurements, destruction), where a
    /// retain and release cost as much as a small GEOS call (Scripts/bench-geos.sh).
    static var currentHandle: GEOSContextHandle_t { perThread.withValue { $0.handle } }

    private init() {
        // GEOS_init_r only fails when `new` fails, i.e. when the process is out of memory.
        guard let handle = GEOS_init_r() else {
            preconditionFailure("GEOS_init_r returned NULL: out of memory")
        }
        self.handle = handle
        GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userData in
                guard let userData else { return }
                let context = Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
                context.lastError = message.map { String(cString: $0) } ?? "GEOS gave no message"
            },
            Unmanaged.passUnretained(self).toOpaque())
        // Notices (e.g. "Self-intersection at ...") are diagnostics that GEOS also reports
        // through return values; they are not errors, so they are not kept.
        GEOSContext_setNoticeMessageHandler_r(handle, nil, nil)
    }

    deinit {
        if let wktReader { GEOSWKTReader_destroy_r(handle, wktReader) }
        if let wkbReader { GEOSWKBReader_destroy_r(handle, wkbReader) }
        GEOS_finish_r(handle)
    }

    /// Returns and clears the last error message.
    func takeError() -> String {
        defer { lastError = nil }
        return lastError ?? "GEOS reported a failure without a message"
    }

    // Readers are reused across calls on this thread: creating one per call is measurable
    // when reading hundreds of thousands of features.
    private var wktReader: OpaquePointer?
    private var wkbReader: OpaquePointer?

    func sharedWKTReader() -> OpaquePointer? {
        if wktReader == nil { wktReader = GEOSWKTReader_create_r(handle) }
        return wktReader
    }

    func sharedWKBReader() -> OpaquePointer? {
        if wkbReader == nil { wkbReader = GEOSWKBReader_create_r(handle) }
        return wkbReader
    }

    // MARK: Turning C results into Swift values

    /// Wraps a newly created geometry, or throws the pending error if GEOS returned NULL.
    func geometry(_ pointer: OpaquePointer?, _ operation: String) throws -> Geometry {
        guard let pointer else {
            throw GEOSError.operationFailed(operation: operation, message: takeError())
        }
        return Geometry(taking: pointer, context: self)
    }

    /// Reads a GEOS predicate result: 1 true, 0 false, 2 exception (the calling thread's
    /// pending error).
    static func predicate(_ result: CChar, _ operation: String) throws -> Bool {
        switch result {
        case 0: return false
        case 1: return true
        default: throw GEOSError.operationFailed(operation: operation, message: current.takeError())
        }
    }

    /// Reads a GEOS status result: 1 success, 0 exception.
    func check(_ status: Int32, _ operation: String) throws {
        if status == 0 {
            throw GEOSError.operationFailed(operation: operation, message: takeError())
        }
    }

    /// Copies a GEOS-allocated C string and frees it, or throws the pending error.
    func string(_ pointer: UnsafeMutablePointer<CChar>?, _ operation: String) throws -> String {
        guard let pointer else {
            throw GEOSError.operationFailed(operation: operation, message: takeError())
        }
        defer { GEOSFree_r(handle, pointer) }
        return String(cString: pointer)
    }
}
