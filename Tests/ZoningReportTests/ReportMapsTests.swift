import Foundation
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

    /// On the sample, each village's uncovered land is the sum of its gap parcels (they do not
    /// overlap), and its outline as long as the boundary of their union.
    @Test func uncoveredLandPerVillageSumsItsParcels() throws {
        let run = try SampleRun.get().result.report
        let coverage = try #require(run.coverage)
        let villages = try ReportMaps.uncoveredByVillage(run, coverage, .elderly)
        #expect(villages.count > 10)
        for village in villages {
            let parcels = coverage.gaps.filter { $0.type == .elderly && run.parcels[$0.parcel].unitCode == village.code }
            let planar = parcels.reduce(0) { $0 + run.parcels[$1.parcel].geometry.area }
            #expect(village.parcels == parcels.count)
            #expect(abs(village.land.area - planar) < 1e-6 * planar, "\(village.code)")
            let union = try Geometry.unionAll(parcels.map { run.parcels[$0.parcel].geometry })
            // The loops are the union's boundary: the same length (the shared edges left out).
            let perimeter = village.land.loops.reduce(0.0) { total, loop in
                total + zip(loop, loop.dropFirst()).reduce(0.0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
            }
            #expect(abs(perimeter - union.length) < 1e-6 * union.length, "\(village.code)")
        }
    }
}
