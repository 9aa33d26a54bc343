/// The shape type stored in a .shp header (ESRI Shapefile Technical Description, 1998).
public enum ShapeType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case null = 0
    case point = 1
    case polyLine = 3
    case polygon = 5
    case multiPoint = 8
    case pointZ = 11
    case polyLineZ = 13
    case polygonZ = 15
    case multiPointZ = 18
    case pointM = 21
    case polyLineM = 23
    case polygonM = 25
    case multiPointM = 28
    case multiPatch = 31

    /// The name the ESRI specification and GDAL use, e.g. `PolygonZ`.
    public var description: String {
        switch self {
        case .null: "Null"
        case .point: "Point"
        case .polyLine: "PolyLine"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .pointZ: "PointZ"
        case .polyLineZ: "PolyLineZ"
        case .polygonZ: "PolygonZ"
        case .multiPointZ: "MultiPointZ"
        case .pointM: "PointM"
        case .polyLineM: "PolyLineM"
        case .polygonM: "PolygonM"
        case .multiPointM: "MultiPointM"
        case .multiPatch: "MultiPatch"
        }
    }

    /// True for the Z types (and MultiPatch, which always has Z).
    public var hasZ: Bool {
        [.pointZ, .polyLineZ, .polygonZ, .multiPointZ, .multiPatch].contains(self)
    }

    /// True for the types that carry a measure: the M types, and the Z types (optionally).
    public var hasM: Bool {
        hasZ || [.pointM, .polyLineM, .polygonM, .multiPointM].contains(self)
    }
}
