import ZoningSupport

/// A `--where` condition on one attribute, compared as text (the value as `zoning info`
/// shows it): `FIELD=VALUE`, `FIELD!=VALUE`, or `FIELD^=PREFIX` (starts with — e.g.
/// `DLBM^=07` for all housing land, `ZLDWDM^=370881` for one county).
///
/// ```swift
/// let keep = try FeatureFilter("DLBM^=07").bind(to: schema)
/// keep(feature)  // true for 0701 and 0702 parcels
/// ```
public struct FeatureFilter: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable {
        case equal = "=", notEqual = "!=", startsWith = "^="
    }

    public var field: String
    public var comparison: Comparison
    public var value: String

    /// Reads `FIELD=VALUE`, `FIELD!=VALUE` or `FIELD^=VALUE`.
    /// - Throws: `LayerError.badFilter` for anything else.
    public init(_ text: String) throws {
        // The first operator from the left splits; the value may hold more "=" signs.
        for index in text.indices {
            let rest = text[index...]
            guard let comparison = [Comparison.notEqual, .startsWith, .equal].first(where: { rest.hasPrefix($0.rawValue) }) else { continue }
            field = String(text[..<index])
            value = String(rest.dropFirst(comparison.rawValue.count))
            self.comparison = comparison
            if !field.isEmpty { return }
            break
        }
        throw LayerError.badFilter(text: text, problem: "write FIELD=VALUE, FIELD!=VALUE or FIELD^=PREFIX")
    }

    public var description: String { field + comparison.rawValue + value }

    /// A test for features of `schema`.
    /// - Throws: `LayerError.badFilter` naming the fields there are when `field` is not one.
    public func bind(to schema: Schema) throws -> (Feature) -> Bool {
        guard let column = schema.index(of: field) else {
            throw LayerError.badFilter(text: description, problem: "there is no field \(field); the fields are \(schema.names.joined(separator: ", "))")
        }
        let comparison = comparison, value = value
        return { feature in
            let text = column < feature.attributes.count ? feature.attributes[column].description : ""
            switch comparison {
            case .equal: return text == value
            case .notEqual: return text != value
            case .startsWith: return text.hasPrefix(value)
            }
        }
    }
}
