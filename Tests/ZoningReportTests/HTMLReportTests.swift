import Foundation
import Testing
import ZoningAnalysis
import ZoningLayers
import ZoningProject
@testable import ZoningReport
import ZoningTestSupport
import ZoningSampleRun

@Suite struct HTMLReportTests {
    func report() throws -> String {
        String(decoding: FileManager.default.contents(atPath: try SampleRun.get().folder + "/report.html")!, as: UTF8.self)
    }

    /// No network: no scripts, style sheets, images, fonts or frames from anywhere, and no URL
    /// but the SVG namespace.
    @Test func isSelfContained() throws {
        let html = try report()
        for forbidden in ["<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "@font-face"] {
            #expect(!html.contains(forbidden), "the report contains \(forbidden)")
        }
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") }, "\(Set(urls))")
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<meta charset=\"utf-8\">"))
    }

    /// The figures in the report are the ones in the CSV files, rounded as the report shows them.
    @Test func figuresMatchTheTables() throws {
        let run = try SampleRun.get(), html = try report(), text = ReportText(run.result.project.language)
        #expect(run.result.project.language == .zh)  // the sample's report is Chinese
        let urbanization = try CSVRows.read(run.folder + "/urbanization.csv")
        let all = try #require(urbanization.first { $0["level"] == "all" })
        let rate = String(format: "%.1f%%", Double(all["rate"]!)! * 100), official = String(format: "%.1f%%", Double(all["official_rate"]!)! * 100)
        #expect(html.contains("\(text.urbanizationDerived)<b>\(rate)</b>") && html.contains("\(text.urbanizationOfficial)<b>\(official)</b>"))
        for township in urbanization where township["level"] == "township" {
            let cells = "<td class=\"n\">\(township["population"]!)</td><td class=\"n\">\(township["urban_population"]!)</td><td class=\"n\">"
                + String(format: "%.1f%%", Double(township["rate"]!)! * 100) + "</td>"
            #expect(html.contains(cells), "township \(township["code"]!)")
        }
        for row in try CSVRows.read(run.folder + "/coverage.csv") {
            let share = row["residential_land_coverage"].flatMap(Double.init).map { String(format: "%.1f%%", $0 * 100) } ?? "–"
            #expect(html.contains("\(share) <span class=\"meta\">(\(row["facilities_inside"]!))</span>"), "\(row["region"]!) \(row["type"]!)")
            let people = row["population_coverage"].flatMap(Double.init).map { String(format: "%.1f%%", $0 * 100) } ?? "–"
            let p90 = row["nearest_p90_m"].flatMap(Double.init).map(text.metres) ?? "–"
            #expect(html.contains("\(people) <span class=\"meta\">· \(p90)</span>"), "\(row["region"]!) \(row["type"]!)")
        }
        let classes = Dictionary(grouping: try CSVRows.read(run.folder + "/classification.csv"), by: { $0["CLASS"]! }).mapValues(\.count)
        for (code, count) in classes { #expect(html.contains("\(code)</td><td>\(UrbanRuralClass(rawValue: code)!.name)</td><td class=\"n\">\(count)</td>")) }
        // Each target row of targets.csv is a row of the report with its verdict in words.
        for (row, result) in zip(try CSVRows.read(run.folder + "/targets.csv"), run.result.targets) {
            let style = ["pass": "pass", "fail": "fail", "n/a": "meta"][row["status"] ?? ""] ?? "?"
            #expect(result.verdict.rawValue == row["status"])
            #expect(html.contains("<span class=\"\(style)\">\(text.verdictWord(result.verdict))</span></td><td>\(HTMLReport.escape(text.target(result.target)))</td><td>\(row["region"]!)"), "\(row)")
        }
        // Each review list counts units and entries as review.csv holds them.
        let review = try CSVRows.read(run.folder + "/review.csv")
        for list in ReviewLists.List.allCases {
            let rows = review.filter { $0["list"] == list.rawValue }
            #expect(html.contains("\(HTMLReport.escape(text.list(list)))（\(text.unitsAndEntries(units: Set(rows.map { $0["code"]! }).count, entries: rows.count))）"), "\(list)")
        }
        // Every input check is listed in the report's checks section.
        let checks = try CSVRows.read(run.folder + "/checks.csv")
        #expect(!checks.isEmpty && html.contains("<section id=\"checks\">"))
        #expect(checks.map { $0["id"]! } == run.result.checks.checks.map(\.id))
        for check in run.result.checks.checks {
            #expect(check.messageZh != nil, "\(check.id) has no Chinese")
            #expect(html.contains("\(text.severity(check.severity))</span></td><td>\(text.checkTitle(check.id))</td><td>\(HTMLReport.escape([check.layer, check.field].compactMap { $0 }.joined(separator: " ")))</td><td>\(HTMLReport.escape(text.message(check)))</td>"), "\(check)")
        }
        #expect(html.contains("\(text.checksCard)<b>\(text.checksValue(warnings: 0))</b>"))
        // The class map numbers its villages, and the key gives each number's code and name.
        let units = try CSVRows.read(run.folder + "/classification.csv")
        let classMap = try String(contentsOfFile: run.folder + "/maps/classes.svg", encoding: .utf8)
        for (index, unit) in units.enumerated() {
            #expect(html.contains("<td class=\"n\">\(index + 1)</td><td>\(unit["XZQDM"]!)</td><td>\(unit["XZQMC"]!)</td><td>\(unit["CLASS"]!)</td>"))
            #expect(classMap.contains(">\(index + 1)</text>"))
        }
    }

    /// What each map draws, counted from the written layers and the input CSV, not from the maps.
    static func expectedCounts(_ folder: String) throws -> [String: [String: Int]] {
        // The maps dissolve the uncovered parcels per village: one shape per type and village.
        var villages: [String: Set<String>] = [:]
        // gaps.shp holds each uncovered parcel once, with the types that leave it uncovered.
        try LayerFile.open(folder + "/gaps.shp").forEach { gap in
            for type in gap.attributes[0].description.split(separator: ",") { villages[String(type), default: []].insert(gap.attributes[2].description) }
        }
        let facilities = Dictionary(grouping: try CSVRows.read(checkoutRoot + "/Shapefiles/facilities-gcj02.csv"), by: { FacilityType(name: $0["type"]!)?.rawValue ?? "?" }).mapValues(\.count)
        let units = try CSVRows.read(folder + "/classification.csv").count
        let regions = try CSVRows.read(folder + "/builtup-regions.csv").count
        var expected = [
            "classes.svg": ["villages": units, "townships": 9, "seats": 9],
            "builtup.svg": ["townships": 9, "builtup": regions, "seats": 9],
        ]
        for (type, count) in facilities {
            expected["coverage-\(type).svg"] = ["townships": 9, "service": count > 0 ? 1 : 0, "gaps": villages[type]?.count ?? 0, "facilities": count]
        }
        // Life circles: the service areas written per circle; the residential land dissolved per
        // village and level of reach, from each parcel's walks in life-circle-homes.shp; the
        // roads as one drawing; the facilities of the circle's types.
        var areas: [String: Int] = [:]
        try LayerFile.open(folder + "/life-circle-areas.shp").forEach { areas[$0.attributes[0].description, default: 0] += 1 }
        let homes = try LayerFile.open(folder + "/life-circle-homes.shp")
        var walks: [(village: String, metres: [String: Double])] = []
        try homes.forEach { feature in
            var metres: [String: Double] = [:]
            for (field, value) in zip(homes.schema.fields, feature.attributes) where field.name.hasSuffix("_WALK") {
                metres[String(field.name.dropLast(5))] = value.doubleValue ?? .infinity
            }
            walks.append((feature.attributes[0].description, metres))
        }
        for circle in LifeCircle.standard {
            let codes = circle.types.map { $0.columnCode }
            let levels = Set(walks.map { home -> String in
                let reached = codes.filter { (home.metres[$0] ?? .infinity) <= circle.walkMetres }.count
                return "\(home.village)|\(reached == 0 ? 0 : reached == codes.count ? 2 : 1)"
            })
            expected["life-circle-\(circle.name).svg"] = [
                "townships": 9, "service": areas[circle.name] ?? 0, "reach": levels.count, "roads": 1,
                "facilities": circle.types.reduce(0) { $0 + (facilities[$1.rawValue] ?? 0) }]
        }
        return expected
    }

    @Test func mapsDrawEveryFeature() throws {
        let run = try SampleRun.get()
        let gapsSchema = try LayerFile.open(run.folder + "/gaps.shp").schema
        #expect(gapsSchema.names.first == "TYPES")
        let drawn = Dictionary(uniqueKeysWithValues: try ReportMaps.draw(run.result.report).map { ($0.file, $0.counts) })
        #expect(drawn == (try Self.expectedCounts(run.folder)))
    }

    /// Opens the report in headless Chromium as a person would: a page around it (in a
    /// temporary folder) waits for it to load, then counts per map and layer the SVG elements
    /// with a non-empty box, and lists every resource the report fetched. Chromium must print no
    /// console message, the counts must equal what the written layers hold, and the screenshot
    /// must be a PNG of the window's size with content.
    @Test(.enabled(if: ExternalTool.chromium.isAvailable)) func opensInChromiumAndDrawsEveryFeature() throws {
        let run = try SampleRun.get()
        let folder = try TemporaryFolder()
        let probe = """
            <!DOCTYPE html><html><body>
            <iframe id="report" src="\(URL(fileURLWithPath: run.folder + "/report.html").absoluteString)" style="width:1200px;height:900px"></iframe>
            <pre id="result">not loaded</pre>
            <script>
            window.addEventListener("load", () => {
              const doc = document.getElementById("report").contentDocument;
              const out = {title: doc.title, maps: {}, resources: doc.defaultView.performance.getEntriesByType("resource").map(e => e.name)};
              for (const figure of doc.querySelectorAll("figure[data-map]")) {
                const layers = {};
                for (const group of figure.querySelectorAll("g.layer")) {
                  let drawn = 0;
                  for (const element of group.children) { const box = element.getBBox(); if (box.width > 0 || box.height > 0) drawn++; }
                  layers[group.dataset.layer] = drawn;
                }
                out.maps[figure.dataset.map] = layers;
              }
              document.getElementById("result").textContent = JSON.stringify(out);
            });
            </script></body></html>
            """
        try Data(probe.utf8).write(to: URL(fileURLWithPath: folder.file("probe.html")))
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.file("profile"))"]
        let dom = try ProcessOutcome.run(ExternalTool.chromium.path!, flags + [
            "--allow-file-access-from-files", "--enable-logging=stderr", "--v=0", "--dump-dom", "file://" + folder.file("probe.html")])
        #expect(dom.status == 0)
        let console = dom.errors.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "console messages: \(console)")
        let json = try #require(dom.output.components(separatedBy: "<pre id=\"result\">").dropFirst().first?.components(separatedBy: "</pre>").first)
        let result = try JSONValue(parsing: json.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">"))
        #expect(result["title"]?.stringValue == "样例市 (sample county) — 城乡划分与公共服务覆盖报告")
        #expect(result["resources"] == .array([]))
        let expected = try Self.expectedCounts(run.folder)
        var seen: [String: [String: Int]] = [:]
        for (map, layers) in result["maps"]?.object ?? [] {
            seen[map] = Dictionary(uniqueKeysWithValues: (layers.object ?? []).map { ($0.key, Int($0.value.text) ?? -1) })
        }
        #expect(seen == expected)

        let screenshot = folder.file("report.png")
        let shot = try ProcessOutcome.run(ExternalTool.chromium.path!, flags + [
            "--hide-scrollbars", "--window-size=1280,2400", "--screenshot=\(screenshot)", URL(fileURLWithPath: run.folder + "/report.html").absoluteString])
        #expect(shot.status == 0)
        let png = try #require(FileManager.default.contents(atPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let size = (png[16..<20].reduce(0) { $0 << 8 | Int($1) }, png[20..<24].reduce(0) { $0 << 8 | Int($1) })
        #expect(size == (1280, 2400))
        #expect(png.count > 100_000, "a blank page compresses to a few kB; the report's maps and tables do not")
    }

    /// Printed to PDF (A4), each map is on a page of its own, whole: its title and its caption
    /// are on the same page, and no two maps share one.
    @Test(.enabled(if: ExternalTool.chromium.isAvailable && ExternalTool.pdftotext.isAvailable)) func printsEachMapOnOnePage() throws {
        let run = try SampleRun.get()
        let folder = try TemporaryFolder()
        let pdf = folder.file("report.pdf")
        let printed = try ProcessOutcome.run(ExternalTool.chromium.path!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(folder.file("profile"))",
            "--no-pdf-header-footer", "--print-to-pdf=\(pdf)", URL(fileURLWithPath: run.folder + "/report.html").absoluteString])
        #expect(printed.status == 0 && FileManager.default.fileExists(atPath: pdf))
        // Text as pdftotext gives it, with line breaks (also at hyphens) and spaces taken out.
        func plain(_ text: String) -> String { text.filter { !$0.isWhitespace && $0 != "-" } }
        let pages = try ExternalTool.pdftotext.run([pdf, "-"]).split(separator: "\u{0C}", omittingEmptySubsequences: false).map { plain(String($0)) }
        let maps = try ReportMaps.draw(run.result.report)
        #expect(maps.count == 10)  // classes, built-up, five coverage maps, three life circles
        for map in maps {
            let withCaption = pages.indices.filter { pages[$0].contains(plain(map.also)) }
            #expect(withCaption.count == 1, "\(map.file) captioned on pages \(withCaption)")
            if let page = withCaption.first { #expect(pages[page].contains(plain(map.title)), "\(map.file): title and caption on different pages") }
        }
        let captions = pages.map { page in maps.filter { page.contains(plain($0.also)) }.count }
        #expect(captions.allSatisfy { $0 <= 1 }, "\(captions)")
    }
}
