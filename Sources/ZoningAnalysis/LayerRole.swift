/// What an input layer is to the analyses. A project file names its layers by these keys
/// (`layers.land_use`, `layers.villages`, …), and checks and messages name layers by them.
///
/// ```swift
/// LayerRole(rawValue: "land_use")  // .landUse
/// LayerRole.villages.needsPolygons // true
/// ```
public enum LayerRole: String, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    /// 三调 land-use parcels (DLTB); their CRS is the analysis CRS.
    case landUse = "land_use"
    /// Village-level units (村级调查区), polygons with a 12-digit code.
    case villages
    /// The regions coverage is reported on (townships), polygons.
    case townships
    /// Government seats (政府驻地), points.
    case seats
    /// Facility points (schools, clinics, elderly care, …).
    case facilities
    /// Residents as points or grid cells.
    case population
    /// Road centrelines, lines: the network life circles are walked on.
    case roads

    public var description: String { rawValue }

    public static func < (a: LayerRole, b: LayerRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Whether every feature must be a polygon (else a point or line, or for population either).
    public var needsPolygons: Bool { [.landUse, .villages, .townships].contains(self) }

    /// Whether every feature must be a line.
    public var needsLines: Bool { self == .roads }

    /// The kind of geometry the layer holds, in messages: `polygon`, `point`, `line`.
    public var geometryKind: String { needsPolygons ? "polygon" : needsLines ? "line" : "point" }

    /// `geometryKind` in Chinese: 面, 点, 线.
    public var geometryKindZh: String { needsPolygons ? "面" : needsLines ? "线" : "点" }
}
