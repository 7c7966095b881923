import ArgumentParser
import DSL
import Foundation
import Pipeline

/// `cricq study`: accuracy and the model's posterior as examples are added to the prompt.
struct StudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract: "Measures accuracy and next-token entropy against the number of examples (k).",
    discussion: """
      With no options: Qwen, the first 200 test-split questions, k ∈ {0,1,2,4,8,16}, retrieved \
      and random examples, no wind tunnel. Writes results.csv (one row per question × k × \
      selection × model), windtunnel.csv, report.md and plots to --out. A killed run \
      continues from results.csv.
      """)

  @Option(help: "Numbers of examples in the prompt, separated by commas.")
  var k = "0,1,2,4,8,16"

  @Option(help: "Example selections: retrieved, random (comma-separated).")
  var select = "retrieved,random"

  @Option(help: "Models: qwen, smollm, or .gguf paths (comma-separated).")
  var model = "qwen"

  @Option(
    help: "Questions (JSONL): test-split pairs, else all, leave-one-out (default: test.jsonl).")
  var eval: String?

  @Option(help: "Corpus folder: its train files are the example pool, as for ask.")
  var corpus = "corpus"

  @Option(help: "Use only the first N questions.")
  var limit = 200

  @Option(help: "Seed for random selection, the wind tunnel and the bootstrap.")
  var seed: UInt64 = 1

  @Option(help: "Output folder.")
  var out = "study-out"

  @Option(help: "Wind-tunnel trials per model (0 skips it).")
  var windTrials = 0

  @Flag(help: "Only rewrite report.md and the plots from the CSV files in --out.")
  var reportOnly = false

  func validate() throws {
    if limit < 1 {
      throw ValidationError("--limit must be at least 1, found \(limit)")
    }
    guard windTrials >= 0 else {
      throw ValidationError("--wind-trials must not be negative, found \(windTrials)")
    }
    do {
      _ = try StudyConfiguration.parseKs(k)
      _ = try StudyConfiguration.parseSelections(select)
      _ = try StudyConfiguration.parseModels(model)
    } catch {
      throw ValidationError("\(error)")
    }
  }

  func run() throws {
    let output = URL(fileURLWithPath: out, isDirectory: true)
    if reportOnly {
      for file in try Study.writeReport(output: output, seed: seed) { print("wrote \(file.path)") }
      return
    }
    let folder = URL(fileURLWithPath: corpus, isDirectory: true)
    var configuration = StudyConfiguration(
      evalFile: eval.map { URL(fileURLWithPath: $0) }
        ?? StudyConfiguration.defaultEvalFile(corpus: folder),
      corpusFolder: folder, output: output)
    configuration.ks = try StudyConfiguration.parseKs(k)
    configuration.selections = try StudyConfiguration.parseSelections(select)
    configuration.models = try StudyConfiguration.parseModels(model)
    configuration.limit = limit
    configuration.seed = seed
    configuration.windTunnelTrials = windTrials
    try Study(configuration: configuration).run { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  }
}
