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
