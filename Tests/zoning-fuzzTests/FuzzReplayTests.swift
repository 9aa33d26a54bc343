import Foundation
import Testing
import ZoningTestSupport

/// The fuzz targets run in every test run, without the fuzzer: the seeds made from the sample
/// and the third-party shapefiles, and the minimal reproducers of crashes found before, go
/// through each target (`zoning-fuzz replay`) and must all come back. The fuzzing itself is
/// Scripts/fuzz.sh.
@Suite struct FuzzReplayTests {
    /// `zoning-fuzz` beside the test bundle.
    static var executable: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("zoning-fuzz").path
    }

    static func fuzz(_ arguments: [String]) throws -> ProcessOutcome {
        try ProcessOutcome.run(executable, arguments, environment: ["ZONING_FUZZ_SAMPLE": checkoutRoot + "/Shapefiles"])
    }

    /// The seeds of each target, replayed: every one comes back.
    @Test(arguments: ["shapefile", "geojson", "csv", "wkt", "wkb", "project", "geopackage"])
    func seedsReplay(_ target: String) throws {
        let folder = try TemporaryFolder()
        var sources = [checkoutRoot + "/Shapefiles", checkoutRoot + "/Tests/Fixtures"]
        if SharedData.isAvailable { sources.append(SharedData.path("shapefiles")) }
        let seeds = try Self.fuzz(["seeds", target, folder.path] + sources)
        #expect(seeds.status == 0, "\(seeds.errors)")
        let made = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
        #expect(made >= 2, "\(seeds.errors)")
        let replay = try Self.fuzz(["replay", target, folder.path])
        #expect(replay.status == 0, "\(replay.errors)")
        #expect(replay.errors.contains("\(target): \(made) inputs replayed"), "\(replay.errors)")
    }

    /// Inputs that once crashed zoning (issue 18's audit), as fuzz inputs: each comes back.
    @Test func earlierCrashesReplay() throws {
        let folder = try TemporaryFolder()
        let inputs: [(target: String, text: String)] = [
            ("geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"a":"\ud800\u0041","n":1e19},"geometry":{"type":"Point","coordinates":[120,36]}}]}"#),
            ("geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,NaN],[1,1],[0,0]]]}}]}"#),
            // An empty position in a ring: GEOS 3.11's reader crashed on it (2 December 2026).
            ("geojson", #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[120,36.3],[],[120,36.3]]]}}]}"#),
            ("csv", "name,x,y\na,1e308,36\nb,0x1F,36\nc,\"1,5\",36\n"),
            ("wkt", "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"),
            ("wkt", "POLYGON((0 0, 1 nan, 1 1, 0 0))"),
            ("project", "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"),
        ]
        for (index, input) in inputs.enumerated() {
            let path = folder.file("input-\(index)")
            try Data(input.text.utf8).write(to: URL(fileURLWithPath: path))
            let replay = try Self.fuzz(["replay", input.target, path])
            #expect(replay.status == 0 && replay.errors.contains("1 inputs replayed"), "\(input.target) \(input.text): \(replay.errors)")
        }
    }

    @Test func unknownTargetsAreRefused() throws {
        let outcome = try Self.fuzz(["replay", "pdf", "x"])
        #expect(outcome.status == 2)
        #expect(outcome.errors.contains("TARGET is one of shapefile, geojson, csv, wkt, wkb, project, geopackage"))
    }
}
