import HeapModule
import ZoningGeometry

/// A point placed on the road network: the nearest walkable edge, how far along it, and how
/// far the point lies from it.
public struct NetworkPosition: Sendable, Equatable {
    public var edge: Int
    /// Metres along the edge from its `from` node.
    public var offset: Double
    /// Metres from the point to the edge (the walk to or from the road, straight).
    public var snap: Double
}

/// Shortest walking distances on a `RoadNetwork`: a multi-source Dijkstra search with a
/// binary heap (swift-collections' `Heap`), honouring one-way edges.
///
/// A walk from a facility to a home is: straight from the facility to its nearest edge
/// (`snap`), along the network, then straight from the edge to the home. Every piece is at
/// least as long as the straight line it replaces, so a network distance is never shorter
/// than the straight-line distance.
///
/// ```swift
/// let search = NetworkDistance(network)
/// let fromSchools = search.fromSources(schools)                 // metres to every node
/// search.distance(to: home, nodeDistances: fromSchools, sources: schools)  // 640.0
/// ```
public struct NetworkDistance: Sendable {
    public let network: RoadNetwork
    /// Outgoing arcs of each node: (to, edge, metres).
    private let arcs: [[(to: Int, edge: Int, length: Double)]]

    public init(_ network: RoadNetwork) {
        self.network = network
        var arcs = [[(to: Int, edge: Int, length: Double)]](repeating: [], count: network.nodes.count)
        for (index, edge) in network.edges.enumerated() {
            if edge.direction.allowsForward { arcs[edge.from].append((edge.to, index, edge.length)) }
            if edge.direction.allowsBackward { arcs[edge.to].append((edge.from, index, edge.length)) }
        }
        self.arcs = arcs
    }

    /// Metres from the nearest source to every node (`.infinity` where none is reached, or
    /// beyond `cutoff`).
    /// - Parameter cutoff: stop the search at this many metres (nil: search the whole network).
    public func fromSources(_ sources: [NetworkPosition], cutoff: Double? = nil) -> [Double] {
        var distance = [Double](repeating: .infinity, count: network.nodes.count)
        var heap = Heap<Entry>()
        func offer(_ node: Int, _ metres: Double) {
            if metres < distance[node], metres <= (cutoff ?? .infinity) {
                distance[node] = metres
                heap.insert(Entry(metres: metres, node: node))
            }
        }
        for source in sources {
            let edge = network.edges[source.edge]
            if edge.direction.allowsBackward { offer(edge.from, source.snap + source.offset) }
            if edge.direction.allowsForward { offer(edge.to, source.snap + edge.length - source.offset) }
        }
        while let entry = heap.popMin() {
            guard entry.metres <= distance[entry.node] else { continue }  // a stale entry
            for arc in arcs[entry.node] { offer(arc.to, entry.metres + arc.length) }
        }
        return distance
    }

    /// Metres from the nearest source to a point on the network, walking from the sources
    /// (`nodeDistances` from `fromSources`) and including the point's own snap; `.infinity`
    /// when unreachable.
    public func distance(to point: NetworkPosition, nodeDistances: [Double], sources: [NetworkPosition]) -> Double {
        let edge = network.edges[point.edge]
        var best = Double.infinity
        if edge.direction.allowsForward { best = min(best, nodeDistances[edge.from] + point.offset) }
        if edge.direction.allowsBackward { best = min(best, nodeDistances[edge.to] + edge.length - point.offset) }
        // A source on the same edge, reached without passing a node.
        for source in sources where source.edge == point.edge {
            if source.offset <= point.offset, edge.direction.allowsForward { best = min(best, source.snap + point.offset - source.offset) }
            if source.offset >= point.offset, edge.direction.allowsBackward { best = min(best, source.snap + source.offset - point.offset) }
        }
        return best + point.snap
    }

    private struct Entry: Comparable {
        var metres: Double
        var node: Int
        static func < (a: Entry, b: Entry) -> Bool { (a.metres, a.node) < (b.metres, b.node) }
    }
}

extension RoadNetwork {
    /// Places points on the nearest walkable edge; nil for a point farther than `limit`
    /// metres from every edge (off the network).
    ///
    /// ```swift
    /// let positions = try network.positions(of: facilities.map(\.point), limit: 200)
    /// ```
    public func positions(of points: [Geometry], limit: Double) throws -> [NetworkPosition?] {
        guard !edges.isEmpty else { return points.map { _ in nil } }
        let index = try SpatialIndex(edges.map(\.geometry))
        return try points.map { point in
            guard !point.isEmpty, let nearest = try index.nearest(to: point), nearest.distance <= limit else { return nil }
            let offset = try edges[nearest.position].geometry.projectedDistance(of: point)
            return NetworkPosition(edge: nearest.position, offset: offset, snap: nearest.distance)
        }
    }
}
