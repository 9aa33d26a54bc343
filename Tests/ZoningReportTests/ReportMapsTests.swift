import Testing
import ZoningGeometry
import ZoningProject
@testable import ZoningReport
import ZoningSampleRun

/// The coverage maps' classes, from values whose quantiles are worked out by hand.
@Suite struct ReportMapsTests {
    @Test func quantileClasses() {
        // 8 values, 6 distinct: five classes closing at the 2nd, 4th, 5th, 7th and 8th value.
        let classes = ReportMaps.quantileClasses([0.5, 0, 0.1, 0, 0.2, 0.3, 0, 0.4])
        #expect(classes.map(\.upper) == [0, 0.1, 0.2, 0.4, 0.5])
        #expect(classes.map(\.lower) == [0, 0, 0.1, 0.2, 0.4])
        #expect(ReportMaps.quantileClasses([0.3, 0.3]).map(\.upper) == [0.3])
        #expect(ReportMaps.quantileClasses([0.1, 0.9]).map(\.upper) == [0.1, 0.9])  // two distinct values: two classes
        #expect(ReportMaps.quantileClasses([]).isEmpty)
    }

    /// Dissolving survey parcels: touching squares give their summed area in one polygon, as a
    /// general union does; overlapping ones (bad data) still give a valid shape of the union's area.
    @Test func dissolve() throws {
        func square(_ x: Double, _ y: Double, _ side: Double = 10) throws -> Geometry {
            try Geometry(wkt: "POLYGON((\(x) \(y), \(x + side) \(y), \(x + side) \(y + side), \(x) \(y + side), \(x) \(y)))")
        }
        let touching = try [square(0, 0), square(10, 0), square(0, 10), square(30, 30)]
        let dissolved = try ReportMaps.dissolve(touching)
        #expect(dissolved.isValid && abs(dissolved.area - 400) < 1e-9)
        #expect(try dissolved.symmetricDifference(try Geometry.unionAll(touching)).area < 1e-9)
        let overlapping = try [square(0, 0), square(5, 0)]
        let repaired = try ReportMaps.dissolve(overlapping)
        #expect(repaired.isValid && abs(repaired.area - 150) < 1e-9)
    }

    /// On the sample, each village's uncovered land is the sum of its gap parcels (they do not overlap).
    @Test func uncoveredLandPerVillageSumsItsParcels() throws {
        let run = try SampleRun.get().result.report
        let coverage = try #require(run.coverage)
        let villages = try ReportMaps.uncoveredByVillage(run, coverage, .elderly)
        #expect(villages.count > 10)
        for village in villages {
            let parcels = coverage.gaps.filter { $0.type == .elderly && run.parcels[$0.parcel].unitCode == village.code }
            let planar = parcels.reduce(0) { $0 + run.parcels[$1.parcel].geometry.area }
            #expect(village.parcels == parcels.count && village.land.isValid)
            #expect(abs(village.land.area - planar) < 1e-6 * planar, "\(village.code)")
        }
    }
}
