import ArgumentParser
import Foundation
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningSupport

/// `zoning query LAYER`: the features at a place, listed or written to a file.
public struct Query: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Find the features of a layer that meet a geometry, lie near it, or hold a point.",
        discussion: """
            The geometry is WKT or a layer file (all its geometries together). WKT and
            points are read in the layer's CRS unless --query-crs says otherwise; a file's
            geometries are reprojected from its own CRS. A point on a shared boundary
            belongs to both features. Without OUTPUT the matches are listed.

            Examples:
              zoning query DLTB.shp --contains-point 40512345,3990123
              zoning query villages.shp --within-distance-m 500 \\
                --of "POINT(40512345 3990123)"
              zoning query DLTB.shp parcels.shp --intersects township.shp
              zoning query villages.shp --contains-point 120.15,36.3 --query-crs GCJ02
              zoning query DLTB.shp - --format geojson --where "DLBM = '0701' AND TBMJ > 5000"
            """)

    @Argument(help: "The layer to search.")
    var layer: String

    @Argument(help: "Write the matches here (.shp, .geojson, .csv, or - for standard output with --format) instead of listing them.")
    var output: String?

    @Option(name: .customLong("where"), help: "Keep only the features meeting a condition, e.g. DLBM ^= '07' AND TBMJ > 1000 (see zoning convert --help).")
    var condition: String?

    @OptionGroup var standardOutput: StandardOutputOption

    @Option(help: "Features that intersect this WKT or layer file.")
    var intersects: String?

    @Option(name: .customLong("within-distance-m"), help: "Features within this many metres of --of.")
    var distance: Double?

    @Option(help: "The WKT or layer file --within-distance-m measures from.")
    var of: String?

    @Option(name: .customLong("contains-point"), help: "Features holding the point X,Y.")
    var point: String?

    @Option(name: .customLong("query-crs"), help: "The CRS of the WKT or point (default: the layer's).")
    var queryCRS: String?

    @Option(help: "Rows to list at most.")
    var limit = 20

    @OptionGroup var encoding: InputEncodingOption

    @OptionGroup var out: OutputOptions

    public init() {}

    public func validate() throws {
        try standardOutput.validate(output: output)
        let modes = [intersects != nil, distance != nil, point != nil].filter { $0 }.count
        guard modes == 1 || (modes == 0 && condition != nil) else {
            throw ValidationError("Give one of --intersects, --within-distance-m (with --of), --contains-point, or --where alone.")
        }
        if distance != nil {
            guard of != nil else { throw ValidationError("--within-distance-m needs --of WKT|FILE.") }
            guard let distance, distance >= 0, distance.isFinite else { throw ValidationError("--within-distance-m must be a distance in metres (≥ 0).") }
        }
        if let point, Self.parsePoint(point) == nil { throw ValidationError("--contains-point takes X,Y, e.g. 40512345.5,3990123.2") }
    }

    public func run() throws {
        let source = try LayerFile.open(layer, options: .init(encoding: encoding.value))
        let searchCRS = try queryCRS.map { try CoordinateReferenceSystem($0) }
        let test: (Geometry) throws -> Bool
        let meets = try condition.map { try FeatureFilter($0).bind(to: source.schema) }
        if intersects == nil && distance == nil && point == nil {
            test = { _ in true }
        } else if let point, let xy = Self.parsePoint(point) {
            let probe = try inLayerCRS(Geometry.point(x: xy.x, y: xy.y), from: searchCRS, source)
            test = { try $0.covers(probe) }
        } else if let intersects {
            let prepared = try PreparedGeometry(try queryGeometry(intersects, searchCRS, source))
            test = { try prepared.intersects($0) }
        } else {
            let target = try queryGeometry(of ?? "", searchCRS, source)
            guard let crs = source.crs, !crs.isGeographic, crs.unitName.lowercased().hasPrefix("met") else {
                let zone = target.bounds.flatMap { GaussKruger.zone(longitude: ($0.minX + $0.maxX) / 2) }.flatMap { GaussKruger.epsg(zone: $0, prefixed: false) }
                throw LayerError.needsProjectedCRS(crs: source.crs?.shortDescription ?? "an unknown CRS", suggestion: zone.map { "EPSG:\($0)" })
            }
            let prepared = try PreparedGeometry(target)
            let metres = distance ?? 0
            test = { try prepared.isWithinDistance(metres, of: $0) }
        }
        let spatial = intersects != nil || distance != nil || point != nil
        let keep: (Feature) throws -> Bool = { feature in
            guard meets?(feature) ?? true else { return false }
            return spatial ? try feature.geometry.map(test) ?? false : true
        }

        if let output {
            let result = try standardOutput.write(to: output) { path in
                try LayerFile.write(
                    to: path, schema: source.schema, crs: source.crs, options: out.writeOptions(inputs: source.files, standardOutput: output == "-")
                ) { emit in try source.forEach { if try keep($0) { try emit($0) } } }
            }
            out.say("\(result.records) features match: \(output == "-" ? "standard output" : output)", layerOn: output)
            for note in result.notes { out.say("Note: \(note)", layerOn: output) }
            return
        }
        let shown = Array(source.schema.names.prefix(4))
        print((["id"] + shown).joined(separator: "\t"))
        var count = 0
        try source.forEach { feature in
            guard try keep(feature) else { return }
            count += 1
            if count <= limit {
                print(([String(feature.id)] + feature.attributes.prefix(4).map(\.description)).joined(separator: "\t"))
            }
        }
        print(count > limit ? "… \(count) features match (first \(limit) listed; --limit for more)" : "\(count) features match")
    }

    static func parsePoint(_ text: String) -> (x: Double, y: Double)? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let x = parts[0], let y = parts[1], x.isFinite, y.isFinite else { return nil }
        return (x, y)
    }

    /// WKT in `crs` (default the layer's), or a layer file's geometries unioned, in the layer's CRS.
    private func queryGeometry(_ text: String, _ crs: CoordinateReferenceSystem?, _ source: FeatureSource) throws -> Geometry {
        if LayerDrivers.driver(for: text) != nil, FileManager.default.fileExists(atPath: text) {
            let other = try LayerFile.open(text)
            var parts: [Geometry] = []
            try other.forEach { if let geometry = $0.geometry { parts.append(geometry) } }
            return try inLayerCRS(Geometry.unionAll(parts), from: other.crs, source)
        }
        do {
            return try inLayerCRS(Geometry(wkt: text), from: crs, source)
        } catch let error as GEOSError {
            throw CommandError(message: "\"\(text)\" is neither a layer file zoning reads nor WKT: \(error)")
        }
    }

    private func inLayerCRS(_ geometry: Geometry, from crs: CoordinateReferenceSystem?, _ source: FeatureSource) throws -> Geometry {
        guard let crs, let target = source.crs, crs != target else { return geometry }
        return try CoordinateTransform(from: crs, to: target).apply(to: geometry)
    }
}
