import ZoningGeometry
import ZoningFeatures
import ZoningProjection
import ZoningSupport

/// One input layer read into memory as the analyses need it: its features' geometries
/// (checked, repaired where invalid), the attribute columns its roles use, and its extent in
/// its own coordinates. Everything found on the way is added to the checks.
///
/// Reading never drops a feature silently: a missing or empty geometry is listed, an
/// invalid one is repaired with GEOS's makeValid and counted, and records flagged deleted in a
/// .dbf (skipped by the reader, as GDAL skips them) are counted and listed.
struct LayerScan {
    struct Record {
        /// The feature's position in the file (0-based).
        var id: Int
        /// Its row in the scan's `attributes` (its position among the features read, from 0).
        var row: Int
        /// Nil for a feature without a usable geometry (listed in the checks).
        var geometry: Geometry?
    }

    var role: LayerRole
    /// The file name, as messages show it (`DLTB.shp`, `facilities.csv`).
    var file: String
    var source: FeatureSource
    var records: [Record] = []
    /// The values of the columns kept (the roles' and any extra), by record row and schema position.
    var attributes: KeptColumns
    /// The extent of the geometries, in the layer's own coordinates; nil with none.
    var extent: Bounds?
    /// The columns read, by role; nil for an optional role whose field is absent.
    var columns: [FieldRole: Int] = [:]

    /// The value of a role's field in a record; null when the layer has no such field.
    func value(_ record: Record, _ role: FieldRole) -> AttributeValue {
        guard let column = columns[role] else { return .null }
        return attributes[record.row, column]
    }

    /// The value of a record's field at schema position `column`; null when it is not kept.
    func attribute(_ record: Record, _ column: Int) -> AttributeValue { attributes[record.row, column] }

    /// A feature's label in messages: a CSV line number (header = line 1), else the record number.
    func label(_ id: Int) -> String { source.label(ofRecord: id) }

    /// Checks the layer's fields against its roles: a named field must exist, a required one
    /// too; an absent optional default is a note. Returns nil when an error was added.
    static func resolveColumns(
        _ role: LayerRole, source: FeatureSource, file: String, fields: FieldNames, hints: SettingHints, checks: inout CheckList
    ) -> [FieldRole: Int]? {
        var columns: [FieldRole: Int] = [:], ok = true
        let available = Excerpt.list(source.schema.names)
        for fieldRole in FieldRole.of(role) {
            let name = fields[fieldRole]
            if let index = source.schema.index(of: name) {
                columns[fieldRole] = index
            } else if fields.isNamed(fieldRole) || fieldRole.isRequired {
                checks.add(Check(
                    .error, "field-missing", layer: file, field: name,
                    "has no field \(name) (\(fieldRole.isRequired ? "required" : "named") for \(fieldRole)); its fields are \(available)",
                    fix: "name the right one with \(hints.field(fieldRole))").zh(
                        "没有字段\(name)（\(fieldRole)\(fieldRole.isRequired ? "必需" : "已指定")）；现有字段：\(available)",
                        fix: "用 \(hints.field(fieldRole)) 指定正确的字段"))
                ok = false
            } else if let consequence = fieldRole.whenAbsent {
                checks.add(Check(.note, "field-absent", layer: file, field: name, "no field \(name) (\(fieldRole))", fix: consequence)
                    .zh("没有字段\(name)（\(fieldRole)）", fix: fieldRole.whenAbsentZh))
            }
        }
        return ok ? columns : nil
    }

    /// Reads every feature: the attributes in `keep` and the geometry, checked. A layer whose
    /// features have no geometry at all (a `.dbf` without its `.shp`) is an error.
    static func read(
        _ role: LayerRole, source: FeatureSource, file: String, columns: [FieldRole: Int], extra: [Int] = [], checks: inout CheckList
    ) throws -> LayerScan? {
        let keep = Set(columns.values).union(extra)
        var scan = LayerScan(role: role, file: file, source: source, attributes: KeptColumns(width: source.schema.fields.count, kept: keep), columns: columns)
        var missing: [Int] = [], empty: [Int] = [], repaired: [(Int, String)] = [], wrongType: [(Int, String)] = []
        var lostMissing = 0.0, lostEmpty = 0.0  // TBMJ of the features without a geometry, with an empty one (m²)
        // Only the columns kept are decoded; the source decodes every column again afterwards.
        let selecting = source as? ColumnSelectingSource
        selecting?.selectedColumns = keep
        defer { selecting?.selectedColumns = nil }
        var records: [Record] = [], areas: [Double?] = []
        // What can be seen of a geometry without testing its validity is seen as it comes (a
        // shapefile's next records are being decoded meanwhile); the rest are looked at after,
        // on every core.
        var looks: [Look?] = []
        try source.forEach { feature in
            // Only the kept columns' values stay, column by column (`KeptColumns`): the row as
            // read is let go (issue 31: the land use's rows were a third of a run's peak).
            var area: Double?
            if let column = columns[.area], column < feature.attributes.count, let value = feature.attributes[column].doubleValue, value.isFinite { area = value }
            records.append(Record(id: feature.id, row: records.count, geometry: feature.geometry))
            scan.attributes.append(feature.attributes)
            areas.append(area)
            looks.append(Self.look(feature.geometry, role, testingValidity: false))
        }
        // The geometries whose validity needs a test, tested once each on every core; the
        // records are then gone through in file order.
        let tested = try look(at: records, looks.indices.filter { looks[$0] == nil }, role)
        for (index, look) in tested { looks[index] = look }
        for index in records.indices {
            let id = records[index].id, look = looks[index] ?? .missing
            if let area = areas[index] {
                if look == .missing { lostMissing += area } else if look == .empty { lostEmpty += area }
            }
            var bounds: Bounds?
            switch look {
            case .missing:
                missing.append(id)
            case .empty:
                empty.append(id)
                records[index].geometry = nil
            case .wrongType(let type):
                wrongType.append((id, type))
                records[index].geometry = nil
            case .invalid:
                // `look` says invalid only of a geometry it saw; without one the record is missing.
                guard let shape = records[index].geometry else {
                    missing.append(id)
                    break
                }
                let reason = (try shape.invalidityReason) ?? "invalid"
                let before = abs(shape.area)
                let fixed = try shape.makeValid()
                // The repaired shape's area against the drawn one: a change above 1% is stated.
                let change = before > 0 ? abs(fixed.area - before) / before : (fixed.area > 0 ? 1 : 0)
                repaired.append((id, change > 0.01 ? "\(reason); area \(Self.hectares(before)) → \(Self.hectares(fixed.area))" : reason))
                records[index].geometry = fixed
                bounds = fixed.bounds
            case .usable(let extent):
                bounds = extent
            }
            if let bounds { scan.extent = scan.extent.map { $0.union(bounds) } ?? bounds }
        }
        scan.records = records
        records = []
        // Records flagged deleted in the .dbf were skipped by the reader, as GDAL, QGIS and ArcGIS skip them.
        if let deleted = (source as? DeletedRecordSource)?.deletedRecords, !deleted.isEmpty {
            checks.add(Check(
                .warning, "records-deleted", layer: file,
                "\(deleted.count) records are flagged deleted in the .dbf: left out of every figure, as GDAL, QGIS and ArcGIS leave them out",
                fix: "if they should count, undelete them in the editing software and deliver the layer again; if not, pack the table",
                examples: deleted.map(scan.label))
                .zh("\(deleted.count)条记录在 .dbf 中标记为已删除：与 GDAL、QGIS、ArcGIS 一样不参与任何统计",
                    fix: "如应参与统计，请在编辑软件中恢复这些记录后重新提交；否则请压缩（pack）属性表"))
        }
        if scan.records.isEmpty {
            checks.add(Check(.error, "layer-empty", layer: file, "has no features", fix: "check that it is the right file")
                .zh("图层没有要素", fix: "请确认文件是否正确"))
            return nil
        }
        if missing.count == scan.records.count {
            let alone = file.lowercased().hasSuffix(".dbf")
            checks.add(Check(
                .error, "layer-without-geometry", layer: file, "none of its \(scan.records.count) features has a geometry",
                fix: alone ? "the .shp (and .shx) beside this .dbf are missing; deliver the whole shapefile and name the .shp"
                    : "give the \(role) layer as a file with geometries").zh(
                    "\(scan.records.count)个要素都没有几何",
                    fix: alone ? "缺少与该 .dbf 配套的 .shp（及 .shx）；请提供完整的 shapefile 并指定 .shp" : "请为\(role)图层提供带几何的文件"))
            return nil
        }
        if let csv = source as? SwappedCoordinateSource {
            let columns = csv.coordinateFields
            if csv.everyRecordSwapped {
                checks.add(Check(.warning, "coordinates-swapped", layer: file, field: columns,
                                 "every row has latitude where longitude should be: the columns are labelled the wrong way round",
                                 fix: "read the other way round; relabel the columns")
                    .zh("每一行的经度位置都是纬度：列名标反了", fix: "已按对调读取；请更正列名"))
            } else if !csv.swappedRecords.isEmpty {
                checks.add(Check(.warning, "coordinates-swapped", layer: file, field: columns,
                                 "\(csv.swappedRecords.count) rows have latitude and longitude swapped",
                                 fix: "read the other way round; correct the rows", examples: csv.swappedRecords)
                    .zh("\(csv.swappedRecords.count)行的经纬度颠倒", fix: "已按对调读取；请更正这些行"))
            }
        }
        if !wrongType.isEmpty {
            checks.add(Check(
                .error, "geometry-type", layer: file,
                "\(wrongType.count) features are not \(role.geometryKind)s as the \(role) layer needs",
                fix: "give a \(role.geometryKind) layer", examples: wrongType.map { "\(scan.label($0.0)): \($0.1)" })
                .zh("\(wrongType.count)个要素不是\(role)图层所需的\(role.geometryKindZh)", fix: "请提供\(role.geometryKindZh)图层"))
        }
        // With an area field (TBMJ), say how much land the figures lose.
        func lost(_ area: Double) -> String {
            guard let column = columns[.area], area > 0 else { return "" }
            return " (\(Self.hectares(area)) by \(source.schema.fields[column].name))"
        }
        if !missing.isEmpty {
            checks.add(Check(
                .warning, "geometry-missing", layer: file, "\(missing.count) of \(scan.records.count) features have no geometry\(lost(lostMissing))",
                fix: "they are left out of every figure; add their shapes", examples: missing.map(scan.label))
                .zh("\(scan.records.count)个要素中\(missing.count)个没有几何\(lost(lostMissing))", fix: "不参与任何统计；请补充其形状"))
        }
        if !empty.isEmpty {
            checks.add(Check(
                .warning, "geometry-empty", layer: file, "\(empty.count) of \(scan.records.count) features have an empty geometry\(lost(lostEmpty))",
                fix: "they are left out of every figure; redraw them", examples: empty.map(scan.label))
                .zh("\(scan.records.count)个要素中\(empty.count)个为空几何\(lost(lostEmpty))", fix: "不参与任何统计；请重新绘制"))
        }
        if !repaired.isEmpty {
            checks.add(Check(
                .warning, "geometry-repaired", layer: file, "\(repaired.count) of \(scan.records.count) geometries were invalid",
                fix: "repaired with GEOS makeValid (a bow-tie becomes two triangles); areas come from the attribute table where it has them",
                examples: repaired.map { "\(scan.label($0.0)): \($0.1)" })
                .zh("\(scan.records.count)个几何中\(repaired.count)个无效", fix: "已用 GEOS makeValid 修复（自相交的“8”字形变为两个三角形）；面积取属性表中的值"))
        }
        return scan
    }

    /// What reading finds of one feature's geometry.
    enum Look: Sendable, Equatable {
        case missing
        case empty
        /// Not of the kind the role needs; the type's name.
        case wrongType(String)
        /// A polygon GEOS finds invalid (to be repaired).
        case invalid
        /// Kept as it is, with its extent.
        case usable(Bounds?)
    }

    /// A geometry's `Look`: emptiness, kind, validity (for polygon roles) and extent. Without
    /// `testingValidity`, nil for a polygon whose validity needs a test (one not proved simple
    /// as it was read).
    private static func look(_ shape: Geometry?, _ role: LayerRole, testingValidity: Bool) -> Look? {
        guard let shape else { return .missing }
        if shape.isEmpty { return .empty }
        guard fits(shape, role) else { return .wrongType(shape.type.description) }
        if role.needsPolygons, !shape.wasProvedSimple {
            guard testingValidity else { return nil }
            if !shape.isValidQuickly { return .invalid }
        }
        return .usable(shape.bounds)
    }

    /// The `Look` of the records at `positions`, worked out on every core in chunks, each
    /// geometry visited once (validity is the costliest check).
    private static func look(at records: [Record], _ positions: [Int], _ role: LayerRole) throws -> [(Int, Look)] {
        let chunks = stride(from: 0, to: positions.count, by: 4096).map { positions[$0..<min($0 + 4096, positions.count)] }
        return try Parallel.map(chunks) { chunk in
            chunk.map { index in (index, look(records[index].geometry, role, testingValidity: true) ?? .missing) }
        }.flatMap { $0 }
    }

    /// Square metres as hectares in messages: `26.24 ha`.
    static func hectares(_ squareMetres: Double) -> String { String(format: "%.2f ha", squareMetres / 10_000) }

    /// Whether a geometry has the kind the role needs (population takes points or cells).
    static func fits(_ geometry: Geometry, _ role: LayerRole) -> Bool {
        switch geometry.type {
        case .polygon, .multiPolygon: role.needsPolygons || role == .population
        case .point, .multiPoint: !role.needsPolygons && !role.needsLines
        case .lineString, .multiLineString: role.needsLines
        default: false
        }
    }

    /// Decides the layer's CRS: its own (`.prj`, or the project's `crs`), else what its
    /// coordinates establish (a note), else an error with the candidates that put it over the
    /// land use.
    func crs(over landUse: (extent: Bounds, crs: CoordinateReferenceSystem)?, hints: SettingHints, checks: inout CheckList) -> CoordinateReferenceSystem? {
        if let crs = source.crs { return crs }
        guard let extent else { return nil }
        if let (crs, reason) = CRSEvidence.implied(by: extent) {
            let reasonZh = crs.isGeographic ? "坐标为中国范围内的经纬度" : "横坐标前带有投影带号"
            checks.add(Check(.note, "crs-from-coordinates", layer: file, "has no .prj; \(reason)",
                             fix: "read as \(crs.shortDescription); set \(hints.crs(role, "CRS")) to say otherwise")
                .zh("没有 .prj；\(reasonZh)", fix: "按 \(crs.shortDescription) 读取；如不正确请设置 \(hints.crs(role, "CRS"))"))
            return crs
        }
        let candidates = landUse.map { CRSEvidence.candidates(for: extent, over: $0.extent, in: $0.crs) } ?? []
        let list = candidates.isEmpty ? "no CGCS2000 zone puts it over the land use" : "its coordinates fit \(candidates.map(\.shortDescription).joined(separator: " and "))"
        checks.add(Check(
            .error, "crs-unknown", layer: file,
            "has no .prj, and its coordinates (\(CRSEvidence.text(extent))) do not say their CRS: plain Gauss–Krüger eastings could lie in any zone; \(list)",
            fix: "set \(hints.crs(role, "EPSG:\(candidates.first?.epsg.map(String.init) ?? "45xx")"))")
            .zh("没有 .prj，坐标（\(CRSEvidence.text(extent))）不能确定坐标系：不带带号的高斯–克吕格横坐标可能属于任何投影带；"
                + (candidates.isEmpty ? "没有哪个 CGCS2000 投影带能使其与土地利用重叠" : "符合的坐标系：\(candidates.map(\.shortDescription).joined(separator: "、"))"),
                fix: "请设置 \(hints.crs(role, "EPSG:\(candidates.first?.epsg.map(String.init) ?? "45xx")"))"))
        return nil
    }
}

/// How the front end tells users to set a field or a CRS: in a project file, or on the
/// command line. The checks name the setting in their fixes.
public struct SettingHints: Sendable {
    public var field: @Sendable (FieldRole) -> String
    /// The setting that gives a layer a CRS, with the value: `layers.villages.crs: EPSG:4549`.
    public var crs: @Sendable (LayerRole, String) -> String

    public init(field: @escaping @Sendable (FieldRole) -> String, crs: @escaping @Sendable (LayerRole, String) -> String) {
        self.field = field
        self.crs = crs
    }

    /// A project file's keys: `layers.villages.fields.population: NAME`, `layers.villages.crs:`.
    public static let projectFile = SettingHints(
        field: { "\($0.projectKey): NAME" }, crs: { "layers.\($0.rawValue).crs: \($1)" })
}
