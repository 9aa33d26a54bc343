import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningProject

/// `zoning coverage`: how well facilities serve each region's residential land and people.
public struct CoverageCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Public-service coverage per region and facility type, with the residential parcels left uncovered.",
        discussion: """
            Service areas are circles of each type's radius (metres) around its
            facilities: kindergarten 300, primary 500, middle 1000, clinic 1000, elderly
            1000, park 500, life-circle 1000 (--radius-m type=metres to change; the
            method is docs/METHOD.md §5). Per
            region and type it reports residential-land coverage (0701, and 0702 with
            --include-0702), population coverage, facilities inside, and distances from
            residential parcels to the nearest facility (mean, p90, max). Writes
            checks.csv and .json (docs/CHECKS.md), coverage.csv and .json,
            facilities.csv (each facility by name, type and township),
            regions-coverage.shp, service-areas.shp and gaps.shp, each with its style
            beside it (.qml for QGIS, .sld) in the report's colours.

            Population is each village's population spread over its residential land,
            or with --population residents given as points (or grid cells, taken at
            their interior point) in the field of --field population.population=NAME.

            Facilities come from a shapefile, GeoJSON or CSV in any CRS (--layer-crs
            facilities=GCJ02 for an Amap scrape). Their type is read from --type-field;
            Chinese office names (幼儿园, 小学, 中学, 卫生院, 养老院, …) are known, others
            mapped with --type-map.

            Fields and CRSs are set as in the other commands and the project file: --field
            LAYER.KEY=NAME and --layer-crs LAYER=CRS, where the --regions layer is
            townships. The older flags still work, as aliases:
            \(CoverageCommand.aliases.map { "  " + $0.line }.joined(separator: "\n"))
            An alias and the new spelling for one role with different values are refused.

            Example (the embedded sample):
              zoning coverage --regions Shapefiles/townships.shp \\
                --facilities Shapefiles/facilities-gcj02.csv --layer-crs facilities=GCJ02 \\
                --land-use Shapefiles/DLTB.shp --villages Shapefiles/villages.shp \\
                --out /tmp/coverage
            """)

    /// The older flags, each an alias of a `--field` or `--layer-crs` setting.
    static let aliases = [
        regionCodeAlias, regionNameAlias, regionKindAlias, populationFieldAlias, facilitiesCRSAlias, populationCRSAlias,
    ]
    static let regionCodeAlias = SettingAlias(flag: "--region-code-field", setting: .field(.townshipCode))
    static let regionNameAlias = SettingAlias(flag: "--region-name-field", setting: .field(.townshipName))
    static let regionKindAlias = SettingAlias(flag: "--region-kind-field", setting: .field(.townshipKind))
    static let populationFieldAlias = SettingAlias(flag: "--population-field", setting: .field(.residents))
    static let facilitiesCRSAlias = SettingAlias(flag: "--facilities-crs", setting: .crs(.facilities))
    static let populationCRSAlias = SettingAlias(flag: "--population-crs", setting: .crs(.population))

    @Option(help: "The regions to report on (polygons: townships, villages, a county); the layer townships of --field and --layer-crs.")
    var regions: String

    @Option(help: "The facility points (.shp, .geojson, .csv); the layer facilities of --layer-crs.")
    var facilities: String

    @Option(name: .customLong("type-field"), help: "The facilities' type field (default: TYPE, type or 类型, whichever exists).")
    var typeField: String?

    @Option(name: .customLong("type-map"), help: "Map an office's type name to a standard type or to ignore, NAME=type; repeat (e.g. 培训机构=ignore).")
    var typeMappings: [String] = []

    @Option(name: .customLong("radius-m"), help: ArgumentHelp(Coverage.Parameters.help("radius_m") + " Give type=metres; repeat."))
    var radii: [String] = []

    @Flag(name: .customLong("include-0702"), help: ArgumentHelp(Coverage.Parameters.help("include_0702")))
    var includeRuralHomesteads = false

    @Option(name: .customLong("land-use"), help: "The land-use parcels (三调 DLTB).")
    var landUse: String

    @Option(help: "The village-level units with population.")
    var villages: String

    @Option(help: "Residents as points (or grid cells), replacing the villages' population spread over residential land; the layer population of --field and --layer-crs.")
    var population: String?

    @Option(help: "The folder to write (created if missing).")
    var out: String

    @OptionGroup var layers: LayerOptions<CoverageLayers>

    @Option(name: .customLong("region-code-field"), help: CoverageCommand.regionCodeAlias.help("the regions' code field"))
    var regionCode: String?

    @Option(name: .customLong("region-name-field"), help: CoverageCommand.regionNameAlias.help("the regions' name field"))
    var regionName: String?

    @Option(name: .customLong("region-kind-field"), help: CoverageCommand.regionKindAlias.help("the regions' kind field, 街道, 镇 or 乡, for unit coverage"))
    var regionKind: String?

    @Option(name: .customLong("population-field"), help: CoverageCommand.populationFieldAlias.help("the --population layer's residents field"))
    var populationField: String?

    @Option(name: .customLong("facilities-crs"), help: CoverageCommand.facilitiesCRSAlias.help("the facilities' CRS"))
    var facilitiesCRS: String?

    @Option(name: .customLong("population-crs"), help: CoverageCommand.populationCRSAlias.help("the --population layer's CRS"))
    var populationCRS: String?

    @OptionGroup var checks: CheckOptions
    @OptionGroup var output: OutputOptions

    public init() {}

    public func validate() throws {
        _ = try parameters()
        _ = try typeMap()
        _ = try reader()
        _ = try layers.crsOverrides(aliases: givenAliases)
    }

    /// Each older flag with the value given, nil when not given.
    var givenAliases: [(SettingAlias, String?)] {
        [
            (Self.regionCodeAlias, regionCode), (Self.regionNameAlias, regionName), (Self.regionKindAlias, regionKind),
            (Self.populationFieldAlias, populationField), (Self.facilitiesCRSAlias, facilitiesCRS), (Self.populationCRSAlias, populationCRS),
        ]
    }

    /// The defaults with the flags given, through `Coverage.Parameters.table`.
    /// - Throws: `ValidationError` naming the flag.
    func parameters() throws -> Coverage.Parameters {
        let radii = try self.radii.map { text -> ParameterValue.Named in
            let parts = text.split(separator: "=").map(String.init)
            guard parts.count == 2, let metres = Double(parts[1]) else {
                throw ValidationError("--radius-m takes type=metres with a type of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\".")
            }
            return .init(parts[0], .number(metres))
        }
        return try ParameterFlags.parameters([
            ("include_0702", .bool(includeRuralHomesteads)), ("radius_m", radii.isEmpty ? nil : .map(radii)),
        ])
    }

    func typeMap() throws -> FacilityTypeMap {
        var map = FacilityTypeMap()
        for text in typeMappings {
            let parts = text.split(separator: "=").map(String.init)
            do {
                guard parts.count == 2 else { throw FacilityTypeMap.BadValue() }
                try map.add(parts[0], parts[1])
            } catch {
                throw ValidationError("--type-map takes NAME=type: \(error); got \"\(text)\".")
            }
        }
        return map
    }

    /// The reader with this command's field names (--field and the older field flags) and
    /// facility types.
    func reader() throws -> InputReader {
        var reader = try layers.reader(aliases: givenAliases)
        reader.facilityTypeField = typeField
        reader.facilityTypes = try typeMap()
        return reader
    }

    public func run() throws {
        let progress = Progress(quiet: output.quiet)
        progress.step("Reading \(landUse), \(villages), \(regions) and \(facilities)")
        var paths: [LayerRole: String] = [.landUse: landUse, .villages: villages, .townships: regions, .facilities: facilities]
        if let population { paths[.population] = population }
        let sources = try layers.open(paths, aliases: givenAliases)
        let parameters = try parameters()
        let (data, results, steps) = try checks.run(
            [CoverageStep(parameters: parameters)], on: sources, with: reader(), codes: LandUseCodes(coverage: parameters), progress: progress)
        let (found, result) = (try results.required(InputCheckStep.self, by: "coverage").checks, try results.required(CoverageStep.self, by: "coverage"))
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        progress.step("Writing to \(out)")
        let options = output.writeOptions(inputs: sources.values.flatMap(\.files))
        try StepOutputs.write(steps, results, inputs: data, to: out, options: options, text: output.text)
        try StyleOutputs.writeBesideLayers(steps: steps, results: results, inputs: data, language: output.reportLanguage,
                                           codes: LandUseCodes(coverage: parameters), to: out, overwrite: options.overwrite)
        output.say(Summary.checks(found) + "\n" + summary(result, data.townships))
    }

    private func summary(_ result: Coverage.Result, _ regions: [CoverageRegion]) -> String {
        let types = Array(Set(result.regions.map(\.type))).sorted()
        var lines = ["Residential-land coverage by region (service radius):"]
        let headers = types.map { type -> String in
            let radius = result.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres
            return "\(type.rawValue) \(Int(radius)) m".padding(toLength: 20, withPad: " ", startingAt: 0)
        }
        lines.append("  " + "region".padding(toLength: 24, withPad: " ", startingAt: 0) + headers.joined())
        for region in regions {
            let cells = types.map { type -> String in
                let share = result.regions.first { $0.region == region.code && $0.type == type }?.residentialCoverage
                return (share.map { String(format: "%5.1f%%", $0 * 100) } ?? "    –").padding(toLength: 20, withPad: " ", startingAt: 0)
            }
            let label = "\(region.code) \(region.name)"
            lines.append("  " + label + String(repeating: " ", count: max(1, 24 - label.count - label.filter { !$0.isASCII }.count)) + cells.joined())
        }
        lines.append("Regions with at least one facility: " + types.map { type in
            "\(type.rawValue) \(result.regions.filter { $0.type == type && $0.facilities > 0 }.count)/\(regions.count)"
        }.joined(separator: ", "))
        lines.append("Uncovered residential parcels: " + types.map { type in
            let gaps = result.gaps.filter { $0.type == type }
            return "\(type.rawValue) \(gaps.count) (\(Int(gaps.reduce(0) { $0 + $1.population }.rounded())) residents)"
        }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
