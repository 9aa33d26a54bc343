import Foundation

/// The facility types of docs/METHOD.md §5, with their default service radii (straight line, metres).
public enum FacilityType: String, Sendable, CaseIterable, Comparable, Codable, CustomStringConvertible {
    case kindergarten, primary, middle, clinic, elderly, park, lifeCircle = "life-circle"

    /// Default radius in metres: kindergarten 300, primary school 500, middle school 1000,
    /// community health centre 1000, elderly-care centre 1000, park 500, 15-minute life circle 1000.
    public var defaultRadiusMetres: Double {
        switch self {
        case .kindergarten: 300
        case .primary, .park: 500
        case .middle, .clinic, .elderly, .lifeCircle: 1000
        }
    }

    /// The two letters of its columns in the layers zoning writes (`KG_RES`, `KG_NEAR`,
    /// `KG_WALK`): KG kindergarten, PS primary, MS middle, HC clinic, EC elderly, PK park,
    /// LC life circle.
    ///
    /// ```swift
    /// FacilityType.elderly.columnCode + "_RES"  // "EC_RES"
    /// ```
    public var columnCode: String {
        switch self {
        case .kindergarten: "KG"
        case .primary: "PS"
        case .middle: "MS"
        case .clinic: "HC"
        case .elderly: "EC"
        case .park: "PK"
        case .lifeCircle: "LC"
        }
    }

    public var description: String { rawValue }

    public static func < (a: FacilityType, b: FacilityType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads a type as offices name them: the standard names above, or common Chinese names
    /// (幼儿园; 小学; 中学, 初中, 高中; 卫生院, 社区卫生服务中心, 卫生室, 医院; 养老院, 敬老院,
    /// 养老服务中心, 日间照料中心; 公园; 生活圈). `extra` maps more names (an office's own).
    ///
    /// Web-map exports give hierarchical types, `科教文化服务;学校;小学` (Amap) or
    /// `教育学校:小学` (Tencent): the whole text is tried first, then its last level.
    public init?(name: String, extra: [String: FacilityType] = [:]) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let type = Self.lookUp(trimmed, extra: extra) {
            self = type
        } else if let last = Self.lastLevel(of: trimmed), last != trimmed, let type = Self.lookUp(last, extra: extra) {
            self = type
        } else {
            return nil
        }
    }

    /// The last level of a hierarchical type (`科教文化服务;学校;小学` → `小学`), or nil for a
    /// type with one level.
    public static func lastLevel(of name: String) -> String? {
        let levels = name.split(whereSeparator: { ";；:：|>".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return levels.count > 1 ? levels.last : nil
    }

    private static func lookUp(_ trimmed: String, extra: [String: FacilityType]) -> FacilityType? {
        if let mapped = extra[trimmed] ?? FacilityType(rawValue: trimmed.lowercased()) {
            return mapped
        }
        let aliases: [(FacilityType, [String])] = [
            (.kindergarten, ["幼儿园", "托儿所"]), (.primary, ["小学", "primary school"]),
            (.middle, ["中学", "初中", "高中", "middle school"]),
            (.clinic, ["卫生院", "社区卫生服务中心", "社区卫生服务站", "卫生室", "医院", "health centre", "health center"]),
            (.elderly, ["养老院", "敬老院", "养老服务中心", "日间照料中心", "elderly care", "elderly-care centre"]),
            (.park, ["公园"]), (.lifeCircle, ["生活圈", "15分钟生活圈"]),
        ]
        return aliases.first(where: { $0.1.contains(trimmed) || $0.1.contains(trimmed.lowercased()) })?.0
    }
}


/// An office's names for facility types: each maps to a standard type, or is ignored (a
/// web-map export lists training schools and pharmacies beside schools and clinics).
///
/// ```swift
/// var map = FacilityTypeMap()
/// try map.add("敬老院", "elderly")
/// try map.add("培训机构", "ignore")
/// map.resolve("科教文化服务;培训机构")  // .ignored
/// map.resolve("敬老院")                  // .type(.elderly)
/// ```
public struct FacilityTypeMap: Sendable, Equatable {
    public private(set) var types: [String: FacilityType] = [:]
    public private(set) var ignored: Set<String> = []

    /// The value that skips a type.
    public static let ignore = "ignore"

    public init() {}

    public enum Resolution: Sendable, Equatable {
        case type(FacilityType)
        case ignored
        case unknown
    }

    /// Why a mapping cannot be used, in words that fit after the name.
    public struct BadValue: Error, Sendable, CustomStringConvertible {
        public init() {}

        public var description: String {
            "unknown facility type; use one of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")), or \(FacilityTypeMap.ignore) to skip it"
        }
    }

    /// Maps `name` to `value`: a standard type or `ignore`.
    public mutating func add(_ name: String, _ value: String) throws {
        if value == Self.ignore {
            ignored.insert(name)
        } else if let type = FacilityType(rawValue: value) {
            types[name] = type
        } else {
            throw BadValue()
        }
    }

    /// A facility's type text resolved: the office's own names before the standard ones, the
    /// whole text before its last level (so `医院: ignore` skips `医疗保健服务;医院` too, though
    /// 医院 is a standard name for a clinic).
    public func resolve(_ name: String) -> Resolution {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let names = [trimmed] + (FacilityType.lastLevel(of: trimmed).map { [$0] } ?? [])
        for candidate in names {
            if ignored.contains(candidate) { return .ignored }
            if let type = types[candidate] { return .type(type) }
        }
        return FacilityType(name: trimmed).map(Resolution.type) ?? .unknown
    }
}
