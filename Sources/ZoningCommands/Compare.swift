import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningDatabase
import ZoningLayers
import ZoningProject
import ZoningReport
import ZoningSupport

/// `zoning compare OLD NEW --out DIR`: two runs of one county compared (docs/METHOD.md §9).
public struct Compare: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two runs of one county: what changed since the earlier run, and why.",
        discussion: """
            OLD and NEW are output folders of zoning run, or runs it published in
            PostGIS (zoning run --db): the database URL with the run's schema after #,
            e.g. postgresql://gis@db/county#样例市_latest. Units are matched by code,
            and where a code disappears or appears by the overlap of their polygons
            (renumbered, merged, split, renamed, redrawn, new, gone), with the overlap
            shares as evidence. Writes changes.csv, code-changes.csv,
            urbanization-change.csv, coverage-change.csv, targets-progress.csv,
            life-circles-change.csv (when both runs had roads), facility-changes.csv
            (facilities opened and closed by name, when both runs kept
            facilities.csv), builtup-change.shp and comparison.json to --out: the
            same files as zoning run with compare_with: in the project file. Runs of
            two counties are refused; different parameters, CRSs or versions, and
            what only one run has, are stated first.

            Example:
              zoning compare out/2024 out/2025 --out out/compare
            """)

    @Argument(help: "The earlier run: its output folder, or its PostGIS schema (postgresql://…#SCHEMA).")
    var old: String

    @Argument(help: "The later run: its output folder, or its PostGIS schema.")
    var new: String

    @Option(help: "The folder to write the comparison into.")
    var out: String

    @Option(name: .customLong("link-share"), help: ArgumentHelp(ComparisonParameters.help("link_share")))
    var linkShare: Double?

    @Option(name: .customLong("same-share"), help: ArgumentHelp(ComparisonParameters.help("same_share")))
    var sameShare: Double?

    @OptionGroup var output: OutputOptions

    public init() {}

    public func run() throws {
        var parameters: ComparisonParameters = try ParameterFlags.parameters([
            ("link_share", linkShare.map(ParameterValue.number)), ("same_share", sameShare.map(ParameterValue.number)),
        ])
        parameters.path = LayerFile.isDatabase(old) ? DatabaseURL.mask(old) : URL(fileURLWithPath: old).standardizedFileURL.path
        let earlier = try read(old), later = try read(new)
        let comparison: RunComparison
        do { comparison = try RunComparison.compare(old: earlier, new: later, parameters: parameters) } catch let error as ComparisonError {
            throw CommandError(message: "zoning compare: \(error)")
        }
        let files = FileManager.default
        if files.fileExists(atPath: out) {
            let contents = (try? files.contentsOfDirectory(atPath: out)) ?? []
            guard output.overwrite || contents.isEmpty else {
                throw CommandError(message: "zoning compare: \(out) exists and is not empty; give --overwrite to replace the comparison's files in it, or another --out")
            }
        }
        // Written whole into a staging folder beside --out, then moved in.
        let staging = URL(fileURLWithPath: out).standardizedFileURL.path + ".zoning-compare-\(getpid())"
        try? files.removeItem(atPath: staging)
        try files.createDirectory(atPath: staging, withIntermediateDirectories: true)
        Interruption.register(staging)
        defer {
            try? files.removeItem(atPath: staging)
            Interruption.unregister(staging)
        }
        var options = output.writeOptions(inputs: [old, new].filter { !LayerFile.isDatabase($0) })
        options.overwrite = false
        options.dbfDate = LayerFile.isDatabase(new) ? nil : ComparisonOutputs.tableDate(ofRun: new)
        try ComparisonOutputs.write(comparison, crs: later.crs, to: staging, options: options, text: output.text)
        try files.createDirectory(atPath: out, withIntermediateDirectories: true)
        for name in try files.contentsOfDirectory(atPath: staging).sorted() {
            let target = out + "/" + name
            if files.fileExists(atPath: target) { try files.removeItem(atPath: target) }
            try files.moveItem(atPath: staging + "/" + name, toPath: target)
        }
        var lines = ComparisonReport.summaryLines(comparison)
        lines.append("Written to \(out)")
        output.say(lines.joined(separator: "\n"))
    }

    private func read(_ folder: String) throws -> RunSnapshot {
        do { return try RunSnapshotReader.read(folder) } catch let problem as RunSnapshotReader.Problem {
            throw CommandError(message: "zoning compare: \(problem)")
        }
    }
}
