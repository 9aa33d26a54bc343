import ZoningGeometry
import ZoningSupport

/// A walkable road graph built from centrelines: nodes where roads meet, edges between them
/// with their lengths (docs/METHOD.md §5).
///
/// - **Noding**: roads on the ground are split wherever they cross or touch (GEOS `Node`),
///   so two streets that cross meet, even when neither has a vertex there. Bridges and
///   tunnels (`RoadLine.gradeSeparated`) are not split: they join the network only at their
///   end points, each on a road within 0.5 m (which is split there); an end on no road is
///   listed in `danglingGradeSeparated`.
/// - **Walkable**: roads whose class is in `excludedClasses` (motorways, expressways) are
///   left out, and counted.
/// - **Lengths** are planar, in the analysis CRS's metres (Gauss–Krüger: within 0.03% of the
///   ellipsoidal length inside a 3° zone).
/// - **Components**: the connected parts of the graph, ignoring directions; homes in a part
///   without a facility cannot reach one.
///
/// ```swift
/// let network = try RoadNetwork(lines: roads, excludedClasses: ["motorway"])
/// network.edges.count        // 5 812
/// network.componentCount     // 1
/// ```
public struct RoadNetwork: Sendable {
    public struct Edge: Sendable {
        public var from: Int
        public var to: Int
        /// Metres.
        public var length: Double
        public var direction: RoadDirection
        /// The piece of road, from `from` to `to`.
        public var geometry: Geometry
    }

    /// Node coordinates.
    public private(set) var nodes: [Coordinate] = []
    public private(set) var edges: [Edge] = []
    /// Lines left out because of their class, by class.
    public private(set) var excluded: [String: Int] = [:]
    /// Bridges and tunnels whose ends met no node (they form parts of their own), by label.
    public private(set) var danglingGradeSeparated: [String] = []
    /// The component of each node (0 is the largest by length).
    public private(set) var componentOfNode: [Int] = []
    /// Total edge length per component (metres), largest first.
    public private(set) var componentLengths: [Double] = []

    public var componentCount: Int { componentLengths.count }
    /// Metres of walkable road.
    public var totalLength: Double { componentLengths.reduce(0, +) }

    /// Building tolerance: end points of bridges and tunnels this close to a node join it (m).
    public static let joinTolerance = 0.5

    /// - Parameters:
    ///   - excludedClasses: classes not walked, compared without case.
    ///   - honourOneway: false walks every road both ways, whatever its direction.
    public init(lines: [RoadLine], excludedClasses: Set<String> = [], honourOneway: Bool = true) throws {
        let excludedLower = Set(excludedClasses.map { $0.lowercased() })
        var ground: [(part: Geometry, line: Int)] = [], elevated: [(part: Geometry, line: Int)] = []
        for (index, line) in lines.enumerated() {
            if let roadClass = line.roadClass?.trimmingCharacters(in: .whitespaces), excludedLower.contains(roadClass.lowercased()) {
                excluded[roadClass, default: 0] += 1
                continue
            }
            let parts = try line.geometry.parts.filter { $0.type == .lineString }
            for part in parts where !part.isEmpty && part.length > 0 {
                if line.gradeSeparated { elevated.append((part, index)) } else { ground.append((part, index)) }
            }
        }

        var nodeOfKey: [NodeKey: Int] = [:]
        func node(_ c: Coordinate) -> Int {
            let key = NodeKey(c)
            if let existing = nodeOfKey[key] { return existing }
            nodes.append(c)
            nodeOfKey[key] = nodes.count - 1
            return nodes.count - 1
        }

        // Ground roads: noded together; each piece takes the attributes of the line it lies on
        // and its direction relative to that line.
        if !ground.isEmpty {
            let parts = ground.map(\.part)
            let pieces = try Geometry.collection(.multiLineString, parts).noded().parts
            // Each piece's line and direction, found on every core in chunks, each chunk with its
            // own index (GEOS builds a tree on its first query, so one tree is not shared between
            // threads); the edges and nodes are then numbered in the pieces' order, as one pass would.
            let size = max(256, pieces.count / (Parallel.threads * 4) + 1)
            let chunks = stride(from: 0, to: pieces.count, by: size).map { $0..<min($0 + size, pieces.count) }
            let found = try Parallel.map(chunks) { chunk in
                let index = try SpatialIndex(parts)
                return try pieces[chunk].map { try Self.source(of: $0, among: parts, index: index) }
            }.flatMap { $0 }
            for (piece, match) in zip(pieces, found) {
                guard let match else { continue }
                let coordinates = match.coordinates
                let direction = honourOneway ? lines[ground[match.part].line].direction : .both
                edges.append(Edge(
                    from: node(coordinates[0]), to: node(coordinates[coordinates.count - 1]), length: match.length,
                    direction: match.sameWay ? direction : direction.reversed, geometry: piece))
            }
        }

        // Bridges and tunnels: whole, joined at each end to a node of the ground roads, or to
        // the nearest point of a ground edge within tolerance (which is split there).
        if !elevated.isEmpty {
            let groundEdges = edges
            let index = groundEdges.isEmpty ? nil : try SpatialIndex(groundEdges.map(\.geometry))
            var cuts: [Int: [Double]] = [:]
            var ends: [(start: Coordinate, end: Coordinate, startCut: (Int, Double)?, endCut: (Int, Double)?, joined: Bool)] = []
            func attachment(_ c: Coordinate) throws -> (cut: (Int, Double)?, joined: Bool) {
                if nodeOfKey[NodeKey(c)] != nil { return (nil, true) }
                let point = Geometry.point(x: c.x, y: c.y)
                guard let nearest = try index?.nearest(to: point), nearest.distance <= Self.joinTolerance else { return (nil, false) }
                let offset = try groundEdges[nearest.position].geometry.projectedDistance(of: point)
                cuts[nearest.position, default: []].append(offset)
                return ((nearest.position, offset), true)
            }
            for (part, _) in elevated {
                let coordinates = try part.coordinates
                let (a, b) = (coordinates[0], coordinates[coordinates.count - 1])
                let start = try attachment(a), end = try attachment(b)
                ends.append((a, b, start.cut, end.cut, start.joined && end.joined))
            }
            // Split the ground edges at the cut points; a cut at an edge's end is its node.
            var cutNode: [Int: [(offset: Double, node: Int)]] = [:]
            var replaced: Set<Int> = []
            for (edgeIndex, offsets) in cuts {
                let edge = groundEdges[edgeIndex]
                let coordinates = try edge.geometry.coordinates
                var previous = (offset: 0.0, node: edge.from)
                var pieces: [Edge] = []
                for offset in Set(offsets).sorted() {
                    let here: Int
                    if offset <= 0 { here = edge.from } else if offset >= edge.length { here = edge.to } else {
                        here = node(Self.substring(coordinates, offset, offset).first ?? coordinates[0])
                    }
                    cutNode[edgeIndex, default: []].append((offset, here))
                    if offset > previous.offset, offset < edge.length {
                        pieces.append(Edge(from: previous.node, to: here, length: offset - previous.offset, direction: edge.direction,
                                           geometry: try Geometry.lineString(Self.substring(coordinates, previous.offset, offset))))
                        previous = (offset, here)
                    }
                }
                guard !pieces.isEmpty else { continue }
                pieces.append(Edge(from: previous.node, to: edge.to, length: edge.length - previous.offset, direction: edge.direction,
                                   geometry: try Geometry.lineString(Self.substring(coordinates, previous.offset, edge.length))))
                replaced.insert(edgeIndex)
                edges += pieces
            }
            edges = edges.enumerated().filter { !replaced.contains($0.offset) }.map(\.element)
            func endNode(_ c: Coordinate, _ cut: (Int, Double)?) -> Int {
                if let cut, let found = cutNode[cut.0]?.first(where: { $0.offset == cut.1 }) { return found.node }
                return node(c)
            }
            for ((part, line), end) in zip(elevated, ends) {
                if !end.joined { danglingGradeSeparated.append(lines[line].label) }
                edges.append(Edge(
                    from: endNode(end.start, end.startCut), to: endNode(end.end, end.endCut), length: part.length,
                    direction: honourOneway ? lines[line].direction : .both, geometry: part))
            }
        }
        findComponents()
    }

    /// The ground line a noded piece lies on (the first within 1 cm of the piece's middle, as the
    /// index lists them) and whether the piece runs the line's way; nil for a piece of no length.
    private static func source(of piece: Geometry, among parts: [Geometry], index: SpatialIndex) throws
        -> (part: Int, coordinates: [Coordinate], length: Double, sameWay: Bool)? {
        let coordinates = try piece.coordinates
        let length = piece.length
        guard coordinates.count >= 2, length > 0 else { return nil }
        let middle = try piece.interpolated(at: length / 2)
        guard let bounds = middle.bounds else { return nil }
        let near = Bounds(minX: bounds.minX - 0.01, minY: bounds.minY - 0.01, maxX: bounds.maxX + 0.01, maxY: bounds.maxY + 0.01)
        guard let source = try index.query(near).first(where: { try parts[$0].distance(to: middle) < 0.01 }) else { return nil }
        let part = parts[source]
        let sameWay = try part.projectedDistance(of: Geometry.point(x: coordinates[0].x, y: coordinates[0].y))
            <= part.projectedDistance(of: Geometry.point(x: coordinates[coordinates.count - 1].x, y: coordinates[coordinates.count - 1].y))
        return (source, coordinates, length, sameWay)
    }

    /// Union–find over the edges, ignoring direction; components numbered by length, largest first.
    private mutating func findComponents() {
        var parent = Array(nodes.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        for edge in edges {
            let a = root(edge.from), b = root(edge.to)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var length: [Int: Double] = [:]
        for node in nodes.indices { length[root(node), default: 0] += 0 }
        for edge in edges { length[root(edge.from), default: 0] += edge.length }
        let order = length.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
        let number = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($0.element.key, $0.offset) })
        componentOfNode = nodes.indices.map { number[root($0)]! }
        componentLengths = order.map(\.value)
    }
}

extension RoadDirection {
    /// The same rule for the piece drawn the other way.
    var reversed: RoadDirection {
        switch self {
        case .both: .both
        case .forward: .backward
        case .backward: .forward
        }
    }
}

extension RoadNetwork {
    /// The part of a polyline from `start` to `end` metres along it (a single point when they
    /// are equal).
    static func substring(_ line: [Coordinate], _ start: Double, _ end: Double) -> [Coordinate] {
        var result: [Coordinate] = [], walked = 0.0
        for (a, b) in zip(line, line.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            defer { walked += length }
            guard length > 0, walked + length >= start, walked <= end else { continue }
            func at(_ d: Double) -> Coordinate {
                let t = min(max((d - walked) / length, 0), 1)
                return Coordinate(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
            }
            if result.isEmpty { result.append(at(max(start, walked))) }
            if end > start { result.append(at(min(end, walked + length))) }
        }
        return result
    }
}

/// A node's identity: its exact coordinates (noding gives shared nodes identical ones).
private struct NodeKey: Hashable {
    var x: UInt64, y: UInt64
    init(_ c: Coordinate) {
        x = (c.x + 0).bitPattern
        y = (c.y + 0).bitPattern
    }
}
