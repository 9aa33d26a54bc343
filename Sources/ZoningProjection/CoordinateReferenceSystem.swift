import CPROJ
import Foundation
import ZoningSupport

/// A coordinate reference system, as PROJ understands it, held as plain values.
///
/// ```swift
/// let gk = try CoordinateReferenceSystem("EPSG:4528")
/// gk.name          // "CGCS2000 / 3-degree Gauss-Kruger zone 40"
/// gk.epsg          // 4528
/// gk.isGeographic  // false
/// gk.unitName      // "metre"
/// let fromPrj = try CoordinateReferenceSystem(contentsOf: "DLTB.prj")  // ESRI WKT
/// fromPrj.epsg     // 4528, when PROJ can identify it
/// let amap = try CoordinateReferenceSystem("GCJ02")  // web-map coordinates, outside PROJ
/// ```
///
/// `Sendable`: it keeps text and numbers, not PROJ objects, which belong to one thread.
public struct CoordinateReferenceSystem: Sendable, Hashable, CustomStringConvertible {
    /// The text it was made from: `EPSG:4528`, WKT, PROJJSON, a PROJ string, or `GCJ02`/`BD09`.
    public let definition: String
    /// PROJ's name for it, e.g. `CGCS2000 / 3-degree Gauss-Kruger zone 40`.
    public let name: String
    /// True for longitude/latitude systems (units are degrees), false for projected ones.
    public let isGeographic: Bool
    /// The EPSG code: the definition's own, or the one PROJ identifies with full confidence
    /// (100%: same datum, projection and parameters, names aside); nil when there is none.
    public let epsg: Int?
    /// Set for GCJ-02 and BD-09 web-map coordinates: WGS 84 longitude/latitude moved by the
    /// web maps' offset, which zoning removes itself (PROJ has no such CRS).
    public let webMapDatum: WebMapDatum?
    /// The unit of the first axis: `degree`, `metre`, `US survey foot`, …
    public let unitName: String
    /// Where the CRS is meant to be used, when its definition says (EPSG codes do).
    public let areaOfUse: AreaOfUse?
    /// The ellipsoid of its datum.
    public let ellipsoid: Ellipsoid

    /// Reads a definition in any form PROJ accepts: `EPSG:4490`, WKT 1 or 2 (ESRI WKT from a
    /// .prj file included), PROJJSON, or a PROJ string with `+type=crs`; or `GCJ02` / `BD09`
    /// for web-map coordinates.
    ///
    /// - Throws: `ProjectionError.unknownCRS` when PROJ cannot read it, `.notACRS` when it
    ///   reads as something else (e.g. a bare `+proj=utm +zone=50` operation).
    public init(_ definition: String) throws {
        let trimmed = definition.trimmingCharacters(in: .whitespacesAndNewlines)
        // PROJ answers from its SQLite database, in milliseconds (a text it must search for as
        // a name, much longer); a definition seen before (each file's .prj, EPSG:4528 in every
        // command) is answered from memory, and so is PROJ's refusal of one.
        if let known = Self.known.value(for: trimmed) {
            self = try known.get()
            return
        }
        let answer = Result { try CoordinateReferenceSystem(resolving: trimmed, given: definition) }
        Self.known.store(answer, for: trimmed)
        self = try answer.get()
    }

    /// Reads the text of a `.prj` file: WKT 1 or 2 (ESRI's dialect included) or PROJJSON, as
    /// ArcGIS, QGIS and GDAL write them.
    ///
    /// ```swift
    /// try CoordinateReferenceSystem(prj: #"PROJCS["CGCS2000_3_Degree_GK_Zone_40",…]"#).epsg  // 4528
    /// try CoordinateReferenceSystem(prj: "CGCS2000")   // throws: a .prj holds WKT
    /// ```
    ///
    /// Any other text (a bare name, `EPSG:4528`, a PROJ string, damaged bytes) is refused
    /// before PROJ sees it: PROJ would search its database for such text as a name, which
    /// takes long and can answer with a system whose name merely resembles it.
    ///
    /// - Throws: `ProjectionError.unknownCRS` for text that is not WKT or PROJJSON, or that
    ///   PROJ cannot read.
    public init(prj text: String) throws {
        let trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(["\u{FEFF}"]))
        guard Self.looksLikeWKTOrJSON(trimmed) else {
            throw ProjectionError.unknownCRS(
                definition: trimmed,
                message: "a .prj holds WKT, e.g. PROJCS[\"CGCS2000_3_Degree_GK_Zone_40\",…] or GEOGCS[…], and this text is not WKT: take the .prj from the original delivery, or delete it and give the layer's CRS instead (its crs: in the project file, or the command's CRS option)")
        }
        try self.init(trimmed)
    }

    /// True when `text` begins as WKT does (a keyword, then `[` or `(`) or as JSON does (`{`).
    static func looksLikeWKTOrJSON(_ text: String) -> Bool {
        if text.hasPrefix("{") { return true }
        let keyword = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        guard let first = keyword.first, first.isLetter else { return false }
        let rest = text.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" || $0.isNewline }
        return rest.first == "[" || rest.first == "("
    }

    /// Asks PROJ about `trimmed` (`definition` as given, for messages).
    private init(resolving trimmed: String, given definition: String) throws {
        if let datum = WebMapDatum(name: trimmed) {
            let wgs84 = try CoordinateReferenceSystem("EPSG:4326")
            self.definition = datum.rawValue
            name = "\(datum.rawValue) web-map coordinates (WGS 84 with the \(datum == .gcj02 ? "Amap/Tencent" : "Baidu") offset)"
            isGeographic = true
            epsg = nil
            webMapDatum = datum
            unitName = wgs84.unitName
            areaOfUse = AreaOfUse(west: 72.004, south: 0.8293, east: 137.8347, north: 55.8271, name: "China (web-map offset defined)")
            ellipsoid = wgs84.ellipsoid
            return
        }
        let context = ProjectionContext.current
        let object = try Self.makeObject(trimmed, context)
        defer { proj_destroy(object) }
        self.definition = trimmed
        name = proj_get_name(object).map { String(cString: $0) } ?? "unnamed"
        let horizontal = Self.horizontalPart(object, context)
        defer { if horizontal != object { proj_destroy(horizontal) } }
        isGeographic = Self.geographicTypes.contains(proj_get_type(horizontal).rawValue)
        epsg = Self.ownEPSG(object) ?? Self.identifiedEPSG(object, context)
        webMapDatum = nil
        unitName = Self.firstAxisUnit(horizontal, context) ?? "unknown"
        areaOfUse = AreaOfUse(object, context)
        ellipsoid = try Ellipsoid(of: object, context) ?? {
            throw ProjectionError.unknownCRS(definition: definition, message: "it names no ellipsoid")
        }()
    }

    /// Reads a .prj file (`init(prj:)`: WKT or PROJJSON).
    public init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ProjectionError.unknownCRS(definition: path, message: FileAccess.readProblem(path) ?? "the file cannot be read")
        }
        try self.init(prj: String(decoding: data, as: UTF8.self))
    }

    /// `EPSG:4528` when the code is known, else the name.
    public var shortDescription: String {
        epsg.map { "EPSG:\($0)" } ?? name
    }

    /// `EPSG:4528 (CGCS2000 / 3-degree Gauss-Kruger zone 40)`.
    public var description: String {
        epsg.map { "EPSG:\($0) (\(name))" } ?? name
    }

    /// The definition PROJ works with: WGS 84 for web-map systems, whose offset zoning applies.
    var projDefinition: String {
        webMapDatum == nil ? definition : "EPSG:4326"
    }

    /// The CRS as ESRI WKT, the dialect ArcGIS, QGIS and GDAL expect in a .prj file.
    ///
    /// - Throws: `ProjectionError.unsupported` for GCJ-02/BD-09, which no .prj can describe:
    ///   convert such data to CGCS2000 first.
    public func esriWKT() throws -> String {
        try wkt(PJ_WKT1_ESRI, "ESRI WKT")
    }

    /// The CRS as WKT2 (ISO 19162:2019), the lossless form.
    public func wkt2() throws -> String {
        try wkt(PJ_WKT2_2019, "WKT2")
    }

    /// The CRS as PROJJSON, PROJ's JSON encoding of WKT2.
    public func projJSON() throws -> String {
        if let webMapDatum {
            throw ProjectionError.unsupported(
                operation: "PROJJSON", message: "\(webMapDatum.rawValue) is not a PROJ coordinate system")
        }
        let context = ProjectionContext.current
        let object = try Self.makeObject(definition, context)
        defer { proj_destroy(object) }
        guard let text = proj_as_projjson(context.handle, object, nil) else {
            throw ProjectionError.unsupported(operation: "PROJJSON", message: context.takeError())
        }
        return String(cString: text)
    }

    /// The geographic (longitude/latitude) CRS this one is based on: EPSG:4490 for the
    /// CGCS2000 Gauss–Krüger systems, itself for a geographic CRS, WGS 84 for web-map ones.
    public func geographic() throws -> CoordinateReferenceSystem {
        if isGeographic { return webMapDatum == nil ? self : try CoordinateReferenceSystem("EPSG:4326") }
        if let known = Self.knownGeographic.value(for: definition) { return known }
        let geographic = try resolvedGeographic()
        Self.knownGeographic.store(geographic, for: definition)
        return geographic
    }

    /// `geographic()` of a projected CRS, asked of PROJ.
    private func resolvedGeographic() throws -> CoordinateReferenceSystem {
        let context = ProjectionContext.current
        let object = try Self.makeObject(definition, context)
        defer { proj_destroy(object) }
        guard let geodetic = proj_crs_get_geodetic_crs(context.handle, object) else {
            throw ProjectionError.unknownCRS(definition: definition, message: context.takeError())
        }
        defer { proj_destroy(geodetic) }
        if let code = Self.ownEPSG(geodetic) ?? Self.identifiedEPSG(geodetic, context) {
            return try CoordinateReferenceSystem("EPSG:\(code)")
        }
        guard let json = proj_as_projjson(context.handle, geodetic, nil) else {
            throw ProjectionError.unknownCRS(definition: definition, message: context.takeError())
        }
        return try CoordinateReferenceSystem(String(cString: json))
    }

    // MARK: Internals

    private func wkt(_ type: PJ_WKT_TYPE, _ label: String) throws -> String {
        if let webMapDatum {
            throw ProjectionError.unsupported(
                operation: label,
                message: "\(webMapDatum.rawValue) has no WKT; convert the data to CGCS2000 (EPSG:4490) first")
        }
        let key = "\(type.rawValue) \(definition)"
        if let known = Self.knownWKT.value(for: key) { return known }
        let context = ProjectionContext.current
        let object = try Self.makeObject(definition, context)
        defer { proj_destroy(object) }
        guard let text = proj_as_wkt(context.handle, object, type, nil) else {
            throw ProjectionError.unsupported(operation: label, message: context.takeError())
        }
        let wkt = String(cString: text)
        Self.knownWKT.store(wkt, for: key)
        return wkt
    }

    /// A PROJ object for `definition` in `context`, checked to be a CRS. The caller destroys it.
    static func makeObject(_ definition: String, _ context: ProjectionContext) throws -> OpaquePointer {
        guard !definition.isEmpty, let object = proj_create(context.handle, definition) else {
            throw ProjectionError.unknownCRS(
                definition: definition,
                message: definition.isEmpty ? "the definition is empty" : context.takeError())
        }
        guard proj_is_crs(object) != 0 else {
            let kind = kindName(proj_get_type(object))
            proj_destroy(object)
            throw ProjectionError.notACRS(definition: definition, kind: kind)
        }
        return object
    }

    private static let geographicTypes: Set<UInt32> = [
        PJ_TYPE_GEOGRAPHIC_2D_CRS.rawValue, PJ_TYPE_GEOGRAPHIC_3D_CRS.rawValue, PJ_TYPE_GEOGRAPHIC_CRS.rawValue,
    ]

    /// The horizontal part of a compound CRS (e.g. 2D + height), else the CRS itself.
    private static func horizontalPart(_ object: OpaquePointer, _ context: ProjectionContext) -> OpaquePointer {
        guard proj_get_type(object) == PJ_TYPE_COMPOUND_CRS,
            let horizontal = proj_crs_get_sub_crs(context.handle, object, 0)
        else { return object }
        return horizontal
    }

    private static func firstAxisUnit(_ object: OpaquePointer, _ context: ProjectionContext) -> String? {
        guard let system = proj_crs_get_coordinate_system(context.handle, object) else {
            _ = context.takeError()
            return nil
        }
        defer { proj_destroy(system) }
        var unit: UnsafePointer<CChar>?
        guard proj_cs_get_axis_info(context.handle, system, 0, nil, nil, nil, nil, &unit, nil, nil) == 1 else {
            _ = context.takeError()
            return nil
        }
        return unit.map { String(cString: $0) }
    }

    static func ownEPSG(_ object: OpaquePointer) -> Int? {
        guard let authority = proj_get_id_auth_name(object, 0), String(cString: authority) == "EPSG",
            let code = proj_get_id_code(object, 0)
        else { return nil }
        return Int(String(cString: code))
    }

    private static func identifiedEPSG(_ object: OpaquePointer, _ context: ProjectionContext) -> Int? {
        var confidence: UnsafeMutablePointer<Int32>?
        guard let matches = proj_identify(context.handle, object, "EPSG", nil, &confidence) else {
            _ = context.takeError()  // nothing identified is not an error
            return nil
        }
        defer {
            proj_list_destroy(matches)
            proj_int_list_destroy(confidence)
        }
        for index in 0..<proj_list_get_count(matches) where (confidence?[Int(index)] ?? 0) >= 100 {
            guard let match = proj_list_get(context.handle, matches, index) else { continue }
            defer { proj_destroy(match) }
            if let code = ownEPSG(match) { return code }
        }
        return nil
    }

    private static func kindName(_ type: PJ_TYPE) -> String {
        switch type {
        case PJ_TYPE_CONVERSION: "coordinate conversion"
        case PJ_TYPE_TRANSFORMATION, PJ_TYPE_CONCATENATED_OPERATION, PJ_TYPE_OTHER_COORDINATE_OPERATION:
            "coordinate operation"
        case PJ_TYPE_ELLIPSOID: "ellipsoid"
        case PJ_TYPE_PRIME_MERIDIAN: "prime meridian"
        case PJ_TYPE_GEODETIC_REFERENCE_FRAME, PJ_TYPE_DYNAMIC_GEODETIC_REFERENCE_FRAME: "datum"
        default: "PROJ object that is not a CRS"
        }
    }
}

/// The region a CRS is meant for, in degrees of longitude and latitude.
public struct AreaOfUse: Sendable, Hashable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double
    /// E.g. `China - onshore between 118°30'E and 121°30'E`.
    public var name: String

    public init(west: Double, south: Double, east: Double, north: Double, name: String) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
        self.name = name
    }

    init?(_ object: OpaquePointer, _ context: ProjectionContext) {
        var west = 0.0, south = 0.0, east = 0.0, north = 0.0
        var name: UnsafePointer<CChar>?
        guard proj_get_area_of_use(context.handle, object, &west, &south, &east, &north, &name) == 1,
            west > -1000  // PROJ reports -1000 when the area is unknown
        else {
            _ = context.takeError()
            return nil
        }
        self.init(west: west, south: south, east: east, north: north, name: name.map { String(cString: $0) } ?? "")
    }
}

extension CoordinateReferenceSystem {
    /// PROJ's answers so far, by definition text: the CRS or the error.
    static let known = Memo<Result<CoordinateReferenceSystem, any Error>>()

    /// The WKT made so far, by dialect and definition: PROJ reads the definition again for
    /// each, looking up the names in it in its database, and every shapefile written needs one.
    static let knownWKT = Memo<String>()

    /// `geographic()` so far, by definition: PROJ reads the definition and looks up its
    /// geodetic CRS in its database each time (milliseconds), and every area measured in a
    /// projected CRS asks for it.
    static let knownGeographic = Memo<CoordinateReferenceSystem>()

    /// Answers by text, shared by all threads; at most 256, then it starts afresh.
    final class Memo<Value>: @unchecked Sendable {
        private let lock = NSLock()
        private var byKey: [String: Value] = [:]

        func value(for key: String) -> Value? {
            lock.withLock { byKey[key] }
        }

        func store(_ value: Value, for key: String) {
            lock.withLock {
                if byKey.count >= 256 { byKey.removeAll() }
                byKey[key] = value
            }
        }
    }
}
