/// The life circles to measure and how the road network is walked (docs/METHOD.md §5).
///
/// The defaults are GB 50180-2018 (城市居住区规划设计标准)'s walking distances for the
/// facilities zoning knows: a kindergarten within a 5-minute walk (300 m), a primary school
/// within 10 minutes (500 m), a middle school, a community health centre and an
/// elderly-care centre within 15 minutes (1000 m, the upper end of its 800–1000 m).
///
/// ```swift
/// var parameters = LifeCircleParameters()
/// parameters.circles = [LifeCircle(name: "15min", walkMetres: 800, types: [.elderly])]
/// try parameters.validate()
/// ```
public struct LifeCircleParameters: Sendable, Equatable {
    public var circles: [LifeCircle] = LifeCircle.standard
    /// A facility or home farther than this from every walkable road is off the network (m).
    public var snapLimitMetres = 200.0
    /// Road classes not walked: motorways and expressways (OpenStreetMap's `motorway` and
    /// `trunk`, which China's OSM uses for 城市快速路, and their ramps; 高速公路, 快速路).
    public var excludedClasses: Set<String> = LifeCircleParameters.defaultExcludedClasses

    /// Walk one-way roads only their way (the roads layer's `oneway` field). OpenStreetMap's
    /// `oneway` is meant for vehicles; set false to let pedestrians walk every road both ways.
    public var honourOneway = true

    public static let defaultExcludedClasses: Set<String> = ["motorway", "motorway_link", "trunk", "trunk_link", "高速公路", "高速", "快速路"]

    /// The section of a project file that sets these parameters.
    public static let section = "life_circles"

    public init() {}

    /// - Throws: `ParameterError` for a walking distance outside 1…100 000 m, a snap limit
    ///   outside 0…5 000 m, a circle without types or two circles of one name.
    public func validate() throws {
        try ParameterError.check(snapLimitMetres, in: 0...5000, Self.section, "snap_m", "metres")
        guard !circles.isEmpty else { throw ParameterError(section: Self.section, key: "circles", problem: "must name at least one circle") }
        var seen: Set<String> = []
        for circle in circles {
            guard !circle.name.isEmpty, seen.insert(circle.name).inserted else {
                throw ParameterError(section: Self.section, key: circle.name, problem: "names a circle twice (or is empty)")
            }
            try ParameterError.check(circle.walkMetres, in: 1...100_000, Self.section, "\(circle.name).walk_m", "metres")
            guard !circle.types.isEmpty else {
                throw ParameterError(section: Self.section, key: "\(circle.name).types", problem: "must list at least one facility type")
            }
        }
    }

    /// Every facility type some circle names, in `FacilityType` order.
    public var types: [FacilityType] { Array(Set(circles.flatMap(\.types))).sorted() }
}

/// One life circle: the facility types that should be within a walk of every home.
public struct LifeCircle: Sendable, Equatable {
    /// Its name in tables and the project file, e.g. `15min`.
    public var name: String
    /// The walking distance along the roads, metres.
    public var walkMetres: Double
    public var types: [FacilityType]

    public init(name: String, walkMetres: Double, types: [FacilityType]) {
        self.name = name
        self.walkMetres = walkMetres
        self.types = types
    }

    /// GB 50180-2018's 5-, 10- and 15-minute circles for zoning's facility types.
    public static let standard = [
        LifeCircle(name: "5min", walkMetres: 300, types: [.kindergarten]),
        LifeCircle(name: "10min", walkMetres: 500, types: [.primary]),
        LifeCircle(name: "15min", walkMetres: 1000, types: [.middle, .clinic, .elderly]),
    ]
}
