// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for residency's parsers (docs/fuzzing.md). A separate package, so the
// main build and `swift test` never see them: build with `scripts/fuzz.sh`, which adds
// `-sanitize=fuzzer,address`. Each harness is an executable whose `main` hands its test
// function to libFuzzer's driver (FuzzSupport), since SwiftPM executables bring their own main.
let package = Package(
    name: "residency-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "residency", path: "..")],
    targets: [.target(name: "FuzzSupport", dependencies: [.product(name: "ResidencyKit", package: "residency")])]
        + ["fuzz-json", "fuzz-yaml", "fuzz-policy", "fuzz-plan", "fuzz-document"].map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport", .product(name: "ResidencyKit", package: "residency")],
                swiftSettings: [.unsafeFlags(["-parse-as-library"])])
        }
)
