import Dispatch
import ZoningGeometry
import ZoningFeatures
import ZoningProjection
import ZoningSupport

/// Every input of the analyses, in memory and in one CRS (the land use's), with the checks
/// made while reading them.
public struct AnalysisInputs: Sendable {
    /// The analysis CRS: the land-use layer's, projected in metres.
    public var crs: CoordinateReferenceSystem
    public var parcels: [LandParcel] = []
    public var units: [VillageUnit] = []
    public var seats: [GovernmentSeat] = []
    /// The regions coverage is reported on (the townships layer), with their kind.
    public var townships: [CoverageRegion] = []
    public var facilities: [Facility] = []
    /// Residents as points; nil without a population layer.
    public var population: [PopulationPoint]?
    /// Road centrelines; empty without a roads layer.
    public var roads: [RoadLine] = []
    /// Each township's population from its own layer's field, when it has one.
    public var townshipPopulation: [String: Double] = [:]
    /// The file name of each layer read, by role (`DLTB.shp`).
    public var files: [LayerRole: String] = [:]
    /// Each layer's extent in the analysis CRS.
    public var extents: [LayerRole: Bounds] = [:]
    /// What reading found: automatic fixes, absent optional fields, problems.
    public var checks = CheckList()

    public init(crs: CoordinateReferenceSystem) {
        self.crs = crs
    }
}

/// Reads the analyses' inputs from layers by role, and proves they can be used together
/// before any analysis runs. The survey schema's field names are the defaults; `fields`
/// maps an office's names (see `FieldRole`).
///
/// What it does, each step reported in the checks (docs/CHECKS.md):
/// - **Fields**: a field named in the project or on the command line must exist; so must
///   a required one. An absent optional field is a note saying what follows.
/// - **Geometries**: features without one or with an empty one are listed; invalid polygons
///   are repaired (makeValid) and counted; a layer with no geometry at all (a `.dbf`
///   alone) is an error.
/// - **CRS by evidence**: a layer without a `.prj` (and no `crs` set) is read in the CRS its
///   coordinates establish (degrees: EPSG:4490; prefixed Gauss–Krüger eastings: that zone),
///   else the run stops with the zones that fit. Every layer must then lie over the land
///   use, or the run stops with the likely cause (swapped axes, degrees vs metres, a wrong
///   zone).
/// - **Codes** are read as `AdministrativeCode`s whatever their form (19-character survey
///   codes, numbers, padded townships); the forms met are a note.
/// - **Values**: unreadable populations and seat kinds stop the run with the records;
///   unknown official classes and facility types are listed.
///
/// ```swift
/// let inputs = try InputReader().read([.landUse: dltb, .villages: villages, .seats: seats])
/// inputs.parcels.count   // 20280
/// inputs.checks.tally    // "2 notes"
/// ```
public struct InputReader: Sendable {
    public var fields = FieldNames()
    /// The facilities' type field; nil tries `InputReader.typeFieldCandidates`.
    public var facilityTypeField: String?
    public var facilityTypes = FacilityTypeMap()
    public var hints = SettingHints.projectFile

    /// The facility type fields tried, in order, when none is named.
    public static let typeFieldCandidates = ["TYPE", "type", "类型", "TYPENAME"]
    /// The facilities' own name fields tried, in order (`Facility.title`); none is required.
    public static let titleFieldCandidates = ["NAME", "name", "名称", "MC", "JGMC"]

    public init(fields: FieldNames = FieldNames()) {
        self.fields = fields
    }

    /// Reads the layers given. The land use is required.
    /// - Throws: `InputChecksFailed` with every check when any is an error (all layers are
    ///   read first, so that one run shows every problem); errors of the files themselves
    ///   (unreadable records) as they come.
    public func read(_ sources: [LayerRole: FeatureSource]) throws -> AnalysisInputs {
        var checks = CheckList()
        let transforms = PreparedTransforms(sources)
        var scans: [LayerRole: LayerScan] = [:]
        for role in LayerRole.allCases {
            guard let source = sources[role] else { continue }
            let file = Self.fileName(source)
            var columns: [FieldRole: Int]?
            var extra: [Int] = []
            if role == .facilities {
                columns = [:]
                let candidates = facilityTypeField.map { [$0] } ?? Self.typeFieldCandidates
                if let column = candidates.lazy.compactMap({ source.schema.index(of: $0) }).first {
                    extra = [column] + Self.titleFieldCandidates.lazy.compactMap { source.schema.index(of: $0) }.prefix(1)
                } else {
                    checks.add(Check(
                        .error, "field-missing", layer: file, field: candidates.joined(separator: " or "),
                        "has no facility type field \(candidates.joined(separator: " or ")); its fields are \(source.schema.names.joined(separator: ", "))",
                        fix: "name it with layers.facilities.type_field (--type-field)")
                        .zh("没有设施类型字段\(candidates.joined(separator: "或"))；现有字段：\(source.schema.names.joined(separator: ", "))",
                            fix: "用 layers.facilities.type_field（--type-field）指定"))
                    columns = nil
                }
            } else {
                columns = LayerScan.resolveColumns(role, source: source, file: file, fields: fields, hints: hints, checks: &checks)
            }
            guard let columns else { continue }
            if let scan = try LayerScan.read(role, source: source, file: file, columns: columns, extra: extra, checks: &checks) {
                scans[role] = scan
            }
        }
        guard var landUse = scans[.landUse], let landUseExtent = landUse.extent,
            let crs = landUse.crs(over: nil, hints: hints, checks: &checks)
        else { throw InputChecksFailed(checks: checks, strict: false) }
        if crs.isGeographic || !crs.unitName.lowercased().hasPrefix("met") {
            checks.add(Check(
                .error, "crs-not-metres", layer: landUse.file,
                "is in \(crs.shortDescription); gaps, radii and distances are metres on the ground",
                fix: "reproject the land use to its Gauss–Krüger zone (EPSG:4526–4529 or 4547–4550 in Shandong) first")
                .zh("坐标系为\(crs.shortDescription)；连接距离、半径和距离以米计", fix: "请先把土地利用图层转换到其高斯–克吕格投影带（山东为 EPSG:4526–4529 或 4547–4550）"))
        }

        var inputs = AnalysisInputs(crs: crs)
        inputs.extents[.landUse] = landUseExtent
        for (role, scan) in scans { inputs.files[role] = scan.file }
        // The land use's records are used up by `parcels` (read once, then freed): no other
        // copy of them may stay, or they would be copied whole instead.
        scans[.landUse] = nil
        var moved: [LayerRole: [LayerScan.Record]] = [:]
        for role in LayerRole.allCases where role != .landUse {
            guard let scan = scans[role], let extent = scan.extent,
                let layerCRS = scan.crs(over: (landUseExtent, crs), hints: hints, checks: &checks) else { continue }
            let mover = layerCRS == crs ? nil : try transforms.take(from: layerCRS, to: crs) ?? CoordinateTransform(from: layerCRS, to: crs)
            var records = scan.records, movedExtent: Bounds?, unmovable: [String] = []
            for i in records.indices {
                guard let geometry = records[i].geometry else { continue }
                do {
                    records[i].geometry = try mover?.apply(to: geometry) ?? geometry
                } catch {
                    // A stray point (0,0, another continent) has no place in the zone.
                    unmovable.append(scan.label(records[i].id))
                    records[i].geometry = nil
                }
                if let bounds = records[i].geometry?.bounds { movedExtent = movedExtent.map { $0.union(bounds) } ?? bounds }
            }
            if !unmovable.isEmpty {
                let all = movedExtent == nil
                checks.add(Check(
                    all ? .error : .warning, "crs-transform", layer: scan.file,
                    "\(unmovable.count) features cannot be moved from \(layerCRS.shortDescription) to \(crs.shortDescription) (they lie far outside its zone)",
                    fix: all ? "check the layer's CRS (\(hints.crs(role, "CRS")))" : "they are left out; check their coordinates", examples: unmovable)
                    .zh("\(unmovable.count)个要素无法从\(layerCRS.shortDescription)转换到\(crs.shortDescription)（远在投影带之外）",
                        fix: all ? "请检查该图层的坐标系（\(hints.crs(role, "CRS"))）" : "已排除；请检查其坐标"))
            }
            if let movedExtent, !CRSEvidence.overlaps(movedExtent, landUseExtent) {
                checks.add(Check(
                    .error, "layer-off-land-use", layer: scan.file,
                    "does not overlap the land use (\(landUse.file)): in \(crs.shortDescription) it spans \(CRSEvidence.text(movedExtent)), the land use \(CRSEvidence.text(landUseExtent))",
                    fix: CRSEvidence.diagnosis(extent: extent, declared: layerCRS, target: landUseExtent, in: crs, setting: { hints.crs(role, $0) }))
                    .zh("与土地利用图层（\(landUse.file)）不重叠：在\(crs.shortDescription)中其范围为\(CRSEvidence.text(movedExtent))，土地利用为\(CRSEvidence.text(landUseExtent))",
                        fix: "可能原因：" + CRSEvidence.diagnosis(extent: extent, declared: layerCRS, target: landUseExtent, in: crs, setting: { hints.crs(role, $0) })))
            }
            inputs.extents[role] = movedExtent
            moved[role] = records
        }

        inputs.parcels = parcels(&landUse, &checks)
        if let scan = scans[.villages], let records = moved[.villages] {
            var residential = Set<String>()
            for parcel in inputs.parcels where parcel.landUse.hasPrefix("07") { residential.insert(parcel.unitCode) }
            inputs.units = units(scan, records, residential: residential, &checks)
        }
        if let scan = scans[.seats], let records = moved[.seats] { inputs.seats = seats(scan, records, &checks) }
        if let scan = scans[.townships], let records = moved[.townships] {
            (inputs.townships, inputs.townshipPopulation) = townships(scan, records, &checks)
        }
        if let scan = scans[.facilities], let records = moved[.facilities] { inputs.facilities = facilities(scan, records, &checks) }
        if let scan = scans[.population], let records = moved[.population] { inputs.population = try population(scan, records, &checks) }
        if let scan = scans[.roads], let records = moved[.roads] { inputs.roads = roads(scan, records, &checks) }
        inputs.checks = checks
        if !checks.errors.isEmpty { throw InputChecksFailed(checks: checks, strict: false) }
        return inputs
    }

    /// The file name messages show: the main file of the source (`DLTB.shp`), or for a layer
    /// of a File Geodatabase, whose files are the folder's, the folder and layer
    /// (`县级数据库.gdb#DLTB`).
    static func fileName(_ source: FeatureSource) -> String {
        let parts = source.files.first?.split(separator: "/") ?? []
        if parts.count >= 2, parts[parts.count - 2].lowercased().hasSuffix(".gdb") { return "\(parts[parts.count - 2])#\(source.name)" }
        return parts.last.map(String.init) ?? source.name
    }

    // MARK: Layers

    /// The largest area a parcel's `TBMJ` may give: 10 000 km², more than any county of
    /// Shandong (the largest has about 3 000 km²); a larger value is a damaged cell.
    static let largestParcelArea = 1e10
    static let largestParcelAreaText = "1e10"

    func parcels(_ scan: inout LayerScan, _ checks: inout CheckList) -> [LandParcel] {
        var codes = CodeTally(scan: scan, role: .location, fields: fields)
        // Used up here: each record's geometry moves into its parcel (no other copy of the
        // records may stay, or they would be copied whole).
        var records = scan.records
        scan.records = []
        var noArea: [Int] = [], badArea: [String] = [], padded = 0, paddedExample = ""
        var parcels: [LandParcel] = []
        parcels.reserveCapacity(records.count)
        // The roles' columns looked up once (what `scan.value` looks up for each record).
        let areaColumn = scan.columns[.area], settlementColumn = scan.columns[.settlement], landUseColumn = scan.columns[.landUse]
        let kept = scan.attributes
        func value(_ row: Int, _ column: Int?) -> AttributeValue {
            guard let column else { return .null }
            return kept[row, column]
        }
        // Land-use and settlement values repeat (a few dozen codes in a county): each distinct
        // value is trimmed and read once, and its parcels share the string.
        var landUses: [AttributeValue: (code: String, padded: Bool)] = [:], settlements: [AttributeValue: String?] = [:]
        // The values of the parcel before: neighbours in the file often share them.
        var lastLandUse: (value: AttributeValue, read: (code: String, padded: Bool)) = (.null, Self.landUseCode(.null))
        var lastSettlement: (value: AttributeValue, read: String?) = (.null, nil)
        for index in records.indices {
            guard let geometry = records[index].geometry.take() else { continue }
            let id = records[index].id, row = records[index].row
            let code = codes.read(value(row, codes.column), id: id)
            let areaValue = value(row, areaColumn)
            var area = areaValue.doubleValue ?? (areaValue.isNull ? nil : Double(areaValue.description))
            if let value = area, !(value.isFinite && value >= 0 && value <= Self.largestParcelArea) {
                // NaN, a negative or an impossible area would pass into every share and total.
                badArea.append("\(scan.label(id)): \(areaValue.description.trimmingCharacters(in: .whitespaces))")
                area = nil
            } else if area == nil {
                noArea.append(id)
            }
            let settlementValue = value(row, settlementColumn)
            if settlementValue != lastSettlement.value {
                if let known = settlements[settlementValue] {
                    lastSettlement = (settlementValue, known)
                } else {
                    lastSettlement = (settlementValue, settlementValue.isNull ? nil : settlementValue.description.trimmingBlanks())
                    settlements[settlementValue] = .some(lastSettlement.read)
                }
            }
            let settlement = lastSettlement.read
            let landUseValue = value(row, landUseColumn)
            if landUseValue != lastLandUse.value {
                if let known = landUses[landUseValue] {
                    lastLandUse = (landUseValue, known)
                } else {
                    lastLandUse = (landUseValue, Self.landUseCode(landUseValue))
                    landUses[landUseValue] = lastLandUse.read
                }
            }
            let landUse = lastLandUse.read
            if landUse.padded {
                if padded == 0 { paddedExample = "\(landUse.code.dropFirst()) → \(landUse.code)" }
                padded += 1
            }
            parcels.append(LandParcel(geometry: geometry, landUse: landUse.code, settlement: settlement, unitCode: code?.digits ?? "", area: area ?? geometry.area))
        }
        codes.report(to: &checks, unreadable: .warning, fix: "these parcels count for no unit; correct \(fields[.location])",
                     fixZh: "这些图斑不计入任何单位；请更正\(fields[.location])")
        if padded > 0 {
            checks.add(Check(.note, "land-use-code-padded", layer: scan.file, field: fields[.landUse],
                             "\(padded) land-use codes have 3 digits (a numeric field drops the leading zero)", fix: "read with the zero restored (\(paddedExample))")
                .zh("\(padded)个地类编码只有3位（数值字段丢失了首位的0）", fix: "已补回首位0读取（\(paddedExample)）"))
        }
        if !badArea.isEmpty {
            checks.add(Check(
                .error, "area-unreadable", layer: scan.file, field: fields[.area],
                "\(badArea.count) parcels have an area in \(fields[.area]) that is not a number of m² from 0 to \(Self.largestParcelAreaText) (NaN, negative, infinite or larger than any county)",
                fix: "correct these parcels' \(fields[.area]) (the ellipsoidal area in m²), or empty it to use the plane area", examples: badArea)
                .zh("\(badArea.count)个图斑的\(fields[.area])不是0到\(Self.largestParcelAreaText)平方米之间的数（非数、负数、无穷大或超过一个县的面积）",
                    fix: "请更正这些图斑的\(fields[.area])（椭球面积，平方米），或将其置空以使用平面面积"))
        }
        if !parcels.isEmpty, noArea.count == parcels.count {
            checks.add(Check(
                .error, "area-missing", layer: scan.file, field: fields[.area],
                "no parcel has an area in \(fields[.area]) (a \(scan.columns[.area].map { scan.source.schema.fields[$0].type.rawValue } ?? "missing") field)",
                fix: "name the field holding TBMJ, the ellipsoidal area in m², with \(hints.field(.area))")
                .zh("没有图斑在\(fields[.area])中有面积", fix: "用 \(hints.field(.area)) 指定存放图斑面积（TBMJ，椭球面积，平方米）的字段"))
        } else if !noArea.isEmpty {
            checks.add(Check(
                .warning, "area-missing", layer: scan.file, field: fields[.area], "\(noArea.count) parcels have no area",
                fix: "their plane area in \(scan.source.crs?.shortDescription ?? "the layer's CRS") is used (up to 0.05% larger than the ellipsoidal area)",
                examples: noArea.map(scan.label))
                .zh("\(noArea.count)个图斑没有面积", fix: "使用其在\(scan.source.crs?.shortDescription ?? "图层坐标系")中的平面面积（比椭球面积最多大0.05%）"))
        }
        return parcels
    }

    /// A parcel's land-use code from its cell, blanks trimmed. 三调 codes have 4 characters; a
    /// numeric field drops the leading zero, so 3 digits are read with it restored
    /// (`701` → `0701`, `padded` true).
    static func landUseCode(_ value: AttributeValue) -> (code: String, padded: Bool) {
        let code = value.description.trimmingBlanks()
        if code.count == 3, code.allSatisfy(\.isNumber) { return ("0" + code, true) }
        return (code, false)
    }

    /// The village-level units. `residential` holds the codes of the units with residential
    /// land (07xx parcels): such a unit without a population is an error, since it would count
    /// as 0 residents and lower the rates; one without residential land is a warning.
    func units(_ scan: LayerScan, _ records: [LayerScan.Record], residential: Set<String> = [], _ checks: inout CheckList) -> [VillageUnit] {
        let c = scan.columns
        var codes = CodeTally(scan: scan, role: .unitCode, fields: fields, level: .village)
        var badPopulation: [String] = [], noPopulation: [Int] = [], noPopulationHomes: [String] = [], badClass: [String] = []
        var units: [VillageUnit] = []
        for record in records {
            guard let code = codes.read(record, of: scan) else { continue }
            var population: Int?
            if let column = c[.unitPopulation] {
                let value = scan.attribute(record, column)
                // Checked before conversion: no unit has 10⁹ residents, and 1e20 or NaN would trap.
                if let number = value.doubleValue ?? Double(value.description.trimmingCharacters(in: .whitespaces)), number.isFinite, number >= 0, number < 1e9 {
                    population = Int(number.rounded())
                } else if value.isNull || value.description.trimmingCharacters(in: .whitespaces).isEmpty {
                    // A DBF cell of `***` (shapelib's null marker) or blanks reads as null.
                    if residential.contains(code.digits) {
                        let name = c[.unitName].map { " " + scan.attribute(record, $0).description } ?? ""
                        noPopulationHomes.append("\(code.digits)\(name) (\(scan.label(record.id)))")
                    } else {
                        noPopulation.append(record.id)
                    }
                } else {
                    badPopulation.append("\(scan.label(record.id)): \"\(value.description)\"")
                }
            }
            var official: UrbanRuralClass?
            if let column = c[.officialClass] {
                let text = scan.attribute(record, column).description.trimmingCharacters(in: .whitespaces)
                if let known = UrbanRuralClass(rawValue: text) { official = known } else if !text.isEmpty { badClass.append("\(scan.label(record.id)): \"\(text)\"") }
            }
            let flag = c[.special].map { scan.attribute(record, $0).description.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
            units.append(VillageUnit(
                code: code.digits, name: c[.unitName].map { scan.attribute(record, $0).description } ?? "",
                population: population, officialClass: official, special: ["y", "1", "是", "true", "t"].contains(flag),
                geometry: record.geometry))
        }
        codes.report(to: &checks, unreadable: .error, fix: "every village-level unit needs its 12-digit code; correct \(fields[.unitCode])",
                     fixZh: "每个村级单位须有12位代码；请更正\(fields[.unitCode])")
        if !badPopulation.isEmpty {
            checks.add(Check(.error, "population-unreadable", layer: scan.file, field: fields[.unitPopulation],
                             "\(badPopulation.count) units have a population that is not a number", fix: "correct the values", examples: badPopulation)
                .zh("\(badPopulation.count)个单位的人口不是有效数字", fix: "请更正这些值"))
        }
        if !noPopulationHomes.isEmpty {
            checks.add(Check(.error, "population-missing", layer: scan.file, field: fields[.unitPopulation],
                             "\(noPopulationHomes.count) units with residential land have no population (an empty cell, or *** in a DBF)",
                             fix: "fill in the population of these units in \(fields[.unitPopulation]); counted as 0 residents they would lower the urbanization rates",
                             examples: noPopulationHomes)
                .zh("\(noPopulationHomes.count)个有住宅用地的单位没有人口（单元格为空，或 DBF 中为 ***）",
                    fix: "请在\(fields[.unitPopulation])中填写这些单位的人口；按0人计会拉低城镇化率"))
        }
        if !noPopulation.isEmpty {
            checks.add(Check(.warning, "population-missing", layer: scan.file, field: fields[.unitPopulation],
                             "\(noPopulation.count) units without residential land have no population", fix: "they count as 0 residents", examples: noPopulation.map(scan.label))
                .zh("\(noPopulation.count)个没有住宅用地的单位没有人口", fix: "按0人计"))
        }
        if !badClass.isEmpty {
            checks.add(Check(
                .warning, "official-class-unknown", layer: scan.file, field: fields[.officialClass],
                "\(badClass.count) units have an official class that is not one of \(UrbanRuralClass.allCases.map(\.rawValue).joined(separator: ", "))",
                fix: "they are compared as units without an official class", examples: badClass)
                .zh("\(badClass.count)个单位的统计分类代码不是有效代码", fix: "按没有统计分类代码处理"))
        }
        return merged(units, scan, &checks)
    }

    /// Units that share a code: the parts of one unit exported as several records (the same
    /// population, class and flag) are merged into one polygon, with a warning; different
    /// values under one code are an error.
    func merged(_ units: [VillageUnit], _ scan: LayerScan, _ checks: inout CheckList) -> [VillageUnit] {
        var order: [String] = [], byCode: [String: [VillageUnit]] = [:]
        for unit in units {
            if byCode[unit.code] == nil { order.append(unit.code) }
            byCode[unit.code, default: []].append(unit)
        }
        var mergedCodes: [String] = [], conflicting: [String] = []
        let result = order.map { code -> VillageUnit in
            let parts = byCode[code, default: []]
            guard let first = parts.first, parts.count > 1 else { return parts[0] }
            if parts.allSatisfy({ $0.population == first.population && $0.officialClass == first.officialClass && $0.special == first.special }) {
                mergedCodes.append(code)
                var unit = first
                unit.geometry = try? Geometry.unionAll(parts.compactMap(\.geometry))
                return unit
            }
            conflicting.append("\(code) ×\(parts.count) (population \(parts.map { $0.population.map(String.init) ?? "none" }.joined(separator: "/")))")
            return first
        }
        if !mergedCodes.isEmpty {
            checks.add(Check(.warning, "unit-code-duplicate", layer: scan.file, field: fields[.unitCode],
                             "\(mergedCodes.count) codes appear on several records with the same values",
                             fix: "taken as the parts of one unit and merged (population counted once)", examples: mergedCodes)
                .zh("\(mergedCodes.count)个代码出现在多条属性相同的记录中", fix: "视为同一单位的各部分并合并（人口只计一次）"))
        }
        if !conflicting.isEmpty {
            checks.add(Check(.error, "unit-code-duplicate", layer: scan.file, field: fields[.unitCode],
                             "\(conflicting.count) codes appear on several records with different values",
                             fix: "each unit needs its own code; correct the codes or merge the records", examples: conflicting)
                .zh("\(conflicting.count)个代码出现在多条属性不同的记录中", fix: "每个单位须有自己的代码；请更正代码或合并记录"))
        }
        return result
    }

    func seats(_ scan: LayerScan, _ records: [LayerScan.Record], _ checks: inout CheckList) -> [GovernmentSeat] {
        let c = scan.columns
        var codes = CodeTally(scan: scan, role: .seatCode, fields: fields)
        var badKinds: [String] = [], cityByCode: [String] = []
        var seats: [GovernmentSeat] = []
        for record in records {
            guard let point = record.geometry else { continue }
            let text = scan.value(record, .seatKind).description.trimmingCharacters(in: .whitespaces)
            guard var rank = SeatRank(kind: text) else {
                badKinds.append("\(scan.label(record.id)): \"\(text)\"")
                continue
            }
            let code = codes.read(record, of: scan)
            // "county"/县 names the seat of a county-level unit; only a 县's (digits 5–6
            // 21–70) is a town seat. A 市辖区's, a development zone's listed as county-level
            // (71–80) and a county-level city's (81–99) are city seats (METHOD §1).
            if ["county", "县"].contains(text.lowercased()), let code, code.level == .county, let kind = code.countyKind, kind != .county {
                rank = .city
                cityByCode.append("\(scan.label(record.id)): \(code) (\(kind))")
            }
            seats.append(GovernmentSeat(
                point: point, rank: rank, code: code?.digits ?? scan.value(record, .seatCode).description,
                name: c[.seatName].map { scan.attribute(record, $0).description } ?? ""))
        }
        codes.report(to: &checks, unreadable: .warning, fix: "the seat is named by its text; correct \(fields[.seatCode]) so that a 镇 seat is recognised by digits 7–9",
                     fixZh: "驻地按原文显示；请更正\(fields[.seatCode])，以便按第7–9位识别镇驻地")
        if !cityByCode.isEmpty {
            checks.add(Check(.note, "seat-county-city", layer: scan.file, field: fields[.seatKind],
                             "\(cityByCode.count) seats of kind county have the code of a 市辖区, a development zone or a county-level city, and count as city seats",
                             fix: "only a 县's seat (code digits 5–6 from 21 to 70) is a town seat; write city (市) for the others to make this explicit", examples: cityByCode)
                .zh("\(cityByCode.count)个类型为“县”的驻地，其代码属于市辖区、开发区或县级市，按城市驻地计",
                    fix: "只有县（代码第5–6位为21–70）的驻地按镇驻地计；其他请写作“市”"))
        }
        if !badKinds.isEmpty {
            checks.add(Check(.error, "seat-kind-unknown", layer: scan.file, field: fields[.seatKind],
                             "\(badKinds.count) seats have a kind that is not a seat kind",
                             fix: "use city, county, subdistrict, town or xiang (市, 县, 街道, 镇, 乡)", examples: badKinds)
                .zh("\(badKinds.count)个驻地的类型无法识别", fix: "请使用 市、县、街道、镇、乡（或 city、county、subdistrict、town、xiang）"))
        }
        return seats
    }

    func townships(_ scan: LayerScan, _ records: [LayerScan.Record], _ checks: inout CheckList) -> ([CoverageRegion], [String: Double]) {
        let c = scan.columns
        var codes = CodeTally(scan: scan, role: .townshipCode, fields: fields)
        var regions: [CoverageRegion] = [], population: [String: Double] = [:], disagreeing: [String] = []
        for record in records {
            guard let geometry = record.geometry, let code = codes.read(record, of: scan) else { continue }
            let fromCode = code.townshipKind
            var kind = fromCode?.rawValue
            if let column = c[.townshipKind] {
                let text = scan.attribute(record, column).description.trimmingCharacters(in: .whitespaces)
                let given = RegionKind.normalised(text)
                if let given, let fromCode, given != fromCode.rawValue { disagreeing.append("\(code): \(text) vs \(fromCode) by code") }
                if let given { kind = given } else if !text.isEmpty { kind = text }
            }
            // Only a plausible count is compared with the villages' (never 1e20 or NaN).
            if let column = c[.townshipPopulation], let value = scan.attribute(record, column).doubleValue, value.isFinite, value >= 0, value < 1e9 {
                population[code.digits] = value
            }
            regions.append(CoverageRegion(
                code: code.digits, name: c[.townshipName].map { scan.attribute(record, $0).description } ?? "", kind: kind, geometry: geometry))
        }
        codes.report(to: &checks, unreadable: .error, fix: "every region needs its code; correct \(fields[.townshipCode])",
                     fixZh: "每个区域须有代码；请更正\(fields[.townshipCode])")
        if !disagreeing.isEmpty {
            checks.add(Check(.warning, "township-kind-disagrees", layer: scan.file, field: fields[.townshipKind],
                             "\(disagreeing.count) townships' kind differs from what digits 7–9 of their code say",
                             fix: "the kind field is used; check the codes or the field", examples: disagreeing)
                .zh("\(disagreeing.count)个乡镇的类型与代码第7–9位不一致", fix: "采用类型字段；请核对代码或该字段"))
        }
        return (regions, population)
    }

    func facilities(_ scan: LayerScan, _ records: [LayerScan.Record], _ checks: inout CheckList) -> [Facility] {
        guard let column = (facilityTypeField.map { [$0] } ?? Self.typeFieldCandidates).lazy.compactMap({ scan.source.schema.index(of: $0) }).first else { return [] }
        let field = scan.source.schema.fields[column].name
        let titleColumn = Self.titleFieldCandidates.lazy.compactMap { scan.source.schema.index(of: $0) }.first
        var unknown: [String: Int] = [:], ignored: [String: Int] = [:]
        var result: [Facility] = []
        for record in records {
            guard let point = record.geometry else { continue }
            let name = scan.attribute(record, column).description
            switch facilityTypes.resolve(name) {
            case .type(let type):
                let title = titleColumn.map { scan.attribute(record, $0).description } ?? ""
                result.append(Facility(point: point, type: type, name: name, label: scan.label(record.id), title: title))
            case .ignored: ignored[name, default: 0] += 1
            case .unknown: unknown[name, default: 0] += 1
            }
        }
        func listed(_ counts: [String: Int]) -> [String] { counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) (\($0.value))" } }
        if !ignored.isEmpty {
            checks.add(Check(.note, "facility-type-ignored", layer: scan.file, field: field,
                             "\(ignored.values.reduce(0, +)) facilities of \(ignored.count) types are ignored as the type map says",
                             examples: listed(ignored))
                .zh("按类型映射忽略了\(ignored.count)类共\(ignored.values.reduce(0, +))处设施"))
        }
        if !unknown.isEmpty {
            checks.add(Check(
                .error, "facility-type-unknown", layer: scan.file, field: field,
                "\(unknown.values.reduce(0, +)) facilities have \(unknown.count) types zoning does not know",
                fix: "map each to one of \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")) or to ignore (layers.facilities.type_map, --type-map NAME=type)",
                examples: listed(unknown))
                .zh("\(unknown.values.reduce(0, +))处设施的\(unknown.count)种类型无法识别",
                    fix: "请把每种类型映射为 \(FacilityType.allCases.map(\.rawValue).joined(separator: ", ")) 之一或 ignore（layers.facilities.type_map，--type-map 名称=类型）"))
        }
        return result
    }

    func population(_ scan: LayerScan, _ records: [LayerScan.Record], _ checks: inout CheckList) throws -> [PopulationPoint] {
        var result: [PopulationPoint] = [], noValue: [Int] = [], badValue: [String] = []
        for record in records {
            guard let geometry = record.geometry else { continue }
            let value = scan.value(record, .residents)
            guard let residents = value.doubleValue ?? Double(value.description) else {
                noValue.append(record.id)
                continue
            }
            // No point or cell holds 10⁹ residents; 1e20, NaN or a negative count is damage.
            guard residents.isFinite, residents >= 0, residents < 1e9 else {
                badValue.append("\(scan.label(record.id)): \(value.description)")
                continue
            }
            let point = geometry.type == .point ? geometry : try geometry.pointOnSurface()
            result.append(PopulationPoint(point: point, residents: residents, label: scan.label(record.id)))
        }
        if !badValue.isEmpty {
            checks.add(Check(.error, "population-unreadable", layer: scan.file, field: fields[.residents],
                             "\(badValue.count) features have a number of residents that cannot be (negative, not finite, or 10⁹ and more)",
                             fix: "correct the values", examples: badValue)
                .zh("\(badValue.count)个要素的人口数不合理（负数、非有限值或不少于10⁹）", fix: "请更正这些值"))
        }
        if !noValue.isEmpty {
            checks.add(Check(.warning, "population-missing", layer: scan.file, field: fields[.residents],
                             "\(noValue.count) features have no number of residents", fix: "they are left out", examples: noValue.map(scan.label))
                .zh("\(noValue.count)个要素没有人口数", fix: "已排除"))
        }
        return result
    }
}

extension InputReader {
    func roads(_ scan: LayerScan, _ records: [LayerScan.Record], _ checks: inout CheckList) -> [RoadLine] {
        var result: [RoadLine] = [], unknownDirection: [String: Int] = [:]
        for record in records {
            guard let geometry = record.geometry else { continue }
            let roadClass = scan.value(record, .roadClass)
            let oneway = scan.value(record, .roadOneway)
            var direction = RoadDirection.both
            if !oneway.isNull {
                if let read = RoadDirection(oneway: oneway.description) { direction = read } else { unknownDirection[oneway.description, default: 0] += 1 }
            }
            let bridge = scan.value(record, .roadBridge), tunnel = scan.value(record, .roadTunnel)
            result.append(RoadLine(
                geometry: geometry, roadClass: roadClass.isNull ? nil : roadClass.description, direction: direction,
                gradeSeparated: (!bridge.isNull && RoadDirection.isYes(bridge.description)) || (!tunnel.isNull && RoadDirection.isYes(tunnel.description)),
                label: scan.label(record.id)))
        }
        if !unknownDirection.isEmpty {
            let values = unknownDirection.sorted { $0.key < $1.key }.map { "\($0.key) (\($0.value))" }
            checks.add(Check(
                .warning, "oneway-unknown", layer: scan.file, field: fields[.roadOneway],
                "\(unknownDirection.values.reduce(0, +)) roads have a one-way value that is not understood",
                fix: "they are walked both ways; use yes/no/-1 (or F/T/B as Geofabrik writes them)", examples: values)
                .zh("\(unknownDirection.values.reduce(0, +))条道路的单行值无法识别", fix: "按双向步行；请使用 yes/no/-1（或 Geofabrik 的 F/T/B）"))
        }
        return result
    }
}

/// Reads one layer's codes and tallies what was met: codes normalised from other forms (a
/// note), codes of the wrong level and unreadable ones (with the severity the caller gives).
struct CodeTally {
    /// The layer's file and source, for messages (not the scan: its records stay its own).
    let file: String
    let source: FeatureSource
    let role: FieldRole
    let field: String
    /// The level every code must have, if any.
    let level: AdministrativeCode.Level?
    var forms: [AdministrativeCode.Form: (count: Int, example: String)] = [:]
    var unreadable: [String] = []
    var wrongLevel: [String] = []
    /// Each distinct value's reading: a parcel layer repeats a few hundred unit codes.
    private var readings: [AttributeValue: (code: AdministrativeCode, form: AdministrativeCode.Form?)?] = [:]
    /// The last value read and its reading: parcels of one unit tend to follow each other.
    private var last: (value: AttributeValue, reading: (code: AdministrativeCode, form: AdministrativeCode.Form?)?)?
    /// How many times `last` came again since it was counted in `forms` (a normalised form
    /// only): counted there when another value comes, or by `report`.
    private var repeats = 0

    private mutating func countRepeats() {
        if repeats > 0, let form = last?.reading?.form { forms[form]?.count += repeats }
        repeats = 0
    }
    /// The role's column, looked up once; nil when the layer has none.
    let column: Int?

    init(scan: LayerScan, role: FieldRole, fields: FieldNames, level: AdministrativeCode.Level? = nil) {
        file = scan.file
        source = scan.source
        self.role = role
        self.field = fields[role]
        self.level = level
        column = scan.columns[role]
    }

    /// The code in a record of `scan` (the layer this tally was made for).
    mutating func read(_ record: LayerScan.Record, of scan: LayerScan) -> AdministrativeCode? {
        read(column.map { scan.attribute(record, $0) } ?? .null, id: record.id)
    }

    /// The code in `value`, the role's cell of the record at `id` (its position in the file, for messages).
    mutating func read(_ value: AttributeValue, id: Int) -> AdministrativeCode? {
        let reading: (code: AdministrativeCode, form: AdministrativeCode.Form?)?
        if let last, last.value == value {
            reading = last.reading
            if reading?.form != nil { repeats += 1 }
        } else {
            countRepeats()
            if let known = readings[value] {
                reading = known
            } else {
                reading = AdministrativeCode.read(value)
                readings[value] = .some(reading)
            }
            last = (value, reading)
            if let (code, form) = reading, let form { forms[form, default: (0, "\(value.description) → \(code)")].count += 1 }
        }
        guard let (code, _) = reading else {
            unreadable.append("\(source.label(ofRecord: id)): \"\(value.description)\"")
            return nil
        }
        if let level, code.level != level {
            wrongLevel.append("\(source.label(ofRecord: id)): \(value.description) names a \(code.level)")
            return nil
        }
        return code
    }

    func report(to checks: inout CheckList, unreadable severity: Check.Severity, fix: String, fixZh: String) {
        var counted = self
        counted.countRepeats()
        for (form, tally) in counted.forms.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            checks.add(Check(.note, "code-normalised", layer: file, field: field,
                             "\(tally.count) codes are written as a \(form.rawValue)", fix: "read by their significant digits (\(tally.example))")
                .zh("\(tally.count)个代码写作\(form.zh)", fix: "按有效位读取（\(tally.example)）"))
        }
        if !unreadable.isEmpty {
            checks.add(Check(severity, "code-unreadable", layer: file, field: field,
                             "\(unreadable.count) values are not statistical division codes", fix: fix, examples: unreadable)
                .zh("\(unreadable.count)个值不是统计用区划代码", fix: fixZh))
        }
        if let level, !wrongLevel.isEmpty {
            checks.add(Check(.error, "code-level", layer: file, field: field,
                             "\(wrongLevel.count) codes do not name a \(level) (12 significant digits)", fix: fix, examples: wrongLevel)
                .zh("\(wrongLevel.count)个代码不是村级代码（12位有效数字）", fix: fixZh))
        }
    }
}

/// Kinds of township-level regions as offices write them, normalised to 街道, 镇, 乡.
enum RegionKind {
    static func normalised(_ text: String) -> String? {
        switch text.lowercased() {
        case "街道", "街道办事处", "subdistrict", "street": "街道"
        case "镇", "town": "镇"
        case "乡", "民族乡", "xiang", "township": "乡"
        default: nil
        }
    }
}

/// The transformations from the other layers' CRSs (as their sources declare them) to the
/// land use's, looked for on another thread while the layers are read: PROJ takes about
/// 0.15 s to find one in its database (GCJ-02 facilities into a Gauss–Krüger zone), a fixed
/// cost that would otherwise come after the parcels. A transformation PROJ cannot find is
/// left out here; making it again where it is needed reports the error.
///
/// ```swift
/// let transforms = PreparedTransforms(sources)      // starts at once
/// let mover = try transforms.take(from: facilitiesCRS, to: crs) ?? CoordinateTransform(from: facilitiesCRS, to: crs)
/// ```
private final class PreparedTransforms {
    private let pending: Parallel.Pending<Made>?
    private var made: Made?

    private struct Pair: Hashable {
        var source: CoordinateReferenceSystem
        var target: CoordinateReferenceSystem
    }

    /// The transformations found, by pair; `@unchecked` because a `CoordinateTransform` is
    /// used by one task at a time: made by the preparing task, then handed over whole.
    private final class Made: @unchecked Sendable {
        var byPair: [Pair: CoordinateTransform] = [:]
    }

    init(_ sources: [LayerRole: FeatureSource]) {
        guard let target = sources[.landUse]?.crs else {
            pending = nil
            return
        }
        let needed = Array(Set(sources.compactMap { role, source in role == .landUse ? nil : source.crs }).filter { $0 != target })
        pending = needed.isEmpty ? nil : Parallel.Pending {
            let made = Made()
            for source in needed {
                if let transform = try? CoordinateTransform(from: source, to: target) { made.byPair[Pair(source: source, target: target)] = transform }
            }
            return made
        }
    }

    /// The transformation from `source` to `target` when it was prepared (waiting for it), else nil.
    func take(from source: CoordinateReferenceSystem, to target: CoordinateReferenceSystem) -> CoordinateTransform? {
        if made == nil { made = try? pending?.value() }
        return made?.byPair.removeValue(forKey: Pair(source: source, target: target))
    }
}
