import CShapelib

/// Writes the geometry half of a shapefile (.shp and .shx) record by record.
///
/// ```swift
/// let writer = try ShapefileShapeWriter(shpPath: "/tmp/out.shp", type: .polygon)
/// try writer.write(shape)
/// try writer.close()
/// ```
///
/// Writes exactly what it is given: ring orientation and part order are the caller's.
/// Not `Sendable`: shapelib handles hold file positions.
public final class ShapefileShapeWriter {
    /// The .shp path; the .shx goes beside it with the same base name.
    public let shpPath: String
    public let type: ShapeType
    private var handle: SHPHandle?

    /// Creates (or truncates) `shpPath` and its .shx. The path must end in `.shp`: shapelib
    /// strips the last extension to find the base name, so a base name with dots in it
    /// (`DLTB.2023`) survives only when the extension is there.
    public init(shpPath: String, type: ShapeType) throws {
        guard shpPath.lowercased().hasSuffix(".shp") else {
            throw ShapefileError.unwritable(path: shpPath, message: "the name must end in .shp")
        }
        var hooks = ShapelibHooks.make()
        guard let handle = SHPCreateLL(shpPath, type.rawValue, &hooks) else {
            throw ShapefileError.unwritable(
                path: shpPath, message: ShapelibHooks.takeMessage() ?? "it cannot be created")
        }
        self.shpPath = shpPath
        self.type = type
        self.handle = handle
    }

    deinit {
        if let handle { SHPClose(handle) }
    }

    /// The .shx path shapelib writes beside `shpPath`.
    public var shxPath: String {
        String(shpPath.dropLast(4)) + (shpPath.hasSuffix(".SHP") ? ".SHX" : ".shx")
    }

    /// Appends one record; its type must be the writer's or `.null`.
    public func write(_ shape: Shape) throws {
        guard let handle else {
            throw ShapefileError.unwritable(path: shpPath, message: "the writer is closed")
        }
        guard shape.type == type || shape.type == .null else {
            throw ShapefileError.unwritable(
                path: shpPath, message: "a \(shape.type) record cannot go in a \(type) shapefile")
        }
        var starts = shape.partStarts, types = shape.partTypes
        var x = shape.x, y = shape.y, z = shape.z, m = shape.m
        guard let object = SHPCreateObject(
            shape.type.rawValue, -1, Int32(starts.count), &starts, &types, Int32(x.count), &x, &y, &z, &m)
        else {
            throw ShapefileError.unwritable(path: shpPath, message: "shapelib could not build the record")
        }
        defer { SHPDestroyObject(object) }
        guard SHPWriteObject(handle, -1, object) >= 0 else {
            throw ShapefileError.unwritable(
                path: shpPath, message: ShapelibHooks.takeMessage() ?? "the record could not be written")
        }
    }

    /// Finishes the header and index and closes the files.
    public func close() throws {
        guard let handle else { return }
        SHPClose(handle)
        self.handle = nil
        if let message = ShapelibHooks.takeMessage() {
            throw ShapefileError.unwritable(path: shpPath, message: message)
        }
    }
}
