import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
@testable import ZoningProject
import ZoningTestSupport

@Suite struct ProjectFileTests {
    let folder = try! TemporaryFolder()
    static let shapefiles = checkoutRoot + "/Shapefiles"

    func write(_ text: String, name: String = "project.yaml") throws -> String {
        let path = folder.file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The four required layers, by absolute path.
    var layers: String {
        """
        layers:
          land_use: {path: \(Self.shapefiles)/DLTB.shp}
          villages: {path: \(Self.shapefiles)/villages.shp}
          townships: {path: \(Self.shapefiles)/townships.shp}
          seats: {path: \(Self.shapefiles)/seats.shp}
        """
    }

    /// outputs.db takes a PostGIS URL and nothing else.
    @Test func outputsDatabase() throws {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships.shp", toPath: folder.file("t.shp"))
        for ext in ["shx", "dbf", "prj", "cpg"] { try FileManager.default.copyItem(atPath: checkoutRoot + "/Tests/Fixtures/townships.\(ext)", toPath: folder.file("t.\(ext)")) }
        let layers = "layers: {land_use: {path: t.shp}, villages: {path: t.shp}, townships: {path: t.shp}, seats: {path: t.shp}}\n"
        try Data((layers + "outputs: {db: \"postgresql://gis@db/county\"}\n").utf8).write(to: URL(fileURLWithPath: folder.file("a.yaml")))
        #expect(try Project(contentsOf: folder.file("a.yaml")).outputDatabase == "postgresql://gis@db/county")
        try Data((layers + "outputs: {db: county.sqlite}\n").utf8).write(to: URL(fileURLWithPath: folder.file("b.yaml")))
        #expect { try Project(contentsOf: folder.file("b.yaml")) } throws: { error in
            (error as? ConfigurationError)?.problem.contains("outputs.db is a PostGIS database URL") == true
        }
    }

    @Test func sampleProjectReadsEveryKey() throws {
        let project = try Project(contentsOf: Self.shapefiles + "/project.yaml")
        #expect(project.name == "样例市 (sample county)")
        #expect(project.output == checkoutRoot + "/out/sample")  // ../out/sample from Shapefiles/
        #expect(project.layers.landUse.path == Self.shapefiles + "/DLTB.shp" && project.layers.landUse.encoding == .gbk)
        #expect(project.layers.facilities?.path == Self.shapefiles + "/facilities-gcj02.csv")
        #expect(project.layers.facilities?.crs?.webMapDatum == .gcj02)
        #expect(project.facilityTypeField == "type")
        #expect(project.coverage.includeRuralHomesteads && project.coverage.radii[.kindergarten] == 300)
        #expect(project.builtUp == BuiltUpParameters() && project.classification == ClassificationParameters())
        #expect(project.targets?.targets.count == 4 && project.targetsFile == Self.shapefiles + "/targets.yaml")
        #expect(project.inputPaths.count == 8)  // six layers, the targets file and the project file
        #expect(project.layers.roads?.path == Self.shapefiles + "/roads.shp" && project.fields[.roadClass] == "highway")
        #expect(project.lifeCircles == LifeCircleParameters())  // the sample writes the defaults out
    }

    @Test func onlyLayersAreRequiredAndRelativePathsFollowTheFile() throws {
        // A project one folder below a copy of the townships: `../` must resolve against the file.
        let sub = folder.file("sub")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
        for ext in ["shp", "shx", "dbf", "prj", "cpg"] {
            try FileManager.default.copyItem(atPath: "\(Self.shapefiles)/townships.\(ext)", toPath: folder.file("t.\(ext)"))
        }
        let path = try write(layers.replacingOccurrences(of: "\(Self.shapefiles)/townships.shp", with: "../t.shp"), name: "sub/p.yaml")
        let project = try Project(contentsOf: path)
        #expect(project.layers.townships.path == folder.file("t.shp"))
        #expect(project.output == sub + "/out" && project.name == "p")
        #expect(project.layers.facilities == nil && project.targets == nil)
        #expect(project.coverage.radii == Coverage.Parameters().radii && !project.coverage.includeRuralHomesteads)
        #expect(project.outputEncoding == .utf8 && project.csvByteOrderMark)
    }

    @Test func parametersAndInlineTargets() throws {
        let path = try write(layers + """

            builtup: {gap_m: 150, fill_holes_km2: 0.5, seed_codes: [201, 202]}
            classification: {full_share: 0.6, special_population: 2500}
            coverage: {radius_m: {primary: 800}}
            layers_note: x
            """.replacingOccurrences(of: "layers_note: x", with: "targets:\n  - {indicator: urbanization_rate, comparator: \">=\", threshold: 0.6}"))
        let project = try Project(contentsOf: path)
        #expect(project.builtUp.gapMetres == 150 && project.builtUp.fillHolesSquareMetres == 500_000)
        #expect(project.builtUp.seedSettlementCodes == ["201", "202"])
        #expect(project.classification.fullShare == 0.6 && project.classification.specialPopulation == 2500)
        #expect(project.coverage.radii[.primary] == 800 && project.coverage.radii[.middle] == 1000)
        #expect(project.targets?.targets.first?.threshold == 0.6 && project.targetsFile == nil)
    }

    @Test func populationLayer() throws {
        let project = try Project(contentsOf: try write(layers + "\n  population: {path: \(Self.shapefiles)/villages.shp, fields: {population: RKZS}}\n"))
        #expect(project.layers.population?.path == Self.shapefiles + "/villages.shp" && project.fields[.residents] == "RKZS" && project.fields.isNamed(.residents))
        #expect(project.inputPaths.contains(Self.shapefiles + "/villages.shp") && project.layers.all.count == 5)
        do {
            _ = try Project(contentsOf: try write(layers + "\n  population: {path: \(Self.shapefiles)/villages.shp, fields: {residents: RKZS}}\n"))
            Issue.record("no error for an unknown field role")
        } catch let error as ConfigurationError {
            #expect(error.line == 6 && error.key == "layers.population.fields.residents" && error.problem.hasSuffix("the keys here are population"))
        }
    }

    /// Each mistake is reported with the file, the line it is on and the key path.
    @Test(arguments: [
        ("colour: red", 6, "colour", "unknown key"),
        ("language: fr", 6, "language", "zh or en"),
        ("builtup:\n  gap_m: far", 7, "builtup.gap_m", "expected a number"),
        ("builtup: {gap_m: -5}", 6, "builtup.gap_m", "from 0 to 10000 (metres), not -5"),
        ("coverage:\n  radius_m:\n    school: 500", 8, "coverage.radius_m.school", "unknown facility type"),
        ("coverage:\n  radius_m:\n    小学: 0", 8, "coverage.radius_m.小学", "from 1 to 100000 (metres), not 0"),
        ("classification: {partial_min_m2: -1}", 6, "classification.partial_min_m2", "from 0 to 1000000000 (m²)"),
        ("classification: {full_share: 0.1, partial_share: 0.2}", 6, "classification.partial_share", "must not exceed"),
        ("coverage: {include_0702: maybe}", 6, "coverage.include_0702", "true or false"),
        ("targets:\n  - {indicator: urbanization_rate, comparator: \"=>\", threshold: 1}", 7, "targets[0].comparator", "unknown comparator"),
        ("targets: nowhere.yaml", 6, "targets", "no targets file"),
        ("outputs: {encoding: Big5}", 6, "outputs.encoding", "UTF-8 or GBK"),
        ("outputs: {format: kml}", 6, "outputs.format", "shp (shapefiles, the default) or gpkg"),
        ("layers: {}", 6, "layers", "appears twice"),
        ("engine: spark", 6, "engine", "in-process or postgis (the default is in-process)"),
    ])
    func mistakesNameFileLineAndKey(_ extra: String, line: Int, key: String, problem: String) throws {
        let path = try write(layers + "\n" + extra + "\n")
        do {
            _ = try Project(contentsOf: path)
            Issue.record("no error for \(extra)")
        } catch let error as ConfigurationError {
            #expect(error.file == path)
            #expect(error.line == line, "\(error)")
            #expect(error.key == key, "\(error)")
            #expect(error.problem.contains(problem), "\(error)")
            #expect(error.description.hasPrefix("\(path):\(line): \(key): "))
        }
    }

    @Test func layerMistakes() throws {
        func problem(_ text: String) throws -> ConfigurationError? {
            do { _ = try Project(contentsOf: try write(text)); return nil } catch let error as ConfigurationError { return error }
        }
        let role = try problem(layers.replacingOccurrences(of: "villages: {path:", with: "villages: {fields: {populaton: RKZS}, path:"))
        #expect(role?.key == "layers.villages.fields.populaton" && role?.line == 3 && role?.problem.contains("population") == true)
        let missing = try problem(layers.replacingOccurrences(of: "seats.shp", with: "seat.shp"))
        #expect(missing?.key == "layers.seats.path" && missing?.line == 5 && missing?.problem.contains("no file at") == true)
        let crs = try problem(layers.replacingOccurrences(of: "seats.shp}", with: "seats.shp, crs: \"EPSG:99999\"}"))
        #expect(crs?.key == "layers.seats.crs" && crs?.problem.contains("PROJ does not know") == true)
        let absent = try problem(layers.replacingOccurrences(of: "  seats: {path: \(Self.shapefiles)/seats.shp}", with: ""))
        #expect(absent?.key == "layers" && absent?.problem.contains("\"seats\" is missing") == true)
        let inside = try problem(layers + "\noutput: \(Self.shapefiles)\n")
        #expect(inside?.key == "output" && inside?.problem.contains("holds the input") == true)
        let noFacilities = try problem(layers + "\ntargets: \(Self.shapefiles)/targets.yaml\n")
        #expect(noFacilities?.key == "targets" && noFacilities?.line == 6 && noFacilities?.problem.contains("add layers.facilities") == true)
        let notYAML = try problem("layers:\n  land_use: {path: [\n")
        #expect(notYAML?.problem.hasPrefix("not valid YAML") == true)
    }
}
