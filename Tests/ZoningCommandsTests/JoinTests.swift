import Foundation
import Testing
import ZoningTestSupport

/// The sample's townships: 城关街道 is [40495000, 40500000] × [4020000, 4025000] in EPSG:4528,
/// 东湖镇 east of it, 西山乡 south of it, 经济开发区 south-east.
@Suite struct JoinTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    /// Facilities given in EPSG:4528 itself, so their township is known without reprojection.
    func facilities(_ folder: TemporaryFolder) throws -> String {
        let csv = "name,x,y,beds\nA,40496000,4021000,10\nB,40499000,4024000,20\nC,40503000,4016000,5\nD,40510000,4020000,7\n"
        try Data(csv.utf8).write(to: URL(fileURLWithPath: folder.file("f.csv")))
        return folder.file("f.csv")
    }

    @Test func countsAndSumsPerTownship() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["join", Self.sample, try facilities(folder), folder.file("out.csv"),
                                          "--predicate", "within", "--sum", "beds", "--right-crs", "EPSG:4528", "--no-bom"])
        #expect(result.status == 0, "\(result.errors)")
        let rows = String(decoding: FileManager.default.contents(atPath: folder.file("out.csv"))!, as: UTF8.self).split(separator: "\n")
        #expect(rows == [
            "XZQDM,XZQMC,KIND,JOIN_COUNT,beds_SUM,beds_MEAN",
            "370000001,城关街道,街道,2,30,15",
            "370000101,东湖镇,镇,0,0,",
            "370000201,西山乡,乡,0,0,",
            "370000401,经济开发区,开发区,1,5,5",
        ])
    }

    /// By hand: A (40496000, 4021000) and B (40499000, 4024000) lie within 5000 m of all four
    /// townships (farthest: A to 经济开发区, √(4000² + 1000²) ≈ 4123 m). C (40503000, 4016000)
    /// reaches 城关街道 at exactly √(3000² + 4000²) = 5000 m (inclusive), and the rest. D lies
    /// exactly 5000 m east of the two eastern townships only. Counts: 3, 4, 3, 4.
    @Test func withinDistanceIsInclusive() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["join", "-q", Self.sample, try facilities(folder), folder.file("d.csv"), "--predicate", "within-distance",
                                          "--distance-m", "5000", "--right-crs", "EPSG:4528", "--no-bom"])
        #expect(result.status == 0, "\(result.errors)")
        let counts = String(decoding: FileManager.default.contents(atPath: folder.file("d.csv"))!, as: UTF8.self)
            .split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[3]) }
        #expect(counts == ["3", "4", "3", "4"])
    }

    /// By hand: 城关街道 holds A and B, 经济开发区 holds C (0 m); 东湖镇's nearest is B, 1000 m
    /// west of its edge (record 1); 西山乡's is A, 1000 m north of its edge (record 0).
    @Test func nearestWithDistance() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["join", "-q", Self.sample, try facilities(folder), folder.file("n.csv"), "--nearest",
                                          "--right-crs", "EPSG:4528", "--no-bom"])
        #expect(result.status == 0, "\(result.errors)")
        let rows = String(decoding: FileManager.default.contents(atPath: folder.file("n.csv"))!, as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["XZQDM", "XZQMC", "KIND", "NEAR_ID", "NEAR_M", "name", "x", "y", "beds"])
        #expect(rows.dropFirst().map { $0[4] } == ["0", "1000", "1000", "0"])
        #expect(rows[2][3] == "1" && rows[2][5] == "B")
        #expect(rows[3][3] == "0" && rows[3][5] == "A")
    }

    @Test func argumentsAreChecked() throws {
        let folder = try TemporaryFolder()
        let noDistance = try CommandLine.run(["join", Self.sample, Self.sample, folder.file("x.shp"), "--predicate", "within-distance"])
        #expect(noDistance.status != 0 && noDistance.errors.contains("--distance-m"))
        let both = try CommandLine.run(["join", Self.sample, Self.sample, folder.file("x.shp"), "--nearest", "--overlap"])
        #expect(both.status != 0 && both.errors.contains("--nearest"))
        #expect(folder.contents.isEmpty)
    }
}

/// One-to-one joins, the nearest within a distance, refusals and standard output.
@Suite struct JoinAttributesTests {
    static let townships = JoinTests.sample

    func rows(_ path: String) -> [[String]] {
        String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The township each facility lies in, copied onto the points (by hand: A and B in 城关街道,
    /// C in 经济开发区, D outside every township).
    @Test func townshipAttributesOntoPoints() throws {
        let folder = try TemporaryFolder()
        let points = try JoinTests().facilities(folder)
        let result = try CommandLine.run(["join", points, Self.townships, folder.file("out.csv"), "--attributes", "--left-crs", "EPSG:4528", "--no-bom"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("3 of 4 found one"))
        let table = rows(folder.file("out.csv"))
        #expect(table[0] == ["name", "x", "y", "beds", "JOIN_ID", "XZQDM", "XZQMC", "KIND", "X", "Y"])  // CSV writes points as X, Y
        #expect(table.dropFirst().map { $0[6] } == ["城关街道", "城关街道", "经济开发区", ""])
    }

    /// A 3 km × 1 km strip, 1 km of it in 城关街道 and 2 km in 东湖镇: the first match is
    /// 城关街道 (record 0), the largest overlap 东湖镇.
    @Test func largestOverlapTakesTheMostCoveringPolygon() throws {
        let folder = try TemporaryFolder()
        let strip = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":1},"geometry":{"type":"Polygon","coordinates":[[[40499000,4021000],[40502000,4021000],[40502000,4022000],[40499000,4022000],[40499000,4021000]]]}}]}"#
        try Data(strip.utf8).write(to: URL(fileURLWithPath: folder.file("strip.geojson")))
        for (flags, expected) in [([String](), "城关街道"), (["--largest-overlap"], "东湖镇")] {
            let out = folder.file("s\(flags.count).csv")
            let result = try CommandLine.run(["join", "-q", folder.file("strip.geojson"), Self.townships, out, "--attributes", "--left-crs", "EPSG:4528", "--no-bom"] + flags)
            #expect(result.status == 0, "\(result.errors)")
            #expect(rows(out)[1].contains(expected), "\(flags)")
        }
    }

    /// --max-distance-m: 东湖镇 and 西山乡 lie 1 000 m from their nearest facility, beyond 500 m.
    @Test func nearestWithinAMaximumDistance() throws {
        let folder = try TemporaryFolder()
        let points = try JoinTests().facilities(folder)
        let result = try CommandLine.run(["join", Self.townships, points, folder.file("n.csv"), "--nearest", "--max-distance-m", "500",
                                          "--right-crs", "EPSG:4528", "--no-bom"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("2 of 4 found one"))
        #expect(rows(folder.file("n.csv")).dropFirst().map { $0[4] } == ["0", "", "", "0"])
    }

    /// --overlap on points is refused, and nothing is written.
    @Test func overlapOfPointsIsRefused() throws {
        let folder = try TemporaryFolder()
        let points = try JoinTests().facilities(folder)
        let result = try CommandLine.run(["join", points, Self.townships, folder.file("o.csv"), "--overlap", "--left-crs", "EPSG:4528"])
        #expect(result.status == 1 && result.errors.contains("--overlap measures the area of each left feature covered by the right polygons"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("o.csv")))
    }

    /// `-` writes the layer to standard output (CSV without a byte-order mark) and the report to
    /// standard error; the bytes equal those of a file written without a BOM.
    @Test func standardOutput() throws {
        let folder = try TemporaryFolder()
        let points = try JoinTests().facilities(folder)
        let piped = try CommandLine.run(["join", points, Self.townships, "-", "--format", "csv", "--attributes", "--left-crs", "EPSG:4528"])
        #expect(piped.status == 0, "\(piped.errors)")
        #expect(piped.errors.contains("standard output"))
        let file = try CommandLine.run(["join", "-q", points, Self.townships, folder.file("joined.csv"), "--attributes", "--left-crs", "EPSG:4528", "--no-bom"])
        #expect(file.status == 0, "\(file.errors)")
        #expect(piped.output == String(decoding: FileManager.default.contents(atPath: folder.file("joined.csv")) ?? Data(), as: UTF8.self))
        let noFormat = try CommandLine.run(["join", points, Self.townships, "-", "--attributes"])
        #expect(noFormat.status != 0 && noFormat.errors.contains("--format geojson or --format csv"))
        let geojson = try CommandLine.run(["query", Self.townships, "-", "--format", "geojson", "--where", "KIND IN ('镇', '乡')"])
        #expect(geojson.status == 0, "\(geojson.errors)")
        #expect(geojson.output.hasPrefix("{") && geojson.output.contains("东湖镇") && geojson.output.contains("西山乡") && !geojson.output.contains("城关街道"))
        #expect(geojson.errors.contains("2 features match: standard output"))
    }
}
