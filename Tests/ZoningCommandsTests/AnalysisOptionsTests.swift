import ArgumentParser
import Testing
import ZoningAnalysis
@testable import ZoningCommands

/// `LayerOptions`: the one reading of --field and --layer-crs, with a command's older flags
/// merged in (the binary's behaviour is in CoverageCommandTests and ClassifyTests).
@Suite struct AnalysisOptionsTests {
    static let code = SettingAlias(flag: "--region-code-field", setting: .field(.townshipCode))
    static let facilities = SettingAlias(flag: "--facilities-crs", setting: .crs(.facilities))

    func message(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let error as ValidationError { return error.message } catch { return "\(error)" }
    }

    @Test func anAliasSetsWhatTheNewSpellingSets() throws {
        let plain = try LayerOptions<CoverageLayers>.parse([])
        let viaAlias = try plain.fieldNames(aliases: [(Self.code, "CODE")])
        let spelled = try LayerOptions<CoverageLayers>.parse(["--field", "townships.code=CODE"]).fieldNames()
        #expect(viaAlias == spelled && spelled[.townshipCode] == "CODE" && spelled.isNamed(.townshipCode))
        #expect(try plain.crsOverrides(aliases: [(Self.facilities, "GCJ02")])
            == LayerOptions<CoverageLayers>.parse(["--layer-crs", "facilities=GCJ02"]).crsOverrides())
        // An alias not given changes nothing.
        #expect(try plain.fieldNames(aliases: [(Self.code, nil)]) == FieldNames())
    }

    @Test func disagreeingSpellingsNameBothFlags() throws {
        let both = try LayerOptions<CoverageLayers>.parse(["--field", "townships.code=XZQH", "--layer-crs", "facilities=EPSG:4326"])
        #expect(message { _ = try both.fieldNames(aliases: [(Self.code, "CODE")]) }
            == "--region-code-field CODE and --field townships.code=XZQH name different fields for townships.code; --region-code-field is the same as --field townships.code=NAME, so give one of them.")
        #expect(message { _ = try both.crsOverrides(aliases: [(Self.facilities, "GCJ02")]) }?
            .hasPrefix("--facilities-crs GCJ02 and --layer-crs facilities=EPSG:4326 give the facilities layer different CRSs") == true)
        // Agreeing spellings are one setting; a CRS is compared as a CRS, not as text.
        #expect(try both.fieldNames(aliases: [(Self.code, "XZQH")])[.townshipCode] == "XZQH")
        #expect(message { _ = try both.crsOverrides(aliases: [(Self.facilities, "epsg:4326")]) } == nil)
        #expect(message { _ = try both.fieldNames(aliases: [(Self.code, "")]) }?.contains("--region-code-field takes a field name") == true)
        #expect(message { _ = try both.crsOverrides(aliases: [(Self.facilities, "EPSG:99999")]) }?.hasPrefix("--facilities-crs EPSG:99999: PROJ does not know this CRS") == true)
    }

    /// Only the layers the command reads: in the help, and on the command line.
    @Test func theLayersOfTheCommand() throws {
        #expect(LayerVocabulary.crsHelp(BuiltUpLayers.roles).contains("Layers: land_use, seats. Without it"))
        #expect(!LayerVocabulary.crsHelp(ClassifyLayers.roles).contains("CSV"))
        #expect(LayerVocabulary.crsHelp(CoverageLayers.roles).contains("Layers: land_use, villages, townships, facilities, population. A CSV's points"))
        #expect(!LayerVocabulary.fieldHelp(CoverageLayers.roles).contains("seats.") && LayerVocabulary.fieldHelp(ClassifyLayers.roles).contains("seats.kind (KIND)"))
        #expect(message { _ = try LayerOptions<BuiltUpLayers>.parse(["--layer-crs", "villages=EPSG:4549"]) }?
            .contains("a layer zoning builtup reads: land_use, seats") == true)
        #expect(message { _ = try LayerOptions<ClassifyLayers>.parse(["--field", "townships.kind=LX"]) }?
            .contains("zoning classify reads no townships layer") == true)
        // The older single-word roles of --field are still read.
        #expect(try LayerOptions<ClassifyLayers>.parse(["--field", "population=RKZS"]).fieldNames()[.unitPopulation] == "RKZS")
    }

    /// Every parameter of the tables the analysis commands take is a flag whose help is the
    /// table's line (doc, unit, range, default). The life circles' are set in a project file only.
    @Test func everyParameterIsAFlagWithTheTablesHelp() throws {
        func check<Parameters: AnalysisParameters>(_ type: Parameters.Type, in command: String) throws {
            let help = try CommandLine.run([command, "--help"]).output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            for entry in Parameters.table {
                #expect(help.contains(entry.flag), "\(command) --help has no \(entry.flag)")
                // The doc's first words; the help wraps the rest.
                let start = entry.doc.split(separator: " ").prefix(3).joined(separator: " ")
                #expect(help.contains(start), "\(command) --help: \(entry.flag) does not say \"\(start)…\"")
            }
        }
        try check(BuiltUpParameters.self, in: "builtup")
        try check(BuiltUpParameters.self, in: "classify")
        try check(ClassificationParameters.self, in: "classify")
        try check(Coverage.Parameters.self, in: "coverage")
    }
}
