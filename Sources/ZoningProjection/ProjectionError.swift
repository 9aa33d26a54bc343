/// What went wrong in a PROJ call. PROJ's own message is kept word for word.
public enum ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a coordinate reference system PROJ knows: check the EPSG code, or the
    /// .prj file's WKT. Accepted forms: `EPSG:4528`, WKT 1/2 (ESRI WKT included), PROJJSON,
    /// and PROJ strings with `+type=crs`.
    case unknownCRS(definition: String, message: String)

    /// The definition is valid PROJ but describes a coordinate operation or another object, not
    /// a coordinate reference system.
    case notACRS(definition: String, kind: String)

    /// PROJ found no way to transform between the two systems.
    case noTransformation(from: String, to: String, message: String)

    /// A point could not be transformed: it is outside where the transformation is defined,
    /// which usually means the data's CRS is wrong (e.g. a prefixed easting such as 40 500 000
    /// read as EPSG:4549, which expects 500 000).
    case transformFailed(x: Double, y: Double, from: String, to: String, message: String)

    /// The operation cannot be done for this CRS (e.g. ESRI WKT for GCJ-02).
    case unsupported(operation: String, message: String)

    public var description: String {
        switch self {
        case let .noTransformation(from, to, message):
            return "PROJ has no transformation from \(from) to \(to): \(message)"
        case let .transformFailed(x, y, from, to, message):
            return "Point (\(x), \(y)) could not be transformed from \(from) to \(to): \(message). "
                + "Check the layer's CRS: coordinates must be in the units and zone it declares."
        case let .unsupported(operation, message):
            return "\(operation) is not available: \(message)"
        case let .unknownCRS(definition, message):
            return "Not a coordinate reference system PROJ knows (\(Self.abbreviate(definition))): \(message)"
        case let .notACRS(definition, kind):
            return "\(Self.abbreviate(definition)) is a \(kind), not a coordinate reference system"
        }
    }

    /// The first 80 characters of a definition, for messages about long WKT.
    static func abbreviate(_ definition: String) -> String {
        let flat = definition.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 80 ? flat : String(flat.prefix(77)) + "…"
    }
}
