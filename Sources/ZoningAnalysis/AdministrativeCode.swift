import ZoningSupport

/// A statistical division code (统计用区划代码), read from whatever form a delivery holds it in.
///
/// The code's digits: 1–2 province, 3–4 prefecture, 5–6 county, 7–9 township, 10–12
/// village-level unit. Deliveries write it in many forms, and all of these read as the same
/// code:
///
/// | form | example | read as |
/// |---|---|---|
/// | 12 digits | `370881001001` | village-level unit 370881001001 |
/// | 19-character survey code (ZLDWDM: 12 digits + 7) | `3708810010010000000` | its first 12 digits |
/// | a DBF number read as a double | `370881001001.0`, `3.70881001001e+11` | 370881001001 |
/// | a township padded to 12 | `370881001000` | township 370881001 |
/// | 9 or 6 digits | `370881001`, `370881` | township, county |
///
/// Trailing zero groups are dropped, so a code names the smallest unit its digits give:
/// `370881000000` is the county 370881.
///
/// ```swift
/// let code = AdministrativeCode("3708810011020000000")!
/// code.digits          // "370881001102"
/// code.level           // .village
/// code.township?.digits  // "370881001"
/// code.townshipKind    // .subdistrict (digits 7–9 are 001)
/// AdministrativeCode(.real(370881001001))?.digits  // "370881001001"
/// ```
public struct AdministrativeCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The significant digits: 2, 4, 6, 9 or 12 of them.
    public let digits: String

    /// How a code was written, when it was not already its plain digits: reported by the
    /// reconciliation checks as an automatic fix.
    public enum Form: String, Sendable, CaseIterable {
        /// 19 characters (the survey's ZLDWDM), or any longer text: read by its first 12 digits.
        case surveyCode = "survey code (first 12 of 19 characters)"
        /// A number with a fraction or exponent (a DBF numeric read as a double).
        case number = "number"
        /// Padded with trailing zeros beyond its level (a township as 12 digits).
        case padded = "padded with zeros"

        /// The form in Chinese, for the report.
        public var zh: String {
            switch self {
            case .surveyCode: "调查代码（19位，取前12位）"
            case .number: "数值"
            case .padded: "末尾补零的代码"
            }
        }
    }

    /// The level a code names, by its number of significant digits.
    public enum Level: Int, Sendable, Comparable, CaseIterable, CustomStringConvertible {
        case province = 2, prefecture = 4, county = 6, township = 9, village = 12

        public static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .province: "province"
            case .prefecture: "prefecture"
            case .county: "county"
            case .township: "township"
            case .village: "village-level unit"
            }
        }
    }

    /// What digits 7–9 say a township is.
    public enum TownshipKind: String, Sendable, CaseIterable, CustomStringConvertible {
        /// 001–099
        case subdistrict = "街道"
        /// 100–199
        case town = "镇"
        /// 200–399
        case xiang = "乡"
        /// 400–599: development zones, industrial and mining areas, farms.
        case townshipLike = "类似乡级单位"

        public var description: String { rawValue }
    }

    /// What digits 5–6 say a county-level unit is.
    public enum CountyKind: String, Sendable, CaseIterable, CustomStringConvertible {
        /// 01–20 市辖区
        case district = "市辖区"
        /// 21–70 县
        case county = "县"
        /// 71–80: development zones listed as county-level units; their seats count as city seats.
        case developmentZone = "开发区"
        /// 81–99 县级市
        case countyLevelCity = "县级市"

        public var description: String { rawValue }
    }

    /// Reads a code from text: digits only, after trimming spaces; a number with a fraction of
    /// zeros or an exponent is read as the whole number it is. Nil for anything else (letters,
    /// a negative number, a fraction, all zeros, 1, 3, 5, 7, 8, 10 or 11 digits).
    public init?(_ text: String) {
        guard let (digits, _) = Self.parse(text) else { return nil }
        self.digits = digits
    }

    /// Reads a code from an attribute: text, an integer or a real (a DBF numeric field).
    public init?(_ value: AttributeValue) {
        guard let (digits, _) = Self.parse(value) else { return nil }
        self.digits = digits
    }

    /// The code and how it was written (nil when written as its plain digits).
    public static func read(_ value: AttributeValue) -> (code: AdministrativeCode, form: Form?)? {
        guard let (digits, form) = parse(value) else { return nil }
        return (AdministrativeCode(validDigits: digits), form)
    }

    private init(validDigits: String) {
        digits = validDigits
    }

    static func parse(_ value: AttributeValue) -> (String, Form?)? {
        switch value {
        case .integer(let number): return parse(String(number))
        case .real(let number):
            guard number.isFinite, number >= 0, number == number.rounded() else { return nil }
            // A 19-digit survey code does not fit a double's 53 bits: 3708810010010000000 is
            // stored as 3708810010009999872, whose first 12 digits name another unit. The
            // shortest decimal that reads back as the same double ("3.70881001001e+18") is the
            // code as written whenever its last 7 digits are zeros, and within 512 of it otherwise.
            guard let whole = wholeNumber(number.description), let (digits, form) = parse(whole) else { return nil }
            return (digits, form ?? .number)
        case .string(let text): return parse(text)
        default: return nil
        }
    }

    static func parse(_ raw: String) -> (String, Form?)? {
        // A plain run of digits, the common case, skips Foundation's trimming: a county's
        // 300 000 parcels each carry a code.
        let isDigit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        var text = raw.utf8.allSatisfy(isDigit) ? raw : raw.trimmingCharacters(in: .whitespaces)
        var form: Form?
        if text.utf8.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) {
            // "370881001001.0" or "3.70881001001E+11" (Excel): a whole number written as a real.
            guard let whole = wholeNumber(text) else { return nil }
            text = whole
            form = .number
        }
        guard !text.isEmpty, text.utf8.allSatisfy(isDigit) else { return nil }
        if text.count > 12 {
            text = String(text.prefix(12))
            form = form ?? .surveyCode
        }
        guard [2, 4, 6, 9, 12].contains(text.count) else { return nil }
        // Drop trailing zero groups: 370881001000 is the township 370881001.
        var significant = text
        for (length, group) in [(12, 3), (9, 3), (6, 2), (4, 2)] where significant.count == length {
            if significant.hasSuffix(String(repeating: "0", count: group)) { significant.removeLast(group) } else { break }
        }
        if significant.count != text.count { form = form ?? .padded }
        // Province codes run 11–82: all zeros (a blank written as a code) names no unit.
        guard significant.count >= 2, significant.first != "0" else { return nil }
        return (significant, form)
    }

    /// The digits of the whole number that `text` writes in decimal or scientific notation
    /// (`370881001001.0`, `3.70881001001E+18`), worked out exactly (a double would lose the
    /// digits of a 19-digit code); nil for a fraction, a sign, or more than 20 digits.
    static func wholeNumber(_ text: String) -> String? {
        let halves = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "e" || $0 == "E" })
        guard halves.count <= 2 else { return nil }
        var exponent = 0
        if halves.count == 2 {
            guard let value = Int(halves[1]), abs(value) <= 40 else { return nil }
            exponent = value
        }
        let parts = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        let digits = String(parts[0] + fraction)
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        exponent -= fraction.count
        var whole: Substring
        if exponent >= 0 {
            whole = Substring(digits + String(repeating: "0", count: exponent))
        } else {
            guard digits.suffix(-exponent).allSatisfy({ $0 == "0" }) else { return nil }
            whole = digits.dropLast(-exponent)
        }
        whole = whole.drop(while: { $0 == "0" })
        guard whole.count <= 20 else { return nil }
        return whole.isEmpty ? "0" : String(whole)
    }

    /// The level the significant digits name.
    public var level: Level { Level(rawValue: digits.count) ?? .province }

    /// The code written as 12 digits, padded with zeros: `370881001000` for a township.
    public var twelveDigits: String { digits + String(repeating: "0", count: 12 - digits.count) }

    /// The code of the unit at `level` that holds this one (itself at its own level); nil
    /// for a level below this code's.
    public func ancestor(_ level: Level) -> AdministrativeCode? {
        guard level <= self.level else { return nil }
        return AdministrativeCode(validDigits: String(digits.prefix(level.rawValue)))
    }

    /// The county (6 digits) and township (9 digits) holding this code, when it is that fine.
    public var county: AdministrativeCode? { ancestor(.county) }
    public var township: AdministrativeCode? { ancestor(.township) }

    /// From digits 7–9; nil for a code above township level or digits 600–999.
    public var townshipKind: TownshipKind? {
        guard level >= .township, let number = Int(digits.dropFirst(6).prefix(3)) else { return nil }
        switch number {
        case 1...99: return .subdistrict
        case 100...199: return .town
        case 200...399: return .xiang
        case 400...599: return .townshipLike
        default: return nil
        }
    }

    /// From digits 5–6; nil for a code above county level or 00.
    public var countyKind: CountyKind? {
        guard level >= .county, let number = Int(digits.dropFirst(4).prefix(2)) else { return nil }
        switch number {
        case 1...20: return .district
        case 21...70: return .county
        case 71...80: return .developmentZone
        case 81...99: return .countyLevelCity
        default: return nil
        }
    }

    public var description: String { digits }

    public static func < (a: AdministrativeCode, b: AdministrativeCode) -> Bool { a.digits < b.digits }
}

import Foundation
