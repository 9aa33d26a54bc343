import Foundation
import Testing
import ZoningTestSupport

@Suite struct MapCommandTests {
    @Test func drawsALayer() throws {
        let folder = try TemporaryFolder()
        let result = try CommandLine.run(["map", checkoutRoot + "/Tests/Fixtures/townships.shp", "--by", "KIND", "--out", folder.file("m.svg")])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == "Drew 4 features of townships by KIND: \(folder.file("m.svg"))\n")
        let svg = String(decoding: FileManager.default.contents(atPath: folder.file("m.svg")) ?? Data(), as: UTF8.self)
        #expect(svg.hasPrefix("<svg ") && svg.contains("开发区"))
        let missing = try CommandLine.run(["map", checkoutRoot + "/Tests/Fixtures/townships.shp", "--by", "NOPE", "--out", folder.file("n.svg")])
        #expect(missing.status == 1 && missing.errors.contains("its fields are XZQDM, XZQMC, KIND"))
    }
}

@Suite struct MapCommandFormatTests {
    /// Only SVG is written; a .png is refused instead of holding SVG text.
    @Test func refusesWhatItCannotWrite() throws {
        let folder = try TemporaryFolder()
        let png = try CommandLine.run(["map", checkoutRoot + "/Tests/Fixtures/townships.shp", "--by", "KIND", "--out", folder.file("m.png")])
        #expect(png.status != 0 && png.errors.contains("give --out a .svg file"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("m.png")))
    }

    /// The fixture's townships are 5 km squares. Reprojected to EPSG:4490 (degrees), a square is
    /// drawn square again: a degree of longitude is cos(36.3°) of a degree of latitude.
    @Test func degreesAreDrawnWithTheirAspect() throws {
        let folder = try TemporaryFolder()
        #expect(try CommandLine.run(["convert", "-q", checkoutRoot + "/Tests/Fixtures/townships.shp", folder.file("t.geojson"), "--dst-crs", "EPSG:4490"]).status == 0)
        #expect(try CommandLine.run(["map", "-q", folder.file("t.geojson"), "--by", "KIND", "--out", folder.file("t.svg")]).status == 0)
        let svg = String(decoding: FileManager.default.contents(atPath: folder.file("t.svg")) ?? Data(), as: UTF8.self)
        // The first feature's path: its x and y ranges in pixels.
        let path = try #require(svg.range(of: #"d="M[^"]*""#, options: .regularExpression).map { String(svg[$0].dropFirst(3).dropLast()) })
        let numbers = path.split(whereSeparator: { " MLZ".contains($0) }).compactMap { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }, ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let ratio = (xs.max()! - xs.min()!) / (ys.max()! - ys.min()!)
        #expect(abs(ratio - 1) < 0.02, "width/height \(ratio)")
    }
}
