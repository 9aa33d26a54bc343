import ArgumentParser
import ZoningLayers
import ZoningProject
import ZoningSupport
import ZoningReport

/// The options every command that writes a layer shares.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Replace the output if it exists.")
    var overwrite = false

    @Option(name: .customLong("output-encoding"), help: "Shapefile output text encoding: UTF-8 (default) or GBK.")
    var outputEncoding: String = "UTF-8"

    @Flag(name: .customLong("truncate-strings"), help: "Cut text longer than 254 bytes for a shapefile instead of stopping.")
    var truncateStrings = false

    @Flag(name: .customLong("no-bom"), help: "CSV output: leave out the UTF-8 byte-order mark.")
    var noByteOrderMark = false

    @Option(help: "The language of the sentences in the tables (reasons, evidence): zh (default) or en.")
    var language: String = ReportLanguage.zh.rawValue

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    /// The tables' words in --language.
    var text: ReportText { ReportText(reportLanguage) }
    /// --language; also the words of the layers' styles.
    var reportLanguage: ReportLanguage { ReportLanguage(rawValue: language) ?? .zh }

    func validate() throws {
        if TextEncoding(label: outputEncoding) == nil {
            throw ValidationError("Unknown encoding \"\(outputEncoding)\": use UTF-8 or GBK.")
        }
        if ReportLanguage(rawValue: language) == nil { throw ValidationError("--language is zh or en.") }
    }

    /// Writer options that protect `inputs`; for standard output, CSV without a byte-order mark.
    func writeOptions(inputs: [String], standardOutput: Bool = false) -> LayerFile.WriteOptions {
        .init(
            encoding: TextEncoding(label: outputEncoding) ?? .utf8, overwrite: overwrite,
            truncateStrings: truncateStrings, byteOrderMark: !noByteOrderMark && !standardOutput, inputs: inputs)
    }

    /// Prints `line` unless --quiet.
    func say(_ line: String) {
        if !quiet { print(line) }
    }
}
