/// The land-use code sets several analyses share (docs/METHOD.md §1): construction land, the
/// settlement codes (CZCSXM) whose parcels seed built-up regions, and residential land. One
/// value, made once where a chain is assembled and given to each step that needs it — the input
/// checks, classification, the walking network — so that no step reads another step's
/// parameters. The project file sets them as `builtup.construction_codes`, `builtup.seed_codes`
/// and `coverage.include_0702`.
///
/// ```swift
/// let codes = LandUseCodes(builtUp: project.builtUp, coverage: project.coverage)
/// codes.isConstruction("0701")   // true
/// codes.residential              // ["0701", "0702"] with include_0702
/// ```
public struct LandUseCodes: Sendable, Equatable {
    /// Land-use codes of construction land; `09` stands for all special land (09xx).
    public var construction: Set<String>
    /// Settlement codes whose parcels seed built-up regions.
    public var seeds: Set<String>
    /// Land-use codes of residential land (homes, in coverage and the life circles).
    public var residential: Set<String>

    public init(construction: Set<String>, seeds: Set<String>, residential: Set<String>) {
        self.construction = construction
        self.seeds = seeds
        self.residential = residential
    }

    /// The sets the project's parameters give (the defaults: the survey's construction codes,
    /// 201, 201A, 202, 202A as seeds, 0701 as residential land).
    public init(builtUp: BuiltUpParameters = BuiltUpParameters(), coverage: Coverage.Parameters = Coverage.Parameters()) {
        self.init(construction: builtUp.constructionCodes, seeds: builtUp.seedSettlementCodes, residential: coverage.residentialCodes)
    }

    /// Whether `landUse` counts as construction land; `09` stands for all special land (09xx).
    public func isConstruction(_ landUse: String) -> Bool { Self.isConstruction(landUse, in: construction) }

    /// Whether `landUse` is one of `codes`, where `09` stands for all special land (09xx): the
    /// one reading of a list of construction codes.
    public static func isConstruction(_ landUse: String, in codes: Set<String>) -> Bool {
        codes.contains(landUse) || (codes.contains("09") && landUse.hasPrefix("09"))
    }
}
