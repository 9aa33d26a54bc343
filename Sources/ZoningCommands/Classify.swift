import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProject

/// `zoning classify`: built-up regions, urban–rural classes, urbanization and review lists.
public struct Classify: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Classify village-level units into the urban–rural classes 111…220 and list the units to review.",
        discussion: """
            Checks that the layers fit together (docs/CHECKS.md), delineates built-up
            regions from the land-use parcels (docs/METHOD.md §3), computes for each unit
            the share of its construction land in a seat's region, and applies the
            classification rules (docs/METHOD.md §4; output fields in §7).
            Writes to --out: checks.csv and .json,
            villages-classified.shp, builtup-regions.shp and .csv, classification.csv and
            .json, urbanization.csv, review.csv, and each layer's style beside it (.qml for
            QGIS, .sld), in the report's colours. Areas are ellipsoidal.

            Example (the embedded sample):
              zoning classify --land-use Shapefiles/DLTB.shp \\
                  --villages Shapefiles/villages.shp \\
                --seats Shapefiles/seats.shp --out /tmp/classes
            """)

    @OptionGroup var inputs: SurveyInputOptions<ClassifyLayers>

    @Option(help: "The village-level units (polygons with a 12-digit code).")
    var villages: String

    @Option(help: "The folder to write (created if missing).")
    var out: String

    @OptionGroup var builtUp: BuiltUpOptions
    @OptionGroup var classification: ClassificationOptions
    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() throws {
        let progress = Progress(quiet: output.quiet)
        progress.step("Reading \(inputs.landUse), \(villages) and \(inputs.seats)")
        let codes = LandUseCodes(builtUp: try builtUp.parameters())
        let (data, results, steps) = try inputs.checks.run(
            [BuiltUpStep(parameters: try builtUp.parameters()), ClassificationStep(parameters: try classification.parameters(), codes: codes)],
            on: inputs.layers.open([.landUse: inputs.landUse, .villages: villages, .seats: inputs.seats]),
            with: inputs.layers.reader(), codes: codes, progress: progress)
        let (checks, regions) = (try results.required(InputCheckStep.self, by: "classify").checks, try results.required(BuiltUpStep.self, by: "classify"))
        let classified = try results.required(ClassificationStep.self, by: "classify")
        let (classes, review) = (classified.classes, classified.review)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let options = output.writeOptions(inputs: [inputs.landUse, villages, inputs.seats])
        progress.step("Writing to \(out)")
        try StepOutputs.write(steps, results, inputs: data, to: out, options: options, text: output.text)
        try StyleOutputs.writeBesideLayers(steps: steps, results: results, inputs: data, language: output.reportLanguage, codes: codes, to: out, overwrite: options.overwrite)
        guard !output.quiet else { return }
        print(Summary.checks(checks))
        print(Summary.builtUp(regions))
        print(Summary.classification(classes, review))
    }
}

/// `zoning builtup`: the built-up regions alone.
public struct BuiltUp: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "builtup",
        abstract: "Delineate built-up regions (实际建设) from land-use parcels and seats.",
        discussion: """
            Seeds (CZCSXM 201, 201A, 202, 202A) and construction parcels join when within
            --gap-m of each other; regions holding a seed or a seat are kept, closed by
            half the gap and hole-filled (docs/METHOD.md §3). Writes checks.csv and
            .json, builtup-regions.shp (with its .qml and .sld styles) and
            builtup-regions.csv to --out.
            """)

    @OptionGroup var inputs: SurveyInputOptions<BuiltUpLayers>

    @Option(help: "The folder to write (created if missing).")
    var out: String

    @OptionGroup var builtUp: BuiltUpOptions
    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() throws {
        let progress = Progress(quiet: output.quiet)
        progress.step("Reading \(inputs.landUse) and \(inputs.seats)")
        let sources = try inputs.layers.open([.landUse: inputs.landUse, .seats: inputs.seats])
        let (data, results, steps) = try inputs.checks.run(
            [BuiltUpStep(parameters: try builtUp.parameters())], on: sources, with: inputs.layers.reader(),
            codes: LandUseCodes(builtUp: try builtUp.parameters()), progress: progress)
        let (checks, regions) = (try results.required(InputCheckStep.self, by: "builtup").checks, try results.required(BuiltUpStep.self, by: "builtup"))
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let options = output.writeOptions(inputs: sources.sorted { $0.key < $1.key }.flatMap(\.value.files))
        try StepOutputs.write(steps, results, inputs: data, to: out, options: options, text: output.text)
        try StyleOutputs.writeBesideLayers(steps: steps, results: results, inputs: data, language: output.reportLanguage,
                                           codes: LandUseCodes(builtUp: try builtUp.parameters()), to: out, overwrite: options.overwrite)
        output.say(Summary.checks(checks))
        output.say(Summary.builtUp(regions))
    }
}

/// The short summaries the analysis commands print.
enum Summary {
    /// "Checks: 2 warnings, 3 notes (checks.csv)" and a line per warning.
    static func checks(_ checks: CheckList) -> String {
        (["Checks: \(checks.tally) (checks.csv lists them)"] + checks.warnings.map { "  " + $0.line }).joined(separator: "\n")
    }

    static func builtUp(_ result: BuiltUpRegions.Result) -> String {
        let seated = result.regions.filter { $0.rank != nil }
        var lines = ["Built-up regions: \(result.regions.count) (\(seated.count) with a seat, \(result.regions.count - seated.count) with seeds only)"]
        for region in result.regions {
            let name = region.principalSeat.map { "\($0.rank) \($0.code) \($0.name)" } ?? "seeds only"
            let outline = region.outlineSquareMetres.map { String(format: ", outline %.2f km²", $0 / 1e6) } ?? ""
            lines.append(String(format: "  %2d  %@: %d parcels, footprint %.2f km²%@", region.id, name, region.parcels.count, region.footprintSquareMetres / 1e6, outline))
        }
        return lines.joined(separator: "\n")
    }

    static func classification(_ classes: [UnitClassification], _ review: [ReviewLists.Entry]) -> String {
        var lines: [String] = []
        let counts = Dictionary(grouping: classes, by: \.derivedClass).mapValues(\.count)
        lines.append("Classes: " + UrbanRuralClass.allCases.map { "\($0) × \(counts[$0] ?? 0)" }.joined(separator: ", "))
        let compared = classes.filter { $0.agrees != nil }
        if !compared.isEmpty { lines.append("Agree with the official class: \(compared.filter { $0.agrees == true }.count) of \(compared.count)") }
        for figures in Urbanization.figures(for: classes, level: .county).values.sorted(by: { $0.code < $1.code }) {
            let rate = figures.derivedRate.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
            let official = figures.officialRate.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
            lines.append("Urbanization \(figures.code): \(rate) (\(figures.urbanPopulation) of \(figures.totalPopulation) residents); official \(official)")
        }
        lines.append("Review:")
        for list in ReviewLists.List.allCases {
            let entries = review.filter { $0.list == list }
            let byBasis = Dictionary(grouping: entries, by: \.basis).mapValues(\.count)
            let detail = [ReviewLists.Basis.comparison, .derived, .official].compactMap { basis in byBasis[basis].map { "\($0) \(basis.rawValue)" } }
            lines.append("  \(list): " + (detail.isEmpty ? "none" : detail.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }
}
