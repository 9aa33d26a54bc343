/// Urban and total population and urbanization rates for a group of units (docs/METHOD.md §1):
/// urban population is the population of units classed 1xx.
///
/// ```swift
/// let county = Urbanization.figures(for: classes, level: .county)["370299"]!
/// county.derivedRate  // 0.39
/// ```
public struct Urbanization: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable {
        case township, county, all

        /// The part of a 12-digit unit code that names a region of this level.
        func key(_ code: String) -> String {
            switch self {
            case .township: String(code.prefix(9))
            case .county: String(code.prefix(6))
            case .all: "all"
            }
        }
    }

    public var level: Level
    /// 9 digits for a township, 6 for a county, "all" for everything.
    public var code: String
    public var totalPopulation: Int
    public var urbanPopulation: Int
    /// Urban population by the official classes (units without one count as rural).
    public var officialUrbanPopulation: Int
    /// Units per derived class, and per official class.
    public var derivedCounts: [UrbanRuralClass: Int]
    public var officialCounts: [UrbanRuralClass: Int]

    /// Urban ÷ total population; nil without population.
    public var derivedRate: Double? { totalPopulation > 0 ? Double(urbanPopulation) / Double(totalPopulation) : nil }
    public var officialRate: Double? { totalPopulation > 0 ? Double(officialUrbanPopulation) / Double(totalPopulation) : nil }

    /// The figures for every region of `level`, keyed by its code.
    public static func figures(for classes: [UnitClassification], level: Level) -> [String: Urbanization] {
        var result: [String: Urbanization] = [:]
        for unit in classes {
            let key = level.key(unit.code)
            var figures = result[key] ?? Urbanization(
                level: level, code: key, totalPopulation: 0, urbanPopulation: 0, officialUrbanPopulation: 0, derivedCounts: [:], officialCounts: [:])
            let population = unit.population ?? 0
            figures.totalPopulation += population
            if unit.derivedClass.isUrban { figures.urbanPopulation += population }
            if unit.officialClass?.isUrban == true { figures.officialUrbanPopulation += population }
            figures.derivedCounts[unit.derivedClass, default: 0] += 1
            if let official = unit.officialClass { figures.officialCounts[official, default: 0] += 1 }
            result[key] = figures
        }
        return result
    }
}
