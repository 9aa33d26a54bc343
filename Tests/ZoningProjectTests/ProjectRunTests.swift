import Foundation
import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection
@testable import ZoningProject
import ZoningTestSupport

@Suite struct ProjectRunTests {
    @Test func writesEveryOutput() throws {
        let run = try SampleRun.get()
        let written = Set(try FileManager.default.subpathsOfDirectory(atPath: run.folder))
        let files = ProjectRun.outputFiles(run.result.project)
        for name in files { #expect(written.contains(name), "\(name) is missing") }
        // And nothing else, besides the maps and the shapefiles' sidecars.
        let sidecars = [".cpg", ".dbf", ".prj", ".shx"]
        let main = Set(written.filter { !$0.hasPrefix("maps") }.map { name in
            sidecars.first(where: name.hasSuffix).map { name.dropLast($0.count) + ".shp" } ?? name
        })
        #expect(main == Set(files))
        #expect(written.contains("maps/classes.svg") && written.contains("maps/builtup.svg") && written.contains("maps/coverage-elderly.svg"))
        // Nothing is left beside the folder: the staging folder became it.
        let parent = URL(fileURLWithPath: run.folder).deletingLastPathComponent().path
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["sample"])
    }

    /// The classes equal the sample's designed answer (truth.csv), made by the generator, not
    /// by the classifier.
    @Test func classesAreTheDesignedOnes() throws {
        let run = try SampleRun.get()
        let truth = try CSVRows.read(checkoutRoot + "/Shapefiles/truth.csv")
        let derived = Dictionary(uniqueKeysWithValues: try CSVRows.read(run.folder + "/classification.csv").map { ($0["XZQDM"] ?? "", $0["CLASS"] ?? "") })
        #expect(truth.count == 120 && derived.count == 120)
        for row in truth { #expect(derived[row["XZQDM"] ?? ""] == row["designed_class"], "\(row["XZQDM"] ?? "")") }
    }

    /// The manifest's checksums agree with coreutils' sha256sum, for inputs and outputs alike.
    @Test(.enabled(if: ExternalTool.sha256sum.isAvailable)) func manifestChecksumsAgreeWithSha256sum() throws {
        let run = try SampleRun.get()
        let manifest = try JSONValue(parsing: String(decoding: FileManager.default.contents(atPath: run.folder + "/manifest.json")!, as: UTF8.self))
        func sums(_ paths: [String]) throws -> [String: String] {
            let text = try ExternalTool.sha256sum.run(paths)
            return Dictionary(uniqueKeysWithValues: text.split(separator: "\n").map { line in
                let parts = line.split(separator: " ", maxSplits: 1)
                return (String(parts[1].trimmingCharacters(in: .whitespaces)), String(parts[0]))
            })
        }
        guard case .array(let outputs)? = manifest["outputs"] else { Issue.record("no outputs"); return }
        let paths = outputs.compactMap { $0["path"]?.stringValue }
        let written = try FileManager.default.subpathsOfDirectory(atPath: run.folder).filter { name in
            var folder: ObjCBool = false
            return FileManager.default.fileExists(atPath: run.folder + "/" + name, isDirectory: &folder) && !folder.boolValue && name != "manifest.json"
        }
        #expect(paths == written.sorted())
        let expected = try sums(paths.map { run.folder + "/" + $0 })
        for entry in outputs { #expect(entry["sha256"]?.stringValue == expected[run.folder + "/" + (entry["path"]?.stringValue ?? "")]) }

        guard case .array(let inputs)? = manifest["inputs"] else { Issue.record("no inputs"); return }
        #expect(inputs.compactMap { $0["role"]?.stringValue } == ["land_use", "villages", "townships", "seats", "facilities", "roads", "targets", "project"])
        let landUse = inputs[0]["files"]
        guard case .array(let files)? = landUse else { Issue.record("no land-use files"); return }
        #expect(files.compactMap { $0["path"]?.stringValue } == ["DLTB.shp", "DLTB.shx", "DLTB.dbf", "DLTB.prj"])
        let shapefiles = checkoutRoot + "/Shapefiles/"
        let inputSums = try sums(files.compactMap { $0["path"]?.stringValue }.map { shapefiles + $0 })
        for file in files { #expect(file["sha256"]?.stringValue == inputSums[shapefiles + (file["path"]?.stringValue ?? "")]) }
        #expect(manifest["toolkit"]?["zoning"]?.stringValue == ZoningVersion.current)
        #expect(manifest["parameters"]?["coverage"]?["radius_m"]?["kindergarten"] == .number(300))
        #expect(manifest["timings"]?["builtup_s"] != nil && manifest["timings"]?["finished_at"] != nil)
    }

    /// Rerunning gives the same bytes in every file; the manifest differs only in its timings.
    @Test func rerunGivesIdenticalOutputs() throws {
        let first = try SampleRun.get()
        let folder = try TemporaryFolder()
        try ProjectRun.run(try SampleRun.project(writingTo: folder.file("again")), overwrite: false)
        try ProjectRun.run(try SampleRun.project(writingTo: folder.file("again")), overwrite: true)  // replaces a run
        let names = try FileManager.default.subpathsOfDirectory(atPath: first.folder).sorted()
        #expect(try FileManager.default.subpathsOfDirectory(atPath: folder.file("again")).sorted() == names)
        for name in names where name != "manifest.json" && name != "maps" {
            #expect(FileManager.default.contents(atPath: "\(first.folder)/\(name)") == FileManager.default.contents(atPath: folder.file("again/\(name)")), "\(name) differs")
        }
        func untimed(_ path: String) throws -> JSONValue {
            let value = try JSONValue(parsing: String(decoding: FileManager.default.contents(atPath: path)!, as: UTF8.self))
            return .object((value.object ?? []).filter { $0.key != "timings" })
        }
        #expect(try untimed(first.folder + "/manifest.json") == untimed(folder.file("again/manifest.json")))
    }

    @Test func refusesToReplaceWithoutOverwriteOrAForeignFolder() throws {
        let run = try SampleRun.get()
        #expect(throws: RunError.outputExists(path: run.folder)) { try ProjectRun.run(try SampleRun.project(writingTo: run.folder), overwrite: false) }
        let folder = try TemporaryFolder()
        try Data("notes".utf8).write(to: URL(fileURLWithPath: folder.file("notes.txt")))
        #expect(throws: RunError.self) { try ProjectRun.run(try SampleRun.project(writingTo: folder.path), overwrite: true) }
        #expect(folder.contents == ["notes.txt"])
    }

    /// A run that fails after reading (on facility types it does not know) leaves the previous
    /// run untouched and no staging folder behind.
    @Test func failedRunLeavesThePreviousRun() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try ProjectRun.run(try SampleRun.project(writingTo: output), overwrite: false)
        let before = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        var project = try SampleRun.project(writingTo: output)
        project.facilityTypeField = "name"  // names are not types
        #expect(throws: InputChecksFailed.self) { try ProjectRun.run(project, overwrite: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == before)
        #expect(folder.contents == ["out"])
    }

    /// Residents as points: one point per village (its interior point, its POP) in a CSV in
    /// the zone's CRS. Each township's population is then its villages' POP summed (by the
    /// villages' own TOWNDM), and elderly-care coverage lies between the shares of residents
    /// whose point is within 997.6 m and within 1 000 m of a centre: the service area is a
    /// 32-gon inscribed in the circle, whose chords sag at most 2.4 m.
    @Test func populationAsPoints() throws {
        let folder = try TemporaryFolder()
        let villages = try LayerFile.open(checkoutRoot + "/Shapefiles/villages.shp")
        let (pop, town) = (villages.schema.index(of: "POP")!, villages.schema.index(of: "TOWNDM")!)
        var csv = "x,y,POP\n", points: [(point: Geometry, residents: Double, township: String)] = []
        try villages.forEach { village in
            let point = try village.geometry!.pointOnSurface(), c = try point.coordinates[0]
            let residents = village.attributes[pop].doubleValue ?? 0
            csv += String(format: "%.3f,%.3f,%.0f\n", c.x, c.y, residents)
            points.append((try Geometry(wkt: String(format: "POINT(%.3f %.3f)", c.x, c.y)), residents, village.attributes[town].description))
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder.file("people.csv")))
        var project = try SampleRun.project(writingTo: folder.file("out"))
        project.layers.population = Project.Layer(path: folder.file("people.csv"), crs: try CoordinateReferenceSystem("EPSG:4528"))
        try ProjectRun.run(project, overwrite: false)

        var centres: [Geometry] = []
        try LayerFile.open(checkoutRoot + "/Shapefiles/facilities.shp").forEach { if $0.attributes[0].description == "elderly" { centres.append($0.geometry!) } }
        let rows = try CSVRows.read(folder.file("out/coverage.csv")).filter { $0["type"] == "elderly" }
        #expect(rows.count == 9)
        for row in rows {
            let mine = points.filter { $0.township == row["region"] }
            #expect(Double(row["population"]!) == mine.reduce(0) { $0 + $1.residents }, "\(row["region"]!)")
            func share(within metres: Double) throws -> Double {
                let near = try mine.filter { person in try centres.contains { try $0.distance(to: person.point) <= metres } }
                return near.reduce(0) { $0 + $1.residents } / mine.reduce(0) { $0 + $1.residents }
            }
            let value = try #require(Double(row["population_coverage"]!))
            let (inside, reach) = (try share(within: 997.6), try share(within: 1000))
            // coverage.csv gives shares to 4 decimals.
            #expect(value >= inside - 5e-5 && value <= reach + 5e-5, "\(row["region"]!)")
        }
        let manifest = try JSONValue(parsing: String(decoding: FileManager.default.contents(atPath: folder.file("out/manifest.json"))!, as: UTF8.self))
        guard case .array(let inputs)? = manifest["inputs"] else { Issue.record("no inputs in the manifest"); return }
        #expect(inputs.contains { $0["role"] == .string("population") })
        #expect(try String(contentsOfFile: folder.file("out/coverage.json"), encoding: .utf8).contains("residents of the population points"))
    }

    /// A field named differently is reported before any work, with the project key to set.
    @Test func missingFieldsNameTheProjectKey() throws {
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("new/out"))
        project.fields[.unitName] = "MC"
        do {
            try ProjectRun.run(project, overwrite: false)
            Issue.record("no error")
        } catch let failure as InputChecksFailed {
            let check = try #require(failure.checks.errors.first)
            #expect(check.id == "field-missing" && check.layer == "villages.shp" && check.field == "MC")
            #expect(check.message.contains("XZQMC") && check.fix == "name the right one with layers.villages.fields.name: NAME")
            #expect(failure.description.contains("villages.shp MC: has no field MC"))
        }
        #expect(folder.contents.isEmpty)  // nothing was made: not the output, its parent, or a staging folder
    }

    /// An output folder set after reading the project (as --out does) may not hold an input
    /// either: the run stops before anything is touched.
    @Test func outputMayNotHoldAnInputWhateverSetIt() throws {
        let variant = try SampleVariant()
        var project = variant.project
        project.output = variant.path("")  // the folder of the inputs
        let before = try FileManager.default.contentsOfDirectory(atPath: project.output).sorted()
        #expect { try ProjectRun.run(project, overwrite: true) } throws: { error in
            guard case RunError.outputHoldsInput(_, let input)? = error as? RunError else { return false }
            return input.hasPrefix(project.output)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.output).sorted() == before)
    }

    /// `language: en` gives the report and the tables' sentences in English; the figures are
    /// the Chinese run's.
    @Test func englishReport() throws {
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("en"))
        project.language = .en
        try ProjectRun.run(project, overwrite: false)
        let html = try String(contentsOfFile: folder.file("en/report.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"en\">") && html.contains("<h2>Summary</h2>") && html.contains("urbanization (derived)<b>"))
        #expect(!html.contains("<h2>概况</h2>"))
        let english = try CSVRows.read(folder.file("en/classification.csv")), chinese = try CSVRows.read(try SampleRun.get().folder + "/classification.csv")
        #expect(english.map { $0["CLASS"] } == chinese.map { $0["CLASS"] })
        #expect(english.first?["REASON"] == "100% of construction land in the built-up region of the city seat 370299")
        #expect(chinese.first?["REASON"] == "建设用地的100%位于市驻地370299的实际建设区内")
    }

    @Test func newestInputDateIsTheDBFDate() throws {
        let folder = try TemporaryFolder()
        let old = folder.file("old"), new = folder.file("new")
        try Data().write(to: URL(fileURLWithPath: old))
        try Data().write(to: URL(fileURLWithPath: new))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 0)], ofItemAtPath: old)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 86_400 * 365)], ofItemAtPath: new)
        #expect(try ProjectRun.newestModification(of: [old, new]) == CalendarDateFixture.date(1971, 1, 1))
    }
}

import ZoningSupport
import ZoningSampleRun
enum CalendarDateFixture {
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate? { CalendarDate(year: year, month: month, day: day) }
}
