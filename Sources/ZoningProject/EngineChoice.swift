import ZoningAnalysis
import ZoningPushDown

/// Where a run's built-up regions, classification and coverage are computed: `engine:` in a
/// project file, `--engine` on `zoning run`.
///
/// - `in-process` (the default): in this process, over GEOS, on all cores.
/// - `postgis`: as SQL inside the PostGIS database of `--db` or `outputs.db`
///   (`PostGISEngine`; docs/DATABASE.md, docs/SCALING.md). The answers are the same; the
///   database is where a province-sized run goes when one machine's memory is not enough.
///
/// Either way the inputs are read and checked in this process first, and the outputs are the
/// same files.
///
/// ```swift
/// var project = try Project(contentsOf: "Shapefiles/project.yaml")
/// project.engine = .postgis
/// project.outputDatabase = "postgresql://gis@db/county"
/// try ProjectRun.run(project, overwrite: true)
/// ```
public enum EngineChoice: String, CaseIterable, Sendable {
    case inProcess = "in-process"
    case postgis

    /// The choice when none is made.
    public static let standard = EngineChoice.inProcess

    /// What `engine:` and `--engine` accept, for messages: `in-process or postgis`.
    public static var spelled: String { allCases.map(\.rawValue).joined(separator: " or ") }

    /// Reads `in-process`, `postgis` (any case; `inprocess` and `in_process` too).
    public init?(name: String) {
        let folded = name.lowercased().replacingOccurrences(of: "_", with: "-")
        if let choice = EngineChoice(rawValue: folded == "inprocess" ? "in-process" : folded) { self = choice } else { return nil }
    }

    /// Checks that the choice can run: `postgis` needs a database. The one check of the
    /// choice: `ProjectRun.analyse` makes it before any layer is read (so `zoning run`, through
    /// `ProjectRun.run`, too), and `open` gets its database through it.
    /// - Returns: the database the engine computes in; nil in process.
    /// - Throws: `EngineError.needsDatabase`.
    @discardableResult
    public func validate(database: String?) throws -> String? {
        switch self {
        case .inProcess: return nil
        case .postgis:
            guard let database else { throw EngineError.needsDatabase }
            return database
        }
    }

    /// The engine, connected when it is `postgis`; `close()` it when the run is done.
    /// - Throws: `EngineError.needsDatabase`; `DatabaseError` when the database cannot be used.
    /// - Parameter project: the project's `name:`, which marks the work schema; what ended
    ///   runs of that project left in the database is removed first.
    public func open(database: String?, project: String? = nil) throws -> OpenEngine {
        guard let url = try validate(database: database) else { return OpenEngine(engine: InProcessEngine(), close: {}) }
        let engine = try PostGISEngine(url: url, project: project)
        return OpenEngine(engine: engine, close: { engine.close() }, removedLeftovers: engine.removedLeftovers)
    }

    /// An engine and how to release it (the PostGIS engine drops its work schema).
    public struct OpenEngine: Sendable {
        public var engine: any AnalysisEngine
        public var close: @Sendable () -> Void
        /// Schemas of ended runs removed when the engine connected.
        public var removedLeftovers: [String] = []
    }
}

/// A run's engine cannot be used as chosen.
public enum EngineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--engine postgis` (or `engine: postgis`) without a database: give one with `--db` or
    /// `outputs.db`, or run in process.
    case needsDatabase

    public var description: String {
        switch self {
        case .needsDatabase:
            "--engine postgis runs the analyses inside a PostGIS database, and none is given: add --db postgresql://user@host/database (or outputs.db in the project file), or use --engine in-process"
        }
    }
}
