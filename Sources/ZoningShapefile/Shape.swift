import CShapelib

/// One shapefile record's geometry exactly as stored: vertices and where each part starts.
///
/// This is the raw form; building GEOS geometries (rings assembled into polygons with holes)
/// is a separate step. Reprojection works on it directly, keeping the part structure.
///
/// ```swift
/// let shape = try parcels.shape(at: 0)
/// shape.partStarts  // [0, 5]: an outer ring of 5 vertices and a hole
/// shape.x.count     // total vertices
/// ```
public struct Shape: Sendable, Equatable {
    /// The record's type: the layer's type, or `.null` for an empty record.
    public var type: ShapeType
    /// The index in `x`/`y` where each part (ring or line) starts.
    public var partStarts: [Int32]
    /// Part types; only MultiPatch uses other than ring/line (triangle strips and fans).
    public var partTypes: [Int32]
    public var x: [Double]
    public var y: [Double]
    /// Z values for Z types and MultiPatch; zeros otherwise.
    public var z: [Double]
    /// Measures; shapelib gives zeros where the file has none.
    public var m: [Double]

    public init(type: ShapeType, partStarts: [Int32] = [], partTypes: [Int32] = [], x: [Double] = [], y: [Double] = [], z: [Double] = [], m: [Double] = []) {
        self.type = type
        self.partStarts = partStarts
        self.partTypes = partTypes
        self.x = x
        self.y = y
        self.z = z.isEmpty ? [Double](repeating: 0, count: x.count) : z
        self.m = m.isEmpty ? [Double](repeating: 0, count: x.count) : m
    }

    /// A record with no geometry.
    public static let null = Shape(type: .null)

    /// Copies a shapelib object.
    init(_ object: UnsafeMutablePointer<SHPObject>) {
        let o = object.pointee
        let vertices = Int(o.nVertices), parts = Int(o.nParts)
        func copy<T>(_ pointer: UnsafeMutablePointer<T>?, _ count: Int, _ fill: T) -> [T] {
            guard let pointer, count > 0 else { return [T](repeating: fill, count: count) }
            return Array(UnsafeBufferPointer(start: pointer, count: count))
        }
        self.type = ShapeType(rawValue: o.nSHPType) ?? .null
        self.partStarts = copy(o.panPartStart, parts, 0)
        self.partTypes = copy(o.panPartType, parts, SHPP_RING)
        self.x = copy(o.padfX, vertices, 0)
        self.y = copy(o.padfY, vertices, 0)
        self.z = copy(o.padfZ, vertices, 0)
        self.m = copy(o.padfM, vertices, 0)
    }
}

extension ShapefileDataset {
    /// The shape of record `index` (0-based), read from disk.
    ///
    /// - Throws: `ShapefileError.unreadable` naming the record when shapelib cannot read it,
    ///   or when there is no .shp.
    public func shape(at index: Int) throws -> Shape {
        guard let shpHandle, let shpPath else {
            throw ShapefileError.unreadable(path: basePath, message: "there is no .shp, so no shapes")
        }
        guard (0..<recordCount).contains(index) else {
            throw ShapefileError.unreadable(path: shpPath, message: "record \(index) does not exist (the file has \(recordCount))")
        }
        guard let object = SHPReadObject(shpHandle, Int32(index)) else {
            throw ShapefileError.unreadable(
                path: shpPath, message: "record \(index): " + (ShapelibHooks.takeMessage() ?? "its shape is corrupt"))
        }
        defer { SHPDestroyObject(object) }
        return Shape(object)
    }
}
