import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import FoundationXML
import Testing
@testable import ZoningCommands
import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry
import ZoningLayers
import ZoningReport
import ZoningTestSupport

/// `zoning serve` with Debian's QGIS Server (`qgis_mapserver`, Scripts/test.sh installs
/// `qgis-server`): the sample run served on a free loopback port answers WMS, GetLegendGraphic,
/// GetFeatureInfo and OGC API – Features as the run's files say, read-only, and Ctrl-C stops
/// it; bad projects are refused before anything is served.
@Suite struct ServeTests {
    static let mapserver = Serve.mapserver()
    static var qgisMissing: Bool { mapserver == nil && ProcessInfo.processInfo.environment["CI"] != "true" }

    // MARK: - the sample run, served

    /// One server on the sample run, asked everything a client asks, then stopped with Ctrl-C.
    @Test(.disabled(if: qgisMissing, "QGIS Server (qgis_mapserver, Debian qgis-server) is not installed"))
    func servesTheSampleRun() throws {
        try #require(Self.mapserver != nil, "CI needs qgis_mapserver (Debian qgis-server)")
        let run = try SampleRunFolder.get()
        let project = try ProjectFixture(contentsOf: run + "/zoning.qgs")
        let port = try FreePort.find()
        let server = try ServeProcess(["serve", run, "--listen", "127.0.0.1:\(port)"])
        defer { server.kill() }
        let printed = try server.waitUntilServing()
        let base = "http://127.0.0.1:\(port)"
        #expect(printed.contains("\(base)/ows/?SERVICE=WMS&REQUEST=GetCapabilities") && printed.contains("\(base)/wfs3"), "\(printed)")

        // WMS GetCapabilities names every layer the project publishes.
        let capabilities = try HTTP.get("\(base)/ows/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities")
        let names = try Self.layerNames(inCapabilities: capabilities.data)
        #expect(!project.layers.isEmpty)
        #expect(Set(project.layers.map(\.wmsName)).count == project.layers.count, "served names repeat: \(project.layers.map(\.wmsName))")
        #expect(!server.errorsSoFar.contains("Note:"), "\(server.errorsSoFar)")
        for layer in project.layers { #expect(names.contains(layer.wmsName), "GetCapabilities lacks \(layer.wmsName): \(names)") }

        // GetMap of the classified villages: at the interior point of a dozen units, the
        // colour the report gives the unit's class.
        let villages = try #require(project.layers.first { $0.file?.hasSuffix("villages-classified.shp") == true }, "no layer reads villages-classified.shp")
        let units = try Self.dozenUnits(run + "/villages-classified.shp")
        let extent = units.extent
        let metresPerPixel = 100.0
        let width = Int(((extent.maxX - extent.minX) / metresPerPixel).rounded()), height = Int(((extent.maxY - extent.minY) / metresPerPixel).rounded())
        let box = "\(extent.minX),\(extent.minY),\(extent.maxX),\(extent.maxY)"
        let map = try HTTP.get("\(base)/ows/?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap&LAYERS=\(villages.wmsName.urlQuery)&STYLES=&SRS=EPSG:4528&BBOX=\(box)&WIDTH=\(width)&HEIGHT=\(height)&FORMAT=image/png&TRANSPARENT=TRUE")
        #expect(map.type == "image/png")
        let png = try PNGPixels(map.data)
        #expect(png.width == width && png.height == height)
        for unit in units.chosen {
            let x = Int((unit.point.x - extent.minX) / metresPerPixel), y = Int((extent.maxY - unit.point.y) / metresPerPixel)
            #expect(png.commonRGB(x: x, y: y) == unit.class.colour, "unit \(unit.code) (class \(unit.class.rawValue)) at pixel \(x),\(y)")
        }
        #expect(Set(units.chosen.map(\.class)).count == Set(units.all.map(\.class)).count, "the dozen cover every class the run has")

        // GetFeatureInfo at a unit's interior point gives that unit's code.
        for unit in units.chosen.prefix(4) {
            let x = Int((unit.point.x - extent.minX) / metresPerPixel), y = Int((extent.maxY - unit.point.y) / metresPerPixel)
            let info = try HTTP.get("\(base)/ows/?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetFeatureInfo&LAYERS=\(villages.wmsName.urlQuery)&QUERY_LAYERS=\(villages.wmsName.urlQuery)&STYLES=&SRS=EPSG:4528&BBOX=\(box)&WIDTH=\(width)&HEIGHT=\(height)&X=\(x)&Y=\(y)&INFO_FORMAT=application/json&FEATURE_COUNT=5")
            let json = try #require(try JSONSerialization.jsonObject(with: info.data) as? [String: Any], "\(String(decoding: info.data, as: UTF8.self))")
            let features = try #require(json["features"] as? [[String: Any]])
            let codes = features.compactMap { ($0["properties"] as? [String: Any]).flatMap { $0["XZQDM"] as? String } }
            #expect(codes == [unit.code], "GetFeatureInfo at \(unit.code)'s interior point: \(features)")
        }

        // GetLegendGraphic: a PNG with the legend.
        let legend = try HTTP.get("\(base)/ows/?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYERS=\(villages.wmsName.urlQuery)&FORMAT=image/png&STYLES=")
        #expect(legend.type == "image/png")
        let legendPNG = try PNGPixels(legend.data)
        #expect(legendPNG.width > 20 && legendPNG.height > 20)

        // OGC API – Features through GDAL's driver: every layer published for WFS is a
        // collection with as many features as its file holds.
        let ogrinfo = try ExternalTool.ogrinfo.run(["-ro", "-al", "-so", "OAPIF:\(base)/wfs3"])
        let served = Self.featureCounts(ogrinfo)
        let published = project.layers.filter { project.wfsLayerIDs.contains($0.id) }
        #expect(published.contains { $0.id == villages.id }, "the villages layer is published for WFS")
        for layer in published {
            let file = try #require(layer.file, "\(layer.name) has no file")
            // The layer's own features: those of its file (or of its layer in a container) that
            // meet its subset, counted by GDAL from the file.
            let inside = layer.containerLayer ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let arguments = ["-ro", "-so"] + (layer.subset.map { ["-where", $0] } ?? []) + [run + "/" + file, inside]
            let held = try #require(Self.featureCounts(try ExternalTool.ogrinfo.run(arguments)).values.first)
            #expect(served[layer.wmsName] == held, "collection \(layer.wmsName): \(served[layer.wmsName] ?? -1) features served, \(held) in \(file)")
        }

        // Read-only: adding a feature is refused, and the file stays as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: run + "/villages-classified.dbf"))
        let insert = try HTTP.request(
            "\(base)/wfs3/collections/\(villages.wmsName.urlPath)/items", method: "POST",
            body: Data(#"{"type":"Feature","geometry":{"type":"Point","coordinates":[120,36.3]},"properties":{"XZQDM":"999999999999"}}"#.utf8),
            contentType: "application/geo+json")
        #expect([403, 405].contains(insert.status), "POST answered \(insert.status)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: run + "/villages-classified.dbf")) == before)

        // Ctrl-C: zoning exits 130 and the server with it.
        #expect(server.interrupt() == 130)
        #expect(!FreePort.accepts(port), "something still answers on \(port) after Ctrl-C")
        // The connections just closed linger on the port (TIME_WAIT): serving again there at
        // once is not refused as a port in use.
        #expect(try ListenAddress("127.0.0.1:\(port)").inUse() == nil)
    }

    // MARK: - refused before serving

    /// A project whose files are gone is reported layer by layer, and no server starts.
    @Test func missingLayersAreReportedByLayer() throws {
        let folder = try TemporaryFolder()
        try SampleFiles.copyVillages(to: folder.path, as: "villages-classified")
        try ProjectFixture.write(to: folder.file("zoning.qgs"), layers: [
            .init(id: "villages_classified", name: "村级单元", source: "./villages-classified.shp"),
            .init(id: "gaps_layer", name: "服务缺口", source: "./gaps.shp"),
            .init(id: "regions_layer", name: "建成区", source: "./results.gpkg|layername=builtup_regions"),
        ])
        try FileManager.default.removeItem(atPath: folder.file("villages-classified.dbf"))
        let port = try FreePort.find()
        let outcome = try CommandLine.run(["serve", folder.path, "--listen", "127.0.0.1:\(port)"])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("3 of 3 layers are missing; nothing was served"), "\(outcome.errors)")
        #expect(outcome.errors.contains("村级单元: villages-classified.dbf is missing beside ./villages-classified.shp"))
        #expect(outcome.errors.contains("服务缺口: ./gaps.shp is missing (\(folder.path)/gaps.shp)"))
        #expect(outcome.errors.contains("建成区: ./results.gpkg is missing"))
        #expect(!outcome.output.contains("QGIS Server serves"))
        #expect(!FreePort.accepts(port))
    }

    /// A project that lets WFS-T edit a layer is refused: the service is read-only.
    @Test func editableProjectIsRefused() throws {
        let folder = try TemporaryFolder()
        try SampleFiles.copyVillages(to: folder.path, as: "villages-classified")
        try ProjectFixture.write(
            to: folder.file("edit.qgs"), layers: [.init(id: "villages_classified", name: "村级单元", source: "./villages-classified.shp")],
            editable: ["villages_classified"])
        let outcome = try CommandLine.run(["serve", folder.file("edit.qgs")])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("lets WFS-T edit 村级单元; zoning serve serves read-only"), "\(outcome.errors)")
    }

    /// Without qgis_mapserver on PATH, the message names the package to install.
    @Test func withoutQGISServerItNamesThePackage() throws {
        let folder = try TemporaryFolder()
        try SampleFiles.copyVillages(to: folder.path, as: "villages-classified")
        try ProjectFixture.write(to: folder.file("zoning.qgs"), layers: [.init(id: "villages_classified", name: "村级单元", source: "./villages-classified.shp")])
        let outcome = try CommandLine.run(["serve", folder.path], environment: ["PATH": folder.file("no-programs")])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("QGIS Server is not installed") && outcome.errors.contains("sudo apt-get install qgis-server"), "\(outcome.errors)")
    }

    /// What to serve and where: a folder without zoning.qgs, a .qgz, a port in use, a bad --listen.
    @Test func badTargetsAndAddresses() throws {
        let folder = try TemporaryFolder()
        var outcome = try CommandLine.run(["serve", folder.path])
        #expect(outcome.status == 1 && outcome.errors.contains("has no zoning.qgs"), "\(outcome.errors)")
        _ = FileManager.default.createFile(atPath: folder.file("county.qgz"), contents: Data("PK".utf8))
        outcome = try CommandLine.run(["serve", folder.file("county.qgz")])
        #expect(outcome.status == 1 && outcome.errors.contains("save it as .qgs"), "\(outcome.errors)")
        outcome = try CommandLine.run(["serve", folder.path, "--listen", "127.0.0.1"])
        #expect(outcome.status != 0 && outcome.errors.contains("--listen is HOST:PORT"), "\(outcome.errors)")
        outcome = try CommandLine.run(["serve", folder.path, "--listen", "127.0.0.1:70000"])
        #expect(outcome.status != 0 && outcome.errors.contains("--listen is HOST:PORT"), "\(outcome.errors)")

        guard Self.mapserver != nil else { return }
        try SampleFiles.copyVillages(to: folder.path, as: "villages-classified")
        try ProjectFixture.write(to: folder.file("zoning.qgs"), layers: [.init(id: "villages_classified", name: "村级单元", source: "./villages-classified.shp")])
        let taken = try FreePort.Held()
        outcome = try CommandLine.run(["serve", folder.path, "--listen", "127.0.0.1:\(taken.port)"])
        #expect(outcome.status == 1 && outcome.errors.contains("127.0.0.1:\(taken.port) is in use by another program"), "\(outcome.errors)")
    }

    /// A project that publishes no layer for OGC API – Features, or gives two layers one name,
    /// gets a note saying what clients will miss; one that does neither gets none.
    @Test func publicationNotes() throws {
        let folder = try TemporaryFolder()
        let layers: [ProjectFixture.Layer] = [
            .init(id: "zoning_service_areas_1", name: "服务范围（1000米）", source: "./service-areas.shp"),
            .init(id: "zoning_service_areas_2", name: "服务范围（1000米）", source: "./service-areas.shp"),
        ]
        try ProjectFixture.write(to: folder.file("a.qgs"), layers: layers)
        let notes = try QGISProjectLayers(contentsOf: folder.file("a.qgs")).publicationNotes
        #expect(notes.count == 2)
        #expect(notes.first?.hasPrefix("the project publishes no layer for WFS and OGC API – Features") == true, "\(notes)")
        #expect(notes.last?.hasPrefix("1 names are each given to several layers, of which WMS and OGC API clients reach one: 服务范围（1000米）") == true, "\(notes)")
        var named = layers
        named[1].shortName = "service-areas-clinic"
        try ProjectFixture.write(to: folder.file("b.qgs"), layers: named, wfs: ["zoning_service_areas_1"])
        #expect(try QGISProjectLayers(contentsOf: folder.file("b.qgs")).publicationNotes.isEmpty)
    }

    /// A PostGIS layer's datasource, as QGIS writes it, read into its parts.
    @Test func postgisDatasourceParts() {
        let parts = QGISProjectLayers.connectionParts(
            #"dbname='county db' host=/tmp/pg port=5433 user='gis' password='it\'s' sslmode=disable key='fid' srid=4528 type=MultiPolygon checkPrimaryKeyUnicity='1' table="样例市_latest"."villages_classified" (geom)"#)
        #expect(parts["dbname"] == "county db" && parts["host"] == "/tmp/pg" && parts["port"] == "5433")
        #expect(parts["password"] == "it's" && parts["user"] == "gis" && parts["srid"] == "4528")
        #expect(parts["table"] == #""样例市_latest"."villages_classified""#)
        #expect(parts["checkPrimaryKeyUnicity"] == "1")
    }

    /// A PostGIS layer whose table is gone, or that its user may not read, is reported by layer;
    /// one whose table is there and readable is not.
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func missingTableIsReported() throws {
        let url = try TestDatabase.requiredURL()
        let schema = TestDatabase.uniqueName("serve")
        let database = try DatabaseConnection(DatabaseURL(url))
        let reader = schema + "_reader"
        for statement in [
            "CREATE SCHEMA \(schema)", "CREATE TABLE \(schema).here (id int)", "CREATE ROLE \(reader) LOGIN PASSWORD 'reader-password'",
            "GRANT USAGE ON SCHEMA \(schema) TO \(reader)",
        ] { _ = try database.execute(statement) }
        defer {
            _ = try? database.execute("DROP SCHEMA \(schema) CASCADE")
            _ = try? database.execute("DROP ROLE \(reader)")
        }
        // postgresql://USER:PASSWORD@/DATABASE?host=FOLDER, as QGIS writes it in a datasource
        let components = try #require(URLComponents(string: url))
        let host = components.queryItems?.first { $0.name == "host" }?.value ?? components.host ?? "localhost"
        let port = components.queryItems?.first { $0.name == "port" }?.value ?? components.port.map(String.init)
        func source(_ table: String, user: String? = nil) throws -> String {
            "dbname='\(components.path.dropFirst())' host=\(host)" + (port.map { " port=\($0)" } ?? "")
                + " user='\(user ?? components.user ?? "")' password='\(user == nil ? try TestDatabase.password() : "reader-password")'"
                + " sslmode=disable key='id' table=\"\(schema)\".\"\(table)\" (geom)"
        }
        let folder = try TemporaryFolder()
        try ProjectFixture.write(to: folder.file("db.qgs"), layers: [
            .init(id: "here", name: "here", source: try source("here"), provider: "postgres"),
            .init(id: "gone", name: "gone", source: try source("gone"), provider: "postgres"),
            .init(id: "unreadable", name: "unreadable", source: try source("here", user: reader), provider: "postgres"),
        ])
        let check = try QGISProjectLayers(contentsOf: folder.file("db.qgs")).check()
        #expect(check.missing.count == 2, "\(check)")
        #expect(check.missing.first?.hasPrefix("gone: table \"\(schema)\".\"gone\" is missing") == true, "\(check)")
        #expect(check.missing.last == "unreadable: table \"\(schema)\".\"here\" is there, but \(reader) may not read it (GRANT SELECT, docs/SERVING.md)", "\(check)")
    }

    // MARK: - helpers

    /// The `<Name>`s of the layers in a WMS capabilities document.
    static func layerNames(inCapabilities data: Data) throws -> Set<String> {
        let document = try XMLDocument(data: data, options: [])
        return Set(try document.nodes(forXPath: "//*[local-name()='Layer']/*[local-name()='Name']").compactMap(\.stringValue))
    }

    /// `Layer name:` → `Feature Count:` in what `ogrinfo -so` prints.
    static func featureCounts(_ ogrinfo: String) -> [String: Int] {
        var counts: [String: Int] = [:], current: String?
        for line in ogrinfo.split(separator: "\n") {
            if line.hasPrefix("Layer name: ") { current = String(line.dropFirst("Layer name: ".count)) }
            if line.hasPrefix("Feature Count: "), let current { counts[current] = Int(line.dropFirst("Feature Count: ".count)) }
        }
        return counts
    }

    struct Unit {
        var code: String
        var `class`: UrbanRuralClass
        var point: Coordinate
    }

    /// Every unit of the classified villages with its interior point, and a dozen of them: one
    /// of each class first, then spread over the rest.
    static func dozenUnits(_ path: String) throws -> (all: [Unit], chosen: [Unit], extent: Bounds) {
        let source = try LayerFile.open(path)
        let code = try #require(source.schema.index(of: "XZQDM")), kind = try #require(source.schema.index(of: "CLASS"))
        var units: [Unit] = [], extent: Bounds?
        try source.forEach { feature in
            guard let geometry = feature.geometry, let bounds = geometry.bounds else { return }
            let point = try geometry.pointOnSurface().coordinates[0]
            let value = feature.attributes[kind].description
            guard let urbanRural = UrbanRuralClass(rawValue: value) else { throw PNGPixels.Failure(description: "class \(value) is not a class") }
            units.append(Unit(code: feature.attributes[code].description, class: urbanRural, point: point))
            extent = extent.map { $0.union(bounds) } ?? bounds
        }
        var chosen: [Unit] = []
        for unit in units.sorted(by: { $0.code < $1.code }) where !chosen.contains(where: { $0.class == unit.class }) { chosen.append(unit) }
        let step = max(1, units.count / (12 - chosen.count))
        for index in stride(from: 0, to: units.count, by: step) where chosen.count < 12 && !chosen.contains(where: { $0.code == units[index].code }) {
            chosen.append(units[index])
        }
        return (units, chosen, try #require(extent))
    }
}

/// Why a test's helper could not do its part.
struct ServeTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    var urlQuery: String { addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? self }
    var urlPath: String { addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? self }
}

/// The sample run, once per test process, in a temporary folder, by the `zoning` binary: its
/// layers, styles and `zoning.qgs`.
enum SampleRunFolder {
    private static let shared: Result<String, ServeTestFailure> = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-serve-\(UUID().uuidString)/sample").path
        do {
            let outcome = try CommandLine.run(["run", checkoutRoot + "/Shapefiles/project.yaml", "--out", folder, "-q"])
            guard outcome.status == 0 else { return .failure(ServeTestFailure("the sample run failed: \(outcome.errors)")) }
            return .success(folder)
        } catch {
            return .failure(ServeTestFailure("the sample run failed: \(error)"))
        }
    }()

    static func get() throws -> String { try shared.get() }
}

/// The sample's village layer copied into a folder under another name.
enum SampleFiles {
    static func copyVillages(to folder: String, as name: String) throws {
        for part in ["shp", "shx", "dbf", "prj", "cpg"] {
            let from = checkoutRoot + "/Shapefiles/villages.\(part)"
            guard FileManager.default.fileExists(atPath: from) else { continue }
            try FileManager.default.copyItem(atPath: from, toPath: "\(folder)/\(name).\(part)")
        }
    }
}

/// A QGIS project (.qgs): written by hand for tests, or read back (its layers, their WMS
/// names and files, the layers published for WFS).
struct ProjectFixture {
    struct Layer {
        var id: String
        var name: String
        var source: String
        var provider = "ogr"
        /// The name WMS and OGC API use: the short name when set, else the layer's name.
        var wmsName: String { shortName.isEmpty ? name : shortName }
        var shortName = ""

        init(id: String, name: String, source: String, provider: String = "ogr", shortName: String = "") {
            (self.id, self.name, self.source, self.provider, self.shortName) = (id, name, source, provider, shortName)
        }

        /// The file relative to the project, for file layers.
        var file: String? {
            guard provider == "ogr" else { return nil }
            let path = String(source.prefix { $0 != "|" })
            return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        }

        /// The layer inside a container (`results.gpkg|layername=villages`).
        var containerLayer: String? {
            source.range(of: "|layername=").map { String(source[$0.upperBound...].prefix { $0 != "|" }) }
        }

        /// The layer's filter (`./gaps.shp|subset="TYPE" = 'clinic'`), an OGR SQL condition.
        var subset: String? {
            source.range(of: "|subset=").map { String(source[$0.upperBound...]) }
        }
    }

    var layers: [Layer]
    var wfsLayerIDs: Set<String>

    init(contentsOf path: String) throws {
        let document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        func text(_ node: XMLNode, _ child: String) -> String { ((try? node.nodes(forXPath: child))?.first?.stringValue ?? "").trimmingCharacters(in: .whitespaces) }
        layers = try document.nodes(forXPath: "/qgis/projectlayers/maplayer").map {
            Layer(id: text($0, "id"), name: text($0, "layername"), source: text($0, "datasource"), provider: text($0, "provider"), shortName: text($0, "shortname"))
        }
        wfsLayerIDs = Set(try document.nodes(forXPath: "/qgis/properties/WFSLayers/value").compactMap(\.stringValue))
    }

    /// Writes a project with these layers (relative paths), some published for WFS, some
    /// editable by WFS-T.
    static func write(to path: String, layers: [Layer], wfs: [String] = [], editable: [String] = []) throws {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let tree = layers.map { #"<layer-tree-layer id="\#($0.id)" name="\#(escaped($0.name))" providerKey="\#($0.provider)" checked="Qt::Checked" expanded="1"/>"# }
        let maps = layers.map {
            """
                <maplayer type="vector" geometry="Polygon" wkbType="MultiPolygon">
                  <id>\($0.id)</id>
                  <datasource>\(escaped($0.source))</datasource>
                  <layername>\(escaped($0.name))</layername>
                  \($0.shortName.isEmpty ? "" : "<shortname>\(escaped($0.shortName))</shortname>")
                  <srs><spatialrefsys><authid>EPSG:4528</authid></spatialrefsys></srs>
                  <provider encoding="UTF-8">\($0.provider)</provider>
                </maplayer>
            """
        }
        let values = { (ids: [String]) in ids.map { "<value>\($0)</value>" }.joined() }
        let transactions = editable.isEmpty ? "" : #"<WFSTLayers><Update type="QStringList">\#(values(editable))</Update></WFSTLayers>"#
        let text = """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis version="3.22.16-Białowieża" projectname="zoning test">
              <projectCrs><spatialrefsys><authid>EPSG:4528</authid></spatialrefsys></projectCrs>
              <layer-tree-group>\(tree.joined())</layer-tree-group>
              <projectlayers>
            \(maps.joined(separator: "\n"))
              </projectlayers>
              <properties>
                <Paths><Absolute type="bool">false</Absolute></Paths>
                <WFSLayers type="QStringList">\(values(wfs))</WFSLayers>
                \(transactions)
              </properties>
            </qgis>
            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

/// `zoning serve` started as a shell would (SIGINT and SIGTERM at their defaults). Foundation's
/// `Process` makes it a process group of its own, which its qgis_mapserver joins, so that
/// `kill()` ends both whatever happened.
final class ServeProcess {
    let process = Process()
    let output: String, errors: String
    private let folder: TemporaryFolder

    init(_ arguments: [String]) throws {
        folder = try TemporaryFolder()
        output = folder.file("stdout")
        errors = folder.file("stderr")
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["--default-signal=INT,TERM", CommandLine.executable] + arguments
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
    }

    /// What zoning printed once it says where the services are (60 s at most).
    func waitUntilServing() throws -> String {
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            if text.contains("Ctrl-C stops it.") { return text }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        let problems = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        throw ServeTestFailure("zoning serve did not start serving: \(problems)")
    }

    /// What zoning and its server printed on standard error so far.
    var errorsSoFar: String { (try? String(contentsOfFile: errors, encoding: .utf8)) ?? "" }

    /// Ctrl-C; the exit status (nil when zoning is still running after 40 s).
    func interrupt() -> Int32? {
        Foundation.kill(process.processIdentifier, SIGINT)
        for _ in 0..<400 where process.isRunning { usleep(100_000) }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Ends zoning and its server (the whole process group).
    func kill() {
        Foundation.kill(-process.processIdentifier, SIGKILL)
        Foundation.kill(process.processIdentifier, SIGKILL)
        for _ in 0..<100 where process.isRunning { usleep(100_000) }
    }
}

/// Loopback ports for the tests' servers.
enum FreePort {
    /// A port nothing listens on now: the kernel's choice for a socket bound to port 0.
    static func find() throws -> Int {
        let held = try Held()
        return held.port
    }

    /// True when something accepts connections on 127.0.0.1:port.
    static func accepts(_ port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } } == 0
    }

    /// A socket bound (and listening) on a loopback port until released.
    final class Held {
        let port: Int
        private let socket: Int32

        init(port: Int = 0) throws {
            let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard bound == 0, listen(socket, 1) == 0 else {
                close(socket)
                throw ServeTestFailure("cannot bind 127.0.0.1:\(port)")
            }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) } }
            self.socket = socket
            self.port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(socket) }
    }
}

/// HTTP requests for the tests, through Foundation's URLSession.
enum HTTP {
    struct Response {
        var status: Int
        var type: String
        var data: Data
    }

    static func get(_ url: String) throws -> Response {
        let response = try request(url)
        guard response.status == 200 else {
            throw ServeTestFailure("GET \(url): \(response.status) \(String(decoding: response.data.prefix(500), as: UTF8.self))")
        }
        return response
    }

    static func request(_ url: String, method: String = "GET", body: Data? = nil, contentType: String? = nil) throws -> Response {
        guard let address = URL(string: url) else { throw ServeTestFailure("not a URL: \(url)") }
        var request = URLRequest(url: address, timeoutInterval: 30)
        request.httpMethod = method
        request.httpBody = body
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        final class Box: @unchecked Sendable {
            var result: Result<Response, any Error> = .failure(ServeTestFailure("no answer"))
            let done = DispatchSemaphore(value: 0)
        }
        let box = Box()
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(error)
            } else if let http = response as? HTTPURLResponse {
                box.result = .success(Response(status: http.statusCode, type: http.value(forHTTPHeaderField: "Content-Type") ?? "", data: data ?? Data()))
            }
            box.done.signal()
        }.resume()
        box.done.wait()
        return try box.result.get()
    }
}
