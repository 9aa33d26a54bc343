import Foundation

/// A run's output folder, written through a staging folder beside it so that the folder holds
/// either the previous complete run or the new complete run, never a half-written one.
///
/// ```swift
/// let folder = try RunFolder(output: "/data/out", overwrite: true)   // checks only
/// // … the analyses …
/// let staging = try folder.makeStaging()
/// // write into staging …
/// try folder.commit()   // or folder.discard() on error
/// ```
struct RunFolder {
    let output: String
    /// `.<name>.zoning-staging-<uuid>` beside `output`, made by `makeStaging()`.
    let staging: String

    /// Checks that `output` may be written, and changes nothing on disk.
    /// - Throws: `RunError` when `output` is a file, is a folder that does not hold a previous
    ///   run, or holds one and `overwrite` is false.
    init(output: String, overwrite: Bool) throws {
        let files = FileManager.default
        var isFolder: ObjCBool = false
        if files.fileExists(atPath: output, isDirectory: &isFolder) {
            guard isFolder.boolValue else { throw RunError.outputIsAFile(path: output) }
            let contents = try files.contentsOfDirectory(atPath: output)
            if !contents.isEmpty {
                guard contents.contains("manifest.json") else { throw RunError.notARunFolder(path: output) }
                guard overwrite else { throw RunError.outputExists(path: output) }
            }
        }
        let url = URL(fileURLWithPath: output)
        self.output = output
        staging = url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).zoning-staging-\(UUID().uuidString)"
    }

    /// Makes the (empty) staging folder, and the output's parent folders if missing.
    @discardableResult
    func makeStaging() throws -> String {
        do {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: staging).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw RunError.cannotWrite(path: staging, problem: error.localizedDescription)
        }
        return staging
    }

    /// Puts the staging folder in place of `output` (the old run is removed once the new one is there).
    func commit() throws {
        let files = FileManager.default
        do {
            if files.fileExists(atPath: output) {
                let old = staging + "-old"
                try files.moveItem(atPath: output, toPath: old)
                try files.moveItem(atPath: staging, toPath: output)
                try files.removeItem(atPath: old)
            } else {
                try files.moveItem(atPath: staging, toPath: output)
            }
        } catch {
            throw RunError.cannotWrite(path: output, problem: error.localizedDescription)
        }
    }

    func discard() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}

/// Why a run's output folder cannot be written. Each case says what to do.
public enum RunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output folder holds a previous run; `--overwrite` replaces it.
    case outputExists(path: String)
    /// The output folder holds files that are not a zoning run; it is never replaced.
    case notARunFolder(path: String)
    /// The output path is a file.
    case outputIsAFile(path: String)
    /// The output folder holds an input of the run (it is replaced as a whole).
    case outputHoldsInput(output: String, input: String)
    /// The file system refused (permissions, space).
    case cannotWrite(path: String, problem: String)
    /// An input vanished or became unreadable during the run.
    case cannotRead(path: String)

    public var description: String {
        switch self {
        case .outputExists(let path):
            return "\(path) holds a previous run. Pass --overwrite to replace it, or choose another folder with --out"
        case .notARunFolder(let path):
            return "\(path) holds files that are not a zoning run (no manifest.json), so zoning will not replace it. Choose an empty or new folder"
        case let .outputHoldsInput(output, input):
            return "The output folder \(output) holds the input \(input), and a run replaces its folder as a whole; write the results to a folder of their own"
        case .outputIsAFile(let path):
            return "\(path) is a file; the output must be a folder"
        case let .cannotWrite(path, problem):
            return "Cannot write \(path): \(problem)"
        case .cannotRead(let path):
            return "Cannot read \(path) to record its checksum; was it moved during the run?"
        }
    }
}
