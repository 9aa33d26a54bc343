/// What went wrong in a GEOS call. GEOS's own message is kept word for word.
///
/// ```swift
/// do { _ = try Geometry(wkt: "POLYGON((0 0, 1 0))") }
/// catch let error as GEOSError { print(error) }
/// // Could not read WKT: IllegalArgumentException: Invalid number of points in LinearRing found 2 - must be 0 or >= 4
/// ```
public enum GEOSError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Text or bytes could not be read as a geometry (`format` is "WKT", "WKB" or "GeoJSON").
    /// Fix the input at the place the message names.
    case unreadable(format: String, message: String)

    /// GEOS could not complete `operation`, typically a `TopologyException` on invalid input.
    /// Check `invalidityReason` and repair with `makeValid()`, or pass a `gridSize`.
    case operationFailed(operation: String, message: String)

    /// An argument is outside what `operation` accepts (a negative tolerance, a malformed
    /// DE-9IM pattern, a part index out of range, the wrong geometry type).
    case invalidArgument(operation: String, message: String)

    public var description: String {
        switch self {
        case let .unreadable(format, message):
            return "Could not read \(format): \(message)"
        case let .operationFailed(operation, message):
            return "GEOS \(operation) failed: \(message)"
        case let .invalidArgument(operation, message):
            return "Invalid argument to \(operation): \(message)"
        }
    }
}
