/// The facility types of DOMAIN.md §5, with their default service radii (straight line, metres).
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

    public var description: String { rawValue }

    public static func < (a: FacilityType, b: FacilityType) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Reads a type as offices name them: the standard names above, or common Chinese names
    /// (幼儿园; 小学; 中学, 初中, 高中; 卫生院, 社区卫生服务中心, 卫生室, 医院; 养老院, 敬老院,
    /// 养老服务中心, 日间照料中心; 公园; 生活圈). `extra` maps more names (an office's own).
    public init?(name: String, extra: [String: FacilityType] = [:]) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let mapped = extra[trimmed] ?? FacilityType(rawValue: trimmed.lowercased()) {
            self = mapped
            return
        }
        let aliases: [(FacilityType, [String])] = [
            (.kindergarten, ["幼儿园", "托儿所"]), (.primary, ["小学", "primary school"]),
            (.middle, ["中学", "初中", "高中", "middle school"]),
            (.clinic, ["卫生院", "社区卫生服务中心", "社区卫生服务站", "卫生室", "医院", "health centre", "health center"]),
            (.elderly, ["养老院", "敬老院", "养老服务中心", "日间照料中心", "elderly care", "elderly-care centre"]),
            (.park, ["公园"]), (.lifeCircle, ["生活圈", "15分钟生活圈"]),
        ]
        guard let match = aliases.first(where: { $0.1.contains(trimmed) || $0.1.contains(trimmed.lowercased()) }) else { return nil }
        self = match.0
    }
}

import Foundation
