import CGEOS

/// The rings of one polygon or multipolygon at a time, copied out of GEOS into buffers that are
/// kept from one geometry to the next: what a loop over hundreds of thousands of parcels reads
/// their vertices with, without the arrays `polygonRings` makes for each ring. The rings and
/// their order are `polygonRings`'s: each polygon's exterior ring, then its holes; empty
/// polygons are left out. Coordinates are in the geometry's CRS.
///
/// ```swift
/// var buffer = PolygonRingBuffer()
/// for parcel in parcels where try buffer.load(parcel) {
///     buffer.rings.count          // 1 for a polygon without holes
///     buffer.xy[0], buffer.xy[1]  // its first vertex's x and y
/// }
/// ```
///
/// Not `Sendable` in use: keep one per task.
public struct PolygonRingBuffer {
    /// One ring: its vertices are `xy[2 * start ..< 2 * (start + count)]` as x, y pairs.
    public struct Ring: Sendable, Equatable {
        public var start: Int
        public var count: Int
        public var exterior: Bool

        public init(start: Int, count: Int, exterior: Bool) {
            self.start = start
            self.count = count
            self.exterior = exterior
        }
    }

    /// Every ring's vertices, back to back, as x, y pairs.
    public private(set) var xy: [Double] = []
    /// The rings, in `polygonRings`'s order.
    public private(set) var rings: [Ring] = []

    public init() {}

    /// Replaces the buffer's contents with `geometry`'s rings.
    /// - Returns: false, with the buffer empty, when `geometry` is neither a polygon nor a
    ///   multipolygon.
    /// - Throws: `GEOSError.operationFailed` when GEOS cannot read a ring.
    public mutating func load(_ geometry: Geometry) throws -> Bool {
        xy.removeAll(keepingCapacity: true)
        rings.removeAll(keepingCapacity: true)
        let context = GEOSContext.current
        let h = context.handle
        switch GEOSGeomTypeId_r(h, geometry.handle) {
        case GeometryType.polygon.rawValue:
            try append(polygon: geometry.handle, context)
        case GeometryType.multiPolygon.rawValue:
            for index in 0..<max(0, GEOSGetNumGeometries_r(h, geometry.handle)) {
                if let part = GEOSGetGeometryN_r(h, geometry.handle, index) { try append(polygon: part, context) }
            }
        default:
            return false
        }
        return true
    }

    private mutating func append(polygon: OpaquePointer, _ context: GEOSContext) throws {
        let h = context.handle
        guard GEOSisEmpty_r(h, polygon) == 0 else { return }
        try append(ring: GEOSGetExteriorRing_r(h, polygon), exterior: true, context)
        for index in 0..<max(0, GEOSGetNumInteriorRings_r(h, polygon)) {
            try append(ring: GEOSGetInteriorRingN_r(h, polygon, index), exterior: false, context)
        }
    }

    private mutating func append(ring: OpaquePointer?, exterior: Bool, _ context: GEOSContext) throws {
        let h = context.handle
        guard let ring, let sequence = GEOSGeom_getCoordSeq_r(h, ring) else {
            throw GEOSError.operationFailed(operation: "PolygonRingBuffer.load", message: context.takeError())
        }
        var size: UInt32 = 0
        try context.check(GEOSCoordSeq_getSize_r(h, sequence, &size), "PolygonRingBuffer.load")
        let start = xy.count / 2, count = Int(size)
        xy.append(contentsOf: repeatElement(0, count: 2 * count))
        if count > 0 {
            try xy.withUnsafeMutableBufferPointer { buffer in
                try context.check(GEOSCoordSeq_copyToBuffer_r(h, sequence, buffer.baseAddress! + 2 * start, 0, 0), "PolygonRingBuffer.load")
            }
        }
        rings.append(Ring(start: start, count: count, exterior: exterior))
    }
}
