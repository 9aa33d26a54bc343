import Foundation
import ArgumentParser
import ZoningAnalysis
import ZoningLayers
import ZoningProjection

/// The parameters of built-up delineation (docs/METHOD.md §3), by their project-file keys as
/// flags. Each flag is optional: the default is the parameter type's, shown in the help.
struct BuiltUpOptions: ParsableArguments {
    static let defaults = BuiltUpParameters()

    @Option(name: .customLong("gap-m"), help: "Parcels this close (metres, inclusive) join one built-up region (default: \(ParameterText.number(defaults.gapMetres))).")
    var gap: Double?

    @Option(name: .customLong("fill-holes-km2"), help: "Holes in region outlines smaller than this (km²) are filled (default: \(ParameterText.number(defaults.fillHolesSquareMetres / 1e6))).")
    var fillHoles: Double?

    @Option(name: .customLong("construction-codes"), help: "Land-use codes that count as construction land, comma-separated (default: \(defaults.constructionCodes.sorted().joined(separator: ","))).")
    var constructionCodes: String?

    @Option(name: .customLong("seed-codes"), help: "CZCSXM values that seed regions, comma-separated (default: \(defaults.seedSettlementCodes.sorted().joined(separator: ","))).")
    var seedCodes: String?

    func validate() throws { try ParameterFlags.validate(parameters) }

    var parameters: BuiltUpParameters {
        var parameters = Self.defaults
        if let gap { parameters.gapMetres = gap }
        if let fillHoles { parameters.fillHolesSquareMetres = fillHoles * 1e6 }
        if let constructionCodes { parameters.constructionCodes = ParameterText.list(constructionCodes) }
        if let seedCodes { parameters.seedSettlementCodes = ParameterText.list(seedCodes) }
        return parameters
    }
}

/// The parameters of classification (docs/METHOD.md §4); defaults from the parameter type.
struct ClassificationOptions: ParsableArguments {
    static let defaults = ClassificationParameters()

    @Option(name: .customLong("full-share"), help: "Fully connected from this share of a unit's construction land, 0–1 (default: \(ParameterText.number(defaults.fullShare))).")
    var full: Double?

    @Option(name: .customLong("partial-share"), help: "Partly connected from this share, 0–1 (default: \(ParameterText.number(defaults.partialShare)))…")
    var partial: Double?

    @Option(name: .customLong("partial-min-m2"), help: "…when the connected construction land is at least this many m² (default: \(ParameterText.number(defaults.partialMinimumSquareMetres))).")
    var partialMinimum: Double?

    @Option(name: .customLong("special-population"), help: "Unconnected special areas with at least this many residents are 123 (default: \(defaults.specialPopulation)).")
    var specialPopulation: Int?

    @Option(name: .customLong("high-construction-share"), help: "Rural units with more of their land built than this share, 0–1, are listed for review (default: \(ParameterText.number(defaults.highConstructionShare))).")
    var highConstruction: Double?

    func validate() throws { try ParameterFlags.validate(parameters) }

    var parameters: ClassificationParameters {
        var parameters = Self.defaults
        if let full { parameters.fullShare = full }
        if let partial { parameters.partialShare = partial }
        if let partialMinimum { parameters.partialMinimumSquareMetres = partialMinimum }
        if let specialPopulation { parameters.specialPopulation = specialPopulation }
        if let highConstruction { parameters.highConstructionShare = highConstruction }
        return parameters
    }
}

/// How parameter values read and print on the command line.
enum ParameterText {
    static func number(_ value: Double) -> String { ParameterError.plain(value) }

    /// "201, 201A" → ["201", "201A"].
    static func list(_ text: String) -> Set<String> {
        Set(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// Parameter checks on the command line: the parameter types' own `validate()`, with the
/// key at fault named as its flag (`builtup.gap_m` → `--gap-m`).
enum ParameterFlags {
    static func validate(_ parameters: BuiltUpParameters) throws { try flagged(parameters.validate) }
    static func validate(_ parameters: ClassificationParameters) throws { try flagged(parameters.validate) }
    static func validate(_ parameters: Coverage.Parameters) throws { try flagged(parameters.validate) }

    private static func flagged(_ validate: () throws -> Void) throws {
        do { try validate() } catch let error as ParameterError {
            throw ValidationError("\(error.flag) \(error.key.contains(".") ? "(\(error.key.split(separator: ".").last!)) " : "")\(error.problem).")
        }
    }
}

/// The input layers by role, and field names where an office's differ from the survey's.
struct SurveyInputOptions: ParsableArguments {
    @Option(name: .customLong("land-use"), help: "The land-use parcels (三调 DLTB).")
    var landUse: String

    @Option(help: "The government seats (points with a kind).")
    var seats: String

    @OptionGroup var fields: FieldOptions

    @Option(name: .customLong("layer-crs"), help: """
        The CRS of a layer without a .prj (or with a wrong one), LAYER=CRS; repeat. Layers: land_use, villages, seats. \
        Without it, a layer without a .prj is read in the CRS its coordinates establish (degrees, or eastings with the \
        zone number in front), else the command stops with the zones that fit.
        """)
    var layerCRS: [String] = []

    @OptionGroup var encoding: InputEncodingOption
    @OptionGroup var checks: CheckOptions

    func validate() throws {
        _ = try fields.names()
        _ = try crsOverrides()
    }

    func crsOverrides() throws -> [LayerRole: CoordinateReferenceSystem] {
        var result: [LayerRole: CoordinateReferenceSystem] = [:]
        for text in layerCRS {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = LayerRole(rawValue: parts[0]) else {
                throw ValidationError("--layer-crs takes LAYER=CRS with a layer of \(LayerRole.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\".")
            }
            do { result[role] = try CoordinateReferenceSystem(parts[1]) } catch {
                throw ValidationError("--layer-crs \(text): PROJ does not know this CRS (\(error)); use e.g. EPSG:4528.")
            }
        }
        return result
    }

    func open(_ path: String, as role: LayerRole) throws -> FeatureSource {
        try LayerFile.open(path, options: .init(encoding: encoding.value, crs: try crsOverrides()[role]))
    }

    /// The reader with this command line's field names and hints.
    func reader() throws -> InputReader {
        var reader = InputReader(fields: try fields.names())
        reader.hints = Self.hints
        return reader
    }

    /// How the checks name this command line's settings.
    static let hints = SettingHints(field: { "--field \($0)=NAME" }, crs: { "--layer-crs \($0.rawValue)=\($1)" })
}

/// `--field LAYER.KEY=NAME`: a layer's field for a role, in the project file's words
/// (`villages.population=RKZS` is `layers.villages.fields.population: RKZS`).
struct FieldOptions: ParsableArguments {
    @Option(name: .customLong("field"), help: """
        The field a role reads, LAYER.KEY=NAME as in a project file; repeat. Roles (defaults): \
        land_use.land_use (DLBM), land_use.settlement (CZCSXM), land_use.location (ZLDWDM), land_use.area (TBMJ), \
        villages.code (XZQDM), villages.name (XZQMC), villages.population (POP), villages.official_class (CXFLDM), \
        villages.special (TSQY), townships.code (XZQDM), townships.name (XZQMC), townships.kind (KIND), \
        townships.population (POP), seats.kind (KIND), seats.code (XZQDM), seats.name (NAME), \
        population.population (POP). A field named here must exist.
        """)
    var mappings: [String] = []

    /// The older single-word roles, still read.
    static let aliases: [String: FieldRole] = [
        "land-use": .landUse, "settlement": .settlement, "location": .location, "area": .area,
        "unit-code": .unitCode, "unit-name": .unitName, "population": .unitPopulation, "official-class": .officialClass,
        "special": .special, "seat-kind": .seatKind, "seat-code": .seatCode, "seat-name": .seatName,
    ]

    func validate() throws { _ = try names() }

    func names() throws -> FieldNames {
        var names = FieldNames()
        for mapping in mappings {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty, let role = FieldRole(qualifiedKey: parts[0]) ?? Self.aliases[parts[0]] else {
                throw ValidationError("--field takes LAYER.KEY=NAME with a role of \(FieldRole.allCases.map(\.description).joined(separator: ", ")); got \"\(mapping)\".")
            }
            names[role] = parts[1]
        }
        return names
    }
}

/// Whether warnings of the input checks stop the command.
struct CheckOptions: ParsableArguments {
    @Flag(help: "Stop on warnings of the input checks too, not only on errors.")
    var strict = false

    /// Reads the layers, then runs the input checks and `steps` through the pipeline `zoning
    /// run` uses.
    /// - Throws: `InputChecksFailed` when any check is an error (or, with --strict, a warning);
    ///   a step's parameters as a `ValidationError` naming the flag.
    func run(
        _ steps: [any AnalysisStep], on sources: [LayerRole: FeatureSource], with reader: InputReader,
        construction: BuiltUpParameters = BuiltUpParameters(), progress: Progress
    ) throws -> (inputs: AnalysisInputs, results: StepResults, steps: [any AnalysisStep]) {
        let inputs = try reader.read(sources)
        let chain = [InputCheckStep(construction: construction, strict: strict)] + steps
        do {
            let run = try Pipeline(chain).run(inputs) { progress.step($0) }
            return (inputs, run.results, chain)
        } catch let error as ParameterError {
            throw ValidationError("\(error.flag) \(error.problem).")
        }
    }
}

/// Progress lines on standard error, unless --quiet.
struct Progress {
    let quiet: Bool

    func step(_ text: String) {
        guard !quiet else { return }
        FileHandle.standardErrorText(text + "…\n")
    }
}

extension FileHandle {
    static func standardErrorText(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
