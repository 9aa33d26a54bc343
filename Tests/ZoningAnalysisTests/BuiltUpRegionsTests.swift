import Testing
@testable import ZoningAnalysis
import ZoningGeometry
import ZoningProjection

@Suite struct BuiltUpRegionsTests {
    typealias F = AnalysisFixture
    let seat = F.seat(500_050, 4_000_050, .city, "370881")

    func regionSizes(_ parcels: [LandParcel], seats: [GovernmentSeat], gap: Double = 100) throws -> [Int] {
        var parameters = BuiltUpParameters()
        parameters.gapMetres = gap
        return try BuiltUpRegions.delineate(parcels: parcels, seats: seats, parameters: parameters, crs: F.crs, outlines: false).regions.map(\.parcels.count)
    }

    @Test func gapOf99JoinsAnd101DoesNot() throws {
        let core = F.parcel(500_000, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001001")
        let near = F.parcel(500_199, 4_000_000, unit: "370881001002")   // 99 m east of the core
        let far = F.parcel(500_201, 4_000_000, unit: "370881001002")    // 101 m east
        #expect(try regionSizes([core, near], seats: [seat]) == [2])
        #expect(try regionSizes([core, far], seats: [seat]) == [1])     // the loner has no seed or seat: dropped
        let exactly = F.parcel(500_200, 4_000_000, unit: "370881001002") // 100 m: inclusive
        #expect(try regionSizes([core, exactly], seats: [seat]) == [2])
    }

    @Test func growthIsSingleLinkageToAFixedPoint() throws {
        // A chain 90 m apart: the far end is 380 m from the core but joins through the middle.
        let parcels = (0..<3).map { F.parcel(500_000 + Double($0) * 190, 4_000_000, landUse: "0702", settlement: $0 == 0 ? "201" : nil, unit: "370881001001") }
        #expect(try regionSizes(parcels.reversed(), seats: []) == [3])
    }

    @Test func keptRegionsHoldASeedOrASeat() throws {
        let seeded = F.parcel(500_000, 4_000_000, landUse: "0601", settlement: "201A", unit: "370881401001")  // industrial, no seat
        let seated = F.parcel(510_000, 4_000_000, landUse: "0702", settlement: "203", unit: "370881201001")
        let neither = F.parcel(520_000, 4_000_000, landUse: "0702", settlement: "203", unit: "370881201002")
        let xiangSeat = F.seat(510_050, 4_000_050, .xiang, "370881201")
        let result = try BuiltUpRegions.delineate(parcels: [seeded, seated, neither], seats: [xiangSeat], crs: F.crs, outlines: false)
        #expect(result.regions.count == 2)
        #expect(result.regions[0].rank == .xiang && result.regions[0].principalSeat?.code == "370881201")
        #expect(result.regions[1].rank == nil && result.regions[1].hasSeed)
        #expect(result.regionOfParcel == [1, 0, nil])
    }

    @Test func farmlandIsNotConstruction() throws {
        let core = F.parcel(500_000, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001001")
        let field = F.parcel(500_100, 4_000_000, landUse: "0103", unit: "370881001001")
        let railway = F.parcel(500_100, 4_000_100, landUse: "1001", unit: "370881001001")  // linear transport: left out
        #expect(try regionSizes([core, field, railway], seats: [seat]) == [1])
    }

    /// Outline: two 100 m squares 60 m apart are closed into one polygon; a 0.25 km² courtyard
    /// is filled, a 1.44 km² one is kept.
    @Test func outlineClosesGapsAndFillsSmallHoles() throws {
        let a = F.parcel(500_000, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001001")
        let b = F.parcel(500_160, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001001")
        let closed = try #require(try BuiltUpRegions.delineate(parcels: [a, b], seats: [], crs: F.crs).regions.first?.outline)
        #expect(closed.type == .polygon)
        #expect(try closed.covers(a.geometry) && closed.covers(b.geometry))
        // The bridge over the 60 m gap: more than its 60 m-tall middle, less than the full
        // 60 × 100 m (closing leaves fillets of radius gap/2 at its ends).
        #expect(closed.area > 20_000 + 60 * 60 && closed.area < 20_000 + 60 * 100)
        func ring(side: Double, width: Double) throws -> [LandParcel] {  // a square ring of four strips around a courtyard
            let o = 600_000.0, y = 4_000_000.0
            return [
                F.parcel(o, y, size: side + 2 * width, landUse: "0701", settlement: "201", unit: "370881001001"),
            ].map { outer in
                var p = outer
                p.geometry = try! outer.geometry.difference(Geometry.rectangle(Bounds(minX: o + width, minY: y + width, maxX: o + width + side, maxY: y + width + side)))
                return p
            }
        }
        let small = try #require(try BuiltUpRegions.delineate(parcels: ring(side: 500, width: 200), seats: [], crs: F.crs).regions.first?.outline)
        #expect(try small.interiorRings.isEmpty)  // 0.25 km² < 1 km²: filled
        let large = try #require(try BuiltUpRegions.delineate(parcels: ring(side: 1200, width: 200), seats: [], crs: F.crs).regions.first?.outline)
        #expect(try large.interiorRings.count == 1)  // 1.44 km²: kept
    }

    @Test func degreesAreRefused() throws {
        let parcel = F.parcel(117, 36, size: 0.001, landUse: "0701", settlement: "201", unit: "370881001001")
        #expect(throws: AnalysisError.self) {
            try BuiltUpRegions.delineate(parcels: [parcel], seats: [], crs: CoordinateReferenceSystem("EPSG:4490"))
        }
    }
}

/// The pairs the chunked search joins give the clusters of testing every pair: 1 500 squares
/// of 10 m on a jittered 25 m grid (gaps of 0–30 m), joined within 12 m, in two chunks.
@Suite struct BuiltUpPairsTests {
    @Test func chunkedPairsGiveTheClustersOfEveryPair() throws {
        var squares: [Geometry] = []
        var seed: UInt64 = 42
        func jitter() -> Double {  // deterministic, 0…10 m
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Double(seed >> 33 % 1000) / 100
        }
        for k in 0..<1500 {
            let x = Double(k % 50) * 25 + jitter(), y = Double(k / 50) * 25 + jitter()
            squares.append(try Geometry(wkt: "POLYGON((\(x) \(y), \(x + 10) \(y), \(x + 10) \(y + 10), \(x) \(y + 10), \(x) \(y)))"))
        }
        func labels(_ pairs: [(Int, Int)]) -> [Int] {
            var clusters = UnionFind(count: squares.count)
            for (a, b) in pairs { clusters.union(a, b) }
            // Each square's label: the smallest position in its cluster.
            var smallest: [Int: Int] = [:]
            for k in squares.indices { let root = clusters.find(k); smallest[root] = min(smallest[root] ?? k, k) }
            return squares.indices.map { smallest[clusters.find($0)]! }
        }
        var every: [(Int, Int)] = []
        for a in squares.indices {
            for b in (a + 1)..<squares.count where try squares[a].isWithinDistance(12, of: squares[b]) { every.append((a, b)) }
        }
        let chunked = try BuiltUpRegions.joinedPairs(squares, gap: 12)
        let expected = labels(every)
        #expect(labels(chunked) == expected)
        #expect(Set(expected).count > 10 && Set(expected).count < 1000)  // several clusters, most squares joined
        #expect(chunked.count < every.count)  // pairs already joined were not tested again
        for (a, b) in chunked { #expect(try squares[a].isWithinDistance(12, of: squares[b])) }
    }
}

/// The clustered parcels picked with each land-use code looked up once are those
/// `isClustered` picks one by one: construction codes (09 standing for every 09xx), seeds by
/// CZCSXM whatever their land use, nothing else — by hand on seven parcels, then on 5 000
/// parcels drawn from a mix of codes.
@Suite struct BuiltUpMembersTests {
    func parcel(_ landUse: String, _ settlement: String? = nil) -> LandParcel {
        AnalysisFixture.parcel(0, 0, landUse: landUse, settlement: settlement, unit: "370881001001")
    }

    @Test func membersByHand() {
        let parcels = [parcel("0101"), parcel("0702"), parcel("0904"), parcel("0101", "201A"), parcel("1001"), parcel("0702", "203"), parcel("1001", "202")]
        #expect(BuiltUpRegions.clusteredPositions(parcels, BuiltUpParameters()) == [1, 2, 3, 5, 6])
        var noSpecial = BuiltUpParameters()
        noSpecial.constructionCodes.remove("09")
        #expect(BuiltUpRegions.clusteredPositions(parcels, noSpecial) == [1, 3, 5, 6])
    }

    @Test func membersMatchTestingEachParcel() {
        let codes = ["0101", "0702", "0701", "0904", "0810A", "1001", "1201", "0301", "09"], settlements: [String?] = [nil, nil, "201", "203", "202A"]
        var seed: UInt64 = 1
        let parcels = (0..<5000).map { _ -> LandParcel in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return parcel(codes[Int(seed >> 40) % codes.count], settlements[Int(seed >> 20) % settlements.count])
        }
        let parameters = BuiltUpParameters()
        let expected = parcels.indices.filter { BuiltUpRegions.isClustered(parcels[$0], parameters) }
        #expect(BuiltUpRegions.clusteredPositions(parcels, parameters) == expected)
        #expect(expected.count > 1000 && expected.count < 4500)
    }
}
