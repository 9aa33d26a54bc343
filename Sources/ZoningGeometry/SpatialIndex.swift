import CGEOS

/// An STR-packed R-tree over a fixed list of geometries (GEOS `STRtree`): finds the few
/// geometries near a query without testing them all.
///
/// Results are positions in `geometries`, in ascending order.
///
/// ```swift
/// let index = try SpatialIndex(parcels)
/// let near = try index.query(village, predicate: .intersects)   // parcels meeting the village
/// let (i, metres) = try index.nearest(to: school)!               // closest parcel and distance
/// ```
///
/// # Threads
/// Not `Sendable`: GEOS builds the tree on the first query. Build one per task from the
/// shared (Sendable) geometries, or build it before fanning out and query it from one task.
public final class SpatialIndex {
    /// The indexed geometries; query results are positions in this array.
    public let geometries: [Geometry]
    private let tree: OpaquePointer

    /// Bulk-loads the index. Empty geometries are kept in `geometries` but never found.
    ///
    /// - Parameter nodeCapacity: children per tree node (GEOS default 10).
    public init(_ geometries: [Geometry], nodeCapacity: Int = 10) throws {
        let context = GEOSContext.current
        guard nodeCapacity >= 2,
            let tree = GEOSSTRtree_create_r(context.handle, Int(nodeCapacity))
        else {
            throw GEOSError.invalidArgument(
                operation: "SpatialIndex", message: "nodeCapacity must be ≥ 2, got \(nodeCapacity)")
        }
        for (position, geometry) in geometries.enumerated() where !geometry.isEmpty {
            GEOSSTRtree_insert_r(context.handle, tree, geometry.handle, Self.item(position))
        }
        self.geometries = geometries
        self.tree = tree
    }

    deinit {
        GEOSSTRtree_destroy_r(GEOSContext.currentHandle, tree)
    }

    /// Positions of the geometries whose bounding boxes intersect `bounds`.
    public func query(_ bounds: Bounds) throws -> [Int] {
        try candidates(Geometry.rectangle(bounds))
    }

    /// Positions of the geometries for which `predicate(query, geometry)` holds, tested
    /// exactly (the index narrows, a prepared `query` decides).
    ///
    /// ```swift
    /// try index.query(township, predicate: .contains)  // geometries the township contains
    /// ```
    public func query(_ query: Geometry, predicate: SpatialPredicate) throws -> [Int] {
        var searchArea = query
        if case .withinDistance(let distance) = predicate {
            guard distance >= 0, distance.isFinite, let b = query.bounds else { return [] }
            searchArea = try Geometry.rectangle(
                Bounds(minX: b.minX - distance, minY: b.minY - distance,
                       maxX: b.maxX + distance, maxY: b.maxY + distance))
        }
        let found = try candidates(searchArea)
        guard !found.isEmpty else { return [] }
        let prepared = try PreparedGeometry(query)
        return try found.filter { try prepared.evaluate(predicate, geometries[$0]) }
    }

    /// The position of the geometry nearest to `query` and its planar distance (CRS units);
    /// nil when the index holds no non-empty geometry. Among equally near geometries GEOS
    /// returns one of them.
    public func nearest(to query: Geometry) throws -> (position: Int, distance: Double)? {
        guard !query.isEmpty else {
            throw GEOSError.invalidArgument(operation: "nearest", message: "the query geometry is empty")
        }
        let context = GEOSContext.current
        var search = NearestSearch(geometries: geometries, query: query)
        let found = withUnsafeMutablePointer(to: &search) { searchPointer in
            GEOSSTRtree_nearest_generic_r(
                context.handle, tree, nil, query.handle,
                { item, other, distance, userData in
                    guard let userData, let distance else { return 0 }
                    let search = userData.assumingMemoryBound(to: NearestSearch.self)
                    return search.pointee.distance(item, other, distance)
                },
                searchPointer)
        }
        if search.failed {
            throw GEOSError.operationFailed(operation: "nearest", message: context.takeError())
        }
        guard let found else { return nil }
        let position = Int(bitPattern: found) - 1
        return (position, try geometries[position].distance(to: query))
    }

    // MARK: Internals

    /// Tree items are positions + 1 stored in the pointer bits (GEOS treats NULL as "none").
    private static func item(_ position: Int) -> UnsafeMutableRawPointer? {
        UnsafeMutableRawPointer(bitPattern: position + 1)
    }

    private func candidates(_ area: Geometry) throws -> [Int] {
        let context = GEOSContext.current
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { foundPointer in
            GEOSSTRtree_query_r(
                context.handle, tree, area.handle,
                { item, userData in
                    guard let userData else { return }
                    userData.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
                },
                foundPointer)
        }
        return found.sorted()
    }
}

@available(*, unavailable, message: "GEOS builds the tree lazily on the first query; build one per task")
extension SpatialIndex: Sendable {}

/// State for the distance callback of `SpatialIndex.nearest`: item NULL is the query, others
/// are positions + 1.
private struct NearestSearch {
    let geometries: [Geometry]
    let query: Geometry
    var failed = false

    mutating func distance(
        _ a: UnsafeRawPointer?, _ b: UnsafeRawPointer?, _ result: UnsafeMutablePointer<Double>
    ) -> Int32 {
        let h = GEOSContext.currentHandle
        let left = a.map { geometries[Int(bitPattern: $0) - 1] } ?? query
        let right = b.map { geometries[Int(bitPattern: $0) - 1] } ?? query
        guard GEOSDistance_r(h, left.handle, right.handle, result) == 1 else {
            failed = true
            return 0
        }
        return 1
    }
}
