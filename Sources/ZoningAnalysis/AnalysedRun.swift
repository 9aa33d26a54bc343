import ZoningProjection

/// A run's inputs and step outputs, with the accessors every reader of a run uses: the runner's
/// `RunResult` and the report's `ReportRun` both conform, so each reads the same figures the
/// same way.
///
/// ```swift
/// run.classes.filter { $0.derivedClass.isUrban }.count
/// run.urbanization(.county).first?.derivedRate
/// ```
public protocol AnalysedRun: Sendable {
    var inputs: AnalysisInputs { get }
    var results: StepResults { get }
}

extension AnalysedRun {
    /// The analysis CRS (the land-use layer's).
    public var crs: CoordinateReferenceSystem { inputs.crs }
    public var parcels: [LandParcel] { inputs.parcels }
    public var units: [VillageUnit] { inputs.units }
    public var seats: [GovernmentSeat] { inputs.seats }
    public var townships: [CoverageRegion] { inputs.townships }
    public var facilities: [Facility] { inputs.facilities }

    /// What the input checks found (empty when they did not run).
    public var checks: CheckList { results[InputCheckStep.self]?.checks ?? CheckList() }
    /// The built-up regions (none when the step did not run).
    public var builtUp: BuiltUpRegions.Result { results[BuiltUpStep.self] ?? BuiltUpRegions.Result(regions: [], regionOfParcel: []) }
    /// Every unit's class (empty when classification did not run).
    public var classes: [UnitClassification] { results[ClassificationStep.self]?.classes ?? [] }
    public var review: [ReviewLists.Entry] { results[ClassificationStep.self]?.review ?? [] }
    /// Nil when the project names no facilities.
    public var coverage: Coverage.Result? { results[CoverageStep.self] }
    /// Empty when the project has no targets.
    public var targets: [TargetResult] { results[TargetsStep.self] ?? [] }

    /// Urbanization figures at one level, sorted by code.
    public func urbanization(_ level: Urbanization.Level) -> [Urbanization] {
        Urbanization.figures(for: classes, level: level).values.sorted { $0.code < $1.code }
    }
}
