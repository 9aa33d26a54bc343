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

/// The layers a command reads, by role: the layers its `--layer-crs` takes, and the layers
/// whose roles its `--field` takes. Each command that reads layers has one.
protocol CommandLayers {
    /// The command's name, for messages: `coverage`.
    static var command: String { get }
    /// The layers it reads, in `LayerRole` order.
    static var roles: [LayerRole] { get }
}

/// `zoning builtup` reads the land use and the seats.
enum BuiltUpLayers: CommandLayers {
    static var command: String { "builtup" }
    static var roles: [LayerRole] { [.landUse, .seats] }
}

/// `zoning classify` reads the land use, the villages and the seats.
enum ClassifyLayers: CommandLayers {
    static var command: String { "classify" }
    static var roles: [LayerRole] { [.landUse, .villages, .seats] }
}

/// `zoning coverage` reads the land use, the villages, the regions (as townships), the
/// facilities and, with --population, the residents.
enum CoverageLayers: CommandLayers {
    static var command: String { "coverage" }
    static var roles: [LayerRole] { [.landUse, .villages, .townships, .facilities, .population] }
}

/// An older flag of one command, kept working as another spelling of a `--field` or
/// `--layer-crs` setting (`--facilities-crs GCJ02` is `--layer-crs facilities=GCJ02`). Giving
/// both spellings for one role with different values is refused, naming both flags.
struct SettingAlias: Sendable {
    enum Setting: Sendable {
        case field(FieldRole)
        case crs(LayerRole)
    }

    /// `--facilities-crs`.
    let flag: String
    let setting: Setting

    /// `CRS`, or `NAME` for a field.
    var valueName: String {
        switch setting {
        case .field: "NAME"
        case .crs: "CRS"
        }
    }

    /// The spelling it stands for: `--layer-crs facilities=CRS`, `--field townships.code=NAME`.
    var spelling: String {
        switch setting {
        case let .field(role): "--field \(role)=NAME"
        case let .crs(layer): "--layer-crs \(layer)=CRS"
        }
    }

    /// `--facilities-crs CRS: the same as --layer-crs facilities=CRS`, for the discussion.
    var line: String { "\(flag) \(valueName): the same as \(spelling)" }

    /// The flag's help: it is an alias, and of what (`what` says what the value is).
    func help(_ what: String) -> ArgumentHelp {
        ArgumentHelp("Alias: the same as \(spelling) (\(what)).", valueName: valueName)
    }
}

/// `--field LAYER.KEY=NAME` and `--layer-crs LAYER=CRS`: the one command-line vocabulary of the
/// commands that read layers, in the project file's words (`--field villages.population=RKZS`
/// is `layers.villages.fields.population: RKZS`, `--layer-crs villages=EPSG:4549` is
/// `layers.villages.crs: EPSG:4549`), for the layers `Layers` names; and the input encoding.
/// A command's older flags (`SettingAlias`) are merged in here, so every spelling has one
/// reading.
struct LayerOptions<Layers: CommandLayers>: ParsableArguments {
    @Option(name: .customLong("field"), help: ArgumentHelp(LayerVocabulary.fieldHelp(Layers.roles), valueName: "LAYER.KEY=NAME"))
    var fields: [String] = []

    @Option(name: .customLong("layer-crs"), help: ArgumentHelp(LayerVocabulary.crsHelp(Layers.roles), valueName: "LAYER=CRS"))
    var layerCRS: [String] = []

    @OptionGroup var encoding: InputEncodingOption

    func validate() throws {
        _ = try fieldNames()
        _ = try crsOverrides()
    }

    /// The field names `--field` gives, and the aliases' (each a flag with its value, nil when
    /// not given).
    /// - Throws: `ValidationError` naming the flag: a mapping that is not LAYER.KEY=NAME, a
    ///   role of a layer this command does not read, an alias and `--field` naming different
    ///   fields for one role.
    func fieldNames(aliases: [(SettingAlias, String?)] = []) throws -> FieldNames {
        let roles = Layers.roles.flatMap(FieldRole.of)
        var given: [FieldRole: (flag: String, name: String)] = [:]
        for mapping in fields {
            let parts = mapping.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty, let role = FieldRole(qualifiedKey: parts[0]) ?? LayerVocabulary.olderFieldKeys[parts[0]] else {
                throw ValidationError("--field takes LAYER.KEY=NAME with a role of \(roles.map(\.description).joined(separator: ", ")); got \"\(mapping)\".")
            }
            guard roles.contains(role) else {
                throw ValidationError("--field \(mapping): zoning \(Layers.command) reads no \(role.layer) layer; the roles it reads are \(roles.map(\.description).joined(separator: ", ")).")
            }
            given[role] = ("--field \(mapping)", parts[1])
        }
        for (alias, value) in aliases {
            guard case let .field(role) = alias.setting, let value else { continue }
            guard !value.isEmpty else { throw ValidationError("\(alias.flag) takes a field name, as \(alias.spelling) does.") }
            if let earlier = given[role], earlier.name != value {
                throw ValidationError("\(alias.flag) \(value) and \(earlier.flag) name different fields for \(role); \(alias.flag) is the same as \(alias.spelling), so give one of them.")
            }
            given[role] = given[role] ?? ("\(alias.flag) \(value)", value)
        }
        return FieldNames(given.mapValues(\.name))
    }

    /// The CRSs `--layer-crs` gives, and the aliases'.
    /// - Throws: `ValidationError` naming the flag: not LAYER=CRS, a layer this command does
    ///   not read, a CRS PROJ does not know, an alias and `--layer-crs` giving one layer
    ///   different CRSs.
    func crsOverrides(aliases: [(SettingAlias, String?)] = []) throws -> [LayerRole: CoordinateReferenceSystem] {
        var given: [LayerRole: (flag: String, crs: CoordinateReferenceSystem)] = [:]
        func read(_ text: String, flag: String) throws -> CoordinateReferenceSystem {
            do { return try CoordinateReferenceSystem(text) } catch {
                throw ValidationError("\(flag): PROJ does not know this CRS (\(error)); use e.g. EPSG:4528.")
            }
        }
        for text in layerCRS {
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = LayerRole(rawValue: parts[0]), Layers.roles.contains(role) else {
                throw ValidationError("--layer-crs takes LAYER=CRS with a layer zoning \(Layers.command) reads: \(Layers.roles.map(\.rawValue).joined(separator: ", ")); got \"\(text)\".")
            }
            given[role] = ("--layer-crs \(text)", try read(parts[1], flag: "--layer-crs \(text)"))
        }
        for (alias, value) in aliases {
            guard case let .crs(role) = alias.setting, let value else { continue }
            let crs = try read(value, flag: "\(alias.flag) \(value)")
            if let earlier = given[role], !LayerVocabulary.same(earlier.crs, crs) {
                throw ValidationError("\(alias.flag) \(value) and \(earlier.flag) give the \(role) layer different CRSs; \(alias.flag) is the same as \(alias.spelling), so give one of them.")
            }
            given[role] = given[role] ?? ("\(alias.flag) \(value)", crs)
        }
        return given.mapValues(\.crs)
    }

    /// Opens each layer, in its `--layer-crs` (or alias) CRS when one is given.
    func open(_ paths: [LayerRole: String], aliases: [(SettingAlias, String?)] = []) throws -> [LayerRole: FeatureSource] {
        let crs = try crsOverrides(aliases: aliases)
        var sources: [LayerRole: FeatureSource] = [:]
        for (role, path) in paths.sorted(by: { $0.key < $1.key }) {
            sources[role] = try LayerFile.open(path, options: .init(encoding: encoding.value, crs: crs[role]))
        }
        return sources
    }

    /// The reader with this command line's field names, whose checks name the fixes in this
    /// vocabulary (`--field villages.population=NAME`, `--layer-crs villages=EPSG:4549`).
    func reader(aliases: [(SettingAlias, String?)] = []) throws -> InputReader {
        var reader = InputReader(fields: try fieldNames(aliases: aliases))
        reader.hints = LayerVocabulary.hints
        return reader
    }
}

/// The words of `LayerOptions` that do not depend on the command.
enum LayerVocabulary {
    /// The older single-word roles of `--field`, still read.
    static let olderFieldKeys: [String: FieldRole] = [
        "land-use": .landUse, "settlement": .settlement, "location": .location, "area": .area,
        "unit-code": .unitCode, "unit-name": .unitName, "population": .unitPopulation, "official-class": .officialClass,
        "special": .special, "seat-kind": .seatKind, "seat-code": .seatCode, "seat-name": .seatName,
    ]

    /// How the checks name this vocabulary's settings.
    static let hints = SettingHints(field: { "--field \($0)=NAME" }, crs: { "--layer-crs \($0.rawValue)=\($1)" })

    /// Whether two spellings give one CRS: the same definition, or the same EPSG code (and web-map
    /// datum), so `EPSG:4326` and `epsg:4326` agree.
    static func same(_ a: CoordinateReferenceSystem, _ b: CoordinateReferenceSystem) -> Bool {
        a == b || (a.epsg != nil && a.epsg == b.epsg && a.webMapDatum == b.webMapDatum)
    }

    /// `--field`'s help: the roles of `layers`, with their defaults.
    static func fieldHelp(_ layers: [LayerRole]) -> String {
        let roles = layers.flatMap(FieldRole.of).map { "\($0) (\($0.defaultName))" }
        return "The field a role reads, LAYER.KEY=NAME as in a project file (layers.LAYER.fields.KEY); repeat. "
            + "Roles (defaults): \(roles.joined(separator: ", ")). A field named here must exist."
    }

    /// `--layer-crs`'s help: exactly `layers`.
    static func crsHelp(_ layers: [LayerRole]) -> String {
        let points = layers.contains(.facilities) || layers.contains(.population)
        return "The CRS of a layer, overriding its file, LAYER=CRS as in a project file (layers.LAYER.crs); repeat. "
            + "Layers: \(layers.map(\.rawValue).joined(separator: ", ")). "
            + (points ? "A CSV's points are EPSG:4326 unless given (GCJ02 and BD09 for web-map scrapes). " : "")
            + "Without it, a layer without a .prj is read in the CRS its coordinates establish (degrees, or eastings with the "
            + "zone number in front), else the command stops with the zones that fit."
    }
}

/// The land use and the seats, with the layer vocabulary and the input checks: the inputs
/// `zoning builtup` and `zoning classify` share (classify adds --villages).
struct SurveyInputOptions<Layers: CommandLayers>: ParsableArguments {
    @Option(name: .customLong("land-use"), help: "The land-use parcels (三调 DLTB).")
    var landUse: String

    @Option(help: "The government seats (points with a kind).")
    var seats: String

    @OptionGroup var layers: LayerOptions<Layers>
    @OptionGroup var checks: CheckOptions
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
        codes: LandUseCodes = LandUseCodes(), progress: Progress
    ) throws -> (inputs: AnalysisInputs, results: StepResults, steps: [any AnalysisStep]) {
        let inputs = try reader.read(sources)
        let chain = [InputCheckStep(codes: codes, strict: strict)] + steps
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
