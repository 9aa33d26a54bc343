import ZoningGeometry
import ZoningShapefile

/// Turns GEOS geometries into shapefile records: the reverse of `ShapeGeometry`.
///
/// Polygons are written in GEOS's normal form, which has outer rings clockwise and holes
/// counter-clockwise, as the shapefile specification requires. Z is not written (2D).
public enum GeometryShape {
    /// The one shape type that can hold every geometry type in `types` (empty geometries aside):
    /// Point, or MultiPoint when any is multi; PolyLine; Polygon.
    ///
    /// - Throws: a `ShapeGeometry.Problem` naming the mixture when the types need different
    ///   shape types, or for a GeometryCollection.
    public static func shapeType(for types: Set<GeometryType>) throws -> ShapeType {
        if types.isEmpty { return .null }
        if types.contains(.geometryCollection) {
            throw ShapeGeometry.Problem(message: "a GeometryCollection cannot be written to a shapefile; split it into its parts first")
        }
        let dimensions = Set(types.compactMap(\.dimension))
        guard dimensions.count == 1, let dimension = dimensions.first else {
            let names = types.map(\.description).sorted().joined(separator: ", ")
            throw ShapeGeometry.Problem(message: "the layer mixes \(names); a shapefile holds one kind. Write each kind to its own file (select them with --where)")
        }
        switch dimension {
        case 0: return types.contains(.multiPoint) ? .multiPoint : .point
        case 1: return .polyLine
        default: return .polygon
        }
    }

    /// The record for `geometry` in a file of `type`; `.null` for nil or empty.
    public static func shape(_ geometry: Geometry?, as type: ShapeType) throws -> Shape {
        guard let geometry, !geometry.isEmpty else { return .null }
        var starts: [Int32] = [], x: [Double] = [], y: [Double] = []
        func append(_ coordinates: [Coordinate]) {
            starts.append(Int32(x.count))
            x += coordinates.map(\.x)
            y += coordinates.map(\.y)
        }
        switch type {
        case .point:
            let point = try geometry.coordinates[0]
            return Shape(type: .point, x: [point.x], y: [point.y])
        case .multiPoint:
            for part in try geometry.parts { try x += part.coordinates.map(\.x); try y += part.coordinates.map(\.y) }
            return Shape(type: .multiPoint, x: x, y: y)
        case .polyLine:
            for part in try geometry.parts { try append(part.coordinates) }
        case .polygon:
            for ring in try geometry.normalizedRings() { append(ring) }
        default:
            throw ShapeGeometry.Problem(message: "zoning does not write \(type) shapefiles")
        }
        return Shape(type: type, partStarts: starts, partTypes: starts.map { _ in type == .polygon ? 5 : 0 }, x: x, y: y)
    }

    /// Bytes the record takes in the .shp (8-byte header + content), for the 2 GB check.
    static func fileBytes(_ shape: Shape) -> Int {
        let content: Int
        switch shape.type {
        case .null: content = 4
        case .point: content = 20
        case .multiPoint: content = 40 + 16 * shape.x.count
        default: content = 44 + 4 * shape.partStarts.count + 16 * shape.x.count
        }
        return 8 + content
    }
}
