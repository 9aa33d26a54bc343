import Foundation
import ZoningSupport

/// One attribute column of a layer.
///
/// ```swift
/// Field(name: "TBMJ", type: .real, width: 19, precision: 2)
/// ```
public struct Field: Sendable, Hashable {
    /// The value type of a column.
    public enum ValueType: String, Sendable, CaseIterable {
        case string, integer, real, date, boolean
    }

    public var name: String
    public var type: ValueType
    /// Width in characters (bytes in a DBF); 0 when the format has none (GeoJSON, CSV).
    public var width: Int
    /// Digits after the decimal point, for reals.
    public var precision: Int

    public init(name: String, type: ValueType, width: Int = 0, precision: Int = 0) {
        self.name = name
        self.type = type
        self.width = width
        self.precision = precision
    }

    /// A value as tables write it: a real rounded to `precision` decimals when the field is a
    /// real with a precision, so a sum such as 7818080.709999994 is written 7818080.71. Other
    /// values are unchanged. Rounding happens here, at the writer, never in the computation.
    ///
    /// ```swift
    /// Field(name: "SHARE", type: .real, precision: 4).written(.real(0.38894055623944107))  // .real(0.3889)
    /// ```
    public func written(_ value: AttributeValue) -> AttributeValue {
        guard type == .real, precision > 0, case .real(let number) = value, number.isFinite else { return value }
        return .real(Field.rounded(number, decimals: precision))
    }

    /// `value` rounded to `decimals` decimals, as a real field of that precision stores it:
    /// `Field.rounded(0.38894055623944107, decimals: 4)` is 0.3889.
    public static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }
}

/// The columns of a layer, in order.
public struct Schema: Sendable, Hashable {
    public var fields: [Field]

    public init(_ fields: [Field]) {
        self.fields = fields
    }

    /// The position of the field named `name` (exact match first, then ignoring case).
    public func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name } ?? fields.firstIndex { $0.name.lowercased() == name.lowercased() }
    }

    public var names: [String] { fields.map(\.name) }
}
