import ZoningShapefile
import ZoningSupport

/// The field names of a shapefile, read from its .dbf header alone: no record, no geometry and
/// no CRS (its .prj is not parsed). For checks that need only the names, such as a style's
/// fields against the layer written (`StyleOutputs.check`), where opening the layer
/// (`LayerFile.open`) would also build its CRS through PROJ.
///
/// ```swift
/// try LayerFieldNames.shapefile("out/villages-classified.shp")   // ["XZQDM", "XZQMC", "POP", …]
/// ```
public enum LayerFieldNames {
    /// The names as decoded with the .cpg's encoding (else the language driver's, else
    /// detected), as `ShapefileLayerReader` decodes them, in the table's order.
    /// - Throws: `ShapefileError` when the files cannot be opened (`.notFound` when neither
    ///   .shp nor .dbf exists).
    public static func shapefile(_ path: String) throws -> [String] {
        let dataset = try ShapefileDataset(path: path)
        let decoder = try TextDecoder(dataset.encodingDecision().encoding)
        return dataset.fieldNames(decoder: decoder)
    }
}
