import Foundation
import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
@testable import ZoningProject
@testable import ZoningReport
import ZoningSampleRun
import ZoningTestSupport

/// The run's layers open styled in QGIS itself (python3-qgis, headless): from the shapefiles
/// with their `.qml`, from `results.gpkg`'s `layer_styles`, and through `zoning.qgs` after the
/// folder is moved; the colours are the report's, and the classes map QGIS draws has, inside a
/// dozen units, the colour of each one's class.
@Suite struct StyleOutputsTests {
    /// The colours each layer's default style must have, from the report's own tables:
    /// `[layer: (renderer, field, [value: #rrggbbaa])]` for the categorised layers.
    static func expectedCategories(_ run: ReportRun) -> [String: (field: String, colours: [String: String])] {
        let types = Set(run.coverage?.regions.map(\.type) ?? []).sorted()
        let areaTypes = Set((run.results[LifeCircleStep.self]?.serviceAreas ?? []).map(\.type)).sorted()
        return [
            "villages-classified": ("CLASS", Dictionary(uniqueKeysWithValues: UrbanRuralClass.allCases.map { ($0.rawValue, opaque($0.colour)) })),
            "builtup-regions": ("RANK", Dictionary(uniqueKeysWithValues: ReportMaps.rankColours.map { ($0.rank?.description ?? "seeds only", opaque($0.colour)) })),
            "service-areas": ("TYPE", Dictionary(uniqueKeysWithValues: types.map { ($0.rawValue, opaque(ReportMaps.serviceFill)) })),
            "life-circle-areas": ("TYPE", Dictionary(uniqueKeysWithValues: areaTypes.map { ($0.rawValue, opaque(ReportMaps.walkAreaFill)) })),
        ]
    }

    /// `#rrggbb` as QGIS reports it, `#rrggbbff`.
    static func opaque(_ hex: String) -> String { hex.count == 7 ? hex + "ff" : hex }

    /// What QGIS reported of one layer, checked against the report's tables.
    static func checkLayer(_ layer: [String: Any], name: String, run: ReportRun, shares: [Double], context: String) {
        #expect(layer["valid"] as? Bool == true, "\(context): \(name) is not valid in QGIS")
        let categorised = expectedCategories(run)
        // Names as labels, in a CJK font, only at suitable scales.
        let label = layer["label"] as? [String: Any]
        switch name {
        case "villages-classified":
            #expect(label?["field"] as? String == "XZQMC" && label?["scale_visibility"] as? Bool == true && label?["minimum_scale"] as? Double == 50_000, "\(context): \(name)")
        case "regions-coverage":
            #expect(label?["field"] as? String == "NAME" && label?["scale_visibility"] as? Bool == true && label?["minimum_scale"] as? Double == 250_000, "\(context): \(name)")
        default:
            #expect(label == nil, "\(context): \(name)")
        }
        if let expected = categorised[name] {
            #expect(layer["renderer"] as? String == "categorizedSymbol", "\(context): \(name)")
            #expect(layer["field"] as? String == expected.field, "\(context): \(name)")
            let categories = (layer["categories"] as? [[Any]]) ?? []
            let found = Dictionary(categories.map { ("\($0[0])", "\($0[1])") }, uniquingKeysWith: { a, _ in a })
            #expect(found == expected.colours, "\(context): \(name)")
        } else if name == "regions-coverage" {
            // The first type's residential coverage in the report's quantile classes: each
            // township's stored share falls in the range of the colour the report's map gives it.
            #expect(layer["renderer"] as? String == "graduatedSymbol", "\(context): \(name)")
            let ranges = ((layer["ranges"] as? [[Any]]) ?? []).map { (lower: $0[0] as? Double ?? .nan, upper: $0[1] as? Double ?? .nan, colour: "\($0[2])") }
            #expect(!ranges.isEmpty)
            guard let coverage = run.coverage, let type = Set(coverage.regions.map(\.type)).sorted().first else { return }
            #expect(layer["field"] as? String == type.columnCode + "_RES")
            let classes = ReportMaps.coverageClasses(run, coverage, type)
            #expect(ranges.map(\.colour) == classes.map { $0.colour + "ff" }, "\(context): \(name)")
            for region in coverage.regions where region.type == type {
                guard let share = region.residentialCoverage else { continue }
                let stored = (share * 10_000).rounded() / 10_000
                let qgis = ranges.first { $0.lower <= stored && stored <= $0.upper }?.colour
                let report = classes.first { share <= $0.upper }.map { $0.colour + "ff" }
                #expect(qgis == report, "\(context): township \(region.region) share \(share)")
            }
        } else if name == "gaps" {
            // One rule per type, drawing the parcels whose TYPES names it, in the report's gap colour.
            #expect(layer["renderer"] as? String == "RuleRenderer", "\(context): \(name)")
            let rules = (layer["rules"] as? [[Any]]) ?? []
            let types = Set(run.coverage?.regions.map(\.type) ?? []).sorted()
            #expect(Set(rules.map { "\($0[0])" }) == Set(types.map { "\"TYPES\" LIKE '%\($0.rawValue)%'" }), "\(context): \(name)")
            #expect(rules.allSatisfy { "\($0[1])" == opaque(ReportMaps.gapColour) }, "\(context): \(name)")
        } else if name == "life-circle-homes" {
            #expect(layer["renderer"] as? String == "RuleRenderer", "\(context): \(name)")
            let colours = ((layer["rules"] as? [[Any]]) ?? []).map { "\($0[1])" }
            let circle = run.lifeCircles.circles[0]
            let levels = circle.types.count > 1 ? [2, 1, 0] : [2, 0]
            #expect(colours == levels.map { ReportMaps.reachColours[$0] + "ff" }, "\(context): \(name)")
        } else {
            Issue.record("\(context): \(name) has no expected style")
        }
    }

    @Test func aStyleForAFieldTheLayerLacksIsAnError() throws {
        let run = try SampleRun.get()
        var style = try #require(LayerStyles.defaults(StyleOutputs.groups(run.result.report)).first { $0.layer == "villages-classified" })
        try StyleOutputs.check([style], folder: run.folder)
        style.renderer = .categories(field: "CLASS2", [])
        #expect(throws: MapStyleError.self) { try StyleOutputs.check([style], folder: run.folder) }
        do {
            try StyleOutputs.check([style], folder: run.folder)
        } catch let error as MapStyleError {
            #expect("\(error)".contains("villages-classified") && "\(error)".contains("CLASS2") && "\(error)".contains("XZQMC"))
        }
        // The label's field and a subset's are checked too.
        style = try #require(LayerStyles.defaults(StyleOutputs.groups(run.result.report)).first { $0.layer == "villages-classified" })
        style.label = MapStyle.Label(field: "NAME", maxScale: 50_000)
        #expect(throws: MapStyleError.missingField(layer: "villages-classified", field: "NAME", has: try LayerFile.open(run.folder + "/villages-classified.shp").schema.fields.map(\.name))) {
            try StyleOutputs.check([style], folder: run.folder)
        }
        style = MapStyle(layer: "no-such-layer", title: "", renderer: .rules([]))
        #expect(throws: MapStyleError.self) { try StyleOutputs.check([style], folder: run.folder) }
    }

    /// A style file per layer beside it, listed in the manifest; the project's paths are relative.
    @Test func styleFilesBesideEachShapefile() throws {
        let run = try SampleRun.get()
        let files = try FileManager.default.contentsOfDirectory(atPath: run.folder)
        let layers = files.filter { $0.hasSuffix(".shp") }.map { String($0.dropLast(4)) }
        #expect(layers.count == 7)
        let manifest = try String(contentsOfFile: run.folder + "/manifest.json", encoding: .utf8)
        for layer in layers {
            #expect(files.contains(layer + ".qml") && files.contains(layer + ".sld"), "\(layer)")
            #expect(manifest.contains("\"\(layer).qml\"") && manifest.contains("\"\(layer).sld\""), "\(layer)")
        }
        let project = try String(contentsOfFile: run.folder + "/" + StyleOutputs.projectFile, encoding: .utf8)
        #expect(project.contains("<datasource>./villages-classified.shp</datasource>"))
        #expect(!project.contains(run.folder))
        #expect(project.contains("城乡分类：村级单位"))
    }

    @Test(.enabled(if: QGISPython.isAvailable || SharedData.inCI, QGISPython.skipReason))
    func everyLayerOpensStyledInQGIS() throws {
        let run = try SampleRun.get()
        let report = run.result.report
        // A GeoPackage run of the same sample, and the shapefile run moved elsewhere.
        let folder = try TemporaryFolder()
        var gpkgProject = try SampleRun.project(writingTo: folder.file("gpkg"))
        gpkgProject.layerOutputFormat = .geoPackage
        try ProjectRun.run(gpkgProject, overwrite: false)
        try FileManager.default.createDirectory(atPath: folder.file("moved"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: run.folder, toPath: folder.file("moved/elsewhere"))
        let moved = folder.file("moved/elsewhere")

        let layers = try FileManager.default.contentsOfDirectory(atPath: run.folder).filter { $0.hasSuffix(".shp") }.map { String($0.dropLast(4)) }.sorted()
        // A dozen units, every class among them: each one's interior point and class colour.
        let units = try LayerFile.open(run.folder + "/villages-classified.shp")
        var points: [(x: Double, y: Double, colour: String, unit: String)] = []
        let classIndex = try #require(units.schema.fields.firstIndex { $0.name == "CLASS" })
        var byClass: [String: Int] = [:]
        try units.forEach { feature in
            guard case .string(let code) = feature.attributes[classIndex], let geometry = feature.geometry,
                let urbanRural = UrbanRuralClass(rawValue: code), byClass[code, default: 0] < (code == "220" ? 4 : 2) else { return }
            byClass[code, default: 0] += 1
            let point = try geometry.pointOnSurface().coordinates[0]
            points.append((point.x, point.y, urbanRural.colour + "ff", "\(feature.attributes[0])"))
        }
        #expect(points.count >= 12 && Set(points.map(\.colour)).count == Set(run.result.report.classes.map(\.derivedClass)).count)

        let png = folder.file("classes.png")
        let start = Date()
        let result = try QGISPython.check([
            "layers": layers.map { ["source": run.folder + "/\($0).shp", "name": $0] }
                + layers.map { ["source": folder.file("gpkg/results.gpkg") + "|layername=\($0)", "name": $0] },
            "slds": layers.map { ["source": run.folder + "/\($0).shp", "sld": run.folder + "/\($0).sld", "name": $0] },
            "project": moved + "/" + StyleOutputs.projectFile,
            "render": ["layer": ReportText(report.language).classesMapTitle, "png": png, "points": points.map { [$0.x, $0.y] }],
        ])
        let seconds = Date().timeIntervalSince(start)
        #expect(seconds < 60, "QGIS took \(seconds) s")

        let opened = try #require(result["layers"] as? [[String: Any]])
        #expect(opened.count == 2 * layers.count)
        for (index, layer) in opened.enumerated() {
            let name = layers[index % layers.count]
            Self.checkLayer(layer, name: name, run: report, shares: [], context: index < layers.count ? "shapefile" : "results.gpkg")
        }
        // QGIS reads the SLD files' rules with the same colours.
        let slds = try #require(result["slds"] as? [[String: Any]])
        for (index, sld) in slds.enumerated() {
            #expect(sld["loaded"] as? Bool == true, "\(layers[index]).sld: \(sld["message"] ?? "")")
            if let expected = Self.expectedCategories(report)[layers[index]] {
                let colours = Set(((sld["rules"] as? [[Any]]) ?? []).map { "\($0[1])" })
                #expect(colours == Set(expected.colours.values), "\(layers[index]).sld")
            }
        }
        // The moved project: every layer valid, grouped as the report's sections, in its CRS.
        let project = try #require(result["project"] as? [String: Any])
        #expect(project["read"] as? Bool == true)
        let projectLayers = try #require(project["layers"] as? [[String: Any]])
        let groups = StyleOutputs.groups(report)
        #expect(projectLayers.count == groups.flatMap(\.all).count)
        for layer in projectLayers {
            #expect(layer["valid"] as? Bool == true, "\(layer["name"] ?? "")")
            #expect(((layer["source"] as? String) ?? "").hasPrefix(moved), "\(layer["source"] ?? "")")
            #expect(((layer["features"] as? Int) ?? 0) > 0, "\(layer["name"] ?? "")")
        }
        let text = ReportText(report.language)
        // The groups in the report's order of sections.
        #expect(Array(((project["groups"] as? [String]) ?? []).prefix(4)) == [text.classes, text.builtUp, text.coverage, text.lifeCircles])
        #expect(project["crs_valid"] as? Bool == true)
        #expect((project["crs_proj"] as? String ?? "").contains("+lon_0=120"))
        // The classes map QGIS draws: the class colour inside each unit.
        let render = try #require(result["render"] as? [String: Any])
        let colours = try #require(render["colours"] as? [String])
        #expect(colours.count == points.count)
        for (point, colour) in zip(points, colours) {
            #expect(Self.close(colour, point.colour), "unit \(point.unit) at (\(point.x), \(point.y)): \(colour), not its class's \(point.colour)")
        }
        #expect(FileManager.default.fileExists(atPath: png))
        // GDAL still opens every output: each layer, and the GeoPackage with its styles table.
        guard ExternalTool.ogrinfo.isAvailable else { return }
        for layer in layers {
            #expect(try ExternalTool.ogrinfo.run(["-ro", "-so", run.folder + "/\(layer).shp", layer]).contains("Feature Count:"), "\(layer)")
        }
        let listing = try ExternalTool.ogrinfo.run(["-ro", "-q", folder.file("gpkg/results.gpkg")])
        for layer in layers + [StyleOutputs.stylesTable] { #expect(listing.contains(": \(layer)"), "\(layer) in \(listing)") }
        let styles = try ExternalTool.ogrinfo.run(["-ro", "-so", folder.file("gpkg/results.gpkg"), StyleOutputs.stylesTable])
        #expect(styles.contains("Feature Count: \(layers.count)"))
    }

    /// Two `#rrggbbaa` colours within 3 per channel (anti-aliasing aside, QGIS draws exact fills).
    static func close(_ a: String, _ b: String) -> Bool {
        func channels(_ hex: String) -> [Int] { stride(from: 1, to: 9, by: 2).map { Int(String(Array(hex)[$0..<$0 + 2]), radix: 16) ?? -99 } }
        guard a.count == 9, b.count == 9 else { return false }
        return zip(channels(a), channels(b)).allSatisfy { abs($0 - $1) <= 3 }
    }

    @Test func qgisIsPresentInCI() {
        // Scripts/test.sh installs python3-qgis; the QGIS tests must not skip in CI.
        if SharedData.inCI { #expect(QGISPython.isAvailable, "python3-qgis is missing in CI") }
    }
}
