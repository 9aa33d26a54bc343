import Synchronization
import ZoningAnalysis
import ZoningReport

/// One analysis of `zoning run`, registered in one place (`Analyses.register`): its parameter
/// section, how a project makes its step, the files it writes and its report sections. The
/// project file's reader, the chain of steps, the writers, the manifest, the report and
/// `zoning run --help` all read the registrations, so a new analysis touches its own files and
/// its registration, and nothing else.
///
/// ```swift
/// Analyses.register(Analysis(
///     id: "parcel_count", parameters: ParcelCountParameters.self,
///     step: { project, _ in project.parameters.isGiven(ParcelCountParameters.self)
///         ? ParcelCountStep(parameters: project.parameters[ParcelCountParameters.self]) : nil },
///     files: [OutputFile("parcel-count.csv", "parcels per land-use code above the area")],
///     output: ParcelCountOutput.self, reports: [ParcelCountReport.self]))
/// ```
public struct Analysis: Sendable {
    /// Its name, e.g. `builtup`; the same as its step's `id`.
    public var id: String
    /// Its parameter section in the project file, the manifest and the report; nil without.
    public var parameters: (any AnalysisParameters.Type)?
    /// Its step for `project`, computed by `engine` where it has a choice, or nil when the
    /// project does not ask for it (no facilities, no roads, no targets, …).
    public var step: @Sendable (_ project: Project, _ engine: any AnalysisEngine) -> (any AnalysisStep)?
    /// The files it writes into the output folder, for `zoning run --help` and the run's file list.
    public var files: [OutputFile]
    /// Whether it writes `files` for a project it runs for (some are written only with data,
    /// e.g. `targets.csv`); the run's file list asks.
    public var writes: @Sendable (_ project: Project) -> Bool
    /// Writes the files from its step's output.
    public var output: (any StepOutput.Type)?
    /// Its report sections, with their maps (placed by `StepReport.position`).
    public var reports: [any StepReport.Type]

    public init(
        id: String, parameters: (any AnalysisParameters.Type)? = nil,
        step: @escaping @Sendable (_ project: Project, _ engine: any AnalysisEngine) -> (any AnalysisStep)?,
        files: [OutputFile] = [], writes: @escaping @Sendable (_ project: Project) -> Bool = { _ in true },
        output: (any StepOutput.Type)? = nil, reports: [any StepReport.Type] = []
    ) {
        self.id = id
        self.parameters = parameters
        self.step = step
        self.files = files
        self.writes = writes
        self.output = output
        self.reports = reports
    }
}

/// A file a run writes, with one line on what it holds (docs/METHOD.md §7 has its fields,
/// and `MethodFieldsTests` holds every table and layer to it).
public struct OutputFile: Sendable, Equatable {
    /// What a file is: a layer (`.shp`, into `results.gpkg` with `outputs: {format: gpkg}`), a
    /// table (`.csv`), or a document (JSON, the report, the maps).
    public enum Kind: Sendable, Equatable {
        /// `style`: a layer's `.qml` or `.sld` beside its shapefile (in `results.gpkg`'s
        /// `layer_styles` with `outputs: {format: gpkg}`).
        case layer, table, style, document
    }

    /// The name in the output folder, e.g. `coverage.csv`; `maps/*.svg` for a group.
    public var name: String
    public var about: String
    /// By the name's extension.
    public var kind: Kind {
        name.hasSuffix(".shp") ? .layer : name.hasSuffix(".csv") ? .table : name.hasSuffix(".qml") || name.hasSuffix(".sld") ? .style : .document
    }

    public init(_ name: String, _ about: String) {
        self.name = name
        self.about = about
    }
}

/// The registered analyses, in the order of the chain (each step runs after the ones it
/// reads). zoning's own are registered first (`Analyses.builtIn`); `register` adds one.
public enum Analyses {
    /// zoning's own analyses, in chain order; each is declared in its file under `Analyses/`.
    public static let builtIn: [Analysis] = [.walkingNetwork, .checks, .builtUp, .classification, .coverage, .lifeCircles, .targets, .comparison]

    private static let registry = Mutex<[Analysis]>(builtIn)

    /// Every registered analysis, in chain order.
    public static var all: [Analysis] { registry.withLock { $0 } }

    /// Adds `analysis` to the chain, at the end (after every analysis whose output it may read).
    /// Registering an id again replaces the earlier registration.
    public static func register(_ analysis: Analysis) {
        registry.withLock { analyses in
            if let index = analyses.firstIndex(where: { $0.id == analysis.id }) {
                analyses[index] = analysis
            } else {
                analyses.append(analysis)
            }
        }
    }

    /// The steps of `project`'s chain, computed by `engine` where a step has a choice.
    public static func steps(_ project: Project, engine: any AnalysisEngine) -> [any AnalysisStep] {
        all.compactMap { $0.step(project, engine) }
    }

    /// The parameter sections a project file may have, in chain order.
    public static var parameterSections: [any AnalysisParameters.Type] { all.compactMap(\.parameters) }
}
