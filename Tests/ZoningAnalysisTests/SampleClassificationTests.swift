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
        let inputs = try InputReader().read([
            .landUse: LayerFile.open(Self.folder + "/DLTB.shp"), .villages: LayerFile.open(Self.folder + "/villages.shp"),
            .seats: LayerFile.open(Self.folder + "/seats.shp")])
        #expect(inputs.parcels.count == 20_280 && inputs.units.count == 120 && inputs.seats.count == 9)
        let builtUp = try BuiltUpRegions.delineate(parcels: inputs.parcels, seats: inputs.seats, crs: inputs.crs, outlines: false)
        let classes = try Classifier.classify(units: inputs.units, parcels: inputs.parcels, builtUp: builtUp, seats: inputs.seats)
        let truth = Dictionary(uniqueKeysWithValues: try CSVRows.read(Self.folder + "/truth.csv").map { ($0["XZQDM"] ?? "", $0) })
        for unit in classes {
            let designed = truth[unit.code]?["designed_class"]
            #expect(unit.derivedClass.rawValue == designed, "\(unit.code) \(unit.name): s = \(unit.share)")
            if let s = truth[unit.code]?["share"].flatMap(Double.init), unit.connectedSeat != nil {
                #expect(abs(unit.share - s) < 1e-4, "\(unit.code)")
            }
        }
        // The city region holds the city seat and the three 街道 seats; the industrial zone's
        // region has seeds but no seat.
        let city = try #require(builtUp.regions.first)
        #expect(city.principalSeat?.code == "370299" && city.seats.count == 4)
        #expect(builtUp.regions.contains { $0.rank == nil && $0.hasSeed })

        // Each deliberately miscoded unit lands in the review list it was designed for.
        let review = ReviewLists.build(classes)
        func listed(_ list: ReviewLists.List, _ basis: ReviewLists.Basis) -> Set<String> {
            Set(review.filter { $0.list == list && $0.basis == basis }.map(\.unit.code))
        }
        let miscoded = truth.values.filter { $0["miscoded"] == "true" }
        func code(_ note: String) -> String { miscoded.first { $0["reason"]?.contains(note) == true }?["XZQDM"] ?? "?" }
        #expect(listed(.shouldCount, .comparison).contains(code("应统尽统 candidate")))
        #expect(listed(.overCount, .comparison) == [code("over-count review")])
        #expect(listed(.townSeatVillage, .official) == [code("village at a town seat")])
        #expect(listed(.townSeatVillage, .derived).isEmpty)  // by the rules every town-seat unit is urban
        #expect(listed(.highConstruction, .derived).contains { $0.hasPrefix("370299401") })  // the industrial unit without residents
        #expect(!listed(.subdistrictVillage, .derived).isEmpty)
        #expect(listed(.subdistrictVillage, .derived).allSatisfy { (1...99).contains(Int($0.dropFirst(6).prefix(3)) ?? 0) })

        // Urbanization: urban population is the population of 1xx units, by hand from truth.csv.
        let county = try #require(Urbanization.figures(for: classes, level: .county)["370299"])
        let urban = truth.values.filter { $0["designed_class"]?.hasPrefix("1") == true }.reduce(0) { $0 + (Int($1["POP"] ?? "") ?? 0) }
        let total = truth.values.reduce(0) { $0 + (Int($1["POP"] ?? "") ?? 0) }
        #expect(county.urbanPopulation == urban && county.totalPopulation == total)
        #expect(county.derivedCounts.values.reduce(0, +) == 120)
        let townships = Urbanization.figures(for: classes, level: .township)
        #expect(townships.count == 9 && townships.values.reduce(0) { $0 + $1.urbanPopulation } == urban)
    }
}
