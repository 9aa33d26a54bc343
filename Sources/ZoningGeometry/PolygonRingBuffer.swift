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
///     buffer.withXY { ($0[0], $0[1]) }  // its first vertex's x and y
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

    /// Every ring's vertices, back to back, as x, y pairs: the first `2 * vertexCount` values
    /// of a buffer that only grows.
    private var storage: [Double] = []
    /// The vertices of all rings.
    public private(set) var vertexCount = 0
    /// Every ring's vertices, back to back, as x, y pairs.
    public var xy: ArraySlice<Double> { storage[0..<(2 * vertexCount)] }
    /// The rings, in `polygonRings`'s order.
    public private(set) var rings: [Ring] = []

    public init() {}

    /// Replaces the buffer's contents with `geometry`'s rings.
    /// - Returns: false, with the buffer empty, when `geometry` is neither a polygon nor a
    ///   multipolygon.
    /// - Throws: `GEOSError.operationFailed` when GEOS cannot read a ring.
    public mutating func load(_ geometry: Geometry) throws -> Bool {
        vertexCount = 0
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
        let start = vertexCount
        let count = try Geometry.copyXY(of: ring, into: &storage, at: 2 * start, context, "PolygonRingBuffer.load")
        vertexCount += count
        rings.append(Ring(start: start, count: count, exterior: exterior))
    }

    /// Calls `body` with the vertices of all rings as x, y pairs, read in place.
    public func withXY<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<(2 * vertexCount)])) }
    }
}
