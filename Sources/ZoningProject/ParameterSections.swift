import ZoningAnalysis
import ZoningLayers

/// An analysis's parameter table (`AnalysisParameters.table`) in the project file and in JSON:
/// the section `builtup: {gap_m: 100, …}` is read entry by entry, and written back with the
/// same keys, so a `manifest.json` parameter block is itself a valid project-file section.
///
/// ```swift
/// var builtUp = BuiltUpParameters()
/// try ParameterSections.read(node, into: &builtUp)      // builtup: {gap_m: 200}
/// ParameterSections.json(builtUp).text                  // {"gap_m":200,"fill_holes_km2":1,…}
/// ```
public enum ParameterSections {
    /// Reads the section `node` into `parameters`, then validates them.
    /// - Throws: `ConfigurationError` at the line of the key at fault: an unknown key, a value
    ///   of the wrong shape, or `validate()`'s `ParameterError`.
    public static func read<Parameters: AnalysisParameters>(_ node: ConfigurationNode, into parameters: inout Parameters) throws {
        // A section written as one value sets its shorthand key (`compare_with: ../2024/out`).
        if let key = Parameters.shorthand, (try? node.entries()) == nil, let entry = Parameters.table.first(where: { $0.key == key }) {
            let read = try node.parameterValue(entry.shape)
            try located({ try parameters.set(key, read) }, in: node)
            try located(parameters.validate, in: node)
            return
        }
        let keyed = Parameters.table.filter { !$0.inline }
        let inline = Parameters.table.first { $0.inline }
        if inline == nil { _ = try node.mapping(keys: keyed.map(\.key)) }
        var named: [ParameterValue.Named] = []
        for (key, value) in try node.entries() {
            if let entry = keyed.first(where: { $0.key == key.name }) {
                let read = try value.parameterValue(entry.shape)
                try located({ try parameters.set(entry.key, read) }, in: node)
            } else if let inline, case .map(let shape, _) = inline.shape {
                guard (try? value.entries()) != nil else {
                    throw value.error("is neither a setting (\(keyed.map(\.key).joined(separator: ", "))) nor an entry of \(inline.key) {\(shape.about)}")
                }
                named.append(.init(key.name, try value.parameterValue(shape)))
            }
        }
        if let inline, !named.isEmpty {
            let entries = named
            try located({ try parameters.set(inline.key, .map(entries)) }, in: node)
        }
        try located(parameters.validate, in: node)
    }

    /// Reads the section `node` as parameters of `type` into `store`.
    public static func read(_ node: ConfigurationNode, as type: any AnalysisParameters.Type, into store: inout ParameterStore) throws {
        try read(node, type, &store)
    }

    private static func read<Parameters: AnalysisParameters>(_ node: ConfigurationNode, _ type: Parameters.Type, _ store: inout ParameterStore) throws {
        var parameters = store[type]
        try read(node, into: &parameters)
        store[type] = parameters
    }

    /// The parameters as a JSON object with the project file's keys (an inline map's entries
    /// beside the other keys, as the project file has them).
    public static func json<Parameters: AnalysisParameters>(_ parameters: Parameters) -> JSONValue {
        .object(Parameters.table.flatMap { entry -> [(key: String, value: JSONValue)] in
            let value = entry.get(parameters)
            if entry.inline, case .map(let entries) = value { return entries.map { ($0.name, json($0.value)) } }
            return [(entry.key, json(value))]
        })
    }

    /// The section of a step with a parameter table, e.g. `("builtup", {"gap_m":100,…})`; nil
    /// for a step without one.
    public static func section(_ step: any AnalysisStep) -> (key: String, value: JSONValue)? {
        guard let step = step as? any ParameterisedStep else { return nil }
        return section(of: step)
    }

    private static func section<Step: ParameterisedStep>(of step: Step) -> (key: String, value: JSONValue) {
        (Step.Parameters.section, json(step.parameters))
    }

    static func json(_ value: ParameterValue) -> JSONValue {
        switch value {
        case .number(let number): .number(number)
        case .integer(let number): .integer(Int64(number))
        case .bool(let flag): .bool(flag)
        case .text(let text): .string(text)
        case .texts(let items): .array(items.map(JSONValue.string))
        case .map(let entries): .object(entries.map { ($0.name, json($0.value)) })
        }
    }

    /// Runs `body` and reports its `ParameterError` at the line of the key at fault
    /// (`radius_m.primary` inside `coverage`, also where the file wrote 小学 for `primary`), or of
    /// the section when the key is not in the file.
    static func located(_ body: () throws -> Void, in section: ConfigurationNode) throws {
        do { try body() } catch let error as ParameterError {
            var node = section
            for part in error.key.split(separator: ".") {
                guard let entries = try? node.entries(),
                      let next = entries.first(where: { $0.key.name == part || FacilityType(name: $0.key.name)?.rawValue == String(part) })?.value
                else { break }
                node = next
            }
            throw node.error(error.problem)
        }
    }
}

extension ConfigurationNode {
    /// This value read as a parameter of `shape`.
    /// - Throws: `ConfigurationError` for a value of another shape, or a record's unknown or
    ///   missing key.
    func parameterValue(_ shape: ParameterShape) throws -> ParameterValue {
        switch shape {
        case .number: return .number(try double())
        case .integer: return .integer(try int())
        case .bool: return .bool(try bool())
        case .text: return .text(try string())
        case .texts: return .texts(try strings())
        case .map(let inner, _): return .map(try entries().map { .init($0.key.name, try $0.value.parameterValue(inner)) })
        case .record(let fields):
            let values = try mapping(keys: fields.map(\.key))
            return .map(try fields.map { field in
                guard let value = values[field.key] else { throw error("needs \(fields.map(\.key).joined(separator: " and ")); \(field.key) is missing") }
                return .init(field.key, try value.parameterValue(field.shape))
            })
        }
    }
}
