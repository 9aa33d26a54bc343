import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningTestSupport
import ZoningSampleRun

/// docs/METHOD.md §7 documents every field of every file a run writes: each field of the
/// sample run's tables and layers is named in the row of its file.
@Suite struct MethodFieldsTests {
    /// File name → the backquoted names in its row of the §7 table.
    static func documented() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: checkoutRoot + "/docs/METHOD.md", encoding: .utf8)
        guard let start = text.range(of: "## 7. ") else { return [:] }
        var result: [String: Set<String>] = [:]
        for line in text[start.upperBound...].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3 else { continue }
            let names = Set(Self.quoted(cells[2]))
            for file in Self.quoted(cells[0]) { result[file, default: []].formUnion(names) }
        }
        return result
    }

    static func quoted(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
    }

    /// Whether `field` is documented: by name, as one of `units_111` … `units_220`, or as a
    /// facility group `XX_RES` where `KG_RES` is documented and `XX` is a documented code.
    static func isDocumented(_ field: String, _ names: Set<String>) -> Bool {
        if names.contains(field) { return true }
        for prefix in ["units_", "official_"] where field.hasPrefix(prefix) && names.contains(prefix + "111") {
            if UrbanRuralClass(rawValue: String(field.dropFirst(prefix.count))) != nil { return true }
        }
        for type in FacilityType.allCases {
            let prefix = type.rawValue.replacingOccurrences(of: "-", with: "_") + "_"
            if field.hasPrefix(prefix), names.contains(String(prefix.dropLast())), names.contains("TYPE_" + field.dropFirst(prefix.count)) { return true }
        }
        let parts = field.split(separator: "_", maxSplits: 1)
        return parts.count == 2 && names.contains(String(parts[0])) && names.contains("KG_" + parts[1])
    }

    @Test func everyWrittenFieldIsDocumented() throws {
        let folder = try SampleRun.get().folder
        let documented = try Self.documented()
        var checked = 0
        // Every table and layer the sample's run writes, as zoning's own registrations list them.
        let files = ProjectRun.outputFiles(try SampleRun.get().result.project, of: Analyses.builtIn).filter { $0.hasSuffix(".csv") || $0.hasSuffix(".shp") }
        #expect(files.count >= 16)
        for file in files {
            let own = try #require(documented[file], "docs/METHOD.md §7 has no row for \(file)")
            // A row that refers to another file's codes ("the two-letter codes of
            // regions-coverage.shp") documents them too.
            let names = own.union(own.compactMap { documented[$0] }.flatMap { $0 })
            let fields = file.hasSuffix(".shp")
                ? try LayerFile.open(folder + "/" + file).schema.names
                : try CSVRows.read(folder + "/" + file).first.map { Array($0.keys) } ?? []
            #expect(!fields.isEmpty, "\(file)")
            for field in fields {
                #expect(Self.isDocumented(field, names), "\(file): \(field) is not in docs/METHOD.md §7")
                checked += 1
            }
        }
        #expect(checked > 80)
    }

    /// The check is real: an undocumented name fails it.
    @Test func anUndocumentedFieldIsCaught() throws {
        let names = try #require(try Self.documented()["regions-coverage.shp"])
        #expect(Self.isDocumented("EC_RES", names) && Self.isDocumented("PS_P90", names))
        #expect(!Self.isDocumented("EC_AREA", names) && !Self.isDocumented("ZZ_RES", names))
    }
}

/// Tables fit for Excel: no number in the sample run's CSV and JSON files carries float noise —
/// none has more than 4 decimals (shares 4, m² 2, km² 4; populations and metres are whole).
@Suite struct TableRoundingTests {
    @Test func noNumberHasMoreThanFourDecimals() throws {
        let folder = try SampleRun.get().folder
        let noise = try NSRegularExpression(pattern: "(?<![0-9A-Za-z.])-?[0-9]+\\.[0-9]{5,}(?![0-9])")
        var numbers = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".csv") || (file.hasSuffix(".json") && file != "manifest.json") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            let range = NSRange(text.startIndex..., in: text)
            let found = noise.matches(in: text, range: range).prefix(3).map { (text as NSString).substring(with: $0.range) }
            #expect(found.isEmpty, "\(file): \(found)")
            numbers += try NSRegularExpression(pattern: "[0-9]+\\.[0-9]+").numberOfMatches(in: text, range: range)
        }
        #expect(numbers > 500)  // the files do hold decimals
        #expect(noise.numberOfMatches(in: "7818080.709999994, 0.3889", range: NSRange(location: 0, length: 25)) == 1)
    }
}

/// summary.csv against the run's other tables, computed here from them.
@Suite struct SummaryOutputsTests {
    @Test func countyFiguresAgreeWithTheTables() throws {
        let folder = try SampleRun.get().folder
        let summary = try CSVRows.read(folder + "/summary.csv")
        #expect(summary.count == 1)
        let row = try #require(summary.first)
        let county = try #require(try CSVRows.read(folder + "/urbanization.csv").first { $0["level"] == "county" })
        #expect(row["county"] == county["code"] && row["population"] == county["population"] && row["urbanization_rate"] == county["rate"])
        #expect(row["units_220"] == county["units_220"] && row["official_urbanization_rate"] == county["official_rate"])
        // One county: its built-up area is every region's outline.
        let regions = try CSVRows.read(folder + "/builtup-regions.csv")
        let outlines = regions.reduce(0) { $0 + Double($1["OUTL_KM2"]!)! }
        #expect(abs(Double(row["builtup_km2"]!)! - outlines) < 1e-3)
        // Coverage over the county: covered residential land ÷ residential land, from coverage.csv.
        let elderly = try CSVRows.read(folder + "/coverage.csv").filter { $0["type"] == "elderly" }
        let land = elderly.reduce(0) { $0 + Double($1["residential_m2"]!)! }
        let covered = elderly.reduce(0) { $0 + Double($1["residential_m2"]!)! * Double($1["residential_land_coverage"]!)! }
        #expect(abs(Double(row["elderly_coverage"]!)! - covered / land) < 1e-4)
        #expect(Int(row["elderly_townships_with"]!) == elderly.filter { $0["facilities_inside"] != "0" }.count)
        let targets = try CSVRows.read(folder + "/targets.csv")
        #expect(Int(row["targets_fail"]!) == targets.filter { $0["status"] == "fail" }.count)
        // Every parcel of the sample lies in its county: the DLTB's records, from the .shx's size.
        let index = try #require(try FileManager.default.attributesOfItem(atPath: checkoutRoot + "/Shapefiles/DLTB.shx")[.size] as? Int)
        #expect(Int(row["parcels"]!) == (index - 100) / 8)
    }
}
