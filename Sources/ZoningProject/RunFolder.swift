import Foundation
import ZoningSupport

#if canImport(Glibc)
import Glibc
#endif

/// A run's output folder, written through a staging folder beside it so that the folder holds
/// either the previous complete run or the new complete run, never a half-written one — also
/// when the process is killed.
///
/// - The staging folder is `.<name>.zoning-staging-<pid>-<uuid>` beside the output.
/// - **Commit** swaps it with the old run in one atomic step (`FolderExchange`, Linux's
///   `renameat2` with `RENAME_EXCHANGE`), then removes the old run from the staging name. Where
///   the file system cannot exchange, it renames the old run aside, the new one in, and removes
///   the old; a run killed between those renames is repaired by the next (below).
/// - **Leftovers** of killed runs are cleaned when the next run starts: staging folders whose
///   process is gone are removed, and an old run left aside with no output in its place is
///   put back first.
/// - Ctrl-C removes the staging folder (`Interruption`).
///
/// ```swift
/// let folder = try RunFolder(output: "/data/out", overwrite: true)   // checks, cleans leftovers
/// // … the analyses …
/// let staging = try folder.makeStaging()
/// // write into staging …
/// try folder.commit()   // or folder.discard() on error
/// ```
struct RunFolder {
    let output: String
    let staging: String

    /// The prefix of the staging folders of `output`: `/data/.out.zoning-staging-`.
    static func stagingPrefix(_ output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).zoning-staging-"
    }

    /// Cleans what killed runs left beside `output`, then checks that `output` may be written.
    /// - Throws: `RunError` when `output` is a file, is a folder that does not hold a previous
    ///   run, or holds one and `overwrite` is false.
    init(output: String, overwrite: Bool) throws {
        Self.cleanLeftovers(of: output)
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
        self.output = output
        staging = Self.stagingPrefix(output) + "\(getpid())-\(UUID().uuidString)"
    }

    /// Removes the staging folders of runs whose process is gone; first, when `output` is
    /// missing, puts back an old run that a killed commit left aside (`…-old`).
    static func cleanLeftovers(of output: String) {
        let files = FileManager.default
        let prefix = stagingPrefix(output)
        let parent = URL(fileURLWithPath: prefix).deletingLastPathComponent().path
        let namePrefix = URL(fileURLWithPath: prefix).lastPathComponent
        guard let names = try? files.contentsOfDirectory(atPath: parent) else { return }
        let leftovers = names.filter { $0.hasPrefix(namePrefix) }.filter { name in
            // `<pid>-<uuid>[-old]`: a folder of a live process other than this one is in use.
            guard let pid = Int32(name.dropFirst(namePrefix.count).prefix { $0 != "-" }) else { return true }
            return pid == getpid() || kill(pid, 0) != 0
        }
        if !files.fileExists(atPath: output), let aside = leftovers.first(where: { $0.hasSuffix("-old") && files.fileExists(atPath: parent + "/" + $0 + "/manifest.json") }) {
            try? files.moveItem(atPath: parent + "/" + aside, toPath: output)
        }
        for name in leftovers where files.fileExists(atPath: parent + "/" + name) {
            try? files.removeItem(atPath: parent + "/" + name)
        }
    }

    /// Makes the (empty) staging folder, and the output's parent folders if missing.
    @discardableResult
    func makeStaging() throws -> String {
        Interruption.register(staging)
        do {
            try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: staging).deletingLastPathComponent().path, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            Interruption.unregister(staging)
            let folder = URL(fileURLWithPath: staging).deletingLastPathComponent().path
            throw RunError.cannotWrite(path: output, problem: FileAccess.writeProblem(error, folder: folder) ?? error.localizedDescription)
        }
        return staging
    }

    /// Puts the staging folder in place of `output`; the old run is removed once the new one is there.
    /// A Ctrl-C during the commit is handled after it.
    func commit() throws {
        try Interruption.uninterrupted {
            defer { Interruption.unregister(staging) }
            let files = FileManager.default
            do {
                if files.fileExists(atPath: output) {
                    if FolderExchange.swap(staging, output) {
                        try files.removeItem(atPath: staging)  // now the old run
                    } else {
                        let old = staging + "-old"
                        try files.moveItem(atPath: output, toPath: old)
                        try files.moveItem(atPath: staging, toPath: output)
                        try files.removeItem(atPath: old)
                    }
                } else {
                    try files.moveItem(atPath: staging, toPath: output)
                }
                Interruption.written(output)
            } catch {
                let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
                throw RunError.cannotWrite(path: output, problem: FileAccess.writeProblem(error, folder: folder) ?? error.localizedDescription)
            }
        }
    }

    /// `error`, from writing into the staging folder, said of the output folder: its paths
    /// name the output (the staging name means nothing to the user), and the message says
    /// what became of the previous run. Errors that do not name the staging folder are kept.
    func explained(_ error: any Error) -> any Error {
        let text = "\(error)"
        guard text.contains(staging) else { return error }
        return RunError.writeFailed(
            output: output, message: text.replacingOccurrences(of: staging, with: output),
            previousKept: FileManager.default.fileExists(atPath: output + "/manifest.json"))
    }

    /// Removes the staging folder after a failed write. When the failure comes from a Ctrl-C
    /// (the interruption moved the folder away under the writers), waits for its exit instead.
    func discard() {
        Interruption.uninterrupted {
            try? FileManager.default.removeItem(atPath: staging)
            Interruption.unregister(staging)
        }
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
    /// Writing the run's files failed (`message` names the file, with the output folder's
    /// name); `previousKept` says that an earlier run is still in the folder, unchanged.
    case writeFailed(output: String, message: String, previousKept: Bool)
    /// An input vanished or became unreadable during the run; `problem` says why when known.
    case cannotRead(path: String, problem: String?)

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
        case let .writeFailed(output, message, previousKept):
            let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
            return trimmed + (previousKept ? ". The previous run in \(output) is unchanged" : ". Nothing was written to \(output)")
        case let .cannotRead(path, problem):
            return "Cannot read \(path) to record its checksum: " + (problem ?? "it is gone; was it moved during the run?")
        }
    }
}
