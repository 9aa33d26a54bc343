import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningProjection
import ZoningTestSupport

/// The reader on small layers written in the test (GeoJSON in EPSG:4549), with answers stated
/// by hand: two 100 m parcels in unit 370881001001, one unit polygon around them.
@Suite struct InputReaderTests {
    let folder: TemporaryFolder

    init() throws {
        folder = try TemporaryFolder()
    }

    static let crs = #"{"type": "name", "properties": {"name": "EPSG:4549"}}"#

    func layer(_ name: String, _ features: [String]) throws -> FeatureSource {
        let text = #"{"type": "FeatureCollection", "crs": \#(Self.crs), "features": [\#(features.joined(separator: ","))]}"#
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file(name)))
        return try LayerFile.open(folder.file(name))
    }

    static func square(_ x: Double, _ y: Double, _ size: Double) -> String {
        #"{"type": "Polygon", "coordinates": [[[\#(x), \#(y)], [\#(x + size), \#(y)], [\#(x + size), \#(y + size)], [\#(x), \#(y + size)], [\#(x), \#(y)]]]}"#
    }

    func landUse() throws -> FeatureSource {
        try layer("dltb.geojson", [
            #"{"type": "Feature", "geometry": \#(Self.square(500_000, 4_000_000, 100)), "properties": {"DLBM": "0701", "CZCSXM": "202", "ZLDWDM": "3708810010010000000", "TBMJ": 10000}}"#,
            #"{"type": "Feature", "geometry": \#(Self.square(500_100, 4_000_000, 100)), "properties": {"DLBM": "0103", "CZCSXM": null, "ZLDWDM": "3708810010010000000", "TBMJ": 10000}}"#,
        ])
    }

    func villages(population: String) throws -> FeatureSource {
        try layer("villages.geojson", [
            #"{"type": "Feature", "geometry": \#(Self.square(500_000, 4_000_000, 200)), "properties": {"XZQDM": "370881001001", "XZQMC": "甲村", "POP": \#(population)}}"#,
        ])
    }

    @Test func readsCodesAndReconciles() throws {
        let inputs = try InputReader().read([.landUse: landUse(), .villages: villages(population: "1200")])
        #expect(inputs.parcels.map(\.unitCode) == ["370881001001", "370881001001"] && inputs.units.first?.population == 1200)
        #expect(inputs.checks.checks.contains { $0.id == "code-normalised" && $0.field == "ZLDWDM" && $0.message.hasPrefix("2 codes") })
        let across = try Reconciliation.check(inputs)
        let match = try #require(across.first { $0.id == "parcels-unit-match" })
        #expect(match.severity == .note && match.message.hasPrefix("2 of 2 parcels (100.0% of the land) match a unit by code; 2 (100.0%)"))
        // 2 ha of parcels in a 4 ha unit: the areas differ by half.
        #expect(across.contains { $0.id == "unit-area-mismatch" && $0.severity == .warning })
    }

    /// Codes in several forms, interleaved and repeated, are counted per form over the whole
    /// layer (a run of one value is counted once it ends), each form with its first example;
    /// 3-digit land-use codes are counted as padded wherever they come.
    @Test func codeFormsAreCountedAcrossRuns() throws {
        let codes = [#""3708810010010000000""#, #""3708810010010000000""#, #""370881001001""#, "370881001001.0",
                     #""3708810010010000000""#, #""3708810010010000000""#, "370881001001.0", #""370881001001""#]
        let uses = ["\"0701\"", "701", "701", "\"0103\"", "701", "\"0701\"", "\"0103\"", "701"]
        let parcels = try layer("mixed.geojson", codes.indices.map { i in
            #"{"type": "Feature", "geometry": \#(Self.square(500_000 + 20 * Double(i), 4_000_000, 20)), "properties": {"DLBM": \#(uses[i]), "CZCSXM": "202", "ZLDWDM": \#(codes[i]), "TBMJ": 400}}"#
        })
        let inputs = try InputReader().read([.landUse: parcels, .villages: villages(population: "1200")])
        #expect(inputs.parcels.allSatisfy { $0.unitCode == "370881001001" })
        #expect(inputs.parcels.map(\.landUse) == ["0701", "0701", "0701", "0103", "0701", "0701", "0103", "0701"])
        let notes = inputs.checks.checks.filter { $0.id == "code-normalised" && $0.field == "ZLDWDM" }.map(\.message)
        #expect(notes.contains { $0.hasPrefix("4 codes are written as a survey code") }, "\(notes)")
        #expect(notes.contains { $0.hasPrefix("2 codes are written as a number") }, "\(notes)")
        let padded = try #require(inputs.checks.checks.first { $0.id == "land-use-code-padded" })
        #expect(padded.message.hasPrefix("4 land-use codes have 3 digits") && padded.fix?.contains("701 → 0701") == true)
    }

    /// The reader asks a source able to skip columns for the role columns alone while it
    /// reads (DLBM, CZCSXM, ZLDWDM, TBMJ of the land use: 0–3 of its five), and for every
    /// column again afterwards; the figures are those of reading everything.
    @Test func onlyTheRoleColumnsAreDecoded() throws {
        final class Selecting: ColumnSelectingSource {
            let inner: FeatureSource
            var selectedColumns: Set<Int>?
            var seen: [Set<Int>?] = []
            init(_ inner: FeatureSource) { self.inner = inner }
            var name: String { inner.name }
            var schema: Schema { inner.schema }
            var crs: CoordinateReferenceSystem? { inner.crs }
            var files: [String] { inner.files }
            func forEach(_ body: (Feature) throws -> Void) throws {
                seen.append(selectedColumns)
                try inner.forEach { feature in
                    var kept = feature
                    for column in kept.attributes.indices where selectedColumns?.contains(column) == false { kept.attributes[column] = .null }
                    try body(kept)
                }
            }
        }
        let parcels = try layer("wide.geojson", [
            #"{"type": "Feature", "geometry": \#(Self.square(500_000, 4_000_000, 100)), "properties": {"DLBM": "0701", "CZCSXM": "202", "ZLDWDM": "3708810010010000000", "TBMJ": 10000, "NOTE": "x"}}"#,
        ])
        let selecting = Selecting(parcels)
        let inputs = try InputReader().read([.landUse: selecting, .villages: villages(population: "1200")])
        #expect(selecting.seen == [[0, 1, 2, 3]] && selecting.selectedColumns == nil)
        #expect(inputs.parcels.map(\.landUse) == ["0701"] && inputs.parcels.map(\.unitCode) == ["370881001001"])
    }

    /// Populations a DBF or JSON can hold but no unit has (1e20, negative) stop the run by record
    /// rather than trapping in a conversion.
    @Test(arguments: ["1e20", "-5", "\"many\""]) func unreadablePopulations(_ value: String) throws {
        #expect {
            try InputReader().read([.landUse: landUse(), .villages: villages(population: value)])
        } throws: { error in
            (error as? InputChecksFailed)?.checks.errors.contains { $0.id == "population-unreadable" && $0.examples.first?.hasPrefix("record 0") == true } == true
        }
    }

    /// The same for population points and cells (1e19 residents would trap when written as a
    /// whole number), and a township population of 1e20 is not compared at all.
    @Test(arguments: ["1e19", "-1", "1e400"]) func unreadableResidents(_ value: String) throws {
        let points = try layer("grid.geojson", [
            #"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [500050, 4000050]}, "properties": {"POP": 10}}"#,
            #"{"type": "Feature", "geometry": {"type": "Point", "coordinates": [500150, 4000050]}, "properties": {"POP": \#(value)}}"#,
        ])
        #expect {
            try InputReader().read([.landUse: landUse(), .villages: villages(population: "20"), .population: points])
        } throws: { error in
            (error as? InputChecksFailed)?.checks.errors.contains { $0.id == "population-unreadable" && $0.examples.first?.hasPrefix("record 1") == true } == true
        }
        let townships = try layer("towns.geojson", [
            #"{"type": "Feature", "geometry": \#(Self.square(499_000, 3_999_000, 2000)), "properties": {"XZQDM": "370881001", "POP": 1e20}}"#,
        ])
        let inputs = try InputReader().read([.landUse: landUse(), .villages: villages(population: "20"), .townships: townships])
        #expect(inputs.townshipPopulation.isEmpty)
        #expect(!(try Reconciliation.check(inputs)).contains { $0.id == "population-totals" })
    }

    @Test func namedFieldsMustExist() throws {
        var reader = InputReader()
        reader.fields[.officialClass] = "CXFLDX"
        #expect {
            try reader.read([.landUse: landUse(), .villages: villages(population: "1")])
        } throws: { error in
            let check = (error as? InputChecksFailed)?.checks.errors.first
            return check?.id == "field-missing" && check?.field == "CXFLDX" && check?.fix == "name the right one with layers.villages.fields.official_class: NAME"
        }
    }
}
