// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "tracestock",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tracestock", targets: ["tracestock"]),
        .executable(name: "tracestock-bench", targets: ["tracestock-bench"]),
        .library(name: "Tracestock", targets: ["Tracestock"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // HTTP API (tracestock serve): Hummingbird without its swift-configuration trait.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-openapi-generator", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Web UI (tracestock serve): server-rendered Mustache templates.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // Pure domain: identifiers, serial expressions, state machine, restock math. No I/O.
        .target(name: "TracestockCore", swiftSettings: swiftSettings),
        // zlib, for PNG compression (compress2) and chunk checksums (crc32).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // Label renderers: SVG, PNG, ZPL II and the label layouts.
        .target(name: "TracestockLabels", dependencies: ["TracestockCore", "CZlib"], swiftSettings: swiftSettings),
        // The application service and the LedgerStore protocol every store implements.
        .target(
            name: "Tracestock",
            dependencies: [
                "TracestockCore",
                "TracestockLabels",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The embedded default store: SQLite through GRDB.
        .target(
            name: "TracestockSQLite",
            dependencies: [
                "Tracestock",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The shared store for several servers: PostgreSQL through postgres-nio.
        .target(
            name: "TracestockPostgres",
            dependencies: [
                "Tracestock",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // The HTTP API contract: openapi.yaml, the code generated from it, and the handler type
        // implementing the generated APIProtocol on top of the Tracestock service.
        .target(
            name: "TracestockAPI",
            dependencies: [
                "Tracestock",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            resources: [.copy("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The HTTP server: buildApplication/buildRouter, middleware (request id, logging, metrics,
        // auth and roles, error mapping, rate limiting), health, readiness, metrics, the spec.
        .target(
            name: "TracestockServer",
            dependencies: [
                "Tracestock",
                "TracestockAPI",
                "TracestockWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // The web UI: pages rendered on the server from Mustache templates, cookie sessions,
        // CSRF tokens, over the same Tracestock service as the API.
        .target(
            name: "TracestockWeb",
            dependencies: [
                "Tracestock",
                "TracestockLabels",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")],
            swiftSettings: swiftSettings
        ),
        // The command-line interface as a library, so tests can drive it in-process.
        .target(
            name: "TracestockCLI",
            dependencies: [
                "Tracestock",
                "TracestockSQLite",
                "TracestockPostgres",
                "TracestockServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "tracestock", dependencies: ["TracestockCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "tracestock-bench",
            dependencies: [
                "Tracestock",
                "TracestockSQLite",
                "TracestockPostgres",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                "TracestockServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // libFuzzer harness over the scan parser (scripts/fuzz-scan.sh); a plain build replays crash files.
        .executableTarget(name: "tracestock-fuzz-scan", dependencies: ["TracestockCore"], swiftSettings: swiftSettings),
        .testTarget(name: "TracestockCoreTests", dependencies: ["TracestockCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TracestockLabelsTests",
            dependencies: ["TracestockLabels", "TracestockCore", "CZlib"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TracestockTests",
            dependencies: [
                "Tracestock", "TracestockSQLite", "TracestockPostgres", "TracestockCLI", "TracestockServer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TracestockWebTests",
            dependencies: [
                "Tracestock", "TracestockSQLite", "TracestockServer", "TracestockWeb",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TracestockServerTests",
            dependencies: [
                "Tracestock", "TracestockSQLite", "TracestockServer", "TracestockAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
