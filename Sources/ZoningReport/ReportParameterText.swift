import Foundation
import ZoningAnalysis

/// The report's rows of parameters: one row per entry of each running step's parameter table
/// (`AnalysisParameters.table`), named in the report's language by the analysis's section maker
/// (`StepReport.parameterNames`), then the two facts the coverage figures rest on (the
/// residential land codes, where the residents come from).
extension ReportText {
    /// The parameters' names in the report, by `section.key`, as the run's section makers give
    /// them (`StepReport.parameterNames`).
    static func parameterNames(_ run: ReportRun) -> [String: (zh: String, en: String)] {
        run.reports.reduce(into: [:]) { names, report in names.merge(report.parameterNames) { first, _ in first } }
    }

    func parameterRows(_ run: ReportRun) -> [[String]] {
        let names = Self.parameterNames(run)
        let rows = run.steps.flatMap { parameterRows($0, names) }
        return rows + [
            [pick("居住用地", "residential land"), run.codes.residential.sorted().joined(separator: ", ")],
            [pick("人口", "population"), run.inputs.population == nil
                ? pick("各村常住人口按居住用地分摊", "each village's residents spread over its residential land")
                : pick("人口点（\(run.fields[.residents])）", "population points (\(run.fields[.residents]))")],
        ]
    }

    private func parameterRows(_ step: any AnalysisStep, _ names: [String: (zh: String, en: String)]) -> [[String]] {
        guard let step = step as? any ParameterisedStep else { return [] }
        return rows(of: step.parameters, names)
    }

    private func rows<Parameters: AnalysisParameters>(of parameters: Parameters, _ names: [String: (zh: String, en: String)]) -> [[String]] {
        zip(Parameters.table, parameters.values).map { entry, value in
            let name = names["\(Parameters.section).\(entry.key)"].map { pick($0.zh, $0.en) } ?? entry.key
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
