import Testing
import ZoningAnalysis
import ZoningGeometry
import ZoningProjection

/// Small layouts of square units (EPSG:4549, metres) whose matches follow from the areas on paper.
enum ComparisonFixture {
    static let crs = AnalysisFixture.crs

    /// A rectangle from x0 to x1 (metres), 100 m high.
    static func box(_ x0: Double, _ x1: Double, y: Double = 0) -> Geometry {
        try! Geometry(wkt: "POLYGON((\(x0) \(y), \(x1) \(y), \(x1) \(y + 100), \(x0) \(y + 100), \(x0) \(y)))")
    }

    static func unit(_ code: String, _ name: String? = nil, _ x0: Double, _ x1: Double, klass: UrbanRuralClass = .village, residents: Int? = 100,
                     share: Double = 0, region: Int? = nil, seat: String? = nil, construction: Double = 1000, official: UrbanRuralClass? = nil) -> RunSnapshot.Unit {
        RunSnapshot.Unit(code: code, name: name ?? code, residents: residents, derivedClass: klass, officialClass: official, share: share,
                         seat: seat, region: region, constructionSquareMetres: construction, geometry: box(x0, x1))
    }

    static func snapshot(_ units: [RunSnapshot.Unit], county: String? = nil, crs: CoordinateReferenceSystem = crs, parameters: [String: String] = ["classification.full_share": "0.5"],
                         builtUp: [Geometry] = [], coverage: [RunSnapshot.CoverageRow]? = nil, targets: [RunSnapshot.TargetRow]? = nil,
                         lifeCircles: [RunSnapshot.LifeCircleRow]? = nil, facilities: [FacilityList.Row]? = nil) -> RunSnapshot {
        RunSnapshot(name: "test", county: county ?? RunSnapshot.county(of: units.map(\.code)), version: "0.2.0", crs: crs, parameters: parameters,
                    units: units, builtUp: builtUp, coverage: coverage, targets: targets, lifeCircles: lifeCircles, facilities: facilities)
    }
}

@Suite struct UnitMatchingTests {
    typealias F = ComparisonFixture

    /// Old: A 0–100, B 100–200, C 200–300, D 300–400, F 500–600, G 600–800.
    /// New: A renumbered (same square, township 102 → 004), B and C merged into B (100–300),
    /// D renamed, E new (400–500), F gone, G split into G (600–700) and H (700–800).
    @Test func everyKindFromTheAreasOnPaper() throws {
        let old = [F.unit("370299102001", nil, 0, 100), F.unit("370299102002", nil, 100, 200), F.unit("370299102003", nil, 200, 300),
                   F.unit("370299102004", "旧名", 300, 400), F.unit("370299102006", nil, 500, 600), F.unit("370299102007", nil, 600, 800)]
        let new = [F.unit("370299004001", nil, 0, 100), F.unit("370299102002", nil, 100, 300), F.unit("370299102004", "新名", 300, 400),
                   F.unit("370299102005", nil, 400, 500), F.unit("370299102007", nil, 600, 700), F.unit("370299102008", nil, 700, 800)]
        let matches = try UnitMatching.match(old: old, new: new, parameters: ComparisonParameters())
        func match(new code: String) -> UnitMatching.Match? { matches.first { $0.new.contains(code) } }

        let renumbered = try #require(match(new: "370299004001"))
        #expect(renumbered.kind == .renumbered && renumbered.old == ["370299102001"])
        #expect(renumbered.evidence.count == 1 && abs(renumbered.evidence[0].shareOfOld - 1) < 1e-9 && abs(renumbered.evidence[0].shareOfNew - 1) < 1e-9)

        // B (100 × 100) and C (100 × 100) in the new B (200 × 100): each all of itself, half of the new one.
        let merged = try #require(match(new: "370299102002"))
        #expect(merged.kind == .merged && merged.old == ["370299102002", "370299102003"])
        let c = try #require(merged.evidence.first { $0.old == "370299102003" })
        #expect(abs(c.shareOfOld - 1) < 1e-9 && abs(c.shareOfNew - 0.5) < 1e-9)

        #expect(match(new: "370299102004")?.kind == .renamed)
        #expect(match(new: "370299102005")?.kind == .new && match(new: "370299102005")?.old == [])
        let split = try #require(match(new: "370299102008"))
        #expect(split.kind == .split && split.new == ["370299102007", "370299102008"] && split.old == ["370299102007"])
        #expect(matches.first { $0.old == ["370299102006"] }?.kind == .gone)
        // Every unit in exactly one match.
        #expect(matches.flatMap(\.old).sorted() == old.map(\.code).sorted() && matches.flatMap(\.new).sorted() == new.map(\.code).sorted())
    }

    /// A new code over 60 % of an old one (the rest of the old one gone elsewhere): linked but
    /// below the same-polygon share, so the boundary was redrawn; with `same_share` 0.5 it is renumbered.
    @Test func partialOverlapIsRedrawnBelowTheSameShare() throws {
        let old = [F.unit("370299102001", nil, 0, 100)]
        let new = [F.unit("370299004001", nil, 40, 100)]
        #expect(try UnitMatching.match(old: old, new: new, parameters: ComparisonParameters()).first?.kind == .redrawn)
        var loose = ComparisonParameters()
        loose.sameShare = 0.6
        loose.linkShare = 0.5
        #expect(try UnitMatching.match(old: old, new: new, parameters: loose).first?.kind == .renumbered)
        // Below the link share on both sides: not linked, one gone and one new.
        let far = [F.unit("370299004001", nil, 95, 195)]
        let kinds = try UnitMatching.match(old: old, new: far, parameters: ComparisonParameters()).map(\.kind)
        #expect(kinds.sorted { $0.rawValue < $1.rawValue } == [.gone, .new])
    }
}
