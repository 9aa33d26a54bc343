import ArgumentParser
import ZoningSupport

/// `--encoding`, shared by the commands that read attribute text.
struct InputEncodingOption: ParsableArguments {
    @Option(name: .customLong("encoding"), help: "The input's attribute text encoding (e.g. GBK), overriding .cpg and detection.")
    var name: String?

    func validate() throws {
        if let name, TextEncoding(label: name) == nil {
            throw ValidationError("Unknown encoding \"\(name)\": use e.g. UTF-8, GBK, GB18030, ISO-8859-1, CP1252.")
        }
    }

    /// The encoding asked for; nil to let the file decide.
    var value: TextEncoding? { name.flatMap(TextEncoding.init(label:)) }
}
