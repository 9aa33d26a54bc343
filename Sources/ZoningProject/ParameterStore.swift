import ZoningAnalysis

/// The parameters of a project, one value per parameter type (its section), defaults where the
/// project file sets none. Every registered analysis (`Analyses`) finds its own here, so a new
/// analysis needs no new property on `Project`.
///
/// ```swift
/// var store = ParameterStore()
/// store[BuiltUpParameters.self].gapMetres            // 100, the default
/// store[BuiltUpParameters.self].gapMetres = 200
/// store.isGiven(BuiltUpParameters.self)              // true
/// ```
public struct ParameterStore: Sendable {
    private var sections: [String: any AnalysisParameters] = [:]

    public init() {}

    /// The parameters of `type`: the ones set, or its defaults.
    public subscript<Parameters: AnalysisParameters>(_ type: Parameters.Type) -> Parameters {
        get { sections[Parameters.section] as? Parameters ?? Parameters() }
        set { sections[Parameters.section] = newValue }
    }

    /// Whether the project file (or code) set any parameter of `type`: an analysis that runs only
    /// when asked for looks here.
    public func isGiven<Parameters: AnalysisParameters>(_ type: Parameters.Type) -> Bool {
        sections[Parameters.section] != nil
    }
}
