/// One column of a DBF attribute table.
///
/// ```swift
/// FieldDefinition(name: "TBMJ", kind: .numeric, width: 19, decimals: 2)  // area, 2 decimals
/// ```
public struct FieldDefinition: Sendable, Hashable {
    /// The dBase type letter of a field.
    public enum Kind: Character, Sendable, CaseIterable, CustomStringConvertible {
        /// `C`: text, at most 254 bytes.
        case character = "C"
        /// `N`: a decimal number written as text; integer when `decimals` is 0.
        case numeric = "N"
        /// `F`: a floating-point number written as text.
        case float = "F"
        /// `D`: a date, `YYYYMMDD`.
        case date = "D"
        /// `L`: a logical, `T`/`F`/`Y`/`N`/`?`.
        case logical = "L"

        public var description: String {
            switch self {
            case .character: "String"
            case .numeric: "Numeric"
            case .float: "Float"
            case .date: "Date"
            case .logical: "Logical"
            }
        }
    }

    /// The field name as stored: at most 10 bytes. Decoded as UTF-8 here (non-UTF-8 bytes
    /// show as U+FFFD); `nameBytes` keeps the original for decoding in another encoding.
    public var name: String
    /// The name's bytes, without the NUL padding.
    public var nameBytes: [UInt8]
    /// The type letter, or nil for a letter outside dBase III (e.g. `M` memo), kept in
    /// `typeLetter`.
    public var kind: Kind?
    /// The raw dBase type letter.
    public var typeLetter: Character
    /// Width in bytes (characters for ASCII text).
    public var width: Int
    /// Digits after the decimal point (numeric fields).
    public var decimals: Int

    public init(name: String, kind: Kind, width: Int, decimals: Int = 0) {
        self.name = name
        self.nameBytes = Array(name.utf8)
        self.kind = kind
        self.typeLetter = kind.rawValue
        self.width = width
        self.decimals = decimals
    }

    init(nameBytes: [UInt8], typeLetter: Character, width: Int, decimals: Int) {
        self.nameBytes = nameBytes
        self.name = String(decoding: nameBytes, as: UTF8.self)
        self.typeLetter = typeLetter
        self.kind = Kind(rawValue: typeLetter)
        self.width = width
        self.decimals = decimals
    }
}
