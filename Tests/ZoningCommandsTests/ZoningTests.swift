import Testing
@testable import ZoningCommands
import ZoningProject

@Suite struct ZoningTests {
    @Test func helpListsSubcommands() throws {
        let result = try CommandLine.run(["--help"])
        #expect(result.status == 0)
        #expect(result.output.contains("USAGE: zoning <subcommand>"))
        #expect(result.output.contains("info"))
    }

    @Test func versionNamesTheLibraries() throws {
        let result = try CommandLine.run(["--version"])
        #expect(result.status == 0)
        #expect(result.output.hasPrefix("zoning \(ZoningVersion.current) (GEOS 3."))
        #expect(result.output.contains("PROJ "))
    }

    @Test func unknownSubcommandFails() throws {
        let result = try CommandLine.run(["frobnicate"])
        #expect(result.status != 0)
        #expect(result.errors.contains("frobnicate"))
    }
}
