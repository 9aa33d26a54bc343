import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// The main job: reads a project's layers, runs every analysis (built-up regions,
/// classification, urbanization, review lists, coverage, targets) and writes every layer,
/// table, map, the report and the manifest to the project's output folder.
///
/// The folder is written whole or not at all: files go to a staging folder beside it, which
/// replaces the old folder only when everything is written. An existing folder is replaced only
/// with `overwrite`, and only if it holds exactly a previous run: a `manifest.json` of zoning's
/// and the files it lists, with their checksums (`RunFolder`). What appears at the output
/// during the run is kept, and the run then fails.
///
/// Outputs are byte-identical when the inputs are: the .dbf header date is the newest input's
/// modification date, and only `manifest.json` records times.
///
/// ```swift
/// let project = try Project(contentsOf: "Shapefiles/project.yaml")
/// let result = try ProjectRun.run(project, overwrite: true) { print($0) }
/// ```
public enum ProjectRun {
    /// The files a run writes around the analyses' own: first `summary.csv`, last the report and
    /// the manifest (besides the maps in `maps/`).
    public static let runFiles = (
        first: [OutputFile("summary.csv", "the county figures to report upward, one row per county")],
        last: [
            OutputFile("report.html", "the report with maps (open it in a browser, or print it)"),
            OutputFile("maps/*.svg", "the report's maps"),
            OutputFile("*.qml, *.sld", "each layer's style beside it, for QGIS and as SLD 1.1 (in results.gpkg's layer_styles with outputs.format gpkg)"),
            OutputFile(StyleOutputs.projectFile, "the QGIS project: every layer styled as the report's maps, grouped as its sections (relative paths)"),
            OutputFile("manifest.json", "inputs, outputs (SHA-256), parameters, versions, timings"),
        ])

    /// Every file a run of any project may write: `runFiles` around each registered analysis's
    /// files, in chain order (the list `zoning run --help` gives).
    public static var allFiles: [OutputFile] { runFiles.first + Analyses.all.flatMap(\.files) + runFiles.last }

    /// The files a run of `project` writes, besides the maps in `maps/`: those of the analyses
    /// it runs.
    public static func outputFiles(_ project: Project) -> [String] { outputFiles(project, of: Analyses.all) }

    /// The files a run of `project` writes through `analyses` (and the run's own); with
    /// `outputs: {format: gpkg}` the layers are one `results.gpkg`, after the tables.
    public static func outputFiles(_ project: Project, of analyses: [Analysis]) -> [String] {
        let running = analyses.filter { $0.step(project, InProcessEngine()) != nil && $0.writes(project) }
        var files = (runFiles.first + running.flatMap(\.files) + runFiles.last).filter { !$0.name.contains("*") }
        // Each layer's styles beside it (.qml for QGIS, .sld for GeoServer and MapServer).
        files = files.flatMap { file in
            file.kind == .layer ? [file] + styleFiles(of: file) : [file]
        }
        if project.layerOutputFormat == .geoPackage {
            let last = files.lastIndex { $0.kind != .document } ?? files.count - 1
            files.insert(OutputFile(LayerOutputFormat.geoPackageName, "every layer of the run, one table each"), at: last + 1)
            files.removeAll { $0.kind == .layer || $0.kind == .style }
        }
        return files.map(\.name)
    }

    /// A layer's style files: `NAME.qml` and `NAME.sld` beside `NAME.shp`.
    static func styleFiles(of layer: OutputFile) -> [OutputFile] {
        let stem = String(layer.name.dropLast(4))
        return [OutputFile(stem + ".qml", "the QGIS style of \(layer.name)"), OutputFile(stem + ".sld", "the SLD 1.1 style of \(layer.name)")]
    }

    /// - Parameter progress: called with a line before each step.
    /// - Throws: `RunError` for an output folder that cannot be used; the readers', analyses'
    ///   and writers' errors as they are. Nothing is left in the output folder on error.
    @discardableResult
    public static func run(_ project: Project, overwrite: Bool, progress: (String) -> Void = { _ in }) throws -> RunResult {
        // Also when --out replaced the project's output: the folder is replaced as a whole.
        if let input = Project.inputInside(output: project.output, inputs: project.inputPaths) {
            throw RunError.outputHoldsInput(output: project.output, input: input)
        }
        let folder = try RunFolder(output: project.output, overwrite: overwrite)
        do {
            let result = try analyse(project, hashingInputs: true, progress: progress)
            try write(result, to: folder.makeStaging(), progress: progress)
            try folder.commit()
            return result
        } catch {
            let explained = folder.explained(error)
            folder.discard()
            throw explained
        }
    }

    /// Reads the inputs, then runs the project's chain of steps (`Project.steps`), without
    /// writing anything. Each layer is opened once (a zipped one unpacked once).
    /// - Parameter hashingInputs: also hash the files read, on a thread of their own while
    ///   they are read and analysed (`InputHashing`), for the manifest.
    /// - Throws: `InputChecksFailed` when the inputs do not fit together (with `project.strict`,
    ///   also for warnings), before any analysis runs.
    public static func analyse(_ project: Project, hashingInputs: Bool = false, progress: (String) -> Void = { _ in }) throws -> RunResult {
        // The engine's one check (EngineChoice.validate), before any layer is read: `zoning
        // run` reaches it through `run`, other callers here.
        let engineDatabase = try project.engine.validate(database: project.outputDatabase)
        progress("Reading \(project.layers.byRole.count) layers")
        let start = DispatchTime.now().uptimeNanoseconds
        var sources: [LayerRole: FeatureSource] = [:]
        for (role, layer) in project.layers.byRole { sources[role] = try LayerFile.open(layer.path, options: layer.readOptions) }
        let files = project.layers.byRole.flatMap { role, _ in (sources[role]?.files ?? []).map { (role: role.rawValue, path: $0) } }
            + [("targets", project.targetsFile), ("project", project.file)].compactMap { role, path in path.map { (role: role, path: $0) } }
        let hashing = hashingInputs ? InputHashing(files.map(\.path)) : nil
        var reader = InputReader(fields: project.fields)
        reader.facilityTypeField = project.facilityTypeField
        reader.facilityTypes = project.facilityTypes
        let inputs = try reader.read(sources)
        // A table has no file to hash: its rows are, by the server, right after reading.
        let tables = try project.layers.byRole.compactMap { role, _ -> Manifest.InputFile? in
            guard let table = sources[role] as? PostGISLayerReader else { return nil }
            let (rows, digest) = try table.contentChecksum()
            return Manifest.InputFile(role: role.rawValue, path: table.url.masked, bytes: 0, sha256: digest, rows: rows)
        }
        let reading = ("read", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        // The PostGIS engine's work schema is dropped whatever the steps' outcome.
        let engine = try project.engine.open(database: engineDatabase, project: project.name)
        defer { engine.close() }
        if let engineDatabase { progress("Computing in PostGIS (\(LayerFile.shown(engineDatabase)))") }
        if !engine.removedLeftovers.isEmpty { progress("Removed what ended runs of this project left: \(engine.removedLeftovers.joined(separator: ", "))") }
        // The analysis CRS as WKT (each output layer's .prj, the manifest) takes PROJ tens of
        // milliseconds; it is asked for aside, on the cores the analyses leave idle, so that the
        // write step finds it remembered (`CoordinateReferenceSystem` keeps what PROJ answered).
        // Waited for whatever happens, so that no thread is left inside PROJ as the process ends.
        let crs = inputs.crs
        let crsText = Parallel.Pending(.idle) {
            _ = try? crs.esriWKT()
            _ = try? crs.wkt2()
        }
        var result: RunResult
        do {
            let run = try Pipeline(project.steps(engine: engine.engine)).run(inputs, progress: progress)
            result = try RunResult(project: project, inputs: inputs, results: run.results, inputFiles: files, timings: [reading] + run.timings)
        } catch {
            try? crsText.value()
            throw error
        }
        result.inputTables = tables
        result.inputHashing = hashing
        result.crsText = crsText
        return result
    }

    /// Writes every output of `result` into `folder` (which exists and is empty).
    static func write(_ result: RunResult, to folder: String, progress: (String) -> Void) throws {
        progress("Writing layers, tables, maps and the report to \(result.project.output)")
        defer { try? result.crsText?.value() }
        let start = DispatchTime.now().uptimeNanoseconds
        let project = result.project
        var options = LayerFile.WriteOptions(encoding: project.outputEncoding, byteOrderMark: project.csvByteOrderMark, inputs: project.inputPaths)
        options.dbfDate = try newestModification(of: project.inputPaths)
        let writeOptions = options
        let report = result.report
        let counties = result.countySummary
        // The layers, tables and styles are written, then the inputs' digests (hashed while the
        // run read them) collected, while the maps are drawn: the maps take the longest, so
        // nothing else waits behind them.
        let (inputs, maps) = try Parallel.both({
            try StepOutputs.write(project.steps, result.results, inputs: result.inputs, to: folder, options: writeOptions, text: ReportText(project.language))
            try SummaryOutputs.write(result, rows: counties, to: folder, options: writeOptions)
            // The styles, checked against the layers as written, beside the shapefiles or in results.gpkg.
            let groups = StyleOutputs.groups(report)
            let styles = LayerStyles.defaults(groups)
            try StyleOutputs.check(groups.flatMap(\.all), folder: folder)
            if project.layerOutputFormat == .geoPackage {
                try LayerOutputFormat.gatherShapefiles(in: folder, tables: [StyleOutputs.styleTable(styles, date: StyleOutputs.updateTime(writeOptions.dbfDate))])
            } else {
                try StyleOutputs.writeFiles(styles, to: folder)
            }
            try StyleOutputs.writeProject(report, groups: groups, format: project.layerOutputFormat, to: folder)
            return try Manifest.inputFiles(result)
        }, { try ReportMaps.draw(report) })
        try FileManager.default.createDirectory(atPath: folder + "/maps", withIntermediateDirectories: true)
        for map in maps {
            try OutputFiles.write(Data(map.svg.utf8), to: "\(folder)/maps/\(map.file)", overwrite: false)
        }
        try OutputFiles.write(Data(HTMLReport.render(report, maps: maps, inputs: inputs.map(\.reportRow), counties: counties).utf8), to: folder + "/report.html", overwrite: false)
        var timed = result
        timed.timings.append(("write", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        try OutputFiles.write(Data(try Manifest.document(timed, inputs: inputs, outputFolder: folder).indentedText.utf8 + [0x0A]), to: folder + "/manifest.json", overwrite: false)
    }

    /// The newest modification date among `paths` and their sidecar files, as a calendar date (UTC).
    static func newestModification(of paths: [String]) throws -> CalendarDate? {
        let dates = paths.compactMap { try? FileManager.default.attributesOfItem(atPath: $0)[.modificationDate] as? Date }
        guard let newest = dates.max() else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: newest)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
