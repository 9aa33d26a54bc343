// swift-tools-version: 6.1
// zoning — urban–rural zoning, built-up areas and service coverage for Shandong's
// urbanization plans, over GEOS, PROJ and shapelib.
import PackageDescription

let package = Package(
    name: "zoning",
    products: [
        .executable(name: "zoning", targets: ["zoning"]),
        .library(name: "ZoningGeometry", targets: ["ZoningGeometry"]),
        .library(name: "ZoningProjection", targets: ["ZoningProjection"]),
        .library(name: "ZoningShapefile", targets: ["ZoningShapefile"]),
        .library(name: "ZoningLayers", targets: ["ZoningLayers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // C libraries from Debian, found through pkg-config.
        .systemLibrary(
            name: "CGEOS", pkgConfig: "geos",
            providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(
            name: "CPROJ", pkgConfig: "proj",
            providers: [.apt(["libproj-dev", "proj-data"])]),
        .systemLibrary(
            name: "CShapelib", pkgConfig: "shapelib",
            providers: [.apt(["libshp-dev"])]),
        .systemLibrary(
            name: "CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CGDAL", pkgConfig: "gdal",
            providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(
            name: "CLibCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),

        // Helpers shared by every layer: per-thread storage, text encodings (iconv), attribute
        // values, Parallel.map.
        .target(name: "ZoningSupport"),

        // Wrappers: every C handle is owned here and nowhere else.
        .target(name: "ZoningGeometry", dependencies: ["CGEOS", "ZoningSupport"]),
        .target(name: "ZoningProjection", dependencies: ["CPROJ", "ZoningGeometry", "ZoningSupport"]),
        .target(name: "ZoningShapefile", dependencies: ["CShapelib", "ZoningGeometry", "ZoningSupport"]),
        // PostgreSQL through libpq: connections, bound parameters, quoting, COPY, transactions.
        .target(name: "ZoningDatabase", dependencies: ["CLibPQ"]),
        // GDAL's vector formats (GeoPackage, FlatGeobuf, File Geodatabase): datasets, layers,
        // records as WKB and values.
        .target(name: "ZoningGDAL", dependencies: ["CGDAL", "ZoningSupport"]),
        // SHA-256 of files through OpenSSL's libcrypto (Debian libssl-dev, which libpq-dev brings).
        .target(name: "ZoningChecksum", dependencies: ["CLibCrypto"]),

        // The feature model: features, schemas, fields, and the source and sink protocols the
        // drivers implement and the analyses read through. No format library.
        .target(name: "ZoningFeatures", dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningSupport"]),

        // Layers: the format drivers; shapefile, GeoJSON, CSV, GDAL and PostGIS readers and
        // writers; safe output; spatial joins; reprojection of whole files.
        .target(
            name: "ZoningLayers",
            dependencies: [
                "ZoningFeatures", "ZoningGeometry", "ZoningProjection", "ZoningShapefile", "ZoningDatabase", "ZoningGDAL", "ZoningSupport",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),

        // Analyses: pure computation over in-memory layers — the input checks, built-up
        // regions, urban–rural classification, urbanization, review lists, coverage, targets.
        // No files, YAML, drawing or command-line words.
        // Life circles walk the roads with swift-collections' binary heap (HeapModule).
        .target(name: "ZoningAnalysis", dependencies: [
            "ZoningGeometry", "ZoningProjection", "ZoningFeatures", "ZoningSupport",
            .product(name: "HeapModule", package: "swift-collections"),
        ]),

        // The push-down engine: built-up regions, classification and coverage as SQL inside
        // PostGIS (zoning run --engine postgis), read back into the analyses' result types.
        .target(name: "ZoningPushDown", dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningAnalysis", "ZoningDatabase"]),

        // The synthetic sample county in the land-survey schema (zoning sample).
        .target(name: "ZoningSample", dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningShapefile", "ZoningLayers", "ZoningSupport"]),

        // The report: the HTML page, its SVG maps and every word of it, from what a run computed
        // (`ReportRun`); each analysis's section. No project files, no writing.
        .target(name: "ZoningReport", dependencies: ["ZoningGeometry", "ZoningProjection", "ZoningFeatures", "ZoningAnalysis", "ZoningSupport"]),

        // The main job: the project file (YAML), the registered analyses, the run, the outputs
        // of each analysis, the manifest, publishing into PostGIS.
        .target(
            name: "ZoningProject",
            dependencies: [
                "ZoningGeometry", "ZoningProjection", "ZoningLayers", "ZoningAnalysis", "ZoningReport", "ZoningPushDown", "ZoningDatabase", "ZoningChecksum", "ZoningSupport",
                .product(name: "Yams", package: "Yams"),
            ]),

        // The command line: one file per subcommand over the layers above. A library so that
        // the executable is one line; tests run the built binary as a user does.
        .target(
            name: "ZoningCommands",
            dependencies: [
                "ZoningGeometry", "ZoningProjection", "ZoningShapefile", "ZoningLayers", "ZoningSample", "ZoningAnalysis", "ZoningReport", "ZoningProject",
                "ZoningDatabase", "ZoningSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(name: "zoning", dependencies: ["ZoningCommands"]),

        // The fuzz targets (Scripts/fuzz.sh): libFuzzer's driver in a fuzz build, a replayer
        // and seed maker in the normal one. CLibFuzzer only declares the driver.
        .systemLibrary(name: "CLibFuzzer"),
        .executableTarget(name: "zoning-fuzz", dependencies: [
            "CLibFuzzer", "ZoningCommands", "ZoningProject", "ZoningLayers", "ZoningGeometry",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // The GEOS micro-benchmark (Scripts/bench-geos.sh): the wrapper's hot calls timed against
        // the same GEOS C calls. The one module besides ZoningGeometry that imports CGEOS.
        .executableTarget(name: "zoning-microbench", dependencies: ["CGEOS", "ZoningGeometry"]),

        // Locates the shared test data folder beside the checkout, for the tests that read real third-party files.
        .target(name: "ZoningTestSupport", dependencies: ["CGDAL"], path: "Tests/ZoningTestSupport"),
        .testTarget(name: "ZoningSupportTests", dependencies: ["ZoningSupport", "ZoningTestSupport"]),
        .testTarget(name: "ZoningGeometryTests", dependencies: ["ZoningGeometry", "ZoningTestSupport"]),
        .testTarget(name: "ZoningProjectionTests", dependencies: ["ZoningProjection", "ZoningTestSupport"]),
        .testTarget(name: "ZoningShapefileTests", dependencies: ["ZoningShapefile", "CShapelib", "ZoningTestSupport"]),
        .testTarget(name: "ZoningGDALTests", dependencies: ["ZoningGDAL", "ZoningSupport", "ZoningTestSupport"]),
        .testTarget(name: "ZoningChecksumTests", dependencies: ["ZoningChecksum", "ZoningTestSupport"]),
        .testTarget(name: "ZoningDatabaseTests", dependencies: ["ZoningDatabase", "ZoningTestSupport"]),
        .testTarget(name: "ZoningLayersTests", dependencies: ["ZoningLayers", "ZoningDatabase", "ZoningGeometry", "ZoningProjection", "ZoningTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ZoningAnalysisTests", dependencies: [
            "ZoningAnalysis", "ZoningLayers", "ZoningGeometry", "ZoningProjection", "ZoningSupport", "ZoningDatabase", "ZoningTestSupport"]),
        .testTarget(name: "ZoningPushDownTests", dependencies: [
            "ZoningPushDown", "ZoningProject", "ZoningAnalysis", "ZoningDatabase", "ZoningGeometry", "ZoningProjection", "ZoningTestSupport"]),
        .testTarget(name: "ZoningSampleTests", dependencies: ["ZoningSample", "ZoningLayers", "ZoningTestSupport"]),
        // One run of the embedded sample, shared by the tests of the project and of the report.
        .target(name: "ZoningSampleRun", dependencies: ["ZoningProject", "ZoningTestSupport"], path: "Tests/ZoningSampleRun"),
        .testTarget(name: "ZoningReportTests", dependencies: [
            "ZoningReport", "ZoningProject", "ZoningAnalysis", "ZoningLayers", "ZoningGeometry", "ZoningProjection", "ZoningSupport", "ZoningTestSupport",
            "ZoningSampleRun"]),
        .testTarget(name: "ZoningProjectTests", dependencies: [
            "ZoningProject", "ZoningReport", "ZoningDatabase", "ZoningAnalysis", "ZoningLayers", "ZoningGeometry", "ZoningProjection", "ZoningSupport",
            "ZoningTestSupport", "ZoningSampleRun"]),
        .testTarget(name: "ArchitectureTests", dependencies: ["ZoningTestSupport"]),
        // Runs the zoning-fuzz binary (built with the tests) as Scripts/fuzz.sh does, without the fuzzer.
        .testTarget(name: "zoning-fuzzTests", dependencies: ["ZoningTestSupport"]),
        // Runs the zoning-microbench binary (built with the tests) on a small workload: its paths agree.
        .testTarget(name: "zoning-microbenchTests", dependencies: ["ZoningTestSupport"]),
        .testTarget(name: "ZoningCommandsTests", dependencies: [
            "ZoningCommands", "ZoningProject", "ZoningDatabase", "ZoningTestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    ]
)
