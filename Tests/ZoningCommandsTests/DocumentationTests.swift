import ArgumentParser
import Foundation
import Testing
import ZoningCommands
@testable import ZoningProject
import ZoningTestSupport

/// The README stays short, and what it and docs/COMMANDS.md name is what the code has: every
/// subcommand they name exists and every subcommand is documented, and every project-file key
/// their YAML examples use is a key `Project` reads.
@Suite struct DocumentationTests {
    static let documents = ["README.md", "docs/COMMANDS.md"]

    static func text(_ file: String) throws -> String {
        try String(contentsOfFile: checkoutRoot + "/" + file, encoding: .utf8)
    }

    // MARK: Extraction

    /// The lines outside ``` code blocks.
    static func proseLines(of markdown: String) -> [Substring] {
        var inCode = false, result: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inCode.toggle(); continue }
            if !inCode { result.append(line) }
        }
        return result
    }

    /// The bodies of the ``` code blocks, with their language (`yaml`, `sh`, or empty).
    static func codeBlocks(of markdown: String) -> [(language: String, body: String)] {
        var result: [(String, String)] = [], language: String?, body: [Substring] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                if let open = language {
                    result.append((open, body.joined(separator: "\n")))
                    language = nil
                } else {
                    language = String(trimmed.dropFirst(3).prefix { !$0.isWhitespace })
                    body = []
                }
            } else if language != nil {
                body.append(line)
            }
        }
        return result
    }

    static func matches(_ pattern: String, in text: String, options: NSRegularExpression.Options = []) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern, options: options)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// The subcommands a document names: `zoning NAME` at the start of a code span in the
    /// text, or of a command line in a code block (`$ zoning NAME`, `.build/release/zoning NAME`).
    static func subcommandsNamed(in markdown: String) -> Set<String> {
        let prose = proseLines(of: markdown).joined(separator: "\n")
        var names = Set(matches("`(?:[^`\\s]*/)?zoning ([a-z][a-z-]*)", in: prose))
        for block in codeBlocks(of: markdown) {
            names.formUnion(matches("^\\s*(?:\\$\\s+)?(?:\\S*/)?zoning ([a-z][a-z-]*)", in: block.body, options: .anchorsMatchLines))
        }
        return names
    }

    /// Every key of a YAML document as a dotted path from its top (`builtup.gap_m`); lists
    /// are values, and the keys inside them are not followed.
    static func keyPaths(inYAML yaml: String) throws -> [String] {
        func walk(_ node: ConfigurationNode, _ prefix: [String]) throws -> [String] {
            guard let entries = try? node.entries() else { return [] }
            return try entries.flatMap { entry -> [String] in
                let path = prefix + [entry.key.name]
                return [path.joined(separator: ".")] + (try walk(entry.value, path))
            }
        }
        return try walk(ConfigurationNode(yaml: yaml, file: "block"), [])
    }

    /// Whether a path is one of `known`, where `*` in `known` stands for any one key.
    static func isKnown(_ path: String, in known: Set<String>) -> Bool {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        return known.contains { candidate in
            let pattern = candidate.split(separator: ".", omittingEmptySubsequences: false)
            return pattern.count == parts.count && zip(pattern, parts).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    /// The subcommands, nested ones included, as `zoning NAME` (`zoning NAME SUB`).
    static func allSubcommands(of command: ParsableCommand.Type = Zoning.self, prefix: String = "zoning") -> [String] {
        command.configuration.subcommands.flatMap { sub -> [String] in
            let name = prefix + " " + (sub.configuration.commandName ?? sub._commandName)
            return [name] + allSubcommands(of: sub, prefix: name)
        }
    }

    /// Whether docs/COMMANDS.md documents a command: a heading or a table row's first cell names it.
    static func documents(_ command: String, in markdown: String) -> Bool {
        proseLines(of: markdown).contains { line in
            let cell = line.hasPrefix("|") ? line.dropFirst().prefix { $0 != "|" } : line.hasPrefix("#") ? line : ""
            return cell.range(of: "`\(command)`") != nil || cell.range(of: "`\(command) ") != nil
        }
    }

    // MARK: The documents

    @Test func readmeIsShort() throws {
        let data = try #require(FileManager.default.contents(atPath: checkoutRoot + "/README.md"))
        #expect(data.count <= 12_288, "README.md is \(data.count) bytes")
        let long = Self.proseLines(of: try Self.text("README.md")).filter { $0.count > 200 }.map { String($0.prefix(60)) }
        #expect(long.count == 0, "lines over 200 characters: \(long)")
    }

    @Test func namedSubcommandsExist() throws {
        let known = Set(Self.allSubcommands().map { String($0.dropFirst("zoning ".count).prefix { $0 != " " }) } + ["help"])
        for file in Self.documents {
            let named = Self.subcommandsNamed(in: try Self.text(file))
            #expect(!named.isEmpty, "\(file) names no subcommand")
            #expect(named.subtracting(known).isEmpty, "\(file) names \(named.subtracting(known).sorted()), which zoning does not have")
        }
    }

    @Test func everySubcommandIsDocumented() throws {
        let commands = try Self.text("docs/COMMANDS.md")
        let all = Self.allSubcommands()
        #expect(all.count >= 13)
        let missing = all.filter { !Self.documents($0, in: commands) }
        #expect(missing.isEmpty, "docs/COMMANDS.md has no heading or row for \(missing)")
    }

    @Test func namedProjectKeysExist() throws {
        var checked = 0
        for file in Self.documents {
            for block in Self.codeBlocks(of: try Self.text(file)) where block.language == "yaml" {
                let paths = try Self.keyPaths(inYAML: block.body)
                let unknown = paths.filter { !Self.isKnown($0, in: Project.keyPaths) }
                #expect(unknown.isEmpty, "\(file) shows keys a project file does not have: \(unknown)")
                checked += paths.count
            }
        }
        #expect(checked >= 10, "the README's project file has at least 10 keys; \(checked) found")
    }

    // MARK: The checks can fail

    @Test func extractionFindsMadeUpNames() throws {
        let markdown = """
            Run `zoning frobnicate FILE` or `zoning run`; the zoning checkout is plain text.

            ```sh
            $ zoning sample --out x
            .build/release/zoning transmogrify a b
            ```

            ```yaml
            builtup: {gap_m: 100, gap_km: 1}
            life_circles: {snap_m: 200, 15min: {walk_m: 1000, stroll_m: 5}}
            coverage: {radius_m: {primary: 500}}
            ```
            """
        #expect(Self.subcommandsNamed(in: markdown) == ["frobnicate", "run", "sample", "transmogrify"])
        let block = try #require(Self.codeBlocks(of: markdown).first { $0.language == "yaml" })
        let paths = try Self.keyPaths(inYAML: block.body)
        #expect(paths.filter { !Self.isKnown($0, in: Project.keyPaths) } == ["builtup.gap_km", "life_circles.15min.stroll_m"])
        #expect(paths.contains("coverage.radius_m.primary"))
        #expect(Self.proseLines(of: markdown).count == 3)
    }

    @Test func undocumentedCommandIsFound() {
        let markdown = "## `zoning run`\n\n| `zoning info FILE` | a layer |\n\nAlso `zoning convert`, in the text only.\n"
        #expect(Self.documents("zoning run", in: markdown))
        #expect(Self.documents("zoning info", in: markdown))
        #expect(!Self.documents("zoning convert", in: markdown))
        #expect(!Self.documents("zoning in", in: markdown))
    }

    // MARK: Project.keyPaths is what the parser reads

    /// Each mapping with fixed keys, given an unknown key, is refused with the keys it allows
    /// ("…; the keys here are gap_m, fill_holes_km2, …"): those are the keys `keyPaths` has under it.
    @Test func keyPathsAreWhatTheParserReads() throws {
        let layers = """
            layers:
              land_use: {path: DLTB.shp}
              villages: {path: villages.shp}
              townships: {path: townships.shp}
              seats: {path: seats.shp}
              facilities: {path: facilities.shp}
              roads: {path: roads.shp}
            """
        // The mapping, and the project that puts an unknown key `zz_unknown` into it.
        let probes: [(String, String)] = [
            ("", "zz_unknown: 1\n" + layers),
            ("layers", layers + "\n  zz_unknown: {path: x.shp}"),
            ("layers.land_use", layers.replacingOccurrences(of: "{path: DLTB.shp}", with: "{path: DLTB.shp, zz_unknown: 1}")),
            ("layers.facilities", layers.replacingOccurrences(of: "{path: facilities.shp}", with: "{path: facilities.shp, zz_unknown: 1}")),
            ("layers.land_use.fields", layers.replacingOccurrences(of: "{path: DLTB.shp}", with: "{path: DLTB.shp, fields: {zz_unknown: A}}")),
            ("layers.villages.fields", layers.replacingOccurrences(of: "{path: villages.shp}", with: "{path: villages.shp, fields: {zz_unknown: A}}")),
            ("layers.townships.fields", layers.replacingOccurrences(of: "{path: townships.shp}", with: "{path: townships.shp, fields: {zz_unknown: A}}")),
            ("layers.seats.fields", layers.replacingOccurrences(of: "{path: seats.shp}", with: "{path: seats.shp, fields: {zz_unknown: A}}")),
            ("layers.roads.fields", layers.replacingOccurrences(of: "{path: roads.shp}", with: "{path: roads.shp, fields: {zz_unknown: A}}")),
            ("builtup", layers + "\nbuiltup: {zz_unknown: 1}"),
            ("classification", layers + "\nclassification: {zz_unknown: 1}"),
            ("coverage", layers + "\ncoverage: {zz_unknown: 1}"),
            ("life_circles.*", layers + "\nlife_circles: {5min: {walk_m: 300, types: [kindergarten], zz_unknown: 1}}"),
            ("outputs", layers + "\noutputs: {zz_unknown: 1}"),
        ]
        let file = checkoutRoot + "/Shapefiles/probe.yaml"  // never written: the layer paths resolve beside it
        for (section, yaml) in probes {
            var allowed: [String] = []
            do {
                _ = try Project(root: ConfigurationNode(yaml: yaml, file: file), file: file)
                Issue.record("\(section): the unknown key was accepted")
            } catch let error as ConfigurationError {
                let list = try #require(error.problem.range(of: "the keys here are "), "\(section): \(error)")
                allowed = error.problem[list.upperBound...].components(separatedBy: ", ")
            }
            let prefix = section.isEmpty ? "" : section + "."
            var listed = Set(Project.keyPaths.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(".") && !$0.hasSuffix("*") }
                .map { String($0.dropFirst(prefix.count)) })
            // A test elsewhere in this process registers an analysis of its own, perhaps between
            // the two readings above: its section is left out of both (registrations only add,
            // so reading them last sees it).
            let foreign = Set(Analyses.all.compactMap { $0.parameters?.section }).subtracting(Analyses.builtIn.compactMap { $0.parameters?.section })
            listed.subtract(foreign)
            #expect(listed == Set(allowed).subtracting(foreign), "\(section): keyPaths has \(listed.sorted()), the parser allows \(allowed.sorted())")
        }
        // The population layer's only field, and the free levels.
        #expect(Project.keyPaths.isSuperset(of: ["layers.population.fields.population", "coverage.radius_m.*", "layers.facilities.type_map.*", "life_circles.*.walk_m"]))
        // The sample's project shows every key.
        let sample = try Self.keyPaths(inYAML: Self.text("Shapefiles/project.yaml"))
        #expect(sample.filter { !Self.isKnown($0, in: Project.keyPaths) }.isEmpty)
    }
}
