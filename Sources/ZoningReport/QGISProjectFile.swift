import Foundation

/// A QGIS project (`.qgs`, QGIS 3) of a run's layers: the analysis CRS, a group per report
/// section (subgroups per facility type and life circle), each layer styled (`QGISStyle`)
/// and titled as the report's map, and relative paths, so that the folder can be moved or
/// zipped. Every layer is published for QGIS Server's WMS and OGC API – Features under a
/// unique short name (`villages-classified`, `service-areas-clinic`), read-only. The same project can point at the run's PostGIS tables instead (`source`).
///
/// ```swift
/// let qgs = QGISProjectFile.document(title: "样例市", crs: (authid: "EPSG:4549", wkt: wkt), groups: groups) { style in
///     .file("./\(style.layer).shp")
/// }
/// ```
public enum QGISProjectFile {
    /// Where a layer's features are: a file beside the project (relative, `./NAME.shp` or
    /// `./results.gpkg|layername=NAME`), or a PostGIS table (a QGIS `postgres` data source).
    public enum Source: Sendable, Equatable {
        case file(String)
        case postgres(String)
    }

    /// The whole `.qgs` document.
    /// - Parameters:
    ///   - crs: the analysis CRS as QGIS names it (`EPSG:4549`, empty without a code) and its WKT.
    ///   - source: the data source of a style's layer, without its subset.
    public static func document(title: String, crs: (authid: String, wkt: String), groups: [LayerStyles.Group], source: (MapStyle) -> Source) -> String {
        var ids: [String] = []
        // `zoning_gaps_1`: QGIS 3.22 keeps only ids of 11 characters or more (it gives a
        // shorter one, such as `gaps`, a new id, and the layer tree then loses the layer).
        func id(_ style: MapStyle) -> String {
            let base = "zoning_" + style.layer.replacingOccurrences(of: "-", with: "_")
            var n = 1
            while ids.contains("\(base)_\(n)") { n += 1 }
            ids.append("\(base)_\(n)")
            return "\(base)_\(n)"
        }
        // The name WMS and OGC API – Features give a layer (`<shortname>`): titles repeat
        // (a service area of 1000 m for three facility types) and groups share their layer's
        // title, while a served name must be unique. The file's or table's name with the
        // values of the layer's subset: `service-areas-clinic`, unique by a number if need be.
        var shortNames: [String] = []
        func shortName(_ style: MapStyle) -> String {
            func values(_ condition: MapStyle.Condition) -> [String] {
                switch condition {
                case .equals(_, let value): [value]
                case .contains(_, let value): [value]
                case .all(let parts), .any(let parts): parts.flatMap(values)
                default: []
                }
            }
            let words = [style.layer] + (style.subset.map(values) ?? [])
            let base = String(words.joined(separator: "-").map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "-" })
            var name = base, n = 2
            while shortNames.contains(name) {
                name = "\(base)-\(n)"
                n += 1
            }
            shortNames.append(name)
            return name
        }
        var tree: [String] = []
        var layers: [String] = []
        // The CRS's element, made (and its long WKT escaped) once for every layer.
        let layerSRS = spatialReference(crs, indent: "        ")
        func add(_ group: LayerStyles.Group, depth: Int) {
            let pad = String(repeating: "  ", count: depth + 1)
            tree.append(pad + #"<layer-tree-group name="\#(escape(group.title))" checked="Qt::Checked" expanded="1">"#)
            tree.append(pad + "  <customproperties/>")
            for style in group.styles {
                let layerID = id(style)
                let (datasource, provider) = self.datasource(source(style), subset: style.subset)
                tree.append(pad + #"  <layer-tree-layer id="\#(layerID)" name="\#(escape(style.title))" source="\#(escape(datasource))" providerKey="\#(provider)" checked="Qt::Checked" expanded="1"><customproperties/></layer-tree-layer>"#)
                layers.append(mapLayer(style, id: layerID, shortName: shortName(style), datasource: datasource, provider: provider, spatialReference: layerSRS))
            }
            for subgroup in group.subgroups { add(subgroup, depth: depth + 1) }
            tree.append(pad + "</layer-tree-group>")
        }
        for group in groups { add(group, depth: 0) }
        return """
            <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
            <qgis projectname="\(escape(title))" version="\(QGISStyle.version)">
              <homePath path=""/>
              <title>\(escape(title))</title>
              <projectCrs>
            \(spatialReference(crs, indent: "    "))
              </projectCrs>
              <layer-tree-group>
                <customproperties/>
            \(tree.joined(separator: "\n"))
              </layer-tree-group>
              <projectlayers>
            \(layers.joined(separator: "\n"))
              </projectlayers>
              <properties>
                <Paths><Absolute type="bool">false</Absolute></Paths>
                <SpatialRefSys><ProjectionsEnabled type="int">1</ProjectionsEnabled></SpatialRefSys>
                <WFSLayers type="QStringList">\(ids.map { "<value>\($0)</value>" }.joined())</WFSLayers>
              </properties>
            </qgis>

            """
    }

    /// The data source as QGIS writes it, with the subset: `./gaps.shp|subset="TYPE" = 'park'`,
    /// or a PostGIS source ending `sql="TYPE" = 'park'`.
    static func datasource(_ source: Source, subset: MapStyle.Condition?) -> (String, String) {
        switch source {
        case .file(let path): (path + (subset.map { "|subset=" + QGISStyle.expression($0) } ?? ""), "ogr")
        case .postgres(let uri): (uri + (subset.map { " sql=" + QGISStyle.expression($0) } ?? ""), "postgres")
        }
    }

    /// One `<maplayer>`; `spatialReference` is the CRS's element as `spatialReference(_:indent:)` gives it.
    static func mapLayer(_ style: MapStyle, id: String, shortName: String, datasource: String, provider: String, spatialReference: String) -> String {
        """
            <maplayer type="vector" geometry="Polygon" labelsEnabled="\(style.label == nil ? 0 : 1)" autoRefreshEnabled="0" refreshOnNotifyEnabled="0" readOnly="0" simplifyDrawingHints="1" simplifyAlgorithm="0" simplifyMaxScale="1" simplifyDrawingTol="1" styleCategories="AllStyleCategories" hasScaleBasedVisibilityFlag="0" minScale="100000000" maxScale="0">
              <id>\(id)</id>
              <datasource>\(escape(datasource))</datasource>
              <layername>\(escape(style.title))</layername>
              <shortname>\(escape(shortName))</shortname>
              <srs>
        \(spatialReference)
              </srs>
              <provider encoding="UTF-8">\(provider)</provider>
        \(QGISStyle.body(style, indent: "      "))
            </maplayer>
        """
    }

    static func spatialReference(_ crs: (authid: String, wkt: String), indent: String) -> String {
        let code = crs.authid.split(separator: ":").last.map(String.init) ?? ""
        return [
            "<spatialrefsys>", "  <wkt>\(escape(crs.wkt))</wkt>", "  <proj4></proj4>", "  <srsid>0</srsid>",
            "  <srid>\(Int(code) ?? 0)</srid>", "  <authid>\(escape(crs.authid))</authid>", "  <description></description>",
            "  <projectionacronym></projectionacronym>", "  <ellipsoidacronym></ellipsoidacronym>", "  <geographicflag>false</geographicflag>",
            "</spatialrefsys>",
        ].map { indent + $0 }.joined(separator: "\n")
    }

    static func escape(_ text: String) -> String { QGISStyle.escape(text) }
}
