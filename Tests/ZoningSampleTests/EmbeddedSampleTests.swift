import Foundation
import Testing
import ZoningLayers
import ZoningSample
import ZoningTestSupport

/// The county committed in Shapefiles/ is exactly what `zoning sample` writes with its
/// defaults (seed 1, 20 000 parcels): generator and data cannot drift apart.
@Suite struct EmbeddedSampleTests {
    static let folder = checkoutRoot + "/Shapefiles"

    @Test func committedFilesAreTheGeneratorsOutput() throws {
        let fresh = try TemporaryFolder()
        try SampleWriter.write(try SampleCounty.generate(seed: 1, parcels: 20_000), to: fresh.path)
        let committed = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0 != "README.md" }.sorted()
        #expect(committed == fresh.contents)
        for name in fresh.contents {
            #expect(FileManager.default.contents(atPath: fresh.file(name)) == FileManager.default.contents(atPath: "\(Self.folder)/\(name)"),
                    "Shapefiles/\(name) differs from `zoning sample --out Shapefiles --overwrite`: regenerate and commit it")
        }
    }

    /// The designed truth covers every class and the four deliberate miscodes.
    @Test func truthHasEveryClass() throws {
        let truth = try CSVRows.read(Self.folder + "/truth.csv")
        #expect(truth.count == 120)
        #expect(Set(truth.map { $0["designed_class"] ?? "" }) == ["111", "112", "121", "122", "123", "210", "220"])
        #expect(truth.filter { $0["miscoded"] == "true" }.count == 4)
        #expect(truth.filter { $0["designed_class"] != $0["official_class"] }.count == 4)
    }
}
