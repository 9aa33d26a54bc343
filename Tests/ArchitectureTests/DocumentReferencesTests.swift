import Foundation
import Testing
import ZoningTestSupport

/// Users have only the repository: every document a file names must be in it, and every
/// `docs/METHOD.md §N` must name a section METHOD.md has.
@Suite struct DocumentReferencesTests {
    /// The text files of the checkout that people read: sources, tests, scripts, the sample's
    /// templates, the docs and the README.
    static func files() throws -> [String] {
        let root = checkoutRoot
        var result = ["README.md", ".ci/run"]
        for folder in ["Sources", "Tests", "Scripts", "Shapefiles", "docs"] {
            for path in try FileManager.default.subpathsOfDirectory(atPath: root + "/" + folder)
            where [".swift", ".md", ".yaml", ".sh", ".modulemap"].contains(where: path.hasSuffix) {
                // This file names missing documents on purpose, to test the pattern.
                if !path.hasSuffix("DocumentReferencesTests.swift") { result.append(folder + "/" + path) }
            }
        }
        return result
    }

    /// The `.md` documents a text names, e.g. `docs/CHECKS.md`, `Shapefiles/README.md`.
    static func documents(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "[A-Za-z0-9_./-]*[A-Za-z0-9_-]\\.md\\b")
        let range = NSRange(text.startIndex..., in: text)
        return pattern.matches(in: text, range: range).compactMap { Range($0.range, in: text).map { String(text[$0]) } }
    }

    @Test func everyNamedDocumentExists() throws {
        let root = checkoutRoot
        var missing: [String] = []
        for file in try Self.files() {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            let folder = URL(fileURLWithPath: root + "/" + file).deletingLastPathComponent().path
            // The README's layout lists docs/ by file name.
            for name in Set(Self.documents(in: text)) where !(file == "README.md" && ["METHOD.md", "CHECKS.md", "ARCHITECTURE.md", "DATABASE.md", "SCALING.md", "BAD-INPUTS.md"].contains(name)) {
                // A bare README.md names the README of the folder it is about; it is in the checkout.
                let candidates = [root + "/" + name, folder + "/" + name]
                if !candidates.contains(where: { FileManager.default.fileExists(atPath: $0) }) && name != "README.md" {
                    missing.append("\(file) names \(name)")
                }
            }
        }
        #expect(missing.isEmpty, "\(missing.sorted())")
    }

    @Test func methodSectionsExist() throws {
        let root = checkoutRoot
        func numbered(_ file: String) throws -> Set<Int> {
            let text = try String(contentsOfFile: root + "/docs/" + file, encoding: .utf8)
            return Set(text.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix("## ") else { return nil }
                return Int(line.dropFirst(3).prefix { $0.isNumber })
            })
        }
        let sections = try numbered("METHOD.md")
        // Numbered 1…n without a gap (a new analysis may add a section at the end).
        #expect(sections.count >= 8 && sections == Set(1...sections.count))
        #expect(try numbered("METHOD.zh.md") == sections)  // the Chinese version numbers its sections alike
        let pattern = try NSRegularExpression(pattern: "METHOD\\.md §(\\d+)")
        for file in try Self.files() {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let number = Int((text as NSString).substring(with: match.range(at: 1)))!
                #expect(sections.contains(number), "\(file) names docs/METHOD.md §\(number)")
            }
        }
    }

    /// The pattern finds what it should, so the test above can fail.
    @Test func findsDocumentNames() {
        #expect(Self.documents(in: "see docs/METHOD.md §3, DOMAIN.md and [x](../README.md).") == ["docs/METHOD.md", "DOMAIN.md", "../README.md"])
    }
}

/// docs/BAD-INPUTS.md names the test that keeps each case: every `SuiteTests.testName` it names
/// is a test of that suite.
@Suite struct BadInputCatalogueTests {
    @Test func everyNamedTestExists() throws {
        let text = try String(contentsOfFile: checkoutRoot + "/docs/BAD-INPUTS.md", encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: "`([A-Za-z]+Tests)(?:\\.([A-Za-z]+))?`")
        var sources: [String: String] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: checkoutRoot + "/Tests") where path.hasSuffix(".swift") {
            sources[path] = try String(contentsOfFile: checkoutRoot + "/Tests/" + path, encoding: .utf8)
        }
        var named = 0
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let suite = String(text[Range(match.range(at: 1), in: text)!])
            let test = Range(match.range(at: 2), in: text).map { String(text[$0]) }
            // Continuations (`.otherTest`) belong to the suite named before them on the line.
            let holder = sources.values.first { $0.contains("struct \(suite)") }
            #expect(holder != nil, "no suite \(suite)")
            if let test, let holder { #expect(holder.contains("func \(test)("), "\(suite) has no test \(test)") }
            named += 1
        }
        #expect(named >= 20)
    }
}
