import Testing
import ZoningAnalysis

/// Each unit has construction parcels with chosen TBMJ in a seat's region and far from
/// everything, so its share s is known exactly.
@Suite struct ClassifierTests {
    typealias F = AnalysisFixture
    // Regions: a city core at x = 500 000, a town core at 520 000, a 乡 core at 540 000.
    let seats = [F.seat(500_050, 4_000_050, .city, "370881"), F.seat(520_050, 4_000_050, .town, "370881101"), F.seat(540_050, 4_000_050, .xiang, "370881201")]

    /// `inCity`, `inTown`, `inXiang`, `elsewhere`: construction m² of the unit in each place.
    func classify(_ units: [(code: String, inCity: Double, inTown: Double, inXiang: Double, elsewhere: Double, population: Int?)]) throws -> [String: UnitClassification] {
        var parcels = [
            F.parcel(500_000, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001999", area: 1),
            F.parcel(520_000, 4_000_000, landUse: "0701", settlement: "202", unit: "370881101999", area: 1),
            F.parcel(540_000, 4_000_000, landUse: "0702", settlement: "203", unit: "370881201999", area: 1),
        ]
        // Each place's parcels are stacked on its core, touching it and each other.
        var stacked = [500_000.0: 0, 520_000.0: 0, 540_000.0: 0]
        func onCore(_ x: Double, _ landUse: String, _ code: String, _ area: Double) {
            stacked[x, default: 0] += 1
            parcels.append(F.parcel(x, 4_000_000 + Double(stacked[x] ?? 1) * 100, landUse: landUse, unit: code, area: area))
        }
        for (k, u) in units.enumerated() {
            if u.inCity > 0 { onCore(500_000, "0701", u.code, u.inCity) }
            if u.inTown > 0 { onCore(520_000, "0701", u.code, u.inTown) }
            if u.inXiang > 0 { onCore(540_000, "0702", u.code, u.inXiang) }
            if u.elsewhere > 0 { parcels.append(F.parcel(600_000 + Double(k) * 10_000, 4_000_000, landUse: "0702", unit: u.code, area: u.elsewhere)) }
        }
        let builtUp = try BuiltUpRegions.delineate(parcels: parcels, seats: seats, crs: F.crs, outlines: false)
        let classes = try Classifier.classify(units: units.map { F.unit($0.code, population: $0.population) }, parcels: parcels, builtUp: builtUp)
        return Dictionary(uniqueKeysWithValues: classes.map { ($0.code, $0) })
    }

    @Test func sharesGiveTheClasses() throws {
        let c = try classify([
            ("370881002201", 620_000, 0, 0, 380_000, nil),   // 62% city → 111
            ("370881002202", 100_000, 0, 0, 900_000, nil),   // 10% city, 10 ha → 112
            ("370881002203", 5_000, 0, 0, 45_000, nil),      // 10% city but 0.5 ha → not partial → 220
            ("370881002204", 40_000, 0, 0, 960_000, nil),    // 4% city → 220
            ("370881102201", 0, 900_000, 0, 100_000, nil),   // 90% town → 121
            ("370881102202", 0, 200_000, 0, 800_000, nil),   // 20% town → 122
            ("370881102203", 100_000, 900_000, 0, 0, nil),   // 10% city beats 90% town → 112
            ("370881202201", 0, 0, 300_000, 700_000, nil),   // 30% 乡 → 210
        ])
        #expect(c["370881002201"]?.derivedClass.rawValue == "111")
        #expect(c["370881002201"]?.connectedSeat?.code == "370881" && c["370881002201"]?.connectedSeat?.rank == .city)
        #expect(c["370881002202"]?.derivedClass.rawValue == "112")
        #expect(c["370881002203"]?.derivedClass.rawValue == "220")
        #expect(c["370881002204"]?.derivedClass.rawValue == "220")
        #expect(c["370881102201"]?.derivedClass.rawValue == "121")
        #expect(c["370881102202"]?.derivedClass.rawValue == "122")
        #expect(c["370881102203"]?.derivedClass.rawValue == "112" && c["370881102203"]?.connectedSeat?.code == "370881")
        #expect(c["370881202201"]?.derivedClass.rawValue == "210")
        #expect(c["370881002201"]?.share == 0.62)
    }

    @Test func specialAreasAndUnconnectedUnits() throws {
        let c = try classify([
            ("370881401001", 0, 0, 0, 500_000, 3500),   // development zone (digits 401), not connected → 123
            ("370881401002", 0, 0, 0, 500_000, 2999),   // one resident short → 220
            ("370881001001", 0, 0, 0, 500_000, 9000),   // a 居委会 not connected → 220
            ("370881002299", 0, 0, 0, 0, 800),          // no construction land → 220
        ])
        #expect(c["370881401001"]?.derivedClass.rawValue == "123")
        #expect(c["370881401002"]?.derivedClass.rawValue == "220")
        #expect(c["370881001001"]?.derivedClass.rawValue == "220")
        #expect(c["370881002299"]?.derivedClass.rawValue == "220" && c["370881002299"]?.constructionSquareMetres == 0 && c["370881002299"]?.connectedSeat == nil)
    }

    @Test func agreementWithTheOfficialClass() throws {
        var parcels = [F.parcel(500_000, 4_000_000, landUse: "0701", settlement: "201", unit: "370881001001")]
        parcels.append(F.parcel(600_000, 4_000_000, landUse: "0702", unit: "370881002201"))
        let builtUp = try BuiltUpRegions.delineate(parcels: parcels, seats: seats, crs: F.crs, outlines: false)
        let classes = try Classifier.classify(
            units: [F.unit("370881001001", official: "111"), F.unit("370881002201", official: "121"), F.unit("370881002202")],
            parcels: parcels, builtUp: builtUp)
        #expect(classes.map(\.agrees) == [true, false, nil])
    }

    /// The sums over a unit's parcels wherever they lie in the layer: two units' parcels
    /// interleaved, land uses alternating between construction and not, a parcel of no unit,
    /// and two units sharing one code (each gets all of that code's land).
    @Test func sumsFollowTheCodesWhateverTheOrder() throws {
        let (a, b) = ("370881002201", "370881002202")
        let layout: [(String, String, Double)] = [
            (a, "0701", 1_000), (b, "0103", 20_000), (a, "0103", 300_000), (b, "0702", 4_000),
            ("370881009999", "0701", 50_000), (a, "0905", 6_000), (a, "1001", 900), (a, "0702", 70_000), (b, "0701", 800),
        ]
        let parcels = layout.enumerated().map { k, p in F.parcel(700_000 + Double(k) * 10_000, 4_000_000, landUse: p.1, unit: p.0, area: p.2) }
        let builtUp = try BuiltUpRegions.delineate(parcels: parcels, seats: seats, crs: F.crs, outlines: false)
        let classes = try Classifier.classify(units: [F.unit(a), F.unit(b), F.unit(b)], parcels: parcels, builtUp: builtUp)
        // A: construction 0701 1 000 + 0905 (special land, 09) 6 000 + 0702 70 000; all its land
        // adds 0103 300 000 and 1001 (railway, not construction) 900.
        #expect(classes[0].constructionSquareMetres == 77_000 && classes[0].unitSquareMetres == 377_900)
        // B (twice): construction 0702 4 000 + 0701 800; all land adds 0103 20 000.
        #expect(classes[1].constructionSquareMetres == 4_800 && classes[1].unitSquareMetres == 24_800)
        #expect(classes[2].constructionSquareMetres == 4_800 && classes[2].unitSquareMetres == 24_800)
        #expect(classes.allSatisfy { $0.derivedClass.rawValue == "220" })
    }
}
