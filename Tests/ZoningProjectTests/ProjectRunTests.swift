import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
@testable import ZoningProject
import ZoningTestSupport

@Suite struct ProjectRunTests {
    @Test func writesEveryOutput() throws {
        let run = try SampleRun.get()
        let written = Set(try FileManager.default.subpathsOfDirectory(atPath: run.folder))
        for name in ProjectRun.outputFiles { #expect(written.contains(name), "\(name) is missing") }
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
        #expect(inputs.compactMap { $0["role"]?.stringValue } == ["land_use", "villages", "townships", "seats", "facilities", "targets", "project"])
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
        #expect(throws: RunError.notARunFolder(path: folder.path)) { try ProjectRun.run(try SampleRun.project(writingTo: folder.path), overwrite: true) }
        #expect(folder.contents == ["notes.txt"])
    }

    /// A run that fails half-way (after reading, on a facility type it does not know) leaves
    /// the previous run untouched and no staging folder behind.
    @Test func failedRunLeavesThePreviousRun() throws {
        let folder = try TemporaryFolder()
        let output = folder.file("out")
        try ProjectRun.run(try SampleRun.project(writingTo: output), overwrite: false)
        let before = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        var project = try SampleRun.project(writingTo: output)
        project.facilityTypeField = "name"  // names are not types
        #expect(throws: AnalysisError.self) { try ProjectRun.run(project, overwrite: true) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == before)
        #expect(folder.contents == ["out"])
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
enum CalendarDateFixture {
    static func date(_ year: Int, _ month: Int, _ day: Int) -> CalendarDate? { CalendarDate(year: year, month: month, day: day) }
}
