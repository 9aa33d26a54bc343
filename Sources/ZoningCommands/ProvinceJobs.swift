import Foundation

/// How many counties province mode runs at once when `--jobs` is not given: as many as there
/// are cores (a county's run keeps about one core busy), but no more than the memory
/// available holds, at 80 %, of the first county's measured peak — the first county runs
/// alone to measure it.
///
/// ```swift
/// let choice = ProvinceJobs.choose(cores: 8, availableMegabytes: 2_000, countyPeakMegabytes: 450)
/// choice.jobs    // 3: 80 % of 2,000 MB holds 3 counties of 450 MB, fewer than the 8 cores
/// choice.reason  // "--jobs 3: 8 cores; the first county peaked at 450 MB, and 80 % of the 2,000 MB available holds 3 such"
/// ```
enum ProvinceJobs {
    /// The share of the available memory the counties may take together.
    static let memoryShare = 0.8

    /// - Parameters:
    ///   - availableMegabytes: memory available now (`MemAvailable`), nil when unknown.
    ///   - countyPeakMegabytes: the first county's peak resident memory, 0 when not measured
    ///     (its run failed to start).
    static func choose(cores: Int, availableMegabytes: Double?, countyPeakMegabytes: Double) -> (jobs: Int, reason: String) {
        let cores = max(1, cores)
        let coreText = "\(cores) core\(cores == 1 ? "" : "s")"
        guard let available = availableMegabytes, countyPeakMegabytes > 0 else {
            return (cores, "--jobs \(cores): \(coreText); the memory a county takes was not measured")
        }
        let fits = Int((available * memoryShare / countyPeakMegabytes).rounded(.down))
        let jobs = max(1, min(cores, fits))
        return (jobs, "--jobs \(jobs): \(coreText); the first county peaked at \(megabytes(countyPeakMegabytes)), and "
            + "\(Int(memoryShare * 100)) % of the \(megabytes(available)) available holds \(fits) such")
    }

    /// MemAvailable from /proc/meminfo, in MB; nil where there is none.
    static func availableMegabytes(meminfo path: String = "/proc/meminfo") -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kilobytes = Double(fields[1]) { return kilobytes / 1024 }
        }
        return nil
    }

    static func megabytes(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return (whole >= 1000 ? "\(whole / 1000),\(String(format: "%03d", whole % 1000))" : "\(whole)") + " MB"
    }
}
