import Testing
import ZoningAnalysis
import ZoningGeometry

/// Small hand-made road layouts (metres) whose distances follow on paper.
enum RoadFixture {
    static func line(_ wkt: String, _ roadClass: String? = nil, direction: RoadDirection = .both, bridge: Bool = false) -> RoadLine {
        RoadLine(geometry: try! Geometry(wkt: wkt), roadClass: roadClass, direction: direction, gradeSeparated: bridge, label: wkt)
    }

    /// A 400 m × 400 m grid of streets 100 m apart, each street one line from edge to edge.
    static var grid: [RoadLine] {
        (0...4).map { i in line("LINESTRING(0 \(i * 100), 400 \(i * 100))") } + (0...4).map { i in line("LINESTRING(\(i * 100) 0, \(i * 100) 400)") }
    }
}

@Suite struct RoadNetworkTests {
    /// Ten whole streets cross at 25 points; noding makes 5 × 4 × 2 = 40 edges of 100 m each.
    @Test func gridIsNodedAtEveryCrossing() throws {
        let network = try RoadNetwork(lines: RoadFixture.grid)
        #expect(network.nodes.count == 25)
        #expect(network.edges.count == 40)
        #expect(network.edges.allSatisfy { abs($0.length - 100) < 1e-9 })
        #expect(network.componentCount == 1 && abs(network.totalLength - 4000) < 1e-9)
    }

    /// A motorway crossing the grid is left out of walking and counted by class.
    @Test func excludedClassesAreLeftOut() throws {
        let network = try RoadNetwork(lines: RoadFixture.grid + [RoadFixture.line("LINESTRING(-100 250, 500 250)", "Motorway")],
                                      excludedClasses: LifeCircleParameters.defaultExcludedClasses)
        #expect(network.edges.count == 40)
        #expect(network.excluded == ["Motorway": 1])
    }

    /// A bridge over a street meets it only at its own ends; two streets apart are two parts.
    @Test func bridgesCrossWithoutMeeting() throws {
        let network = try RoadNetwork(lines: [
            RoadFixture.line("LINESTRING(0 0, 1000 0)"), RoadFixture.line("LINESTRING(0 200, 1000 200)"),
            RoadFixture.line("LINESTRING(500 -100, 500 300)", bridge: true),
        ])
        #expect(network.edges.count == 3)  // nothing split
        #expect(network.danglingGradeSeparated == ["LINESTRING(500 -100, 500 300)"])
        #expect(network.componentCount == 3)
    }

    /// A one-way piece keeps its direction when noding splits it, also when drawn backwards.
    @Test func directionFollowsThePiece() throws {
        let network = try RoadNetwork(lines: [
            RoadFixture.line("LINESTRING(100 0, 0 0)", direction: .forward), RoadFixture.line("LINESTRING(50 -50, 50 50)"),
        ])
        let oneWay = network.edges.filter { $0.direction != .both }
        #expect(oneWay.count == 2)
        for edge in oneWay {
            // Walkable from the node with the larger x to the one with the smaller.
            let (a, b) = (network.nodes[edge.from].x, network.nodes[edge.to].x)
            #expect(edge.direction == (a > b ? .forward : .backward))
        }
    }

    @Test func onewayValues() {
        #expect(RoadDirection(oneway: "yes") == .forward && RoadDirection(oneway: "是") == .forward)
        #expect(RoadDirection(oneway: "-1") == .backward && RoadDirection(oneway: "T") == .backward)  // Geofabrik: T is against the line
        #expect(RoadDirection(oneway: "B") == .both && RoadDirection(oneway: "") == .both)
        #expect(RoadDirection(oneway: "maybe") == nil)
        #expect(RoadDirection.isYes("T") && RoadDirection.isYes("viaduct") && !RoadDirection.isYes("F") && !RoadDirection.isYes("no"))
    }
}
