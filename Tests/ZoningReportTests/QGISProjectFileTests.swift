import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ZoningReport

@Suite struct QGISProjectFileTests {
    static let groups = [
        LayerStyles.Group(title: "公共服务覆盖", styles: [], subgroups: [
            LayerStyles.Group(title: "幼儿园", styles: [
                MapStyle(layer: "gaps", title: "未覆盖（幼儿园）", renderer: .categories(field: "TYPE", []), subset: .equals("TYPE", "kindergarten")),
                MapStyle(layer: "regions-coverage", title: "服务覆盖：幼儿园", renderer: .ranges(field: "KG_RES", [])),
            ]),
            LayerStyles.Group(title: "小学", styles: [
                MapStyle(layer: "gaps", title: "未覆盖（小学）", renderer: .categories(field: "TYPE", []), subset: .equals("TYPE", "primary")),
            ]),
        ]),
    ]

    /// Relative sources with their subsets, unique ids QGIS keeps (11 characters or more),
    /// the groups nested as given, the CRS, and relative paths.
    @Test func layersGroupsAndPaths() throws {
        let text = QGISProjectFile.document(title: "样例市", crs: ("EPSG:4528", "PROJCRS[\"x\"]"), groups: Self.groups) { .file("./\($0.layer).shp") }
        let document = try XMLDocument(xmlString: text, options: [])
        let ids = try document.nodes(forXPath: "//maplayer/id").map { $0.stringValue ?? "" }
        #expect(ids == ["zoning_gaps_1", "zoning_regions_coverage_1", "zoning_gaps_2"])
        #expect(ids.allSatisfy { $0.count >= 11 })
        let sources = try document.nodes(forXPath: "//maplayer/datasource").map { $0.stringValue ?? "" }
        #expect(sources == [#"./gaps.shp|subset="TYPE" = 'kindergarten'"#, "./regions-coverage.shp", #"./gaps.shp|subset="TYPE" = 'primary'"#])
        let groups = try document.nodes(forXPath: "//layer-tree-group[@name]").compactMap { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }
        #expect(groups == ["公共服务覆盖", "幼儿园", "小学"])
        #expect(try document.nodes(forXPath: "//properties/Paths/Absolute").first?.stringValue == "false")
        #expect(try document.nodes(forXPath: "//projectCrs/spatialrefsys/authid").first?.stringValue == "EPSG:4528")
        let postgres = QGISProjectFile.document(title: "x", crs: ("", ""), groups: Self.groups) { .postgres("dbname='gis' table=\"s\".\"\($0.layer)\" (geom)") }
        #expect(postgres.contains("providerKey=\"postgres\"") && postgres.contains(" sql=&quot;TYPE&quot; = &apos;primary&apos;"))
    }
}
