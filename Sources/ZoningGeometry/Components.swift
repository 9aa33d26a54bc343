import CGEOS

/// Access to the parts of collections and the rings of polygons. Each accessor returns
/// independent copies, so a part outlives the geometry it came from.
extension Geometry {
    /// The members of a multi-geometry or collection; `[self]` for a single geometry.
    ///
    /// ```swift
    /// try Geometry(wkt: "MULTIPOINT((0 0), (1 1))").parts.count  // 2
    /// ```
    public var parts: [Geometry] {
        get throws {
            switch type {
            case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
                let context = GEOSContext.current
                return try (0..<numberOfParts).map { index in
                    try copy(GEOSGetGeometryN_r(context.handle, handle, Int32(index)), context, "parts")
                }
            default:
                return [self]
            }
        }
    }

    /// The exterior ring of a polygon, as a `LinearRing`.
    /// - Throws: `GEOSError.invalidArgument` for anything but a polygon.
    public var exteriorRing: Geometry {
        get throws {
            try requirePolygon("exteriorRing")
            let context = GEOSContext.current
            return try copy(GEOSGetExteriorRing_r(context.handle, handle), context, "exteriorRing")
        }
    }

    /// The holes of a polygon, as `LinearRing`s, in stored order.
    /// - Throws: `GEOSError.invalidArgument` for anything but a polygon.
    public var interiorRings: [Geometry] {
        get throws {
            try requirePolygon("interiorRings")
            let context = GEOSContext.current
            let count = GEOSGetNumInteriorRings_r(context.handle, handle)
            guard count >= 0 else {
                throw GEOSError.operationFailed(operation: "interiorRings", message: context.takeError())
            }
            return try (0..<count).map { index in
                try copy(GEOSGetInteriorRingN_r(context.handle, handle, index), context, "interiorRings")
            }
        }
    }

    /// Every ring of a polygon or multi-polygon (or of the polygons in a collection), each
    /// with whether it is an exterior ring, read in place: no part or ring is cloned, only the
    /// coordinates are copied out (what drawing a map needs, ring by ring). Empty for other types.
    ///
    /// ```swift
    /// try Geometry(wkt: "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))").polygonRings.map(\.exterior)  // [true, false]
    /// ```
    public var polygonRings: [(exterior: Bool, coordinates: [Coordinate])] {
        get throws {
            let context = GEOSContext.current
            let h = context.handle
            var rings: [(exterior: Bool, coordinates: [Coordinate])] = []
            func read(_ ring: OpaquePointer?) throws -> [Coordinate] { try Self.copiedCoordinates(of: ring, context, "polygonRings") }
            func visit(_ geometry: OpaquePointer) throws {
                switch GeometryType(rawValue: GEOSGeomTypeId_r(h, geometry)) {
                case .polygon:
                    guard GEOSisEmpty_r(h, geometry) == 0 else { return }
                    rings.append((true, try read(GEOSGetExteriorRing_r(h, geometry))))
                    let holes = GEOSGetNumInteriorRings_r(h, geometry)
                    for index in 0..<max(0, holes) { rings.append((false, try read(GEOSGetInteriorRingN_r(h, geometry, index)))) }
                case .multiPolygon, .geometryCollection:
                    for index in 0..<max(0, GEOSGetNumGeometries_r(h, geometry)) {
                        if let part = GEOSGetGeometryN_r(h, geometry, index) { try visit(part) }
                    }
                default:
                    return
                }
            }
            try visit(handle)
            return rings
        }
    }

    private func requirePolygon(_ operation: String) throws {
        guard type == .polygon else {
            throw GEOSError.invalidArgument(
                operation: operation, message: "a \(type) has no rings; take its parts first")
        }
    }

    /// Clones a component that GEOS lends (owned by this geometry) into its own geometry.
    private func copy(_ borrowed: OpaquePointer?, _ context: GEOSContext, _ operation: String) throws -> Geometry {
        guard let borrowed else {
            throw GEOSError.operationFailed(operation: operation, message: context.takeError())
        }
        return try context.geometry(GEOSGeom_clone_r(context.handle, borrowed), operation)
    }
}
