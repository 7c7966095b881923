import Foundation
import Generator
import Retriever

/// How the study picks a question's examples.
public enum ExampleSelectionMode: String, CaseIterable, Sendable {
  /// The retriever's k most similar pool questions (masked question against masked question).
  case retrieved
  /// k pool pairs drawn without replacement, seeded by the study seed and the question id.
  case random
}

/// The retrieval pool and the per-question example lists.
///
/// Both modes return a ranked list once, for the largest k; a prompt with k examples takes its
/// first k. The k-example prompt is therefore a prefix of the (k+1)-example prompt up to the
/// question, and the generator's KV cache carries every shared example from one k to the next.
/// The price: the most similar example comes first, furthest from the question.
public struct StudyExamples: Sendable {
  public let pool: [StudyItem]
  let index: ExampleIndex
  let embedder: SentenceEmbedder

  public init(pool: [StudyItem], embedder: SentenceEmbedder) throws {
    self.pool = pool
    self.embedder = embedder
    let examples = pool.map {
      Example(
        text: $0.maskedQuestion, payload: $0.id, skeleton: DSLSkeleton.of($0.maskedGoldDSL))
    }
    index = try ExampleIndex(examples: examples, embedder: embedder, name: "study-pool")
  }

  /// The ranked examples for `item` (never the item itself, nor a pool pair with its question).
  public func ranked(
    for item: StudyItem, mode: ExampleSelectionMode, count: Int, seed: UInt64
  ) -> [StudyItem] {
    let excluded = Set(
      pool.indices.filter { pool[$0].id == item.id || pool[$0].question == item.question })
    switch mode {
    case .retrieved:
      return index.search(embedder.embed(item.maskedQuestion), k: count, excluding: excluded)
        .map { pool[$0.index] }
    case .random:
      var rng = SeededRandom(seed: seed ^ Self.stableHash(item.id))
      let candidates = pool.indices.filter { !excluded.contains($0) }.shuffled(using: &rng)
      return candidates.prefix(count).map { pool[$0] }
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

extension StudyItem {
  /// The item as a prompt example: masked question and masked query.
  public var fewShot: FewShotExample {
    FewShotExample(question: maskedQuestion, dsl: maskedGoldDSL)
  }
}
