import DSL
import Foundation
import Generator
import Retriever

/// How the study picks a question's examples.
public enum ExampleSelectionMode: String, CaseIterable, Sendable {
  /// The product's choice: the retriever's k most similar pool questions (masked question
  /// against masked question, `ExamplePool.index`).
  case retrieved
  /// k pool examples drawn without replacement; one draw (seeded by the study seed and the
  /// draw's number) serves `StudyExamples.questionsPerRandomDraw` consecutive questions.
  case random
}

/// The product's example pool and the per-question example lists.
///
/// Both modes return a ranked list once, for the largest k; a prompt with k examples takes its
/// first k in rank order, as `QuestionAnswerer` does (most similar first). The k-example prompt
/// is therefore a prefix of the (k+1)-example prompt up to the question, and the generator's KV
/// cache carries every shared example from one k to the next.
public struct StudyExamples: Sendable {
  public let pool: ExamplePool
  let embedder: SentenceEmbedder
  /// Consecutive questions sharing one random draw. Sharing lets the random arm's KV cache keep
  /// the examples across questions (a cell then feeds only its question, not k examples); 20
  /// draws over 200 questions still vary the examples. Bootstrap intervals over questions treat
  /// the questions as independent, so they understate the random arm's spread a little.
  public static let questionsPerRandomDraw = 10

  public init(pool: ExamplePool, embedder: SentenceEmbedder) {
    self.pool = pool
    self.embedder = embedder
  }

  /// The ranked examples for `item`, never one with the item's question; `draw` numbers the
  /// random draw (`questionsPerRandomDraw`).
  public func ranked(
    for item: StudyItem, mode: ExampleSelectionMode, count: Int, seed: UInt64, draw: Int
  ) -> [MaskedExample] {
    let examples = pool.examples
    let excluded = Set(
      examples.indices.filter {
        examples[$0].id == item.id || examples[$0].question == item.question
      })
    switch mode {
    case .retrieved:
      return pool.index.search(
        embedder.embed(item.understood.masked), k: count, excluding: excluded
      ).map { examples[Int($0.example.payload) ?? $0.index] }
    case .random:
      var rng = SeededGenerator(seed: seed ^ Self.stableHash("random draw \(draw)"))
      let shuffled = examples.indices.shuffled(using: &rng)
      return shuffled.lazy.filter { !excluded.contains($0) }.prefix(count).map { examples[$0] }
    }
  }

  /// FNV-1a 64 of a string: stable across runs and platforms (Swift's `hashValue` is not).
  static func stableHash(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}

extension MaskedExample {
  /// The example as the prompt shows it: masked question and masked query.
  var fewShot: FewShotExample { FewShotExample(question: maskedQuestion, dsl: maskedDSL) }
}
