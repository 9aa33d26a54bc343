import Foundation
import Testing
import ZoningTestSupport

/// The layers of docs/ARCHITECTURE.md hold: every module imports only what the doc's module
/// table allows it, so that no C type climbs above its wrapper, no analysis reaches a file
/// format's internals and no presentation creeps into the analyses.
@Suite struct ModuleImportsTests {
    /// Imports every module may use.
    static let system: Set<String> = ["Foundation", "Dispatch", "Glibc", "Darwin", "FoundationXML", "Synchronization"]

    /// Module → what it may import, from the table in docs/ARCHITECTURE.md.
    static func allowed() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: checkoutRoot + "/docs/ARCHITECTURE.md", encoding: .utf8)
        var table: [String: Set<String>] = [:]
        var inTable = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("| module | owns | may import |") { inTable = true; continue }
            guard inTable else { continue }
            guard line.hasPrefix("|") else { if !table.isEmpty { break } else { continue } }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4, !cells[1].hasPrefix("---") else { continue }
            table[cells[1]] = Set(cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        return table
    }

    /// The modules each module's sources import.
    static func imports(of module: String) throws -> [String: Set<String>] {
        let folder = checkoutRoot + "/Sources/" + module
        var result: [String: Set<String>] = [:]
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let words = line.split(separator: " ")
                let start = words.firstIndex(of: "import").map { $0 + 1 }
                guard let start, start < words.count, words[..<(start - 1)].allSatisfy({ $0.hasPrefix("@") || $0 == "public" }) else { continue }
                result[file, default: []].insert(String(words[start]))
            }
        }
        return result
    }

    @Test func everyModuleIsInTheTable() throws {
        let modules = Set(try FileManager.default.contentsOfDirectory(atPath: checkoutRoot + "/Sources")).filter { !$0.hasPrefix("C") && !$0.hasPrefix(".") }
        #expect(Set(try Self.allowed().keys) == modules)
    }

    @Test func importsStayWithinTheirLayer() throws {
        let table = try Self.allowed()
        #expect(table.count >= 10)
        for (module, allowed) in table {
            for (file, modules) in try Self.imports(of: module) {
                let outside = modules.subtracting(allowed).subtracting(Self.system)
                #expect(outside.isEmpty, "Sources/\(module)/\(file) imports \(outside.sorted()), outside its layer (docs/ARCHITECTURE.md)")
            }
        }
    }

    /// The test reads what it checks: a module that imported a C library would be caught.
    @Test func theTableRefusesACLibraryInTheAnalyses() throws {
        let table = try Self.allowed()
        #expect(table["ZoningAnalysis"]?.contains("CGEOS") == false && table["ZoningGeometry"]?.contains("CGEOS") == true)
        #expect(table["ZoningAnalysis"]?.contains("Yams") == false && table["ZoningProject"]?.contains("Yams") == true)
    }
}
