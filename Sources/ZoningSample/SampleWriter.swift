import Foundation
import ZoningGeometry
import ZoningLayers
import ZoningProjection
import ZoningShapefile
import ZoningSupport

/// Writes a `SampleCounty` to a folder as a county office would hand it over:
///
/// | file | what |
/// |---|---|
/// | `DLTB.shp` | land-use parcels in the survey schema; DBF in **GBK without .cpg**, language driver 0x57 |
/// | `villages.shp` | village-level units: XZQDM (12), XZQMC, TOWNDM, POP, CXFLDM (official class), TSQY |
/// | `townships.shp` | XZQDM (9), XZQMC, KIND (街道/镇/乡/开发区), POP |
/// | `seats.shp` | government seats: NAME, KIND (city, subdistrict, town, xiang), XZQDM |
/// | `facilities.shp` | TYPE, TYPENAME, NAME, TOWNDM |
/// | `facilities-gcj02.csv` | the facilities as a web-map scrape gives them: GCJ-02 longitude/latitude |
/// | `roads.shp` | road centrelines along the parcel edges, with a railway barrier (`SampleRoads`): highway, oneway, bridge, NAME |
/// | `targets.yaml` | plan targets (docs/METHOD.md §6) |
/// | `project.yaml` | the project `zoning run` runs: every key, commented |
/// | `truth.csv` | each unit's designed class, share, seat and reason, and which official classes are wrong on purpose |
/// | `changes.csv` | year 2 only: every designed change since year 1 (`SampleYearTwo`) |
///
/// Every file is the same bytes for the same seed, size and year: DBF dates are fixed at
/// 2024-01-01 (year 1) and 2025-01-01 (year 2).
public enum SampleWriter {
    public static let fixedDate = CalendarDate(year: 2024, month: 1, day: 1)!

    /// The DBF date of a year's files: 1 January 2024 for year 1, a year later for year 2.
    public static func fixedDate(year: Int) -> CalendarDate {
        CalendarDate(year: 2023 + year, month: 1, day: 1)!
    }

    public static func write(_ county: SampleCounty, to folder: String, overwrite: Bool = false) throws {
        let options = ShapefileWriter.Options(encoding: .utf8, overwrite: overwrite)
        var dated = options
        dated.dbfDate = fixedDate(year: county.year)
        func path(_ name: String) -> String { folder + "/" + name }

        // DLTB in GBK, then stripped of what would declare the encoding, as much real data is.
        var gbk = dated
        gbk.encoding = .gbk
        let parcelSchema = Schema([
            Field(name: "BSM", type: .integer, width: 10), Field(name: "DLBM", type: .string, width: 5),
            Field(name: "DLMC", type: .string, width: 60), Field(name: "CZCSXM", type: .string, width: 4),
            Field(name: "ZLDWDM", type: .string, width: 19), Field(name: "ZLDWMC", type: .string, width: 60),
            Field(name: "TBMJ", type: .real, width: 19, precision: 2), Field(name: "KCMJ", type: .real, width: 19, precision: 2),
            Field(name: "TBDLMJ", type: .real, width: 19, precision: 2),
        ])
        var villageCodes: [Int: (String, String)] = [:]
        for village in county.villages {
            for unit in village.units { villageCodes[unit] = (village.code, village.name) }
        }
        _ = try ShapefileWriter.write(to: path("DLTB.shp"), schema: parcelSchema, crs: county.crs, options: gbk) { emit in
            for (index, parcel) in county.parcels.enumerated() {
                let (code, name) = villageCodes[parcel.village] ?? ("", "")
                try emit(Feature(id: index, geometry: parcel.geometry, attributes: [
                    .integer(Int64(index + 1)), .string(parcel.landUse), .string(LandUseCode.names[parcel.landUse] ?? ""),
                    parcel.settlement.map(AttributeValue.string) ?? .null, .string(code + "0000000"), .string(name),
                    .real(parcel.area), .real(parcel.deducted), .real(((parcel.area - parcel.deducted) * 100).rounded() / 100),
                ]))
            }
        }
        try FileManager.default.removeItem(atPath: path("DLTB.cpg"))
        try setLanguageDriver(path("DLTB.dbf"), 0x57)

        _ = try ShapefileWriter.write(to: path("villages.shp"), schema: Schema([
            Field(name: "XZQDM", type: .string, width: 12), Field(name: "XZQMC", type: .string, width: 60),
            Field(name: "TOWNDM", type: .string, width: 9), Field(name: "POP", type: .integer, width: 8),
            Field(name: "CXFLDM", type: .string, width: 3), Field(name: "TSQY", type: .string, width: 1),
        ]), crs: county.crs, options: dated) { emit in
            for (index, v) in county.villages.enumerated() {
                try emit(Feature(id: index, geometry: v.geometry, attributes: [
                    .string(v.code), .string(v.name), .string(String(v.code.prefix(9))), .integer(Int64(v.population)),
                    .string(v.officialClass), v.special ? .string("Y") : .null,
                ]))
            }
        }
        _ = try ShapefileWriter.write(to: path("townships.shp"), schema: Schema([
            Field(name: "XZQDM", type: .string, width: 9), Field(name: "XZQMC", type: .string, width: 60),
            Field(name: "KIND", type: .string, width: 12), Field(name: "POP", type: .integer, width: 8),
        ]), crs: county.crs, options: dated) { emit in
            for (index, t) in county.townships.enumerated() {
                try emit(Feature(id: index, geometry: t.geometry, attributes: [.string(t.code), .string(t.name), .string(t.kind), .integer(Int64(t.population))]))
            }
        }
        _ = try ShapefileWriter.write(to: path("seats.shp"), schema: Schema([
            Field(name: "NAME", type: .string, width: 60), Field(name: "KIND", type: .string, width: 12), Field(name: "XZQDM", type: .string, width: 9),
        ]), crs: county.crs, options: dated) { emit in
            for (index, s) in county.seats.enumerated() {
                try emit(Feature(id: index, geometry: s.point, attributes: [.string(s.name), .string(s.kind), .string(s.code)]))
            }
        }
        let facilitySchema = Schema([
            Field(name: "TYPE", type: .string, width: 12), Field(name: "TYPENAME", type: .string, width: 12),
            Field(name: "NAME", type: .string, width: 60), Field(name: "TOWNDM", type: .string, width: 9),
        ])
        _ = try ShapefileWriter.write(to: path("facilities.shp"), schema: facilitySchema, crs: county.crs, options: dated) { emit in
            for (index, f) in county.facilities.enumerated() {
                try emit(Feature(id: index, geometry: f.point, attributes: [.string(f.type), .string(f.typeName), .string(f.name), .string(f.township)]))
            }
        }
        try writeWebMapFacilities(county, to: path("facilities-gcj02.csv"), overwrite: overwrite)
        _ = try ShapefileWriter.write(to: path("roads.shp"), schema: Schema([
            Field(name: "highway", type: .string, width: 16), Field(name: "oneway", type: .string, width: 3),
            Field(name: "bridge", type: .string, width: 1), Field(name: "NAME", type: .string, width: 40),
        ]), crs: county.crs, options: dated) { emit in
            for (index, road) in county.roads.enumerated() {
                try emit(Feature(id: index, geometry: road.geometry, attributes: [
                    .string(road.roadClass), .string("no"), .string(road.bridge ? "T" : "F"), road.name.isEmpty ? .null : .string(road.name)]))
            }
        }
        try writeText(targetsYAML, to: path("targets.yaml"), overwrite: overwrite)
        try writeText(projectYAML(year: county.year), to: path("project.yaml"), overwrite: overwrite)
        try writeTruth(county, to: path("truth.csv"), overwrite: overwrite)
        if county.year == 2 { try writeChanges(county.changes, to: path("changes.csv"), overwrite: overwrite) }
    }

    /// One row per designed change: kind, old and new codes (several joined by `;`), names,
    /// classes and populations where they change, the facility type, and the reason.
    static func writeChanges(_ changes: [DesignedChange], to path: String, overwrite: Bool) throws {
        let schema = Schema([
            Field(name: "kind", type: .string), Field(name: "old_code", type: .string), Field(name: "new_code", type: .string),
            Field(name: "old_name", type: .string), Field(name: "new_name", type: .string),
            Field(name: "old_class", type: .string), Field(name: "new_class", type: .string),
            Field(name: "old_pop", type: .integer), Field(name: "new_pop", type: .integer),
            Field(name: "facility_type", type: .string), Field(name: "reason", type: .string),
        ])
        func text(_ value: String?) -> AttributeValue { value.map(AttributeValue.string) ?? .null }
        func number(_ value: Int?) -> AttributeValue { value.map { .integer(Int64($0)) } ?? .null }
        try CSVTableWriter.write(to: path, schema: schema, options: .init(byteOrderMark: true, overwrite: overwrite)) { emit in
            for (index, change) in changes.enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(change.kind.rawValue), text(change.oldCodes.isEmpty ? nil : change.oldCodes.joined(separator: ";")),
                    text(change.newCodes.isEmpty ? nil : change.newCodes.joined(separator: ";")), text(change.oldName), text(change.newName),
                    text(change.oldClass), text(change.newClass), number(change.oldPopulation), number(change.newPopulation),
                    text(change.facilityType), .string(change.reason),
                ]))
            }
        }
    }

    /// The project file of a year: year 2's names itself so and writes to `../sample-year2`
    /// (beside the folder it is written to: `out/sample-year2` for `--out out/year2`).
    static func projectYAML(year: Int) -> String {
        guard year == 2 else { return projectYAML }
        return projectYAML
            .replacingOccurrences(of: "# A zoning project: the sample county 样例市.", with: "# A zoning project: the sample county 样例市, one year later (year 2).")
            .replacingOccurrences(of: "name: 样例市 (sample county)       #", with: "name: 样例市 (sample county, year 2) #")
            .replacingOccurrences(of: "output: ../out/sample             #", with: "output: ../sample-year2           #")
    }

    /// dBase header byte 29: the language driver. 0x57 ("ANSI") names no code page.
    static func setLanguageDriver(_ dbf: String, _ byte: UInt8) throws {
        guard let handle = FileHandle(forUpdatingAtPath: dbf) else {
            throw LayerError.cannotWrite(path: dbf, problem: "it cannot be opened to set its language driver")
        }
        defer { try? handle.close() }
        try handle.seek(toOffset: 29)
        try handle.write(contentsOf: Data([byte]))
    }

    /// name, type (the office's Chinese type name), lng, lat in GCJ-02 with 6 decimals (~0.1 m).
    static func writeWebMapFacilities(_ county: SampleCounty, to path: String, overwrite: Bool) throws {
        let toWebMap = try CoordinateTransform(from: county.crs, to: CoordinateReferenceSystem("GCJ02"))
        var lines = ["name,type,lng,lat"]
        for f in county.facilities {
            let p = try toWebMap.apply(f.point.coordinates[0])
            lines.append("\(f.name),\(f.typeName),\(String(format: "%.6f", p.x)),\(String(format: "%.6f", p.y))")
        }
        try writeText(lines.joined(separator: "\n") + "\n", to: path, overwrite: overwrite)
    }

    static func writeTruth(_ county: SampleCounty, to path: String, overwrite: Bool) throws {
        let schema = Schema([
            Field(name: "XZQDM", type: .string), Field(name: "XZQMC", type: .string), Field(name: "POP", type: .integer),
            Field(name: "designed_class", type: .string), Field(name: "official_class", type: .string),
            Field(name: "miscoded", type: .boolean), Field(name: "share", type: .real), Field(name: "seat", type: .string),
            Field(name: "construction_m2", type: .real), Field(name: "reason", type: .string),
        ])
        try CSVTableWriter.write(to: path, schema: schema, options: .init(byteOrderMark: true, overwrite: overwrite)) { emit in
            for (index, v) in county.villages.enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(v.code), .string(v.name), .integer(Int64(v.population)), .string(v.designedClass), .string(v.officialClass),
                    .boolean(v.miscoded), .real((v.share * 10_000).rounded() / 10_000), v.connectedSeat.map(AttributeValue.string) ?? .null,
                    .real((v.constructionArea * 100).rounded() / 100), .string(v.reason),
                ]))
            }
        }
    }

    static func writeText(_ text: String, to path: String, overwrite: Bool) throws {
        try OutputFiles.write(Data(text.utf8), to: path, overwrite: overwrite)
    }

    /// The targets the plans set (docs/METHOD.md §6), for `zoning targets`.
    static let targetsYAML = """
        # Plan targets for the sample county 样例市 (docs/METHOD.md §6), checked by `zoning targets`.
        # indicator: urbanization_rate, unit_coverage, residential_coverage, population_coverage or
        # network_population_coverage (life circles); level: county, township or all (urbanization),
        # county, urban, rural or township (network); facility: the facility type (coverage; for a
        # network target, leave out for all the circle's types); circle: the life circle (network);
        # units: which regions count, by kind (街道, 镇, 乡); comparator and threshold (shares 0-1).
        targets:
          - indicator: urbanization_rate
            level: county
            comparator: ">="
            threshold: 0.67
            source: "山东省城镇化行动方案（2024—2025年）：2025年全省常住人口城镇化率67%"
          - indicator: unit_coverage
            facility: elderly
            units: [街道]
            comparator: ">="
            threshold: 1.0
            source: "街道综合养老服务中心全覆盖"
          - indicator: unit_coverage
            facility: elderly
            units: [镇, 乡]
            comparator: ">="
            threshold: 0.6
            source: "乡镇（镇、乡）养老服务中心覆盖率60%"
          - indicator: network_population_coverage
            circle: 15min
            level: urban
            comparator: ">="
            threshold: 0.9
            source: "15分钟社区生活圈：城镇居民步行15分钟可达中学、卫生服务中心和养老服务设施"

        """

    /// The project `zoning run` runs with no argument: every key of a project file, commented.
    static let projectYAML = """
        # A zoning project: the sample county 样例市. `zoning run` with no argument runs this file;
        # `zoning run PROJECT.yaml` runs yours. Copy this file next to your data and edit the paths.
        #
        # Paths are relative to this file. Only `layers` is required. Parameters show their defaults
        # unless a comment says otherwise. Unknown keys and values of the wrong type stop the run
        # with the file, line and key at fault. A field named here must exist in its layer. Before
        # any analysis the layers are checked against each other (codes, CRS, extents, parcels
        # against units; docs/CHECKS.md in the zoning checkout): errors stop the run, warnings are
        # listed in checks.csv and the report.

        name: 样例市 (sample county)       # the report's title (default: this file's name)
        output: ../out/sample             # the results folder (default: out/ beside this file)
        language: zh                      # the report and the tables' sentences: zh (default) or en

        layers:
          land_use:                       # 三调 land-use parcels (DLTB); their CRS is the analysis CRS (metres)
            path: DLTB.shp
            encoding: GBK                 # attribute text; default: the .cpg, the language driver, then detection
            # crs: "EPSG:4528"            # overrides the .prj (or stands in for a missing one)
            fields:                       # role: the layer's field name
              land_use: DLBM              # land-use code (地类编码)
              settlement: CZCSXM          # town/village attribute (城镇村属性码)
              location: ZLDWDM            # the unit the parcel lies in (坐落单位代码)
              area: TBMJ                  # ellipsoidal area in m² (图斑面积)
          villages:                       # village-level units (村级调查区), polygons
            path: villages.shp
            fields: {code: XZQDM, name: XZQMC, population: POP, official_class: CXFLDM, special: TSQY}
          townships:                      # the regions coverage is reported on
            path: townships.shp
            fields: {code: XZQDM, name: XZQMC, kind: KIND, population: POP}   # kind: 街道, 镇, 乡; without it, digits 7–9 of the code
          seats:                          # government seats (政府驻地), points
            path: seats.shp
            fields: {kind: KIND, code: XZQDM, name: NAME}    # kind: city, county, subdistrict, town, xiang or 市/县/街道/镇/乡
          facilities:                     # schools, clinics, elderly care…; leave out to skip coverage
            path: facilities-gcj02.csv    # a web-map scrape: GCJ-02 longitude/latitude (or facilities.shp)
            crs: GCJ02                    # GCJ02 (Amap, Tencent), BD09 (Baidu) or any EPSG code; CSV default EPSG:4326
            type_field: type              # default: TYPE, type, 类型 or TYPENAME, whichever exists
            type_map: {}                  # the office's names for types zoning does not know, or ignore: {敬老院: elderly, 培训机构: ignore}
          # population:                   # residents as points or grid cells (taken at their interior point);
          #   path: grid.shp              # without this layer, each village's POP is spread over its residential land
          #   fields: {population: POP}
          roads:                          # road centrelines for the life circles; leave out to skip them
            path: roads.shp               # OpenStreetMap extracts (Geofabrik: class field fclass), 天地图 or the office's own
            fields: {class: highway, oneway: oneway, bridge: bridge}   # all optional; also tunnel

        builtup:                          # built-up regions (docs/METHOD.md §3)
          gap_m: 100                      # parcels this close (metres) join one region
          fill_holes_km2: 1               # holes smaller than this are filled
          seed_codes: [201, 201A, 202, 202A]   # CZCSXM values that seed regions
          # construction_codes: [05H1, 0601, …]  # default: docs/METHOD.md §1's construction land

        classification:                   # urban–rural classes (docs/METHOD.md §4)
          full_share: 0.5                 # fully connected from this share of a unit's construction land
          partial_share: 0.05             # partly connected from this share…
          partial_min_m2: 10000           # …and this much connected construction land
          special_population: 3000        # unconnected special areas with this many residents are 123
          high_construction_share: 0.5    # rural units built over more than this are listed for review

        coverage:                         # public-service coverage (docs/METHOD.md §5)
          include_0702: true              # count rural homesteads (0702) as residential land; default false
          radius_m: {kindergarten: 300, primary: 500, middle: 1000, clinic: 1000, elderly: 1000, park: 500, life-circle: 1000}

        life_circles:                     # coverage by walking distance along the roads (docs/METHOD.md §5)
          snap_m: 200                     # facilities and homes farther than this from a walkable road are off the network
          oneway: true                    # walk one-way roads only their way; false walks every road both ways
          exclude_classes: [motorway, motorway_link, trunk, trunk_link, 高速公路, 高速, 快速路]   # not walked
          5min: {walk_m: 300, types: [kindergarten]}                # GB 50180-2018: 5-, 10- and 15-minute circles
          10min: {walk_m: 500, types: [primary]}
          15min: {walk_m: 1000, types: [middle, clinic, elderly]}

        targets: targets.yaml             # a targets file, or the list itself (as in targets.yaml)

        outputs:
          encoding: UTF-8                 # shapefile text: UTF-8 or GBK (for old ArcGIS)
          csv_bom: true                   # CSV files start with a byte-order mark, so Excel reads UTF-8
          format: shp                     # the layers: shp (shapefiles) or gpkg (all in one results.gpkg)
          # db: postgresql://gis@db/county  # also publish the run into PostGIS (password: PGPASSWORD or ~/.pgpass)

        engine: in-process                # where built-up regions, classification and coverage are computed:
                                          # in-process (default) or postgis (SQL in the outputs.db database; docs/SCALING.md)

        """
}
