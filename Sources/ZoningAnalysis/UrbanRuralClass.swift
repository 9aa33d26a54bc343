/// The urban–rural class codes (城乡分类代码) assigned to every village-level unit.
///
/// ```swift
/// UrbanRuralClass(rawValue: "121")?.isUrban  // true: 1xx counts as urban population
/// UrbanRuralClass.village.name                // "村庄"
/// ```
public enum UrbanRuralClass: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case mainUrban = "111", urbanFringe = "112", townCentre = "121", townFringe = "122", special = "123"
    case xiangCentre = "210", village = "220"

    /// The name in the statistics bureau's table: 主城区, 城乡结合区, 镇中心区, 镇乡结合区,
    /// 特殊区域, 乡中心区, 村庄.
    public var name: String {
        switch self {
        case .mainUrban: "主城区"
        case .urbanFringe: "城乡结合区"
        case .townCentre: "镇中心区"
        case .townFringe: "镇乡结合区"
        case .special: "特殊区域"
        case .xiangCentre: "乡中心区"
        case .village: "村庄"
        }
    }

    /// Urban (1xx): its population counts as urban.
    public var isUrban: Bool { rawValue.hasPrefix("1") }

    public var description: String { rawValue }

    public static func < (a: UrbanRuralClass, b: UrbanRuralClass) -> Bool { a.rawValue < b.rawValue }
}
