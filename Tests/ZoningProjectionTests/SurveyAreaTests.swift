import Foundation
import Testing
import ZoningGeometry
import ZoningProjection
import ZoningTestSupport

@Suite struct SurveyAreaTests {
    /// The series integrates exactly along parallels and meridians, so an undensified
    /// 1° × 1° cell gives the closed-form zone area.
    @Test func oneDegreeCellMatchesClosedForm() throws {
        let cell = try Geometry(wkt: "POLYGON((117 35, 118 35, 118 36, 117 36, 117 35))")
        let expected = Reference.cellArea(south: 35, north: 36, degreesWide: 1)
        #expect(abs(try SurveyArea().area(ofLonLat: cell) / expected - 1) < 1e-12)
    }

    @Test func orientationAndHoles() throws {
        let clockwise = try Geometry(wkt: "POLYGON((117 35, 117 35.1, 117.1 35.1, 117.1 35, 117 35), (117.02 35.02, 117.05 35.02, 117.05 35.05, 117.02 35.05, 117.02 35.02))")
        let expected = Reference.cellArea(south: 35, north: 35.1, degreesWide: 0.1)
            - Reference.cellArea(south: 35.02, north: 35.05, degreesWide: 0.03)
        #expect(abs(try SurveyArea().area(ofLonLat: clockwise) / expected - 1) < 1e-12)
    }

    /// A hectare-sized parcel in zone 40, as TBMJ is computed: agrees with the geodesic area to
    /// a hundredth of a square metre.
    @Test func parcelAgreesWithGeodesic() throws {
        let zone40 = try CoordinateReferenceSystem("EPSG:4528")
        let parcel = try Geometry(wkt: "POLYGON((40512000 3990000, 40512130 3990010, 40512120 3990095, 40511995 3990080, 40512000 3990000))")
        let survey = try SurveyArea().area(of: parcel, in: zone40)
        let geodesic = try Geodesic().area(of: parcel, in: zone40)
        #expect((10_000...11_000).contains(survey))
        #expect(abs(survey - geodesic) < 0.01)
    }

    /// Over the 136 Shandong counties the survey method and the geodesic area agree to better
    /// than 0.001% in total, and per county once edges are densified to ~100 m (on long edges
    /// the two methods draw the edge differently: a geodesic versus a straight line in B, L).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipReason))
    func countiesAgreeWithGeodesic() throws {
        var survey = 0.0, geodesic = 0.0
        for county in try ShandongCounties.load() {
            survey += try SurveyArea().area(ofLonLat: county)
            geodesic += try Geodesic().area(ofLonLat: county)
            let fine = try county.densified(maxSegmentLength: 0.001)
            let s = try SurveyArea().area(ofLonLat: fine), g = try Geodesic().area(ofLonLat: fine)
            #expect(abs(s / g - 1) < 1e-5, "county at \(county.bounds!)")
        }
        #expect(abs(survey / geodesic - 1) < 1e-5)
    }
}
