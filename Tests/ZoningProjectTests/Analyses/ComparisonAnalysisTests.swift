import Foundation
import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProject
import ZoningReport
import ZoningSupport
import ZoningTestSupport
import ZoningSampleRun

/// The comparison as one registered analysis: `compare_with:` in a project file, the run's
/// files and report section, and the same tables as the comparison of the two folders.
@Suite(.serialized) struct ComparisonAnalysisTests {
    /// The sample's year 1 rewritten as a next year: township 370299102 (镇) renumbered as the
    /// 街道 370299004 (every village's code, the parcels', the seat's), 毛营村 merged into 康屯村
    /// (polygons, parcels and residents), 阎家洼村委会 renamed.
    static func nextYear(_ variant: SampleVariant) throws {
        func renumbered(_ value: AttributeValue) -> AttributeValue {
            guard case .string(let text) = value else { return value }
            if text.hasPrefix("370299102") { return .string("370299004" + text.dropFirst(9)) }
            if text.hasPrefix("3702991042050000000") { return .string("3702991042040000000") }
            return value
        }
        let villages = try LayerFile.open(SampleVariant.sample + "/villages.shp")
        var absorbed: (geometry: Geometry, residents: Int64)?
        try villages.forEach { feature in
            if case .string("370299104205") = feature.attributes[0], case .integer(let residents) = feature.attributes[3] {
                absorbed = (feature.geometry!, residents)
            }
        }
        let merged = try #require(absorbed)
        try variant.rewrite("villages.shp", feature: { feature in
            var feature = feature
            guard case .string(let code) = feature.attributes[0] else { return feature }
            switch code {
            case "370299104205": return nil
            case "370299104204":
                feature.geometry = try feature.geometry!.union(merged.geometry)
                if case .integer(let residents) = feature.attributes[3] { feature.attributes[3] = .integer(residents + merged.residents) }
            case "370299104210": feature.attributes[1] = .string("阎家洼社区居委会")
            default: break
            }
            feature.attributes = feature.attributes.map(renumbered)
            return feature
        })
        try variant.rewrite("townships.shp", feature: { feature in
            var feature = feature
            if case .string("370299102") = feature.attributes[0] { feature.attributes[2] = .string("街道") }
            feature.attributes = feature.attributes.map(renumbered)
            return feature
        })
        try variant.rewrite("seats.shp", feature: { Feature(id: $0.id, geometry: $0.geometry, attributes: $0.attributes.map(renumbered)) })
        try variant.rewrite("DLTB.shp", encoding: .gbk, feature: { Feature(id: $0.id, geometry: $0.geometry, attributes: $0.attributes.map(renumbered)) })
    }

    static func features(_ path: String) throws -> Int {
        var count = 0
        try LayerFile.open(path).forEach { _ in count += 1 }
        return count
    }

    /// Every designed change found with its kind and reason, nothing else reported; the run's
    /// tables are the bytes `ComparisonOutputs` writes from the two folders read back (what
    /// `zoning compare` writes); the report has the section and its two maps.
    @Test func theDesignedChangesAndNothingElse() throws {
        let year1 = try SampleRun.get()
        let variant = try SampleVariant()
        try Self.nextYear(variant)
        try variant.edit("project.yaml") { $0 + "\ncompare_with: \(year1.folder)\n" }
        var project = try Project(contentsOf: variant.path("project.yaml"))
        project.output = variant.folder.file("out")
        #expect(project.parameters[ComparisonParameters.self].path == year1.folder)
        #expect(ProjectRun.outputFiles(project).contains("changes.csv"))
        try ProjectRun.run(project, overwrite: false)
        let out = project.output

        let rows = try CSVTableReader.rows(out + "/changes.csv")
        #expect(rows.count == 119)
        let renumbered = rows.filter { $0["match"] == "renumbered" }
        #expect(renumbered.count == 15 && renumbered.allSatisfy { $0["old_code"]!.hasPrefix("370299102") && $0["new_code"]!.hasPrefix("370299004") })
        #expect(renumbered.allSatisfy { $0["old_code"]!.suffix(3) == $0["new_code"]!.suffix(3) && $0["class"] == $0["old_class"] })
        #expect(renumbered.allSatisfy { $0["reason"]!.contains("统计用区划代码由\($0["old_code"]!)改为\($0["new_code"]!)") && $0["reason"]!.contains("所在乡镇由镇改为街道") })
        let merged = try #require(rows.first { $0["match"] == "merged" })
        #expect(merged["old_code"] == "370299104204;370299104205" && merged["new_code"] == "370299104204")
        #expect(merged["old_residents"] == String(962 + 1426) && merged["residents"] == String(962 + 1426))
        let renamed = try #require(rows.first { $0["match"] == "renamed" })
        #expect(renamed["new_code"] == "370299104210" && renamed["reason"]!.contains("名称由阎家洼村委会改为阎家洼社区居委会"))
        // Nothing else: the other 102 units unchanged, with no reason.
        let others = rows.filter { $0["match"] == "same" }
        #expect(others.count == 102 && others.allSatisfy { $0["changed"] == "false" && $0["reason"] == "" })
        #expect(rows.filter { $0["changed"] == "true" }.count == 17)

        // code-changes.csv: the 15 renumbered with shares of 1, and the absorbed village.
        let codes = try CSVTableReader.rows(out + "/code-changes.csv")
        #expect(codes.filter { $0["match"] == "renumbered" }.allSatisfy { Double($0["share_of_old"]!)! > 0.9999 && Double($0["share_of_new"]!)! > 0.9999 })
        #expect(codes.contains { $0["old_code"] == "370299104205" && $0["new_code"] == "370299104204" && $0["match"] == "merged" && Double($0["share_of_old"]!)! > 0.9999 })

        // The township renumbered keeps its figures; the built-up area did not change.
        let urbanization = try CSVTableReader.rows(out + "/urbanization-change.csv")
        let township = try #require(urbanization.first { $0["code"] == "370299004" })
        #expect(township["old_codes"] == "370299102" && township["old_population"] == township["population"] && township["old_rate"] == township["rate"])
        #expect(urbanization.first { $0["level"] == "county" }?["rate_change"] == "0")
        #expect(try Self.features(out + "/builtup-change.shp") == 0)

        // The same bytes as the two folders compared.
        let compared = try TemporaryFolder()
        let comparison = try RunComparison.compare(old: try RunSnapshotReader.read(year1.folder), new: try RunSnapshotReader.read(out),
                                                   parameters: project.parameters[ComparisonParameters.self])
        try ComparisonOutputs.write(comparison, crs: try RunSnapshotReader.read(out).crs, to: compared.path, options: .init(), text: ReportText(.zh))
        for file in ComparisonOutputs.files.map(\.name).filter({ !$0.hasSuffix(".shp") }) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/" + file)) == Data(contentsOf: URL(fileURLWithPath: compared.file(file))), "\(file)")
        }

        let report = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(report.contains("<section id=\"comparison\">") && report.contains("与上次运行对比"))
        #expect(FileManager.default.fileExists(atPath: out + "/maps/compare-classes.svg") && FileManager.default.fileExists(atPath: out + "/maps/compare-builtup.svg"))
        let manifest = try JSONValue(parsing: try String(contentsOfFile: out + "/manifest.json", encoding: .utf8))
        #expect(manifest["parameters"]?["compare_with"]?["path"] == .string(year1.folder))
    }

    /// The sample compared with itself: no unit changed, no code changed, no built-up change.
    @Test func theSampleComparedWithItself() throws {
        let year1 = try SampleRun.get()
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("out"))
        project.parameters[ComparisonParameters.self].path = year1.folder
        try ProjectRun.run(project, overwrite: false)
        let rows = try CSVTableReader.rows(folder.file("out/changes.csv"))
        #expect(rows.count == 120 && rows.allSatisfy { $0["match"] == "same" && $0["changed"] == "false" })
        #expect(try CSVTableReader.rows(folder.file("out/code-changes.csv")).isEmpty)
        #expect(try Self.features(folder.file("out/builtup-change.shp")) == 0)
        #expect(try CSVTableReader.rows(folder.file("out/targets-progress.csv")).allSatisfy { $0["progress"] == "same" || $0["progress"] == "n/a" })
        #expect(try CSVTableReader.rows(folder.file("out/coverage-change.csv")).allSatisfy { $0["facilities_change"] == "0" })

        // docs/METHOD.md §7 names every field of the comparison's tables and layer.
        let documented = try MethodFieldsTests.documented()
        for file in ComparisonOutputs.files.map(\.name) where !file.hasSuffix(".json") {
            let names = try #require(documented[file], "docs/METHOD.md §7 has no row for \(file)")
            let fields = file.hasSuffix(".shp") ? try LayerFile.open(folder.file("out/" + file)).schema.names
                : try CSVTableReader.table(folder.file("out/" + file)).header
            #expect(!fields.isEmpty && fields.allSatisfy { MethodFieldsTests.isDocumented($0, names) }, "\(file): \(fields.filter { !MethodFieldsTests.isDocumented($0, names) })")
        }
    }

    /// The sample run again with another full share, in English: the differing parameter stated
    /// first, every class change it brings marked as explained by the parameters alone, and
    /// the report's section in English.
    @Test func differentParametersAreStatedFirstAndMarked() throws {
        let year1 = try SampleRun.get()
        let folder = try TemporaryFolder()
        var project = try SampleRun.project(writingTo: folder.file("out"))
        project.classification.fullShare = 0.3
        project.language = .en
        project.parameters[ComparisonParameters.self].path = year1.folder
        try ProjectRun.run(project, overwrite: false)
        let json = try JSONValue(parsing: try String(contentsOfFile: folder.file("out/comparison.json"), encoding: .utf8))
        #expect(json["parameters_differ"]?["classification.full_share"]?["old"] == .string("0.5") && json["parameters_differ"]?["classification.full_share"]?["new"] == .string("0.3"))
        guard case .array(let statement)? = json["comparability"] else { Issue.record("no statement"); return }
        #expect(statement.last == .string("The runs' parameters differ: classification.full_share 0.5 → 0.3"))

        // The class changes, against the two classification tables read directly.
        let before = Dictionary(uniqueKeysWithValues: try CSVTableReader.rows(year1.folder + "/classification.csv").map { ($0["XZQDM"]!, $0["CLASS"]!) })
        let after = try CSVTableReader.rows(folder.file("out/classification.csv"))
        let moved = Set(after.filter { before[$0["XZQDM"]!] != $0["CLASS"]! }.map { $0["XZQDM"]! })
        #expect(!moved.isEmpty)
        let rows = try CSVTableReader.rows(folder.file("out/changes.csv"))
        #expect(Set(rows.filter { $0["changed"] == "true" }.map { $0["new_code"]! }) == moved)
        #expect(rows.filter { moved.contains($0["new_code"]!) }.allSatisfy {
            $0["parameters_only"] == "true" && $0["reason"]!.hasPrefix("class \($0["old_class"]!) → \($0["class"]!)")
                && $0["reason"]!.contains("the parameters changed (classification.full_share)") && $0["reason"]!.hasSuffix("explained by the parameters alone")
        })
        let report = try String(contentsOfFile: folder.file("out/report.html"), encoding: .utf8)
        #expect(report.contains("<section id=\"comparison\">") && report.contains("Compared with the earlier run") && report.contains("parameters differ: classification.full_share 0.5 → 0.3"))
    }

    /// `compare_with:` as a mapping with the overlap shares, and a same share below the link
    /// share refused at its line.
    @Test func theProjectFileSection() throws {
        let variant = try SampleVariant()
        try variant.edit("project.yaml") { $0 + "\ncompare_with: {path: ../old, link_share: 0.4, same_share: 0.8}\n" }
        let project = try Project(contentsOf: variant.path("project.yaml"))
        let step = try #require(project.steps.compactMap { $0 as? ComparisonStep }.first)
        #expect(step.parameters.path == variant.folder.file("old") && step.parameters.linkShare == 0.4 && step.parameters.sameShare == 0.8)
        try variant.edit("project.yaml") { $0.replacingOccurrences(of: "same_share: 0.8", with: "same_share: 0.3") }
        #expect { try Project(contentsOf: variant.path("project.yaml")) } throws: { "\($0)".contains("same_share") && "\($0)".contains("at least link_share") }
        // A list where a path belongs: refused at its line.
        try variant.edit("project.yaml") { $0.replacingOccurrences(of: "compare_with: {path: ../old, link_share: 0.4, same_share: 0.3}", with: "compare_with: [a, b]") }
        #expect { try Project(contentsOf: variant.path("project.yaml")) } throws: { "\($0)".contains("project.yaml:") && "\($0)".contains("compare_with: expected text, found a list") }
        // Without the key, no comparison.
        #expect(!(try Project(contentsOf: SampleRun.project)).steps.contains { $0 is ComparisonStep })
    }
}
