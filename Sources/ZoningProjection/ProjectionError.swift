/// What went wrong in a PROJ call. PROJ's own message is kept word for word.
public enum ProjectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not a coordinate reference system PROJ knows: check the EPSG code, or the
    /// .prj file's WKT. Accepted forms: `EPSG:4528`, WKT 1/2 (ESRI WKT included), PROJJSON,
    /// and PROJ strings with `+type=crs`.
    case unknownCRS(definition: String, message: String)

    /// The definition is valid PROJ but describes a coordinate operation or another object, not
    /// a coordinate reference system.
    case notACRS(definition: String, kind: String)

    public var description: String {
        switch self {
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
