import ZoningFeatures

/// Shares in words for the report and the run summary.
public enum ShareText {
    /// How tables write a share: 4 decimals.
    public static let field = Field(name: "share", type: .real, precision: 4)

    /// The share the tables hold, as a percentage to 0.1, so the report, the summary and the
    /// CSV files never disagree in the last digit; "–" for none.
    ///
    /// ```swift
    /// ShareText.percent(0.38894)  // "38.9%": the tables hold 0.3889
    /// ```
    public static func percent(_ share: Double?) -> String {
        guard let share, let written = field.written(.real(share)).doubleValue else { return "–" }
        return String(format: "%.1f%%", written * 100)
    }
}
