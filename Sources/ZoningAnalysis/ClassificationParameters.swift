/// The parameters of urban–rural classification (DOMAIN.md §4), with the spec's defaults.
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
}
