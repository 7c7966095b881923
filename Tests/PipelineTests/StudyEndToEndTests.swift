import DSL
import Foundation
import Testing

@testable import Pipeline

/// A tiny real study: SmolLM2, the first 2 test-split questions against the product's example
/// pool, k ∈ {0, 1, 2}, both selections, 2 wind-tunnel trials. Needs `scripts/setup` (models and
/// database). Takes 40 s in release under load 8–12
/// (`swift test -c release -Xswiftc -enable-testing --filter tinyStudy`), minutes in debug.
@Test func tinyStudyWritesAFullCSVWithFiniteEntropiesAndResumes() throws {
  let corpus = Corpus.repositoryFolder()
  let output = FileManager.default.temporaryDirectory.appendingPathComponent(
    "study-e2e-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: output) }
  var configuration = StudyConfiguration(
    evalFile: corpus.appendingPathComponent("test.jsonl"), corpusFolder: corpus, output: output)
  configuration.models = ["smollm"]
  configuration.ks = [0, 1, 2]
  configuration.limit = 2
  configuration.windTunnelTrials = 2
  try Study(configuration: configuration).run { _ in }

  let text = try String(contentsOf: output.appendingPathComponent("results.csv"), encoding: .utf8)
  let table = CSV.parse(text)
  #expect(table.first == StudyRow.header)
  // 2 questions × 2 selections × 3 values of k.
  #expect(table.count == 1 + 12)
  #expect(table.allSatisfy { $0.count == StudyRow.header.count })
  let rows = try StudyResultsFile.rows(at: output.appendingPathComponent("results.csv"))
  for row in rows {
    #expect(row.rawEntropy.isFinite && row.rawEntropy >= 0, "\(row.key)")
    #expect(row.goldLog2Prob.isFinite && row.goldLog2Prob <= 0, "\(row.key)")
    #expect(row.goldProbability > 0 && row.goldProbability <= 1, "\(row.key)")
    if row.goldInGrammar {
      #expect(row.maskedEntropy.isFinite && row.maskedEntropy >= 0, "\(row.key)")
    }
    #expect(row.exampleIDs.count == row.key.k)
    #expect(!row.exampleIDs.contains(row.key.questionID))
  }
  // Smaller-k prompts are prefixes of larger ones: the example lists nest.
  for id in Set(rows.map(\.key.questionID)) {
    for selection in ["retrieved", "random"] {
      let lists = rows.filter { $0.key.questionID == id && $0.key.selection == selection }
        .sorted { $0.key.k < $1.key.k }.map(\.exampleIDs)
      #expect(lists.count == 3)
      #expect(Array(lists[2].prefix(1)) == lists[1])
    }
  }
  let wind = try WindTunnelReport.load(output.appendingPathComponent("windtunnel.csv"))
  #expect(wind.count == 1 && wind[0].measurements.count == 6)
  for m in wind[0].measurements {
    #expect(m.klBits >= 0 && m.klBits.isFinite)
    if m.k == 0 { #expect(abs(m.exactEntropy - 3) < 1e-12) }
  }
  let report = try String(
    contentsOf: output.appendingPathComponent("report.md"), encoding: .utf8)
  #expect(report.contains("### smollm"))
  #expect(
    FileManager.default.fileExists(atPath: output.appendingPathComponent("accuracy_vs_k.svg").path))

  // A second run finds every cell done and adds nothing.
  try Study(configuration: configuration).run { _ in }
  #expect(try StudyResultsFile.rows(at: output.appendingPathComponent("results.csv")).count == 12)
}
