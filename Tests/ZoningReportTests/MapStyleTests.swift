import Testing
import ZoningReport

@Suite struct MapStyleTests {
    static let style = MapStyle(
        layer: "gaps", title: "未覆盖居住用地",
        renderer: .categories(field: "TYPE", [MapStyle.Category(value: "park", symbol: .fill("#e31a1c"), label: "park")]),
        label: MapStyle.Label(field: "VILLAGE", maxScale: 50_000), subset: .all([.equals("TYPE", "park"), .isNull("POP")]))

    @Test func fieldsOfRendererLabelAndSubset() {
        #expect(Self.style.fields == ["TYPE", "VILLAGE", "POP"])
    }

    @Test func aMissingFieldIsNamed() throws {
        try Self.style.check(layerFields: ["TYPE", "REGION", "VILLAGE", "POP", "NEAREST_M"])
        #expect(throws: MapStyleError.missingField(layer: "gaps", field: "POP", has: ["TYPE", "VILLAGE"])) {
            try Self.style.check(layerFields: ["TYPE", "VILLAGE"])
        }
        #expect("\(MapStyleError.missingField(layer: "gaps", field: "POP", has: ["TYPE"]))".contains("gaps reads the field POP"))
    }
}
