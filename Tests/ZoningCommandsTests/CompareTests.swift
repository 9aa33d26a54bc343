import Foundation
import Testing
import ZoningLayers
@testable import ZoningReport
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
        #expect(rows.count == 120 && rows.allSatisfy { $0["match"] == "same" && $0["reason"] == "" })
        // No facility opened or closed, and no life circle moved.
        #expect(try CSVTableReader.rows(folder.file("same/facility-changes.csv")).isEmpty)
        let circles = try CSVTableReader.rows(folder.file("same/life-circles-change.csv"))
        #expect(!circles.isEmpty && circles.allSatisfy { $0["network_population_share_change"] == "0" || $0["network_population_share_change"] == "" })
        #expect(same.output.contains("Facilities: 0 opened, 0 closed, 0 renamed, 0 moved"))
        // An earlier run without roads (its life-circles.csv gone from the folder and the
        // manifest): the life circles are not compared, no file, and the summary says so once.
        try FileManager.default.copyItem(atPath: folder.file("year1"), toPath: folder.file("noroads"))
        try FileManager.default.removeItem(atPath: folder.file("noroads/life-circles.csv"))
        let manifest = folder.file("noroads/manifest.json")
        let listed = try String(contentsOfFile: manifest, encoding: .utf8)
        try Data(listed.replacingOccurrences(of: #""path": "life-circles.csv""#, with: #""path": "life-circles.gone""#).utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(listed.contains(#""path": "life-circles.csv""#))
        let half = try CommandLine.run(["compare", folder.file("noroads"), folder.file("year1"), "--out", folder.file("half")])
        #expect(half.status == 0, "\(half.errors)")
        #expect(half.output.components(separatedBy: "Only the later run has life circles").count == 2, "\(half.output)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("half/life-circles-change.csv")))
        #expect(FileManager.default.fileExists(atPath: folder.file("half/facility-changes.csv")))

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

/// The sample's two years (`zoning sample --year 2`): every designed change of its
/// changes.csv found with the right match and reason, nothing else; `zoning run` with
/// `compare_with:` writes the same tables as `zoning compare`.
@Suite struct CompareSampleYearsTests {
    @Test func everyDesignedChangeAndNothingElse() throws {
        let folder = try TemporaryFolder()
        let year1 = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("year1"), "-q"])
        #expect(year1.status == 0, "\(year1.errors)")
        let sample = try CommandLine.run(["sample", "--year", "2", "--out", folder.file("data2")])
        #expect(sample.status == 0, "\(sample.errors)")
        let year2 = try CommandLine.run(["run", folder.file("data2/project.yaml"), "--out", folder.file("year2"), "-q"])
        #expect(year2.status == 0, "\(year2.errors)")
        let compared = try CommandLine.run(["compare", folder.file("year1"), folder.file("year2"), "--out", folder.file("compare")])
        #expect(compared.status == 0, "\(compared.errors)")
        // The summary's kinds add up to the units it says changed.
        let summary = try #require(compared.output.split(separator: "\n").first { $0.contains("units changed: ") })
        let total = Int(summary.prefix { $0.isNumber })
        let parts = summary.components(separatedBy: "units changed: ")[1].components(separatedBy: ", ").map { Int($0.prefix { $0.isNumber }) ?? -1 }
        #expect(total != nil && parts.reduce(0, +) == total, "\(summary)")
        #expect(summary.contains("in place (same code and name)"), "\(summary)")

        let designed = try CSVTableReader.rows(folder.file("data2/changes.csv"))
        let facilityChanges = try CSVTableReader.rows(folder.file("compare/facility-changes.csv"))
        // The designed facilities by name, and nothing else (北河镇's facilities, renumbered
        // with their township, are the same ones).
        #expect(facilityChanges.count == designed.filter { $0["kind"]!.hasSuffix("facility") }.count, "\(facilityChanges)")
        let rows = try CSVTableReader.rows(folder.file("compare/changes.csv"))
        func row(new code: String) -> [String: String]? { rows.first { $0["new_code"] == code } }
        var expectedChanged: Set<String> = []
        for change in designed {
            let old = change["old_code"]!, new = change["new_code"]!
            switch change["kind"]! {
            case "renumbered" where new.count == 12:
                let found = row(new: new)
                #expect(found?["match"] == "renumbered" && found?["old_code"] == old, "\(change)")
                #expect(found?["reason"]?.contains("所在乡镇由镇改为街道") == true, "\(change)")
                expectedChanged.insert(new)
            case "renamed":
                let found = row(new: new)
                #expect(found?["match"] == "renamed" && found?["old_name"] == change["old_name"] && found?["name"] == change["new_name"], "\(change)")
                expectedChanged.insert(new)
            case "split":
                for part in new.split(separator: ";").map(String.init) {
                    #expect(row(new: part)?["match"] == "split" && row(new: part)?["old_code"] == old, "\(change)")
                    expectedChanged.insert(part)
                }
            case "merged":
                let found = row(new: new)
                #expect(found?["match"] == "merged" && found?["old_code"] == old, "\(change)")
                #expect(found?["old_residents"] == change["old_pop"] && found?["residents"] == change["new_pop"], "\(change)")
                expectedChanged.insert(new)
            case "class":
                let found = row(new: new)
                #expect(found?["old_class"] == change["old_class"] && found?["class"] == change["new_class"], "\(change)")
                #expect(found?["reason"]?.contains("类别 \(change["old_class"]!) → \(change["new_class"]!)") == true, "\(change)")
                expectedChanged.insert(new)
            case "population":
                #expect(row(new: new)?["old_residents"] == change["old_pop"] && row(new: new)?["residents"] == change["new_pop"], "\(change)")
            case "new-facility", "closed-facility":
                let coverage = try CSVTableReader.rows(folder.file("compare/coverage-change.csv"))
                let township = change["kind"] == "new-facility" ? new : old
                let found = coverage.first { $0["region"] == township && $0["type"] == change["facility_type"] }
                #expect(found?["facilities_change"] == (change["kind"] == "new-facility" ? "1" : "-1"), "\(change)")
                // Named: opened in its township, or closed in its old one.
                let opened = change["kind"] == "new-facility"
                let named = facilityChanges.first { $0["type"] == change["facility_type"]
                    && (opened ? $0["change"] == "opened" && $0["name"] == change["new_name"] && $0["township"] == new
                               : $0["change"] == "closed" && $0["old_name"] == change["old_name"] && $0["old_township"] == old) }
                #expect(named != nil, "\(change)")
            default: break
            }
        }
        // Nothing else changed: the changed rows are exactly the designed units.
        #expect(Set(rows.filter { $0["changed"] == "true" }.compactMap { $0["new_code"] }) == expectedChanged)
        #expect(rows.filter { $0["match"] == "new" || $0["match"] == "gone" }.isEmpty)
        // Only the facilities designed changed their counts.
        let facilities = try CSVTableReader.rows(folder.file("compare/coverage-change.csv")).filter { $0["facilities_change"] != "0" }
        #expect(facilities.count == designed.filter { $0["kind"]!.hasSuffix("facility") }.count)
        // The life circles, each township's against the year-1 rows of the townships it came
        // from, as each year's life-circles.csv has them (北河街道 against 北河镇's).
        let circles = try CSVTableReader.rows(folder.file("compare/life-circles-change.csv"))
        let before = try CSVTableReader.rows(folder.file("year1/life-circles.csv")), after = try CSVTableReader.rows(folder.file("year2/life-circles.csv"))
        func written(_ rows: [[String: String]], _ level: String, _ code: String, _ circle: String, _ type: String) -> [String: String]? {
            rows.first { $0["level"] == level && $0["code"] == code && $0["circle"] == circle && $0["type"] == type }
        }
        #expect(circles.count == after.filter { $0["level"] == "township" || $0["level"] == "county" }.count)
        for row in circles {
            let old = written(before, row["level"]!, row["old_regions"]!, row["circle"]!, row["type"]!)
            let new = written(after, row["level"]!, row["region"]!, row["circle"]!, row["type"]!)
            #expect(old?["network_population_share"] == row["old_network_population_share"] && old?["population"] == row["old_population"], "\(row)")
            #expect(new?["network_population_share"] == row["network_population_share"] && new?["population"] == row["population"], "\(row)")
        }
        let upgraded = try #require(circles.first { $0["region"] == "370299004" && $0["type"] == "elderly" })
        #expect(upgraded["old_regions"] == "370299101")
        // The elderly-care centres opened bring more residents within 15 minutes' walk of one.
        for change in designed where change["kind"] == "new-facility" && change["facility_type"] == "elderly" {
            let row = try #require(circles.first { $0["region"] == change["new_code"] && $0["circle"] == "15min" && $0["type"] == "elderly" })
            #expect(Double(row["network_population_share"]!)! > Double(row["old_network_population_share"] ?? "") ?? 0, "\(row)")
        }

        // The built-up area grew and lost nothing.
        let json = try JSONValue(parsing: try String(contentsOfFile: folder.file("compare/comparison.json"), encoding: .utf8))
        if case .number(let grown)? = json["builtup"]?["grown_m2"] { #expect(grown > 0) } else { Issue.record("no grown_m2") }
        #expect(json["builtup"]?["lost_m2"] == .number(0))

        // zoning run with compare_with: gives the same tables.
        let project = try String(contentsOfFile: folder.file("data2/project.yaml"), encoding: .utf8)
        try Data((project + "\ncompare_with: \(folder.file("year1"))\n").utf8).write(to: URL(fileURLWithPath: folder.file("data2/project.yaml")))
        let withComparison = try CommandLine.run(["run", folder.file("data2/project.yaml"), "--out", folder.file("year2c")])
        #expect(withComparison.status == 0, "\(withComparison.errors)")
        // Its summary ends with the comparison's lines, those `zoning compare` printed.
        let comparedLines = compared.output.split(separator: "\n").filter { !$0.hasPrefix("Written to") }
        let runLines = withComparison.output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!comparedLines.isEmpty && comparedLines.allSatisfy { runLines.contains(String($0)) }, "\(withComparison.output)")
        #expect(runLines.contains { $0.hasPrefix("Comparison") })
        for file in ["changes.csv", "code-changes.csv", "urbanization-change.csv", "coverage-change.csv", "targets-progress.csv", "comparison.json",
                     "life-circles-change.csv", "facility-changes.csv",
                     "builtup-change.shp", "builtup-change.dbf", "builtup-change.prj", "builtup-change.cpg"] {
            #expect(FileManager.default.contents(atPath: folder.file("year2c/" + file)) == FileManager.default.contents(atPath: folder.file("compare/" + file)), "\(file)")
        }
        // The run styles the grown and lost parts in the colours of the report's map.
        let qml = try String(contentsOfFile: folder.file("year2c/builtup-change.qml"), encoding: .utf8)
        #expect(qml.contains(#"attr="CHANGE""#) && qml.contains(#"value="grown""#) && qml.contains(#"value="lost""#))
        for hex in [ComparisonReport.colours.grown, ComparisonReport.colours.lost] {
            #expect(qml.contains(QGISStyle.colour(hex)), "\(hex)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.file("year2c/builtup-change.sld")))
        // The report's section names the facilities opened and closed, and shows the life circles that moved.
        let report = try String(contentsOfFile: folder.file("year2c/report.html"), encoding: .utf8)
        let section = try #require(report.range(of: #"id="comparison""#).map { String(report[$0.upperBound...]) })
        for change in designed where change["kind"]!.hasSuffix("facility") {
            let name = change["kind"] == "new-facility" ? change["new_name"]! : change["old_name"]!
            #expect(section.contains(name), "\(name)")
        }
        #expect(section.contains("设施变化") && section.contains("生活圈变化"))
    }
}
