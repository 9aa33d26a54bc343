/// The parameters of urban–rural classification (docs/METHOD.md §4), with the spec's defaults.
public struct ClassificationParameters: Sendable, Equatable {
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

    /// - Throws: `ParameterError` for a share outside 0…1, a partial share above the full
    ///   share, an area outside 0…10⁹ m² or a negative population.
    public func validate() throws {
        try ParameterError.check(fullShare, in: 0...1, Self.section, "full_share", "a share")
        try ParameterError.check(partialShare, in: 0...1, Self.section, "partial_share", "a share")
        try ParameterError.check(partialMinimumSquareMetres, in: 0...1e9, Self.section, "partial_min_m2", "m²")
        try ParameterError.check(Double(specialPopulation), in: 0...1e9, Self.section, "special_population", "residents")
        try ParameterError.check(highConstructionShare, in: 0...1, Self.section, "high_construction_share", "a share")
        guard partialShare <= fullShare else {
            throw ParameterError(section: Self.section, key: "partial_share", problem: "must not exceed full_share (\(fullShare))")
        }
    }
}
