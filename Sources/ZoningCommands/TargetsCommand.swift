import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningSupport

/// `zoning targets FILE --results DIR`: plan targets checked against computed figures.
public struct TargetsCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: "Check plan targets (a YAML file) against the figures classify, coverage and run wrote.",
        discussion: """
            Reads urbanization.csv (from zoning classify), coverage.csv (from zoning
            coverage) and life-circles.csv (from zoning run with a roads layer) in each
            --results folder and prints, per target and region, the value, pass or fail,
            and the shortfall. The targets file format is described in
            docs/COMMANDS.md and docs/METHOD.md §6; Shapefiles/targets.yaml is an
            example.

            Example:
              zoning targets Shapefiles/targets.yaml --results out/classes \\
                 --results out/coverage
            """)

    @Argument(help: "The targets file (YAML).")
    var file: String

    @Option(help: "A folder holding urbanization.csv, coverage.csv and/or life-circles.csv; repeat.")
    var results: [String] = []

    @Option(help: "Also write the results to this CSV file.")
    var out: String?

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() throws {
        let targets = try TargetsFile(contentsOf: file)
        var figures = TargetFigures()
        for folder in results {
            if let rows = try? CSVTableReader.rows(folder + "/urbanization.csv") {
                for row in rows { if let rate = row["rate"].flatMap(Double.init) { figures.urbanization[row["level"] ?? "", default: [:]][row["code"] ?? ""] = rate } }
            }
            if let rows = try? CSVTableReader.rows(folder + "/coverage.csv") {
                for row in rows {
                    guard let type = row["type"].flatMap(FacilityType.init(rawValue:)) else { continue }
                    let kind = row["kind"].flatMap { $0.isEmpty ? nil : $0 } ?? AdministrativeCode(row["region"] ?? "")?.townshipKind?.rawValue
                    figures.coverage.append((row["region"] ?? "", kind, type,
                                             row["residential_land_coverage"].flatMap(Double.init), row["population_coverage"].flatMap(Double.init),
                                             Int(row["facilities_inside"] ?? "") ?? 0))
                }
            }
            if let rows = try? CSVTableReader.rows(folder + "/life-circles.csv") {
                for row in rows where row["level"] != "village" {
                    let type = row["type"].flatMap(FacilityType.init(rawValue:))
                    let kind = row["kind_or_class"].flatMap { $0.isEmpty ? nil : $0 }
                    figures.network.append((row["level"] ?? "", row["code"] ?? "", kind, row["circle"] ?? "", type,
                                            row["network_population_share"].flatMap(Double.init)))
                }
            }
        }
        let checked = TargetCheck.evaluate(targets, figures: figures)
        var lines = ["Targets (\(file)):"]
        lines += checked.map { "  " + TargetCheck.line($0) }
        let passed = checked.filter(\.passes).count, notApplicable = checked.filter { $0.verdict == .notApplicable }.count
        lines.append("\(passed) of \(checked.count - notApplicable) checks pass" + (notApplicable > 0 ? "; \(notApplicable) n/a (no figures in --results)" : ""))
        output.say(lines.joined(separator: "\n"))
        if let out {
            try TargetOutputs.write(checked, to: out, options: .init(overwrite: output.overwrite, byteOrderMark: !output.noByteOrderMark, inputs: [file]))
        }
    }
}
