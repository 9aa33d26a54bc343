import Foundation
import Testing
import ZoningTestSupport

/// Files zoning may not read, folders it may not write and disks that fill up are said to be
/// what they are, by file — never "no .prj", "no such shapefile" or a raw system error — and a
/// failed write leaves nothing behind and the previous run unchanged.
@Suite struct FileProblemsTests {
    static let sample = checkoutRoot + "/Shapefiles"

    /// A copy of the sample that another user may read, in `folder/s`.
    func readableSample(in folder: TemporaryFolder) throws -> String {
        let copy = folder.file("s")
        try FileManager.default.copyItem(atPath: Self.sample, toPath: copy)
        chmod(folder.path, 0o755)
        return copy
    }

    /// Runs zoning as a user without privileges: `nobody` (through util-linux's setpriv) when
    /// the tests run as root, who may read anything; otherwise as the current user.
    func runUnprivileged(_ arguments: [String]) throws -> ProcessOutcome {
        guard geteuid() == 0 else { return try CommandLine.run(arguments) }
        return try ProcessOutcome.run("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CommandLine.executable] + arguments)
    }

    /// An unreadable .cpg or .prj is not taken for a missing one (which would change the
    /// encoding or the CRS): `info` and `run` stop at once, naming it.
    @Test(arguments: ["villages.cpg", "villages.prj", "DLTB.dbf"])
    func unreadableFilesAreNamed(_ file: String) throws {
        let folder = try TemporaryFolder()
        let sample = try readableSample(in: folder)
        chmod(sample + "/" + file, 0)
        let info = try runUnprivileged(["info", sample + "/" + file.split(separator: ".")[0] + ".shp"])
        #expect(info.status == 1)
        #expect(info.errors.contains("\(file) cannot be read: permission denied"), "\(info.errors)")
        let out = folder.file("out")
        let run = try runUnprivileged(["run", sample + "/project.yaml", "--out", out, "-q"])
        #expect(run.status == 1)
        #expect(run.errors.contains("\(file) cannot be read: permission denied"), "\(run.errors)")
        #expect(!run.errors.contains("moved during the run"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A folder that may not be entered is named, not reported as a missing shapefile.
    @Test func unreadableFolderIsNamed() throws {
        let folder = try TemporaryFolder()
        let sample = try readableSample(in: folder)
        chmod(sample, 0)
        defer { chmod(sample, 0o755) }
        let info = try runUnprivileged(["info", sample + "/villages.shp"])
        #expect(info.status == 1)
        #expect(info.errors.contains("permission denied: the folder \(sample) may not be entered"), "\(info.errors)")
    }

    /// An output folder's parent that may not be written is said so.
    @Test func unwritableOutputIsNamed() throws {
        let folder = try TemporaryFolder()
        let sample = try readableSample(in: folder)
        let parent = folder.file("results")
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
        chmod(parent, 0o555)
        let run = try runUnprivileged(["run", sample + "/project.yaml", "--out", parent + "/out", "-q"])
        #expect(run.status == 1)
        #expect(run.errors.contains("\(parent)/out: permission denied"), "\(run.errors)")
        let convert = try runUnprivileged(["convert", sample + "/villages.shp", parent + "/v.geojson"])
        #expect(convert.status == 1)
        #expect(convert.errors.contains("\(parent)/v.geojson cannot be written: permission denied"), "\(convert.errors)")
    }

    /// Whether this machine lets the tests mount a small tmpfs in a private mount namespace
    /// (util-linux's unshare; as root, or unprivileged where user namespaces are allowed).
    static let canMountTmpfs: Bool = {
        (try? ProcessOutcome.run("/usr/bin/unshare", ["-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"]))?.status == 0
    }()

    /// Runs `script` with `sh` in a private mount namespace where `$D` (a fresh folder) is a
    /// tmpfs of `size`, `$Z` is zoning and `$T` a folder outside it for what the script saves;
    /// the tmpfs vanishes with the script.
    func withSmallDisk(_ size: String, _ script: String, in folder: TemporaryFolder) throws -> ProcessOutcome {
        let disk = folder.file("disk")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: false)
        let full = "mount -t tmpfs -o size=\(size) tmpfs \"$D\" || exit 99\n" + script
        return try ProcessOutcome.run(
            "/usr/bin/unshare", ["-rm", "sh", "-c", full],
            environment: ["D": disk, "Z": CommandLine.executable, "T": folder.path, "S": Self.sample])
    }

    /// A full disk while converting: the message names the output and the disk, in every
    /// format, and no partial file is left.
    @Test(.enabled(if: canMountTmpfs || ProcessInfo.processInfo.environment["CI"] == "true", "needs unshare and mount to make a small disk"))
    func fullDiskWhileConverting() throws {
        let folder = try TemporaryFolder()
        let script = """
            for out in a.shp a.geojson a.csv a.gpkg a.fgb; do "$Z" convert "$S/DLTB.shp" "$D/$out"; echo "status $?" >&2; done
            ls -A "$D" > "$T/left"
            """
        let outcome = try withSmallDisk("300k", script, in: folder)
        #expect(outcome.status == 0, "\(outcome.errors)")
        for file in ["a.dbf", "a.geojson", "a.csv", "a.gpkg", "a.fgb"] {
            #expect(outcome.errors.contains("/\(file) cannot be written: the disk is full"), "\(file): \(outcome.errors)")
        }
        #expect(outcome.errors.components(separatedBy: "status 1").count == 6)
        #expect(!outcome.errors.contains("NSCocoaErrorDomain") && !outcome.errors.contains("zoning-partial"))
        #expect(try String(contentsOfFile: folder.file("left"), encoding: .utf8).isEmpty)
    }

    /// A full disk while a run replaces an earlier one: the message names the output folder's
    /// file (not the staging folder), the earlier run stays byte for byte, and no staging
    /// folder is left.
    @Test(.enabled(if: canMountTmpfs || ProcessInfo.processInfo.environment["CI"] == "true", "needs unshare and mount to make a small disk"))
    func fullDiskWhileRunning() throws {
        let folder = try TemporaryFolder()
        let script = """
            "$Z" run "$S/project.yaml" --out "$D/out" -q || exit 98
            (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$T/before"
            "$Z" run "$S/project.yaml" --out "$D/out" --overwrite -q; echo "status $?" >&2
            (cd "$D/out" && find . -type f | sort | xargs sha256sum) > "$T/after"
            ls -A "$D" > "$T/left"
            """
        // The sample's run takes about 5 MB: one fits, a second beside it does not.
        let outcome = try withSmallDisk("7m", script, in: folder)
        #expect(outcome.status == 0, "\(outcome.errors)")
        #expect(outcome.errors.contains("status 1"))
        #expect(outcome.errors.contains("cannot be written: the disk is full"), "\(outcome.errors)")
        #expect(outcome.errors.contains("The previous run in \(folder.file("disk"))/out is unchanged"), "\(outcome.errors)")
        #expect(!outcome.errors.contains("zoning-staging") && !outcome.errors.contains("zoning-partial"))
        let before = try String(contentsOfFile: folder.file("before"), encoding: .utf8)
        #expect(before.split(separator: "\n").count > 20)
        #expect(try String(contentsOfFile: folder.file("after"), encoding: .utf8) == before)
        #expect(try String(contentsOfFile: folder.file("left"), encoding: .utf8) == "out\n")
    }
}
