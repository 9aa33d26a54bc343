import ArgumentParser
import Foundation
import FoundationXML
import ZoningDatabase
import ZoningSupport
#if canImport(Glibc)
import Glibc
#endif

/// `zoning serve RUN_OR_PROJECT [--listen 127.0.0.1:PORT]`: a run's QGIS project served by
/// QGIS Server's development server (`qgis_mapserver`, Debian package `qgis-server`) — WMS
/// (GetMap, GetLegendGraphic, GetFeatureInfo), WFS and OGC API – Features, read-only — until
/// Ctrl-C. Before the server starts, every layer of the project is checked: a file that is
/// missing, or a PostGIS table, is reported by layer and nothing is served; a project that lets
/// WFS-T edit a layer is refused.
///
/// ```
/// zoning serve out/sample                       # out/sample/zoning.qgs on 127.0.0.1:8000
/// zoning serve /data/370881/zoning.qgs --listen 127.0.0.1:8081
/// ```
public struct Serve: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a run's QGIS project (WMS, OGC API – Features) with QGIS Server's development server.",
        discussion: """
            RUN_OR_PROJECT is a run's output folder (its zoning.qgs) or a .qgs file. zoning
            checks every layer the project names (files and PostGIS tables) and reports the
            missing ones by layer before anything is served; a project that lets WFS-T edit
            a layer is refused (the service is read-only). Then it starts qgis_mapserver
            (Debian package qgis-server: sudo apt-get install qgis-server), waits until it
            answers, and prints the addresses of its services. Ctrl-C stops it.

            It listens on the loopback address by default, for the machine it runs on. This
            is the development server, for one office; docs/SERVING.md shows the production
            set-up (QGIS Server behind nginx with FastCGI).

            Examples:
              zoning serve out/sample
              zoning serve /data/370881/zoning.qgs --listen 127.0.0.1:8081
            """)

    @Argument(help: "A run's output folder (serves its zoning.qgs) or a QGIS project (.qgs).")
    var runOrProject: String

    @Option(help: "The address and port to listen on, HOST:PORT; the default serves this machine only.")
    var listen: String = "127.0.0.1:8000"

    public init() {}

    public func validate() throws {
        _ = try ListenAddress(listen)
    }

    public func run() throws {
        let address = try ListenAddress(listen)
        let project = try Self.projectFile(runOrProject)
        let layers = try QGISProjectLayers(contentsOf: project)
        let editable = layers.editableLayers
        guard editable.isEmpty else {
            throw CommandError(message: """
                \(project) lets WFS-T edit \(editable.joined(separator: ", ")); zoning serve serves read-only. \
                In QGIS: Project > Properties > QGIS Server > WFS/OAPIF, untick Update, Insert and Delete, and save.
                """)
        }
        let report = layers.check()
        guard report.missing.isEmpty else {
            throw CommandError(message: "\(project): \(report.missing.count) of \(layers.layers.count) layers are missing; nothing was served:\n"
                + report.missing.map { "  \($0)" }.joined(separator: "\n"))
        }
        for note in report.unchecked + layers.publicationNotes { FileHandle.standardError.write(Data("Note: \(note)\n".utf8)) }
        guard let program = Self.mapserver() else {
            throw CommandError(message: "QGIS Server is not installed: zoning serve runs its qgis_mapserver. Install it with: sudo apt-get install qgis-server")
        }
        if let problem = address.inUse() { throw CommandError(message: problem) }

        // Warnings and each request's line go to this terminal, as qgis_mapserver prints them.
        let server = try ChildProcess.start(program, ["-l", "1", "-p", project, address.text])
        let seconds = 60.0
        let deadline = Date().addingTimeInterval(seconds)
        while true {
            let status = address.get("/ows/?SERVICE=WMS&REQUEST=GetCapabilities")
            if status == 200 { break }
            if let status {
                // It answers, but cannot serve the project.
                kill(server.pid, SIGTERM)
                _ = server.wait()
                throw CommandError(message: "QGIS Server could not serve \(project) (HTTP status \(status) to GetCapabilities); its messages are above.")
            }
            if let finished = server.finished() {
                throw CommandError(message: "QGIS Server stopped at once (status \(finished.status)); its messages are above.")
            }
            if Date() > deadline {
                kill(server.pid, SIGTERM)
                _ = server.wait()
                throw CommandError(message: "QGIS Server did not answer on \(address.text) within \(Int(seconds)) s; its messages are above.")
            }
            usleep(100_000)
        }
        let base = address.url
        print("""
            QGIS Server serves \(project), read-only (\(layers.layers.count) layers):
              WMS                  \(base)/ows/?SERVICE=WMS&REQUEST=GetCapabilities
              WFS                  \(base)/ows/?SERVICE=WFS&REQUEST=GetCapabilities
              OGC API – Features   \(base)/wfs3
            In QGIS: Layer > Add Layer > Add WMS/WMTS Layer, URL \(base)/ows/
            Ctrl-C stops it.
            """)
        if !address.isLoopback {
            print("Note: every machine that reaches \(address.host) sees these layers; for the bureau's intranet use the set-up of docs/SERVING.md.")
        }
        fflush(nil)  // the addresses before the server's first request line
        let finished = server.wait()
        throw CommandError(message: "QGIS Server stopped (status \(finished.status)); its messages are above.")
    }

    /// The project to serve: `path` itself when it is a .qgs, its `zoning.qgs` when it is a
    /// folder.
    static func projectFile(_ path: String) throws -> String {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw CommandError(message: "\(path) does not exist; give a run's output folder or a .qgs file.")
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if isFolder.boolValue {
            let project = absolute + "/zoning.qgs"
            guard FileManager.default.fileExists(atPath: project) else {
                throw CommandError(message: "\(path) has no zoning.qgs; run `zoning run` again to write the run's QGIS project, or give a .qgs file.")
            }
            return project
        }
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "qgs": return absolute
        case "qgz":
            throw CommandError(message: "\(path) is a zipped project (.qgz), whose layers zoning cannot check; save it as .qgs (QGIS: Project > Save As, QGIS files *.qgs).")
        default:
            throw CommandError(message: "\(path) is not a QGIS project (.qgs) or a run's folder.")
        }
    }

    /// `qgis_mapserver` on PATH, or nil.
    static func mapserver() -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return folders.map { "\($0)/qgis_mapserver" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// `HOST:PORT` for `zoning serve --listen`: an IPv4 address or a name (`localhost`) and a port.
///
/// ```swift
/// try ListenAddress("127.0.0.1:8081").port        // 8081
/// try ListenAddress("0.0.0.0:80").isLoopback      // false
/// ```
struct ListenAddress {
    let host: String
    let port: Int
    var text: String { "\(host):\(port)" }

    init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port),
            !text[..<colon].isEmpty, !text[..<colon].contains(":")
        else {
            throw ValidationError("--listen is HOST:PORT with a port from 1 to 65535, e.g. 127.0.0.1:8000; \"\(text)\" is not.")
        }
        host = String(text[..<colon])
        self.port = port
    }

    /// The services' base URL (`0.0.0.0` is reached through this machine's name).
    var url: String {
        host == "0.0.0.0" ? "http://\(ProcessInfo.processInfo.hostName):\(port)" : "http://\(host):\(port)"
    }

    var isLoopback: Bool { host == "localhost" || host.hasPrefix("127.") }

    /// The IPv4 socket address, resolved.
    private func socketAddress() -> sockaddr_in? {
        var hints = addrinfo()
        hints.ai_family = AF_INET
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return nil }
        defer { freeaddrinfo(found) }
        return first.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
    }

    /// Why the server could not listen there, or nil: the host is unknown, or another program
    /// listens on the port.
    func inUse() -> String? {
        guard var address = socketAddress() else { return "--listen \(text): \(host) is not an address of this machine." }
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        // As servers bind (QGIS Server too): connections of a server stopped a moment ago,
        // closing on the port, do not count; a program listening there does.
        var reuse: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound != 0 else { return nil }
        switch errno {
        case EADDRINUSE: return "\(text) is in use by another program; choose another port, e.g. --listen \(host):\(port == 8000 ? 8001 : port + 1)."
        case EADDRNOTAVAIL: return "--listen \(text): \(host) is not an address of this machine."
        case EACCES: return "--listen \(text): ports below 1024 need root; choose one above, e.g. --listen \(host):8000."
        default: return "--listen \(text): \(String(cString: strerror(errno)))."
        }
    }

    /// The HTTP status of `GET path` on this address, or nil when nothing answers (2 s at most).
    func get(_ path: String) -> Int? {
        guard var address = socketAddress() else { return nil }
        if address.sin_addr.s_addr == 0 { address.sin_addr.s_addr = inet_addr("127.0.0.1") }
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: \(text)\r\n\r\n".utf8)
        guard send(socket, request, request.count, Int32(MSG_NOSIGNAL)) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(socket, &buffer, buffer.count, 0)
        guard count > 12 else { return nil }
        // "HTTP/1.0 200 OK"
        let line = String(decoding: buffer[..<count], as: UTF8.self)
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }
}

/// The layers a QGIS project (.qgs) names and where their data lives, read from its
/// `<maplayer>` entries: `<id>`, `<layername>`, `<provider>` and `<datasource>`.
///
/// ```swift
/// let project = try QGISProjectLayers(contentsOf: "out/sample/zoning.qgs")
/// project.layers.map(\.name)     // ["villages-classified", …]
/// project.check().missing        // [] when every file and table is there
/// ```
struct QGISProjectLayers {
    struct Layer {
        var id: String
        var name: String
        /// The name WMS and OGC API – Features give the layer when set (`<shortname>`).
        var shortName: String = ""
        var provider: String
        var datasource: String

        /// The layer's name in WMS requests and OGC API collections.
        var servedName: String { shortName.isEmpty ? name : shortName }
    }

    /// What `check()` found: one line per missing layer, and the layers zoning could not check.
    struct Check {
        var missing: [String] = []
        var unchecked: [String] = []
    }

    let path: String
    let layers: [Layer]
    /// The ids of the layers WFS-T may update, insert into or delete from.
    let editableIDs: Set<String>
    /// The ids of the layers published for WFS and OGC API – Features.
    let wfsIDs: Set<String>

    init(contentsOf path: String) throws {
        self.path = path
        let document: XMLDocument
        do {
            document = try XMLDocument(contentsOf: URL(fileURLWithPath: path), options: [])
        } catch {
            throw CommandError(message: "\(path) is not a QGIS project that can be read: \(error.localizedDescription)")
        }
        guard document.rootElement()?.name == "qgis" else {
            throw CommandError(message: "\(path) is not a QGIS project: its root element is <\(document.rootElement()?.name ?? "")>, not <qgis>.")
        }
        func text(_ node: XMLNode, _ child: String) -> String {
            ((try? node.nodes(forXPath: child))?.first?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        let nodes = (try? document.nodes(forXPath: "/qgis/projectlayers/maplayer")) ?? []
        layers = nodes.map {
            Layer(id: text($0, "id"), name: text($0, "layername"), shortName: text($0, "shortname"), provider: text($0, "provider"), datasource: text($0, "datasource"))
        }
        let published = (try? document.nodes(forXPath: "/qgis/properties/WFSLayers/value")) ?? []
        wfsIDs = Set(published.compactMap { $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) })
        let edits = (try? document.nodes(forXPath: "/qgis/properties/WFSTLayers/*/value")) ?? []
        editableIDs = Set(edits.compactMap { $0.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty })
    }

    /// What clients will miss: no layer published for WFS and OGC API – Features, or layers
    /// that share the name WMS and OGC API give them (a client reaches only one of them).
    var publicationNotes: [String] {
        var notes: [String] = []
        if !layers.isEmpty, layers.allSatisfy({ !wfsIDs.contains($0.id) }) {
            notes.append("the project publishes no layer for WFS and OGC API – Features, which will list no collection (QGIS: Project > Properties > QGIS Server > WFS/OAPIF, Published)")
        }
        let shared = Dictionary(grouping: layers, by: \.servedName).filter { $0.value.count > 1 }.keys.sorted()
        if !shared.isEmpty {
            notes.append("\(shared.count) names are each given to several layers, of which WMS and OGC API clients reach one: \(shared.joined(separator: ", ")) (give each layer a short name: Layer Properties > QGIS Server)")
        }
        return notes
    }

    /// The names of the layers WFS-T may edit.
    var editableLayers: [String] {
        layers.filter { editableIDs.contains($0.id) }.map(\.name)
    }

    /// Checks that each layer's file or table exists: files relative to the project's folder
    /// (`./villages-classified.shp`, `results.gpkg|layername=villages`), PostGIS tables in
    /// their database. Layers of other providers (web services, memory layers) are not checked.
    func check() -> Check {
        var check = Check()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        for layer in layers {
            switch layer.provider {
            case "ogr", "gdal", "spatialite", "delimitedtext":
                guard let file = Self.file(of: layer) else { continue }
                let absolute = file.hasPrefix("/") ? file : folder.appendingPathComponent(file).standardizedFileURL.path
                if !FileManager.default.fileExists(atPath: absolute) {
                    check.missing.append("\(layer.name): \(file) is missing (\(absolute))")
                } else if let part = Self.missingPart(of: absolute) {
                    check.missing.append("\(layer.name): \(part) is missing beside \(file)")
                }
            case "postgres":
                switch Self.tableProblem(layer) {
                case .none: break
                case .missing(let problem): check.missing.append("\(layer.name): \(problem)")
                case .unchecked(let reason): check.unchecked.append("\(layer.name): \(reason)")
                }
            default:
                continue
            }
        }
        return check
    }

    /// The file a file-based layer reads: the datasource up to `|` (`results.gpkg|layername=…`),
    /// or the path of a `file:` URL (delimited text).
    static func file(of layer: Layer) -> String? {
        var source = layer.datasource
        if layer.provider == "delimitedtext" || source.hasPrefix("file:") {
            guard source.hasPrefix("file:") else { return nil }
            source = String(source.dropFirst("file:".count).prefix { $0 != "?" })
            if source.hasPrefix("//") { source = String(source.dropFirst(2)) }
            source = source.removingPercentEncoding ?? source
        }
        source = String(source.prefix { $0 != "|" })
        if source.hasPrefix("/vsi") || source.isEmpty { return nil }
        return source
    }

    /// A shapefile's .shx or .dbf that is missing, named; nil otherwise.
    static func missingPart(of file: String) -> String? {
        guard file.lowercased().hasSuffix(".shp") else { return nil }
        let stem = String(file.dropLast(4))
        for part in ["shx", "dbf"] {
            let candidates = [stem + "." + part, stem + "." + part.uppercased()]
            if !candidates.contains(where: FileManager.default.fileExists(atPath:)) {
                return URL(fileURLWithPath: stem + "." + part).lastPathComponent
            }
        }
        return nil
    }

    enum TableProblem {
        case missing(String)
        case unchecked(String)
    }

    /// Whether a PostGIS layer's table (or view) exists, connecting as its datasource says.
    static func tableProblem(_ layer: Layer) -> TableProblem? {
        let parts = connectionParts(layer.datasource)
        guard let table = parts["table"] else { return .unchecked("its datasource names no table") }
        if parts["authcfg"] != nil {
            return .unchecked("its credentials are in QGIS's authentication database (authcfg), which zoning cannot read; QGIS Server checks \(table) when asked")
        }
        let keys = ["host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "service", "connect_timeout"]
        let query = keys.compactMap { key in
            parts[key].map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)" }
        }
        do {
            let url = try DatabaseURL("postgresql:///?" + query.joined(separator: "&"))
            let connection = try DatabaseConnection(url)
            let row = try connection.execute(
                "SELECT c IS NOT NULL, c IS NOT NULL AND has_table_privilege(c, 'SELECT') FROM to_regclass($1) AS c", [table]).rows.first ?? []
            let database = parts["dbname"] ?? parts["service"] ?? ""
            if (row.first ?? nil) != "t" { return .missing("table \(table) is missing in database \(database)") }
            if (row.dropFirst().first ?? nil) != "t" {
                return .missing("table \(table) is there, but \(parts["user"] ?? "its user") may not read it (GRANT SELECT, docs/SERVING.md)")
            }
            return nil
        } catch {
            return .missing("cannot reach table \(table) to check it: \(error)")
        }
    }

    /// A PostGIS datasource's `key=value` parts (`dbname='gis' host=db port=5432 …`), values
    /// unquoted; the table as written (`"schema"."name"`), without its geometry column.
    static func connectionParts(_ datasource: String) -> [String: String] {
        var parts: [String: String] = [:]
        var rest = Substring(datasource)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let key = String(rest[..<equals])
            rest = rest[rest.index(after: equals)...]
            var value = ""
            if key == "table" {
                // "schema"."name" (geom): up to the geometry column in brackets, or the next space outside quotes
                var quoted = false
                while let character = rest.first, quoted || character != " " {
                    if character == "\"" { quoted.toggle() }
                    value.append(character)
                    rest = rest.dropFirst()
                }
                rest = rest.drop { $0 == " " }
                if rest.first == "(", let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
            } else if rest.first == "'" {
                rest = rest.dropFirst()
                while let character = rest.first, character != "'" {
                    if character == "\\", rest.count > 1 {
                        rest = rest.dropFirst()
                    }
                    value.append(rest.first!)
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
            } else {
                value = String(rest.prefix { $0 != " " })
                rest = rest.dropFirst(value.count)
            }
            parts[key] = value
        }
        return parts
    }
}
