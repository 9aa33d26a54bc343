import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningProjection

@Suite struct RunComparisonTests {
    typealias F = ComparisonFixture

    /// A town's village renumbered when its township became a 街道, its construction land
    /// newly in a built-up region with share s 0.30 → 0.62: class 220 → 112, with every cause.
    @Test func reasonsFromBothRunsFigures() throws {
        let old = F.snapshot([F.unit("370299102001", "甲村", 0, 100, klass: .village, residents: 1000, share: 0.3, construction: 5000),
                              F.unit("370299102002", "乙村", 100, 200, klass: .village, residents: 500)])
        let new = F.snapshot([F.unit("370299004001", "甲村", 0, 100, klass: .urbanFringe, residents: 1000, share: 0.62, region: 1, seat: "370299", construction: 5000),
                              F.unit("370299004002", "乙村", 100, 200, klass: .village, residents: 500)])
        let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
        let first = try #require(comparison.units.first { $0.new?.code == "370299004001" })
        #expect(first.kind == .renumbered)
        #expect(first.reasons == [
            .codeChanged(from: ["370299102001"], to: "370299004001"), .townshipKindChanged(from: "镇", to: "街道"),
            .classChanged(from: .village, to: .urbanFringe), .joinedBuiltUp(region: 1), .shareCrossed(from: 0.3, to: 0.62, threshold: 0.5),
            .seatChanged(from: nil, to: "370299"),
        ])
        #expect(!first.parametersOnly)
        let second = try #require(comparison.units.first { $0.new?.code == "370299004002" })
        #expect(second.reasons == [.codeChanged(from: ["370299102002"], to: "370299004002"), .townshipKindChanged(from: "镇", to: "街道")])

        // Urbanization of the township 370299004, which came from 370299102: 0 of 1500 urban
        // before, 1000 of 1500 after; the 1000 residents of the unit that became urban.
        let township = try #require(comparison.urbanization.first { $0.code == "370299004" })
        #expect(township.oldCodes == ["370299102"] && township.old?.urban == 0 && township.new?.urban == 1000 && township.new?.residents == 1500)
        #expect(township.becameUrban == 1000 && township.becameRural == 0)
        #expect(comparison.urbanization.first { $0.level == "county" }?.new?.rate == 1000.0 / 1500.0)
    }

    /// A run compared with itself: every unit the same, no reasons, no built-up change.
    @Test func aRunComparedWithItselfHasNoChange() throws {
        let run = F.snapshot([F.unit("370299102001", nil, 0, 100), F.unit("370299102002", nil, 100, 200, klass: .townCentre, share: 0.8, region: 2)],
                             builtUp: [F.box(0, 150)],
                             targets: [RunSnapshot.TargetRow(target: "urbanization_rate///", region: "370299", comparator: ">=", threshold: 0.67, value: 0.5, status: "fail")])
        let comparison = try RunComparison.compare(old: run, new: run, parameters: ComparisonParameters())
        #expect(comparison.units.allSatisfy { $0.kind == .same && $0.reasons.isEmpty && !$0.changed })
        #expect(comparison.builtUp.grown.isEmpty && comparison.builtUp.lost.isEmpty)
        #expect(comparison.comparability.parameters.isEmpty && !comparison.comparability.reprojected)
        #expect(comparison.targets.map(\.direction) == [.same])
    }

    /// Runs of two counties are refused, naming both.
    @Test func twoCountiesAreRefused() throws {
        let a = F.snapshot([F.unit("370299102001", nil, 0, 100)]), b = F.snapshot([F.unit("370281102001", nil, 0, 100)])
        #expect(throws: ComparisonError.differentCounties(old: "370299", new: "370281")) { try RunComparison.compare(old: a, new: b, parameters: ComparisonParameters()) }
        #expect(ComparisonError.differentCounties(old: "370299", new: "370281").description.contains("two counties (370299 and 370281)"))
    }

    /// Different parameters are stated, and a class change with the same construction land and
    /// residents is marked as explained by the parameters alone.
    @Test func parametersAloneAreMarked() throws {
        let old = F.snapshot([F.unit("370299102001", nil, 0, 100, klass: .village, share: 0.4)], parameters: ["builtup.gap_m": "100", "classification.full_share": "0.5"])
        let new = F.snapshot([F.unit("370299102001", nil, 0, 100, klass: .townFringe, share: 0.7, region: 1)], parameters: ["builtup.gap_m": "200", "classification.full_share": "0.5"])
        let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
        #expect(comparison.comparability.parameters.map(\.key) == ["builtup.gap_m"])
        #expect(comparison.comparability.parameters.first.map { [$0.old, $0.new] } == ["100", "200"])
        let unit = try #require(comparison.units.first)
        #expect(unit.parametersOnly && unit.reasons.contains(.parametersChanged(keys: ["builtup.gap_m"])))
    }

    /// The old run in another CRS (EPSG:4528, zone 40) is reprojected into the new run's
    /// (EPSG:4549, CM 120°): the same polygons match as the same, and the built-up area is unchanged.
    @Test func runsInTwoCRSsAreComparedAfterReprojection() throws {
        let target = F.crs, source = try CoordinateReferenceSystem("EPSG:4528")
        let back = try CoordinateTransform(from: target, to: source)
        // Squares near 120°E, 36°N in EPSG:4549.
        func unit(_ code: String, _ x: Double) -> RunSnapshot.Unit {
            RunSnapshot.Unit(code: code, name: code, residents: 10, derivedClass: .village, officialClass: nil, share: 0, seat: nil, region: nil,
                             constructionSquareMetres: 0, geometry: try! Geometry(wkt: "POLYGON((\(x) 3990000, \(x + 1000) 3990000, \(x + 1000) 3991000, \(x) 3991000, \(x) 3990000))"))
        }
        let newUnits = [unit("370299102001", 500_000), unit("370299102002", 501_000)]
        var oldUnits = newUnits
        for index in oldUnits.indices { oldUnits[index].geometry = try back.apply(to: oldUnits[index].geometry!) }
        let builtUp = try Geometry(wkt: "POLYGON((500000 3990000, 500500 3990000, 500500 3990500, 500000 3990500, 500000 3990000))")
        let old = F.snapshot(oldUnits, crs: source, builtUp: [try back.apply(to: builtUp)]), new = F.snapshot(newUnits, builtUp: [builtUp])
        let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
        #expect(comparison.comparability.reprojected)
        #expect(comparison.units.map(\.kind) == [.same, .same])
        // Back and forth through PROJ moves a vertex by far less than a millimetre: no area
        // of 0.25 km² grown or lost beyond a square metre.
        #expect(comparison.builtUp.grownSquareMetres < 1 && comparison.builtUp.lostSquareMetres < 1)
    }

    /// Built-up growth: a region of 100 × 100 m that became 200 × 100 m grew by 10 000 m².
    @Test func builtUpGrownAndLost() throws {
        let units = [F.unit("370299102001", nil, 0, 400)]
        let old = F.snapshot(units, builtUp: [F.box(0, 100), F.box(300, 400)]), new = F.snapshot(units, builtUp: [F.box(0, 200)])
        let change = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters()).builtUp
        #expect(abs(change.grownSquareMetres - 10_000) < 1e-6 && abs(change.lostSquareMetres - 10_000) < 1e-6)
        #expect(change.grown.count == 1 && change.lost.count == 1)
    }

    /// Targets move toward a `>=` threshold when their value rises, away when it falls.
    @Test func targetsProgress() throws {
        let units = [F.unit("370299102001", nil, 0, 100)]
        func row(_ value: Double, _ comparator: String = ">=") -> RunSnapshot.TargetRow {
            RunSnapshot.TargetRow(target: "urbanization_rate///", region: "370299", comparator: comparator, threshold: 0.67, value: value, status: "fail")
        }
        func direction(_ a: Double, _ b: Double, _ comparator: String = ">=") throws -> RunComparison.TargetProgress.Direction? {
            try RunComparison.compare(old: F.snapshot(units, targets: [row(a, comparator)]), new: F.snapshot(units, targets: [row(b, comparator)]),
                                      parameters: ComparisonParameters()).targets.first?.direction
        }
        #expect(try direction(0.5, 0.6) == .toward)
        #expect(try direction(0.6, 0.5) == .away)
        #expect(try direction(0.6, 0.5, "<=") == .toward)
    }

    /// Two townships' villages renumbered into one 街道 (370299101 and 370299102 → 370299004):
    /// its old life circle combined from both. Elderly care within 15 minutes for 800 of 1000
    /// residents and 1200 of 3000 is 2000 of 4000 = 0.5 (the average of the shares, 0.6, would
    /// be wrong); land 1000 of 2000 m² and 1500 of 6000 m² is 2500 of 8000 = 0.3125.
    @Test func lifeCirclesOfMergedTownshipsAreWeighted() throws {
        func row(_ code: String, land: Double, residents: Int, landShare: Double, share: Double, level: String = "township") -> RunSnapshot.LifeCircleRow {
            RunSnapshot.LifeCircleRow(level: level, code: code, name: code, circle: "15min", type: "elderly", walkMetres: 1000, residentialSquareMetres: land,
                                      residents: residents, networkLandShare: landShare, networkPopulationShare: share)
        }
        let old = F.snapshot([F.unit("370299101001", nil, 0, 100), F.unit("370299102001", nil, 100, 200)],
                             lifeCircles: [row("370299101", land: 2000, residents: 1000, landShare: 0.5, share: 0.8),
                                           row("370299102", land: 6000, residents: 3000, landShare: 0.25, share: 0.4),
                                           row("370299", land: 8000, residents: 4000, landShare: 0.3125, share: 0.5, level: "county")])
        let new = F.snapshot([F.unit("370299004001", nil, 0, 100), F.unit("370299004002", nil, 100, 200)],
                             lifeCircles: [row("370299004", land: 8000, residents: 4000, landShare: 0.4, share: 0.55),
                                           row("370299", land: 8000, residents: 4000, landShare: 0.4, share: 0.55, level: "county")])
        let comparison = try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters())
        #expect(comparison.comparability.lifeCircles == (true, true))
        let circles = try #require(comparison.lifeCircles)
        #expect(circles.count == 2)
        let township = try #require(circles.first { $0.region == "370299004" })
        #expect(township.oldRegions == ["370299101", "370299102"])
        #expect(township.old?.residents == 4000 && township.old?.residentialSquareMetres == 8000)
        #expect(township.old?.networkPopulationShare == 0.5 && township.old?.networkLandShare == 0.3125)
        #expect(township.populationShareChange == 0.05)
        let county = try #require(circles.first { $0.level == "county" })
        #expect(county.oldRegions == ["370299"] && county.old?.networkPopulationShare == 0.5 && county.populationShareChange == 0.05)

        // Only one run with life circles: none compared, and the statement says which.
        let half = try RunComparison.compare(old: F.snapshot(old.units), new: new, parameters: ComparisonParameters())
        #expect(half.lifeCircles == nil && half.comparability.lifeCircles == (false, true))
    }

    /// Facilities by name across a renumbered township (370299101 → 370299004): 甲幼儿园 the same
    /// (not listed); 乙卫生院 renamed where it stood (2 m off); 丙养老院 closed; 丁中学 moved 110 m
    /// within 370299102 (same name); 戊养老院 opened 170 m from where 丙养老院 stood (farther than 5 m:
    /// not a rename).
    @Test func facilitiesOpenedAndClosedByName() throws {
        func at(_ name: String, _ type: String, _ township: String?, _ x: Double, _ y: Double) -> FacilityList.Row {
            FacilityList.Row(name: name, type: type, township: township, x: x, y: y)
        }
        let old = F.snapshot([F.unit("370299101001", nil, 0, 100), F.unit("370299102001", nil, 100, 200)], facilities: [
            at("甲幼儿园", "kindergarten", "370299101", 10, 10), at("乙卫生院", "clinic", "370299101", 50, 50),
            at("丙养老院", "elderly", "370299101", 80, 80), at("丁中学", "middle", "370299102", 150, 50),
        ])
        let new = F.snapshot([F.unit("370299004001", nil, 0, 100), F.unit("370299102001", nil, 100, 200)], facilities: [
            at("甲幼儿园", "kindergarten", "370299004", 10, 10), at("乙社区卫生服务中心", "clinic", "370299004", 52, 50),
            at("戊养老院", "elderly", "370299004", 80, 250), at("丁中学", "middle", "370299102", 150, 160),
        ])
        let changes = try #require(try RunComparison.compare(old: old, new: new, parameters: ComparisonParameters()).facilities)
        #expect(changes.map(\.kind) == [.opened, .closed, .renamed, .moved])
        #expect(changes[0].new?.name == "戊养老院" && changes[0].old == nil && changes[0].new?.township == "370299004")
        #expect(changes[1].old?.name == "丙养老院" && changes[1].new == nil && changes[1].old?.township == "370299101")
        #expect(changes[2].old?.name == "乙卫生院" && changes[2].new?.name == "乙社区卫生服务中心" && changes[2].distanceMetres == 2)
        #expect(changes[3].new?.name == "丁中学" && changes[3].distanceMetres == 110)

        // Compared with itself: no facility changed. An old run without its list: not named.
        #expect(try RunComparison.compare(old: new, new: new, parameters: ComparisonParameters()).facilities == [])
        let unnamed = try RunComparison.compare(old: F.snapshot(old.units), new: new, parameters: ComparisonParameters())
        #expect(unnamed.facilities == nil && unnamed.comparability.facilityNames == (false, true))
    }
}
