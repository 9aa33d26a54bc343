import Testing
import ZoningLayers
import ZoningSupport

@Suite struct FeatureFilterTests {
    let schema = Schema([Field(name: "DLBM", type: .string), Field(name: "POP", type: .integer)])

    func feature(_ code: String, _ pop: Int64?) -> Feature {
        Feature(id: 0, geometry: nil, attributes: [.string(code), pop.map(AttributeValue.integer) ?? .null])
    }

    @Test func comparisons() throws {
        let housing = try FeatureFilter("DLBM^=07").bind(to: schema)
        #expect(housing(feature("0701", 1)) && housing(feature("0702", 1)) && !housing(feature("0601", 1)))
        let notRural = try FeatureFilter("dlbm!=0702").bind(to: schema)  // field names ignore case
        #expect(notRural(feature("0701", 1)) && !notRural(feature("0702", 1)))
        let exact = try FeatureFilter("POP=3500").bind(to: schema)
        #expect(exact(feature("x", 3500)) && !exact(feature("x", 350)) && !exact(feature("x", nil)))
        let empty = try FeatureFilter("POP=").bind(to: schema)  // null reads as ""
        #expect(empty(feature("x", nil)))
    }

    @Test func firstOperatorSplits() throws {
        let filter = try FeatureFilter("NOTE=a!=b")
        #expect(filter.field == "NOTE" && filter.comparison == .equal && filter.value == "a!=b")
    }

    @Test func badFiltersAreExplained() {
        #expect(throws: LayerError.self) { try FeatureFilter("DLBM") }
        #expect(throws: LayerError.self) { try FeatureFilter("=0701") }
        #expect {
            try FeatureFilter("NOPE=1").bind(to: schema)
        } throws: { error in
            guard case .badFilter(_, let problem) = error as? LayerError else { return false }
            return problem.contains("DLBM, POP")
        }
    }
}
