import Foundation
import Testing
import ZoningAnalysis
import ZoningDatabase
import ZoningProject
import ZoningProjection
import ZoningPushDown
import ZoningTestSupport

/// The push-down engine against the in-process engine, on the embedded sample and a real
/// PostGIS (Scripts/test.sh starts one): the same regions, the same class for every unit, and
/// areas and coverage figures within 0.01 %.
@Suite(.enabled(if: TestDatabase.isAvailable, TestDatabase.skipReason), .serialized)
struct PostGISEngineTests {
    /// Relative tolerance of areas and coverage figures: 0.01 %.
    static let tolerance = 1e-4

    static func close(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance * max(abs(a), abs(b)) || abs(a - b) < 1e-9
    }

    /// Both engines on the sample, once for the suite.
    static let runs: Result<(inProcess: RunResult, postgis: RunResult), any Error> = Result {
        var project = try Project(contentsOf: checkoutRoot + "/Shapefiles/project.yaml")
        let inProcess = try ProjectRun.analyse(project)
        project.engine = .postgis
        project.outputDatabase = try TestDatabase.requiredURL()
        return (inProcess, try ProjectRun.analyse(project))
    }

    @Test func builtUpRegionsAreTheSame() throws {
        let (local, pushed) = try Self.runs.get()
        #expect(local.builtUp.regions.count == pushed.builtUp.regions.count)
        #expect(local.builtUp.regions.count > 1)
        #expect(local.builtUp.regionOfParcel == pushed.builtUp.regionOfParcel)
        for (a, b) in zip(local.builtUp.regions, pushed.builtUp.regions) {
            #expect(a.id == b.id && a.parcels == b.parcels && a.hasSeed == b.hasSeed)
            #expect(a.seats.map(\.code) == b.seats.map(\.code))
            #expect(Self.close(a.footprintSquareMetres, b.footprintSquareMetres))
            #expect(Self.close(a.outlineSquareMetres, b.outlineSquareMetres), "region \(a.id): \(a.outlineSquareMetres ?? 0) vs \(b.outlineSquareMetres ?? 0) m²")
            #expect(a.footprintByCounty.keys.sorted() == b.footprintByCounty.keys.sorted())
        }
        #expect(Self.close(local.builtUp.areaSquareMetres, pushed.builtUp.areaSquareMetres))
    }

    @Test func everyUnitHasTheSameClass() throws {
        let (local, pushed) = try Self.runs.get()
        #expect(local.classes.count == pushed.classes.count && !local.classes.isEmpty)
        #expect(Set(local.classes.map(\.derivedClass)).count > 2, "the sample exercises several classes")
        for (a, b) in zip(local.classes, pushed.classes) {
            #expect(a.code == b.code && a.derivedClass == b.derivedClass, "\(a.code): \(a.derivedClass) vs \(b.derivedClass)")
            #expect(a.regionID == b.regionID && a.connectedSeat?.code == b.connectedSeat?.code)
            #expect(a.seatsInside.map(\.code) == b.seatsInside.map(\.code))
            #expect(Self.close(a.share, b.share) && Self.close(a.constructionSquareMetres, b.constructionSquareMetres)
                && Self.close(a.unitSquareMetres, b.unitSquareMetres), "\(a.code)")
        }
        #expect(local.review.count == pushed.review.count)
    }

    @Test func coverageFiguresAreTheSame() throws {
        let (local, pushed) = try Self.runs.get()
        let a = try #require(local.coverage), b = try #require(pushed.coverage)
        #expect(a.regions.count == b.regions.count && !a.regions.isEmpty)
        #expect(a.regions.contains { ($0.residentialCoverage ?? 0) > 0 && ($0.residentialCoverage ?? 1) < 1 }, "partly covered townships")
        for (x, y) in zip(a.regions, b.regions) {
            let label = "\(x.region) \(x.type.rawValue)"
            #expect(x.region == y.region && x.type == y.type && x.facilities == y.facilities, "\(label)")
            #expect(Self.close(x.residentialSquareMetres, y.residentialSquareMetres), "\(label)")
            #expect(Self.close(x.residentialCoverage, y.residentialCoverage), "\(label): \(x.residentialCoverage ?? -1) vs \(y.residentialCoverage ?? -1)")
            #expect(Self.close(x.population, y.population) && Self.close(x.populationCoverage, y.populationCoverage), "\(label)")
            #expect(Self.close(x.meanDistance, y.meanDistance) && Self.close(x.p90Distance, y.p90Distance) && Self.close(x.maxDistance, y.maxDistance), "\(label)")
        }
        #expect(a.gaps.map { "\($0.type.rawValue) \($0.parcel) \($0.region ?? "-")" } == b.gaps.map { "\($0.type.rawValue) \($0.parcel) \($0.region ?? "-")" })
        for (x, y) in zip(a.gaps, b.gaps) { #expect(Self.close(x.population, y.population) && Self.close(x.nearestMetres, y.nearestMetres)) }
        #expect(Set(a.serviceAreas.keys) == Set(b.serviceAreas.keys))
        for (type, area) in a.serviceAreas { #expect(Self.close(try area.area, try b.serviceAreas[type]?.area)) }
    }

    /// The run's urbanization, the figure a county reports, is the same.
    @Test func urbanizationIsTheSame() throws {
        let (local, pushed) = try Self.runs.get()
        let a = local.urbanization(.county), b = pushed.urbanization(.county)
        #expect(a.map(\.code) == b.map(\.code) && !a.isEmpty)
        for (x, y) in zip(a, b) { #expect(x.urbanPopulation == y.urbanPopulation && x.totalPopulation == y.totalPopulation && x.derivedCounts == y.derivedCounts) }
    }

    /// The work schema is gone after the run, and after `close()` of an engine whose step failed.
    @Test func theWorkSchemaIsDropped() throws {
        let db = try DatabaseConnection(try DatabaseURL(try TestDatabase.requiredURL()))
        func exists(_ schema: String) throws -> Bool {
            try db.execute("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]).rows.count == 1
        }
        // Degrees: the step refuses them after the inputs went up.
        var inputs = try Self.runs.get().inProcess.inputs
        inputs.crs = try CoordinateReferenceSystem("EPSG:4490")
        let engine = try PostGISEngine(url: try TestDatabase.requiredURL())
        #expect(throws: AnalysisError.self) { try engine.builtUpRegions(inputs, parameters: BuiltUpParameters()) }
        #expect(try exists(engine.schema), "the inputs were uploaded before the step failed")
        engine.close()
        #expect(try !exists(engine.schema))

        // A COPY the server refuses half-way (a NUL byte in a code): the schema goes too.
        var refused = try Self.runs.get().inProcess.inputs
        refused.parcels[refused.parcels.count / 2].unitCode = "370299\u{0}001"
        let another = try PostGISEngine(url: try TestDatabase.requiredURL())
        #expect(throws: DatabaseError.self) { try another.builtUpRegions(refused, parameters: BuiltUpParameters()) }
        #expect(try exists(another.schema))
        another.close()
        #expect(try !exists(another.schema))
    }

    /// Parcels of two counties, alternating: the clusters found per county are joined across
    /// the county line exactly where the in-process engine, which knows no counties, links them.
    @Test func regionsCrossCountyLines() throws {
        var inputs = try Self.runs.get().inProcess.inputs
        for i in inputs.parcels.indices where i % 2 == 0 {
            inputs.parcels[i].unitCode = "370298" + inputs.parcels[i].unitCode.dropFirst(6)
        }
        let engine = try PostGISEngine(url: try TestDatabase.requiredURL())
        defer { engine.close() }
        let local = try BuiltUpStep(parameters: BuiltUpParameters()).run(inputs, StepResults())
        // Through the step, as a run asks the engine: it declares built-up regions, classification
        // and coverage, and leaves other steps to this process.
        #expect(engine.computes == [BuiltUpStep.id, ClassificationStep.id, CoverageStep.id])
        let pushed = try BuiltUpStep(parameters: BuiltUpParameters(), engine: engine).run(inputs, StepResults())
        #expect(try engine.compute(TargetsStep(targets: TargetsFile(targets: [])), inputs, StepResults()) == nil)
        #expect(local.regions.count == pushed.regions.count)
        #expect(local.regionOfParcel == pushed.regionOfParcel)
        #expect(local.regions.contains { $0.footprintByCounty.count == 2 }, "regions span both counties")
        for (a, b) in zip(local.regions, pushed.regions) {
            #expect(a.footprintByCounty.keys.sorted() == b.footprintByCounty.keys.sorted() && Self.close(a.outlineSquareMetres, b.outlineSquareMetres))
        }
    }

    /// Residents given as points (each village's residents at a point inside it): population
    /// coverage counts the points, in both engines alike.
    @Test func populationPointsGiveTheSameCoverage() throws {
        var inputs = try Self.runs.get().inProcess.inputs
        inputs.population = try inputs.units.compactMap { unit in
            try unit.geometry.map { PopulationPoint(point: try $0.pointOnSurface(), residents: Double(unit.population ?? 0)) }
        }
        #expect(inputs.population?.isEmpty == false)
        let engine = try PostGISEngine(url: try TestDatabase.requiredURL())
        defer { engine.close() }
        var parameters = Coverage.Parameters()
        parameters.includeRuralHomesteads = true
        let a = try CoverageStep(parameters: parameters).run(inputs, StepResults())
        let b = try engine.coverage(inputs, parameters: parameters)
        #expect(a.populationFromPoints && b.populationFromPoints)
        #expect(a.regions.count == b.regions.count && a.gaps.count == b.gaps.count)
        #expect(a.regions.contains { ($0.populationCoverage ?? 0) > 0 })
        for (x, y) in zip(a.regions, b.regions) {
            #expect(x.region == y.region && x.type == y.type)
            #expect(Self.close(x.population, y.population) && Self.close(x.populationCoverage, y.populationCoverage), "\(x.region) \(x.type.rawValue)")
            #expect(Self.close(x.residentialCoverage, y.residentialCoverage), "\(x.region) \(x.type.rawValue)")
        }
        for (x, y) in zip(a.gaps, b.gaps) { #expect(x.parcel == y.parcel && Self.close(x.population, y.population)) }
    }

    /// A work schema whose name already exists is not the engine's: its CREATE SCHEMA fails,
    /// and close() leaves that schema and its tables alone (before, it was marked as made
    /// before CREATE SCHEMA, and close() dropped it with CASCADE).
    @Test func anExistingSchemaOfTheWorkSchemasNameIsNeverDropped() throws {
        let url = try TestDatabase.requiredURL()
        let engine = try PostGISEngine(url: url)
        let db = try DatabaseConnection(DatabaseURL(url))
        _ = try db.execute("CREATE SCHEMA \(engine.schema)")
        _ = try db.execute("CREATE TABLE \(engine.schema).keep (x integer)")
        defer { _ = try? db.execute("DROP SCHEMA IF EXISTS \(engine.schema) CASCADE") }
        #expect(throws: (any Error).self) {
            try engine.builtUpRegions(AnalysisInputs(crs: try CoordinateReferenceSystem("EPSG:4528")), parameters: BuiltUpParameters())
        }
        engine.close()
        let left = try db.execute("SELECT to_regclass($1)::text", [engine.schema + ".keep"]).rows.first?[0] ?? nil
        #expect(left == engine.schema + ".keep")
    }
}
