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
public struct LifeCircleParameters: AnalysisParameters {
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

    /// Every parameter with its project-file key (`ParameterTable.swift`). The circles sit
    /// directly in the section, by name: `life_circles: {snap_m: 200, 15min: {walk_m: 1000, types: [clinic]}}`.
    public static let table: [ParameterEntry<Self>] = [
        .number("snap_m", \.snapLimitMetres, unit: .metres, range: 0...5000, doc: "A home or facility farther than this from every walkable road is off the network."),
        .bool("oneway", \.honourOneway, doc: "Walk one-way roads only their way (the roads' oneway field)."),
        .codes("exclude_classes", \.excludedClasses, nonEmpty: false, doc: "Road classes not walked (motorways and expressways by default)."),
        ParameterEntry(
            "circles",
            shape: .map(of: .record([("walk_m", .number(unit: .metres, range: 1...100_000)), ("types", .texts(nonEmpty: true))]), names: nil),
            doc: "Each circle by name: the walking distance along the roads and the facility types to reach.", inline: true,
            get: { .map($0.circles.map { ParameterValue.Named($0.name, .map([.init("walk_m", .number($0.walkMetres)), .init("types", .texts($0.types.map(\.rawValue)))])) }) },
            set: { parameters, value in
                guard case .map(let entries) = value else { return }
                parameters.circles = try entries.map { entry in
                    guard case .map(let fields) = entry.value else { return LifeCircle(name: entry.name, walkMetres: 0, types: []) }
                    var circle = LifeCircle(name: entry.name, walkMetres: 0, types: [])
                    for field in fields {
                        switch (field.name, field.value) {
                        case ("walk_m", .number(let metres)): circle.walkMetres = metres
                        case ("walk_m", .integer(let metres)): circle.walkMetres = Double(metres)
                        case ("types", .texts(let names)):
                            circle.types = try names.map { name in
                                guard let type = FacilityType(name: name) else {
                                    throw ParameterError(section: Self.section, key: "\(entry.name).types",
                                                         problem: "unknown facility type \(name); use one of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", "))")
                                }
                                return type
                            }
                        default: break
                        }
                    }
                    return circle
                }
            }),
    ]

    /// - Throws: `ParameterError` when no circle is left.
    public func validateRules() throws {
        guard !circles.isEmpty else { throw ParameterError(section: Self.section, key: "circles", problem: "must name at least one circle") }
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
