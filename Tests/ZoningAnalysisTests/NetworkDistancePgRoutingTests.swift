import Foundation
import Testing
import ZoningAnalysis
import ZoningDatabase
import ZoningGeometry
import ZoningLayers
import ZoningTestSupport

/// zoning's shortest walks against pgRouting's `pgr_drivingDistance` (a second, independent
/// implementation) on the same graph: the sample's roads, with every fifth road made one-way.
@Suite struct NetworkDistancePgRoutingTests {
    @Test(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason))
    func reachedNodesAndWalksMatchPgRouting() throws {
        let source = try LayerFile.open(checkoutRoot + "/Shapefiles/roads.shp")
        let highway = try #require(source.schema.index(of: "highway")), bridge = try #require(source.schema.index(of: "bridge"))
        var lines: [RoadLine] = []
        try source.forEach { feature in
            guard let geometry = feature.geometry else { return }
            lines.append(RoadLine(
                geometry: geometry, roadClass: feature.attributes[highway].description,
                direction: feature.id % 5 == 0 ? .forward : .both, gradeSeparated: RoadDirection.isYes(feature.attributes[bridge].description)))
        }
        let network = try RoadNetwork(lines: lines, excludedClasses: LifeCircleParameters.defaultExcludedClasses)
        #expect(network.edges.contains { $0.direction != .both })

        // From the node nearest the city seat, 3 000 m.
        let centre = Coordinate(x: 40_500_000, y: 4_020_000)
        let start = try #require(network.nodes.indices.min {
            hypot(network.nodes[$0].x - centre.x, network.nodes[$0].y - centre.y) < hypot(network.nodes[$1].x - centre.x, network.nodes[$1].y - centre.y)
        })
        let edge = try #require(network.edges.indices.first { network.edges[$0].from == start && network.edges[$0].direction.allowsBackward })
        let ours = NetworkDistance(network).fromSources([NetworkPosition(edge: edge, offset: 0, snap: 0)], cutoff: 3000)

        let db = try DatabaseConnection(DatabaseURL(TestDatabase.requiredURL()))
        try db.execute("CREATE EXTENSION IF NOT EXISTS pgrouting")
        let table = TestDatabase.uniqueName("walk_edges")
        try db.execute("CREATE TABLE \(table) (id bigint, source bigint, target bigint, cost float8, reverse_cost float8)")
        defer { _ = try? db.execute("DROP TABLE \(table)") }
        _ = try db.copy("COPY \(table) FROM STDIN") { send in
            for (index, e) in network.edges.enumerated() {
                let forward = e.direction.allowsForward ? e.length : -1, backward = e.direction.allowsBackward ? e.length : -1
                try send(CopyText.row([String(index + 1), String(e.from + 1), String(e.to + 1), "\(forward)", "\(backward)"]))
            }
        }
        let rows = try db.execute(
            "SELECT node, agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM \(table)', $1::bigint, 3000, true)",
            [String(start + 1)]).rows
        let theirs = Dictionary(uniqueKeysWithValues: rows.map { (Int($0[0]!)! - 1, Double($0[1]!)!) })
        let reached = Dictionary(uniqueKeysWithValues: ours.enumerated().filter { $0.element.isFinite }.map { ($0.offset, $0.element) })
        #expect(reached.count > 200)
        #expect(Set(reached.keys) == Set(theirs.keys))
        for (node, metres) in reached { #expect(abs(metres - (theirs[node] ?? .infinity)) < 1e-6, "node \(node)") }
    }
}
