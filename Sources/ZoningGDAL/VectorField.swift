import CGDAL

/// One attribute column of a GDAL layer, in GDAL's own terms.
///
/// ```swift
/// VectorField(name: "TBMJ", kind: .real, width: 19, precision: 2)
/// ```
public struct VectorField: Sendable, Hashable {
    /// GDAL's field types, as zoning tells them apart. Time, lists and binary columns are
    /// `.other` and read as text.
    public enum Kind: String, Sendable, Hashable {
        /// 32-bit integer (`Integer`).
        case integer
        /// 64-bit integer (`Integer64`).
        case integer64
        /// Double-precision number (`Real`).
        case real
        /// UTF-8 text (`String`).
        case string
        /// A calendar date (`Date`).
        case date
        /// Date and time (`DateTime`), read as ISO 8601 text.
        case dateTime
        /// An integer with the Boolean subtype (`Integer(Boolean)`).
        case boolean
        /// Anything else (`Time`, lists, `Binary`), read as GDAL's text form.
        case other
    }

    public var name: String
    public var kind: Kind
    /// Width in characters or digits; 0 when the format sets none.
    public var width: Int
    /// Digits after the decimal point, for reals.
    public var precision: Int

    public init(name: String, kind: Kind, width: Int = 0, precision: Int = 0) {
        self.name = name
        self.kind = kind
        self.width = width
        self.precision = precision
    }

    init(_ definition: OGRFieldDefnH) {
        let name = OGR_Fld_GetNameRef(definition).map { String(cString: $0) } ?? ""
        let kind: Kind
        switch OGR_Fld_GetType(definition) {
        case OFTInteger: kind = OGR_Fld_GetSubType(definition) == OFSTBoolean ? .boolean : .integer
        case OFTInteger64: kind = OGR_Fld_GetSubType(definition) == OFSTBoolean ? .boolean : .integer64
        case OFTReal: kind = .real
        case OFTString: kind = .string
        case OFTDate: kind = .date
        case OFTDateTime: kind = .dateTime
        default: kind = .other
        }
        self.init(name: name, kind: kind, width: Int(OGR_Fld_GetWidth(definition)), precision: Int(OGR_Fld_GetPrecision(definition)))
    }

    /// GDAL's type and subtype for a new column.
    var ogrType: (OGRFieldType, OGRFieldSubType) {
        switch kind {
        case .integer: (OFTInteger, OFSTNone)
        case .integer64: (OFTInteger64, OFSTNone)
        case .real: (OFTReal, OFSTNone)
        case .string, .other: (OFTString, OFSTNone)
        case .date: (OFTDate, OFSTNone)
        case .dateTime: (OFTDateTime, OFSTNone)
        case .boolean: (OFTInteger, OFSTBoolean)
        }
    }
}
