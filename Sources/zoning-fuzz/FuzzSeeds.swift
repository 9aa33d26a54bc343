import Foundation
import ZoningGeometry
import ZoningLayers

/// The starting inputs of each target, made from real files: the sample's small layers, the
/// test fixtures and the third-party shapefiles beside the checkout. Inputs longer than the
/// target's `maximumLength` are left out.
///
/// ```swift
/// try FuzzSeeds.write(.shapefile, to: "fuzz/corpus/shapefile", from: ["Shapefiles", "../shared/data/shapefiles"])
/// ```
enum FuzzSeeds {
    /// Writes the seeds of `target` into `folder` (created), named by number; returns how many.
    @discardableResult
    static func write(_ target: FuzzTarget, to folder: String, from sources: [String]) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let seeds = try make(target, from: sources).filter { $0.count <= target.maximumLength }
        for (index, seed) in seeds.enumerated() {
            try Data(seed).write(to: URL(fileURLWithPath: folder + "/seed-\(index)"))
        }
        return seeds.count
    }

    static func make(_ target: FuzzTarget, from sources: [String]) throws -> [[UInt8]] {
        let shapefiles = sources.flatMap { files(under: $0, suffix: ".shp") }
        switch target {
        case .shapefile:
            return shapefiles.map { path in
                var bundle = ShapefileBundle(reading: String(path.dropLast(4)))
                bundle.prj = []  // the target gives the sample's
                return bundle.packed
            }
        case .geojson, .csv, .geopackage:
            // The small layers converted by zoning itself, and the CSV files as they are.
            let workspace = try FuzzWorkspace(sample: nil)
            var seeds: [[UInt8]] = []
            for (index, shapefile) in shapefiles.enumerated() {
                let out = workspace.path + "/seed-\(index)." + (target == .geojson ? "geojson" : target == .csv ? "csv" : "gpkg")
                workspace.command(["convert", shapefile, out, "--overwrite", "--dst-crs", "EPSG:4326"])
                if let data = FileManager.default.contents(atPath: out) { seeds.append([UInt8](data)) }
            }
            if target == .csv {
                seeds += sources.flatMap { files(under: $0, suffix: ".csv") }.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
            }
            return seeds
        case .wkt, .wkb:
            var seeds: [[UInt8]] = []
            for shapefile in shapefiles {
                guard let source = try? LayerFile.open(shapefile) else { continue }
                var taken = 0
                try? source.forEach { feature in
                    guard taken < 3, let geometry = feature.geometry else { return }
                    taken += 1
                    if target == .wkt, let wkt = try? geometry.wkt() { seeds.append(Array(wkt.utf8)) } else if let wkb = try? geometry.wkb() { seeds.append(wkb) }
                }
            }
            return seeds
        case .project:
            return sources.flatMap { files(under: $0, suffix: ".yaml") }.compactMap { FileManager.default.contents(atPath: $0).map { [UInt8]($0) } }
        }
    }

    /// The files under `folder` whose names end in `suffix`, sorted.
    static func files(under folder: String, suffix: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { $0.lowercased().hasSuffix(suffix) }.sorted().map { folder + "/" + $0 }
    }
}
