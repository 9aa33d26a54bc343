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
/// - **An earlier run** is recognised by what only zoning writes (`PreviousRun`): a
///   `manifest.json` of zoning's schema (`toolkit.zoning`, `outputs` with each file's bytes and
///   SHA-256) and beside it exactly the files it lists, each with its checksum — nothing else.
///   A folder holding anything more or different is never replaced, even with `overwrite`; the
///   error names the files that are not zoning's.
/// - **Commit** re-checks, atomically, that the output holds what the run found there at its
///   start. A new output is put in place with `renameat2(RENAME_NOREPLACE)`, which refuses a
///   folder that appeared meanwhile (a user's, or a second run's). An existing one is swapped
///   with the staging folder in one step (`FolderExchange`, `RENAME_EXCHANGE`); what was swapped
///   out is examined before it is removed, and swapped back when it is no longer what the run
///   found (a file was added, a second run replaced it). Where the file system cannot exchange,
///   the old run is renamed aside, examined, the new one renamed in, and the old removed; a run
///   killed between those renames is repaired by the next (below).
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
final class RunFolder {
    let output: String
    let staging: String
    /// What was at `output` when the run began; the commit replaces nothing else.
    let found: Found
    /// Set when the staging name holds what was at the output (a commit that could not put it
    /// back): `discard` then leaves it.
    private var stagingHoldsTheOutput = false

    enum Found: Equatable {
        case nothing
        case emptyFolder
        /// An earlier run, with the SHA-256 of its `manifest.json`.
        case run(manifest: String)
    }

    /// The prefix of the staging folders of `output`: `/data/.out.zoning-staging-`.
    static func stagingPrefix(_ output: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingLastPathComponent().path + "/.\(url.lastPathComponent).zoning-staging-"
    }

    /// Cleans what killed runs left beside `output`, then checks that `output` may be written.
    /// - Throws: `RunError` when `output` is a file or a symbolic link, is a folder that does
    ///   not hold exactly an earlier run (`notARunFolder`, naming the files that are not
    ///   zoning's), or holds one and `overwrite` is false.
    init(output: String, overwrite: Bool) throws {
        Self.cleanLeftovers(of: output)
        var info = stat()
        if lstat(output, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFLNK {
                throw RunError.outputIsALink(path: output, target: PathIdentity.resolved(output))
            }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw RunError.outputIsAFile(path: output) }
            let contents = try FileManager.default.contentsOfDirectory(atPath: output)
            if contents.isEmpty {
                found = .emptyFolder
            } else {
                let previous = PreviousRun(folder: output)
                guard let manifest = previous.manifest, previous.notZoning.isEmpty else {
                    throw RunError.notARunFolder(path: output, files: previous.notZoning)
                }
                guard overwrite else { throw RunError.outputExists(path: output) }
                found = .run(manifest: manifest)
            }
        } else {
            found = .nothing
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

    /// Puts the staging folder in place of `output`; the old run is removed once the new one is
    /// there. Only what the run found at `output` when it began is replaced: anything that
    /// appeared or changed there meanwhile is kept, and the commit throws
    /// `RunError.changedDuringRun` (the staging folder is then the caller's to `discard`).
    /// A Ctrl-C during the commit is handled after it.
    func commit() throws {
        try Interruption.uninterrupted {
            do {
                var info = stat()
                if found == .nothing || lstat(output, &info) != 0 {
                    try placeNew()
                } else {
                    try replaceFound()
                }
                Interruption.unregister(staging)
                Interruption.written(output)
            } catch let error as RunError {
                throw error
            } catch {
                let folder = URL(fileURLWithPath: output).deletingLastPathComponent().path
                throw RunError.cannotWrite(path: output, problem: FileAccess.writeProblem(error, folder: folder) ?? error.localizedDescription)
            }
        }
    }

    /// Renames the staging folder to `output`, which must not exist: whatever appeared there
    /// since the start is kept.
    private func placeNew() throws {
        switch FolderExchange.moveToNew(staging, output) {
        case .moved: return
        case .targetExists: throw RunError.changedDuringRun(path: output, files: PreviousRun.listing(output))
        case .failed(let code): throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        case .unsupported:
            // No RENAME_NOREPLACE on this file system: checked just before the rename.
            var info = stat()
            guard lstat(output, &info) != 0 else { throw RunError.changedDuringRun(path: output, files: PreviousRun.listing(output)) }
            try FileManager.default.moveItem(atPath: staging, toPath: output)
        }
    }

    /// Swaps the staging folder with `output`, then examines what came out: removed when it
    /// is what the run found at its start, else swapped back.
    private func replaceFound() throws {
        let files = FileManager.default
        if FolderExchange.swap(staging, output) {
            // `staging` now holds what was at `output`.
            let changed = changes(in: staging)
            guard changed.isEmpty else {
                guard FolderExchange.swap(staging, output) else {
                    // Never reached in practice (the same two names were just exchanged); what
                    // came out is kept under a visible name, never removed.
                    let kept = output + ".kept-by-zoning-\(getpid())"
                    let keptAt = (try? files.moveItem(atPath: staging, toPath: kept)) != nil ? kept : staging
                    stagingHoldsTheOutput = keptAt == staging
                    Interruption.unregister(staging)
                    throw RunError.cannotWrite(path: output, problem: "it changed during the run (\(RunError.list(changed))); this run's results are in it, "
                        + "and what was there is now at \(keptAt), from where zoning could not put it back: move it back by hand")
                }
                throw RunError.changedDuringRun(path: output, files: changed)
            }
            try files.removeItem(atPath: staging)
        } else {
            let old = staging + "-old"
            try files.moveItem(atPath: output, toPath: old)
            let changed = changes(in: old)
            guard changed.isEmpty else {
                try files.moveItem(atPath: old, toPath: output)
                throw RunError.changedDuringRun(path: output, files: changed)
            }
            // Something taking the output's place in between is kept; the old run then stays
            // beside it, where the next run puts it back once the output is free.
            try placeNew()
            try files.removeItem(atPath: old)
        }
    }

    /// What differs in `folder` (the output as it is at the commit) from what the run found
    /// there at its start; empty when `folder` may be removed.
    private func changes(in folder: String) -> [String] {
        guard case .run(let manifest) = found else { return PreviousRun.listing(folder).filter { $0 != "an empty folder" } }
        let now = PreviousRun(folder: folder)
        guard let current = now.manifest, now.notZoning.isEmpty else { return now.notZoning }
        return current == manifest ? [] : ["manifest.json (another run replaced the one found at the start)"]
    }

    /// `error`, from writing into the staging folder, said of the output folder: its paths
    /// name the output (the staging name means nothing to the user), and the message says
    /// what became of the previous run. Errors that do not name the staging folder are kept.
    func explained(_ error: any Error) -> any Error {
        let text = "\(error)"
        // A RunError already speaks of the output (and may name the staging folder on purpose).
        guard !(error is RunError), text.contains(staging) else { return error }
        return RunError.writeFailed(
            output: output, message: text.replacingOccurrences(of: staging, with: output),
            previousKept: FileManager.default.fileExists(atPath: output + "/manifest.json"))
    }

    /// Removes the staging folder after a failed write. When the failure comes from a Ctrl-C
    /// (the interruption moved the folder away under the writers), waits for its exit instead.
    func discard() {
        Interruption.uninterrupted {
            if !stagingHoldsTheOutput { try? FileManager.default.removeItem(atPath: staging) }
            Interruption.unregister(staging)
        }
    }
}


/// Why a run's output folder cannot be written. Each case says what to do.
public enum RunError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The output folder holds a previous run; `--overwrite` replaces it.
    case outputExists(path: String)
    /// The output folder holds files that are not exactly an earlier zoning run (`files`:
    /// those no zoning manifest lists, changed since the run, or missing); it is never
    /// replaced, not even with `--overwrite`.
    case notARunFolder(path: String, files: [String])
    /// Something appeared or changed at the output while the run worked (`files`); it was kept,
    /// and the run's results were not written.
    case changedDuringRun(path: String, files: [String])
    /// The output path is a file.
    case outputIsAFile(path: String)
    /// The output path is a symbolic link (to `target`); name the folder itself.
    case outputIsALink(path: String, target: String)
    /// The output folder holds an input of the run (it is replaced as a whole).
    case outputHoldsInput(output: String, input: String)
    /// The file system refused (permissions, space).
    case cannotWrite(path: String, problem: String)
    /// Writing the run's files failed (`message` names the file, with the output folder's
    /// name); `previousKept` says that an earlier run is still in the folder, unchanged.
    case writeFailed(output: String, message: String, previousKept: Bool)
    /// An input vanished or became unreadable during the run; `problem` says why when known.
    case cannotRead(path: String, problem: String?)
    /// An input changed (size, modification time or inode) while the run read and analysed
    /// it, so its checksum would not be that of the bytes the run read.
    case inputChanged(path: String)

    public var description: String {
        switch self {
        case .outputExists(let path):
            return "\(path) holds a previous run. Pass --overwrite to replace it, or choose another folder with --out"
        case let .notARunFolder(path, files):
            return "\(path) holds files that zoning did not write (\(Self.list(files))), so zoning will not replace it, even with --overwrite: "
                + "it replaces only a folder holding exactly an earlier run, as that run's manifest.json lists it. "
                + "Move those files elsewhere, or choose an empty or new folder with --out"
        case let .changedDuringRun(path, files):
            return "\(path) changed while zoning ran (\(Self.list(files))), so zoning kept it and did not write this run's results. "
                + "Once the other program or run is done, run again, or choose another folder with --out"
        case .outputIsAFile(let path):
            return "\(path) is a file; the output must be a folder"
        case let .outputIsALink(path, target):
            return "\(path) is a symbolic link (to \(target)); zoning replaces folders, not links. Name the folder itself with --out"
        case let .outputHoldsInput(output, input):
            return "The output folder \(output) holds the input \(input), and a run replaces its folder as a whole; write the results to a folder of their own"
        case let .cannotWrite(path, problem):
            return "Cannot write \(path): \(problem)"
        case let .writeFailed(output, message, previousKept):
            let trimmed = message.hasSuffix(".") ? String(message.dropLast()) : message
            return trimmed + (previousKept ? ". The previous run in \(output) is unchanged" : ". Nothing was written to \(output)")
        case let .cannotRead(path, problem):
            return "Cannot read \(path) to record its checksum: " + (problem ?? "it is gone; was it moved during the run?")
        case .inputChanged(let path):
            return "\(path) changed while zoning read it, so the results may mix two versions of it and nothing was written. "
                + "Once the program writing it is done, run again"
        }
    }

    /// `a, b, c`: at most 10 names, then how many more.
    static func list(_ files: [String]) -> String {
        guard !files.isEmpty else { return "nothing it can read" }
        return files.prefix(10).joined(separator: ", ") + (files.count > 10 ? " and \(files.count - 10) more" : "")
    }
}

/// What a folder holds, judged against zoning's own `manifest.json`: an earlier run is
/// recognised only by a manifest of zoning's schema (`toolkit.zoning`, `inputs`,
/// `parameters`, and `outputs`, each with its `path`, `bytes` and `sha256`) and, beside it,
/// exactly the files it lists, each with its size and checksum, and the folders holding them
/// (and `maps/`, written even when empty). Links are never followed: one is not zoning's.
///
/// ```swift
/// let previous = PreviousRun(folder: "/data/out")
/// previous.manifest     // the SHA-256 of its manifest.json when it is exactly an earlier run, else nil
/// previous.notZoning    // ["index.html", "summary.csv (changed since the run)"]
/// ```
struct PreviousRun {
    /// The SHA-256 of `manifest.json` when the folder is exactly an earlier run; else nil.
    private(set) var manifest: String?
    /// What is not zoning's, as the user should see it: relative paths, with `(changed since
    /// the run)` or `(listed by manifest.json, missing)` where that is why.
    private(set) var notZoning: [String] = []

    init(folder: String) {
        let found = Self.walk(folder)
        guard let listed = Self.listedOutputs(folder + "/manifest.json") else {
            // No manifest of zoning's: nothing here is zoning's.
            let all = (found.files + found.others).sorted()
            notZoning = all.isEmpty ? found.folders.sorted().map { $0 + "/" } : all
            if notZoning.isEmpty { notZoning = ["(no manifest.json of zoning's)"] }
            return
        }
        var problems = found.others
        var entries: [String: (bytes: Int, sha256: String)] = [:]
        for entry in listed { entries[entry.path] = (entry.bytes, entry.sha256) }
        for file in found.files where file != "manifest.json" {
            guard let entry = entries[file] else {
                problems.append(file)
                continue
            }
            guard let (bytes, digest) = try? Manifest.sha256(of: folder + "/" + file), bytes == entry.bytes, digest == entry.sha256 else {
                problems.append(file + " (changed since the run)")
                continue
            }
        }
        problems += Set(entries.keys).subtracting(found.files).sorted().map { $0 + " (listed by manifest.json, missing)" }
        var holders: Set<String> = ["maps"]
        for path in entries.keys {
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty {
                holders.insert(parent)
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        problems += found.folders.filter { !holders.contains($0) }.map { $0 + "/" }
        notZoning = problems.sorted()
        guard notZoning.isEmpty else { return }
        manifest = (try? Manifest.sha256(of: folder + "/manifest.json"))?.hex
        if manifest == nil { notZoning = ["manifest.json (unreadable)"] }
    }

    /// Every entry below `folder`, relative: regular files, folders, and anything else (links,
    /// sockets: never followed), which is named with what it is.
    static func walk(_ folder: String) -> (files: [String], folders: [String], others: [String]) {
        var files: [String] = [], folders: [String] = [], others: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let path = relative.isEmpty ? folder : folder + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
                others.append(relative.isEmpty ? "(a folder zoning cannot read)" : relative + "/ (cannot be read)")
                continue
            }
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard lstat(folder + "/" + child, &info) == 0 else {
                    others.append(child)
                    continue
                }
                switch info.st_mode & S_IFMT {
                case S_IFREG: files.append(child)
                case S_IFDIR:
                    folders.append(child)
                    pending.append(child)
                case S_IFLNK: others.append(child + " (a symbolic link)")
                default: others.append(child)
                }
            }
        }
        return (files, folders, others)
    }

    /// The files `manifest` lists, when it is zoning's (its schema); nil otherwise.
    static func listedOutputs(_ manifest: String) -> [(path: String, bytes: Int, sha256: String)]? {
        var info = stat()
        // A manifest is small; a huge or odd file there is none of zoning's.
        guard lstat(manifest, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size < 64 << 20,
            let data = FileManager.default.contents(atPath: manifest),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let toolkit = object["toolkit"] as? [String: Any], toolkit["zoning"] is String,
            object["inputs"] is [Any], object["parameters"] is [String: Any],
            let outputs = object["outputs"] as? [[String: Any]]
        else { return nil }
        var listed: [(path: String, bytes: Int, sha256: String)] = []
        for output in outputs {
            guard let path = output["path"] as? String, let bytes = (output["bytes"] as? NSNumber)?.intValue, let digest = output["sha256"] as? String,
                !path.isEmpty, !path.hasPrefix("/"), path != "manifest.json",
                !path.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." || $0 == "." || $0.isEmpty })
            else { return nil }
            listed.append((path, bytes, digest))
        }
        return listed
    }

    /// What is at `path` (relative paths, sorted), to name it in a message.
    static func listing(_ path: String) -> [String] {
        var info = stat()
        guard lstat(path, &info) == 0 else { return [] }
        guard info.st_mode & S_IFMT == S_IFDIR else { return [URL(fileURLWithPath: path).lastPathComponent + " (a file)"] }
        let found = walk(path)
        let all = (found.files + found.others).sorted()
        return all.isEmpty ? ["an empty folder"] : all
    }
}
