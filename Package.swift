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
    ],
    targets: [
        // Pure domain: identifiers, serial expressions, state machine, restock math. No I/O.
        .target(name: "TracestockCore", swiftSettings: swiftSettings),
        // The application service and the LedgerStore protocol every store implements.
        .target(
            name: "Tracestock",
            dependencies: [
                "TracestockCore",
                .product(name: "Crypto", package: "swift-crypto"),
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
        // The command-line interface as a library, so tests can drive it in-process.
        .target(
            name: "TracestockCLI",
            dependencies: [
                "Tracestock",
                "TracestockSQLite",
                "TracestockPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(name: "tracestock", dependencies: ["TracestockCLI"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "tracestock-bench",
            dependencies: [
                "Tracestock",
                "TracestockSQLite",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TracestockCoreTests", dependencies: ["TracestockCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TracestockTests",
            dependencies: ["Tracestock", "TracestockSQLite", "TracestockPostgres", "TracestockCLI"],
            swiftSettings: swiftSettings
        ),
    ]
)
