import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProjection
import ZoningSupport
import ZoningReport

/// Everything one `zoning run` needs: the layers by role, the parameters of every analysis,
/// the targets and where to write. Read from a YAML project file with `Project(contentsOf:)`;
/// `Shapefiles/project.yaml` is a commented example.
///
/// Paths are absolute once read (relative paths in the file resolve against the file's folder).
///
/// ```swift
/// let project = try Project(contentsOf: "Shapefiles/project.yaml")
/// project.layers.landUse.path   // "/…/Shapefiles/DLTB.shp"
/// project.builtUp.gapMetres     // 100
/// ```
public struct Project: Sendable {
    /// One input layer: where it is and how to read it.
    public struct Layer: Sendable, Equatable {
        /// Absolute path; for one layer of a GeoPackage or File Geodatabase, `path#LAYER`.
        public var path: String
        /// The attribute encoding, overriding the file's own (.cpg, language driver, detection).
        public var encoding: TextEncoding?
        /// The CRS, overriding (or standing in for) the file's .prj.
        public var crs: CoordinateReferenceSystem?

        public init(path: String, encoding: TextEncoding? = nil, crs: CoordinateReferenceSystem? = nil) {
            self.path = path
            self.encoding = encoding
            self.crs = crs
        }

        public var readOptions: LayerFile.ReadOptions { .init(encoding: encoding, crs: crs) }
    }

    /// The input layers by role.
    public struct Layers: Sendable, Equatable {
        /// 三调 land-use parcels (DLTB); their CRS is the analysis CRS.
        public var landUse: Layer
        /// Village-level units with population and official class.
        public var villages: Layer
        /// The regions coverage is reported on (townships).
        public var townships: Layer
        /// Government seats.
        public var seats: Layer
        /// Facility points; optional (no coverage without them).
        public var facilities: Layer?
        /// Residents as points or grid cells; optional (villages' population spread over
        /// residential land without them).
        public var population: Layer?
        /// Road centrelines; optional (no life circles without them).
        public var roads: Layer?

        public init(landUse: Layer, villages: Layer, townships: Layer, seats: Layer, facilities: Layer? = nil, population: Layer? = nil, roads: Layer? = nil) {
            self.landUse = landUse
            self.villages = villages
            self.townships = townships
            self.seats = seats
            self.facilities = facilities
            self.population = population
            self.roads = roads
        }

        /// The layers given, with their roles, in `LayerRole` order.
        public var byRole: [(role: LayerRole, layer: Layer)] {
            let layers = [landUse, villages, townships, seats, facilities, population, roads]
            return zip(LayerRole.allCases, layers).compactMap { role, layer in layer.map { (role, $0) } }
        }

        public var all: [Layer] { byRole.map(\.layer) }
    }

    /// A title for the report and summary, e.g. "样例市 sample county".
    public var name: String
    /// The project file (absolute), or nil for a project built in code.
    public var file: String?
    /// The output folder (absolute).
    public var output: String
    public var layers: Layers
    /// Field names of the input layers, by role.
    public var fields = FieldNames()
    /// The facilities' type field; nil tries TYPE, type, 类型, TYPENAME.
    public var facilityTypeField: String?
    /// Office type names beyond the known ones, and types to ignore.
    public var facilityTypes = FacilityTypeMap()
    /// The parameters of every analysis, by section (`builtup`, `classification`, …).
    public var parameters = ParameterStore()
    public var builtUp: BuiltUpParameters {
        get { parameters[BuiltUpParameters.self] }
        set { parameters[BuiltUpParameters.self] = newValue }
    }
    public var classification: ClassificationParameters {
        get { parameters[ClassificationParameters.self] }
        set { parameters[ClassificationParameters.self] = newValue }
    }
    public var coverage: Coverage.Parameters {
        get { parameters[Coverage.Parameters.self] }
        set { parameters[Coverage.Parameters.self] = newValue }
    }
    /// The land-use code sets the analyses share: construction and seed codes from `builtup`,
    /// residential land from `coverage.include_0702`.
    public var landUseCodes: LandUseCodes { LandUseCodes(builtUp: builtUp, coverage: coverage) }
    /// Life circles walked on the roads layer (when the project has one).
    public var lifeCircles: LifeCircleParameters {
        get { parameters[LifeCircleParameters.self] }
        set { parameters[LifeCircleParameters.self] = newValue }
    }
    /// The plan targets, if any.
    public var targets: TargetsFile?
    /// The targets file (absolute) when the targets come from one, to list among the inputs.
    public var targetsFile: String?
    /// Warnings stop the run as errors do.
    public var strict = false
    /// The language of the report and of the sentences in the tables (`language: zh|en`).
    public var language: ReportLanguage = .zh
    /// Shapefile text encoding of the outputs.
    public var outputEncoding: TextEncoding = .utf8
    /// Start CSV outputs with a UTF-8 byte-order mark (for Excel).
    public var csvByteOrderMark = true
    /// A PostGIS database (`postgresql://…`) the finished run is also published into
    /// (`outputs.db`; `zoning run --db` overrides it). Keep the password out of the file:
    /// `PGPASSWORD` or `~/.pgpass`.
    public var outputDatabase: String?
    /// Where built-up regions, classification and coverage are computed (`engine:`;
    /// `zoning run --engine` overrides it): in process (default) or in the PostGIS database of
    /// `outputDatabase`.
    public var engine: EngineChoice = .standard
    /// The layers as shapefiles (default) or in one `results.gpkg` (`outputs.format: gpkg`).
    public var layerOutputFormat: LayerOutputFormat = .shapefile

    public init(name: String, output: String, layers: Layers) {
        self.name = name
        self.output = output
        self.layers = layers
    }

    /// The chain of analyses a run performs (`Analyses`): the input checks, built-up regions,
    /// classification, then coverage when the project names facilities, life circles when it
    /// names roads too, targets when it has them, and any analysis registered after them.
    /// Computed in process; `steps(engine:)` hands built-up regions, classification and
    /// coverage to another engine.
    public var steps: [any AnalysisStep] { steps(engine: InProcessEngine()) }

    /// The chain of `steps`, with built-up regions, classification and coverage computed by
    /// `engine`.
    public func steps(engine: any AnalysisEngine) -> [any AnalysisStep] {
        Analyses.steps(self, engine: engine)
    }

    /// Every input file's main path (layers, targets file, project file), for checksums and
    /// for the rule that outputs never replace inputs.
    public var inputPaths: [String] {
        // A layer of a GeoPackage or File Geodatabase (`path#LAYER`) is read from the file.
        layers.all.map { LayerLocation($0.path).path } + [targetsFile, file].compactMap { $0 }
    }

    /// The first of `inputs` that the folder `output` holds (or that is `output` itself), or nil.
    /// A run replaces its output folder as a whole, so it must hold no input: the project file
    /// refuses such an `output:` at its line, and `ProjectRun.run` (also after `--out`) refuses
    /// with `RunError.outputHoldsInput`.
    ///
    /// ```swift
    /// Project.inputInside(output: "/data/out", inputs: ["/data/out/DLTB.shp"])  // "/data/out/DLTB.shp"
    /// Project.inputInside(output: "/data/out", inputs: ["/data/outside/DLTB.shp"])  // nil
    /// ```
    /// Paths are compared as they resolve (symbolic links, `..`) and by device and inode
    /// (`PathIdentity`), not as text: `--out alias/inputs`, where `alias` links to the inputs'
    /// parent, holds them.
    public static func inputInside(output: String, inputs: [String]) -> String? {
        inputs.first { PathIdentity.folder(output, holds: $0) }
    }
}
