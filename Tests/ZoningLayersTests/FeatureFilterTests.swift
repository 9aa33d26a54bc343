import Testing
import ZoningLayers
import ZoningSupport

@Suite struct FeatureFilterTests {
    let schema = Schema([Field(name: "DLBM", type: .string), Field(name: "POP", type: .integer), Field(name: "名称", type: .string)])

    func feature(_ code: String, _ pop: Int64?, _ name: String = "城关村") -> Feature {
        Feature(id: 0, geometry: nil, attributes: [.string(code), pop.map(AttributeValue.integer) ?? .null, .string(name)])
    }

    /// The codes among `codes` (with POP 100 × their position, null for the last) the condition keeps.
    func kept(_ condition: String, _ codes: [String] = ["0701", "0702", "0601", "1004", "05H1"]) throws -> [String] {
        let keep = try FeatureFilter(condition).bind(to: schema)
        return codes.enumerated().filter { index, code in keep(feature(code, index == codes.count - 1 ? nil : Int64(100 * index))) }.map(\.element)
    }

    @Test func comparisonsAndLogic() throws {
        #expect(try kept("DLBM = '0701' OR DLBM = '1004'") == ["0701", "1004"])
        #expect(try kept("DLBM ^= '07'") == ["0701", "0702"])
        #expect(try kept("DLBM^=07") == ["0701", "0702"])  // the old form still reads
        #expect(try kept("dlbm != 0702 and not DLBM in ('0601', '05H1')") == ["0701", "1004"])  // keywords and fields ignore case
        #expect(try kept("POP >= 100 AND POP < 300") == ["0702", "0601"])
        #expect(try kept("POP IS NULL") == ["05H1"])
        #expect(try kept("POP IS NOT NULL AND (DLBM LIKE '07%' OR DLBM LIKE '_6_1')") == ["0701", "0702", "0601"])
        // A null is unknown: neither equal nor unequal.
        #expect(try kept("POP = 400") == [] && kept("POP != 400") == ["0701", "0702", "0601", "1004"])
        // DLBM is text: 0701 compares as the text 0701, not the number 701.
        #expect(try kept("DLBM = 0701") == ["0701"] && kept("DLBM = 701") == [])
    }

    @Test func chineseNamesAndValues() throws {
        let keep = try FeatureFilter("\"名称\" LIKE '%村' AND 名称 != 城关村").bind(to: schema)
        #expect(keep(feature("0701", 1, "王家村")) && !keep(feature("0701", 1, "城关村")) && !keep(feature("0701", 1, "东城街道")))
        // A value on the left names no field.
        #expect(throws: LayerError.self) { try FeatureFilter("DLBM2 = DLBM").bind(to: schema) }
    }

    @Test func errorsSayWhereAndWhat() {
        func problem(_ condition: String) -> String? {
            do { _ = try FeatureFilter(condition).bind(to: schema); return nil } catch { return "\(error)" }
        }
        #expect(problem("DLBM = '0701' AND")?.contains("column 18: expected a field, a value or \"(\"") == true)
        #expect(problem("DLBM = '0701")?.contains("column 8: the quote ' is not closed") == true)
        #expect(problem("(DLBM = 1")?.contains("column 10: expected \")\"") == true)
        #expect(problem("DLBM IN ('a' 'b')")?.contains("column 14: expected \",\" or \")\"") == true)
        #expect(problem("DLBM")?.contains("column 5: expected =, !=, <, <=, >, >=, ^=, IN, LIKE or IS") == true)
        #expect(problem("")?.contains("the condition is empty") == true)
        #expect(problem("NOPE = 1")?.contains("column 1: there is no field NOPE; the fields are DLBM, POP, 名称") == true)
    }
}
