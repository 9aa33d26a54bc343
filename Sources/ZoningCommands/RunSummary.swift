import Foundation
import ZoningAnalysis
import ZoningProject
import ZoningReport

/// The compact table `zoning run` ends with.
enum RunSummary {
    static func text(_ result: RunResult, seconds: Double) -> String {
        var lines: [String] = []
        func row(_ label: String, _ value: String) { lines.append(label.padding(toLength: 14, withPad: " ", startingAt: 0) + value) }
        let percent = ShareText.percent
        lines.append("\(result.project.name): \(result.parcels.count) parcels, \(result.classes.count) village-level units, \(result.townships.count) townships")
        row("Checks", "\(result.checks.tally) (checks.csv)")
        lines += result.checks.warnings.map { "  " + $0.line }
        if let all = result.urbanization(.all).first {
            row("Urbanization", "\(percent(all.derivedRate)) derived (\(all.urbanPopulation) of \(all.totalPopulation) residents), \(percent(all.officialRate)) official")
        }
        let counts = Dictionary(grouping: result.classes, by: \.derivedClass).mapValues(\.count)
        let compared = result.classes.filter { $0.agrees != nil }
        row("Classes", UrbanRuralClass.allCases.map { "\($0)×\(counts[$0] ?? 0)" }.joined(separator: " ")
            + (compared.isEmpty ? "" : "; \(compared.filter { $0.agrees == true }.count) of \(compared.count) agree with the official codes"))
        let area = result.builtUp.areaSquareMetres / 1e6
        row("Built-up", "\(result.builtUp.regions.count) regions, \(String(format: "%.2f", area)) km² within outlines")
        let lists = ReviewLists.List.allCases.map { list in "\(Set(result.review.filter { $0.list == list }.map(\.unit.code)).count) \(list.rawValue)" }
        row("Review", "\(Set(result.review.map(\.unit.code)).count) units (units per list: " + lists.joined(separator: ", ") + ")")
        if let coverage = result.coverage {
            row("Coverage", "residential land within reach; townships with one")
            for type in Set(coverage.regions.map(\.type)).sorted() {
                let rows = coverage.regions.filter { $0.type == type }
                let land = rows.reduce(0) { $0 + $1.residentialSquareMetres }
                let covered = rows.reduce(0) { $0 + ($1.residentialCoverage ?? 0) * $1.residentialSquareMetres }
                let label = "\(type.rawValue) \(Int(rows.first?.radiusMetres ?? type.defaultRadiusMetres)) m"
                lines.append("  " + label.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + percent(land > 0 ? covered / land : nil).leftPadded(6) + "   \(rows.filter { $0.facilities > 0 }.count)/\(rows.count)")
            }
        }
        if let circles = result.results[LifeCircleStep.self] {
            row("Life circles", "residents within the walk (straight line), county")
            for circle in result.project.lifeCircles.circles {
                let types: [FacilityType?] = circle.types.map { $0 } + (circle.types.count > 1 ? [nil] : [])
                for type in types {
                    guard let county = circles.rows.first(where: { $0.level == .county && $0.circle == circle.name && $0.type == type }) else { continue }
                    let label = "\(circle.name) \(type?.rawValue ?? "all") \(Int(circle.walkMetres)) m"
                    lines.append("  " + label.padding(toLength: 24, withPad: " ", startingAt: 0)
                        + percent(county.networkPopulationShare).leftPadded(6) + " (" + percent(county.linePopulationShare) + ")")
                }
            }
        }
        if !result.targets.isEmpty {
            let notApplicable = result.targets.filter { $0.verdict == .notApplicable }.count
            row("Targets", "\(result.targets.filter(\.passes).count) of \(result.targets.count - notApplicable) checks pass" + (notApplicable > 0 ? "; \(notApplicable) n/a" : ""))
            lines += result.targets.map { "  " + TargetCheck.line($0) }
        }
        // The lines of analyses that declare their own (StepReport.summary), e.g. the comparison.
        lines += StepReports.summary(result.report)
        let output = shown(result.project.output)
        row("Report", "\(output)/report.html")
        row("Outputs", "\(output)/ (manifest.json lists every file), \(String(format: "%.1f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}

/// `path` relative to the working directory when it lies below it, else as it is.
func shown(_ path: String) -> String {
    let here = FileManager.default.currentDirectoryPath
    let prefix = here.hasSuffix("/") ? here : here + "/"
    return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
}

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
