extension StringProtocol {
    /// The text without the spaces and tabs at either end: the characters Foundation's
    /// `CharacterSet.whitespaces` holds on Linux (tab, every Unicode space separator, U+3000
    /// and U+00A0 included, and the zero-width space U+200B), not line breaks.
    ///
    /// ```swift
    /// " 120.5\t".trimmingBlanks()        // "120.5"
    /// "\u{3000}济南\u{3000}".trimmingBlanks()  // "济南"
    /// "a\n".trimmingBlanks()             // "a\n"
    /// ```
    ///
    /// The same result as `trimmingCharacters(in: .whitespaces)`, which on Linux copies the text
    /// into an `NSString` first; reading a CSV file trims every cell, and that copy was a
    /// quarter of the reading.
    public func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, Self.isBlank(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard Self.isBlank(scalars[last]) else { break }
            end = last
        }
        if start == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar.properties.generalCategory == .spaceSeparator || scalar == "\u{200B}"
    }
}
