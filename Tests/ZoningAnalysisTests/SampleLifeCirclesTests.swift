import Foundation
import Testing
@testable import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningTestSupport

/// Life circles on the embedded sample: its roads (Shapefiles/roads.shp) run along the parcel
/// edges, with a railway 1 km south of the city seat that only two level crossings pass.
@Suite struct SampleLifeCirclesTests {
    static let folder = checkoutRoot + "/Shapefiles"

    static let inputs: AnalysisInputs? = try? {
        var reader = InputReader()
        reader.facilityTypeField = "TYPE"
        return try reader.read([
            .landUse: LayerFile.open(folder + "/DLTB.shp"), .villages: LayerFile.open(folder + "/villages.shp"),
            .townships: LayerFile.open(folder + "/townships.shp"), .facilities: LayerFile.open(folder + "/facilities.shp"),
            .roads: LayerFile.open(folder + "/roads.shp")])
    }()

    static func compute(roads: [RoadLine], parameters: LifeCircleParameters = LifeCircleParameters(), population: [PopulationPoint]? = nil) throws -> LifeCircles.Result {
        let inputs = try #require(Self.inputs)
        return try LifeCircles.compute(
            parcels: inputs.parcels, villages: inputs.units, regions: inputs.townships, facilities: inputs.facilities, roads: roads,
            residentialCodes: ["0701", "0702"], parameters: parameters, populationPoints: population)
    }

    /// The service area (each reached piece of road buffered, the buffers dissolved) is the
    /// polygon GEOS gives for buffering all the pieces at once, for every type's walk.
    @Test func serviceAreaIsTheBufferOfTheReachedRoads() throws {
        let inputs = try #require(Self.inputs)
        let network = try RoadNetwork(lines: inputs.roads, excludedClasses: LifeCircleParameters.defaultExcludedClasses)
        let search = NetworkDistance(network)
        let positions = try network.positions(of: inputs.facilities.map(\.point), limit: 200)
        for (type, metres) in [(FacilityType.kindergarten, 300.0), (.elderly, 1000)] {
            let sources = inputs.facilities.indices.filter { inputs.facilities[$0].type == type }.flatMap { positions[$0] }
            let distances = search.fromSources(sources)
            let pieces = try LifeCircles.reachedRoads(network, distances, sources, metres)
            let area = try #require(try LifeCircles.serviceArea(network, distances, sources, metres))
            let together = try Geometry.collection(.multiLineString, pieces).buffer(LifeCircles.serviceAreaHalfWidth, style: BufferStyle(quadrantSegments: 2))
            #expect(pieces.count > 10)
            #expect(abs(area.area - together.area) < 1e-6 * together.area, "\(type)")
            #expect(try area.symmetricDifference(together).area < 1e-6 * together.area, "\(type)")
        }
    }

    /// For every level, region, circle and type, the walk reaches no more than the straight
    /// line, and no walk is shorter than its straight line.
    @Test func walkingNeverBeatsTheStraightLine() throws {
        let inputs = try #require(Self.inputs)
        let result = try Self.compute(roads: inputs.roads)
        #expect(result.rows.count == (1 + 9 + 120) * 6)  // county, townships, units × 5min, 10min, 15min (3 types and all)
        for row in result.rows {
            #expect((row.networkLandShare ?? 0) <= (row.lineLandShare ?? 0) + 1e-12, "\(row.level) \(row.code) \(row.circle) \(row.type?.rawValue ?? "all")")
            #expect((row.networkPopulationShare ?? 0) <= (row.linePopulationShare ?? 0) + 1e-12)
            if let detour = row.detourRatio { #expect(detour >= 1) }
        }
        for (type, walks) in result.walkMetres {
            let lines = try #require(result.lineMetres[type])
            for k in walks.indices where walks[k].isFinite { #expect(walks[k] >= lines[k] - 1e-6) }
        }
    }

    /// The railway is the barrier: with a street across it every 100 m through the city, the
    /// city's walking shares rise, while the straight-line shares, which know no roads, stay.
    @Test func theRailwayKeepsHomesFromTheirFacilities() throws {
        let inputs = try #require(Self.inputs)
        var crossings = inputs.roads
        for x in stride(from: 40_496_000.0, through: 40_504_000, by: 100) {
            crossings.append(RoadLine(geometry: try Geometry.lineString([Coordinate(x: x, y: 4_018_400), Coordinate(x: x, y: 4_019_600)])))
        }
        let barred = try Self.compute(roads: inputs.roads), open = try Self.compute(roads: crossings)
        func row(_ result: LifeCircles.Result, _ type: FacilityType) throws -> LifeCircles.Row {
            try #require(result.rows.first { $0.level == .county && $0.circle == "15min" && $0.type == type })
        }
        for type in [FacilityType.middle, .clinic, .elderly] {
            let (a, b) = (try row(barred, type), try row(open, type))
            #expect(try #require(a.networkPopulationShare) < (try #require(b.networkPopulationShare)), "\(type) \(a.networkPopulationShare!) \(b.networkPopulationShare!) \(a.homes) \(a.meanWalkMetres!) \(b.meanWalkMetres!)")
            #expect(a.linePopulationShare == b.linePopulationShare)
        }
        // 东城街道 lies south of the railway, its schools' and clinics' users north of it.
        let township = { (result: LifeCircles.Result) in result.rows.first { $0.level == .township && $0.code == "370299002" && $0.circle == "15min" && $0.type == .middle } }
        #expect(try #require(township(barred)?.detourRatio) > (try #require(township(open)?.detourRatio)))
    }

    /// On a network of straight spokes — one from each home to its nearest elderly-care
    /// centre, as bridges that meet only at their ends — every walk is its straight line, so
    /// the walking and straight-line figures are equal.
    @Test func straightSpokesWalkTheStraightLine() throws {
        let inputs = try #require(Self.inputs)
        let centres = inputs.facilities.filter { $0.type == .elderly }
        let index = try SpatialIndex(centres.map(\.point))
        var spokes: [RoadLine] = [], people: [PopulationPoint] = []
        for parcel in inputs.parcels where ["0701", "0702"].contains(parcel.landUse) {
            let home = try parcel.geometry.pointOnSurface()
            let nearest = try #require(try index.nearest(to: home))
            spokes.append(RoadLine(geometry: try Geometry.lineString([centres[nearest.position].point.coordinates[0], home.coordinates[0]]), gradeSeparated: true))
            people.append(PopulationPoint(point: home, residents: 1))
        }
        var parameters = LifeCircleParameters()
        parameters.circles = [LifeCircle(name: "15min", walkMetres: 1000, types: [.elderly])]
        parameters.snapLimitMetres = 0.001
        let result = try Self.compute(roads: spokes, parameters: parameters, population: people)
        let county = try #require(result.rows.first { $0.level == .county })
        #expect(county.population == Double(people.count))
        #expect(try #require(county.networkPopulationShare) > 0.05)
        #expect(county.networkPopulationShare == county.linePopulationShare)
    }
}
