import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

/// `zoning compare` as a user runs it: the binary, what it prints, what it refuses.
@Suite struct CompareTests {
    @Test func comparesRunsAndRefusesTwoCounties() throws {
        let folder = try TemporaryFolder()
        let run = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("year1"), "-q"])
        #expect(run.status == 0, "\(run.errors)")

        // A run compared with itself: nothing changed.
        let same = try CommandLine.run(["compare", folder.file("year1"), folder.file("year1"), "--out", folder.file("same")])
        #expect(same.status == 0, "\(same.errors)")
        #expect(same.output.contains("The runs' parameters are the same") && same.output.contains("0 of 120 units changed"))
        let rows = try CSVTableReader.rows(folder.file("same/changes.csv"))
        #expect(rows.count == 120 && rows.allSatisfy { $0["match"] == "unchanged" && $0["reason"] == "" })
        // Not over a comparison already there without --overwrite.
        let again = try CommandLine.run(["compare", folder.file("year1"), folder.file("year1"), "--out", folder.file("same")])
        #expect(again.status != 0 && again.errors.contains("exists and is not empty"))

        // The same run under another county's codes: refused, naming both, and nothing written.
        try FileManager.default.copyItem(atPath: folder.file("year1"), toPath: folder.file("other"))
        let table = folder.file("other/classification.csv")
        let text = try String(contentsOfFile: table, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\n370299", with: "\n370281").utf8).write(to: URL(fileURLWithPath: table))
        let refused = try CommandLine.run(["compare", folder.file("year1"), folder.file("other"), "--out", folder.file("refused")])
        #expect(refused.status != 0 && refused.errors.contains("two counties (370299 and 370281)"), "\(refused.errors)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("refused")))

        // A folder that is not a run: named, with a hint.
        let notARun = try CommandLine.run(["compare", folder.path, folder.file("year1"), "--out", folder.file("x")])
        #expect(notARun.status != 0 && notARun.errors.contains(folder.file("manifest.json") + ": is missing"))
    }
}
