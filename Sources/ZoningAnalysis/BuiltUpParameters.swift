/// The parameters of built-up region delineation (docs/METHOD.md §3), with the spec's defaults.
///
/// ```swift
/// var parameters = BuiltUpParameters()
/// parameters.gapMetres = 200
/// ```
public struct BuiltUpParameters: AnalysisParameters {
    /// Two parcels link when their polygons are at most this far apart (metres, inclusive).
    public var gapMetres = 100.0
    /// Holes in a region's outline smaller than this are filled (m²; default 1 km²).
    public var fillHolesSquareMetres = 1_000_000.0
    /// Land-use codes that count as construction land (docs/METHOD.md §1). Linear transport land
    /// (1001–1003, 1009) and 1109 are left out by default: they would chain villages into cities.
    public var constructionCodes: Set<String> = [
        "05H1", "0508", "0601", "0602", "0603", "0701", "0702", "08H1", "08H2", "0809", "0810", "0810A",
        "09", "1004", "1005", "1007", "1008", "1201",
    ]
    /// CZCSXM values whose parcels seed built-up regions.
    public var seedSettlementCodes: Set<String> = ["201", "201A", "202", "202A"]

    public init() {}

    /// The section of a project file that sets these parameters.
    public static let section = "builtup"

    /// Every parameter with its project-file key (`ParameterTable.swift`).
    public static let table: [ParameterEntry<Self>] = [
        .number("gap_m", \.gapMetres, unit: .metres, range: 0...10_000, doc: "Parcels this close (inclusive) join one built-up region."),
        .number("fill_holes_km2", \.fillHolesSquareMetres, unit: .squareKilometres, range: 0...10_000, scale: 1e6,
                doc: "Holes in a region's outline smaller than this are filled."),
        .codes("seed_codes", \.seedSettlementCodes, nonEmpty: false, doc: "CZCSXM values whose parcels seed built-up regions."),
        .codes("construction_codes", \.constructionCodes, nonEmpty: true, doc: "Land-use codes that count as construction land (09 stands for all 09xx)."),
    ]

    /// Whether `landUse` counts as construction land; `09` stands for all special land (09xx).
    public func isConstruction(_ landUse: String) -> Bool { LandUseCodes.isConstruction(landUse, in: constructionCodes) }
}
