import Foundation
import Testing
import ZoningSupport

/// FixedDecimal writes what `String(format: "%.Nf")` writes — the C library is the second
/// method every case is checked against, including ties, negative zeros and huge values.
@Suite struct FixedDecimalTests {
    @Test func knownCases() {
        #expect(FixedDecimal.text(1234.5678, decimals: 2) == "1234.57")
        #expect(FixedDecimal.text(0.05, decimals: 1) == "0.1")   // 0.05 is a little above .05 in binary
        #expect(FixedDecimal.text(0.25, decimals: 1) == "0.2")   // an exact tie: to even
        #expect(FixedDecimal.text(0.35, decimals: 1) == "0.3")   // 0.35 is a little below in binary
        #expect(FixedDecimal.text(-0.04, decimals: 1) == "-0.0")
        #expect(FixedDecimal.text(-0.0, decimals: 2) == "-0.00")
        #expect(FixedDecimal.text(7, decimals: 0) == "7")
        #expect(FixedDecimal.text(0.001, decimals: 4) == "0.0010")
        #expect(FixedDecimal.text(-12.5, decimals: 0) == "-12")
    }

    @Test func agreesWithTheCLibrary() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -2.5, 1e15, 1e16, -1e20, 123456789.125, .infinity, -.infinity, .nan,
                                Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]
        for _ in 0..<20_000 {
            values.append(Double.random(in: -1000...1000, using: &generator))
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 1000)  // near ties in decimal
            values.append(Double(Int.random(in: -1_000...1_000, using: &generator)) / 8)        // exact binary ties
            values.append(Double.random(in: -1e13...1e13, using: &generator))
        }
        var disagreements: [String] = []
        for value in values {
            for decimals in 0...6 {
                let expected = String(format: "%.\(decimals)f", value)
                let written = FixedDecimal.text(value, decimals: decimals)
                if written != expected { disagreements.append("\(value) %.\(decimals)f: \(written), not \(expected)") }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
