import Foundation
import Testing
import ZoningLayers
import ZoningTestSupport

@Suite struct ClassifyTests {
    static let sample = checkoutRoot + "/Shapefiles"

    func run(_ extra: [String], out: String) throws -> ProcessOutcome {
        try CommandLine.run(["classify", "--land-use", Self.sample + "/DLTB.shp", "--villages", Self.sample + "/villages.shp",
                             "--seats", Self.sample + "/seats.shp", "--out", out] + extra)
    }

    @Test func classifiesTheSampleAsDesigned() throws {
        let folder = try TemporaryFolder()
        let result = try run(["--no-bom"], out: folder.path)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("Classes: 111 × 4, 112 × 8, 121 × 5, 122 × 3, 123 × 2, 210 × 2, 220 × 96"))
        #expect(result.output.contains("Agree with the official class: 116 of 120"))
        #expect(result.errors.contains("Delineating built-up regions from 20280 parcels…"))  // progress on stderr
        #expect(result.output.hasPrefix("Checks: 2 notes (checks.csv lists them)"))
        for name in ["checks.csv", "checks.json", "villages-classified.shp", "builtup-regions.shp", "builtup-regions.csv", "classification.csv", "classification.json", "urbanization.csv", "review.csv"] {
            #expect(folder.contents.contains(name), "\(name)")
        }
        // classification.csv against truth.csv, unit by unit.
        let truth = try CSVRows.read(Self.sample + "/truth.csv")
        let derived = try CSVRows.read(folder.file("classification.csv"))
        #expect(derived.count == 120)
        let designed = Dictionary(uniqueKeysWithValues: truth.map { ($0["XZQDM"] ?? "", $0["designed_class"] ?? "") })
        #expect(derived.allSatisfy { designed[$0["XZQDM"] ?? ""] == $0["CLASS"] })
    }

    /// Every area reported is ellipsoidal: the units' construction land sums to the TBMJ of the
    /// construction parcels (to 0.01%), and the city region's footprint to its parcels' TBMJ.
    @Test func areasReconcileWithTBMJ() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["-q", "--no-bom"], out: folder.path).status == 0)
        let construction: Set<String> = ["05H1", "0601", "0602", "0701", "0702", "08H1", "08H2", "0809", "0810", "1004", "1201"]
        var tbmj = 0.0
        let dltb = try LayerFile.open(Self.sample + "/DLTB.shp")
        try dltb.forEach { if construction.contains($0.attributes[1].description) { tbmj += $0.attributes[6].doubleValue ?? 0 } }
        let units = try CSVRows.read(folder.file("classification.csv")).reduce(0) { $0 + (Double($1["CONSTR_M2"] ?? "") ?? 0) }
        #expect(abs(units / tbmj - 1) < 1e-4)
    }

    @Test(.enabled(if: ExternalTool.ogrinfo.isAvailable, "needs GDAL's ogrinfo"))
    func outputsOpenInGDALWithCRSAndChineseNames() throws {
        let folder = try TemporaryFolder()
        #expect(try run(["-q"], out: folder.path).status == 0)
        let villages = try ExternalTool.ogrinfo.run(["-al", folder.file("villages-classified.shp")])
        #expect(villages.contains("Feature Count: 120") && villages.contains("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger zone 40\""))
        #expect(villages.contains("XZQMC (String) = ") && villages.contains("社区居委会"))
        #expect(villages.contains("REASON (String) = 建设用地的100%位于市驻地370299的实际建设区内"))
        let regions = try ExternalTool.ogrinfo.run(["-so", "-al", folder.file("builtup-regions.shp")])
        #expect(regions.contains("Feature Count: 7"))
    }

    @Test func parametersChangeTheAnswerAndAreChecked() throws {
        let folder = try TemporaryFolder()
        // With a 1 km gap the hamlets near the city and towns join their regions: more urban units.
        let wide = try run(["-q", "--gap-m", "1000"], out: folder.file("wide"))
        #expect(wide.status == 0, "\(wide.errors)")
        let wideClasses = try CSVRows.read(folder.file("wide/classification.csv"))
        #expect(wideClasses.filter { $0["CLASS"]?.hasPrefix("1") == true }.count > 22)
        let badShare = try run(["--full-share", "1.5"], out: folder.file("x"))
        #expect(badShare.status != 0 && badShare.errors.contains("--full-share"))
        // The parameter types' own checks, in the words a project file gets, named by flag.
        let badGap = try run(["--gap-m=-5"], out: folder.file("x"))
        #expect(badGap.status != 0 && badGap.errors.contains("--gap-m must be from 0 to 10000 (metres), not -5."))
        let badMinimum = try run(["--partial-min-m2=-1"], out: folder.file("x"))
        #expect(badMinimum.status != 0 && badMinimum.errors.contains("--partial-min-m2 must be from 0 to 1000000000 (m²), not -1."))
        let badField = try run(["--field", "colour=RED"], out: folder.file("x"))
        #expect(badField.status != 0 && badField.errors.contains("LAYER.KEY=NAME") && badField.errors.contains("villages.population"))
        // Population is optional, but a field named on the command line must exist.
        let missing = try run(["--field", "villages.population=RKZS"], out: folder.file("y"))
        #expect(missing.status == 1 && missing.errors.contains("villages.shp RKZS: has no field RKZS") && missing.errors.contains("--field villages.population=NAME"))
        let alias = try run(["--field", "population=RKZS"], out: folder.file("y"))  // the older role name
        #expect(alias.status == 1 && alias.errors.contains("villages.shp RKZS: has no field RKZS"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("y")))
        let wrongArea = try run(["--field", "area=DLMC"], out: folder.file("z"))
        #expect(wrongArea.status == 1 && wrongArea.errors.contains("DLTB.shp DLMC: no parcel has an area"))
    }

    /// Villages in plain zone-40 eastings without a .prj: the command stops with the zone that
    /// fits and the option to set; with --layer-crs the classes are the sample's.
    @Test func layerWithoutPRJNeedsItsCRS() throws {
        let folder = try TemporaryFolder()
        let converted = try CommandLine.run(["convert", Self.sample + "/villages.shp", folder.file("v.shp"), "--dst-crs", "EPSG:4549", "-q"])
        #expect(converted.status == 0, "\(converted.errors)")
        try FileManager.default.removeItem(atPath: folder.file("v.prj"))
        func classify(_ extra: [String], _ out: String) throws -> ProcessOutcome {
            try CommandLine.run(["classify", "--land-use", Self.sample + "/DLTB.shp", "--villages", folder.file("v.shp"),
                                 "--seats", Self.sample + "/seats.shp", "--out", folder.file(out), "-q"] + extra)
        }
        let stopped = try classify([], "a")
        #expect(stopped.status == 1 && stopped.errors.contains("v.shp: has no .prj") && stopped.errors.contains("set --layer-crs villages=EPSG:4549"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("a")))
        let given = try classify(["--layer-crs", "villages=EPSG:4549"], "b")
        #expect(given.status == 0, "\(given.errors)")
        let clean = try run(["-q"], out: folder.file("c"))
        #expect(clean.status == 0)
        func classes(_ out: String) throws -> [String] { try CSVRows.read(folder.file(out + "/classification.csv")).map { "\($0["XZQDM"]!) \($0["CLASS"]!)" } }
        #expect(try classes("b") == classes("c"))
    }

    @Test func builtUpAlone() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["builtup", "--land-use", Self.sample + "/DLTB.shp", "--seats", Self.sample + "/seats.shp", "--out", folder.path])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("Checks: 1 note (checks.csv lists them)\nBuilt-up regions: 7 (6 with a seat, 1 with seeds only)"))
        #expect(result.output.contains("city seat 370299 样例市人民政府"))
    }

    /// classify and builtup write each layer's style beside it, the same bytes as `zoning run`
    /// writes for those layers (the class colours and the seats' ranks do not depend on the
    /// parameters).
    @Test func layersStyledAsTheRunStylesThem() throws {
        let folder = try TemporaryFolder()
        let ran = try CommandLine.run(["run", Self.sample + "/project.yaml", "--out", folder.file("run"), "-q"])
        #expect(ran.status == 0, "\(ran.errors)")
        let classified = try run(["-q"], out: folder.file("classify"))
        #expect(classified.status == 0, "\(classified.errors)")
        let builtUp = try CommandLine.run(["builtup", "--land-use", Self.sample + "/DLTB.shp", "--seats", Self.sample + "/seats.shp", "--out", folder.file("builtup"), "-q"])
        #expect(builtUp.status == 0, "\(builtUp.errors)")
        let files = ["villages-classified.qml", "villages-classified.sld", "builtup-regions.qml", "builtup-regions.sld"]
        for (output, names) in [("classify", files), ("builtup", Array(files.suffix(2)))] {
            let listed = (try? FileManager.default.contentsOfDirectory(atPath: folder.file(output))) ?? []
            #expect(listed.filter { $0.hasSuffix(".qml") || $0.hasSuffix(".sld") }.sorted() == names.sorted(), "\(output): \(listed)")
            for name in names {
                let written = FileManager.default.contents(atPath: folder.file("\(output)/\(name)"))
                #expect(written != nil && written == FileManager.default.contents(atPath: folder.file("run/" + name)), "\(output)/\(name)")
            }
        }
    }

    /// classify and builtup take --field and --layer-crs for exactly the layers they read, in
    /// their help and on the command line.
    @Test func theVocabularyNamesTheLayersRead() throws {
        func help(_ command: String) throws -> String {
            try CommandLine.run([command, "--help"]).output.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let classify = try help("classify"), builtUp = try help("builtup")
        #expect(classify.contains("Layers: land_use, villages, seats. Without it"), "\(classify)")
        #expect(builtUp.contains("Layers: land_use, seats. Without it"), "\(builtUp)")
        #expect(classify.contains("villages.population (POP)") && !classify.contains("townships.code") && !classify.contains("--facilities-crs"))
        #expect(builtUp.contains("seats.kind (KIND)") && !builtUp.contains("villages.code"))
        let folder = try TemporaryFolder()
        let facilities = try run(["--layer-crs", "facilities=GCJ02"], out: folder.file("a"))
        #expect(facilities.status != 0 && facilities.errors.contains("--layer-crs takes LAYER=CRS with a layer zoning classify reads: land_use, villages, seats"), "\(facilities.errors)")
        let builtUpVillages = try CommandLine.run(["builtup", "--land-use", Self.sample + "/DLTB.shp", "--seats", Self.sample + "/seats.shp",
                                                   "--out", folder.file("b"), "--field", "villages.population=RKZS"])
        #expect(builtUpVillages.status != 0 && builtUpVillages.errors.contains("zoning builtup reads no villages layer"), "\(builtUpVillages.errors)")
        let unknownCRS = try run(["--layer-crs", "villages=EPSG:99999"], out: folder.file("c"))
        #expect(unknownCRS.status != 0 && unknownCRS.errors.contains("--layer-crs villages=EPSG:99999: PROJ does not know this CRS"), "\(unknownCRS.errors)")
    }
}
