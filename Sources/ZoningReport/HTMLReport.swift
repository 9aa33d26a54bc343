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
/// let html = HTMLReport.render(result, maps: try ReportMaps.draw(result), inputs: try Manifest.inputFiles(result), counties: result.countySummary)
/// ```
public enum HTMLReport {
    /// - Parameter counties: the run's county rows (`result.countySummary`), the same summary.csv holds.
    public static func render(_ result: ReportRun, maps: [ReportMap], inputs: [ReportInputFile], counties: [CountySummary]) -> String {
        let text = ReportText(result.language)
        var body = header(result)
        body += summary(result)
        body += section(text.countySummary, id: "county-summary", countySummary(result, counties))
        for part in StepReports.sections(result, maps: maps) { body += section(part.title, id: part.id, part.html) }
        body += section(text.inputs, id: "inputs", inputTable(inputs, text) + parameters(result))
        return """
            <!DOCTYPE html>
            <html lang="\(text.htmlLanguage)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="zoning \(result.version)">
            <title>\(escape(text.title(result.name)))</title>
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
        code{font-size:.85em}.key{columns:2;font-size:.8em}.key table{margin:0}
        @page{size:A4;margin:12mm}
        @media print{body{margin:0;max-width:none}section{break-before:auto}table{break-inside:avoid}figure{break-before:page;break-inside:avoid}figure svg{width:100%;max-height:245mm}}
        """

    /// The words of a run's report.
    static func words(_ result: ReportRun) -> ReportText { ReportText(result.language) }

    static func header(_ result: ReportRun) -> String {
        let text = words(result)
        return """
            <header>
            <h1>\(escape(text.title(result.name)))</h1>
            <p class="meta">\(escape(text.subtitle(version: result.version, crs: result.crs.description)))</p>
            </header>

            """
    }

    static func summary(_ result: ReportRun) -> String {
        let text = words(result)
        let all = result.urbanization(.all).first
        let compared = result.classes.filter { $0.agrees != nil }
        var cards = [
            (text.unitsCard, "\(result.classes.count)", text.unitsNote(townships: result.townships.count, parcels: result.parcels.count)),
            (text.urbanizationDerived, percent(all?.derivedRate), all.map { text.residentsNote(urban: $0.urbanPopulation, total: $0.totalPopulation) } ?? ""),
            (text.urbanizationOfficial, percent(all?.officialRate), text.officialNote(field: result.fields[.officialClass])),
            (text.regionsCard, "\(result.builtUp.regions.count)", text.regionsNote(km2: result.builtUp.areaSquareMetres / 1e6)),
            (text.agreeCard, compared.isEmpty ? "–" : "\(compared.filter { $0.agrees == true }.count) / \(compared.count)", text.agreeNote),
            (text.reviewCard, "\(Set(result.review.map(\.unit.code)).count)", text.reviewNote(entries: result.review.count, lists: Set(result.review.map(\.list)).count)),
            (text.checksCard, text.checksValue(warnings: result.checks.warnings.count), text.tally(result.checks)),
        ]
        if !result.targets.isEmpty {
            let applicable = result.targets.filter { $0.verdict != .notApplicable }
            cards.append((text.targetsCard, "\(applicable.filter(\.passes).count) / \(applicable.count)",
                          text.targetsNote(notApplicable: result.targets.count - applicable.count)))
        }
        let html = cards.map { title, value, note in
            "<div class=\"card\">\(escape(title))<b>\(escape(value))</b><span class=\"meta\">\(escape(note))</span></div>"
        }.joined(separator: "\n")
        return section(text.summary, id: "summary", "<div class=\"cards\">\n\(html)\n</div>\n")
    }

    /// The figures of summary.csv, one row per county.
    static func countySummary(_ result: ReportRun, _ rows: [CountySummary]) -> String {
        let text = words(result)
        let types = Array(Set(rows.flatMap(\.coverage.keys))).sorted()
        let headers = text.countyHeaders + types.map(text.coverageHeader) + [text.targetCounts]
        let body = rows.map { row -> [String] in
            [row.county, "\(row.population)", percent(row.urbanizationRate), percent(row.officialUrbanizationRate),
             String(format: "%.2f", row.builtUpSquareMetres / 1e6)]
                + types.map { percent(row.coverage[$0]?.residential ?? nil) }
                + ["\(row.targetsPassed) / \(row.targetsFailed) / \(row.targetsNotApplicable)"]
        }
        return table(headers, body, numeric: Array(1..<(headers.count - 1))) + "<p class=\"meta\">\(escape(text.countyNote))</p>\n"
    }









    static func inputTable(_ inputs: [ReportInputFile], _ text: ReportText) -> String {
        table(text.inputHeaders, inputs.map { [text.role($0.role), $0.path, $0.rows.map { text.rows($0) } ?? String($0.bytes), "<code>\($0.sha256)</code>"] }
            .map { [escape($0[0]), escape($0[1]), $0[2], $0[3]] }, numeric: [2], escaped: false)
    }

    static func parameters(_ result: ReportRun) -> String {
        let text = words(result)
        return table(text.parameterHeaders, text.parameterRows(result)) + "<p class=\"meta\">\(escape(text.manifestNote))</p>\n"
    }

    /// A map with its caption, for a report section.
    public static func figure(_ map: ReportMap?) -> String {
        guard let map else { return "" }
        return "<figure data-map=\"\(escape(map.file))\">\n\(map.svg)<figcaption>\(escape(map.caption))</figcaption>\n</figure>\n"
    }

    static func section(_ title: String, id: String, _ content: String) -> String {
        "<section id=\"\(id)\">\n<h2>\(escape(title))</h2>\n\(content)</section>\n"
    }

    /// A table; cells are escaped unless `escaped` is false (they hold markup already escaped).
    public static func table(_ headers: [String], _ rows: [[String]], numeric: [Int] = [], escaped: Bool = true) -> String {
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

    /// Text for HTML: `&`, `<`, `>` and `"` escaped.
    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
