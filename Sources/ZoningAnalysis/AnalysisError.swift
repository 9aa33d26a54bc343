/// Why an analysis cannot run. Each case says what to do.
public enum AnalysisError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Gaps, buffers and distances are metres on the ground; the data is in degrees or another unit.
    case needsMetres(crs: String)

    public var description: String {
        switch self {
        case .needsMetres(let crs):
            return "The analyses measure gaps and distances in metres, and the data is in \(crs). "
                + "Reproject it to its Gauss–Krüger zone first (EPSG:4526–4529 or 4547–4550 in Shandong)."
        }
    }
}
