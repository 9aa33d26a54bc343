import Testing
import ZoningAnalysis

@Suite struct ParameterTableTests {
    /// A value set by its project-file key lands in the property, scaled to the property's
    /// unit, and reads back in the key's unit.
    @Test func setAndReadBackInTheKeysUnit() throws {
        var builtUp = BuiltUpParameters()
        try builtUp.set("fill_holes_km2", .number(2.5))
        #expect(builtUp.fillHolesSquareMetres == 2_500_000)
        #expect(builtUp.values.first { $0.key == "fill_holes_km2" }?.value == .number(2.5))
        try builtUp.set("gap_m", .integer(150))
        #expect(builtUp.gapMetres == 150)
        try builtUp.set("seed_codes", .texts(["202", "201"]))
        #expect(builtUp.seedSettlementCodes == ["201", "202"])
        #expect(builtUp.values.first { $0.key == "seed_codes" }?.value == .texts(["201", "202"]))

        var coverage = Coverage.Parameters()
        try coverage.set("radius_m", .map([.init("小学", .number(800)), .init("elderly", .integer(1200))]))
        #expect(coverage.radii[.primary] == 800 && coverage.radii[.elderly] == 1200 && coverage.radii[.middle] == 1000)
        #expect(throws: ParameterError.self) { try coverage.set("radius_m", .map([.init("school", .number(800))])) }

        var circles = LifeCircleParameters()
        try circles.set("circles", .map([.init("12min", .map([.init("walk_m", .number(800)), .init("types", .texts(["小学", "elderly"]))]))]))
        #expect(circles.circles == [LifeCircle(name: "12min", walkMetres: 800, types: [.primary, .elderly])])
    }

    /// The defaults pass their own validation, and each table lists every key once.
    @Test func defaultsAreValidAndKeysUnique() throws {
        try BuiltUpParameters().validate()
        try ClassificationParameters().validate()
        try Coverage.Parameters().validate()
        try LifeCircleParameters().validate()
        for keys in [BuiltUpParameters.table.map(\.key), ClassificationParameters.table.map(\.key),
                     Coverage.Parameters.table.map(\.key), LifeCircleParameters.table.map(\.key)] {
            #expect(Set(keys).count == keys.count)
        }
    }

    /// Out-of-range values name the section, the key (inside a map, the name too) and the unit.
    @Test func validationNamesTheKey() throws {
        var builtUp = BuiltUpParameters()
        builtUp.gapMetres = -5
        #expect(throws: ParameterError(section: "builtup", key: "gap_m", problem: "must be from 0 to 10000 (metres), not -5")) { try builtUp.validate() }
        builtUp = BuiltUpParameters()
        builtUp.fillHolesSquareMetres = 2e10
        #expect(throws: ParameterError(section: "builtup", key: "fill_holes_km2", problem: "must be from 0 to 10000 (km²), not 20000")) { try builtUp.validate() }
        builtUp = BuiltUpParameters()
        builtUp.constructionCodes = []
        #expect(throws: ParameterError(section: "builtup", key: "construction_codes", problem: "must name at least one code")) { try builtUp.validate() }

        var classification = ClassificationParameters()
        classification.partialShare = 0.6
        #expect(throws: ParameterError(section: "classification", key: "partial_share", problem: "must not exceed full_share (0.5)")) { try classification.validate() }

        var coverage = Coverage.Parameters()
        coverage.radii[.clinic] = 0
        #expect(throws: ParameterError(section: "coverage", key: "radius_m.clinic", problem: "must be from 1 to 100000 (metres), not 0")) { try coverage.validate() }

        var circles = LifeCircleParameters()
        circles.circles[1].walkMetres = 0
        #expect(throws: ParameterError(section: "life_circles", key: "10min.walk_m", problem: "must be from 1 to 100000 (metres), not 0")) { try circles.validate() }
        circles = LifeCircleParameters()
        circles.circles = []
        #expect(throws: ParameterError(section: "life_circles", key: "circles", problem: "must name at least one circle")) { try circles.validate() }
    }

    /// Setting refuses unknown keys and values of another shape, naming the keys there are.
    @Test func setRefusesUnknownKeysAndShapes() {
        var builtUp = BuiltUpParameters()
        #expect(throws: ParameterError(section: "builtup", key: "gap", problem: "is not a parameter; use one of gap_m, fill_holes_km2, seed_codes, construction_codes")) {
            try builtUp.set("gap", .number(1))
        }
        #expect(throws: ParameterError(section: "builtup", key: "gap_m", problem: "must be a number")) { try builtUp.set("gap_m", .bool(true)) }
        var circles = LifeCircleParameters()
        #expect(throws: ParameterError(section: "life_circles", key: "5min.walk_m", problem: "is missing")) {
            try circles.set("circles", .map([.init("5min", .map([.init("types", .texts(["primary"]))]))]))
        }
    }

    /// The help line of a flag: the doc, the unit and range, and the default in the key's unit.
    @Test func helpStatesUnitRangeAndDefault() {
        #expect(BuiltUpParameters.help("gap_m") == "Parcels this close (inclusive) join one built-up region (metres, 0–10000; default: 100).")
        #expect(BuiltUpParameters.help("fill_holes_km2").hasSuffix("(km², 0–10000; default: 1)."))
        #expect(ClassificationParameters.help("full_share").hasSuffix("(a share, 0–1; default: 0.5)."))
        #expect(ClassificationParameters.help("special_population").hasSuffix("(residents, 0–1000000000; default: 3000)."))
    }
}
