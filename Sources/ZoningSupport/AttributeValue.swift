/// One attribute of a feature, typed: what a DBF cell, a GeoJSON property or a CSV cell holds.
///
/// ```swift
/// let area: AttributeValue = .real(1234.56)
/// area.doubleValue      // 1234.56
/// AttributeValue.null.description  // ""
/// ```
public enum AttributeValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case string(String)
    case integer(Int64)
    case real(Double)
    case date(CalendarDate)
    case boolean(Bool)

    /// The number, for integers and reals.
    public var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// The text, for strings.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// The value as text, as written to CSV: `""` for null, `2024-05-01` for dates, `true`.
    public var description: String {
        switch self {
        case .null: ""
        case .string(let value): value
        case .integer(let value): String(value)
        case .real(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)  // 12.0 → "12"
        case .date(let value): value.description
        case .boolean(let value): value ? "true" : "false"
        }
    }
}

/// A calendar day without time or zone, as DBF `D` fields store it.
public struct CalendarDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// nil unless month is 1–12 and day fits the month (leap years included).
    public init?(year: Int, month: Int, day: Int) {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...12).contains(month), (1...lengths[month - 1]).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYYMMDD` (DBF) or `YYYY-MM-DD` (ISO 8601).
    public init?(text: String) {
        let digits = text.filter(\.isNumber)
        guard digits.count == 8, text.count == 8 || text.count == 10,
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// ISO 8601: `2024-05-01`.
    public var description: String {
        "\(String(year).leftPadded(4))-\(String(month).leftPadded(2))-\(String(day).leftPadded(2))"
    }

    /// DBF form: `20240501`.
    public var dbfText: String {
        "\(String(year).leftPadded(4))\(String(month).leftPadded(2))\(String(day).leftPadded(2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
