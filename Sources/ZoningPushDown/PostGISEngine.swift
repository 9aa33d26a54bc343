import Foundation
import ZoningAnalysis
import ZoningDatabase

/// The push-down engine (`zoning run --engine postgis`): built-up regions, classification and
/// coverage run as SQL inside PostGIS, and only their results come back, into the result types
/// of the in-process engine, so every writer, map, report and target reads them unchanged.
///
/// The inputs are read and checked in this process as always; on first use the engine copies
/// them (parcels, villages, townships, seats, facilities, population points, in the run's
/// projected CRS) into a work schema of its own, `zoning_engine_<12 hex digits>`, with `COPY`,
/// and indexes them (GiST on every geometry). `close()` drops the schema; so does a failed
/// step, through the caller's `defer`. The schema is marked as the run's (`SchemaMark`, with
/// the key of a session lock the engine holds for its life), so that one left by a killed run
/// is removed by the project's next run or `zoning db clean`, and never one still in use. Geometries there carry SRID 0: every computation is
/// planar in the run's CRS (metres), as in process.
///
/// What runs where, and why the answers equal the in-process engine's:
/// - **Built-up regions** (`BuiltUpSQL`): `ST_ClusterDBSCAN(geom, eps := gap, minpoints := 1)`
///   per county is single-linkage clustering with `distance ≤ gap`, the in-process rule;
///   clusters of neighbouring counties within the gap are joined afterwards (`ST_DWithin`
///   between the parcels of clusters whose extents come that close), so a region crossing a
///   county line is one region, as in process. Seats are matched to parcels with `ST_Covers`;
///   outlines are `ST_Union`, `ST_Buffer` out and in by half the gap, holes under the threshold
///   dropped — GEOS in both engines. Region ids, seats and footprints (sums of TBMJ) come from
///   the shared `BuiltUpRegions.assemble`; outline areas are ellipsoidal, measured with the same
///   `Geodesic` on the outlines read back.
/// - **Classification** (`ClassificationSQL`): the unit's construction land per region, by
///   ZLDWDM (sums of TBMJ in SQL), and the seats inside each unit (`ST_Covers`); the decision
///   rules are the shared `Classifier.decide`.
/// - **Coverage** (`CoverageSQL`): each residential parcel's township (`ST_PointOnSurface`,
///   `ST_Covers`), its population, its covered share (the union of the buffers of the
///   facilities within the radius, found by `ST_DWithin`), its distance to the nearest
///   facility (KNN `<->`), and the sums, means and nearest-rank 90th percentiles per township
///   (`percentile_disc(0.9)`), all in SQL.
///
/// Every statement is partitionable by county code (docs/SCALING.md): the parcels carry their
/// county (digits 1–6 of ZLDWDM) and every query over them is per county (`PARTITION BY` or
/// `GROUP BY county`, or a join to the small layers: villages, townships, seats, facilities).
///
/// One engine serves one run; its steps use it one after another (a lock makes that safe).
///
/// ```swift
/// let engine = try PostGISEngine(url: "postgresql://gis@db/county")
/// defer { engine.close() }
/// let regions = try BuiltUpStep(parameters: project.builtUp, engine: engine).run(inputs, StepResults())
/// ```
public final class PostGISEngine: AnalysisEngine, @unchecked Sendable {
    public var name: String { "postgis" }
    /// Built-up regions, classification and coverage.
    public var computes: Set<String> { [BuiltUpStep.id, ClassificationStep.id, CoverageStep.id] }
    /// The URL with its password masked, for messages.
    public let maskedURL: String
    /// The work schema's name (unquoted).
    public let schema: String
    private let db: DatabaseConnection
    private let lock = NSLock()
    private var tables: WorkTables?
    /// The schema is ours: CREATE SCHEMA succeeded (the upload may have failed after it).
    private var schemaMade = false
    /// The built-up result whose regions are in the work schema (`regions` table).
    private var regionsUploaded = false

    /// The project whose run this is (its `name:`), recorded in the work schema's mark.
    public let project: String?
    /// The session lock held for the engine's life, whose key marks the work schema.
    private let sessionLock: Int64
    /// Work schemas that ended runs of the project left, removed when the engine connected.
    public let removedLeftovers: [String]

    /// Connects, checks that PostGIS is installed, takes its session lock and removes what
    /// ended runs of `project` left (`LeftoverSchemas`); creates nothing yet.
    /// - Throws: `DatabaseError` (bad URL, wrong password, unreachable, PostGIS missing).
    public init(url: String, project: String? = nil) throws {
        let parsed = try DatabaseURL(url)
        let db = try DatabaseConnection(parsed)
        try db.requirePostGIS()
        self.db = db
        maskedURL = parsed.masked
        self.project = project
        schema = String(format: "zoning_engine_%012llx", UInt64.random(in: 0..<(1 << 48)))
        removedLeftovers = try project.map { try LeftoverSchemas.clean(db, project: $0).filter(\.removed).map(\.schema) } ?? []
        sessionLock = try SessionLock.acquire(db)
    }

    /// Drops the work schema (if it was made), whatever the session's `statement_timeout`.
    /// Safe to call more than once. Should the drop fail (the connection lost), the schema
    /// stays marked, and the next run or `zoning db clean` removes it once this process ended.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if schemaMade {
            _ = try? db.execute("SET statement_timeout = 0")
            _ = try? db.execute("DROP SCHEMA IF EXISTS \(try db.quoteIdentifier(schema)) CASCADE", operation: "dropping the work schema")
        }
        tables = nil
        schemaMade = false
    }

    deinit { close() }

    /// The work tables, uploading the inputs on first use.
    private func prepared(_ inputs: AnalysisInputs) throws -> WorkTables {
        if let tables { return tables }
        // Marked only once CREATE SCHEMA succeeded: a schema of that name made by someone else
        // must never be dropped (with CASCADE) by close().
        let mark = SchemaMark(kind: .work, project: project, state: .writing, lock: sessionLock)
        let made = try WorkTables.upload(inputs, into: schema, mark: mark, db) { self.schemaMade = true }
        tables = made
        return made
    }

    /// Built-up regions, classification (with the review lists, made from its classes as in
    /// process) and coverage, in PostGIS; nil for any other step.
    public func compute<Step: AnalysisStep>(_ step: Step, _ inputs: AnalysisInputs, _ results: StepResults) throws -> Step.Output? {
        switch step {
        case let step as BuiltUpStep:
            return try builtUpRegions(inputs, parameters: step.parameters) as? Step.Output
        case let step as ClassificationStep:
            let builtUp = try results.required(BuiltUpStep.self, by: ClassificationStep.id)
            let classes = try classify(inputs, builtUp: builtUp, codes: step.codes, parameters: step.parameters)
            return ClassificationStep.Output(classes: classes, review: ReviewLists.build(classes, parameters: step.parameters)) as? Step.Output
        case let step as CoverageStep:
            return try coverage(inputs, parameters: step.parameters) as? Step.Output
        default:
            return nil
        }
    }

    /// Built-up regions (docs/METHOD.md §3) in PostGIS, as `BuiltUpRegions.delineate` with outlines.
    public func builtUpRegions(_ inputs: AnalysisInputs, parameters: BuiltUpParameters) throws -> BuiltUpRegions.Result {
        try locked {
            let tables = try prepared(inputs)
            let result = try BuiltUpSQL(tables: tables).delineate(inputs, parameters: parameters)
            regionsUploaded = true
            return result
        }
    }

    /// The class of every unit (docs/METHOD.md §4) from sums in PostGIS, as `Classifier.classify`.
    public func classify(
        _ inputs: AnalysisInputs, builtUp: BuiltUpRegions.Result, codes: LandUseCodes, parameters: ClassificationParameters
    ) throws -> [UnitClassification] {
        try locked {
            let tables = try prepared(inputs)
            // Regions computed elsewhere (or not yet here) go up first.
            if !regionsUploaded {
                try BuiltUpSQL(tables: tables).uploadRegions(builtUp.regionOfParcel, parcels: inputs.parcels)
                regionsUploaded = true
            }
            return try ClassificationSQL(tables: tables).classify(inputs, builtUp: builtUp, codes: codes, parameters: parameters)
        }
    }

    /// Coverage per township and facility type (docs/METHOD.md §5) in PostGIS, as `Coverage.compute`.
    public func coverage(_ inputs: AnalysisInputs, parameters: Coverage.Parameters) throws -> Coverage.Result {
        try locked { try CoverageSQL(tables: try prepared(inputs)).compute(inputs, parameters: parameters) }
    }

    private func locked<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }
}
