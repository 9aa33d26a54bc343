import ZoningGeometry

/// A land-use parcel as the analyses see it (from DLTB).
public struct LandParcel: Sendable {
    public var geometry: Geometry
    /// DLBM, e.g. `0701`; suffix letters kept (`0810A`).
    public var landUse: String
    /// CZCSXM, e.g. `201A`; nil outside settlements.
    public var settlement: String?
    /// The 12-digit village-level code: the first 12 characters of ZLDWDM.
    public var unitCode: String
    /// Ellipsoidal area in m² (TBMJ).
    public var area: Double

    public init(geometry: Geometry, landUse: String, settlement: String?, unitCode: String, area: Double) {
        self.geometry = geometry
        self.landUse = landUse
        self.settlement = settlement
        self.unitCode = unitCode
        self.area = area
    }
}

/// The rank of a government seat for classification (docs/METHOD.md §1, §4): a city seat (of a
/// 市辖区 or a county-level city; development zones listed as county-level units count too)
/// outranks a town seat (镇, 街道, or a 县's seat), which outranks a 乡 seat.
public enum SeatRank: Int, Sendable, Comparable, CustomStringConvertible {
    case xiang = 1, town = 2, city = 3

    /// Reads a seat kind as offices write it: `city`/`市`, `county`/`县` (a town seat),
    /// `subdistrict`/`街道`, `town`/`镇`, `xiang`/`乡`; nil for anything else.
    public init?(kind: String) {
        switch kind.lowercased() {
        case "city", "市", "区", "district": self = .city
        case "county", "县", "subdistrict", "street", "街道", "town", "镇": self = .town
        case "xiang", "township", "乡": self = .xiang
        default: return nil
        }
    }

    public static func < (a: SeatRank, b: SeatRank) -> Bool { a.rawValue < b.rawValue }

    /// How the reason text names it: "city seat", "town seat", "乡 seat".
    public var description: String {
        switch self {
        case .city: "city seat"
        case .town: "town seat"
        case .xiang: "乡 seat"
        }
    }
}

/// A government seat point.
public struct GovernmentSeat: Sendable {
    public var point: Geometry
    public var rank: SeatRank
    /// The code of the unit whose seat it is (6 digits for a county-level unit, 9 for a township).
    public var code: String
    public var name: String

    public init(point: Geometry, rank: SeatRank, code: String, name: String) {
        self.point = point
        self.rank = rank
        self.code = code
        self.name = name
    }
}
