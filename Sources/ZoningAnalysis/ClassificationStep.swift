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

        public init(classes: [UnitClassification], review: [ReviewLists.Entry]) {
            self.classes = classes
            self.review = review
        }
    }

    public static let id = "classify"
    public static let inputRoles: Set<LayerRole> = [.landUse, .villages, .seats]
    public var parameters: ClassificationParameters
    /// What counts as construction land.
    public var codes: LandUseCodes
    /// Where the figures are computed: in this process (default) or in PostGIS.
    public var engine: any AnalysisEngine

    public init(
        parameters: ClassificationParameters = ClassificationParameters(), codes: LandUseCodes = LandUseCodes(),
        engine: any AnalysisEngine = InProcessEngine()
    ) {
        self.parameters = parameters
        self.codes = codes
        self.engine = engine
    }

    public func validate() throws { try parameters.validate() }

    public func progress(_ inputs: AnalysisInputs) -> String { "Classifying \(inputs.units.count) village-level units" }

    public func run(_ inputs: AnalysisInputs, _ results: StepResults) throws -> Output {
        if let output = try engine.compute(self, inputs, results) { return output }
        let builtUp = try results.required(BuiltUpStep.self, by: Self.id)
        let classes = try Classifier.classify(
            units: inputs.units, parcels: inputs.parcels, builtUp: builtUp, seats: inputs.seats, codes: codes, parameters: parameters)
        return Output(classes: classes, review: ReviewLists.build(classes, parameters: parameters))
    }
}
