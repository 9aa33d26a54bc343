import CGEOS

/// A planar position in the units of the geometry's CRS: x = easting or longitude, y =
/// northing or latitude.
public struct Coordinate: Sendable, Hashable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public var description: String { "(\(x), \(y))" }
}

extension Geometry {
    /// A point at (x, y).
    ///
    /// ```swift
    /// let seat = Geometry.point(x: 40_512_345.6, y: 3_901_234.5)
    /// ```
    public static func point(x: Double, y: Double) -> Geometry {
        let context = GEOSContext.current
        // GEOSGeom_createPointFromXY_r allocates; it returns NULL only when out of memory.
        guard let pointer = GEOSGeom_createPointFromXY_r(context.handle, x, y) else {
            preconditionFailure("GEOS could not allocate a point: \(context.takeError())")
        }
        return Geometry(taking: pointer, context: context)
    }

    /// A line string through `coordinates` (at least two).
    public static func lineString(_ coordinates: [Coordinate]) throws -> Geometry {
        let context = GEOSContext.current
        let sequence = try coordinateSequence(coordinates, context, "lineString")
        return try context.geometry(
            GEOSGeom_createLineString_r(context.handle, sequence), "lineString")
    }

    /// A polygon from an exterior ring and holes; each ring closed (first = last coordinate)
    /// with at least four coordinates. Ring orientation is kept as given.
    ///
    /// ```swift
    /// let square = try Geometry.polygon(shell: [
    ///     Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1),
    ///     Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0)])
    /// ```
    /// - Throws: `GEOSError.operationFailed` naming the problem when a ring is not closed or too
    ///   short.
    public static func polygon(shell: [Coordinate], holes: [[Coordinate]] = []) throws -> Geometry {
        let context = GEOSContext.current
        let h = context.handle
        var rings: [OpaquePointer] = []
        do {
            for ring in [shell] + holes {
                let sequence = try coordinateSequence(ring, context, "polygon")
                guard let linearRing = GEOSGeom_createLinearRing_r(h, sequence) else {
                    throw GEOSError.operationFailed(operation: "polygon", message: context.takeError())
                }
                rings.append(linearRing)
            }
        } catch {
            for ring in rings { GEOSGeom_destroy_r(h, ring) }
            throw error
        }
        // GEOSGeom_createPolygon_r takes ownership of the rings, also when it fails.
        var holeRings = Array(rings.dropFirst()).map { Optional($0) }
        let pointer = holeRings.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(h, rings[0], buffer.baseAddress, UInt32(buffer.count))
        }
        return try context.geometry(pointer, "polygon")
    }

    /// A line string through the vertices in `xy`, interleaved as x0, y0, x1, y1, … (at
    /// least two vertices): copied into GEOS in one call, with no array of `Coordinate`s on the
    /// way. The shapefile reader builds its geometries from the record bytes this way.
    ///
    /// ```swift
    /// let line = try [0.0, 0, 3, 4].withUnsafeBufferPointer { try Geometry.lineString(xy: $0) }
    /// line.length   // 5.0
    /// ```
    public static func lineString(xy: UnsafeBufferPointer<Double>) throws -> Geometry {
        let context = GEOSContext.current
        let sequence = try coordinateSequence(xy: xy, context, "lineString")
        return try context.geometry(GEOSGeom_createLineString_r(context.handle, sequence), "lineString")
    }

    /// A polygon without holes whose closed ring (first = last vertex, at least four) is
    /// interleaved in `xy` as x0, y0, x1, y1, …; the same polygon as `polygon(shell:)` of
    /// those coordinates, built without the intermediate arrays.
    ///
    /// ```swift
    /// let square = try [0.0, 0, 1, 0, 1, 1, 0, 1, 0, 0].withUnsafeBufferPointer { try Geometry.polygon(shellXY: $0) }
    /// square.area   // 1.0 (CRS units²)
    /// ```
    ///
    /// With `provingSimple`, `SimpleRing` looks at the ring in `xy` as it is built (what
    /// `isValidQuickly` would do later, copying the ring out of GEOS again), and the polygon
    /// remembers the answer: a reader builds and checks each parcel while its vertices are at hand.
    /// - Throws: `GEOSError.operationFailed` naming the problem when the ring is not closed or
    ///   too short.
    public static func polygon(shellXY xy: UnsafeBufferPointer<Double>, provingSimple: Bool = false) throws -> Geometry {
        let context = GEOSContext.current
        let h = context.handle
        let sequence = try coordinateSequence(xy: xy, context, "polygon")
        guard let ring = GEOSGeom_createLinearRing_r(h, sequence) else {
            throw GEOSError.operationFailed(operation: "polygon", message: context.takeError())
        }
        guard let polygon = GEOSGeom_createPolygon_r(h, ring, nil, 0) else {
            throw GEOSError.operationFailed(operation: "polygon", message: context.takeError())
        }
        return Geometry(taking: polygon, context: context, provedSimple: provingSimple ? SimpleRing.isCertainlySimple(xy: xy) : nil)
    }

    /// A multi-geometry or collection of copies of `parts`.
    ///
    /// ```swift
    /// let both = try Geometry.collection(.multiPolygon, [squareA, squareB])
    /// ```
    /// - Parameter type: `.multiPoint`, `.multiLineString`, `.multiPolygon` or
    ///   `.geometryCollection`.
    /// - Throws: `GEOSError.invalidArgument` for another `type` or parts of the wrong kind.
    public static func collection(_ type: GeometryType, _ parts: [Geometry]) throws -> Geometry {
        let operation = "collection(\(type))"
        let allowed: [GeometryType: Set<GeometryType>] = [
            .multiPoint: [.point], .multiLineString: [.lineString, .linearRing],
            .multiPolygon: [.polygon], .geometryCollection: Set(GeometryType.allCases),
        ]
        guard let kinds = allowed[type] else {
            throw GEOSError.invalidArgument(operation: operation, message: "\(type) is not a collection type")
        }
        if let stranger = parts.first(where: { !kinds.contains($0.type) }) {
            throw GEOSError.invalidArgument(
                operation: operation, message: "a \(type) cannot hold a \(stranger.type)")
        }
        let context = GEOSContext.current
        var copies: [OpaquePointer?] = []
        do {
            for part in parts { copies.append(try part.cloneHandle(context, operation)) }
        } catch {
            for copy in copies { GEOSGeom_destroy_r(context.handle, copy) }
            throw error
        }
        let pointer = copies.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(
                context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        return try context.geometry(pointer, operation)
    }

    /// The coordinates of a point, line string or linear ring, copied out of GEOS.
    ///
    /// For polygons, read `exteriorRing` and `interiorRings`; for collections, `parts`.
    /// - Throws: `GEOSError.invalidArgument` for other geometry types.
    public var coordinates: [Coordinate] {
        get throws {
            let context = GEOSContext.current
            guard [.point, .lineString, .linearRing].contains(type) else {
                throw GEOSError.invalidArgument(
                    operation: "coordinates",
                    message: "a \(type) has no single coordinate sequence; use parts or rings")
            }
            return try Self.copiedCoordinates(of: handle, context, "coordinates")
        }
    }

    /// The coordinates of `simple` (a GEOS point, line string or ring, e.g. a polygon's ring
    /// read in place), copied out in one call: what `coordinates`, `polygonRings` and
    /// `normalizedRings` read each ring with.
    /// - Throws: `GEOSError.operationFailed` (named `operation`) for a nil geometry or one
    ///   without a coordinate sequence.
    static func copiedCoordinates(of simple: OpaquePointer?, _ context: GEOSContext, _ operation: String) throws -> [Coordinate] {
        var xy: [Double] = []
        let count = try copyXY(of: simple, into: &xy, at: 0, context, operation)
        return (0..<count).map { Coordinate(x: xy[2 * $0], y: xy[2 * $0 + 1]) }
    }

    /// Copies the coordinates of `simple` (as `copiedCoordinates`) into `xy` as x, y pairs from
    /// index `offset` on, in one GEOS call, growing `xy` to `offset + 2 × count` values when it
    /// is shorter: what the buffers that loops over many parcels reuse (`PolygonRingBuffer`,
    /// `appendShellVertices`) read each ring with.
    /// - Returns: the number of coordinates copied.
    static func copyXY(
        of simple: OpaquePointer?, into xy: inout [Double], at offset: Int, _ context: GEOSContext, _ operation: String
    ) throws -> Int {
        let h = context.handle
        guard let simple, let sequence = GEOSGeom_getCoordSeq_r(h, simple) else {
            throw GEOSError.operationFailed(operation: operation, message: context.takeError())
        }
        var size: UInt32 = 0
        try context.check(GEOSCoordSeq_getSize_r(h, sequence, &size), operation)
        let count = Int(size)
        if xy.count < offset + 2 * count { xy.append(contentsOf: repeatElement(0, count: offset + 2 * count - xy.count)) }
        if count > 0 {
            let copied = xy.withUnsafeMutableBufferPointer { GEOSCoordSeq_copyToBuffer_r(h, sequence, $0.baseAddress! + offset, 0, 0) }
            try context.check(copied, operation)
        }
        return count
    }

    private static func coordinateSequence(
        xy: UnsafeBufferPointer<Double>, _ context: GEOSContext, _ operation: String
    ) throws -> OpaquePointer {
        guard let base = xy.baseAddress, xy.count % 2 == 0, xy.count > 0,
            let sequence = GEOSCoordSeq_copyFromBuffer_r(context.handle, base, UInt32(xy.count / 2), 0, 0)
        else {
            throw GEOSError.operationFailed(operation: operation, message: xy.count % 2 == 0 ? context.takeError() : "an odd number of values for x, y pairs")
        }
        return sequence
    }

    private static func coordinateSequence(
        _ coordinates: [Coordinate], _ context: GEOSContext, _ operation: String
    ) throws -> OpaquePointer {
        var xy: [Double] = []
        xy.reserveCapacity(coordinates.count * 2)
        for c in coordinates {
            xy.append(c.x)
            xy.append(c.y)
        }
        guard let sequence = GEOSCoordSeq_copyFromBuffer_r(
            context.handle, xy, UInt32(coordinates.count), 0, 0)
        else {
            throw GEOSError.operationFailed(operation: operation, message: context.takeError())
        }
        return sequence
    }
}
