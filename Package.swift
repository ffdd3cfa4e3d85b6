// swift-tools-version: 6.0
// iamsh — an interactive shell for AWS IAM access analysis.
// Layers (each depends only on the ones above it):
//   IAMPolicy   policy language: JSON, ARNs, documents, matching, conditions (pure)
//   IAMAnalysis model of a snapshot + the permission solver and analyses (pure, no SQLite)
//   IAMStore    snapshot loaders, SQLite schema, SQL functions, collector
//   IAMShell    command language, rendering, REPL engine (no terminal I/O)
//   iamsh       thin executable: argument parsing, libedit line editor, signals
import PackageDescription

let package = Package(
    name: "iamsh",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "iamsh", targets: ["iamsh"]),
        .executable(name: "iamsh-bench", targets: ["iamsh-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "IAMPolicy"),
        .target(name: "IAMAnalysis", dependencies: ["IAMPolicy"]),
        .target(name: "IAMStore", dependencies: ["IAMPolicy", "IAMAnalysis", "CSQLite"]),
        .target(name: "IAMShell", dependencies: ["IAMPolicy", "IAMAnalysis", "IAMStore"]),
        .executableTarget(
            name: "iamsh",
            dependencies: [
                "IAMShell", "IAMStore", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "iamsh-bench",
            dependencies: ["IAMPolicy", "IAMAnalysis", "IAMStore", "IAMShell"]
        ),
        .testTarget(name: "IAMPolicyTests", dependencies: ["IAMPolicy"]),
        .testTarget(name: "IAMAnalysisTests", dependencies: ["IAMPolicy", "IAMAnalysis"]),
        .testTarget(name: "IAMStoreTests", dependencies: ["IAMPolicy", "IAMAnalysis", "IAMStore"]),
        .testTarget(name: "IAMShellTests", dependencies: ["IAMPolicy", "IAMAnalysis", "IAMStore", "IAMShell"]),
        .testTarget(name: "EndToEndTests", dependencies: ["IAMStore"]),
    ],
    swiftLanguageModes: [.v6]
)
