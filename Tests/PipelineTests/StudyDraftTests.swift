import DSL
import Foundation
import Generator
import Retriever
import Testing
import Understanding

@testable import Pipeline

/// The study drafts the gold query for speculative greedy decoding; that must change nothing
/// but the cost. Qwen, the first 2 test questions, k ∈ {0, 2}, both selections, with and
/// without the draft: every row is the same except the timings. Needs `scripts/setup`; run in
/// release (`swift test -c release -Xswiftc -enable-testing --filter StudyDraft`).
@Test func studyDraftEquivalenceGoldDraftLeavesEveryCellUnchanged() throws {
  let corpus = Corpus.repositoryFolder()
  var configuration = StudyConfiguration(
    evalFile: corpus.appendingPathComponent("test.jsonl"), corpusFolder: corpus,
    output: FileManager.default.temporaryDirectory)
  configuration.limit = 2
  let study = Study(configuration: configuration)
  let linker = try QuestionLinker.load(aliases: corpus.appendingPathComponent("aliases"))
  let items = try study.questions(linker: linker) { _ in }
  let embedder = try SentenceEmbedder()
  let pool = try ExamplePool(
    files: ExamplePool.trainFiles(in: corpus), linker: linker, embedder: embedder)
  let examples = StudyExamples(pool: pool, embedder: embedder)
  let executor = try DSLExecutor()
  let generator = try StudyRunner.loadGenerator("qwen")

  func rows(draftingGold: Bool) throws -> (rows: [StudyRow], accepted: Int) {
    // A fresh cache: the prompt is then fed in the same batches in both runs.
    generator.clearPrefixCache()
    let runner = StudyRunner(
      modelName: "qwen", generator: generator,
      builder: PromptBuilder(tokenizer: generator.tokenizer), executor: executor,
      examples: examples)
    runner.draftsGold = draftingGold
    var out: [StudyRow] = []
    try runner.run(
      items: items, ks: [0, 2], selections: [.retrieved, .random], seed: 1, done: []
    ) { row in
      var untimed = row
      untimed.generateSeconds = 0
      untimed.scoreSeconds = 0
      out.append(untimed)
    }
    return (out, runner.cost.acceptedDraftTokens)
  }

  let plain = try rows(draftingGold: false)
  let drafted = try rows(draftingGold: true)
  #expect(plain.rows.count == 2 * 2 * 2)
  #expect(drafted.accepted > plain.accepted, "the gold draft was never accepted")
  for (a, b) in zip(plain.rows, drafted.rows) {
    #expect(a.fields == b.fields, "\(a.key)")
  }
}
