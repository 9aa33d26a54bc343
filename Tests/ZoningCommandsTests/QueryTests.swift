import Foundation
import Testing
import ZoningTestSupport

/// The sample's four townships meet at (40500000, 4020000); the layer's east edge is x = 40505000.
@Suite struct QueryTests {
    static let sample = checkoutRoot + "/Tests/Fixtures/townships.shp"

    @Test func pointOnTheSharedCornerIsInAllFour() throws {
        let result = try CommandLine.run(["query", Self.sample, "--contains-point", "40500000,4020000"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasSuffix("4 features match\n"))
        let inside = try CommandLine.run(["query", Self.sample, "--contains-point", "40497000,4022000"])
        #expect(inside.output == "id\tXZQDM\tXZQMC\tKIND\n0\t370000001\t城关街道\t街道\n1 features match\n")
    }

    @Test func withinDistanceOfWKT() throws {
        // 50 m east of the layer: within 100 m of the two eastern townships only.
        let result = try CommandLine.run(["query", Self.sample, "--within-distance-m", "100", "--of", "POINT(40505050 4020000)"])
        #expect(result.output.contains("\t东湖镇\t") && result.output.contains("\t经济开发区\t"))
        #expect(result.output.hasSuffix("2 features match\n"))
        let short = try CommandLine.run(["query", Self.sample, "--within-distance-m", "49", "--of", "POINT(40505050 4020000)"])
        #expect(short.output.hasSuffix("0 features match\n"))
    }

    @Test func intersectsAFileAndWritesMatches() throws {
        let folder = try TemporaryFolder()
        // A line across the northern row only, in longitude/latitude, from a file. The row spans
        // y = 4 020 000–4 025 000 m, about 36.31°–36.355°N (the meridian arc to 36° is about
        // 3 986 km, and each further degree about 111 km), so 36.33°N runs through it.
        let line = #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[119.95,36.33],[120.04,36.33]]}}"#
        try Data(line.utf8).write(to: URL(fileURLWithPath: folder.file("line.geojson")))
        let result = try CommandLine.run(["query", Self.sample, folder.file("north.shp"), "--intersects", folder.file("line.geojson")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.hasPrefix("2 features match: "))
    }

    @Test func modesAndErrorsAreChecked() throws {
        let none = try CommandLine.run(["query", Self.sample])
        #expect(none.status != 0 && none.errors.contains("Give one of --intersects"))
        let badWKT = try CommandLine.run(["query", Self.sample, "--intersects", "POLYGON((0 0"])
        #expect(badWKT.status == 1 && badWKT.errors.contains("neither a layer file zoning reads nor WKT"))
        let badPoint = try CommandLine.run(["query", Self.sample, "--contains-point", "1;2"])
        #expect(badPoint.status != 0 && badPoint.errors.contains("X,Y"))
    }
}
