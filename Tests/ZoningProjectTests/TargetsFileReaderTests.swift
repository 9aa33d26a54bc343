import Foundation
import Testing
import ZoningAnalysis
import ZoningProject
import ZoningTestSupport

@Suite struct TargetsFileReaderTests {
    /// Files live in one folder kept for the whole suite instance (a discarded TemporaryFolder
    /// would delete its files at once).
    let folder = try! TemporaryFolder()

    func write(_ text: String) throws -> String {
        let path = folder.file("\(UUID().uuidString).yaml")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func readsAndChecksTargets() throws {
        let path = try write("""
            targets:
              - indicator: urbanization_rate
                level: county
                comparator: ">="
                threshold: 0.53
              - indicator: unit_coverage
                facility: elderly
                units: [镇, 乡]
                comparator: ">="
                threshold: 0.6
              - indicator: residential_coverage
                facility: primary
                comparator: ">="
                threshold: 0.5
            """)
        let file = try TargetsFile(contentsOf: path)
        var figures = TargetFigures()
        figures.urbanization["county"] = ["370881": 0.55]
        figures.coverage = [
            ("370881101", "镇", .elderly, nil, nil, 1), ("370881102", "镇", .elderly, nil, nil, 0), ("370881201", "乡", .elderly, nil, nil, 1),
            ("370881001", "街道", .elderly, nil, nil, 0),  // a 街道: not among the units counted
            ("370881101", "镇", .primary, 0.7, 0.8, 2), ("370881102", "镇", .primary, 0.25, 0.3, 1),
        ]
        let results = TargetCheck.evaluate(file, figures: figures)
        #expect(results.count == 4)
        #expect(results[0].region == "370881" && results[0].passes && abs(results[0].shortfall! - -0.02) < 1e-12)
        #expect(results[1].value == 2.0 / 3 && results[1].passes)  // 2 of the 3 镇/乡 hold one
        #expect(results[2].region == "370881101" && results[2].passes)
        #expect(results[3].region == "370881102" && !results[3].passes && abs(results[3].shortfall! - 0.25) < 1e-12)
    }

    @Test func badFilesNameTheKeyAndLine() throws {
        func problem(_ text: String) throws -> ConfigurationError? {
            let path = try write(text)
            do { _ = try TargetsFile(contentsOf: path); return nil } catch let error as ConfigurationError { return error }
        }
        let missing = try problem("targets:\n  - indicator: urbanization_rate\n    comparator: \">=\"\n")
        #expect(missing?.key == "targets[0]" && missing?.line == 2 && missing?.problem.contains("threshold") == true)
        let wrongType = try problem("targets:\n  - indicator: urbanization_rate\n    comparator: \">=\"\n    threshold: lots\n")
        #expect(wrongType?.key == "targets[0].threshold" && wrongType?.line == 4 && wrongType?.problem.contains("number") == true)
        let noFacility = try problem("targets:\n  - indicator: unit_coverage\n    comparator: \">=\"\n    threshold: 1\n")
        #expect(noFacility?.problem.contains("needs a facility type") == true)
        let unknownIndicator = try problem("targets:\n  - indicator: happiness\n    comparator: \">=\"\n    threshold: 1\n")
        #expect(unknownIndicator?.key == "targets[0].indicator" && unknownIndicator?.problem.contains("urbanization_rate") == true)
        let unknownKey = try problem("targets:\n  - indicator: urbanization_rate\n    comparator: \">=\"\n    threshold: 1\n    treshold: 2\n")
        #expect(unknownKey?.line == 5 && unknownKey?.key == "targets[0].treshold" && unknownKey?.description.contains(":5: targets[0].treshold: unknown key") == true)
        let notYAML = try problem("targets:\n  - indicator: [\n")
        #expect(notYAML?.problem.hasPrefix("not valid YAML") == true && (notYAML?.line ?? 0) >= 2)
    }

    /// A target that cannot be evaluated is n/a with the reason, never a failure.
    @Test func missingFiguresAreNotApplicable() throws {
        let path = try write("""
            targets:
              - {indicator: urbanization_rate, comparator: ">=", threshold: 0.5}
              - {indicator: unit_coverage, facility: elderly, units: [乡], comparator: ">=", threshold: 0.6}
              - {indicator: residential_coverage, facility: primary, comparator: ">=", threshold: 0.8}
            """)
        let none = TargetCheck.evaluate(try TargetsFile(contentsOf: path), figures: TargetFigures())
        #expect(none.map(\.verdict) == [.notApplicable, .notApplicable, .notApplicable])
        #expect(none[0].reason?.contains("no urbanization figures") == true && none[1].reason?.contains("no coverage") == true)
        #expect(TargetCheck.line(none[0]).hasPrefix("n/a ") && !TargetCheck.line(none[0]).contains("FAIL"))

        // Coverage computed, but no township of the kind asked for, and one without residential land.
        var figures = TargetFigures()
        figures.coverage = [("370881101", "镇", .elderly, nil, nil, 1), ("370881101", "镇", .primary, nil, nil, 1)]
        let some = TargetCheck.evaluate(try TargetsFile(contentsOf: path), figures: figures)
        #expect(some[1].verdict == .notApplicable && some[1].reason == "no region of kind 乡")
        #expect(some[2].verdict == .notApplicable && some[2].reason == "no residential land")
    }

}
