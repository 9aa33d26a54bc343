import Foundation
import Testing
@testable import ZoningProject
import ZoningTestSupport

@Suite struct ManifestTests {
    /// FIPS 180-2's example: SHA-256("abc"), and of the empty file.
    @Test func sha256KnownAnswers() throws {
        let folder = try TemporaryFolder()
        try Data("abc".utf8).write(to: URL(fileURLWithPath: folder.file("abc")))
        try Data().write(to: URL(fileURLWithPath: folder.file("empty")))
        #expect(try Manifest.sha256(of: folder.file("abc")) == (3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
        #expect(try Manifest.sha256(of: folder.file("empty")).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(throws: RunError.cannotRead(path: folder.file("none"), problem: nil)) { try Manifest.sha256(of: folder.file("none")) }
    }

    @Test func relativePaths() {
        #expect(Manifest.relative("/a/b/c.shp", to: "/a/b") == "c.shp")
        #expect(Manifest.relative("/a/x/c.shp", to: "/a/b") == "../x/c.shp")
        #expect(Manifest.relative("/data/c.shp", to: "/home/u/p") == "../../../data/c.shp")
    }

    @Test func parametersRecordDefaults() throws {
        let project = try Project(contentsOf: SampleRun.project)
        let parameters = Manifest.parameters(project)
        #expect(parameters["builtup"]?["gap_m"] == .number(100))
        #expect(parameters["classification"]?["special_population"] == .integer(3000))
        #expect(parameters["fields"]?["land_use"]?["area"] == .string("TBMJ"))
        #expect(parameters["coverage"]?["include_0702"] == .bool(true))
    }
}
