import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningTestSupport

/// The embedded sample, classified by the rules, against the classes its generator designed
/// (Shapefiles/truth.csv). The generator tags each parcel with the settlement it drew; the
/// classifier knows nothing of that and finds regions by the 100 m gap — two methods that
/// must agree on all 120 units.
@Suite struct SampleClassificationTests {
    static let folder = checkoutRoot + "/Shapefiles"

    @Test func reproducesTheDesignedTruth() throws {
        let inputs = try SurveyLayers.load(
            landUse: LayerFile.open(Self.folder + "/DLTB.shp"), villages: LayerFile.open(Self.folder + "/villages.shp"),
            seats: LayerFile.open(Self.folder + "/seats.shp"))
        #expect(inputs.parcels.count == 20_280 && inputs.units.count == 120 && inputs.seats.count == 9)
        let builtUp = try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, crs: inputs.crs, outlines: false)
        let classes = try Classifier.classify(units: inputs.units, parcels: inputs.parcels, builtUp: builtUp, seats: inputs.seats)
        let truth = Dictionary(uniqueKeysWithValues: try TruthFile.rows(Self.folder + "/truth.csv").map { ($0["XZQDM"] ?? "", $0) })
        for unit in classes {
            let designed = truth[unit.code]?["designed_class"]
            #expect(unit.derivedClass == designed, "\(unit.code) \(unit.name): \(unit.reason)")
            if let s = truth[unit.code]?["share"].flatMap(Double.init), unit.connectedSeat != nil {
                #expect(abs(unit.share - s) < 1e-4, "\(unit.code)")
            }
        }
        // The city region holds the city seat and the three 街道 seats; the industrial zone's
        // region has seeds but no seat.
        let city = try #require(builtUp.regions.first)
        #expect(city.principalSeat?.code == "370299" && city.seats.count == 4)
        #expect(builtUp.regions.contains { $0.rank == nil && $0.hasSeed })
    }
}

/// Reads a CSV with a header as rows of named cells (no quoted commas in truth.csv).
enum TruthFile {
    static func rows(_ path: String) throws -> [[String: String]] {
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        let lines = text.split(separator: "\n").map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF}\r")) }
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [] }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init))) }
    }
}
