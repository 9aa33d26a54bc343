import Foundation
#if FUZZING
import CLibFuzzer
#endif

/// `zoning-fuzz`: the fuzz targets of `FuzzTarget`, in two builds.
///
/// - A fuzz build (`Scripts/fuzz.sh`, compiled with `-sanitize=fuzzer,address -DFUZZING`)
///   hands the target named by `ZONING_FUZZ_TARGET` to libFuzzer, with libFuzzer's own
///   arguments: `ZONING_FUZZ_TARGET=wkt zoning-fuzz corpus/wkt -max_total_time=60`.
/// - The normal build replays inputs, to reproduce a finding or check a corpus without the
///   fuzzer, and makes the seed corpora:
///
/// ```sh
/// zoning-fuzz replay shapefile crash-3f2a…            # runs the input once
/// zoning-fuzz seeds shapefile corpus/shapefile Shapefiles ../shared/data/shapefiles
/// ```
@main
enum FuzzMain {
    static func main() throws {
        let environment = ProcessInfo.processInfo.environment
        #if FUZZING
        guard let name = environment["ZONING_FUZZ_TARGET"], let target = FuzzTarget(rawValue: name) else {
            FileHandle.standardError.write(Data("set ZONING_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
            exit(2)
        }
        Fuzzing.target = target
        Fuzzing.workspace = try FuzzWorkspace(sample: environment["ZONING_FUZZ_SAMPLE"])
        // libFuzzer's arguments, with the target's longest input unless one is given.
        var arguments = CommandLine.arguments
        if !arguments.contains(where: { $0.hasPrefix("-max_len=") }) { arguments.append("-max_len=\(target.maximumLength)") }
        let vector = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: arguments.count + 1)  // kept for the process's life
        vector.initialize(from: arguments.map { strdup($0) } + [nil], count: arguments.count + 1)
        var argc = Int32(arguments.count)
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = vector
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            Fuzzing.target?.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [], in: Fuzzing.workspace!)
            return 0
        })
        #else
        let arguments = Array(CommandLine.arguments.dropFirst())
        let usage = "usage: zoning-fuzz replay TARGET FILE|FOLDER…  or  zoning-fuzz seeds TARGET FOLDER SOURCE…; TARGET is one of \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n"
        guard arguments.count >= 3, let target = FuzzTarget(rawValue: arguments[1]) else {
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
        switch arguments[0] {
        case "replay":
            let workspace = try FuzzWorkspace(sample: environment["ZONING_FUZZ_SAMPLE"])
            var count = 0
            for path in arguments.dropFirst(2) {
                var isFolder: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                let inputs = isFolder.boolValue ? FuzzSeeds.files(under: path, suffix: "") : [path]
                for input in inputs {
                    guard let data = FileManager.default.contents(atPath: input) else { continue }
                    target.run([UInt8](data), in: workspace)
                    count += 1
                }
            }
            FileHandle.standardError.write(Data("\(target.rawValue): \(count) inputs replayed\n".utf8))
        case "seeds":
            let count = try FuzzSeeds.write(target, to: arguments[2], from: Array(arguments.dropFirst(3)))
            FileHandle.standardError.write(Data("\(target.rawValue): \(count) seeds in \(arguments[2])\n".utf8))
        default:
            FileHandle.standardError.write(Data(usage.utf8))
            exit(2)
        }
        #endif
    }
}

#if FUZZING
/// The fuzz build's state, read by the C callback (which cannot capture): set once before the
/// driver starts, then used by libFuzzer's one thread.
enum Fuzzing {
    nonisolated(unsafe) static var target: FuzzTarget?
    nonisolated(unsafe) static var workspace: FuzzWorkspace?
}
#endif
