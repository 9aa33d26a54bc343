import Testing
@testable import ZoningProject

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
}
