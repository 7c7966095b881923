import ArgumentParser

/// `cricq bench …`: speed benchmarks, each printing medians and the ratio to a peer measured in
/// the same run. Add a subcommand in its own file and list it here.
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measures cricq's speed against peer implementations (use a release build).",
    subcommands: [
      BenchEmbed.self, BenchRetrieval.self, BenchDSL.self, BenchLink.self, BenchGenerate.self,
      BenchDecode.self, BenchAsk.self, BenchFollowUp.self,
    ]
  )
}
