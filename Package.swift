// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way:
//   cricq → Pipeline → (Generator, Retriever, Understanding) → DSL → CricketDB → CSQLite
//   Generator, Retriever → Kernels → CKernels (+ OpenBLAS, loaded at run time)
// The two models never import each other; DSL and CricketDB know nothing of models.
let package = Package(
  name: "cricq",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "cricq", targets: ["cricq"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]),
    // Our C kernels and CPU checks (headers only). OpenBLAS is opened at run time (Kernels).
    .systemLibrary(name: "CKernels"),
    .systemLibrary(
      name: "CEditLine", pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),

    .target(name: "Kernels", dependencies: ["CKernels"]),
    // Quantised-block kernels in C: AVX2 chosen per function by target attributes, no flags.
    .target(name: "CQuant"),
    .target(name: "CricketDB", dependencies: ["CSQLite", "CZlib"]),
    .target(name: "DSL", dependencies: ["CricketDB"]),
    .target(name: "Understanding", dependencies: ["CricketDB", "DSL"]),
    .target(name: "Retriever", dependencies: ["Kernels", "DSL"]),
    .target(name: "Generator", dependencies: ["Kernels", "DSL", "CQuant"]),
    .target(
      name: "Pipeline",
      dependencies: ["CricketDB", "DSL", "Understanding", "Retriever", "Generator"]),
    .executableTarget(
      name: "cricq",
      dependencies: [
        "Pipeline", "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .testTarget(name: "KernelsTests", dependencies: ["Kernels"]),
    .testTarget(
      name: "CricketDBTests", dependencies: ["CricketDB"],
      exclude: ["Fixtures"]),
    .testTarget(name: "DSLTests", dependencies: ["DSL", "CricketDB"]),
    .testTarget(name: "UnderstandingTests", dependencies: ["Understanding"]),
    .testTarget(
      name: "RetrieverTests", dependencies: ["Retriever"],
      resources: [.copy("Fixtures")]),
    .testTarget(
      name: "GeneratorTests", dependencies: ["Generator"],
      resources: [.copy("Fixtures")]),
    .testTarget(name: "PipelineTests", dependencies: ["Pipeline"]),
  ],
  swiftLanguageModes: [.v6]
)
