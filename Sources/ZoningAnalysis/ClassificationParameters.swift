/// The parameters of urban–rural classification (docs/METHOD.md §4), with the spec's defaults.
public struct ClassificationParameters: AnalysisParameters {
    /// A unit is fully connected when at least this share of its construction land lies in a
    /// seat's built-up region.
    public var fullShare = 0.5
    /// Partly connected from this share, provided the connected land is at least
    /// `partialMinimumSquareMetres`.
    public var partialShare = 0.05
    public var partialMinimumSquareMetres = 10_000.0
    /// A special area not connected to a seat is 123 from this population.
    public var specialPopulation = 3000
    /// Rural units with more than this share of their area in construction land are listed
    /// for review.
    public var highConstructionShare = 0.5

    public init() {}

    /// The section of a project file that sets these parameters.
    public static let section = "classification"

    /// Every parameter with its project-file key (`ParameterTable.swift`).
    public static let table: [ParameterEntry<Self>] = [
        .number("full_share", \.fullShare, unit: .share, range: 0...1, doc: "A unit is fully connected from this share of its construction land in a seat's region."),
        .number("partial_share", \.partialShare, unit: .share, range: 0...1, doc: "Partly connected from this share, when the connected land is at least partial_min_m2."),
        .number("partial_min_m2", \.partialMinimumSquareMetres, unit: .squareMetres, range: 0...1e9, doc: "The least connected construction land of a partly connected unit."),
        .integer("special_population", \.specialPopulation, unit: .residents, range: 0...1_000_000_000, doc: "An unconnected special area with at least this many residents is 123."),
        .number("high_construction_share", \.highConstructionShare, unit: .share, range: 0...1,
                doc: "Rural units with more of their land in construction land than this share are listed for review."),
    ]

    /// - Throws: `ParameterError` for a partial share above the full share.
    public func validateRules() throws {
        guard partialShare <= fullShare else {
            throw ParameterError(section: Self.section, key: "partial_share", problem: "must not exceed full_share (\(ParameterError.plain(fullShare)))")
        }
    }
}
