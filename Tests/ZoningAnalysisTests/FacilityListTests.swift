import Testing
import ZoningAnalysis
import ZoningGeometry

@Suite struct FacilityListTests {
    /// Two townships side by side, 0–100 m and 100–200 m: a facility inside the second, one on
    /// their shared edge (the first township in the layer's order holds it, as it counts for
    /// `facilities_inside` of both) and one outside both (no township). Positions to the centimetre.
    @Test func eachFacilityWithItsTownshipAndPosition() throws {
        func square(_ x0: Double) throws -> Geometry {
            try Geometry(wkt: "POLYGON((\(x0) 0, \(x0 + 100) 0, \(x0 + 100) 100, \(x0) 100, \(x0) 0))")
        }
        let townships = [CoverageRegion(code: "370299101", name: "甲镇", kind: "镇", geometry: try square(0)),
                         CoverageRegion(code: "370299102", name: "乙镇", kind: "镇", geometry: try square(100))]
        let facilities = [
            Facility(point: .point(x: 150.123, y: 50.456), type: .elderly, name: "养老院", title: "乙镇养老院"),
            Facility(point: .point(x: 100, y: 20), type: .clinic, name: "卫生院", title: "边界卫生院"),
            Facility(point: .point(x: 250, y: 50), type: .kindergarten, name: "幼儿园"),
        ]
        let rows = try FacilityList.rows(facilities: facilities, townships: townships)
        #expect(rows == [
            FacilityList.Row(name: "乙镇养老院", type: "elderly", township: "370299102", x: 150.12, y: 50.46),
            FacilityList.Row(name: "边界卫生院", type: "clinic", township: "370299101", x: 100, y: 20),
            FacilityList.Row(name: "", type: "kindergarten", township: nil, x: 250, y: 50),
        ])
        #expect(try FacilityList.rows(facilities: [], townships: townships).isEmpty)
    }
}
