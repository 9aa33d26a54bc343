import Foundation
import Testing
import ZoningSupport

@Suite struct BlanksTests {
    @Test func examples() {
        #expect(" 120.5\t".trimmingBlanks() == "120.5")
        #expect("\u{3000}济南\u{3000}".trimmingBlanks() == "济南")
        #expect("a\n".trimmingBlanks() == "a\n")
        #expect(" \t ".trimmingBlanks() == "")
        #expect("".trimmingBlanks() == "")
        #expect("1,5"[...].trimmingBlanks() == "1,5")
    }

    /// Foundation's `trimmingCharacters(in: .whitespaces)` is the reference: the same answer
    /// for texts mixing blanks, line breaks, letters, combining marks and CJK, at every length
    /// up to 8 (a fixed pseudo-random sample, so a failure repeats).
    @Test func agreesWithFoundation() {
        let alphabet: [String] = [" ", "\t", "\u{00A0}", "\u{3000}", "\u{2009}", "\u{200B}", "\n", "\r", "a", "0", "\u{0301}", "济", "\u{FEFF}", "\0"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33)
        }
        for _ in 0..<20_000 {
            let text = (0..<(next() % 9)).map { _ in alphabet[next() % alphabet.count] }.joined()
            #expect(text.trimmingBlanks() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
    }
}
