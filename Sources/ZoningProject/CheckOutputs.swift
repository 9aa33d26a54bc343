import Foundation
import ZoningAnalysis
import ZoningLayers
import ZoningSupport
import ZoningReport

/// Writes the input checks of a run: `checks.csv` (one row per check: severity, id, layer,
/// field, message, fix, examples joined by "; ") and `checks.json` (the same, examples as a
/// list). docs/CHECKS.md explains each check.
///
/// `checks.csv` is read by people, beside the report: its message and fix are in the
/// project's language, as the report gives them (`text`). `checks.json` and the manifest,
/// read by scripts, keep the English words; the ids are the same in all.
///
/// ```swift
/// try CheckOutputs.write(result.checks, to: "out/sample", options: .init(), text: ReportText(.zh))
/// ```
public enum CheckOutputs {
    public static func write(_ checks: CheckList, to folder: String, options: LayerFile.WriteOptions, text: ReportText = ReportText(.en)) throws {
        let schema = Schema(["severity", "id", "layer", "field", "message", "fix", "examples"].map { Field(name: $0, type: .string) })
        try LayerFile.write(to: folder + "/checks.csv", schema: schema, crs: nil, options: options) { emit in
            for (index, check) in checks.checks.enumerated() {
                try emit(Feature(id: index, geometry: nil, attributes: [
                    .string(check.severity.rawValue), .string(check.id), check.layer.map(AttributeValue.string) ?? .null,
                    check.field.map(AttributeValue.string) ?? .null, .string(text.message(check)), text.fix(check).map(AttributeValue.string) ?? .null,
                    check.examples.isEmpty ? .null : .string(check.examples.joined(separator: "; ")),
                ]))
            }
        }
        let document = JSONValue.object([
            ("summary", .string(checks.tally)), ("checks", .array(checks.checks.map(json))),
        ])
        try OutputFiles.write(Data(document.indentedText.utf8 + [0x0A]), to: folder + "/checks.json", inputs: options.inputs, overwrite: options.overwrite)
    }

    /// One check as JSON, as `checks.json` and the manifest hold it.
    public static func json(_ check: Check) -> JSONValue {
        .object([
            ("severity", .string(check.severity.rawValue)), ("id", .string(check.id)),
            ("layer", check.layer.map(JSONValue.string) ?? .null), ("field", check.field.map(JSONValue.string) ?? .null),
            ("message", .string(check.message)), ("fix", check.fix.map(JSONValue.string) ?? .null),
            ("examples", .array(check.examples.map(JSONValue.string))),
        ])
    }
}
