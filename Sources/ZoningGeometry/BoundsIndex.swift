/// A packed R-tree over rectangles, in Swift memory: finds the rectangles meeting a query
/// rectangle, like `SpatialIndex.query(_ bounds:)`, but `Sendable` and built once, so every
/// thread of a `Parallel.map` can query the same index without GEOS or a copy per thread.
///
/// Items are sorted Sort-Tile-Recursive (by centre x into slices, each slice by centre y) and
/// packed 16 to a node. Rectangles meet when they share a point (closed, as GEOS envelopes
/// do); coordinates are the geometries' CRS units.
///
/// ```swift
/// let index = BoundsIndex(parcels.map(\.bounds))       // nil (empty geometry): never found
/// index.query(Bounds(minX: 0, minY: 0, maxX: 10, maxY: 10))   // [0, 3, 7]: positions, ascending
/// ```
public struct BoundsIndex: Sendable {
    /// Children per node.
    static let capacity = 16
    /// `levels[0]`: the items' rectangles in packed order; `levels[k]`: the rectangles of the
    /// nodes grouping `capacity` consecutive entries of `levels[k - 1]`; the last has ≤ capacity.
    private let levels: [[Bounds]]
    /// For each entry of `levels[0]`, the item's position in the input.
    private let order: [Int]

    /// Packs the rectangles; nil entries (empty geometries) are kept as positions but never found.
    public init(_ bounds: [Bounds?]) {
        var items = bounds.indices.filter { bounds[$0] != nil }
        let box = { (i: Int) in bounds[i]! }
        // Sort-Tile-Recursive: √(n / capacity) vertical slices, each sorted by y.
        items.sort { box($0).minX + box($0).maxX < box($1).minX + box($1).maxX }
        let leaves = (items.count + Self.capacity - 1) / Self.capacity
        let slices = max(1, Int(Double(leaves).squareRoot().rounded(.up)))
        let perSlice = slices * Self.capacity
        var packed: [Int] = []
        packed.reserveCapacity(items.count)
        for start in stride(from: 0, to: items.count, by: perSlice) {
            packed += items[start..<min(start + perSlice, items.count)].sorted { box($0).minY + box($0).maxY < box($1).minY + box($1).maxY }
        }
        var levels = [packed.map(box)]
        while levels[levels.count - 1].count > Self.capacity {
            let below = levels[levels.count - 1]
            levels.append(stride(from: 0, to: below.count, by: Self.capacity).map { start in
                below[start..<min(start + Self.capacity, below.count)].dropFirst().reduce(below[start]) { $0.union($1) }
            })
        }
        self.levels = levels
        self.order = packed
    }

    /// Positions of the rectangles meeting `bounds`, in ascending order.
    public func query(_ bounds: Bounds) -> [Int] {
        var found: [Int] = []
        query(bounds, into: &found)
        return found
    }

    /// Replaces `found`'s contents with the positions of the rectangles meeting `bounds`, in
    /// ascending order (reusing its storage across many queries).
    public func query(_ bounds: Bounds, into found: inout [Int]) {
        found.removeAll(keepingCapacity: true)
        guard !order.isEmpty else { return }
        let top = levels.count - 1
        var stack: [(level: Int, node: Int)] = []
        for node in levels[top].indices where levels[top][node].meets(bounds) { stack.append((top, node)) }
        while let (level, node) = stack.popLast() {
            if level == 0 {
                found.append(order[node])
                continue
            }
            let below = levels[level - 1]
            for child in (node * Self.capacity)..<min((node + 1) * Self.capacity, below.count) where below[child].meets(bounds) {
                stack.append((level - 1, child))
            }
        }
        found.sort()
    }
}

extension Bounds {
    /// Whether the rectangles share a point (edges included, as GEOS envelopes intersect).
    ///
    /// ```swift
    /// Bounds(minX: 0, minY: 0, maxX: 1, maxY: 1).meets(Bounds(minX: 1, minY: 1, maxX: 2, maxY: 2))   // true
    /// ```
    public func meets(_ other: Bounds) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    /// The rectangle grown by `margin` on every side (CRS units).
    ///
    /// ```swift
    /// Bounds(minX: 0, minY: 0, maxX: 1, maxY: 1).expanded(by: 2)   // -2, -2, 3, 3
    /// ```
    public func expanded(by margin: Double) -> Bounds {
        Bounds(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    /// The shortest distance between the two rectangles (0 when they meet): a lower bound of
    /// the distance between any geometries inside them. Squared, to compare without a root.
    public func distanceSquared(to other: Bounds) -> Double {
        let dx = Swift.max(0, Swift.max(minX - other.maxX, other.minX - maxX))
        let dy = Swift.max(0, Swift.max(minY - other.maxY, other.minY - maxY))
        return dx * dx + dy * dy
    }
}
