import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProjection

/// `zoning coverage`: how well facilities serve each region's residential land and people.
public struct CoverageCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Public-service coverage per region and facility type, with the residential parcels left uncovered.",
        discussion: """
            Service areas are circles of each type's radius (metres) around its
            facilities: kindergarten 300, primary 500, middle 1000, clinic 1000, elderly
            1000, park 500, life-circle 1000 (--radius-m type=metres to change). Per
            region and type it reports residential-land coverage (0701, and 0702 with
            --include-0702), population coverage, facilities inside, and distances from
            residential parcels to the nearest facility (mean, p90, max). Writes
            coverage.csv and .json, regions-coverage.shp, service-areas.shp and gaps.shp.

            Population is each village's population spread over its residential land,
            or with --population residents given as points (or grid cells, taken at
            their interior point) in --population-field.

            Facilities come from a shapefile, GeoJSON or CSV in any CRS (--facilities-crs
            GCJ02 for an Amap scrape). Their type is read from --type-field; Chinese
            office names (幼儿园, 小学, 中学, 卫生院, 养老院, …) are known, others mapped with
            --type-map.

            Example (the embedded sample):
              zoning coverage --regions Shapefiles/townships.shp \\
                --facilities Shapefiles/facilities-gcj02.csv --facilities-crs GCJ02 \\
                --land-use Shapefiles/DLTB.shp --villages Shapefiles/villages.shp \\
                --out /tmp/coverage
            """)

    @Option(help: "The regions to report on (polygons: townships, villages, a county).")
    var regions: String

    @Option(name: .customLong("region-code-field"), help: "The regions' code field.")
    var regionCode = "XZQDM"

    @Option(name: .customLong("region-name-field"), help: "The regions' name field.")
    var regionName = "XZQMC"

    @Option(name: .customLong("region-kind-field"), help: "The regions' kind field (街道, 镇, 乡), used by unit coverage; ignored when missing.")
    var regionKind = "KIND"

    @Option(help: "The facility points (.shp, .geojson, .csv).")
    var facilities: String

    @Option(name: .customLong("facilities-crs"), help: "The facilities' CRS, overriding their file (CSV default EPSG:4326; GCJ02, BD09).")
    var facilitiesCRS: String?

    @Option(name: .customLong("type-field"), help: "The facilities' type field (default: TYPE, type or 类型, whichever exists).")
    var typeField: String?

    @Option(name: .customLong("type-map"), help: "Map an office's type name to a standard type, NAME=type; repeat.")
    var typeMappings: [String] = []

    @Option(name: .customLong("radius-m"), help: "A service radius, type=metres; repeat.")
    var radii: [String] = []

    @Flag(name: .customLong("include-0702"), help: "Count rural homesteads (0702) as residential land too.")
    var includeRuralHomesteads = false

    @Option(name: .customLong("land-use"), help: "The land-use parcels (三调 DLTB).")
    var landUse: String

    @Option(help: "The village-level units with population.")
    var villages: String

    @Option(help: "Residents as points (or grid cells), replacing the villages' population spread over residential land.")
    var population: String?

    @Option(name: .customLong("population-field"), help: "The population layer's residents field.")
    var populationField = "POP"

    @Option(name: .customLong("population-crs"), help: "The population layer's CRS, overriding its file (CSV default EPSG:4326).")
    var populationCRS: String?

    @Option(help: "The folder to write (created if missing).")
    var out: String

    @OptionGroup var encoding: InputEncodingOption
    @OptionGroup var output: OutputOptions

    public init() {}

    public func validate() throws {
        _ = try parameters()
        _ = try extraTypes()
    }

    func parameters() throws -> Coverage.Parameters {
        var parameters = Coverage.Parameters()
        parameters.includeRuralHomesteads = includeRuralHomesteads
        for text in radii {
            let parts = text.split(separator: "=").map(String.init)
            guard parts.count == 2, let type = FacilityType(name: parts[0]), let metres = Double(parts[1]), metres > 0 else {
                throw ValidationError("--radius-m takes type=metres with a type of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\".")
            }
            parameters.radii[type] = metres
        }
        return parameters
    }

    func extraTypes() throws -> [String: FacilityType] {
        var map: [String: FacilityType] = [:]
        for text in typeMappings {
            let parts = text.split(separator: "=").map(String.init)
            guard parts.count == 2, let type = FacilityType(rawValue: parts[1]) else {
                throw ValidationError("--type-map takes NAME=type with a type of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(text)\".")
            }
            map[parts[0]] = type
        }
        return map
    }

    public func run() throws {
        let progress = Progress(quiet: output.quiet)
        progress.step("Reading \(landUse), \(villages), \(regions) and \(facilities)")
        let landUseLayer = try LayerFile.open(landUse, options: .init(encoding: encoding.value))
        let (parcels, crs) = try SurveyLayers.loadParcels(landUseLayer)
        let villageLayer = try LayerFile.open(villages, options: .init(encoding: encoding.value))
        let units = try SurveyLayers.loadUnits(villageLayer, in: crs)
        let regionLayer = try LayerFile.open(regions, options: .init(encoding: encoding.value))
        var regionFields = CoverageLayers.RegionFields()
        (regionFields.code, regionFields.name, regionFields.kind) = (regionCode, regionName, regionKind)
        let coverageRegions = try CoverageLayers.loadRegions(regionLayer, in: crs, fields: regionFields)
        let facilityLayer = try LayerFile.open(facilities, options: .init(encoding: encoding.value, crs: try facilitiesCRS.map { try CoordinateReferenceSystem($0) }))
        let points = try CoverageLayers.loadFacilities(facilityLayer, in: crs, typeField: typeField, typeMap: try extraTypes())
        var populationFiles: [String] = []
        let people = try population.map { path in
            let layer = try LayerFile.open(path, options: .init(encoding: encoding.value, crs: try populationCRS.map { try CoordinateReferenceSystem($0) }))
            populationFiles = layer.files
            return try CoverageLayers.loadPopulation(layer, in: crs, field: populationField)
        }
        progress.step("Computing coverage of \(coverageRegions.count) regions by \(points.count) facilities")
        let parameters = try parameters()
        let result = try Coverage.compute(
            parcels: parcels, villages: units, regions: coverageRegions, facilities: points, crs: crs, parameters: parameters, populationPoints: people)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        progress.step("Writing to \(out)")
        try CoverageOutputs.write(
            result, regions: coverageRegions, parcels: parcels, parameters: parameters, crs: crs, to: out,
            options: output.writeOptions(inputs: landUseLayer.files + villageLayer.files + regionLayer.files + facilityLayer.files + populationFiles))
        output.say(summary(result, coverageRegions))
    }

    private func summary(_ result: Coverage.Result, _ regions: [CoverageRegion]) -> String {
        let types = Array(Set(result.regions.map(\.type))).sorted()
        var lines = ["Residential-land coverage by region (service radius):"]
        let headers = types.map { type -> String in
            let radius = result.regions.first { $0.type == type }?.radiusMetres ?? type.defaultRadiusMetres
            return "\(type.rawValue) \(Int(radius)) m".padding(toLength: 20, withPad: " ", startingAt: 0)
        }
        lines.append("  " + "region".padding(toLength: 24, withPad: " ", startingAt: 0) + headers.joined())
        for region in regions {
            let cells = types.map { type -> String in
                let share = result.regions.first { $0.region == region.code && $0.type == type }?.residentialCoverage
                return (share.map { String(format: "%5.1f%%", $0 * 100) } ?? "    –").padding(toLength: 20, withPad: " ", startingAt: 0)
            }
            let label = "\(region.code) \(region.name)"
            lines.append("  " + label + String(repeating: " ", count: max(1, 24 - label.count - label.filter { !$0.isASCII }.count)) + cells.joined())
        }
        lines.append("Regions with at least one facility: " + types.map { type in
            "\(type.rawValue) \(result.regions.filter { $0.type == type && $0.facilities > 0 }.count)/\(regions.count)"
        }.joined(separator: ", "))
        lines.append("Uncovered residential parcels: " + types.map { type in
            let gaps = result.gaps.filter { $0.type == type }
            return "\(type.rawValue) \(gaps.count) (\(Int(gaps.reduce(0) { $0 + $1.population }.rounded())) residents)"
        }.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
