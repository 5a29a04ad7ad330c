// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "residency",
    // macOS 15: Synchronization.Mutex (parallel slots, progress), which Linux has with every Swift 6.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "residency", targets: ["residency"]),
        .library(name: "ResidencyKit", targets: ["ResidencyKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `residency scan` finds analytics-swift's and analytics-ios's setups in Swift's own
        // syntax tree (Scan/SwiftSetups.swift): the Swift parser, not a tokenizer of ours.
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
        // SHA-256 of every input a report records (and the HTML report's CSP hash): reviewed
        // code with the CPU's SHA instructions on x86 and ARM, instead of our own rounds.
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // `swift package generate-documentation --target ResidencyKit`: the library's DocC
        // (Sources/ResidencyKit/ResidencyKit.docc). A command plugin, built only when run.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        // Tests only: generated programs and inventories for the language's properties
        // (Tests/ResidencyKitTests/Evaluation/EvaluatorPropertyTests.swift). No dependencies of its own.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libxml2 through pkg-config; the shim header works around the ICU clash with Foundation.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The undo log a signal handler runs when a run is interrupted while writing its outputs
        // (temporaries removed, replaced reports put back): async-signal-safe code, which Swift
        // cannot promise.
        .target(name: "CSignalCleanup"),
        // The core: language, checking, evaluation, inventory, catalog, reporting. Every capability lives here.
        .target(
            name: "ResidencyKit",
            dependencies: [
                "CLibXML2", "CSignalCleanup", .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftParser", package: "swift-syntax"), .product(name: "SwiftSyntax", package: "swift-syntax"),
            ],
            // Release builds leave out the run-time exclusivity checks (a thread-local access
            // set consulted on every access to a class's stored property): about 4% of a
            // nightly `check` (docs/performance.md). Debug builds, which every test runs,
            // keep them, so an overlapping access is still caught there.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // The `residency` command: parses flags, calls ResidencyKit, maps outcomes to exit codes.
        .executableTarget(
            name: "residency",
            dependencies: [
                "ResidencyKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Release-build benchmark: compile the standard-style policies, evaluate a generated model.
        .executableTarget(
            name: "residency-bench",
            dependencies: ["ResidencyKit"],
            path: "Benchmarks/residency-bench"
        ),
        // A scriptable HTTP/1.1 server on 127.0.0.1 standing in for Segment's Public API in tests.
        .target(name: "LoopbackHTTP", path: "Tests/LoopbackHTTP"),
        .testTarget(
            name: "ResidencyKitTests",
            dependencies: [
                "ResidencyKit", "LoopbackHTTP", .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Golden", "Fixtures"]
        ),
        // Runs the built `residency` binary and checks stdout, stderr and exit code.
        .testTarget(
            name: "ResidencyCLITests",
            dependencies: ["residency", "ResidencyKit", "LoopbackHTTP"]
        ),
    ]
)
