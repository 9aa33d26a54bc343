import ArgumentParser
import Foundation
import ZoningSample

/// `zoning sample --out DIR`: a synthetic county in the land-survey schema.
public struct Sample: ParsableCommand {
    public static let configuration = CommandConfiguration(
        abstract: "Generate the synthetic sample county (parcels, villages, townships, seats, facilities, targets).",
        discussion: """
            The same seed and size give byte-identical files. The county is fictional
            (样例市, code 370299) and lies in CGCS2000 Gauss–Krüger zone 40 with the zone
            prefix (EPSG:4528), as land-survey deliveries do; DLTB's attributes are GBK
            without a .cpg. Shapefiles/README.md describes the layers, fields and codes;
            truth.csv holds the class each unit is designed to get.

            --year 2 writes the same county one year later, with designed
            changes for comparing two runs: 北河镇 upgraded to 北河街道 (new
            codes for its villages), two villages merged, one split, one
            renamed, built-up growth that changes three units' classes, and
            facilities opened and closed. changes.csv lists every one of them;
            its project.yaml writes to ../sample-year2.

            Examples:
              zoning sample --out /tmp/county
              zoning sample --out /tmp/big --parcels 300000
              zoning sample --out /tmp/bench --parcels 300000 --irregular
              zoning sample --year 2 --out out/year2
            """)

    @Option(help: "The folder to write (created if missing).")
    var out: String

    @Option(help: "The seed of the random layout details.")
    var seed: UInt64 = 1

    @Option(help: "About how many land-use parcels to make (120 units × n² cells).")
    var parcels = 20_000

    @Flag(help: "Bend every parcel edge through 1–5 points (8–24 vertices a parcel, as surveyed parcels have) instead of the straight lattice: the county benchmarks measure.")
    var irregular = false

    @Option(help: "1, or 2 for the same county one year later with designed changes (changes.csv).")
    var year = 1

    @Flag(help: "Replace files that exist.")
    var overwrite = false

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    public init() {}

    public func validate() throws {
        guard (480...5_000_000).contains(parcels) else { throw ValidationError("--parcels must be between 480 and 5 000 000.") }
        guard SampleYearTwo.years.contains(year) else { throw ValidationError("--year must be 1 or 2.") }
    }

    public func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let started = Date()
        let county = try SampleCounty.generate(seed: seed, parcels: parcels, shapes: irregular ? .irregular : .lattice, year: year)
        try SampleWriter.write(county, to: out, overwrite: overwrite)
        guard !quiet else { return }
        let classes = Dictionary(grouping: county.villages, by: \.designedClass).mapValues(\.count).sorted { $0.key < $1.key }
        print("Wrote 样例市 (seed \(seed)\(year == 2 ? ", year 2" : "")) to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s:")
        print("  \(county.parcels.count) parcels, \(county.villages.count) village-level units, \(county.townships.count) townships, \(county.seats.count) seats, \(county.facilities.count) facilities")
        print("  designed classes: " + classes.map { "\($0.key) × \($0.value)" }.joined(separator: ", "))
        print("  deliberately miscoded official classes: \(county.villages.filter(\.miscoded).count) (see truth.csv)")
        if year == 2 {
            let kinds = Dictionary(grouping: county.changes, by: \.kind.rawValue).mapValues(\.count).sorted { $0.key < $1.key }
            print("  designed changes since year 1: " + kinds.map { "\($0.key) × \($0.value)" }.joined(separator: ", ") + " (see changes.csv)")
        }
    }
}
