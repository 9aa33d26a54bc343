import CPROJ
import Foundation

/// A coordinate reference system, as PROJ understands it, held as plain values.
///
/// ```swift
/// let gk = try CoordinateReferenceSystem("EPSG:4528")
/// gk.name          // "CGCS2000 / 3-degree Gauss-Kruger zone 40"
/// gk.epsg          // 4528
/// gk.isGeographic  // false
/// let fromPrj = try CoordinateReferenceSystem(contentsOf: "DLTB.prj")  // ESRI WKT
/// fromPrj.epsg     // 4528, when PROJ can identify it
/// ```
///
/// `Sendable`: it keeps text and numbers, not PROJ objects, which belong to one thread.
public struct CoordinateReferenceSystem: Sendable, Hashable {
    /// The text it was made from: `EPSG:4528`, WKT, PROJJSON or a PROJ string.
    public let definition: String
    /// PROJ's name for it, e.g. `CGCS2000 / 3-degree Gauss-Kruger zone 40`.
    public let name: String
    /// True for longitude/latitude systems (units are degrees), false for projected ones.
    public let isGeographic: Bool
    /// The EPSG code: the definition's own, or the one PROJ identifies with full confidence
    /// (100%: same datum, projection and parameters, names aside); nil when there is none.
    public let epsg: Int?

    /// Reads a definition in any form PROJ accepts: `EPSG:4490`, WKT 1 or 2 (ESRI WKT from a
    /// .prj file included), PROJJSON, or a PROJ string with `+type=crs`.
    ///
    /// - Throws: `ProjectionError.unknownCRS` when PROJ cannot read it, `.notACRS` when it
    ///   reads as something else (e.g. a bare `+proj=utm +zone=50` operation).
    public init(_ definition: String) throws {
        let context = ProjectionContext.current
        let trimmed = definition.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let object = proj_create(context.handle, trimmed) else {
            throw ProjectionError.unknownCRS(
                definition: definition,
                message: trimmed.isEmpty ? "the definition is empty" : context.takeError())
        }
        defer { proj_destroy(object) }
        guard proj_is_crs(object) != 0 else {
            throw ProjectionError.notACRS(definition: definition, kind: Self.kindName(proj_get_type(object)))
        }
        self.definition = trimmed
        self.name = proj_get_name(object).map { String(cString: $0) } ?? "unnamed"
        self.isGeographic = Self.geographicTypes.contains(Self.horizontalType(object, context))
        self.epsg = Self.ownEPSG(object) ?? Self.identifiedEPSG(object, context)
    }

    /// Reads a .prj file (or any file holding one definition).
    public init(contentsOf path: String) throws {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProjectionError.unknownCRS(definition: path, message: "cannot read the file: \(error.localizedDescription)")
        }
        try self.init(text)
    }

    /// `EPSG:4528` when the code is known, else the name.
    public var shortDescription: String {
        epsg.map { "EPSG:\($0)" } ?? name
    }

    // MARK: Internals

    private static let geographicTypes: Set<UInt32> = [
        PJ_TYPE_GEOGRAPHIC_2D_CRS.rawValue, PJ_TYPE_GEOGRAPHIC_3D_CRS.rawValue, PJ_TYPE_GEOGRAPHIC_CRS.rawValue,
    ]

    /// The type of the horizontal part: a compound CRS (e.g. 2D + height) counts as its first.
    private static func horizontalType(_ object: OpaquePointer, _ context: ProjectionContext) -> UInt32 {
        let type = proj_get_type(object)
        guard type == PJ_TYPE_COMPOUND_CRS, let horizontal = proj_crs_get_sub_crs(context.handle, object, 0) else {
            return type.rawValue
        }
        defer { proj_destroy(horizontal) }
        return proj_get_type(horizontal).rawValue
    }

    private static func ownEPSG(_ object: OpaquePointer) -> Int? {
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
