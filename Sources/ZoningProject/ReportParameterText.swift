import Foundation
import ZoningAnalysis

/// The report's rows of parameters: one row per entry of each running step's parameter table
/// (`AnalysisParameters.table`), named in the report's language, then the two facts the
/// coverage figures rest on (the residential land codes, where the residents come from).
extension ReportText {
    /// The report's name of each parameter, by `section.key`. Every table entry has one
    /// (`ReportParameterTextTests`); a missing one shows the key itself.
    static let parameterNames: [String: (zh: String, en: String)] = [
        "builtup.gap_m": ("实际建设区连接距离", "built-up gap"),
        "builtup.fill_holes_km2": ("填充小于此面积的空洞", "holes filled below"),
        "builtup.seed_codes": ("城镇图斑的城镇村属性码（CZCSXM）", "seed settlement codes (CZCSXM)"),
        "builtup.construction_codes": ("建设用地地类编码", "construction land codes"),
        "classification.full_share": ("完全连接的建设用地占比", "fully connected from"),
        "classification.partial_share": ("部分连接的建设用地占比", "partly connected from"),
        "classification.partial_min_m2": ("部分连接的最小建设用地面积", "partly connected with at least"),
        "classification.special_population": ("特殊区域（123）常住人口下限", "special area residents for 123"),
        "classification.high_construction_share": ("列入核查的建设用地占比", "construction share listed for review"),
        "coverage.include_0702": ("农村宅基地（0702）计为居住用地", "rural homesteads (0702) as residential land"),
        "coverage.radius_m": ("服务半径", "service radii"),
        "life_circles.snap_m": ("接入道路的最大距离", "farthest from a road"),
        "life_circles.oneway": ("单行道按其方向步行", "one-way roads walked one way"),
        "life_circles.exclude_classes": ("不步行的道路等级", "road classes not walked"),
        "life_circles.circles": ("生活圈", "life circles"),
    ]

    func parameterRows(_ project: Project) -> [[String]] {
        let rows = project.steps.flatMap(parameterRows)
        return rows + [
            [pick("居住用地", "residential land"), project.coverage.residentialCodes.sorted().joined(separator: ", ")],
            [pick("人口", "population"), project.layers.population == nil
                ? pick("各村常住人口按居住用地分摊", "each village's residents spread over its residential land")
                : pick("人口点（\(project.fields[.residents])）", "population points (\(project.fields[.residents]))")],
        ]
    }

    private func parameterRows(_ step: any AnalysisStep) -> [[String]] {
        guard let step = step as? any ParameterisedStep else { return [] }
        return rows(of: step.parameters)
    }

    private func rows<Parameters: AnalysisParameters>(of parameters: Parameters) -> [[String]] {
        zip(Parameters.table, parameters.values).map { entry, value in
            let name = Self.parameterNames["\(Parameters.section).\(entry.key)"].map { pick($0.zh, $0.en) } ?? entry.key
            return [name, shown(value.value, entry.shape)]
        }
    }

    /// A value in the report's words: `100米`, `50%`, `小学 500米，中学 1000米`.
    func shown(_ value: ParameterValue, _ shape: ParameterShape) -> String {
        switch (value, shape) {
        case let (.number(number), .number(unit, _)): return quantity(number, unit)
        case let (.integer(number), .integer(unit, _)): return quantity(Double(number), unit)
        case (.bool(let flag), _): return flag ? pick("是", "yes") : pick("否", "no")
        case (.texts(let items), _): return items.map(word).joined(separator: pick("、", ", "))
        case let (.map(entries), .map(inner, _)):
            return entries.map { "\(word($0.name)) \(shown($0.value, inner))" }.joined(separator: pick("；", "; "))
        case let (.map(entries), .record(fields)):
            return zip(fields, entries).map { shown($1.value, $0.shape) }.joined(separator: " ")
        default: return value.text
        }
    }

    private func quantity(_ number: Double, _ unit: ParameterUnit) -> String {
        let plain = ParameterError.plain(number)
        switch unit {
        case .metres: return pick("\(plain)米", "\(plain) m")
        case .squareMetres: return pick("\(plain)平方米", "\(plain) m²")
        case .squareKilometres: return pick("\(plain)平方千米", "\(plain) km²")
        case .share: return ShareText.percent(number)
        case .residents: return pick("\(plain)人", "\(plain) residents")
        case .none: return plain
        }
    }

    /// A facility type's name in the report's language; other words as they are.
    private func word(_ text: String) -> String {
        FacilityType(rawValue: text).map(facility) ?? text
    }
}
