/// The parameters of the year-over-year comparison (docs/METHOD.md §9): the earlier run to
/// compare with, and the overlap shares that match units whose codes appeared or disappeared.
///
/// ```yaml
/// compare_with: ../2024/out                       # the earlier run's folder
/// compare_with: {path: ../2024/out, link_share: 0.5, same_share: 0.9}
/// ```
public struct ComparisonParameters: Sendable, Equatable {
    /// The earlier run's output folder, as written (relative to the project file's folder), or
    /// its PostGIS schema: `postgresql://gis@db/county#样例市_latest`.
    public var path = ""
    /// An old and a new unit are linked when at least this share of either one's area lies in
    /// the other (0–1).
    public var linkShare = 0.5
    /// A one-to-one link whose two shares both reach this is the same polygon (renumbered);
    /// below it the boundary was redrawn (0–1).
    public var sameShare = 0.9

    public init() {}
}

extension ComparisonParameters: AnalysisParameters {
    public static let section = "compare_with"
    public static let shorthand: String? = "path"
    public static let table: [ParameterEntry<Self>] = [
        .text("path", \.path, doc: "The earlier run to compare with: its output folder, or postgresql://…#SCHEMA for a run published in PostGIS."),
        .number("link_share", \.linkShare, unit: .share, range: 0.01...1,
                doc: "Units whose codes appeared or disappeared are linked when this share of either one's area lies in the other."),
        .number("same_share", \.sameShare, unit: .share, range: 0.01...1,
                doc: "A one-to-one link is the same polygon renumbered when both shares reach this; below, the boundary was redrawn."),
    ]

    public func validateRules() throws {
        if sameShare < linkShare {
            throw ParameterError(section: Self.section, key: "same_share", problem: "must be at least link_share (\(ParameterError.plain(linkShare)))")
        }
    }
}
