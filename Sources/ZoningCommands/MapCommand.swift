import ArgumentParser
import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningProject
import ZoningSupport

/// `zoning map LAYER --by FIELD --out map.svg`: a quick map of any layer.
public struct MapCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Draw a layer as an SVG map, coloured by a field, with legend, scale bar and north arrow.",
        discussion: """
            Urban–rural class codes (111…220) get their usual colours; other text a
            categorical palette; numbers five equal-count classes. The SVG needs no
            network and opens in any browser.

            Example:
              zoning map out/sample/villages-classified.shp --by CLASS --out classes.svg
            """)

    @Argument(help: "The layer to draw (.shp, .geojson, .csv).")
    var layer: String

    @Option(help: "The field whose values colour the features.")
    var by: String

    @Option(help: "The SVG file to write (.svg).")
    var out: String

    @Option(help: "The map title (default: layer and field).")
    var title: String?

    @OptionGroup var encoding: InputEncodingOption
    @OptionGroup var output: OutputOptions

    public init() {}

    public func validate() throws {
        guard URL(fileURLWithPath: out).pathExtension.lowercased() == "svg" else {
            throw ValidationError("zoning draws maps as SVG: give --out a .svg file (a browser, Inkscape or rsvg-convert turn it into PNG or PDF).")
        }
    }

    public func run() throws {
        let source = try LayerFile.open(layer, options: .init(encoding: encoding.value))
        guard let column = source.schema.index(of: by) else {
            throw CommandError(message: "\(layer) has no field \(by); its fields are \(source.schema.names.joined(separator: ", "))")
        }
        var geometries: [ZoningGeometry.Geometry?] = [], values: [AttributeValue] = []
        try source.forEach {
            geometries.append($0.geometry)
            values.append($0.attributes[column])
        }
        let metres = source.crs.map { !$0.isGeographic && $0.unitName.lowercased().hasPrefix("met") } ?? false
        // Longitude and latitude are drawn with a degree of longitude cos(latitude) as wide as one of latitude.
        let extent = geometries.compactMap { $0?.bounds }.reduce(nil as Bounds?) { total, next in total.map { $0.union(next) } ?? next }
        let aspect = source.crs?.isGeographic == true ? extent.map(SVGMap.aspect(ofDegreesAround:)) ?? 1 : 1
        let svg = try SVGMap.render(features: geometries, values: values, title: title ?? "\(source.name): \(by)", metres: metres, aspect: aspect)
        try OutputFiles.write(Data(svg.utf8), to: out, inputs: source.files, overwrite: output.overwrite)
        output.say("Drew \(geometries.compactMap { $0 }.count) features of \(source.name) by \(by): \(out)")
    }
}

import ZoningGeometry
import ZoningReport
