import CSV
import Foundation
import ZoningGeometry
import ZoningProjection
import ZoningSupport

/// Writes an attribute table as CSV in UTF-8, with a byte-order mark by default so that Excel
/// on Chinese Windows opens it as UTF-8 rather than GBK.
///
/// Point layers get two more columns, `X` and `Y`, with the coordinates in the layer's CRS;
/// other geometries are left out (the CSV is their attribute table). Dates are `YYYY-MM-DD`,
/// null cells empty, reals rounded to their field's precision when it has one
/// (`Field.written`).
///
/// The files are meant for Excel, which evaluates a cell starting with `=`, `+`, `-` or `@`
/// (and, after a tab or a carriage return, what follows) as a formula: a village named
/// `=HYPERLINK(…)` would run. Such text cells, header names included, are written with a
/// leading `'` (OWASP's advice against CSV injection, `neutralised`); cells that are plain
/// numbers (`-5`, `-0.25`, `-1.5e-3`) stay numbers, whatever their field's type.
///
/// ```swift
/// try CSVTableWriter.write(to: "rates.csv", schema: schema) { emit in try layer.forEach(emit) }
/// ```
public enum CSVTableWriter {
    public struct Options: Sendable {
        public var byteOrderMark = true
        public var overwrite = false
        public var inputs: [String] = []

        public init(byteOrderMark: Bool = true, overwrite: Bool = false, inputs: [String] = []) {
            self.byteOrderMark = byteOrderMark
            self.overwrite = overwrite
            self.inputs = inputs
        }
    }

    /// - Parameters:
    ///   - geometryTransform: applied to each point once, as its X, Y are written (e.g. a
    ///     reprojection); the first pass, which looks at geometry types only, does not use it.
    ///   - features: called twice with a function to pass every feature to, in the same order.
    /// - Returns: the number of rows written (header aside).
    @discardableResult
    public static func write(
        to path: String, schema: Schema, options: Options = Options(),
        geometryTransform: ((Geometry) throws -> Geometry)? = nil,
        features: ((Feature) throws -> Void) throws -> Void
    ) throws -> Int {
        // Whether every geometry is a point decides the X, Y columns: look first.
        var allPoints = true, anyGeometry = false
        try features { feature in
            guard let geometry = feature.geometry, !geometry.isEmpty else { return }
            anyGeometry = true
            if geometry.type != .point { allPoints = false }
        }
        let withXY = anyGeometry && allPoints
        let files = try OutputFiles([path], inputs: options.inputs, overwrite: options.overwrite)
        return try files.writing {
            let temporary = files.temporaryPath(for: path)
            guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
                throw LayerError.cannotWrite(path: path, problem: "the file cannot be created")
            }
            defer { try? handle.close() }
            // CSV.swift writes a byte at a time: gathered here, they reach the file in 64 KiB pieces.
            let stream = BufferedFileStream(handle: handle)
            stream.open()
            if options.byteOrderMark { _ = stream.write([0xEF, 0xBB, 0xBF], maxLength: 3) }
            let csv = try CSVWriter(stream: stream)
            try csv.write(row: (schema.names + (withXY ? ["X", "Y"] : [])).map(neutralised))
            var count = 0
            try features { feature in
                var row = feature.attributes.enumerated().map { column, value in
                    neutralised((column < schema.fields.count ? schema.fields[column].written(value) : value).description)
                }
                if withXY {
                    let point = try feature.geometry.map { try geometryTransform?($0) ?? $0 }?.coordinates.first
                    row += [point.map { String($0.x) } ?? "", point.map { String($0.y) } ?? ""]
                }
                try csv.write(row: row)
                count += 1
            }
            _ = csv.stream.write([0x0A], maxLength: 1)  // CSV.swift ends the last row without one
            csv.stream.close()
            // A full disk shows here (the file system's error, which `writing` words).
            if let failure = stream.failure { throw failure }
            if csv.stream.streamStatus == .error {
                throw LayerError.cannotWrite(path: path, problem: "the file could not be written whole")
            }
            try files.commit()
            return count
        }
    }

    /// The cell as written: text that a spreadsheet would take for a formula — starting with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return — with a `'` before it, so that Excel
    /// shows it as text; a plain decimal number (`-5`, `+0.25`, `-1.5e-3`) as it is, so that it
    /// stays a number. Any other cell is unchanged.
    ///
    /// ```swift
    /// CSVTableWriter.neutralised("=HYPERLINK(\"http://x\")")  // "'=HYPERLINK(\"http://x\")"
    /// CSVTableWriter.neutralised("-0.25")                      // "-0.25"
    /// CSVTableWriter.neutralised("-2+3")                       // "'-2+3"
    /// ```
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return isPlainNumber(text) ? text : "'" + text
    }

    /// `[+-]digits[.digits][e[+-]digits]`, with digits on at least one side of the point.
    static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let c = scalars.first, ("0"..."9").contains(c) { scalars.removeFirst(); count += 1 }
            return count
        }
        if let c = scalars.first, c == "+" || c == "-" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let c = scalars.first, c == "e" || c == "E" {
            scalars.removeFirst()
            if let c = scalars.first, c == "+" || c == "-" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }
}

/// The stream `CSVWriter` writes to: its writes of a byte or a few at a time gathered in
/// memory and handed to the file in 64 KiB pieces, instead of one system call each (a
/// Foundation file stream writes through at once). The first error of the file is kept in
/// `failure`; writes after it fail.
///
/// ```swift
/// let stream = BufferedFileStream(handle: handle)
/// stream.open()
/// let csv = try CSVWriter(stream: stream)   // …rows…
/// stream.close()                            // the rest written
/// if let failure = stream.failure { throw failure }
/// ```
final class BufferedFileStream: OutputStream {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var status: Stream.Status = .notOpen
    /// Why writing to the file failed (a full disk), if it did.
    private(set) var failure: (any Error)?

    init(handle: FileHandle) {
        self.handle = handle
        super.init(toMemory: ())
    }

    /// Foundation requires it of a subclass; such a stream keeps what it is given.
    required init(toMemory: ()) {
        handle = nil
        super.init(toMemory: ())
    }

    override func open() { status = .open }
    override func close() {
        flush()
        status = failure == nil ? .closed : .error
    }
    override var streamStatus: Stream.Status { status }
    override var hasSpaceAvailable: Bool { failure == nil }

    override func write(_ bytes: UnsafePointer<UInt8>, maxLength length: Int) -> Int {
        guard failure == nil else { return -1 }
        buffer.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
        if buffer.count >= 1 << 16 { flush() }
        return failure == nil ? length : -1
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty, let handle else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
            status = .error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
