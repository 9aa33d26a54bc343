import Foundation
import ZoningAnalysis

/// `report.html`: one self-contained page (no scripts, fonts, images or tiles from elsewhere)
/// with the summary, the input checks, urbanization per county and township, built-up regions, target checks,
/// review lists, coverage per township, the maps inline as SVG, and the inputs with checksums.
///
/// Figures are the same values the CSV files hold, rounded for reading: shares to 0.1 point,
/// areas to 0.01 km². The page prints on A4 (each section starts on a fresh page when needed).
///
/// ```swift
/// let html = HTMLReport.render(result, maps: try ReportMaps.draw(result), inputs: try Manifest.inputFiles(result))
/// ```
public enum HTMLReport {
    public static func render(_ result: RunResult, maps: [ReportMap], inputs: [Manifest.InputFile]) -> String {
        var body = header(result)
        body += summary(result)
        body += section("县级汇总 County summary", id: "county-summary", countySummary(result))
        for part in StepReports.sections(result, maps: maps) { body += section(part.title, id: part.id, part.html) }
        body += section("输入与参数 Inputs and parameters", id: "inputs", inputTable(inputs) + parameters(result))
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="zoning \(ZoningVersion.current)">
            <title>\(escape(result.project.name)) — zoning report</title>
            <style>\(style)</style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let style = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
        h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #444;padding-bottom:.2em;margin-top:2em}
        .meta{color:#555}.cards{display:flex;flex-wrap:wrap;gap:1em;margin:1em 0}
        .card{border:1px solid #ccc;border-radius:6px;padding:.6em 1em;min-width:12em}.card b{display:block;font-size:1.6em}
        table{border-collapse:collapse;margin:1em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left}
        th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .pass{color:#1a7f37;font-weight:bold}.fail{color:#c62828;font-weight:bold}
        figure{margin:1em 0}figure svg{max-width:100%;height:auto;border:1px solid #ddd}figcaption{color:#555;font-size:.9em}
        .swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #444;vertical-align:middle;margin-right:.3em}
        code{font-size:.85em}
        @media print{body{margin:0;max-width:none}section{break-before:auto}figure,table{break-inside:avoid}}
        """

    static func header(_ result: RunResult) -> String {
        let project = result.project
        return """
            <header>
            <h1>\(escape(project.name)) — 城乡划分与公共服务覆盖报告</h1>
            <p class="meta">Urban–rural classification, built-up regions and service coverage · zoning \(ZoningVersion.current) · \
            analysis CRS \(escape(result.crs.description)) · areas ellipsoidal</p>
            </header>

            """
    }

    static func summary(_ result: RunResult) -> String {
        let counties = result.urbanization(.all)
        let all = counties.first
        let compared = result.classes.filter { $0.agrees != nil }
        let builtUpArea = result.builtUp.areaSquareMetres / 1e6
        var cards = [
            ("village-level units", "\(result.classes.count)", "\(result.townships.count) townships, \(result.parcels.count) parcels"),
            ("urbanization (derived)", percent(all?.derivedRate), all.map { "\($0.urbanPopulation) of \($0.totalPopulation) residents" } ?? ""),
            ("urbanization (official codes)", percent(all?.officialRate), "from the units' CXFLDM"),
            ("built-up regions", "\(result.builtUp.regions.count)", String(format: "%.2f km² within outlines", builtUpArea)),
            ("classes agree", compared.isEmpty ? "–" : "\(compared.filter { $0.agrees == true }.count) / \(compared.count)", "derived vs official"),
            ("units to review", "\(Set(result.review.map(\.unit.code)).count)", "\(result.review.count) entries in \(Set(result.review.map(\.list)).count) lists"),
        ]
        let warnings = result.checks.warnings.count
        cards.append(("input checks", warnings == 0 ? "fit" : "\(warnings) warning\(warnings == 1 ? "" : "s")", result.checks.tally))
        if !result.targets.isEmpty {
            let applicable = result.targets.filter { $0.verdict != .notApplicable }
            let notApplicable = result.targets.count - applicable.count
            cards.append(("targets met", "\(applicable.filter(\.passes).count) / \(applicable.count)",
                          notApplicable == 0 ? "checks pass" : "checks pass; \(notApplicable) n/a"))
        }
        let html = cards.map { title, value, note in
            "<div class=\"card\">\(escape(title))<b>\(escape(value))</b><span class=\"meta\">\(escape(note))</span></div>"
        }.joined(separator: "\n")
        return section("概况 Summary", id: "summary", "<div class=\"cards\">\n\(html)\n</div>\n")
    }

    /// The figures of summary.csv, one row per county.
    static func countySummary(_ result: RunResult) -> String {
        let rows = CountySummary.rows(classes: result.classes, builtUp: result.builtUp, coverage: result.coverage, targets: result.targets)
        let types = Array(Set(rows.flatMap(\.coverage.keys))).sorted()
        let headers = ["county", "residents", "urbanization (derived)", "urbanization (official)", "built-up km²"]
            + types.map { "\($0.rawValue) coverage" } + ["targets pass / fail / n/a"]
        let body = rows.map { row -> [String] in
            [row.county, "\(row.population)", percent(row.urbanizationRate), percent(row.officialUrbanizationRate),
             String(format: "%.2f", row.builtUpSquareMetres / 1e6)]
                + types.map { percent(row.coverage[$0]?.residential ?? nil) }
                + ["\(row.targetsPassed) / \(row.targetsFailed) / \(row.targetsNotApplicable)"]
        }
        return table(headers, body, numeric: Array(1..<(headers.count - 1)))
            + "<p class=\"meta\">summary.csv holds these figures with the units per class; the sheets of many runs stack.</p>\n"
    }

    static func classTable(_ result: RunResult) -> String {
        let byClass = Dictionary(grouping: result.classes, by: \.derivedClass)
        let official = Dictionary(grouping: result.classes.compactMap(\.officialClass), by: { $0 }).mapValues(\.count)
        let rows = UrbanRuralClass.allCases.map { code -> [String] in
            let units = byClass[code] ?? []
            let swatch = "<span class=\"swatch\" style=\"background:\(code.colour)\"></span>"
            return [swatch + code.rawValue, escape(code.name), "\(units.count)",
                    "\(units.reduce(0) { $0 + ($1.population ?? 0) })", "\(official[code] ?? 0)"]
        }
        return table(["class", "name", "units (derived)", "residents", "units (official)"], rows, numeric: [2, 3, 4], escaped: false)
    }

    static func urbanization(_ result: RunResult) -> String {
        var names = Dictionary(result.townships.map { ($0.code.prefix(9).description, $0.name) }, uniquingKeysWith: { first, _ in first })
        for county in result.urbanization(.county) where names[county.code] == nil { names[county.code] = result.project.name }
        func rows(_ level: Urbanization.Level) -> [[String]] {
            result.urbanization(level).map { f in
                [f.code, names[f.code] ?? "", "\(f.totalPopulation)", "\(f.urbanPopulation)", percent(f.derivedRate), percent(f.officialRate)]
            }
        }
        let headers = ["code", "name", "residents", "urban residents", "rate (derived)", "rate (official)"]
        return "<h3>County</h3>\n" + table(headers, rows(.county), numeric: [2, 3, 4, 5])
            + "<h3>Townships</h3>\n" + table(headers, rows(.township), numeric: [2, 3, 4, 5])
            + "<p class=\"meta\">Urban residents live in units of class 1xx; derived from the land survey, official from the statistics codes.</p>\n"
    }

    /// Every finding of the input checks, worst first; notes record automatic fixes.
    static func checks(_ result: RunResult) -> String {
        let list = result.checks.checks.sorted { $0.severity < $1.severity }
        let rows = list.map { check -> [String] in
            let severity = "<span class=\"\(check.severity == .warning ? "fail" : "meta")\">\(check.severity.rawValue)</span>"
            return [severity, escape([check.layer, check.field].compactMap { $0 }.joined(separator: " ")), escape(check.message),
                    escape(check.fix ?? ""), escape(check.examples.prefix(5).joined(separator: "; "))]
        }
        let intro = "<p>Before any analysis the layers were checked against each other (\(escape(result.checks.tally))): "
            + "parcels against units by code and by location, every layer's extent against the land use, codes, fields and geometries. "
            + "Errors stop a run, so a report holds warnings and notes only; checks.csv lists them all.</p>\n"
        return intro + (rows.isEmpty ? "<p class=\"meta\">No findings.</p>\n"
            : table(["", "layer", "finding", "fix", "examples"], rows, escaped: false))
    }

    static func builtUpTable(_ result: RunResult) -> String {
        let rows = result.builtUp.regions.map { region -> [String] in
            [String(region.id), region.rank.map(\.description) ?? "seeds only",
             region.principalSeat.map { "\($0.code) \($0.name)" } ?? "–", String(region.parcels.count),
             String(format: "%.2f", region.footprintSquareMetres / 1e6), region.outlineSquareMetres.map { String(format: "%.2f", $0 / 1e6) } ?? "–"]
        }
        return table(["region", "rank", "principal seat", "parcels", "footprint km²", "outline km²"], rows, numeric: [0, 3, 4, 5])
    }

    static func targets(_ result: RunResult) -> String {
        let rows = result.targets.map { r -> [String] in
            let verdict = switch r.verdict {
            case .pass: "<span class=\"pass\">pass</span>"
            case .fail: "<span class=\"fail\">FAIL</span>"
            case .notApplicable: "<span class=\"meta\">n/a</span>"
            }
            let shortfall = r.shortfall.map { $0 > 0 ? String(format: "%.1f points", $0 * 100) : "–" } ?? escape(r.reason ?? "–")
            return [verdict, escape(TargetCheck.label(r.target)), escape(r.region), percent(r.value), shortfall, escape(r.target.source ?? "")]
        }
        return table(["", "target", "region", "value", "short by", "source"], rows, numeric: [3, 4], escaped: false)
    }

    static func review(_ result: RunResult) -> String {
        var html = ""
        for list in ReviewLists.List.allCases {
            let entries = result.review.filter { $0.list == list }
            html += "<h3>\(escape(list.description)) (\(entries.count))</h3>\n"
            guard !entries.isEmpty else {
                html += "<p class=\"meta\">None.</p>\n"
                continue
            }
            html += table(["basis", "code", "name", "derived", "official", "share", "evidence"], entries.map { entry in
                [entry.basis.rawValue, entry.unit.code, entry.unit.name, entry.unit.derivedClass.rawValue, entry.unit.officialClass?.rawValue ?? "–",
                 percent(entry.unit.share), entry.evidence]
            }, numeric: [5])
        }
        return html
    }

    static func coverageTable(_ result: RunResult, _ coverage: Coverage.Result) -> String {
        let types = Set(coverage.regions.map(\.type)).sorted()
        let rowOf = Dictionary(coverage.regions.map { ("\($0.region)|\($0.type.rawValue)", $0) }, uniquingKeysWith: { first, _ in first })
        let headers = ["township", "kind"] + types.map { type in
            "\(type.rawValue) \(Int(coverage.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres)) m"
        }
        let rows = result.townships.map { region -> [String] in
            [escape("\(region.code) \(region.name)"), escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                return "\(percent(row.residentialCoverage)) <span class=\"meta\">(\(row.facilities))</span>"
            }
        }
        let people = result.townships.map { region -> [String] in
            [escape("\(region.code) \(region.name)"), escape(region.kind ?? "")] + types.map { type in
                guard let row = rowOf["\(region.code)|\(type.rawValue)"] else { return "–" }
                let p90 = row.p90Distance.map { "\(Int($0.rounded())) m" } ?? "–"
                return "\(percent(row.populationCoverage)) <span class=\"meta\">· \(p90)</span>"
            }
        }
        return "<p>Share of residential land within each facility type's service radius (residential_land_coverage in coverage.csv), "
            + "with the facilities inside each township in brackets. Maps: townships by that share, uncovered residential parcels in red.</p>\n"
            + table(headers, rows, numeric: Array(2..<(2 + types.count)), escaped: false)
            + "<p>Share of residents within reach (population_coverage: "
            + (coverage.populationFromPoints ? "from the population points" : "each village's residents spread over its residential land") + "), "
            + "and the 90th percentile of the distance from residential parcels to the nearest facility (nearest_p90_m).</p>\n"
            + table(headers, people, numeric: Array(2..<(2 + types.count)), escaped: false)
    }

    static func inputTable(_ inputs: [Manifest.InputFile]) -> String {
        table(["role", "file", "bytes", "SHA-256"], inputs.map { [$0.role, $0.path, String($0.bytes), "<code>\($0.sha256)</code>"] }
            .map { [escape($0[0]), escape($0[1]), $0[2], $0[3]] }, numeric: [2], escaped: false)
    }

    static func parameters(_ result: RunResult) -> String {
        let p = result.project
        let radii = p.coverage.radii.sorted { $0.key < $1.key }.map { "\($0.key.rawValue) \(Int($0.value)) m" }.joined(separator: ", ")
        let rows: [[String]] = [
            ["built-up gap", String(format: "%g m", p.builtUp.gapMetres)],
            ["holes filled below", String(format: "%g km²", p.builtUp.fillHolesSquareMetres / 1e6)],
            ["seed settlement codes (CZCSXM)", p.builtUp.seedSettlementCodes.sorted().joined(separator: ", ")],
            ["fully connected from", percent(p.classification.fullShare)],
            ["partly connected from", "\(percent(p.classification.partialShare)) and \(String(format: "%g", p.classification.partialMinimumSquareMetres)) m²"],
            ["special area residents for 123", "\(p.classification.specialPopulation)"],
            ["service radii", radii],
            ["residential land", p.coverage.residentialCodes.sorted().joined(separator: ", ")],
            ["population", p.layers.population == nil ? "each village's residents spread over its residential land" : "population points (\(p.fields[.residents]))"],
        ]
        return table(["parameter", "value"], rows) + "<p class=\"meta\">manifest.json records every parameter, every input and output with its checksum, and the timings.</p>\n"
    }

    static func figure(_ map: ReportMap?) -> String {
        guard let map else { return "" }
        let counts = map.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        return "<figure data-map=\"\(escape(map.file))\">\n\(map.svg)<figcaption>\(escape(map.title)) — \(escape(counts)); also maps/\(escape(map.file))</figcaption>\n</figure>\n"
    }

    static func section(_ title: String, id: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(escape(title))</h2>\n\(content)</section>\n"
    }

    /// A table; cells are escaped unless `escaped` is false (they hold markup already escaped).
    static func table(_ headers: [String], _ rows: [[String]], numeric: [Int] = [], escaped: Bool = true) -> String {
        var html = "<table>\n<tr>" + headers.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                let text = escaped ? escape(cell) : cell
                return numeric.contains(index) ? "<td class=\"n\">\(text)</td>" : "<td>\(text)</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    static func percent(_ share: Double?) -> String { ShareText.percent(share) }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
