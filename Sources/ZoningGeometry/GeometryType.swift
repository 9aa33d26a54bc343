/// The eight geometry types of GEOS 3.11 (OGC Simple Features), with GEOS's numeric ids.
public enum GeometryType: Int32, Sendable, CaseIterable, CustomStringConvertible {
    case point = 0
    case lineString = 1
    case linearRing = 2
    case polygon = 3
    case multiPoint = 4
    case multiLineString = 5
    case multiPolygon = 6
    case geometryCollection = 7

    /// The OGC name, as WKT spells it: `Point`, `MultiPolygon`, …
    public var description: String {
        switch self {
        case .point: "Point"
        case .lineString: "LineString"
        case .linearRing: "LinearRing"
        case .polygon: "Polygon"
        case .multiPoint: "MultiPoint"
        case .multiLineString: "MultiLineString"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// The topological dimension: 0 for points, 1 for lines, 2 for polygons; nil for a
    /// collection, whose dimension depends on its parts.
    public var dimension: Int? {
        switch self {
        case .point, .multiPoint: 0
        case .lineString, .linearRing, .multiLineString: 1
        case .polygon, .multiPolygon: 2
        case .geometryCollection: nil
        }
    }
}
