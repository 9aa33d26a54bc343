import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningSupport

/// `zoning run [PROJECT]`: the main job — every analysis of a project, its outputs, report and manifest.
public struct Run: ParsableCommand {
    /// Computed, so that the file list names every registered analysis's files.
    public static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: "Run every analysis of a project file and write its layers, tables, maps, HTML report and manifest.",
        discussion: """
            Reads the layers the project file names (YAML; Shapefiles/project.yaml is a
            commented example), delineates built-up regions, classifies every
            village-level unit, computes urbanization, the review lists, service coverage
            per township, the life circles on foot along the roads (with a roads layer)
            and the plan targets, and writes to the project's output folder:

            \(fileList)
              (with outputs: {format: gpkg} the layers go into one results.gpkg)

            Before any analysis the layers are checked against each other (codes,
            fields, CRS, extents, geometries; docs/CHECKS.md). Errors stop the run
            with the file, field and fix, and nothing is written; warnings are
            printed, listed in the report, checks.csv and the manifest, and stop the
            run with --strict.

            Exit status: 0 done; 1 an error (bad input, failed checks); 3 a plan
            target failed, with --fail-on-targets.

            The folder is replaced as a whole, in one atomic step, only when the run
            succeeds, and only with --overwrite if it holds an earlier run; Ctrl-C leaves
            it as it was (exit status 130). Rerunning on the same inputs gives the same
            files; only the timings in manifest.json differ.

            With no PROJECT it runs the embedded sample county (Shapefiles/project.yaml),
            writing to out/sample in the checkout.

            With --db postgresql://… (or outputs.db in the project) the finished run is
            also published into PostGIS:
            every layer and table, and the manifest, into a schema of its own named by
            the project and the time, and a view per table over the newest run in the
            schema PROJECT_latest (docs/DATABASE.md), which belongs to that project alone.
            What killed runs of the project left there is removed first (zoning db
            clean removes it for every project).

            With --engine postgis (or engine: postgis in the project) built-up regions,
            classification and coverage run as SQL inside that database: the inputs
            are read and checked here, copied into a work schema (dropped afterwards),
            and only the results come back; the outputs are the same files, and the
            same classes and figures, as with the default --engine in-process. It
            needs --db or outputs.db (docs/SCALING.md).

            Province mode: with --each and the counties' project files (one per county
            folder), each county runs as its own zoning run into --out DIR/<its folder's
            name>, --jobs at a time (by default the first county runs alone and its peak
            memory is measured, then the others run as many at a time as there are
            cores, within 80 % of the memory available; the choice is printed), and
            DIR/province-summary.csv gets one row per county: how its run went (status,
            seconds, CPU seconds, peak MB, the error of a failed run) and its summary.csv
            figures (parcels, units, classes, urbanization, built-up area, coverage,
            targets). A failing county is listed and the others go on; the exit status is
            1 if one failed. Memory stays that of the largest county.

            Examples:
              zoning run
              zoning run /data/370881/project.yaml --overwrite
              zoning run /data/370881/project.yaml --overwrite --db postgresql://gis@db/county
              zoning run /data/370881/project.yaml --overwrite --db postgresql://gis@db/county --engine postgis
              zoning run --each /data/*/project.yaml --out /data/province --overwrite
            """) }

    /// Every file a run may write, a line each, the description wrapped under itself to fit
    /// 80 columns: "  coverage.csv  coverage per township …".
    static var fileList: String {
        let files = ProjectRun.allFiles
        let column = (files.map(\.name.count).max() ?? 0) + 4
        return files.map { file in
            var lines = ["  " + file.name.padding(toLength: column - 2, withPad: " ", startingAt: 0)]
            for word in file.about.split(separator: " ") {
                if lines[lines.count - 1].count + word.count + 1 > 78, lines[lines.count - 1].count > column {
                    lines.append(String(repeating: " ", count: column))
                }
                lines[lines.count - 1] += (lines[lines.count - 1].count > column ? " " : "") + word
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    @Argument(help: "The project file (YAML). Default: the embedded sample, Shapefiles/project.yaml.")
    var project: String?

    @Option(help: "Write to this folder instead of the project's output. With --each: the province folder, holding a folder per county and province-summary.csv.")
    var out: String?

    @Option(name: .customLong("each"), parsing: .upToNextOption, help: ArgumentHelp("Province mode: run each of these project files (one per county folder) into --out DIR/<folder name>, and write DIR/province-summary.csv.", valueName: "project"))
    var each: [String] = []

    @Option(help: "With --each: how many counties run at the same time (default: the first county alone, then as many as there are cores, within 80 % of the memory available at the first county's measured peak; the choice is printed).")
    var jobs: Int?

    @Flag(help: "Replace the output folder if it holds an earlier run.")
    var overwrite = false

    @Flag(help: "Stop on warnings of the input checks too, not only on errors.")
    var strict = false

    @Flag(name: .customLong("fail-on-targets"), help: "Exit with status 3 when a plan target fails (for scheduled runs); n/a targets do not fail.")
    var failOnTargets = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    @Option(help: "Also publish the run into this PostGIS database (postgresql://…): a schema per run, and views of the newest run in PROJECT_latest; with --engine postgis the analyses run in it too. Overrides outputs.db of the project.")
    var db: String?

    @Option(help: "Where built-up regions, classification and coverage are computed: in-process (default) or postgis (SQL inside the --db database). Overrides engine: in the project.")
    var engine: EngineChoice?

    /// The exit status of a run whose targets fail, with --fail-on-targets.
    static let targetsFailedStatus: Int32 = 3

    public init() {}

    public func run() throws {
        if !each.isEmpty { return try runProvince() }
        let path = try project ?? Self.sampleProject()
        var loaded = try Project(contentsOf: path)
        if let out { loaded.output = URL(fileURLWithPath: out).standardizedFileURL.path }
        loaded.strict = strict
        if let engine { loaded.engine = engine }
        if let db { loaded.outputDatabase = db }
        let progress = Progress(quiet: quiet)
        Interruption.install()  // Ctrl-C removes the staging folder and exits 130
        progress.step("Project \(path)")
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try ProjectRun.run(loaded, overwrite: overwrite) { progress.step($0) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        KeptUntilExit.keep(result)
        if !quiet { print(RunSummary.text(result, seconds: seconds)) }
        if let db = loaded.outputDatabase {
            progress.step("Publishing the run to \(LayerFile.shown(db))")
            let published = try RunPublication.publish(folder: loaded.output, projectName: loaded.name, database: db)
            if !quiet {
                print("Database      schema \(published.schema) (\(published.tables.count) tables), views of the newest run in \(published.latestSchema)")
                if published.shortened {
                    print("              (the project's name is too long for PostgreSQL's 63-byte names: the schemas hold a cut of it and a hash of the whole)")
                }
                if !published.removedLeftovers.isEmpty {
                    print("              removed what ended runs of this project left: \(published.removedLeftovers.joined(separator: ", "))")
                }
                print("QGIS          project \(published.schema).qgis_projects: zoning" + (published.stylesRefused.map { "; styles not in public.layer_styles: \($0)" } ?? ", styles in public.layer_styles"))
            }
        }
        if failOnTargets, result.targets.contains(where: { $0.verdict == .fail }) { throw ExitCode(Self.targetsFailedStatus) }
    }

    /// `--each`: every county in its own process (`ProvinceRun`).
    func runProvince() throws {
        guard project == nil else { throw CommandError(message: "give the project files after --each, or one PROJECT without it, not both") }
        guard let out else { throw CommandError(message: "--each needs --out DIR: the province folder, which gets a folder per county and province-summary.csv") }
        let province = ProvinceRun(projects: each, out: out, overwrite: overwrite, strict: strict, failOnTargets: failOnTargets, jobs: jobs, db: db, engine: engine)
        let quiet = quiet
        let status = try province.run(executable: ChildProcess.currentExecutable) { line in
            if !quiet || line.contains("FAILED") || line.hasPrefix("Failed") { print(line) }
        }
        if status != 0 { throw ExitCode(status) }
    }

    /// Shapefiles/project.yaml in the working directory, or in the checkout the binary was
    /// built in (found from the executable's path, then from this source file's).
    static func sampleProject() throws -> String {
        let relative = "Shapefiles/project.yaml"
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.path)
        }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
        for base in candidates where FileManager.default.fileExists(atPath: base + "/" + relative) {
            return base + "/" + relative
        }
        throw CommandError(message: "No project file given, and the embedded sample (\(relative)) is not in this folder or the checkout. Name a project file: zoning run PROJECT.yaml")
    }
}

/// What a command computed, left for the process's exit to take back whole instead of being
/// freed piece by piece when the command returns: the process ends right after, and freeing a
/// 300,000-parcel run (every parcel's GEOS geometry, one call each) took 0.1–0.2 s.
///
/// ```swift
/// KeptUntilExit.keep(result)   // result's memory is never freed before the process exits
/// ```
enum KeptUntilExit {
    private final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}

extension EngineChoice: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
