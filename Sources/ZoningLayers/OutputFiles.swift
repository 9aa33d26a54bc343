import Foundation
import ZoningSupport

/// Output files written under temporary names beside their final ones and moved into place
/// together once complete, so that a failed or interrupted run never leaves a half-written
/// output, and never touches an input. The temporaries (`.NAME.zoning-partial-PID-TOKEN.EXT`)
/// are removed on failure, on release, and on Ctrl-C or SIGTERM (`Interruption`); a signal
/// during `commit` is handled after it.
///
/// ```swift
/// let files = try OutputFiles(["out/a.shp", "out/a.dbf"], inputs: ["in/a.shp"], overwrite: false)
/// try write(to: files.temporaryPath(for: "out/a.shp"))
/// try files.commit()   // or let it go: unfinished temporaries are deleted
/// ```
public final class OutputFiles {
    /// The final paths, as given.
    public let finalPaths: [String]
    private let temporaries: [String: String]
    private var committed = false

    /// Checks the outputs before anything is written.
    ///
    /// - Throws: `LayerError.outputIsInput` when an output is one of `inputs` (after resolving
    ///   `..` and symbolic links), `.outputExists` when one exists and `overwrite` is false,
    ///   `.outputFolderMissing` when a folder is missing.
    public init(_ finalPaths: [String], inputs: [String], overwrite: Bool) throws {
        let manager = FileManager.default
        let inputSet = Set(inputs.map(Self.canonical))
        for path in finalPaths {
            if inputSet.contains(Self.canonical(path)) { throw LayerError.outputIsInput(path: path) }
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isFolder: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                throw LayerError.outputFolderMissing(path: path)
            }
            if !overwrite && manager.fileExists(atPath: path) { throw LayerError.outputExists(path: path) }
        }
        let token = "\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        self.finalPaths = finalPaths
        self.temporaries = Dictionary(uniqueKeysWithValues: finalPaths.map { path in
            let url = URL(fileURLWithPath: path)
            let name = ".\(url.deletingPathExtension().lastPathComponent).zoning-partial-\(token).\(url.pathExtension)"
            return (path, url.deletingLastPathComponent().appendingPathComponent(name).path)
        })
        // Before any of them exists: no moment where a signal would leave one behind.
        for temporary in temporaries.values { Interruption.register(temporary) }
    }

    deinit {
        if !committed { discard() }
    }

    /// Where to write `finalPath` until `commit()`: a hidden name in the same folder, so the
    /// final move is a rename on one file system.
    public func temporaryPath(for finalPath: String) -> String {
        temporaries[finalPath] ?? finalPath + ".zoning-partial"
    }

    /// Runs `write`, which fills the temporaries, and makes its failure say what the user can
    /// act on: the final file's name instead of the temporary one and, when the disk is full,
    /// read-only or not writable, that cause (`FileAccess.writeProblem`). Nothing is left at
    /// the final names either way.
    ///
    /// ```swift
    /// try files.writing { try data.write(to: URL(fileURLWithPath: files.temporaryPath(for: path))) }
    /// // a full disk: "out/a.geojson: could not be written: the disk is full (12 kB free …)"
    /// ```
    public func writing<T>(_ write: () throws -> T) throws -> T {
        do {
            return try write()
        } catch {
            throw explained(error)
        }
    }

    /// `error`, reworded for the final names and the disk's state (see `writing`).
    public func explained(_ error: any Error) -> any Error {
        let text = "\(error)"
        let mentioned = finalPaths.first { text.contains(temporaryPath(for: $0)) }
        guard let path = mentioned ?? finalPaths.first else { return error }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if let cause = FileAccess.writeProblem(error, folder: folder) {
            return LayerError.cannotWrite(path: path, problem: cause)
        }
        guard mentioned != nil else { return error }
        var message = text
        for final in finalPaths { message = message.replacingOccurrences(of: temporaryPath(for: final), with: final) }
        return LayerError.writeFailed(path: path, message: message)
    }

    /// Moves every written temporary to its final path, replacing what was there. Outputs whose
    /// temporary was never written are left alone.
    public func commit() throws {
        try Interruption.uninterrupted {
            let manager = FileManager.default
            for path in finalPaths {
                guard let temporary = temporaries[path], manager.fileExists(atPath: temporary) else { continue }
                if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
                try manager.moveItem(atPath: temporary, toPath: path)
            }
            committed = true
            for temporary in temporaries.values { Interruption.unregister(temporary) }
            if let first = finalPaths.first { Interruption.written(first) }
        }
    }

    /// Writes one file whole, the same safe way: under a temporary name, then renamed.
    ///
    /// ```swift
    /// try OutputFiles.write(Data(json.utf8), to: "out/classification.json", inputs: [], overwrite: false)
    /// ```
    public static func write(_ data: Data, to path: String, inputs: [String] = [], overwrite: Bool) throws {
        let files = try OutputFiles([path], inputs: inputs, overwrite: overwrite)
        try files.writing {
            try data.write(to: URL(fileURLWithPath: files.temporaryPath(for: path)))
            try files.commit()
        }
    }

    /// Deletes the temporaries.
    public func discard() {
        Interruption.uninterrupted {
            for temporary in temporaries.values {
                try? FileManager.default.removeItem(atPath: temporary)
                Interruption.unregister(temporary)
            }
        }
    }

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
