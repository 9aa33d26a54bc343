import ZoningSupport

/// Which text encoding a shapefile's attributes are read in, and how that was decided — so
/// that it is always reported, never guessed silently.
///
/// The order is: the user's option, then the .cpg file, then the DBF language-driver byte,
/// then detection on the text itself (which recognises GBK, the usual encoding of Chinese
/// shapefiles without a .cpg).
public struct EncodingDecision: Sendable, Equatable, CustomStringConvertible {
    public enum Source: Sendable, Equatable {
        /// Given by the user (`--encoding`).
        case option
        /// Read from the .cpg file, whose text is kept.
        case codePageFile(String)
        /// Named by the DBF header's language-driver byte.
        case languageDriver(UInt8)
        /// Found by looking at the text; the reason says which test decided. `notes` say why
        /// the .cpg or language driver did not decide.
        case detected(reason: String, notes: [String])
    }

    public var encoding: TextEncoding
    public var source: Source

    public init(encoding: TextEncoding, source: Source) {
        self.encoding = encoding
        self.source = source
    }

    /// E.g. `GBK (detected: the text is not UTF-8 but is valid GBK; no .cpg file; language
    /// driver 0x57 does not name a code page)`.
    public var description: String {
        switch source {
        case .option: return "\(encoding) (given by --encoding)"
        case .codePageFile(let text): return "\(encoding) (from the .cpg file: \"\(text)\")"
        case .languageDriver(let byte): return "\(encoding) (from the DBF language driver 0x\(hex(byte)))"
        case let .detected(reason, notes):
            return "\(encoding) (detected: \(([reason] + notes).joined(separator: "; ")))"
        }
    }

    private func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}
