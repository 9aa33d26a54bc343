import ArgumentParser
import Foundation
import ZoningDatabase
import ZoningProject
import ZoningSupport

/// `zoning run --each P1.yaml P2.yaml … --out DIR`: the province mode. Each project (a
/// county) runs as its own `zoning run` process, `jobs` at a time, into `DIR/<the project's
/// folder name>`; `DIR/province-summary.csv` (`ProvinceSummary`) gets a row per county. A
/// county that fails is listed and the others go on. Each county's memory is returned when
/// its process ends, so the province's memory stays that of the largest county.
///
/// ```swift
/// let province = ProvinceRun(projects: ["/data/370881/project.yaml", "/data/370882/project.yaml"], out: "/data/out")
/// let status = try province.run(executable: ChildProcess.currentExecutable) { print($0) }   // 0: every county done
/// ```
struct ProvinceRun {
    var projects: [String]
    var out: String
    var overwrite = false
    var strict = false
    var failOnTargets = false
    /// Counties run at the same time; nil: the first county alone, then `ProvinceJobs.choose`
    /// from the cores and its measured peak memory.
    var jobs: Int? = nil
    var db: String?
    var engine: EngineChoice?

    static let summaryFile = "province-summary.csv"

    /// Each county's folder below `out`: the name of the folder its project file is in.
    /// - Throws: `CommandError` for a missing project file, or two projects whose folders share a name.
    func folders() throws -> [String] {
        let missing = projects.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            throw CommandError(message: "--each: no project file at \(missing.joined(separator: ", ")). Give the counties' project files, e.g. --each /data/*/project.yaml")
        }
        let names = projects.map { URL(fileURLWithPath: $0).standardizedFileURL.deletingLastPathComponent().lastPathComponent }
        let repeated = Dictionary(grouping: names.indices, by: { names[$0] }).filter { $0.value.count > 1 }
        guard repeated.isEmpty else {
            let list = repeated.sorted { $0.key < $1.key }.map { "\($0.key): " + $0.value.map { projects[$0] }.joined(separator: ", ") }
            throw CommandError(message: "--each: each county's output folder is named after its project's folder, and these share a name — \(list.joined(separator: "; ")). Keep one project file per county folder.")
        }
        return names
    }

    /// Runs every county, writes the province summary and returns the exit status: 0 every
    /// county done, 1 a county failed, 3 (with `failOnTargets`) a county's target failed.
    /// - Parameter report: each progress line (a county started or finished).
    func run(executable: String, report: @escaping @Sendable (String) -> Void) throws -> Int32 {
        if let jobs, jobs < 1 { throw CommandError(message: "--jobs must be at least 1, got \(jobs)") }
        let folders = try folders()
        let province = URL(fileURLWithPath: out).standardizedFileURL.path
        let summary = province + "/" + Self.summaryFile
        if !overwrite {
            let taken = ([Self.summaryFile] + folders).filter { FileManager.default.fileExists(atPath: province + "/" + $0) }
            guard taken.isEmpty else {
                throw CommandError(message: "\(shown(province)) already holds \(taken.prefix(5).joined(separator: ", "))\(taken.count > 5 ? " and \(taken.count - 5) more" : ""): add --overwrite to replace them, or choose another --out")
            }
        }
        try FileManager.default.createDirectory(atPath: province, withIntermediateDirectories: true)
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("zoning-province-\(getpid())").path
        Interruption.register(logs)  // removed on Ctrl-C too
        defer {
            try? FileManager.default.removeItem(atPath: logs)
            Interruption.unregister(logs)
        }
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)

        let finished = Counter()
        let total = projects.count
        func counties(_ range: Range<Int>, jobs: Int) throws -> [ProvinceSummary.Outcome] {
            try Parallel.map(Array(range), threads: jobs) { k in
                let outcome = county(k, folder: folders[k], province: province, logs: logs, executable: executable)
                report(Self.line(outcome, done: finished.next(), total: total))
                return outcome
            }
        }
        var all: [ProvinceSummary.Outcome]
        if let jobs {
            all = try counties(0..<total, jobs: jobs)
        } else {
            // The first county alone, to measure the memory a county takes.
            all = try counties(0..<min(1, total), jobs: 1)
            if total > 1 {
                let choice = ProvinceJobs.choose(cores: ProcessInfo.processInfo.activeProcessorCount,
                                                 availableMegabytes: ProvinceJobs.availableMegabytes(), countyPeakMegabytes: all[0].peakMegabytes)
                report("Province: \(total == 2 ? "the other county" : "the other \(total - 1) counties") with \(choice.reason)")
                all += try counties(1..<total, jobs: choice.jobs)
            }
        }
        try ProvinceSummary.write(all, to: summary, overwrite: true)
        let failed = all.filter { $0.status == .failed }
        report("Province: \(all.count - failed.count) of \(all.count) counties done; \(shown(summary))")
        if !failed.isEmpty {
            report("Failed: " + failed.map { "\($0.folder) (\($0.projectFile))" }.joined(separator: ", "))
            return 1
        }
        return all.contains { $0.status == .targetsFailed } ? Run.targetsFailedStatus : 0
    }

    /// One county's `zoning run`, in its own process.
    private func county(_ k: Int, folder: String, province: String, logs: String, executable: String) -> ProvinceSummary.Outcome {
        var arguments = ["run", projects[k], "--out", province + "/" + folder, "--quiet"]
        if overwrite { arguments.append("--overwrite") }
        if strict { arguments.append("--strict") }
        if failOnTargets { arguments.append("--fail-on-targets") }
        if let db { arguments += ["--db", db] }
        if let engine { arguments += ["--engine", engine.rawValue] }
        let errors = logs + "/\(k).err"
        do {
            let finished = try ChildProcess.run(executable, arguments, output: logs + "/\(k).out", errors: errors)
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            let status: ProvinceSummary.Outcome.Status
            switch finished.status {
            case 0: status = .done
            case Run.targetsFailedStatus where failOnTargets: status = .targetsFailed
            default: status = .failed
            }
            let error = status == .failed ? (message.isEmpty ? "zoning run ended with status \(finished.status)" : hidingPasswords(message)) : ""
            return ProvinceSummary.Outcome(folder: folder, projectFile: projects[k], status: status, seconds: finished.seconds,
                                           cpuSeconds: finished.cpuSeconds, peakMegabytes: finished.peakMegabytes, error: error)
        } catch {
            return ProvinceSummary.Outcome(folder: folder, projectFile: projects[k], status: .failed, seconds: 0, cpuSeconds: 0, peakMegabytes: 0,
                                           error: error.localizedDescription)
        }
    }

    /// A county's message as the summary and the progress lines show it: the `--db` URL's
    /// password hidden, should any message of the county's run still hold it.
    func hidingPasswords(_ message: String) -> String {
        guard let db else { return message }
        guard let url = try? DatabaseURL(db) else { return message.replacingOccurrences(of: db, with: DatabaseURL.mask(db)) }
        return url.scrub(message)
    }

    static func line(_ outcome: ProvinceSummary.Outcome, done: Int, total: Int) -> String {
        let figures = String(format: "%.1f s, %.0f MB", outcome.seconds, outcome.peakMegabytes)
        switch outcome.status {
        case .done: return "[\(done)/\(total)] \(outcome.folder): done (\(figures))"
        case .targetsFailed: return "[\(done)/\(total)] \(outcome.folder): done, a plan target fails (\(figures))"
        case .failed:
            // The headline and the first finding under it.
            let lines = outcome.error.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return "[\(done)/\(total)] \(outcome.folder): FAILED — \(lines.prefix(2).joined(separator: " "))"
        }
    }
}

/// Counts the finished counties, from several threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    /// Counts one more and returns the count.
    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
