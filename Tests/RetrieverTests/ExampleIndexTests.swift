import Foundation
import Testing

@testable import Retriever

private let embedderForIndex = Result { try SentenceEmbedder(modelDirectory: modelDirectory()) }

/// A small pool: three near-duplicate "most sixes" questions sharing one skeleton, and others.
private let pool: [Example] = [
  Example(
    text: "most sixes by <PLAYER> in <YEAR>", payload: "0", skeleton: "top batters sixes year"),
  Example(
    text: "most sixes hit by <PLAYER> in <YEAR>", payload: "1", skeleton: "top batters sixes year"),
  Example(
    text: "most sixes for <PLAYER> during <YEAR>", payload: "2", skeleton: "top batters sixes year"),
  Example(text: "most sixes by <TEAM> batters", payload: "3", skeleton: "top batters sixes team"),
  Example(text: "highest score at <VENUE>", payload: "4", skeleton: "top batters highscore venue"),
  Example(
    text: "best bowling economy in <YEAR>", payload: "5", skeleton: "top bowlers economy year"),
  Example(
    text: "most wickets by <PLAYER> against <TEAM>", payload: "6",
    skeleton: "top bowlers wickets opp"),
  Example(
    text: "<PLAYER> batting average in <FORMAT>", payload: "7", skeleton: "player average format"),
]

@Suite("Example index: cache, ranking and diversity")
struct ExampleIndexTests {
  @Test("the cache is written, reused, and rebuilt when a text changes or the file is corrupt")
  func cacheLifecycle() throws {
    let embedder = try embedderForIndex.get()
    let directory = try temporaryDirectory()
    let first = try ExampleIndex(examples: pool, embedder: embedder, cacheDirectory: directory)
    #expect(!first.loadedFromCache)
    let second = try ExampleIndex(examples: pool, embedder: embedder, cacheDirectory: directory)
    #expect(second.loadedFromCache)
    #expect(second.embeddings == first.embeddings)

    var changed = pool
    changed[4].text = "highest score by <PLAYER> at <VENUE>"
    let third = try ExampleIndex(examples: changed, embedder: embedder, cacheDirectory: directory)
    #expect(!third.loadedFromCache)
    #expect(third.embeddings.row(4) != first.embeddings.row(4))
    // Unchanged texts embed the same (not bit for bit: sgemm blocks by batch size).
    #expect(cosine(Array(third.embeddings.row(3)), Array(first.embeddings.row(3))) > 0.99999)

    let file = directory.appendingPathComponent("examples.embeddings")
    let bytes = try Data(contentsOf: file)
    try bytes.prefix(bytes.count - 4).write(to: file)
    let fourth = try ExampleIndex(examples: changed, embedder: embedder, cacheDirectory: directory)
    #expect(!fourth.loadedFromCache)
    #expect(fourth.embeddings == third.embeddings)
    #expect(try Data(contentsOf: file).count == bytes.count)
  }

  @Test("top-k ranks by cosine, highest first; equal texts tie to the lower index")
  func ranking() throws {
    let embedder = try embedderForIndex.get()
    let examples = pool + [pool[5]]  // index 8 duplicates index 5
    let index = try ExampleIndex(examples: examples, embedder: embedder, cacheDirectory: nil)
    let matches = index.search("best bowling economy in <YEAR>", embedder: embedder, k: 4)
    #expect(matches.map(\.index).prefix(2) == [5, 8])
    #expect(abs(matches[0].similarity - 1) < 1e-5)
    #expect(zip(matches, matches.dropFirst()).allSatisfy { $0.similarity >= $1.similarity })
    let again = index.search("best bowling economy in <YEAR>", embedder: embedder, k: 4)
    #expect(again == matches)
  }

  @Test("MMR and skeleton coverage avoid the near-duplicates plain similarity picks")
  func diversity() throws {
    let embedder = try embedderForIndex.get()
    let index = try ExampleIndex(examples: pool, embedder: embedder, cacheDirectory: nil)
    let query = "most sixes by <PLAYER> in <YEAR> in <FORMAT>"
    func skeletons(_ selection: ExampleSelection) -> Set<String> {
      Set(
        index.search(query, embedder: embedder, k: 3, selection: selection).map(\.example.skeleton))
    }
    let plain = index.search(query, embedder: embedder, k: 3)
    #expect(Set(plain.map(\.index)) == [0, 1, 2], "plain top 3: \(plain.map(\.index))")
    #expect(skeletons(.similarity).count == 1)
    #expect(skeletons(.skeletonCoverage()).count == 3)
    #expect(skeletons(.maximalMarginalRelevance(lambda: 0.5)).count >= 2)
    // The first pick is always the most similar, whatever the selection.
    let covered = index.search(query, embedder: embedder, k: 3, selection: .skeletonCoverage())
    #expect(covered.first?.index == plain.first?.index)
    // lambda = 1 is plain similarity.
    let pure = index.search(
      query, embedder: embedder, k: 3, selection: .maximalMarginalRelevance(lambda: 1))
    #expect(pure == plain)
  }

  @Test("recall@k counts a query as found when a chosen example shares its skeleton")
  func recall() throws {
    let embedder = try embedderForIndex.get()
    let index = try ExampleIndex(examples: pool, embedder: embedder, cacheDirectory: nil)
    let queries = [
      RetrievalEvaluation.Query(
        text: "most sixes by <TEAM> batters in <YEAR>", skeleton: "top batters sixes team"),
      RetrievalEvaluation.Query(
        text: "<PLAYER> average in <FORMAT> cricket", skeleton: "player average format"),
      RetrievalEvaluation.Query(text: "who umpired the final", skeleton: "no such skeleton"),
    ]
    let plain = RetrievalEvaluation.recall(
      index: index, queries: queries, embedder: embedder, ks: [1, 8], selection: .similarity)
    #expect(plain[8] == 2.0 / 3.0)
    #expect((plain[1] ?? 1) <= (plain[8] ?? 0))
  }
}
