/// A field an analysis reads from an input layer, with its default name in the survey
/// schema. One vocabulary for the project file (`layers.villages.fields.population`) and the
/// checks.
///
/// | layer | role (key) | default | required |
/// |---|---|---|---|
/// | land_use | land_use, settlement, location, area | DLBM, CZCSXM, ZLDWDM, TBMJ | yes |
/// | villages | code, name | XZQDM, XZQMC | yes |
/// | villages | population, official_class, special | POP, CXFLDM, TSQY | no |
/// | townships | code | XZQDM | yes |
/// | townships | name, kind, population | XZQMC, KIND, POP | no |
/// | seats | kind, code | KIND, XZQDM | yes |
/// | seats | name | NAME | no |
/// | population | population | POP | yes |
/// | roads | class, oneway, bridge, tunnel | highway, oneway, bridge, tunnel | no |
///
/// A field named in a project or on the command line must exist, optional or not. An optional
/// role left unnamed whose default field is absent is reported as a note with `whenAbsent`.
public enum FieldRole: String, Sendable, CaseIterable, CustomStringConvertible {
    case landUse, settlement, location, area
    case unitCode, unitName, unitPopulation, officialClass, special
    case townshipCode, townshipName, townshipKind, townshipPopulation
    case seatKind, seatCode, seatName
    case residents
    case roadClass, roadOneway, roadBridge, roadTunnel

    public var layer: LayerRole {
        switch self {
        case .landUse, .settlement, .location, .area: .landUse
        case .unitCode, .unitName, .unitPopulation, .officialClass, .special: .villages
        case .townshipCode, .townshipName, .townshipKind, .townshipPopulation: .townships
        case .seatKind, .seatCode, .seatName: .seats
        case .residents: .population
        case .roadClass, .roadOneway, .roadBridge, .roadTunnel: .roads
        }
    }

    /// The key under `layers.<layer>.fields` in a project file.
    public var key: String {
        switch self {
        case .landUse: "land_use"
        case .settlement: "settlement"
        case .location: "location"
        case .area: "area"
        case .unitCode, .townshipCode, .seatCode: "code"
        case .unitName, .townshipName, .seatName: "name"
        case .unitPopulation, .townshipPopulation, .residents: "population"
        case .officialClass: "official_class"
        case .special: "special"
        case .townshipKind, .seatKind: "kind"
        case .roadClass: "class"
        case .roadOneway: "oneway"
        case .roadBridge: "bridge"
        case .roadTunnel: "tunnel"
        }
    }

    /// The field name in the survey schema (and the sample).
    public var defaultName: String {
        switch self {
        case .landUse: "DLBM"
        case .settlement: "CZCSXM"
        case .location: "ZLDWDM"
        case .area: "TBMJ"
        case .unitCode, .townshipCode, .seatCode: "XZQDM"
        case .unitName, .townshipName: "XZQMC"
        case .unitPopulation, .townshipPopulation, .residents: "POP"
        case .officialClass: "CXFLDM"
        case .special: "TSQY"
        case .townshipKind, .seatKind: "KIND"
        case .seatName: "NAME"
        case .roadClass: "highway"
        case .roadOneway: "oneway"
        case .roadBridge: "bridge"
        case .roadTunnel: "tunnel"
        }
    }

    public var isRequired: Bool { whenAbsent == nil }

    /// What the analyses do without an optional field; nil for a required one.
    public var whenAbsent: String? {
        switch self {
        case .unitPopulation: "every unit has no population: no urbanization rate and no population coverage"
        case .officialClass: "no official class: no agreement, official rate or comparison review lists"
        case .special: "no special-area flag: only units with township digits 400–599 can be 123"
        case .townshipName: "townships are shown by code"
        case .townshipKind: "each township's kind (街道, 镇, 乡) comes from digits 7–9 of its code"
        case .townshipPopulation: "township population totals are not checked against the villages'"
        case .seatName: "seats are shown by code"
        case .roadClass: "every road is walkable (none is left out as a motorway)"
        case .roadOneway: "every road is walked both ways"
        case .roadBridge, .roadTunnel: "roads meet wherever they cross"
        default: nil
        }
    }

    /// `whenAbsent` in Chinese, for the report.
    public var whenAbsentZh: String? {
        switch self {
        case .unitPopulation: "各单位没有人口：无城镇化率和人口覆盖率"
        case .officialClass: "没有统计分类代码：不比较划分与统计，不计算统计口径城镇化率和对比核查清单"
        case .special: "没有特殊区域标志：只有乡级代码为400–599的单位可能为123"
        case .townshipName: "乡镇以代码显示"
        case .townshipKind: "乡镇类型（街道、镇、乡）按代码第7–9位确定"
        case .townshipPopulation: "不核对乡镇人口与所辖村人口之和"
        case .seatName: "驻地以代码显示"
        case .roadClass: "所有道路均可步行（不排除高速公路）"
        case .roadOneway: "所有道路均可双向步行"
        case .roadBridge, .roadTunnel: "道路相交处均视为连通"
        default: nil
        }
    }

    /// The project-file key path, e.g. `layers.villages.fields.population`.
    public var projectKey: String { "layers.\(layer.rawValue).fields.\(key)" }

    /// `villages.population`: the layer and the key, as `--field` takes it.
    public var description: String { "\(layer.rawValue).\(key)" }

    /// The role named `layer.key` (`villages.population`), as the project file nests it.
    public init?(qualifiedKey: String) {
        guard let role = FieldRole.allCases.first(where: { $0.description == qualifiedKey }) else { return nil }
        self = role
    }

    /// The roles of one layer.
    public static func of(_ layer: LayerRole) -> [FieldRole] { allCases.filter { $0.layer == layer } }
}

/// The field names of the input layers by role: the survey schema's defaults, and the names a
/// project or the command line gave.
///
/// ```swift
/// var names = FieldNames()
/// names[.unitPopulation] = "RKZS"
/// names[.unitPopulation]            // "RKZS"
/// names.isNamed(.unitPopulation)    // true: it must exist
/// names[.officialClass]             // "CXFLDM", the default
/// ```
public struct FieldNames: Sendable, Equatable {
    private var named: [FieldRole: String] = [:]

    public init(_ named: [FieldRole: String] = [:]) {
        self.named = named
    }

    public subscript(role: FieldRole) -> String {
        get { named[role] ?? role.defaultName }
        set { named[role] = newValue }
    }

    /// Whether the name was given rather than defaulted.
    public func isNamed(_ role: FieldRole) -> Bool { named[role] != nil }
}
