import Foundation
import ArgumentParser
import ZoningAnalysis
import ZoningLayers
import ZoningProjection

/// The parameters of built-up delineation (docs/METHOD.md §3), by their project-file keys as
/// flags (`gap_m` → `--gap-m`). Each flag is optional; its help, unit, range and default come
/// from the parameter table (`BuiltUpParameters.table`).
struct BuiltUpOptions: ParsableArguments {
    typealias Parameters = BuiltUpParameters

    @Option(name: .customLong("gap-m"), help: ArgumentHelp(Parameters.help("gap_m")))
    var gap: Double?

    @Option(name: .customLong("fill-holes-km2"), help: ArgumentHelp(Parameters.help("fill_holes_km2")))
    var fillHoles: Double?

    @Option(name: .customLong("construction-codes"), help: ArgumentHelp(Parameters.help("construction_codes") + " Comma-separated."))
    var constructionCodes: String?

    @Option(name: .customLong("seed-codes"), help: ArgumentHelp(Parameters.help("seed_codes") + " Comma-separated."))
    var seedCodes: String?

    func validate() throws { _ = try parameters() }

    /// The defaults with the flags given. - Throws: `ValidationError` naming the flag.
    func parameters() throws -> Parameters {
        try ParameterFlags.parameters([
            ("gap_m", gap.map(ParameterValue.number)), ("fill_holes_km2", fillHoles.map(ParameterValue.number)),
            ("construction_codes", constructionCodes.map(ParameterText.list)), ("seed_codes", seedCodes.map(ParameterText.list)),
        ])
    }
}

/// The parameters of classification (docs/METHOD.md §4), from `ClassificationParameters.table`.
struct ClassificationOptions: ParsableArguments {
    typealias Parameters = ClassificationParameters

    @Option(name: .customLong("full-share"), help: ArgumentHelp(Parameters.help("full_share")))
    var full: Double?

    @Option(name: .customLong("partial-share"), help: ArgumentHelp(Parameters.help("partial_share")))
    var partial: Double?

    @Option(name: .customLong("partial-min-m2"), help: ArgumentHelp(Parameters.help("partial_min_m2")))
    var partialMinimum: Double?

    @Option(name: .customLong("special-population"), help: ArgumentHelp(Parameters.help("special_population")))
    var specialPopulation: Int?

    @Option(name: .customLong("high-construction-share"), help: ArgumentHelp(Parameters.help("high_construction_share")))
    var highConstruction: Double?

    func validate() throws { _ = try parameters() }

    /// The defaults with the flags given. - Throws: `ValidationError` naming the flag.
    func parameters() throws -> Parameters {
        try ParameterFlags.parameters([
            ("full_share", full.map(ParameterValue.number)), ("partial_share", partial.map(ParameterValue.number)),
            ("partial_min_m2", partialMinimum.map(ParameterValue.number)), ("special_population", specialPopulation.map(ParameterValue.integer)),
            ("high_construction_share", highConstruction.map(ParameterValue.number)),
        ])
    }
}

/// How parameter values read and print on the command line.
enum ParameterText {
    static func number(_ value: Double) -> String { ParameterError.plain(value) }

    /// "201, 201A" → ["201", "201A"].
    static func list(_ text: String) -> ParameterValue {
        .texts(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}

/// Parameters from flags: each value set through the parameter table, then the type's own
/// `validate()`, with the key at fault named as its flag (`builtup.gap_m` → `--gap-m`).
enum ParameterFlags {
    /// The defaults of `Parameters` with the given values (nil: the flag was not given).
    static func parameters<Parameters: AnalysisParameters>(_ given: [(key: String, value: ParameterValue?)]) throws -> Parameters {
        var parameters = Parameters()
        try flagged {
            for (key, value) in given { if let value { try parameters.set(key, value) } }
            try parameters.validate()
        }
        return parameters
    }

    static func validate<Parameters: AnalysisParameters>(_ parameters: Parameters) throws { try flagged(parameters.validate) }

    private static func flagged(_ body: () throws -> Void) throws {
        do { try body() } catch let error as ParameterError {
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
