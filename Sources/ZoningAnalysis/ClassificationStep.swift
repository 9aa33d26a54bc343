/// The urban–rural class of every village-level unit and the review lists, from the built-up
/// regions: `Classifier` and `ReviewLists`. Urbanization figures follow from the classes
/// (`Urbanization.figures`).
///
/// ```swift
/// let classified = try ClassificationStep().run(inputs, results)   // after BuiltUpStep
/// classified.classes.filter { $0.derivedClass.isUrban }.count
/// ```
public struct ClassificationStep: ParameterisedStep {
    public struct Output: Sendable {
        public var classes: [UnitClassification]
        public var review: [ReviewLists.Entry]
    }

    public static let id = "classify"
    public static let inputRoles: Set<LayerRole> = [.landUse, .villages, .seats]
    public var parameters: ClassificationParameters
    /// What counts as construction land (the built-up step's list).
    public var construction: BuiltUpParameters
    /// Where the figures are computed: in this process (default) or in PostGIS.
    public var engine: any AnalysisEngine

    public init(
        parameters: ClassificationParameters = ClassificationParameters(), construction: BuiltUpParameters = BuiltUpParameters(),
        engine: any AnalysisEngine = InProcessEngine()
    ) {
        self.parameters = parameters
        self.construction = construction
        self.engine = engine
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String { "Classifying \(inputs.units.count) village-level units" }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output {
        let builtUp = try results.required(BuiltUpStep.self, by: Self.id)
        let classes = try engine.classify(inputs, builtUp: builtUp, construction: construction, parameters: parameters)
        return Output(classes: classes, review: ReviewLists.build(classes, parameters: parameters))
    }
}
