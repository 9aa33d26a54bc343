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
