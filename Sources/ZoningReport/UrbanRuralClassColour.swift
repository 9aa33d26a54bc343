import ZoningAnalysis

extension UrbanRuralClass {
    /// The colour maps and the report give the class: urban reds, town oranges, the special
    /// area purple, rural greens.
    ///
    /// ```swift
    /// UrbanRuralClass.mainUrban.colour  // "#b2182b"
    /// ```
    public var colour: String {
        switch self {
        case .mainUrban: "#b2182b"
        case .urbanFringe: "#ef8a62"
        case .townCentre: "#e08214"
        case .townFringe: "#fdb863"
        case .special: "#8073ac"
        case .xiangCentre: "#a6d96a"
        case .village: "#1a9641"
        }
    }
}
