import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
@testable import ZoningProject
import ZoningTestSupport
import ZoningSampleRun

@Suite struct ManifestTests {
    /// FIPS 180-2's example: SHA-256("abc"), and of the empty file.
    @Test func sha256KnownAnswers() throws {
        let folder = try TemporaryFolder()
        try Data("abc".utf8).write(to: URL(fileURLWithPath: folder.file("abc")))
        try Data().write(to: URL(fileURLWithPath: folder.file("empty")))
        #expect(try Manifest.sha256(of: folder.file("abc")) == (3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(try Manifest.sha256(of: folder.file("empty")).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(throws: RunError.cannotRead(path: folder.file("none"), problem: nil)) { try Manifest.sha256(of: folder.file("none")) }
    }

    @Test func relativePaths() {
        #expect(Manifest.relative("/a/b/c.shp", to: "/a/b") == "c.shp")
        #expect(Manifest.relative("/a/x/c.shp", to: "/a/b") == "../x/c.shp")
        #expect(Manifest.relative("/data/c.shp", to: "/home/u/p") == "../../../data/c.shp")
    }

    @Test func parametersRecordDefaults() throws {
        let project = try Project(contentsOf: SampleRun.project)
        let parameters = Manifest.parameters(project)
        #expect(parameters["builtup"]?["gap_m"] == .number(100))
        #expect(parameters["classification"]?["special_population"] == .integer(3000))
        #expect(parameters["fields"]?["land_use"]?["area"] == .string("TBMJ"))
        #expect(parameters["coverage"]?["include_0702"] == .bool(true))
    }

    /// Every parameter of every step in the manifest, under the project file's keys: each
    /// section, written as a project file's section, reads back to the same parameters. The
    /// values differ from the defaults, so a key the manifest leaves out or misspells fails.
    @Test func parametersReadBackThroughTheProjectReader() throws {
        var project = try Project(contentsOf: SampleRun.project)
        project.builtUp.gapMetres = 150
        project.builtUp.fillHolesSquareMetres = 2.5e6
        project.builtUp.seedSettlementCodes = ["201", "202"]
        project.builtUp.constructionCodes.remove("1201")
        project.classification.fullShare = 0.6
        project.classification.partialShare = 0.1
        project.classification.partialMinimumSquareMetres = 5000
        project.classification.specialPopulation = 2500
        project.classification.highConstructionShare = 0.4
        project.coverage.includeRuralHomesteads = false
        project.coverage.radii[.primary] = 800
        project.lifeCircles.snapLimitMetres = 120
        project.lifeCircles.honourOneway = false
        project.lifeCircles.excludedClasses = ["motorway"]
        project.lifeCircles.circles = [LifeCircle(name: "12min", walkMetres: 800, types: [.primary, .elderly])]
        let manifest = Manifest.parameters(project)

        // Every step of the run that has parameters has its section, with every key of its table.
        func keys<Parameters: AnalysisParameters>(_ type: Parameters.Type, _ value: Parameters) -> [String] {
            zip(Parameters.table, value.values).flatMap { entry, value -> [String] in
                guard entry.inline, case .map(let entries) = value.value else { return [entry.key] }
                return entries.map(\.name)
            }
        }
        #expect(manifest["builtup"]?.object?.map(\.key) == keys(BuiltUpParameters.self, project.builtUp))
        #expect(manifest["classification"]?.object?.map(\.key) == keys(ClassificationParameters.self, project.classification))
        #expect(manifest["coverage"]?.object?.map(\.key) == keys(Coverage.Parameters.self, project.coverage))
        #expect(manifest["life_circles"]?.object?.map(\.key) == ["snap_m", "oneway", "exclude_classes", "12min"])

        let folder = try TemporaryFolder()
        let layers = ["land_use: DLTB", "villages: villages", "townships: townships", "seats: seats"].map { role in
            let parts = role.components(separatedBy: ": ")
            return "  \(parts[0]): {path: \(checkoutRoot)/Shapefiles/\(parts[1]).shp}"
        }
        var text = "layers:\n" + layers.joined(separator: "\n") + "\n"
        for section in ["builtup", "classification", "coverage", "life_circles"] {
            text += "\(section): \(try #require(manifest[section]).text)\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("project.yaml")))
        let read = try Project(contentsOf: folder.file("project.yaml"))
        #expect(read.builtUp == project.builtUp)
        #expect(read.classification == project.classification)
        #expect(read.coverage == project.coverage)
        #expect(read.lifeCircles == project.lifeCircles)
    }
}
