import CGDAL

/// GDAL's drivers, registered once per process, and its last error on the calling thread.
///
/// GDAL keeps its error state per thread (`CPLGetLastErrorMsg`), so a message read right
/// after a failed call belongs to that call. Its messages are kept quiet rather than printed
/// to standard error: every failure reaches the user as a `VectorError`.
///
/// ```swift
/// VectorLibrary.register()          // idempotent; every wrapper call does it first
/// VectorLibrary.version             // "3.6.2"
/// ```
public enum VectorLibrary {
    private static let registered: Bool = {
        CPLSetErrorHandler(CPLQuietErrorHandler)
        GDALAllRegister()
        return true
    }()

    /// Registers GDAL's drivers (once) and silences its own printing of errors.
    public static func register() {
        _ = registered
    }

    /// GDAL's release, e.g. `3.6.2`.
    public static var version: String {
        register()
        return GDALVersionInfo("RELEASE_NAME").map { String(cString: $0) } ?? "unknown"
    }

    /// Whether GDAL has a driver by that short name (`GPKG`, `FlatGeobuf`, `OpenFileGDB`).
    public static func hasDriver(_ name: String) -> Bool {
        register()
        return GDALGetDriverByName(name) != nil
    }

    /// Clears the calling thread's last GDAL error.
    static func resetError() {
        CPLErrorReset()
    }

    /// The calling thread's last GDAL error message when it is a failure (`CE_Failure` or
    /// worse; warnings do not count), else nil. Reset it first with `resetError()`: GDAL leaves
    /// the state as it was when a call succeeds.
    static func failure() -> String? {
        guard CPLGetLastErrorType().rawValue >= CE_Failure.rawValue else { return nil }
        let message = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        CPLErrorReset()
        return message.isEmpty ? "GDAL reported an error without a message" : message
    }

    /// The calling thread's last GDAL error message, or `fallback` when GDAL left none.
    static func lastError(_ fallback: String) -> String {
        let message = CPLGetLastErrorMsg().map { String(cString: $0) } ?? ""
        CPLErrorReset()
        return message.isEmpty ? fallback : message
    }
}

/// Calls `body` with a NULL-terminated list of C strings (GDAL's `CSLConstList`), valid only
/// during the call.
func withCStringList<R>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) throws -> R) rethrows -> R {
    if strings.isEmpty { return try body(nil) }
    var list: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) } + [nil]
    defer { list.forEach { free($0) } }
    return try list.withUnsafeMutableBufferPointer { try body($0.baseAddress) }
}
