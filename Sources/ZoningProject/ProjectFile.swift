import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// Reading a project file (YAML). A layer's `path` may be a PostGIS table,
/// `postgresql://user@host/db?table=schema.name` (docs/DATABASE.md; keep the password in
/// `PGPASSWORD` or `~/.pgpass` rather than in the file), and a layer of a GeoPackage or File
/// Geodatabase is named by `layer:` beside `path:` (`{path: 县级数据库.gdb, layer: DLTB}`, the
/// same as `path: 县级数据库.gdb#DLTB`). The keys, with their defaults:
///
/// ```yaml
/// name: 样例市                       # a title for the report
/// language: zh                       # the report's language: zh (default) or en
/// output: out                        # the folder to write, relative to this file
/// layers:                            # land_use, villages, townships and seats are required
///   land_use: {path: DLTB.shp, encoding: GBK, crs: "EPSG:4528",
///              fields: {land_use: DLBM, settlement: CZCSXM, location: ZLDWDM, area: TBMJ}}
///   villages: {path: villages.shp,
///              fields: {code: XZQDM, name: XZQMC, population: POP, official_class: CXFLDM, special: TSQY}}
///   townships: {path: townships.shp, fields: {code: XZQDM, name: XZQMC, kind: KIND, population: POP}}
///   seats: {path: seats.shp, fields: {kind: KIND, code: XZQDM, name: NAME}}
///   facilities: {path: facilities.shp, type_field: TYPE, type_map: {敬老院: elderly, 培训机构: ignore}}
///   population: {path: grid.shp, fields: {population: POP}}   # optional: residents as points or cells
///   roads: {path: roads.shp, fields: {class: highway, oneway: oneway, bridge: bridge, tunnel: tunnel}}  # optional: life circles
/// builtup: {gap_m: 100, fill_holes_km2: 1, seed_codes: [201, 201A, 202, 202A], construction_codes: [...]}
/// classification: {full_share: 0.5, partial_share: 0.05, partial_min_m2: 10000,
///                  special_population: 3000, high_construction_share: 0.5}
/// coverage: {include_0702: false, radius_m: {primary: 500, ...}}
/// life_circles: {snap_m: 200, oneway: true, exclude_classes: [motorway, ...],
///                5min: {walk_m: 300, types: [kindergarten]}, 10min: {...}, 15min: {...}}
/// targets: targets.yaml              # a targets file, or the list itself
/// outputs: {encoding: UTF-8, csv_bom: true, format: shp,   # format: gpkg writes the layers into one results.gpkg
///           db: "postgresql://gis@db/county"}              # db: also publish into PostGIS
/// engine: in-process                 # or postgis: built-up regions, classification and coverage
///                                    # as SQL in the outputs.db database (docs/SCALING.md)
/// ```
///
/// Unknown keys and values of the wrong type are `ConfigurationError`s naming the file, line
/// and key; a layer file that does not exist is one too.
extension Project {
    /// The keys of a project file: the fixed ones, and the parameter section of every registered
    /// analysis (`Analyses`).
    public static var topKeys: [String] {
        ["name", "output", "language", "layers"] + Analyses.parameterSections.map { $0.section } + ["targets", "outputs", "engine"]
    }

    /// Reads a project file.
    public init(contentsOf path: String) throws {
        let file = URL(fileURLWithPath: path).standardizedFileURL.path
        try self.init(root: ConfigurationNode(contentsOf: file), file: file)
    }

    init(root: ConfigurationNode, file: String) throws {
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        func resolve(_ node: ConfigurationNode) throws -> String {
            let text = try node.string()
            guard !text.isEmpty else { throw node.error("a path must not be empty") }
            return URL(fileURLWithPath: text, relativeTo: folder).standardizedFileURL.path
        }
        let top = try root.mapping(keys: Self.topKeys)
        guard let layersNode = top["layers"] else { throw root.error("the key \"layers\" is missing; it names the input files by role") }
        let layerNodes = try layersNode.mapping(keys: LayerRole.allCases.map(\.rawValue))

        var fields = FieldNames()
        var typeField: String?, typeMap = FacilityTypeMap()
        func layer(_ role: LayerRole) throws -> Layer? {
            guard let node = layerNodes[role.rawValue] else { return nil }
            let fieldRoles = FieldRole.of(role)
            var keys = ["path", "layer", "encoding", "crs"]
            if !fieldRoles.isEmpty { keys.append("fields") }
            if role == .facilities { keys += ["type_field", "type_map"] }
            let entries = try node.mapping(keys: keys)
            guard let pathNode = entries["path"] else { throw node.error("the key \"path\" is missing") }
            // A PostGIS table (postgresql://…?table=schema.name) is taken as written.
            var path = LayerFile.isDatabase(try pathNode.string()) ? try pathNode.string() : try resolve(pathNode)
            // A layer of a GeoPackage or File Geodatabase: `layer: DLTB`, or `path: county.gdb#DLTB`.
            var location = LayerLocation(path)
            if let layerNode = entries["layer"] {
                let name = try layerNode.string()
                guard !name.isEmpty else { throw layerNode.error("a layer name must not be empty") }
                guard (LayerDrivers.driver(for: location.path) as? GDALFormatDriver)?.isContainer == true else {
                    throw layerNode.error("layer: names a layer of a .gpkg or .gdb container, and \(location.path) is not one")
                }
                location.layer = name
            }
            path = location.text
            guard LayerFile.isDatabase(path) || FileManager.default.fileExists(atPath: location.path) else { throw pathNode.error("no file at \(location.path)") }
            var result = Layer(path: path)
            if let encoding = entries["encoding"] {
                guard let value = TextEncoding(label: try encoding.string()) else { throw encoding.error("unknown encoding; use e.g. UTF-8, GBK, GB18030") }
                result.encoding = value
            }
            if let crs = entries["crs"] {
                do { result.crs = try CoordinateReferenceSystem(try crs.string()) } catch let error as ConfigurationError { throw error } catch {
                    throw crs.error("PROJ does not know this CRS (\(error)); use e.g. EPSG:4528")
                }
            }
            if let fieldNodes = entries["fields"] {
                let byKey = Dictionary(uniqueKeysWithValues: fieldRoles.map { ($0.key, $0) })
                for (key, value) in try fieldNodes.mapping(keys: byKey.keys.sorted()) {
                    let name = try value.string()
                    guard !name.isEmpty else { throw value.error("a field name must not be empty") }
                    fields[byKey[key]!] = name
                }
            }
            if role == .facilities {
                typeField = try entries["type_field"]?.string()
                for (key, value) in try entries["type_map"]?.entries() ?? [] {
                    do { try typeMap.add(key.name, try value.string()) } catch let error as FacilityTypeMap.BadValue { throw value.error(error.description) }
                }
            }
            return result
        }
        func required(_ role: LayerRole) throws -> Layer {
            guard let value = try layer(role) else { throw layersNode.error("the layer \"\(role.rawValue)\" is missing") }
            return value
        }
        let layers = Layers(
            landUse: try required(.landUse), villages: try required(.villages), townships: try required(.townships), seats: try required(.seats),
            facilities: try layer(.facilities), population: try layer(.population), roads: try layer(.roads))
        if layers.roads != nil, layers.facilities == nil, let node = layerNodes[LayerRole.roads.rawValue] {
            throw node.error("life circles walk the roads to the facilities; add layers.facilities")
        }

        let output = try top["output"].map(resolve) ?? folder.appendingPathComponent("out").standardizedFileURL.path
        self.init(name: try top["name"]?.string() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent, output: output, layers: layers)
        self.file = file
        self.fields = fields
        self.facilityTypeField = typeField
        self.facilityTypes = typeMap
        if let node = top["language"] {
            guard let value = ReportLanguage(rawValue: try node.string()) else { throw node.error("the report's language is zh or en") }
            language = value
        }
        if let node = top["engine"] {
            guard let value = EngineChoice(name: try node.string()) else {
                throw node.error("the engine is \(EngineChoice.spelled) (the default is \(EngineChoice.standard.rawValue))")
            }
            engine = value
        }
        for type in Analyses.parameterSections {
            if let node = top[type.section] { try ParameterSections.read(node, as: type, into: &parameters) }
        }
        if let node = top["targets"] {
            if (try? node.sequence()) != nil {
                targets = try TargetsFile(list: node)
            } else {
                let resolved = try resolve(node)
                guard FileManager.default.fileExists(atPath: resolved) else { throw node.error("no targets file at \(resolved)") }
                targets = try TargetsFile(contentsOf: resolved)
                targetsFile = resolved
            }
            if layers.facilities == nil, let coverage = targets?.targets.first(where: { $0.indicator != .urbanizationRate }) {
                throw node.error("the target \(coverage.indicator.rawValue) needs coverage, and the project names no facilities; add layers.facilities")
            }
            if layers.roads == nil, let network = targets?.targets.first(where: { $0.indicator == .networkPopulationCoverage }) {
                throw node.error("the target \(network.indicator.rawValue) needs life circles, and the project names no roads; add layers.roads")
            }
        }
        if let node = top["outputs"] {
            let keys = try node.mapping(keys: ["encoding", "csv_bom", "db", "format"])
            if let encoding = keys["encoding"] {
                guard let value = TextEncoding(label: try encoding.string()), [TextEncoding.utf8, .gbk].contains(value) else {
                    throw encoding.error("shapefile outputs are UTF-8 or GBK")
                }
                outputEncoding = value
            }
            csvByteOrderMark = try keys["csv_bom"]?.bool() ?? true
            if let db = keys["db"] {
                let url = try db.string()
                guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://") else {
                    throw db.error("outputs.db is a PostGIS database URL, postgresql://user@host/database")
                }
                outputDatabase = url
            }
            if let format = keys["format"] {
                guard let value = LayerOutputFormat(rawValue: try format.string().lowercased()) else {
                    throw format.error("the layers are written as shp (shapefiles, the default) or gpkg (one results.gpkg)")
                }
                layerOutputFormat = value
            }
        }
        try checkOutputFolder(root: root, outputNode: top["output"])
    }

    /// The output folder is replaced as a whole, so it must hold no input.
    private func checkOutputFolder(root: ConfigurationNode, outputNode: ConfigurationNode?) throws {
        if let input = Project.inputInside(output: output, inputs: inputPaths) {
            throw (outputNode ?? root).error("the output folder \(output) holds the input \(input); write the results to a folder of their own")
        }
    }
}
