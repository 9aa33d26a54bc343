import Testing
import ZoningAnalysis

@Suite struct CheckTests {
    /// An example may quote a cell of a hostile file (a CSV cell of a million characters):
    /// it is cut, so that checks.csv, the report and the terminal do not repeat it.
    @Test func examplesQuotingHugeCellsAreCut() {
        let check = Check(.error, "population-unreadable", layer: "v.csv", "1 units have a population that is not a number",
                          examples: ["line 2: \"" + String(repeating: "9", count: 1_000_000) + "\""])
        #expect(check.examples[0].count < 300 && check.examples[0].hasSuffix("… (1000010 characters in all)"))
    }

    let error1 = Check(.error, "code-level", layer: "villages.shp", field: "XZQDM", "2 codes do not name a village-level unit", fix: "correct XZQDM")
    let warning1 = Check(.warning, "parcels-without-unit", layer: "DLTB.shp", field: "ZLDWDM", "12 parcels name no village-level unit",
                         fix: "correct ZLDWDM", examples: ["370299001999", "370299001998"])
    let note1 = Check(.note, "field-absent", layer: "townships.shp", "no kind field")
    let error2 = Check(.error, "layer-off-land-use", "the land use is empty")
    let warning2 = Check(.warning, "facilities-outside", field: "type", "3 facilities lie outside the county")

    /// Severity padded to 8 characters, then "layer field: ", the message, the examples and the fix.
    @Test func lineFormat() {
        #expect(warning1.line == "warning DLTB.shp ZLDWDM: 12 parcels name no village-level unit (e.g. 370299001999, 370299001998) — correct ZLDWDM")
        #expect(error1.line == "error   villages.shp XZQDM: 2 codes do not name a village-level unit — correct XZQDM")
        #expect(note1.line == "note    townships.shp: no kind field")
        #expect(error2.line == "error   the land use is empty")
        #expect(warning2.line == "warning type: 3 facilities lie outside the county")
        #expect(warning1.description == warning1.line)
    }

    /// A check keeps at most `exampleLimit` (10) examples, and its line shows the first 5.
    @Test func examplesAreCapped() {
        let many = (1...15).map { "r\($0)" }
        let check = Check(.warning, "geometry-empty", layer: "a.shp", "15 records have no geometry", examples: many)
        #expect(Check.exampleLimit == 10)
        #expect(check.examples == ["r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10"])
        #expect(check.line == "warning a.shp: 15 records have no geometry (e.g. r1, r2, r3, r4, r5)")
        var edited = check
        edited.examples = ["x"]
        #expect(edited.line.hasSuffix("(e.g. x)"))
    }

    /// Errors stop a run; warnings too with `strict`; notes never. Order is kept.
    @Test func stoppingChecks() {
        let list = CheckList([error1, warning1, note1, error2, warning2])
        #expect(list.stopping(strict: false) == [error1, error2])
        #expect(list.stopping(strict: true) == [error1, warning1, error2, warning2])
        #expect(list.errors == [error1, error2] && list.warnings == [warning1, warning2])
        #expect(CheckList([note1]).stopping(strict: true).isEmpty)
    }

    /// Counts by severity, singular for one, in the order error, warning, note.
    @Test func tally() {
        #expect(CheckList().tally == "no findings")
        #expect(CheckList([note1, warning1, note1]).tally == "1 warning, 2 notes")
        #expect(CheckList([note1, warning1, error1, note1, error2, warning2]).tally == "2 errors, 2 warnings, 2 notes")
        var list = CheckList()
        list.add(error1)
        list.add(contentsOf: [warning2])
        #expect(list.tally == "1 error, 1 warning" && list.checks == [error1, warning2])
    }

    /// The stopping checks first, then the others, one a line.
    @Test func failureListsTheStoppingChecksFirst() {
        let list = CheckList([note1, warning1, error1, warning2, error2])
        let lenient = InputChecksFailed(checks: list, strict: false).description
        #expect(lenient == """
            The inputs do not fit together (2 errors); nothing was written:
              \(error1.line)
              \(error2.line)
            Other findings:
              \(note1.line)
              \(warning1.line)
              \(warning2.line)
            """)
        let strict = InputChecksFailed(checks: list, strict: true).description
        #expect(strict == """
            The inputs do not fit together (2 errors, 2 warnings; --strict); nothing was written:
              \(warning1.line)
              \(error1.line)
              \(warning2.line)
              \(error2.line)
            Other findings:
              \(note1.line)
            """)
        // One error and nothing else: singular, no "Other findings".
        #expect(InputChecksFailed(checks: CheckList([error2]), strict: false).description
                == "The inputs do not fit together (1 error); nothing was written:\n  error   the land use is empty")
        // --strict with a single warning counts it as a warning, not "1 errors and warnings".
        #expect(InputChecksFailed(checks: CheckList([warning2]), strict: true).description.hasPrefix("The inputs do not fit together (1 warning; --strict)"))
    }

    /// Severities order error < warning < note (most severe first).
    @Test func severityOrder() {
        #expect(Check.Severity.allCases.sorted() == [.error, .warning, .note])
        #expect(Check.Severity.error < .note)
    }
}
