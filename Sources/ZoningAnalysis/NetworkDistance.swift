import HeapModule
import ZoningGeometry
import ZoningSupport

/// A place joined to the road network: the nearest walkable edge, how far along it the place
/// meets it, and the straight walk between the two.
public struct NetworkPosition: Sendable, Equatable {
    public var edge: Int
    /// Metres along the edge from its `from` node.
    public var offset: Double
    /// Metres from the edge to the place (the walk to or from the road, straight).
    public var snap: Double

    public init(edge: Int, offset: Double, snap: Double) {
        self.edge = edge
        self.offset = offset
        self.snap = snap
    }
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
/// search.distance(toAny: homeJoins, nodeDistances: fromSchools, sources: schools)  // 640.0
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

    /// Metres from the nearest source to a place joined at any of `joins`: the shortest of
    /// `distance(to:)` over them; `.infinity` without joins.
    public func distance(toAny joins: [NetworkPosition], nodeDistances: [Double], sources: [NetworkPosition]) -> Double {
        joins.reduce(Double.infinity) { min($0, distance(to: $1, nodeDistances: nodeDistances, sources: sources)) }
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
    /// The ways each place joins the walkable roads (docs/METHOD.md §5): one position on each
    /// road — an edge of the noded network, between two junctions or ends — whose distance to
    /// the place is within `tieMetres` of the nearest road's, nearest first. A point at a
    /// crossing joins each of its streets; a parcel joins every road along or through it (all at
    /// distance 0). A walk takes the best of them. Empty for a place farther than `limit`
    /// metres from every road (off the network). Only the nearest roads join, so a straight leg
    /// never jumps a river to a road beyond it.
    ///
    /// - A **point** joins each such road at the road's point nearest to it; `snap` is the
    ///   distance.
    /// - A **polygon** (a residential parcel) joins each such road at the road's point nearest
    ///   to its interior point — its door on that road. `snap` is 0 when that road touches the
    ///   polygon (runs along or through it), else the distance from the door to the polygon. So
    ///   a parcel bounded or crossed by streets is not charged the walk from its middle, and a
    ///   walk is never shorter than the straight line from the facility to the polygon.
    ///
    /// ```swift
    /// let joins = try network.positions(of: facilities.map(\.point), limit: 200)
    /// joins[0].first?.snap   // 12.5: metres from the first facility to its nearest road
    /// ```
    public func positions(of places: [Geometry], limit: Double) throws -> [[NetworkPosition]] {
        guard !edges.isEmpty, !places.isEmpty else { return places.map { _ in [] } }
        // Chunks of places over the cores, each with its own index (GEOS builds a tree on its
        // first query, so one tree is not shared between threads).
        let size = max(256, places.count / (Parallel.threads * 4) + 1)
        let chunks = stride(from: 0, to: places.count, by: size).map { $0..<min($0 + size, places.count) }
        let lines = edges.map(\.geometry)
        let boxes = lines.map(\.bounds)
        return try Parallel.map(chunks) { chunk in
            let index = try SpatialIndex(lines)
            return try places[chunk].map { try joins(of: $0, index: index, boxes: boxes, limit: limit) }
        }.flatMap { $0 }
    }

    /// One place's joins (see `positions`): the roads within the tie of the nearest road's
    /// distance to the place. The roads whose boxes come within `limit` of the place's are
    /// measured nearest box first, until a box lies beyond the nearest road found plus the tie
    /// (a road is never nearer than its box), so only the few nearest roads are measured.
    private func joins(of place: Geometry, index: SpatialIndex, boxes: [Bounds?], limit: Double) throws -> [NetworkPosition] {
        guard !place.isEmpty, let bounds = place.bounds else { return [] }
        let near = Bounds(minX: bounds.minX - limit, minY: bounds.minY - limit, maxX: bounds.maxX + limit, maxY: bounds.maxY + limit)
        let candidates = try index.query(near).compactMap { edge in boxes[edge].map { (edge: edge, gap: Self.gap(bounds, $0)) } }
            .sorted { ($0.gap, $0.edge) < ($1.gap, $1.edge) }
        var measured: [(edge: Int, distance: Double)] = []
        var nearest = Double.infinity
        for candidate in candidates {
            // A millimetre of slack against rounding in the box gap.
            if candidate.gap > min(limit, nearest + Self.tieMetres) + 0.001 { break }
            let distance = try edges[candidate.edge].geometry.distance(to: place)
            measured.append((candidate.edge, distance))
            nearest = min(nearest, distance)
        }
        guard nearest <= limit else { return [] }
        let isPoint = place.type == .point
        let anchor = isPoint ? place : try place.pointOnSurface()
        let radius = min(limit, nearest + Self.tieMetres)
        var joins: [NetworkPosition] = []
        for (candidate, distance) in measured where distance <= radius {
            let edge = edges[candidate].geometry
            let offset = try edge.projectedDistance(of: anchor)
            let snap = isPoint || distance == 0 ? distance : try edge.interpolated(at: offset).distance(to: place)
            joins.append(NetworkPosition(edge: candidate, offset: offset, snap: snap))
        }
        return joins.sorted { ($0.snap, $0.edge) < ($1.snap, $1.edge) }
    }

    /// The planar distance between two boxes (0 when they touch or overlap): no geometry in one
    /// is nearer to a geometry in the other.
    static func gap(_ a: Bounds, _ b: Bounds) -> Double {
        let dx = max(0, max(a.minX, b.minX) - min(a.maxX, b.maxX))
        let dy = max(0, max(a.minY, b.minY) - min(a.maxY, b.maxY))
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Roads this much farther than the nearest still join a place as ties (metres).
    public static let tieMetres = 1.0
}
