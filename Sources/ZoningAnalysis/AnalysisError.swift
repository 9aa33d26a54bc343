/// Why an analysis cannot run. Each case says what to do.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Gaps, buffers and distances are metres on the ground; the data is in degrees or another unit.
    case needsMetres(crs: String)
    /// Facility types that are neither standard names nor mapped: the layer and each name with its count.
    case unknownFacilityTypes(layer: String, counts: [String: Int])

    public var description: String {
        switch self {
        case .needsMetres(let crs):
            return "The analyses measure gaps and distances in metres, and the data is in \(crs). "
                + "Reproject it to its Gauss–Krüger zone first (zoning reproject … --dst-crs EPSG:45xx)."
        case let .unknownFacilityTypes(layer, counts):
            let list = counts.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }.joined(separator: ", ")
            return "\(layer): unknown facility types \(list). Map each to one of "
                + FacilityType.allCases.map(\.rawValue).joined(separator: ", ") + " (--type-map NAME=type, or type_map in a project)"
        }
    }
}
