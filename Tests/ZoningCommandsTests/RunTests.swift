import Foundation
import Testing
import ZoningTestSupport

/// `zoning run` as a user runs it: the binary, its summary, its errors.
@Suite struct RunTests {
    @Test func runsTheSampleAndEndsWithTheSummary() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.errors.contains("Delineating built-up regions from 20280 parcels…"))
        let urbanization = try #require(try CSVRows.read(folder.file("out/urbanization.csv")).first { $0["level"] == "all" })
        let rate = String(format: "%.1f%%", Double(urbanization["rate"]!)! * 100)
        #expect(result.output.contains("Urbanization  \(rate) derived (\(urbanization["urban_population"]!) of \(urbanization["population"]!) residents)"))
        #expect(result.output.contains("Targets       1 of 3 checks pass"))
        #expect(result.output.contains("Report        \(folder.file("out"))/report.html"))  // outside the working directory: in full
        #expect(FileManager.default.fileExists(atPath: folder.file("out/report.html")))

        let again = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("out"), "-q"])
        #expect(again.status == 1 && again.errors.contains("holds a previous run. Pass --overwrite") && again.output.isEmpty)
    }

    /// Parallel parts (coverage per facility type, the maps) give the same files on one thread
    /// as on all cores.
    @Test func oneThreadGivesTheSameFiles() throws {
        let folder = try TemporaryFolder()
        let project = checkoutRoot + "/Shapefiles/project.yaml"
        let serial = try CommandLine.run(["run", project, "--out", folder.file("one"), "-q"], environment: ["ZONING_THREADS": "1"])
        let parallel = try CommandLine.run(["run", project, "--out", folder.file("all"), "-q"], environment: ["ZONING_THREADS": "4"])
        #expect(serial.status == 0 && parallel.status == 0, "\(serial.errors)\(parallel.errors)")
        let names = try FileManager.default.subpathsOfDirectory(atPath: folder.file("one")).sorted()
        #expect(names.contains("coverage.csv") && names.contains("maps/coverage-elderly.svg"))
        for name in names where !["manifest.json", "maps"].contains(name) {
            #expect(FileManager.default.contents(atPath: folder.file("one/\(name)")) == FileManager.default.contents(atPath: folder.file("all/\(name)")), "\(name)")
        }
    }

    @Test func projectMistakesNameTheLine() throws {
        let folder = try TemporaryFolder()
        let project = folder.file("p.yaml")
        try Data("layers:\n  land_use: {path: DLTB.shp}\n  vilages: {path: v.shp}\n".utf8).write(to: URL(fileURLWithPath: project))
        let result = try CommandLine.run(["run", project])
        #expect(result.status == 1)
        #expect(result.errors.contains("\(project):3: layers.vilages: unknown key \"vilages\"; the keys here are land_use, villages, townships, seats, facilities"))
    }

    @Test func helpDescribesTheOutputs() throws {
        let result = try CommandLine.run(["run", "--help"])
        #expect(result.status == 0 && result.output.contains("report.html") && result.output.contains("--overwrite") && result.output.contains("Shapefiles/project.yaml"))
    }
}
