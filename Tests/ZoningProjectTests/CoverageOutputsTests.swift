import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
@testable import ZoningProject
import ZoningSampleRun
import ZoningSupport

/// gaps.shp holds each uncovered residential parcel once, with every type that leaves it
/// uncovered: checked against the coverage result the sample's run computed (one gap per
/// parcel and type), not against the writer's own grouping.
@Suite struct CoverageOutputsTests {
    @Test func gapsHoldEachParcelOnceWithItsTypes() throws {
        let run = try SampleRun.get()
        let report = run.result.report
        let coverage = try #require(report.coverage)
        let layer = try LayerFile.open(run.folder + "/gaps.shp")
        let names = layer.schema.names
        #expect(Array(names.prefix(4)) == ["TYPES", "REGION", "VILLAGE", "POP"])
        // The result's gaps, keyed by the parcel's geometry (WKT) and type.
        var expected: [String: [FacilityType: CoverageGap]] = [:]
        for gap in coverage.gaps { expected[try report.parcels[gap.parcel].geometry.wkt(), default: [:]][gap.type] = gap }
        var features = 0
        try layer.forEach { feature in
            features += 1
            let wkt = try #require(feature.geometry).wkt()
            let gaps = try #require(expected[wkt], "a gap parcel the result does not list")
            let types = feature.attributes[0].description.split(separator: ",").compactMap { FacilityType(rawValue: String($0)) }
            #expect(types == gaps.keys.sorted())
            let any = try #require(gaps.values.first)
            #expect(feature.attributes[3].doubleValue == any.population.rounded())
            for type in FacilityType.allCases {
                let code = type.columnCode
                guard let column = names.firstIndex(of: code + "_NEAR") else { continue }
                #expect(feature.attributes[column].doubleValue == gaps[type]?.nearestMetres?.rounded(), "\(type)")
            }
        }
        #expect(features == expected.count)
        #expect(features < coverage.gaps.count)  // on the sample most gap parcels lack several types
    }

    /// The grouping by parcel: parcels in order, each parcel's types in FacilityType order.
    @Test func gapsByParcel() {
        func gap(_ parcel: Int, _ type: FacilityType) -> CoverageGap {
            CoverageGap(parcel: parcel, type: type, region: nil, population: 1, nearestMetres: nil)
        }
        let rows = CoverageOutputs.gapsByParcel([gap(7, .primary), gap(3, .kindergarten), gap(7, .kindergarten), gap(5, .elderly)])
        #expect(rows.map(\.parcel) == [3, 5, 7])
        #expect(rows.map { $0.gaps.map(\.type) } == [[.kindergarten], [.elderly], [.kindergarten, .primary]])
    }
}
