import Foundation
import ZoningLayers
import ZoningSupport

/// `province-summary.csv`: one row per county of a province run (`zoning run --each`), so a
/// province's figures are one sheet: how each county's run went, then its `summary.csv` row.
///
/// | column | contents |
/// |---|---|
/// | `folder` | the county's output folder, below the province folder |
/// | `project_file` | the project file it ran |
/// | `status` | `done`, `targets-failed` (with `--fail-on-targets`) or `failed` |
/// | `seconds`, `cpu_seconds`, `peak_mb` | its run's wall time, CPU time and peak memory (MB) |
/// | `project`, `county`, `parcels`, `units`, … | the county's `summary.csv` row (empty for a failed run) |
/// | `error` | why a failed run stopped: its message, lines joined by " / " |
///
/// A project covering several counties gives a row per county; a failed run, one row.
///
/// ```swift
/// try ProvinceSummary.write([outcome], to: "out/province/province-summary.csv", overwrite: true)
/// ```
public enum ProvinceSummary {
    /// How one county's run went.
    public struct Outcome: Sendable {
        public enum Status: String, Sendable { case done, targetsFailed = "targets-failed", failed }
        public var folder: String
        public var projectFile: String
        public var status: Status
        public var seconds: Double
        public var cpuSeconds: Double
        public var peakMegabytes: Double
        /// The run's message when it failed (standard error), else empty.
        public var error: String

        public init(folder: String, projectFile: String, status: Status, seconds: Double, cpuSeconds: Double, peakMegabytes: Double, error: String) {
            self.folder = folder
            self.projectFile = projectFile
            self.status = status
            self.seconds = seconds
            self.cpuSeconds = cpuSeconds
            self.peakMegabytes = peakMegabytes
            self.error = error
        }
    }

    /// Writes the sheet, reading each finished county's `summary.csv` from `folder` below the
    /// sheet's own folder. The county columns are those of the first summary, then any others.
    /// - Throws: `LayerError` when a finished county's summary cannot be read, or the sheet written.
    public static func write(_ outcomes: [Outcome], to path: String, overwrite: Bool) throws {
        let province = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var columns: [String] = []
        var summaries: [[[String: String]]] = []
        for outcome in outcomes {
            guard outcome.status != .failed else { summaries.append([]); continue }
            let table = try CSVTableReader.table(province + "/" + outcome.folder + "/summary.csv")
            columns += table.header.filter { !columns.contains($0) }
            summaries.append(table.rows.map { Dictionary(zip(table.header, $0), uniquingKeysWith: { a, _ in a }) })
        }
        let header = ["folder", "project_file", "status", "seconds", "cpu_seconds", "peak_mb"] + columns + ["error"]
        var rows: [[String]] = []
        for (outcome, summary) in zip(outcomes, summaries) {
            let run = [outcome.folder, outcome.projectFile, outcome.status.rawValue, String(format: "%.1f", outcome.seconds),
                       String(format: "%.1f", outcome.cpuSeconds), String(format: "%.0f", outcome.peakMegabytes)]
            let error = outcome.error.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " / ")
            for row in summary.isEmpty ? [[:]] : summary { rows.append(run + columns.map { row[$0] ?? "" } + [error]) }
        }
        try CSVTableWriter.write(to: path, schema: Schema(header.map { Field(name: $0, type: .string) }), options: .init(overwrite: overwrite)) { emit in
            for (index, row) in rows.enumerated() { try emit(Feature(id: index, geometry: nil, attributes: row.map(AttributeValue.string))) }
        }
    }
}
