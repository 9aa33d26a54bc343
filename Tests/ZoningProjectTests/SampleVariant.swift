import Foundation
import ZoningAnalysis
import ZoningGeometry
import ZoningLayers
import ZoningProject
import ZoningProjection
import ZoningSupport
import ZoningTestSupport
import ZoningSampleRun

/// A copy of the embedded sample county in a temporary folder, changed the way real
/// deliveries differ from it (renamed fields, other code forms, no .prj, another zone, …),
/// with the sample project pointing at the copy.
final class SampleVariant {
    let folder: TemporaryFolder
    var project: Project
    static let sample = checkoutRoot + "/Shapefiles"

    init() throws {
        folder = try TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.file("data"), withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.sample) {
            try FileManager.default.copyItem(atPath: Self.sample + "/" + name, toPath: folder.file("data/" + name))
        }
        project = try Project(contentsOf: folder.file("data/project.yaml"))
        project.output = folder.file("out")
    }

    /// The path of a file of the copy.
    func path(_ name: String) -> String { folder.file("data/" + name) }

    /// What a rewritten shapefile's .prj says.
    enum PRJ {
        case keep, none
        case crs(CoordinateReferenceSystem)
    }

    /// Rewrites a shapefile of the copy from the sample's: `schema` changes the fields,
    /// `feature` each feature (nil drops it), `prj` the .prj.
    func rewrite(
        _ name: String, encoding: TextEncoding = .utf8, prj: PRJ = .keep,
        schema: (Schema) -> Schema = { $0 }, feature: (Feature) throws -> Feature? = { $0 }
    ) throws {
        let source = try LayerFile.open(Self.sample + "/" + name, options: .init(encoding: name == "DLTB.shp" ? .gbk : nil))
        let base = path(String(name.dropLast(4)))
        for sidecar in ["shp", "shx", "dbf", "prj", "cpg"] { try? FileManager.default.removeItem(atPath: base + "." + sidecar) }
        var target = source.crs
        if case .crs(let crs) = prj { target = crs }
        try LayerFile.write(to: path(name), schema: schema(source.schema), crs: target, options: .init(encoding: encoding)) { emit in
            try source.forEach { if let changed = try feature($0) { try emit(changed) } }
        }
        if case .none = prj { try FileManager.default.removeItem(atPath: base + ".prj") }
    }

    /// Rewrites a text file of the copy.
    func edit(_ name: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: path(name), encoding: .utf8)
        try Data(change(text).utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// Writes `cells` (record → text, right-aligned as a DBF number is) into `field` of a .dbf
    /// of the copy, byte by byte: values no writer would write (`nan`, `1e400`, `***`).
    func patchDBF(_ name: String, field: String, _ cells: [Int: String]) throws {
        var dbf = try Data(contentsOf: URL(fileURLWithPath: path(name)))
        let header = Int(dbf[8]) | Int(dbf[9]) << 8, length = Int(dbf[10]) | Int(dbf[11]) << 8
        var offset = 1, descriptor = 32, width = 0
        while dbf[descriptor] != 0x0D {
            let fieldName = String(decoding: dbf[descriptor..<descriptor + 11].prefix { $0 != 0 }, as: UTF8.self)
            width = Int(dbf[descriptor + 16])
            if fieldName == field { break }
            offset += width
            descriptor += 32
        }
        precondition(dbf[descriptor] != 0x0D, "no field \(field) in \(name)")
        for (record, text) in cells {
            let bytes = Array((String(repeating: " ", count: max(0, width - text.utf8.count)) + text).utf8)
            dbf.replaceSubrange(header + record * length + offset ..< header + record * length + offset + width, with: bytes)
        }
        try dbf.write(to: URL(fileURLWithPath: path(name)))
    }

    /// Moves every geometry of a layer from `source` to `target` coordinates.
    static func moved(_ from: CoordinateReferenceSystem, _ to: CoordinateReferenceSystem) throws -> (Feature) throws -> Feature? {
        let mover = try CoordinateTransform(from: from, to: to)
        return { feature in
            var copy = feature
            copy.geometry = try feature.geometry.map { try mover.apply(to: $0) }
            return copy
        }
    }

    /// The run's figures that offices report, to compare a variant with the clean sample.
    struct Figures: Equatable, CustomStringConvertible {
        var classes: [String]
        var urbanization: [String]
        var builtUp: String
        var review: [String]
        var coverage: [String]
        var targets: [String]

        init(_ result: RunResult) {
            func r(_ value: Double?) -> String { value.map { String(format: "%.9g", $0) } ?? "-" }
            classes = result.classes.map { "\($0.code) \($0.derivedClass) \($0.officialClass?.rawValue ?? "-") \(r($0.share)) \($0.population ?? -1) \($0.seatsInside.count)" }.sorted()
            urbanization = Urbanization.Level.allCases.flatMap { level in
                result.urbanization(level).map { "\($0.code) \($0.urbanPopulation)/\($0.totalPopulation) official \($0.officialUrbanPopulation)" }
            }
            builtUp = "\(result.builtUp.regions.count) regions \(r(result.builtUp.areaSquareMetres))"
            review = result.review.map { "\($0.list) \($0.basis) \($0.unit.code)" }.sorted()
            coverage = (result.coverage?.regions ?? []).map {
                "\($0.region) \($0.type) \(r($0.residentialCoverage)) \(r($0.populationCoverage)) \($0.facilities) \(r($0.p90Distance))"
            }.sorted()
            targets = result.targets.map { "\($0.region) \($0.verdict) \(r($0.value))" }
        }

        var description: String {
            "\(classes.count) classes, \(urbanization.count) rates, \(builtUp), \(review.count) review entries, \(coverage.count) coverage rows, targets \(targets)"
        }
    }

    /// The clean sample's figures, computed once.
    static let clean: Result<Figures, SampleRun.Failure> = {
        do { return .success(Figures(try SampleRun.get().result)) } catch { return .failure(SampleRun.Failure(description: "\(error)")) }
    }()
}
