import Foundation
import Testing
import ZoningTestSupport

@Suite struct SampleTests {
    @Test func writesACountyAndSaysWhat() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["sample", "--out", folder.file("county"), "--parcels", "1000", "--seed", "3"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("1080 parcels, 120 village-level units, 9 townships, 9 seats"))
        #expect(FileManager.default.fileExists(atPath: folder.file("county/DLTB.shp")))
        let again = try CommandLine.run(["sample", "--out", folder.file("county"), "--parcels", "1000"])
        #expect(again.status == 1 && again.errors.contains("--overwrite"))
        let tooSmall = try CommandLine.run(["sample", "--out", folder.file("x"), "--parcels", "10"])
        #expect(tooSmall.status != 0)
    }

    /// `zoning sample --year 2` and `zoning run` on it, as a user would: every unit gets the
    /// class year 2's truth.csv designs, and the elderly-care target of 镇/乡 now passes — by
    /// hand: 南山镇 and 西岭镇 gain centres and 东湖镇 has one, 3 of the 4 镇/乡 (北河 is a 街道
    /// now, 石门乡 has none).
    @Test func yearTwoRunsToItsDesignedClasses() throws {
        let folder = try TemporaryFolder()
        let sample = try CommandLine.run(["sample", "--year", "2", "--out", folder.file("year2")])
        #expect(sample.status == 0, "\(sample.errors)")
        #expect(sample.output.contains("20280 parcels, 120 village-level units, 9 townships, 9 seats, 86 facilities"))
        #expect(sample.output.contains("class × 3") && sample.output.contains("renumbered × 23"))
        let run = try CommandLine.run(["run", folder.file("year2/project.yaml")])
        #expect(run.status == 0, "\(run.errors)")
        let truth = try CSVRows.read(folder.file("year2/truth.csv"))
        let derived = Dictionary(uniqueKeysWithValues: try CSVRows.read(folder.file("sample-year2/classification.csv")).map { ($0["XZQDM"] ?? "", $0) })
        #expect(truth.count == 120 && derived.count == 120)
        for row in truth {
            let code = row["XZQDM"] ?? ""
            #expect(derived[code]?["CLASS"] == row["designed_class"], "\(code)")
            #expect(derived[code]?["OFFICIAL"] == row["official_class"], "\(code)")
        }
        // Against a run of year 1: a unit no designed change names has the same figures, and
        // only the renumbered units' codes and seats (their township's) move.
        let first = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder.file("year1-run")])
        #expect(first.status == 0, "\(first.errors)")
        let before = try CSVRows.read(folder.file("year1-run/classification.csv"))
        let changes = try CSVRows.read(folder.file("year2/changes.csv"))
        let renumbered = Dictionary(uniqueKeysWithValues: changes.filter { $0["kind"] == "renumbered" }.map { ($0["old_code"] ?? "", $0["new_code"] ?? "") })
        let named = Set(changes.filter { ["class", "population", "merged", "split", "renamed"].contains($0["kind"] ?? "") }
            .flatMap { ($0["old_code"] ?? "").split(separator: ";").map(String.init) })
        #expect(before.count == 120 && named.count == 7)  // 3 grown, 1 renamed, 2 merged, 1 split
        for row in before where !named.contains(row["XZQDM"] ?? "") {
            let old = row["XZQDM"] ?? "", new = renumbered[old] ?? old
            let now = try #require(derived[new], "\(old)")
            for field in ["XZQMC", "POP", "CLASS", "OFFICIAL", "SHARE", "CONSTR_M2"] { #expect(now[field] == row[field], "\(old) \(field)") }
            #expect(now["SEAT"] == row["SEAT"].map { renumbered[$0] ?? $0 }, "\(old) SEAT")
        }
        let elderly = try #require(try CSVRows.read(folder.file("sample-year2/targets.csv")).first { $0["facility"] == "elderly" && $0["units"] == "镇/乡" })
        #expect(elderly["value"] == "0.75" && elderly["status"] == "pass", "\(elderly)")
        let refused = try CommandLine.run(["sample", "--year", "3", "--out", folder.file("x")])
        #expect(refused.status != 0 && refused.errors.contains("--year must be 1 or 2"))
    }

    /// On a coarse lattice (750 m parcels) and another seed the design still holds: the new
    /// land stays clear of other settlements, so the run agrees with truth.csv on every unit.
    @Test func yearTwoOfACoarseCountyIsTrueToo() throws {
        let folder = try TemporaryFolder()
        let sample = try CommandLine.run(["sample", "--year", "2", "--parcels", "2000", "--seed", "7", "--out", folder.file("year2"), "-q"])
        #expect(sample.status == 0, "\(sample.errors)")
        let run = try CommandLine.run(["run", folder.file("year2/project.yaml")])
        #expect(run.status == 0, "\(run.errors)")
        let derived = Dictionary(uniqueKeysWithValues: try CSVRows.read(folder.file("sample-year2/classification.csv")).map { ($0["XZQDM"] ?? "", $0) })
        let truth = try CSVRows.read(folder.file("year2/truth.csv"))
        #expect(truth.count == derived.count && !truth.isEmpty)
        for row in truth {
            let code = row["XZQDM"] ?? ""
            #expect(derived[code]?["CLASS"] == row["designed_class"], "\(code)")
            if let share = row["share"].flatMap(Double.init), let found = derived[code]?["SHARE"].flatMap(Double.init) {
                #expect(abs(share - found) < 1e-3, "\(code)")
            }
        }
    }

    /// `zoning info` on the embedded sample: sensible figures with Chinese names.
    @Test func infoOnTheEmbeddedSample() throws {
        let dltb = try CommandLine.run(["info", "--no-prj", checkoutRoot + "/Shapefiles/DLTB.shp"])
        #expect(dltb.output.contains("Features:  20280"))
        #expect(dltb.output.contains("CRS:       EPSG:4528 — CGCS2000 / 3-degree Gauss-Kruger zone 40"))
        #expect(dltb.output.contains("Encoding:  GBK (detected: the text is not UTF-8 but is valid GBK; no .cpg file"))
        #expect(dltb.output.contains("Validity:  20280 valid, 0 invalid, 0 empty"))
        // Record 0's DLMC is the 三调 name of its DLBM (farmland or a rural road at the corner).
        let names = ["0101": "水田", "0102": "水浇地", "0103": "旱地", "0201": "果园", "1006": "农村道路"]
        let record = try #require(dltb.output.split(separator: "\n").first { $0.hasPrefix("Record 0:") })
        let code = try #require(names.keys.first { record.contains("DLBM=\($0),") })
        #expect(record.contains("DLMC=\(names[code]!),"))
        let villages = try CommandLine.run(["info", "--no-prj", checkoutRoot + "/Shapefiles/villages.shp"])
        #expect(villages.output.contains("Features:  120"))
        #expect(villages.output.contains("Record 0:  XZQDM=370299001001, XZQMC="))
        #expect(villages.output.contains("居委会"))  // the first unit, 001, is a residents' committee
    }
}
