import Foundation

/// A number with a fixed count of decimals, exactly as `String(format: "%.2f", value)` writes it
/// (the C library rounds the number's exact binary value, ties to even), but without
/// Foundation's formatter, whose cost showed in the profile of writing tables and maps of
/// 300,000 parcels: the number is scaled and rounded as an integer, and only a value within a
/// hair of a rounding tie (or huge, or not finite, or a negative rounding to zero, which `%f`
/// writes as `-0.00`) goes to `String(format:)`.
///
/// ```swift
/// FixedDecimal.text(1234.5678, decimals: 2)  // "1234.57"
/// FixedDecimal.text(-0.25, decimals: 1)      // "-0.2" (a tie: as %.1f, to even)
/// FixedDecimal.text(7, decimals: 0)          // "7"
/// ```
public enum FixedDecimal {
    private static let powers: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12]

    /// `value` with `decimals` digits after the point (0: no point), as `%.<decimals>f`.
    public static func text(_ value: Double, decimals: Int) -> String {
        guard value.isFinite, decimals >= 0, decimals < powers.count else { return formatted(value, decimals) }
        let magnitude = abs(value * powers[decimals])  // within half an ulp of the exact product
        guard magnitude < 1e15 else { return formatted(value, decimals) }
        let fraction = magnitude - magnitude.rounded(.down)
        // The product's rounding error is below 1.2e-16 × magnitude: farther than that from .5,
        // the exact value rounds the same way.
        guard abs(fraction - 0.5) > 1e-9 + magnitude * 1e-15 else { return formatted(value, decimals) }
        let units = UInt64(magnitude.rounded())
        if units == 0 && value.sign == .minus { return formatted(value, decimals) }
        var digits = String(units)
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return value.sign == .minus ? "-" + digits : digits
    }

    private static func formatted(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(max(0, decimals))f", value)
    }
}
