// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "rehab",
    products: [
        .executable(name: "rehab", targets: ["rehab"]),
        .library(name: "RehabKit", targets: ["RehabKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
        // Already resolved for postgres-nio: SHA-1 for name-based UUIDs (v5) and SHA-256 for the
        // store copy's checksum.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.0.0"..<"5.0.0"),
    ],
    targets: [
        // libyaml (Debian `libyaml-dev`) as a system library; only YAMLReader imports it.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"])]
        ),
        // libqrencode (Debian `libqrencode-dev`): the printed sheet's QR code.
        .systemLibrary(name: "CQREncode", pkgConfig: "libqrencode", providers: [.apt(["libqrencode-dev"])]),
        // What `rehab log scan` reads with: zbar finds the sheet's QR code; libspng and libjpeg-turbo
        // decode PNG and JPEG (both fuzzed continuously upstream; Debian `libzbar-dev`,
        // `libspng-dev`, `libturbojpeg0-dev`).
        .systemLibrary(name: "CScanImage", pkgConfig: "zbar", providers: [.apt(["libzbar-dev", "libspng-dev", "libturbojpeg0-dev"])]),
        // A located node tree built from libyaml's events: every node knows its line and column.
        .target(name: "YAMLReader", dependencies: ["CLibYAML"]),
        // All logic: models, loading, validation. Never prints, never exits, never reads the clock.
        .target(
            name: "RehabKit",
            dependencies: ["YAMLReader", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/default-rules.yaml"), .copy("Resources/outcome-tests.yaml")]
        ),
        // The geometry of a printed week's tick sheet (every box, mark and the code) and its code: what
        // printing lays out and scanning reads by, so that the two cannot differ.
        .target(name: "SheetGeometry", dependencies: ["RehabKit"]),
        // The helper programs printing and scanning run (Chromium, pdftotext, pdftoppm): a process group
        // of their own, a time limit.
        .target(name: "ProcessRunner"),
        // Printable weekly routines: the only target that touches Mustache.
        .target(
            name: "RehabPrint",
            dependencies: ["RehabKit", "SheetGeometry", "ProcessRunner", "CQREncode", .product(name: "Mustache", package: "swift-mustache")],
            resources: [.copy("Templates")]
        ),
        // The progress log: the only target that touches GRDB (system SQLite, libsqlite3-dev) and
        // postgres-nio (the log shared by several sites on a PostgreSQL server).
        .target(
            name: "RehabTracking",
            dependencies: ["RehabKit", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log")]
        ),
        // Scanned sheets read back: images in, the boxes' marks out (never prints); and the scan
        // import's policy (`ScanImport`), which stores what was read through the log's checks.
        .target(name: "RehabScan", dependencies: ["RehabKit", "SheetGeometry", "ProcessRunner", "RehabTracking", "CScanImage"]),
        // Benchmark workloads and synthetic inputs (a clinic, ticks, scans and photos of a sheet) for
        // `rehab bench` and the tests: kept out of the library targets.
        .target(name: "RehabBench", dependencies: ["RehabKit", "YAMLReader", "SheetGeometry", "RehabTracking", "RehabScan"]),
        // ArgumentParser commands and the diagnostic printer.
        .target(
            name: "RehabCLI",
            dependencies: [
                "RehabKit", "SheetGeometry", "RehabPrint", "RehabTracking", "RehabScan", "RehabBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "rehab", dependencies: ["RehabCLI"]),
        .target(
            name: "TestSupport",
            dependencies: ["RehabKit", "YAMLReader"],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "YAMLReaderTests",
            dependencies: ["YAMLReader", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RehabKitTests",
            // RehabTracking for FuzzRegressionTests: the fuzz target reads every input as a progress-log CSV too.
            dependencies: ["RehabKit", "RehabTracking", "RehabBench", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RehabPrintTests",
            dependencies: ["RehabPrint", "SheetGeometry", "RehabKit", "TestSupport"]
        ),
        .testTarget(
            name: "RehabTrackingTests",
            dependencies: ["RehabTracking", "RehabKit", "RehabPrint", "SheetGeometry", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "RehabScanTests",
            dependencies: ["RehabScan", "SheetGeometry", "RehabPrint", "RehabKit", "RehabTracking", "RehabBench", "TestSupport"]
        ),
        .testTarget(
            name: "RehabCLITests",
            dependencies: ["TestSupport", "rehab", "RehabCLI", "RehabScan", "SheetGeometry", "RehabPrint", "RehabTracking", "RehabBench"]
        ),
    ]
)
