import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningReport
import ZoningTestSupport
import ZoningSampleRun

// A small analysis made only of public API, as an office would add one: the parcels of each
// land-use code at least `min_area_m2` large. It is declared here, in the test target, and
// registered once (`Analyses.register`); nothing else in zoning names it.

struct ParcelCountParameters: AnalysisParameters {
    var minimumSquareMetres = 1000.0
    static let section = "parcel_count"
    static let table: [ParameterEntry<Self>] = [
        .number("min_area_m2", \.minimumSquareMetres, unit: .squareMetres, range: 0...1e9, doc: "Count the parcels at least this large."),
    ]
}

struct ParcelCountStep: ParameterisedStep {
    static let id = "parcel_count"
    static let inputRoles: Set<LayerRole> = [.landUse]
    var parameters: ParcelCountParameters
    func validate() throws { try parameters.validate() }
    func progress(_ inputs: AnalysisInputs) -> String { "Counting parcels" }
    /// Parcels per land-use code, by code.
    func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> [String: Int] {
        inputs.parcels.filter { $0.area >= parameters.minimumSquareMetres }.reduce(into: [:]) { $0[$1.landUse, default: 0] += 1 }
    }
}

enum ParcelCountOutput: StepOutput {
    static func write(_ output: [String: Int], of step: ParcelCountStep, inputs: AnalysisInputs, to folder: String,
                      options: LayerFile.WriteOptions, text: ReportText) throws {
        let csv = "code,parcels\n" + output.sorted { $0.key < $1.key }.map { "\($0.key),\($0.value)\n" }.joined()
        try OutputFiles.write(Data(csv.utf8), to: folder + "/parcel-count.csv", overwrite: false)
    }
}

enum ParcelCountReport: StepReport {
    typealias Step = ParcelCountStep
    static let position = 80
    static let parameterNames = ["parcel_count.min_area_m2": (zh: "计数图斑的最小面积", en: "parcels counted from")]

    static func maps(_ output: [String: Int], _ run: ReportRun) -> [MapDrawing] {
        [{ ReportMap(file: "parcel-count.svg", title: "Parcels counted", svg: "<svg id=\"parcel-count-map\"></svg>", counts: ["codes": output.count]) }]
    }

    static func sections(_ output: [String: Int], _ run: ReportRun, maps: [ReportMap]) -> [ReportSection] {
        [ReportSection(id: "parcel-count", title: "Parcel count",
                       html: HTMLReport.table(["code", "parcels"], output.sorted { $0.key < $1.key }.map { [$0.key, "\($0.value)"] }) + maps.map(HTMLReport.figure).joined())]
    }
}

extension Analysis {
    static let parcelCount = Analysis(
        id: ParcelCountStep.id, parameters: ParcelCountParameters.self,
        step: { project, _ in
            project.parameters.isGiven(ParcelCountParameters.self) ? ParcelCountStep(parameters: project.parameters[ParcelCountParameters.self]) : nil
        },
        files: [OutputFile("parcel-count.csv", "parcels per land-use code at least min_area_m2 large")],
        output: ParcelCountOutput.self, reports: [ParcelCountReport.self])
}

@Suite struct AnalysisTests {
    /// Registered once, the analysis is read from the project file, runs in the chain, writes
    /// its file, records its parameters in the manifest, shows its section and map in the
    /// report and its file in `zoning run --help`'s list — and a project without its section
    /// runs as before.
    @Test func aRegisteredAnalysisShowsUpEverywhere() throws {
        Analyses.register(.parcelCount)
        let folder = try TemporaryFolder()
        let text = try String(contentsOfFile: SampleRun.project, encoding: .utf8)
            .replacingOccurrences(of: "path: ", with: "path: \(checkoutRoot)/Shapefiles/")
            .replacingOccurrences(of: "targets: targets.yaml", with: "targets: \(checkoutRoot)/Shapefiles/targets.yaml")
        try Data((text + "\nparcel_count: {min_area_m2: 2500}\n").utf8).write(to: URL(fileURLWithPath: folder.file("project.yaml")))
        var project = try Project(contentsOf: folder.file("project.yaml"))
        project.output = folder.file("out")
        #expect(project.parameters[ParcelCountParameters.self].minimumSquareMetres == 2500)
        #expect(ProjectRun.outputFiles(project).contains("parcel-count.csv"))
        try ProjectRun.run(project, overwrite: false)

        // The figures, against the land-use layer read directly: TBMJ is each parcel's area.
        var expected: [String: Int] = [:]
        let layer = try LayerFile.open(checkoutRoot + "/Shapefiles/DLTB.shp", options: .init(encoding: .gbk))
        let (area, code) = (try #require(layer.schema.index(of: "TBMJ")), try #require(layer.schema.index(of: "DLBM")))
        try layer.forEach { feature in
            if case .real(let value) = feature.attributes[area], value >= 2500, case .string(let text) = feature.attributes[code] {
                expected[text, default: 0] += 1
            }
        }
        let rows = try CSVRows.read(folder.file("out/parcel-count.csv"))
        #expect(!expected.isEmpty && Dictionary(uniqueKeysWithValues: rows.map { ($0["code"]!, Int($0["parcels"]!)!) }) == expected)

        let manifest = try JSONValue(parsing: try String(contentsOfFile: folder.file("out/manifest.json"), encoding: .utf8))
        #expect(manifest["parameters"]?["parcel_count"]?["min_area_m2"] == .number(2500))
        guard case .array(let outputs)? = manifest["outputs"] else { Issue.record("no outputs in the manifest"); return }
        #expect(outputs.contains { $0["path"] == .string("parcel-count.csv") } && outputs.contains { $0["path"] == .string("maps/parcel-count.svg") })

        let report = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(report.contains("<section id=\"parcel-count\">") && report.contains("<svg id=\"parcel-count-map\">"))
        // Its parameter among the report's parameter rows, by the name its section maker gives.
        #expect(report.contains("<tr><td>计数图斑的最小面积</td><td>2500平方米</td></tr>"))
        // After the life circles (position 70), before the inputs.
        let order = ["id=\"life-circles\"", "id=\"parcel-count\"", "id=\"inputs\""].compactMap { report.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted())
        #expect(ProjectRun.allFiles.contains(OutputFile("parcel-count.csv", "parcels per land-use code at least min_area_m2 large")))

        // A project without the section does not run it.
        let plain = try Project(contentsOf: SampleRun.project)
        #expect(!plain.steps.contains { $0 is ParcelCountStep } && !ProjectRun.outputFiles(plain).contains("parcel-count.csv"))
    }

    /// docs/ARCHITECTURE.md lists the chain of `zoning run` and the layer roles as the code has
    /// them: the steps zoning's own registrations make for the sample (which has every layer
    /// and targets), and `LayerRole`.
    @Test func architectureListsTheChainAndTheRoles() throws {
        let text = try String(contentsOfFile: checkoutRoot + "/docs/ARCHITECTURE.md", encoding: .utf8)
        func quoted(_ line: Substring) -> [String] {
            line.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        let chainLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("| `zoning run` (`Project.steps`)") })
        let documented = quoted(chainLine).filter { $0.hasSuffix("Step") }
        // The sample has every layer and targets; an analysis that runs only when its section
        // asks for it (compare_with:) runs with its section given.
        var sample = try Project(contentsOf: SampleRun.project)
        func give<Parameters: AnalysisParameters>(_ type: Parameters.Type) { sample.parameters[type] = sample.parameters[type] }
        for type in Analyses.builtIn.compactMap(\.parameters) { give(type) }
        let steps = Analyses.builtIn.compactMap { $0.step(sample, InProcessEngine()) }.map { String(describing: type(of: $0)) }
        #expect(documented == steps)
        #expect(steps.count == Analyses.builtIn.count)

        let rolesLine = try #require(text.split(separator: "\n\n").first { $0.hasPrefix("- **Layer roles** (`LayerRole`)") })
        #expect(quoted(rolesLine).dropFirst().prefix(LayerRole.allCases.count).map { $0 } == LayerRole.allCases.map(\.rawValue))
    }
}
