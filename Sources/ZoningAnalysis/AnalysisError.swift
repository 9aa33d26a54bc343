/// Why an analysis cannot run. Each case says what to do.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Gaps, buffers and distances are metres on the ground; the data is in degrees or another unit.
    case needsMetres(crs: String)
    /// A step needs a layer that was not given.
    case layerMissing(step: String, role: String)
    /// A step needs the output of one that did not run before it.
    case stepMissing(step: String, neededBy: String)

    public var description: String {
        switch self {
        case .needsMetres(let crs):
            return "The analyses measure gaps and distances in metres, and the data is in \(crs). "
                + "Reproject it to its Gauss–Krüger zone first (EPSG:4526–4529 or 4547–4550 in Shandong)."
        case let .layerMissing(step, role):
            return "The \(step) analysis needs the \(role) layer; give it."
        case let .stepMissing(step, neededBy):
            return "The \(neededBy) analysis needs the results of \(step), which did not run before it."
        }
    }
}
