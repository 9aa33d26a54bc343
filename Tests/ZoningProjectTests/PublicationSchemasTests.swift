import Foundation
import Testing
import ZoningProject
import ZoningTestSupport

@Suite struct PublicationSchemasTests {
    /// The first 8 hex digits of coreutils' SHA-256 of `text`.
    func hash(_ text: String) throws -> String {
        let folder = try TemporaryFolder()
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file("slug")))
        return String(try ExternalTool.sha256sum.run([folder.file("slug")]).prefix(8))
    }

    /// Names that fit keep their slug, as before (the sample's schemas do not change).
    @Test func shortNamesKeepTheirSlug() throws {
        let sample = try PublicationSchemas(projectName: "样例市 (sample county)")
        #expect(sample.prefix == "样例市_sample_county" && !sample.shortened)
        #expect(sample.run(at: Date(timeIntervalSince1970: 1_740_000_000)) == "样例市_sample_county_20250219_212000")
        #expect(sample.latest == "样例市_sample_county_latest")
        // 15 Chinese characters: 45 bytes, and the run schema 61: kept.
        let fifteen = String(repeating: "城", count: 15)
        #expect(try PublicationSchemas(projectName: fifteen).prefix == fifteen)
    }

    /// From 16 Chinese characters (a run schema of 64 bytes) the prefix is 12 characters and a
    /// hash of the whole slug: within 63 bytes, the same each time, different for names that
    /// only begin alike.
    @Test(arguments: [16, 20, 30, 100])
    func longNamesAreCutAndHashed(characters: Int) throws {
        let name = String(repeating: "城", count: characters - 1) + "乡"
        let schemas = try PublicationSchemas(projectName: name)
        #expect(schemas.shortened)
        #expect(schemas.prefix == String(repeating: "城", count: 12) + "_" + (try hash(name)))
        #expect(schemas.run(at: Date()).utf8.count <= 63 && schemas.latest.utf8.count <= 63)
        #expect(try PublicationSchemas(projectName: name) == schemas)
        let other = try PublicationSchemas(projectName: String(repeating: "城", count: characters))
        #expect(other.prefix != schemas.prefix && other.prefix.hasPrefix(String(repeating: "城", count: 12)))
    }
}
