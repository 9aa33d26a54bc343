import Testing
import ZoningAnalysis
import ZoningProject
import ZoningTestSupport

/// `engine:` and `--engine`: one name each, one default, one check.
@Suite struct EngineChoiceTests {
    @Test func namesAndDefault() {
        #expect(EngineChoice.standard == .inProcess && EngineChoice.standard.rawValue == "in-process")
        #expect(EngineChoice(name: "postgis") == .postgis && EngineChoice(name: "PostGIS") == .postgis)
        #expect(EngineChoice(name: "in_process") == .inProcess && EngineChoice(name: "inprocess") == .inProcess)
        #expect(EngineChoice(name: "spark") == nil)
        #expect(EngineChoice.spelled == "in-process or postgis")
    }

    @Test func postgisNeedsADatabase() throws {
        #expect(throws: EngineError.needsDatabase) { try EngineChoice.postgis.validate(database: nil) }
        try EngineChoice.postgis.validate(database: "postgresql://gis@db/county")
        try EngineChoice.inProcess.validate(database: nil)
        #expect(EngineError.needsDatabase.description.contains("add --db postgresql://user@host/database (or outputs.db in the project file)"))
    }

    /// The check is one: it gives the database the engine computes in, and `open` takes it from
    /// there (so an engine without its database is refused before any connection is tried).
    @Test func theCheckGivesTheDatabase() throws {
        #expect(try EngineChoice.postgis.validate(database: "postgresql://gis@db/county") == "postgresql://gis@db/county")
        #expect(try EngineChoice.inProcess.validate(database: "postgresql://gis@db/county") == nil)
        #expect(throws: EngineError.needsDatabase) { try EngineChoice.postgis.open(database: nil) }
        let inProcess = try EngineChoice.inProcess.open(database: "postgresql://gis@db/county")
        #expect(inProcess.engine.name == "in-process")
        inProcess.close()
    }

    /// The sample names the default; a project with the PostGIS engine and no database is
    /// refused before any layer is read.
    @Test func theProjectFileAndTheRun() throws {
        var project = try Project(contentsOf: checkoutRoot + "/Shapefiles/project.yaml")
        #expect(project.engine == .inProcess)
        #expect(project.steps.compactMap { $0 as? BuiltUpStep }.first?.engine.name == "in-process")
        project.engine = .postgis
        #expect(throws: EngineError.needsDatabase) { try ProjectRun.analyse(project) }
    }
}
