import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

@Suite struct CoverageCommandTests {
    static let sample = checkoutRoot + "/Shapefiles"

    func run(_ facilities: [String], out: String) throws -> ProcessOutcome {
        try CommandLine.run(["coverage", "--regions", Self.sample + "/townships.shp", "--land-use", Self.sample + "/DLTB.shp",
                             "--villages", Self.sample + "/villages.shp", "--out", out, "--no-bom", "--include-0702"] + facilities)
    }

    /// On the sample: all five types for all nine townships; facility counts per township match
    /// the facilities' own TOWNDM attribute (spatial against attribute); residential land per
    /// township matches the TBMJ of its parcels by ZLDWDM code.
    @Test func coverageOfTheSample() throws {
        let folder = try TemporaryFolder()
        let result = try run(["--facilities", Self.sample + "/facilities.shp"], out: folder.path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Regions with at least one facility: kindergarten 9/9, primary 9/9, middle 6/9, clinic 8/9, elderly 5/9"))
        let rows = try CSVRows.read(folder.file("coverage.csv"))
        #expect(rows.count == 9 * 5)

        var byTownship: [String: [String: Int]] = [:]
        try LayerFile.open(Self.sample + "/facilities.shp").forEach { f in
            byTownship[f.attributes[3].description, default: [:]][f.attributes[0].description, default: 0] += 1
        }
        for row in rows {
            #expect(Int(row["facilities_inside"] ?? "") == byTownship[row["region"] ?? ""]?[row["type"] ?? ""] ?? 0, "\(row["region"] ?? "") \(row["type"] ?? "")")
        }
        var residential: [String: Double] = [:]
        try LayerFile.open(Self.sample + "/DLTB.shp").forEach { p in
            if ["0701", "0702"].contains(p.attributes[1].description) {
                residential[String(p.attributes[4].description.prefix(9)), default: 0] += p.attributes[6].doubleValue ?? 0
            }
        }
        for row in rows where row["type"] == "elderly" {
            let expected = residential[row["region"] ?? ""] ?? 0
            #expect(abs((Double(row["residential_m2"] ?? "") ?? 0) - expected) < 0.01, "\(row["region"] ?? "")")
        }
        for name in ["coverage.json", "regions-coverage.shp", "service-areas.shp", "gaps.shp"] { #expect(folder.contents.contains(name)) }
    }

    /// Each layer's style beside it: the service areas and gaps as `zoning run` styles them
    /// (the same types and radii, the same bytes); the townships in the coverage classes of
    /// this command's own figures, checked against the layer's fields when written.
    @Test func layersStyledAsTheRunStylesThem() throws {
        let folder = try TemporaryFolder()
        let ran = try CommandLine.run(["run", Self.sample + "/project.yaml", "--out", folder.file("run"), "-q"])
        #expect(ran.status == 0, "\(ran.errors)")
        let covered = try run(["--facilities", Self.sample + "/facilities.shp", "-q"], out: folder.file("coverage"))
        #expect(covered.status == 0, "\(covered.errors)")
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.file("coverage"))) ?? []
        #expect(listed.filter { $0.hasSuffix(".qml") || $0.hasSuffix(".sld") }.sorted()
            == ["gaps.qml", "gaps.sld", "regions-coverage.qml", "regions-coverage.sld", "service-areas.qml", "service-areas.sld"], "\(listed)")
        for name in ["gaps.qml", "gaps.sld", "service-areas.qml", "service-areas.sld"] {
            let written = FileManager.default.contents(atPath: folder.file("coverage/" + name))
            #expect(written != nil && written == FileManager.default.contents(atPath: folder.file("run/" + name)), "\(name)")
        }
        let townships = try String(contentsOfFile: folder.file("coverage/regions-coverage.qml"), encoding: .utf8)
        #expect(townships.contains(#"attr="KG_RES""#))
    }

    /// The same facilities scraped from a web map (GCJ-02) give the same coverage to within
    /// a fraction of a percent: they land within centimetres of the true points.
    @Test func webMapFacilitiesGiveTheSameCoverage() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["-q", "--facilities", Self.sample + "/facilities.shp"], out: folder.file("shp")).status == 0)
        let csv = try run(["-q", "--facilities", Self.sample + "/facilities-gcj02.csv", "--facilities-crs", "GCJ02"], out: folder.file("csv"))
        #expect(csv.status == 0, "\(csv.errors)")
        let a = try CSVRows.read(folder.file("shp/coverage.csv")), b = try CSVRows.read(folder.file("csv/coverage.csv"))
        for (x, y) in zip(a, b) {
            let share = { (row: [String: String]) in Double(row["residential_land_coverage"] ?? "") ?? 0 }
            #expect(x["region"] == y["region"] && abs(share(x) - share(y)) < 0.001)
        }
    }

    @Test func targetsOfTheSample() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["-q", "--facilities", Self.sample + "/facilities.shp"], out: folder.file("coverage")).status == 0)
        #expect(try CommandLine.run(["classify", "-q", "--land-use", Self.sample + "/DLTB.shp", "--villages", Self.sample + "/villages.shp",
                                     "--seats", Self.sample + "/seats.shp", "--out", folder.file("classes")]).status == 0)
        let targets = try CommandLine.run(["targets", Self.sample + "/targets.yaml", "--results", folder.file("classes"),
                                           "--results", folder.file("coverage"), "--out", folder.file("targets.csv")])
        #expect(targets.status == 0, "\(targets.errors)")
        // By design (Shapefiles/README.md): the county is far below 67%; every 街道 has elderly
        // care; only 北河镇 and 东湖镇 of the five 镇/乡 do (40% < 60%).
        #expect(targets.output.contains("FAIL  urbanization_rate >= 67% — 370299"))
        #expect(targets.output.contains("pass  unit_coverage elderly 街道 >= 100% — 街道: 100.0%"))
        #expect(targets.output.contains("FAIL  unit_coverage elderly 镇/乡 >= 60% — 镇/乡: 40.0%, short by 20.0 points"))
        // The walking target needs life-circles.csv, which only a run with roads writes.
        #expect(targets.output.contains("n/a   network_population_coverage 15min urban >= 90% — urban: no life circles (no roads layer)"))
        #expect(try CSVRows.read(folder.file("targets.csv")).count == 4)
    }

    /// The villages' fields in the project file's words: a village layer with the survey's
    /// CJDCQ names (ZLDWDM, RKZS) is read with --field; a named field that is missing stops.
    @Test func villageFieldsByRole() throws {
        let folder = try TemporaryFolder()
        let converted = try CommandLine.run(["convert", Self.sample + "/villages.shp", folder.file("v.geojson"), "-q"])
        #expect(converted.status == 0)
        let renamed = try String(contentsOfFile: folder.file("v.geojson"), encoding: .utf8)
            .replacingOccurrences(of: "\"XZQDM\"", with: "\"ZLDWDM\"").replacingOccurrences(of: "\"POP\"", with: "\"RKZS\"")
        try Data(renamed.utf8).write(to: URL(fileURLWithPath: folder.file("cjdcq.geojson")))
        let plain = try run(["--facilities", Self.sample + "/facilities.shp", "-q"], out: folder.file("a"))
        let mapped = try CommandLine.run([
            "coverage", "--regions", Self.sample + "/townships.shp", "--land-use", Self.sample + "/DLTB.shp", "--villages", folder.file("cjdcq.geojson"),
            "--out", folder.file("b"), "--no-bom", "--include-0702", "--facilities", Self.sample + "/facilities.shp", "-q",
            "--field", "villages.code=ZLDWDM", "--field", "villages.population=RKZS"])
        #expect(plain.status == 0 && mapped.status == 0, "\(mapped.errors)")
        #expect(try CSVRows.read(folder.file("a/coverage.csv")) == CSVRows.read(folder.file("b/coverage.csv")))
        let missing = try run(["--facilities", Self.sample + "/facilities.shp", "--field", "villages.population=RKZS"], out: folder.file("c"))
        #expect(missing.status == 1 && missing.errors.contains("villages.shp RKZS: has no field RKZS") && missing.errors.contains("--field villages.population=NAME"))
    }

    @Test func unknownTypesAndBadRadiiAreNamed() throws {
        let folder = try TemporaryFolder()
        try Data("name,type,lng,lat\n加油站,加油站,120.0,36.3\n".utf8).write(to: URL(fileURLWithPath: folder.file("f.csv")))
        let unknown = try run(["--facilities", folder.file("f.csv")], out: folder.file("o"))
        #expect(unknown.status == 1 && unknown.errors.contains("1 facilities have 1 types zoning does not know (e.g. 加油站 (1))") && unknown.errors.contains("--type-map"))
        let mapped = try run(["-q", "--facilities", folder.file("f.csv"), "--type-map", "加油站=clinic"], out: folder.file("m"))
        #expect(mapped.status == 0, "\(mapped.errors)")
        let badRadius = try run(["--facilities", folder.file("f.csv"), "--radius-m", "school=500"], out: folder.file("x"))
        #expect(badRadius.status != 0 && badRadius.errors.contains("--radius-m (school) unknown facility type; use one of kindergarten"), "\(badRadius.errors)")
        let malformed = try run(["--facilities", folder.file("f.csv"), "--radius-m", "primary:500"], out: folder.file("y"))
        #expect(malformed.status != 0 && malformed.errors.contains("--radius-m takes type=metres"))
    }

    /// --population: two points of residents in WGS 84 longitude/latitude (the CSV default),
    /// 300 and 700 people, both inside 东城街道 (`zoning query --contains-point` finds it there);
    /// a point outside every township is left out. So 东城街道 has 1 000 residents, the others none.
    @Test func populationPoints() throws {
        let folder = try TemporaryFolder()
        try Data("lon,lat,RK\n120.001,36.301,300\n120.002,36.3005,700\n100,10,5\n".utf8).write(to: URL(fileURLWithPath: folder.file("people.csv")))
        let result = try run(["--facilities", Self.sample + "/facilities.shp", "--population", folder.file("people.csv"), "--population-field", "RK"], out: folder.file("out"))
        #expect(result.status == 0, "\(result.errors)")
        let rows = try CSVRows.read(folder.file("out/coverage.csv")).filter { $0["type"] == "clinic" }
        #expect(rows.first { $0["region"] == "370299002" }?["population"] == "1000")
        #expect(rows.filter { $0["region"] != "370299002" }.allSatisfy { $0["population"] == "0" })
        let missing = try run(["--facilities", Self.sample + "/facilities.shp", "--population", folder.file("people.csv")], out: folder.file("out2"))
        #expect(missing.status == 1 && missing.errors.contains("no field POP"))
    }

    /// The one vocabulary and its aliases: regions whose code, name and kind fields are renamed,
    /// facilities scraped in GCJ-02, and residents as points with their own field and CRS, read
    /// once with --field and --layer-crs and once with the older flags, give the same
    /// coverage.csv. (Were an alias not read, the renamed fields would stop the run, or the
    /// facilities would lie hundreds of metres off.)
    @Test func theNewSpellingAndTheAliasesGiveTheSameCoverage() throws {
        let folder = try TemporaryFolder()
        #expect(try CommandLine.run(["convert", Self.sample + "/townships.shp", folder.file("t.geojson"), "-q"]).status == 0)
        let renamed = try String(contentsOfFile: folder.file("t.geojson"), encoding: .utf8)
            .replacingOccurrences(of: "\"XZQDM\"", with: "\"CODE\"").replacingOccurrences(of: "\"XZQMC\"", with: "\"MC\"")
            .replacingOccurrences(of: "\"KIND\"", with: "\"LX\"")
        try Data(renamed.utf8).write(to: URL(fileURLWithPath: folder.file("regions.geojson")))
        try Data("lon,lat,RK\n120.001,36.301,300\n120.002,36.3005,700\n".utf8).write(to: URL(fileURLWithPath: folder.file("people.csv")))
        func coverage(_ settings: [String], _ out: String) throws -> ProcessOutcome {
            try CommandLine.run([
                "coverage", "-q", "--regions", folder.file("regions.geojson"), "--land-use", Self.sample + "/DLTB.shp",
                "--villages", Self.sample + "/villages.shp", "--facilities", Self.sample + "/facilities-gcj02.csv",
                "--population", folder.file("people.csv"), "--out", folder.file(out), "--no-bom", "--include-0702",
            ] + settings)
        }
        let new = try coverage([
            "--field", "townships.code=CODE", "--field", "townships.name=MC", "--field", "townships.kind=LX",
            "--field", "population.population=RK", "--layer-crs", "facilities=GCJ02", "--layer-crs", "population=EPSG:4490",
        ], "new")
        let old = try coverage([
            "--region-code-field", "CODE", "--region-name-field", "MC", "--region-kind-field", "LX",
            "--population-field", "RK", "--facilities-crs", "GCJ02", "--population-crs", "EPSG:4490",
        ], "old")
        #expect(new.status == 0, "\(new.errors)")
        #expect(old.status == 0, "\(old.errors)")
        let rows = try CSVRows.read(folder.file("new/coverage.csv"))
        #expect(rows.count == 9 * 5)
        #expect(rows.first { $0["region"] == "370299002" && $0["type"] == "clinic" }?["population"] == "1000")
        #expect(try CSVRows.read(folder.file("old/coverage.csv")) == rows)
        // Without the facilities' CRS the same points are read as WGS 84: the answer moves.
        let plain = try coverage(["--field", "townships.code=CODE", "--field", "population.population=RK"], "plain")
        #expect(plain.status == 0, "\(plain.errors)")
        #expect(try CSVRows.read(folder.file("plain/coverage.csv")) != rows)
    }

    /// An alias and the new spelling for one role with different values stop before anything is
    /// read, naming both flags; with the same value they agree. A layer coverage does not read
    /// is refused by name.
    @Test func conflictingSpellingsAreRefused() throws {
        let folder = try TemporaryFolder()
        let crs = try run(["--facilities", Self.sample + "/facilities-gcj02.csv", "--facilities-crs", "GCJ02", "--layer-crs", "facilities=EPSG:4326"], out: folder.file("a"))
        #expect(crs.status != 0)
        #expect(crs.errors.contains("--facilities-crs GCJ02 and --layer-crs facilities=EPSG:4326 give the facilities layer different CRSs"), "\(crs.errors)")
        #expect(crs.errors.contains("--facilities-crs is the same as --layer-crs facilities=CRS, so give one of them"))
        let field = try run(["--facilities", Self.sample + "/facilities.shp", "--field", "townships.code=XZQDM", "--region-code-field", "CODE"], out: folder.file("b"))
        #expect(field.status != 0)
        #expect(field.errors.contains("--region-code-field CODE and --field townships.code=XZQDM name different fields for townships.code"), "\(field.errors)")
        let residents = try run(["--facilities", Self.sample + "/facilities.shp", "--population-field", "RK", "--field", "population.population=POP"], out: folder.file("c"))
        #expect(residents.status != 0 && residents.errors.contains("--population-field RK and --field population.population=POP"), "\(residents.errors)")
        let seats = try run(["--facilities", Self.sample + "/facilities.shp", "--layer-crs", "seats=EPSG:4549"], out: folder.file("d"))
        #expect(seats.status != 0 && seats.errors.contains("a layer zoning coverage reads: land_use, villages, townships, facilities, population"), "\(seats.errors)")
        let seatField = try run(["--facilities", Self.sample + "/facilities.shp", "--field", "seats.kind=LX"], out: folder.file("e"))
        #expect(seatField.status != 0 && seatField.errors.contains("--field seats.kind=LX: zoning coverage reads no seats layer"), "\(seatField.errors)")
        for name in ["a", "b", "c", "d", "e"] { #expect(!FileManager.default.fileExists(atPath: folder.file(name))) }
        let same = try run(["-q", "--facilities", Self.sample + "/facilities-gcj02.csv", "--facilities-crs", "GCJ02", "--layer-crs", "facilities=GCJ02",
                            "--region-code-field", "XZQDM", "--field", "townships.code=XZQDM"], out: folder.file("f"))
        #expect(same.status == 0, "\(same.errors)")
    }

    /// `coverage --help` lists each older flag as an alias of its new spelling, and --layer-crs
    /// lists exactly the layers coverage reads.
    @Test func helpListsTheAliases() throws {
        let help = try CommandLine.run(["coverage", "--help"])
        #expect(help.status == 0)
        let text = help.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (flag, spelling) in [
            ("--region-code-field <NAME>", "--field townships.code=NAME"), ("--region-name-field <NAME>", "--field townships.name=NAME"),
            ("--region-kind-field <NAME>", "--field townships.kind=NAME"), ("--population-field <NAME>", "--field population.population=NAME"),
            ("--facilities-crs <CRS>", "--layer-crs facilities=CRS"), ("--population-crs <CRS>", "--layer-crs population=CRS"),
        ] {
            #expect(text.contains("\(flag) Alias: the same as \(spelling)"), "\(flag)")
            let bare = flag.replacingOccurrences(of: " <", with: " ").replacingOccurrences(of: ">", with: "")
            #expect(text.contains("\(bare): the same as \(spelling)"), "\(bare) in the discussion")
        }
        #expect(text.contains("Layers: land_use, villages, townships, facilities, population."))
        #expect(text.contains("townships.code (XZQDM)") && text.contains("population.population (POP)") && !text.contains("seats.kind"))
    }
}
